"""Coverage: the declared/observed coverage table, and series that tell no data from nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from analysis import schema, series
from analysis.ingest import coverage as ingest_coverage
from analysis.series import coverage

D = dt.date
HEADER = "table,scope,complete_from,complete_to,searched,notes\n"


def _event(figure_id: str, day: dt.date, side: str, count: int | None, kind: str) -> dict:
    """One completed, current events row."""
    return {
        "figure_id": figure_id, "event_id": f"{day}-{kind}", "stage": None, "date": day,
        "date_precision": "day", "event_type": kind, "received_by": side, "count": count,
        "qualifier": "exact" if count is not None else "undisclosed", "status": "completed",
        "mediator": None, "claimant": "Coordination HQ", "claimant_side": side,
        "source_id": "s1", "source_ids": "s1", "agreement_id": None, "supersedes": None,
        "is_current": True, "notes": None,
    }  # fmt: skip


@pytest.fixture
def events() -> pl.DataFrame:
    """Bodies returned on 10 Jan, 5 Aug and 25 Aug 2025 and on 2 Mar 2026."""
    rows = [
        _event("E1", D(2025, 1, 10), "ukraine", 500, "body_repatriation"),
        _event("E2", D(2025, 8, 5), "ukraine", 1230, "body_repatriation"),
        _event("E3", D(2025, 8, 25), "russia", 20, "body_repatriation"),
        _event("E4", D(2026, 3, 2), "ukraine", 100, "body_repatriation"),
    ]
    return pl.DataFrame(rows, schema=schema.EVENTS.polars_schema)


def _coverage(rows: list[tuple[str, str, dt.date, dt.date]]) -> pl.DataFrame:
    """A coverage table from (table, scope, complete_from, complete_to)."""
    return pl.DataFrame(
        [(*r, None, "declared", None) for r in rows], schema=schema.COVERAGE.polars_schema,
        orient="row",
    )  # fmt: skip


@pytest.fixture
def cover() -> pl.DataFrame:
    """Bodies and POW swaps covered 2022-02-24..2026-03-06 (the bundled ledger's end)."""
    return _coverage([
        ("events", "body_repatriation", D(2022, 2, 24), D(2026, 3, 6)),
        ("events", "pow_exchange", D(2022, 2, 24), D(2026, 3, 20)),
        ("claims", "all", D(2022, 2, 24), D(2026, 1, 31)),
    ])  # fmt: skip


# per-period edges ------------------------------------------------------------------------------


def test_a_period_after_the_coverage_end_is_null_and_the_last_covered_one_partial(
    events: pl.DataFrame, cover: pl.DataFrame
) -> None:
    out = series.per_period(
        events, "month", ["body_repatriation"], D(2026, 1, 1), D(2026, 5, 31), cover
    ).filter(pl.col("received_by") == "ukraine")
    assert out.select("period", "count", "events", "covered", "partial", "through").rows() == [
        (D(2026, 1, 1), 0, 0, True, False, D(2026, 1, 31)),  # inside coverage: a true 0
        (D(2026, 2, 1), 0, 0, True, False, D(2026, 2, 28)),
        (D(2026, 3, 1), 100, 1, True, True, D(2026, 3, 6)),  # covered to 6 March only
        (D(2026, 4, 1), None, None, False, False, None),  # outside coverage: no data, not 0
        (D(2026, 5, 1), None, None, False, False, None),
    ]


def test_a_first_period_cut_by_start_is_partial_and_counts_only_the_days_in_it(
    events: pl.DataFrame, cover: pl.DataFrame
) -> None:
    out = series.per_period(
        events, "month", ["body_repatriation"], D(2025, 8, 25), D(2025, 9, 30), cover
    )
    assert out.select("period", "received_by", "count", "partial", "through").rows() == [
        (D(2025, 8, 1), "ukraine", 0, True, D(2025, 8, 31)),  # 1,230 on 5 Aug is before start
        (D(2025, 8, 1), "russia", 20, True, D(2025, 8, 31)),
        (D(2025, 9, 1), "ukraine", 0, False, D(2025, 9, 30)),
        (D(2025, 9, 1), "russia", 0, False, D(2025, 9, 30)),
    ]


def test_without_an_end_the_calendar_runs_to_the_coverage_end(
    events: pl.DataFrame, cover: pl.DataFrame
) -> None:
    out = series.per_period(events, "year", ["pow_exchange", "body_repatriation"], coverage=cover)
    assert out.filter(pl.col("received_by") == "ukraine").select(
        "period", "count", "partial", "through"
    ).rows() == [
        (D(2025, 1, 1), 1730, False, D(2025, 12, 31)),
        (D(2026, 1, 1), 100, True, D(2026, 3, 6)),  # the narrower of the two types' ends
    ]


def test_an_event_after_the_coverage_end_still_counts_as_what_is_known(
    events: pl.DataFrame,
) -> None:
    short = _coverage([("events", "body_repatriation", D(2022, 2, 24), D(2025, 12, 31))])
    out = series.per_period(events, "year", coverage=short, end=D(2026, 12, 31))
    assert out.filter(pl.col("received_by") == "ukraine").select(
        "period", "count", "covered"
    ).rows() == [(D(2025, 1, 1), 1730, True), (D(2026, 1, 1), 100, False)]


def test_without_coverage_every_period_between_start_and_end_is_covered(
    events: pl.DataFrame,
) -> None:
    out = series.per_period(events, "month", start=D(2026, 1, 1), end=D(2026, 4, 30))
    assert out["covered"].all()
    assert out.filter(pl.col("received_by") == "ukraine")["count"].to_list() == [0, 0, 100, 0]


def test_the_cumulative_line_ends_at_the_coverage_end(
    events: pl.DataFrame, cover: pl.DataFrame
) -> None:
    out = series.cumulative(events, "month", ["body_repatriation"], end=D(2026, 6, 30),
                            coverage=cover)  # fmt: skip
    ukraine = out.filter(pl.col("received_by") == "ukraine", pl.col("period") >= D(2026, 2, 1))
    assert ukraine.select("period", "cumulative", "partial", "through").rows() == [
        (D(2026, 2, 1), 1730, False, D(2026, 2, 28)),
        (D(2026, 3, 1), 1830, True, D(2026, 3, 6)),
        (D(2026, 4, 1), None, False, None),
        (D(2026, 5, 1), None, False, None),
        (D(2026, 6, 1), None, False, None),
    ]
    assert out.drop_nulls("cumulative")["through"].max() == D(2026, 3, 6)


# windows and ages --------------------------------------------------------------------------------


def test_window_is_the_intersection_of_the_scopes_and_the_requested_days(
    cover: pl.DataFrame,
) -> None:
    both = coverage.window(cover, "events", ["pow_exchange", "body_repatriation"], D(2025, 1, 1))
    assert both == coverage.Window(D(2025, 1, 1), D(2026, 3, 6), D(2026, 3, 6))
    assert coverage.window(cover, "events", ["agreement"], None, D(2025, 1, 1)) == (
        coverage.Window(None, D(2025, 1, 1))
    )  # no row for the scope: only the requested days bound it
    assert coverage.window(None, "events") == coverage.Window(None, None)
    assert coverage.data_end(cover, "events") == D(2026, 3, 6)


def test_ages_name_each_stale_table_with_its_end_and_age(cover: pl.DataFrame) -> None:
    found = coverage.ages(cover, ["events", "claims", "series"], D(2026, 12, 1), 45)
    assert found == [
        coverage.Age("events", D(2026, 3, 20), 256, True),
        coverage.Age("claims", D(2026, 1, 31), 304, True),
        coverage.Age("series", None, None, False),  # no rows: nothing to be old
    ]
    assert coverage.stale_error(found, D(2026, 12, 1), 45) == (
        "data is stale on 2026-12-01: events (ends 2026-03-20, 256 days old), claims (ends "
        "2026-01-31, 304 days old); the limit is 45 days (ingest newer data, "
        "raise --max-age-days, or render with --stale warn)"
    )
    assert coverage.describe(found, D(2026, 12, 1)) == (
        "The ledger ends 20 March 2026 (claims 31 January 2026), 256 days before this report."
    )
    fresh = coverage.ages(cover, ["events", "claims"], D(2026, 3, 10), 45)
    assert [a.stale for a in fresh] == [False, False] and coverage.describe(fresh, D(2026, 3, 10)) == ""


def test_ledger_tables_with_one_end_are_told_as_the_ledger() -> None:
    same = _coverage([
        ("events", "pow_exchange", D(2022, 2, 24), D(2026, 3, 6)),
        ("claims", "all", D(2022, 2, 24), D(2026, 3, 6)),
        ("totals", "all", D(2022, 2, 24), D(2026, 3, 11)),
    ])  # fmt: skip
    found = coverage.ages(same, ["events", "claims", "totals"], D(2026, 12, 1), 45)
    assert coverage.describe(found, D(2026, 12, 1)) == (
        "The ledger ends 6 March 2026 (totals 11 March 2026), 270 days before this report."
    )
    found = coverage.ages(same, ["claims", "events"], D(2026, 12, 1), 45)
    assert coverage.describe(found, D(2026, 12, 1)) == (
        "The ledger ends 6 March 2026, 270 days before this report."
    )
    one = coverage.ages(same, ["claims"], D(2026, 12, 1), 45)
    assert coverage.describe(one, D(2026, 12, 1), "the brief") == (
        "The claims table ends 6 March 2026, 270 days before the brief."
    )
    assert (
        coverage.describe(coverage.ages(same, ["events"], D(2026, 3, 20), 45), D(2026, 3, 20)) == ""
    )


# the coverage table --------------------------------------------------------------------------------


def test_the_table_holds_declared_rows_and_observed_ones_for_the_rest(
    tmp_path: Path, events: pl.DataFrame
) -> None:
    (tmp_path / "coverage.csv").write_text(
        HEADER + "events,body_repatriation,2022-02-24,2026-03-06,2026-12-01,searched\n"
    )
    series_frame = pl.DataFrame(
        {
            "source": ["gs", "gs", "gs"],
            "date": [D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 3)],
            "cumulative": [1.0, 2.0, None],
        }  # fmt: skip
    )
    extra = events.with_columns(
        event_type=pl.when(pl.col("figure_id") == "E1").then(pl.lit("pow_exchange"))
        .otherwise("event_type")
    )  # fmt: skip
    frame, bad = ingest_coverage.build(
        tmp_path, tmp_path, {"events": extra, "series": series_frame}
    )
    assert bad.height == 0
    assert frame.select("table", "scope", "complete_from", "complete_to", "searched", "basis").rows() == [
        ("events", "body_repatriation", D(2022, 2, 24), D(2026, 3, 6), D(2026, 12, 1), "declared"),
        ("events", "pow_exchange", D(2025, 1, 10), D(2025, 1, 10), None, "observed"),
        ("series", "gs", D(2024, 1, 1), D(2024, 1, 2), None, "observed"),
    ]  # fmt: skip


def test_bad_coverage_rows_are_quarantined_with_line_and_reason(tmp_path: Path) -> None:
    (tmp_path / "coverage.csv").write_text(
        HEADER
        + "events,pow_exchange,2022-02-24,6 March,2026-12-01,\n"
        + "events,swaps,2022-02-24,2026-03-06,2026-12-01,\n"
        + "claims,all,2026-03-06,2022-02-24,2026-12-01,\n"
        + "totals,all,2022-02-24,2026-03-06,2026-01-01,\n"
        + "series,gs,2022-02-24,2026-03-06,,\n"
        + "events,civilian_return,2022-02-24,2026-03-06,2026-12-01,kept\n"
    )
    frame, bad = ingest_coverage.build(tmp_path, tmp_path, {})
    assert frame.select("table", "scope", "notes").rows() == [("events", "civilian_return", "kept")]
    assert bad.select("line", "column", "reason").rows() == [
        (2, "complete_to", "complete_to: not a date (expected YYYY-MM-DD, e.g. 2026-03-06)"),
        (3, "scope", "scope: not an event type (pow_exchange, body_repatriation, "
         "civilian_return, wounded_transfer, child_return, agreement, other)"),
        (6, "table", "table: upstream coverage is observed from the series, not declared"),
        (4, "complete_to", "complete_to: complete_to must not be before complete_from"),
        (5, "searched", "searched: searched must not be before complete_to"),
    ]  # fmt: skip
    assert set(bad["file"]) == {"coverage.csv"}


def test_the_bundled_ledger_declares_its_end() -> None:
    ledger = Path(__file__).resolve().parents[1] / "data" / "raw" / "ledger"
    frame, bad = ingest_coverage.read_declared(ledger, ledger.parent)
    assert bad.height == 0
    ends = dict(zip(frame["table"], frame["complete_to"], strict=True))
    assert ends == {"events": D(2026, 3, 6), "claims": D(2026, 3, 6), "totals": D(2026, 3, 11)}
    assert set(frame["searched"]) == {D(2026, 12, 1)}
    assert set(frame.filter(pl.col("table") == "events")["scope"]) == set(schema.EVENT_TYPES)


def test_the_no_op_check_knows_every_processed_table() -> None:
    from analysis.ingest import freshness

    assert set(freshness.PROCESSED_TABLES) == set(schema.ALL_TABLES)


def test_the_two_named_dates_have_one_wording() -> None:
    from analysis import wording

    assert wording.data_to(D(2026, 3, 6)) == "Data to 6 March 2026"
    assert wording.data_to(D(2026, 3, 6), short=True) == "data to 6 Mar 2026"
    assert wording.published_on(D(2026, 12, 1)) == "Published 1 December 2026"
    assert wording.dates_line(D(2026, 3, 6), D(2026, 12, 1)) == (
        "Data to 6 March 2026 · Published 1 December 2026"
    )
    assert wording.dates_line(None, D(2026, 12, 1)) == "Published 1 December 2026"


def test_rows_past_the_declared_end_are_named(tmp_path: Path, events: pl.DataFrame) -> None:
    (tmp_path / "coverage.csv").write_text(
        HEADER + "events,body_repatriation,2022-02-24,2025-12-31,2026-01-05,\n"
    )
    frame, _ = ingest_coverage.build(tmp_path, tmp_path, {"events": events})
    assert ingest_coverage.outdated(frame, {"events": events}) == [
        "coverage.csv: events body_repatriation is declared complete to 2025-12-31, but has rows "
        "to 2026-03-02: move complete_to (and searched) forward"
    ]
