"""The bundled ledger: complete, consistent and fully sourced."""

from __future__ import annotations

import csv
import datetime as dt
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


def _figure(events: pl.DataFrame, event_id: str, received_by: str, claimant: str) -> dict:
    """The one current row of an event for a receiving side and claimant."""
    rows = events.filter(
        (pl.col("event_id") == event_id)
        & (pl.col("received_by") == received_by)
        & (pl.col("claimant") == claimant)
        & pl.col("is_current")
    )
    assert rows.height == 1, (event_id, received_by, claimant, rows.height)
    return rows.row(0, named=True)


@pytest.mark.parametrize(
    ("event_id", "received_by", "claimant", "count", "qualifier"),
    [
        ("2022-03-16-pow_exchange-melitopol_mayor", "ukraine", "Zarivna (President's Office)", 1, "exact"),
        ("2022-03-16-pow_exchange-melitopol_mayor", "russia", "Zarivna (President's Office); Moskalkova", 9, "exact"),
        # re-sample of 2026-12-01: Vereshchuk's 5 officers + 17 soldiers are the 22 who came home
        ("2022-04-14-pow_exchange", "russia", "Vereshchuk", None, "undisclosed"),
        ("2022-04-14-pow_exchange-kherson_local", "ukraine", "Operational Command South (Nazarov)", 5, "exact"),
        ("2022-06-08-body_repatriation", "ukraine", "Ministry for Reintegration", 50, "exact"),
        ("2022-06-28-pow_exchange", "ukraine", "Ukrainian Defence Intelligence (HUR)", 17, "exact"),
        ("2022-06-28-pow_exchange", "russia", "Ukrainian Defence Intelligence (HUR)", 15, "exact"),
        ("2022-10-26-pow_exchange", "ukraine", "Yermak; Coordination HQ", 10, "exact"),
        ("2022-10-26-pow_exchange", "russia", "Yermak; Coordination HQ", None, "undisclosed"),
        ("2023-09-15-body_repatriation", "ukraine", "Coordination HQ", 51, "exact"),
        ("2023-10-06-body_repatriation", "ukraine", "Coordination HQ", 64, "exact"),
        ("2024-09-26-child_return", "russia", "Lvova-Belova", 4, "exact"),
        ("2025-01-24-body_repatriation", "russia", "Saraliyev (via RBC)", 49, "exact"),
        ("2025-02-14-body_repatriation", "russia", "Saraliyev (via RBC)", 45, "exact"),
        ("2025-08-19-body_repatriation", "russia", "Medinsky", 19, "exact"),
        ("2025-10-10-child_return", "ukraine", "Melania Trump", 8, "at_most"),
        ("2025-11-22-civilian_return-belarus", "ukraine", "Coordination HQ; Eismont (Lukashenko spokeswoman)", 31, "exact"),
        ("2026-01-29-body_repatriation", "russia", "Medinsky; Saraliyev (via RBC)", 38, "exact"),
        ("2026-02-26-body_repatriation", "russia", "Medinsky", 35, "exact"),
        ("2026-03-06-civilian_return-kursk", "russia", "Moskalkova", 3, "exact"),
        ("2022-06-21-body_repatriation", "ukraine", "Ministry for Reintegration", 35, "exact"),
        ("2022-07-26-body_repatriation", "ukraine", "Ministry for Reintegration", 25, "exact"),
        ("2022-11-26-pow_exchange", "russia", "Russian MoD", 9, "exact"),
        ("2023-03-24-wounded_transfer", "russia", "Coordination HQ (Taraniuk)", 5, "exact"),
        ("2023-07-06-pow_exchange", "ukraine", "Yermak; Ministry for Reintegration", 45, "exact"),
        ("2024-11-08-body_repatriation", "russia", "Saraliyev (via RBC)", 37, "exact"),
        ("2025-05-16-body_repatriation", "russia", "Saraliyev (via RBC)", 34, "exact"),
        ("2025-06-09-pow_exchange-istanbul_all_for_all", "ukraine", "Medinsky", 250, "about"),
    ],
)  # fmt: skip
def test_rechecked_figures_of_2026_12_01(
    ledger: dict[str, pl.DataFrame],
    event_id: str,
    received_by: str,
    claimant: str,
    count: int | None,
    qualifier: str,
) -> None:
    """Figures added or corrected by the events re-check keep their page's count and wording."""
    row = _figure(ledger["events"], event_id, received_by, claimant)
    assert (row["count"], row["qualifier"]) == (count, qualifier)
    assert row["checked_on"] == dt.date(2026, 12, 1)


def test_recheck_corrections_hold(ledger: dict[str, pl.DataFrame]) -> None:
    """Dates, claimants and mediators fixed in place by the re-check (audit E0211, E0245)."""
    events = ledger["events"].filter(pl.col("is_current"))
    by_id = {r["figure_id"]: r for r in events.iter_rows(named=True)}
    assert by_id["E0245"]["date"] == dt.date(2023, 9, 15)
    assert by_id["E0087"]["date"] == by_id["E0088"]["date"] == dt.date(2023, 4, 26)
    assert by_id["E0087"]["date_precision"] == "day"
    assert by_id["E0016"]["claimant"] == "Zhyvytskyi (Sumy regional administration)"
    assert (by_id["E0252"]["claimant"], by_id["E0252"]["claimant_side"]) == ("Medinsky", "russia")
    assert (by_id["E0211"]["claimant"], by_id["E0211"]["claimant_side"]) == (
        "'I Want to Live' project (Ukraine)",
        "ukraine",
    )
    assert by_id["E0113"]["mediator"] == by_id["E0114"]["mediator"] == "UAE"
    assert {by_id[i]["claimant_side"] for i in ("E0106", "E0107", "E0110")} == {"third_party"}
    no_undisclosed_where_a_page_gives_it = ("E0152", "E0156", "E0165", "E0223", "E0229", "E0067")
    assert all(by_id[i]["qualifier"] == "exact" for i in no_undisclosed_where_a_page_gives_it)
    # E0027: the 22 of 14 April 2022 were received by Ukraine (30 with 8 civilians); Russia's side
    # was not given (re-sample of 2026-12-01)
    assert by_id["E0027"]["qualifier"] == "undisclosed"
    assert by_id["E0206"]["count"] == 8


def test_summed_headlines_say_so() -> None:
    """A count summed from stated parts starts its notes with the parts (METHODOLOGY rule)."""
    notes = {r["id"]: r["notes"] for r in _raw("events.csv")}
    assert notes["E0045"].startswith("SUM OF STATED PARTS: 55 Russian POWs + Medvedchuk (1)")
    assert notes["E0068"].startswith("SUM OF STATED PARTS: 64 soldiers + US citizen")


# Pages that gave a row's figure only as background to a later event (or not at all), replaced
# on 2026-12-01 by pages of the day that state it.
BACKGROUND_ONLY = {
    "E0121": "currenttime.tv/a/33163805",
    "E0199": "lenta.ru/news/2025/08/19",
    "E0089": "babel.ua/en/news/95472",
    "E0106": "dohanews.co",
    "E0152": "forbes.ru/society/530863",
    "E0235": "galweek.info",
    "E0263": "babel.ua/en/news/82845",
    "E0273": "newizv.ru",
    "E0283": "ukraine-retrieves-bodies-of-77",
    "E0080": "interfax.com.ua/news/general/901708",
    "C0023": "intellinews.com",
    "C0059": "61-800-russian-soldiers",
    "C0101": "fpi.today",
}


def test_rows_cite_a_page_of_the_figure_not_of_a_later_event() -> None:
    """The replaced citations stay gone, and each row cites at least one other page."""
    rows = {r["id"]: r for name in ("events.csv", "claims.csv") for r in _raw(name)}
    for row_id, fragment in BACKGROUND_ONLY.items():
        urls = rows[row_id]["source_urls"].split()
        assert urls and not [u for u in urls if fragment in u], (row_id, urls)
        assert rows[row_id]["checked_on"] == "2026-12-01", row_id
    assert {rows[i]["claimant"] for i in ("E0235", "E0236")} == {
        "Kim (Mykolaiv regional administration)"
    }
    assert (rows["C0023"]["metric"], rows["C0023"]["qualifier"]) == ("killed", "at_least")
    assert (rows["C0101"]["metric"], rows["C0101"]["supersedes"]) == ("casualties", "C0023")
