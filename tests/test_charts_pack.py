"""chart_pack(): every chart of a period in one multi-page PDF with metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import charts_frames as frames
from analysis import charts


def test_pack_has_one_page_per_chart_at_its_preset_size(tmp_path: Path) -> None:
    pack = [
        charts.cumulative(frames.cumulative(), sources=["Ukrinform"]),
        charts.timeline(frames.events(), sources=frames.sources(), preset="print-column"),
        charts.delivery(frames.delivery(), sources=["TASS"]),
    ]
    path = charts.chart_pack(pack, tmp_path / "pack.pdf", title="Chart pack, June 2025")
    reader = PdfReader(path)
    sizes = [v for p in reader.pages for v in (float(p.mediabox.width), float(p.mediabox.height))]
    assert sizes == pytest.approx([460.8, 324.0, 89 / 25.4 * 72, 70 / 25.4 * 72, 460.8, 324.0])
    assert reader.metadata.title == "Chart pack, June 2025"
    assert reader.metadata.subject == (
        "People returned alive in exchanges; Exchanges and repatriations; "
        "Delivery of the agreed exchanges"
    )
    assert reader.metadata["/Keywords"].startswith("Sources: Ukrinform, TASS; as of 2025-06-14; ")
    for page in reader.pages:  # fonts embedded as TrueType (Type 42) on every page
        fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
        assert {f["/BaseFont"].split("+")[-1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_pack_redraws_every_page_at_one_preset(tmp_path: Path) -> None:
    pack = [charts.asymmetry(frames.asymmetry()), charts.per_period(frames.per_period())]
    reader = PdfReader(charts.chart_pack(pack, tmp_path / "p.pdf", preset="print-page"))
    sizes = [v for p in reader.pages for v in (float(p.mediabox.width), float(p.mediabox.height))]
    assert sizes == pytest.approx([183 / 25.4 * 72, 120 / 25.4 * 72] * 2)
