"""export(): exact sizes per preset, metadata and text in SVG/PDF/PNG, data CSV, alt text."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib.dates as mdates
import polars as pl
import pytest
from PIL import Image
from pypdf import PdfReader

import charts_frames as frames
from analysis import charts
from analysis.charts.export import package_version

SVG = "{http://www.w3.org/2000/svg}"
DC = "{http://purl.org/dc/elements/1.1/}"
EXPECTED_PIXELS = {
    "web": (1280, 900),
    "social": (1080, 1080),
    "print-column": (1051, 826),
    "print-page": (2161, 1417),
}
EXPECTED_POINTS = {  # mm / 25.4 * 72 for the print presets
    "web": (460.8, 324.0),
    "social": (777.6, 777.6),
    "print-column": (89 / 25.4 * 72, 70 / 25.4 * 72),
    "print-page": (183 / 25.4 * 72, 120 / 25.4 * 72),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cumulative chart exported in every format at the web preset."""
    chart = charts.cumulative(frames.cumulative(), sources=frames.sources())
    return charts.export(chart, "cumulative", tmp_path_factory.mktemp("web"))


@pytest.mark.parametrize("preset", sorted(EXPECTED_PIXELS))
def test_files_have_the_exact_size_of_the_preset(preset: str, tmp_path: Path) -> None:
    chart = charts.per_period(frames.per_period(), preset=preset)
    paths = charts.export(chart, "bars", tmp_path)
    assert struct.unpack(">II", paths["png"].read_bytes()[16:24]) == EXPECTED_PIXELS[preset]
    box = PdfReader(paths["pdf"]).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(EXPECTED_POINTS[preset], abs=1e-3)
    root = ET.parse(paths["svg"]).getroot()
    size = (
        float(root.get("width").removesuffix("pt")),
        float(root.get("height").removesuffix("pt")),
    )
    assert size == pytest.approx(EXPECTED_POINTS[preset], abs=1e-3)


def test_export_redraws_at_another_preset(tmp_path: Path) -> None:
    chart = charts.timeline(frames.events())
    paths = charts.export(chart, "tl", tmp_path, formats=("png",), preset="social")
    assert struct.unpack(">II", paths["png"].read_bytes()[16:24]) == (1080, 1080)
    assert chart.preset.name == "web"  # the original is left as it was


def test_svg_keeps_text_and_metadata(exported: dict[str, Path]) -> None:
    root = ET.parse(exported["svg"]).getroot()
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "People returned alive in exchanges" in texts
    assert "Sources: Ukrinform, TASS, bbc.com, Mediazona" in texts
    assert "Data to 1 April 2024" in texts
    meta: dict[str, str] = {}
    for el in root.iter():
        if el.tag.startswith(DC):
            meta.setdefault(el.tag.removeprefix(DC), (el.text or "").strip())
    assert meta["title"] == "People returned alive in exchanges"
    assert meta["source"] == "Sources: Ukrinform, TASS, bbc.com, Mediazona"
    assert meta["date"] == "2024-04-01"
    assert f"war-toll-analysis {package_version()}" in ET.tostring(root, encoding="unicode")


def test_pdf_metadata_text_and_truetype_fonts(exported: dict[str, Path]) -> None:
    reader = PdfReader(exported["pdf"])
    meta = reader.metadata
    assert meta.title == "People returned alive in exchanges"
    assert meta.subject == "Cumulative number of people received since 1 January 2024, by receiving side"
    assert meta["/Keywords"].startswith(
        "Sources: Ukrinform, TASS, bbc.com, Mediazona; as of 2024-04-01; war-toll-analysis "
    )
    assert meta.creator.startswith(f"war-toll-analysis {package_version()}")
    assert "/CreationDate" not in meta
    text = reader.pages[0].extract_text()
    assert "People returned alive in exchanges" in text
    assert "Data to 1 April 2024" in text
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert {f["/BaseFont"].split("+")[-1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    for font in fonts:  # Type 42: TrueType outlines embedded (FontFile2), not Type 3
        assert font["/Subtype"] == "/Type0"
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_png_metadata(exported: dict[str, Path]) -> None:
    info = Image.open(exported["png"]).text
    assert info["Title"] == "People returned alive in exchanges"
    assert info["Source"] == "Sources: Ukrinform, TASS, bbc.com, Mediazona"
    assert info["As of"] == "2024-04-01"
    assert info["Software"].startswith("war-toll-analysis ")


def test_alt_text_states_period_extremes_and_latest_value(exported: dict[str, Path]) -> None:
    assert exported["alt"].read_text(encoding="utf-8") == (
        "People returned alive in exchanges. Cumulative number of people received since "
        "1 January 2024, by receiving side. The chart covers 1 January 2024 to 1 April 2024. "
        "Highest: at least 1,307 (Ukraine, 1 April 2024). Lowest: 195 (Russia, 1 January 2024). "
        "Latest value: Ukraine at least 1,307 on 1 April 2024; Russia at least 1,195 on "
        "1 April 2024. Sources: Ukrinform, TASS, bbc.com, Mediazona. Data to 1 April 2024.\n"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("uk", "Графік охоплює період з 1 січня 2024 по 1 квітня 2024. Найбільше: щонайменше "
               "1\u00a0307 (Україна, 1 квітня 2024). Найменше: 195 (Росія, 1 січня 2024). Останнє "
               "значення: Україна щонайменше 1\u00a0307 станом на 1 квітня 2024; Росія щонайменше "
               "1\u00a0195 станом на 1 квітня 2024. Джерела: Ukrinform, TASS, bbc.com, Mediazona. "
               "Дані до 1 квітня 2024."),
        ("ru", "График охватывает период с 1 января 2024 по 1 апреля 2024. Наибольшее: не менее "
               "1\u00a0307 (Украина, 1 апреля 2024). Наименьшее: 195 (Россия, 1 января 2024). "
               "Последнее значение: Украина не менее 1\u00a0307 на 1 апреля 2024; Россия не менее "
               "1\u00a0195 на 1 апреля 2024. Источники: Ukrinform, TASS, bbc.com, Mediazona. "
               "Данные до 1 апреля 2024."),
    ],
)  # fmt: skip
def test_alt_text_is_in_the_chart_language(lang: str, expected: str) -> None:
    """A Ukrainian or Russian chart gets its alt text in that language, numbers and dates too."""
    chart = charts.cumulative(frames.cumulative(), sources=frames.sources(), lang=lang,
                              as_of=frames.D(2024, 4, 1))  # fmt: skip
    text = charts.alt_text(chart)
    assert text.endswith(expected), text
    assert text.startswith(f"{chart.title}. {chart.subtitle}.")


def test_alt_text_counts_undisclosed_figures() -> None:
    text = charts.alt_text(charts.timeline(frames.events()))
    assert "Latest value: Ukraine 1,212 on 11 June 2025; Russia 27 on 11 June 2025." in text
    assert "1 plotted figure(s) were not disclosed and are shown hatched." in text


def test_csv_reproduces_the_plotted_points(exported: dict[str, Path]) -> None:
    data = pl.read_csv(exported["csv"], try_parse_dates=True)
    assert data.columns == [
        "period", "received_by", "cumulative", "qualifier", "lower_bound", "partial", "line"
    ]  # fmt: skip
    assert data.select("received_by", "qualifier").rows() == [
        ("ukraine", "exact"), ("ukraine", "exact"), ("ukraine", "exact"), ("ukraine", "at_least"),
        ("russia", "exact"), ("russia", "at_least"), ("russia", "at_least"), ("russia", "at_least"),
    ]  # fmt: skip
    chart = charts.cumulative(frames.cumulative())
    for line in (line for line in chart.fig.axes[0].lines if str(line.get_gid()).startswith("line-")):
        side = line.get_gid().removeprefix("line-")
        rows = data.filter(pl.col("received_by") == side)
        assert [tuple(p) for p in line.get_xydata()] == [
            (mdates.date2num(d), float(v))
            for d, v in rows.select("period", "cumulative").iter_rows()
        ]


def test_exports_are_byte_stable(tmp_path: Path) -> None:
    first = charts.export(charts.asymmetry(frames.asymmetry()), "a", tmp_path / "1")
    second = charts.export(charts.asymmetry(frames.asymmetry()), "a", tmp_path / "2")
    for fmt in ("svg", "pdf", "png", "csv", "alt"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    chart = charts.delivery(frames.delivery())
    with pytest.raises(ValueError, match="unknown format\\(s\\) gif; formats are svg, pdf, png"):
        charts.export(chart, "d", tmp_path, formats=("png", "gif"))


def test_export_refuses_escaping_names_and_defuses_csv(tmp_path: Path) -> None:
    chart = charts.cumulative(frames.cumulative(), sources=frames.sources())
    with pytest.raises(ValueError, match="chart name '../evil' is not allowed"):
        charts.export(chart, "../evil", tmp_path, formats=("png",))
    assert not (tmp_path.parent / "evil.png").exists()
    chart.data = chart.data.with_columns(pl.lit('=HYPERLINK("http://x")').alias("note"))
    written = charts.export(chart, "safe", tmp_path, formats=("png",))
    assert pl.read_csv(written["csv"])["note"][0] == '\'=HYPERLINK("http://x")'
