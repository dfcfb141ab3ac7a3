"""The derived evidence grade: primary / corroborated / single_outlet, from cited sources only."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.config import Paths
from analysis.evidence import SourceInfo, grade
from analysis.ingest.collect import build, collect

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


IR_IA = "https://ir-ia.com/news/207-ukrainians-and-195-russians-return-home-in-latest-prisoner-swap"
EUROMAIDAN = "https://euromaidanpress.com/2024/01/31/ukraine-returns-home-207-pows-photos"
TREND = "https://en.trend.az/world/4048534.html"


def _grades(project: Paths, tiers: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Rewrite sources.csv as url -> (publisher, tier), ingest, return id -> evidence per table."""
    lines = ["url,publisher,title,published,tier,notes"]
    lines += [f"{url},{pub},A title,,{tier}," for url, (pub, tier) in tiers.items()]
    (project.root / "data" / "raw" / "ledger" / "sources.csv").write_text("\n".join(lines) + "\n")
    result = build(collect(project), project.root)
    return {
        table: dict(result.tables[table].select(result.tables[table].columns[0], "evidence").rows())
        for table in ("events", "totals")
    }


def test_ingest_derives_evidence_from_sources_csv(project: Paths) -> None:
    grades = _grades(
        project,
        {IR_IA: ("IR-IA", "aggregator"), EUROMAIDAN: ("Euromaidan Press", "outlet"),
         TREND: ("Coordination HQ (repost)", "primary")},
    )  # fmt: skip
    assert grades["events"]["E0001"] == "single_outlet"  # IR-IA (aggregator) + Euromaidan Press
    assert (
        grades["events"]["E0002"] == "single_outlet"
    )  # The Hindu: no sources.csv row, tier unknown
    assert grades["totals"] == {"T0001": "single_outlet", "T0002": "primary"}


def test_two_outlets_of_distinct_publishers_corroborate(project: Paths) -> None:
    grades = _grades(
        project, {IR_IA: ("IR-IA", "outlet"), EUROMAIDAN: ("Euromaidan Press", "outlet")}
    )
    assert grades["events"]["E0001"] == "corroborated"
    assert grades["totals"]["T0001"] == "single_outlet"  # cites IR-IA only


def test_sources_table_carries_the_tier(project: Paths) -> None:
    lines = "url,publisher,title,published,tier,notes\n" + f"{TREND},Trend,T,,primary,\n"
    (project.root / "data" / "raw" / "ledger" / "sources.csv").write_text(lines)
    sources = build(collect(project), project.root).tables["sources"]
    assert sources.filter(pl.col("tier") == "primary")["url"].to_list() == [TREND]
