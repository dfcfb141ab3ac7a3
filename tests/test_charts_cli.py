"""`analysis export`: standard charts from the processed tables, and the chart pack."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

from analysis.config import Paths
from analysis.errors import ExitCode
from cli_runner import run


@pytest.fixture
def ingested(project: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    """The bundled ledger, ingested into a throwaway project."""
    assert run(["ingest"], capsys)[0] == 0
    return project


def test_export_one_chart_in_two_formats(ingested: Paths, tmp_path: Path, capsys) -> None:
    out = tmp_path / "charts"
    code, stdout, _ = run(["export", "cumulative", "--preset", "web", "--format", "svg",
                           "--format", "png", "--out", str(out)], capsys)  # fmt: skip
    assert code == 0, stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "cumulative.alt.txt", "cumulative.csv", "cumulative.png", "cumulative.svg",
    ]  # fmt: skip
    assert struct.unpack(">II", (out / "cumulative.png").read_bytes()[16:24]) == (1280, 900)
    data = pl.read_csv(out / "cumulative.csv", try_parse_dates=True)
    latest = data.filter(pl.col("period") == data["period"].max()).select(
        "received_by", "cumulative"
    )
    assert latest.rows() == [("ukraine", 1207), ("russia", 1195)]  # living people only
    alt = (out / "cumulative.alt.txt").read_text(encoding="utf-8")
    assert alt.startswith("People returned alive in exchanges.")
    assert "The chart covers 1 January 2024 to 25 May 2025." in alt  # the data's end
    assert (
        "Latest value: Ukraine 1,207 on 1 May 2025, a partial period: 1 May 2025 to 25 May 2025; "
        "Russia 1,195 on 1 May 2025, a partial period: 1 May 2025 to 25 May 2025." in alt
    )
    assert (
        "Partial period(s), not every day covered: 31 January 2024 only, 1 May 2025 to 25 May 2025."
        in alt
    )
    today = dt.date.today()
    assert alt.endswith(f"Data to 25 May 2025 · Published {today:%-d %B %Y}.\n")  # default: today


def test_export_body_repatriations_on_their_own(ingested: Paths, tmp_path: Path, capsys) -> None:
    code, stdout, _ = run(["export", "cumulative_bodies", "--format", "png", "--out", str(tmp_path)],
                          capsys)  # fmt: skip
    assert code == 0, stdout
    data = pl.read_csv(tmp_path / "cumulative_bodies.csv", try_parse_dates=True)
    latest = data.filter(pl.col("period") == data["period"].max()).select(
        "received_by", "cumulative"
    )
    assert latest.rows() == [("ukraine", 2412), ("russia", 27)]  # 1,212 + 1,200 and 27 + 0
    alt = (tmp_path / "cumulative_bodies.alt.txt").read_text(encoding="utf-8")
    assert alt.startswith("Bodies repatriated.")


def test_export_with_a_period_and_print_preset(ingested: Paths, tmp_path: Path, capsys) -> None:
    code, _, _ = run(["export", "asymmetry", "--preset", "print-column", "--format", "pdf",
                      "--start", "2025-06-01", "--end", "2025-06-30", "--out", str(tmp_path)], capsys)  # fmt: skip
    assert code == 0
    page = PdfReader(tmp_path / "asymmetry.pdf").pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (89 / 25.4 * 72, 70 / 25.4 * 72)
    )
    dates = pl.read_csv(tmp_path / "asymmetry.csv", try_parse_dates=True)["date"]
    assert str(dates.min()) >= "2025-06-01" and str(dates.max()) <= "2025-06-30"


def test_export_end_bounds_the_data_and_published_names_the_day(
    ingested: Paths, tmp_path: Path, capsys
) -> None:
    """--end cuts the data; the "Published" line is --published (never the data's end)."""
    code, stdout, _ = run(["export", "timeline", "--format", "png", "--end", "2025-06-30",
                           "--published", "2026-12-02", "--out", str(tmp_path)], capsys)  # fmt: skip
    assert code == 0, stdout
    alt = (tmp_path / "timeline.alt.txt").read_text(encoding="utf-8")
    assert alt.endswith(" · Published 2 December 2026.\n")
    assert "Published 30 June 2025" not in alt
    code, _, err = run(["export", "timeline", "--published", "2 Dec", "--out", str(tmp_path)], capsys)
    assert code == ExitCode.USAGE
    assert "--published" in err and "YYYY-MM-DD" in err


def test_export_pack_holds_every_standard_chart(ingested: Paths, tmp_path: Path, capsys) -> None:
    code, stdout, _ = run(["export", "pack", "--out", str(tmp_path)], capsys)
    assert code == 0
    assert (
        "7 pages: cumulative, cumulative_bodies, per_period, timeline, asymmetry, delivery, claims"
        in stdout
    )
    assert len(PdfReader(tmp_path / "chart-pack.pdf").pages) == 7


def test_export_without_data_or_with_bad_names(project: Paths, tmp_path: Path, capsys) -> None:
    code, _, err = run(["export", "cumulative", "--out", str(tmp_path)], capsys)
    assert code == ExitCode.MISSING_DATA
    assert "run `analysis ingest` first" in err
    code, _, _ = run(["ingest"], capsys)
    code, _, err = run(
        ["export", "cumulative", "--start", "2030-01-01", "--out", str(tmp_path)], capsys
    )
    assert code == ExitCode.MISSING_DATA
    assert err.strip() == "error: no completed pow_exchange, civilian_return, wounded_transfer, child_return events between 2030-01-01 and the end"
    code, _, err = run(["export", "piechart", "--out", str(tmp_path)], capsys)
    assert code == ExitCode.USAGE
    assert (
        "'piechart' is not one of cumulative, cumulative_bodies, per_period, timeline, asymmetry, delivery, claims, personnel_vs_named, all, pack"
        in err
    )
