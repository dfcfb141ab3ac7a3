"""The bundled ledger: complete, consistent and fully sourced."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from analysis import ingest, schema, tables
from analysis.config import Paths
from analysis.ingest.adapters.base import url_source_id

LEDGER = Path(__file__).resolve().parents[1] / "data" / "raw" / "ledger"


@pytest.fixture
def ledger(bundled_project: Paths) -> dict[str, pl.DataFrame]:
    """The bundled ledger ingested into a throwaway project."""
    result = ingest.ingest(bundled_project)
    assert result.quarantined == 0, result.quarantine
    return tables.load_all(bundled_project.processed.resolve())


def _raw(name: str) -> list[dict[str, str]]:
    with (LEDGER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ingest_quarantines_nothing_and_holds_the_reference(
    ledger: dict[str, pl.DataFrame],
) -> None:
    events = ledger["events"].filter(pl.col("status") == "completed")
    handovers = events.select("event_id", "stage").unique()
    assert handovers.height >= 119
    assert ledger["claims"].height >= 99
    assert ledger["totals"].height >= 40
    assert ledger["quarantine"].height == 0


def test_every_reference_event_date_is_in_the_ledger(
    ledger: dict[str, pl.DataFrame], shared_reference: Path
) -> None:
    with (shared_reference / "exchanges.csv").open(encoding="utf-8", newline="") as handle:
        wanted = {(r["date"], r["event_type"]) for r in csv.DictReader(handle)}
    rename = {"civilian_release": "civilian_return", "wounded_exchange": "wounded_transfer",
              "children_returned": "child_return"}  # fmt: skip
    have = set(ledger["events"].select(pl.col("date").cast(pl.String), "event_type").iter_rows())
    missing = {(d, rename.get(t, t)) for d, t in wanted} - have
    assert missing == set()


def test_no_duplicate_figures(ledger: dict[str, pl.DataFrame]) -> None:
    keys = ["event_id", "stage", "received_by", "claimant", "status"]
    events = ledger["events"].filter(pl.col("is_current"))
    assert events.filter(pl.len().over(keys) > 1).height == 0
    ids = [r["id"] for name in ("events.csv", "claims.csv", "totals.csv") for r in _raw(name)]
    assert len(ids) == len(set(ids))


def test_each_event_has_one_date_and_type_per_stage(ledger: dict[str, pl.DataFrame]) -> None:
    per_stage = (
        ledger["events"]
        .group_by("event_id", "stage")
        .agg(
            pl.col("date").n_unique().alias("dates"), pl.col("event_type").n_unique().alias("types")
        )
    )
    assert per_stage.filter((pl.col("dates") > 1) | (pl.col("types") > 1)).height == 0


def test_vocabularies(ledger: dict[str, pl.DataFrame]) -> None:
    for name in ("events", "claims", "totals"):
        table = schema.TABLES[name]
        for field in table.fields:
            if field.enum:
                values = set(ledger[name][field.name].drop_nulls().to_list())
                assert values <= set(field.enum), (name, field.name, values - set(field.enum))
    from analysis.reconcile import SERIES, STOCKS

    assert set(ledger["totals"]["series"].to_list()) <= set(SERIES) | set(STOCKS)


def test_agreement_and_supersession_links_point_at_existing_rows(
    ledger: dict[str, pl.DataFrame],
) -> None:
    events = ledger["events"]
    agreements = set(events.filter(pl.col("status") == "agreed")["event_id"].to_list())
    linked = set(events["agreement_id"].drop_nulls().to_list())
    assert linked <= agreements
    for name, key in (("events", "figure_id"), ("claims", "claim_id")):
        frame = ledger[name]
        targets = set(frame["supersedes"].drop_nulls().to_list())
        assert targets <= set(frame[key].to_list())
        assert frame.filter(~pl.col("is_current"))[key].to_list() == sorted(targets)


def test_every_row_is_sourced_and_every_source_is_listed_once(
    ledger: dict[str, pl.DataFrame],
) -> None:
    cited: set[str] = set()
    for name in ("events.csv", "claims.csv", "totals.csv"):
        for row in _raw(name):
            urls = row["source_urls"].split()
            assert urls, (name, row["id"])
            assert all(u.startswith(("https://", "http://")) for u in urls)
            cited.update(urls)
    sources = ledger["sources"]
    assert sources["source_id"].n_unique() == sources.height
    assert set(sources["source_id"].to_list()) == {url_source_id(u) for u in cited}
    listed = [r["url"] for r in _raw("sources.csv")]
    assert len(listed) == len(set(listed)) and set(listed) <= cited


def test_bundled_sources_are_named_rated_and_none_is_blocked() -> None:
    """Every cited URL has a sources.csv row with publisher, title and tier; none is blocked."""
    import csv

    from analysis.evidence import blocked_by, parse_blocklist

    folder = Path(__file__).resolve().parents[1] / "data" / "raw" / "ledger"
    with (folder / "blocked_domains.csv").open(newline="", encoding="utf-8") as fh:
        blocklist, problems = parse_blocklist(
            (i + 2, r, None) for i, r in enumerate(csv.DictReader(fh))
        )
    assert problems == []
    with (folder / "sources.csv").open(newline="", encoding="utf-8") as fh:
        sources = {r["url"]: r for r in csv.DictReader(fh)}
    cited = set()
    for name in ("claims.csv", "totals.csv", "events.csv"):
        with (folder / name).open(newline="", encoding="utf-8") as fh:
            cited |= {u for r in csv.DictReader(fh) for u in r["source_urls"].split()}
    unnamed = [
        u
        for u in cited
        if not all(sources.get(u, {}).get(k) for k in ("publisher", "title", "tier"))
    ]
    assert unnamed == []
    blocked = sorted(
        u for u in cited if blocked_by(u, blocklist) or sources[u]["tier"] == "blocked"
    )
    assert blocked == []
