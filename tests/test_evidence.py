"""The derived evidence grade: primary / corroborated / single_outlet, from cited sources only."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from analysis.evidence import SourceInfo, grade
from analysis.ingest import build, collect
from analysis.paths import Paths

OUTLET_A = SourceInfo("outlet", "Kyiv Independent")
OUTLET_B = SourceInfo("outlet", "Interfax-Ukraine")


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ([SourceInfo("primary", "OHCHR")], "primary"),
        ([SourceInfo("aggregator", "MENAFN"), SourceInfo("primary", "UN")], "primary"),
        ([OUTLET_A, OUTLET_B], "corroborated"),
        ([OUTLET_A, SourceInfo("outlet", " kyiv independent ")], "single_outlet"),
        ([OUTLET_A, SourceInfo("aggregator", "Yahoo News")], "single_outlet"),
        ([SourceInfo("aggregator", "A"), SourceInfo("aggregator", "B")], "single_outlet"),
        ([OUTLET_A, SourceInfo("outlet", None)], "single_outlet"),
        ([SourceInfo(None, None)], "single_outlet"),
        ([], "single_outlet"),
    ],
)
def test_grade_per_case(sources: list[SourceInfo], expected: str) -> None:
    assert grade(sources) == expected


def _sources(ledger: Path, rows: list[tuple[str, str, str]]) -> None:
    """Rewrite sources.csv with (url, publisher, tier) rows."""
    lines = ["url,publisher,title,published,tier,notes"]
    lines += [f"{url},{publisher},A title,,{tier}," for url, publisher, tier in rows]
    (ledger / "sources.csv").write_text("\n".join(lines) + "\n")


def test_ingest_derives_evidence_from_sources_csv(project: Paths) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    _sources(
        ledger,
        [
            ("https://ir-ia.com/news/207-ukrainians-and-195-russians-return-home-in-latest-prisoner-swap", "IR-IA", "aggregator"),
            ("https://euromaidanpress.com/2024/01/31/ukraine-returns-home-207-pows-photos", "Euromaidan Press", "outlet"),
            ("https://en.trend.az/world/4048534.html", "Coordination HQ (repost)", "primary"),
        ],
    )  # fmt: skip
    result = build(collect(project), project.root)
    events = result.tables["events"].filter(pl.col("figure_id").is_in(["E0001", "E0002"]))
    assert dict(events.select("figure_id", "evidence").rows()) == {
        "E0001": "single_outlet",  # IR-IA (aggregator) + Euromaidan Press (outlet)
        "E0002": "single_outlet",  # The Hindu has no sources.csv row: tier unknown
    }
    totals = dict(result.tables["totals"].select("total_id", "evidence").rows())
    assert totals == {"T0001": "single_outlet", "T0002": "primary"}
    assert result.tables["sources"].filter(pl.col("tier") == "primary")["url"].to_list() == [
        "https://en.trend.az/world/4048534.html"
    ]


def test_two_outlets_of_distinct_publishers_corroborate(project: Paths) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    _sources(
        ledger,
        [
            ("https://ir-ia.com/news/207-ukrainians-and-195-russians-return-home-in-latest-prisoner-swap", "IR-IA", "outlet"),
            ("https://euromaidanpress.com/2024/01/31/ukraine-returns-home-207-pows-photos", "Euromaidan Press", "outlet"),
        ],
    )  # fmt: skip
    events = build(collect(project), project.root).tables["events"]
    assert events.filter(pl.col("figure_id") == "E0001")["evidence"].to_list() == ["corroborated"]
