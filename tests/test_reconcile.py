"""reconcile: arithmetic on a hand-made ledger with known answers, and the bundled ledger's gaps."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from analysis import ingest, reconcile, schema, tables
from analysis.config import Paths

D = dt.date


def _events(rows: list[tuple]) -> pl.DataFrame:
    """events frame from (figure_id, event_id, stage, date, type, received_by, count, qualifier,
    status, mediator, claimant_side, agreement_id, is_current)."""
    cols = ("figure_id", "event_id", "stage", "date", "event_type", "received_by", "count",
            "qualifier", "status", "mediator", "claimant_side", "agreement_id", "is_current")  # fmt: skip
    frame = pl.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])
    return frame.with_columns(
        pl.col("stage").cast(pl.String),
        pl.col("mediator").cast(pl.String),
        pl.col("agreement_id").cast(pl.String),
        pl.col("count").cast(pl.Int64),
    )


def _totals(rows: list[tuple]) -> pl.DataFrame:
    """totals frame from (total_id, series, as_of, precision, value, value_high, qualifier)."""
    cols = ("total_id", "series", "as_of", "as_of_precision", "value", "value_high", "qualifier")
    frame = pl.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])
    return frame.with_columns(
        pl.col("value").cast(pl.Float64),
        pl.col("value_high").cast(pl.Float64),
        claimant=pl.lit("someone"),
        source_id=pl.lit("s1"),
    )


EVENTS = _events([
    # a swap where the sides disagree: Ukraine says 207 came home, Russia says 195
    ("E1", "2024-01-31-pow_exchange", None, D(2024, 1, 31), "pow_exchange", "ukraine", 207, "exact", "completed", "UAE", "ukraine", None, True),
    ("E2", "2024-01-31-pow_exchange", None, D(2024, 1, 31), "pow_exchange", "ukraine", 195, "exact", "completed", "UAE", "russia", None, True),
    ("E3", "2024-01-31-pow_exchange", None, D(2024, 1, 31), "pow_exchange", "russia", 195, "exact", "completed", "UAE", "russia", None, True),
    # only Russia gave a number: the fallback
    ("E4", "2024-02-08-pow_exchange", None, D(2024, 2, 8), "pow_exchange", "ukraine", 100, "exact", "completed", None, "russia", None, True),
    # civilians count; a superseded row does not; wounded outside exchanges do not
    ("E5", "2024-03-01-civilian_return", None, D(2024, 3, 1), "civilian_return", "ukraine", 10, "exact", "completed", None, "ukraine", None, False),
    ("E6", "2024-03-01-civilian_return", None, D(2024, 3, 1), "civilian_return", "ukraine", 12, "exact", "completed", None, "ukraine", None, True),
    ("E7", "2024-03-05-wounded_transfer", None, D(2024, 3, 5), "wounded_transfer", "ukraine", 22, "exact", "completed", None, "ukraine", None, True),
    # staged event: stage 2 undisclosed
    ("E8", "2024-04-01-pow_exchange-big", "1", D(2024, 4, 1), "pow_exchange", "ukraine", 300, "exact", "completed", None, "ukraine", None, True),
    ("E9", "2024-04-01-pow_exchange-big", "2", D(2024, 4, 2), "pow_exchange", "ukraine", None, "undisclosed", "completed", None, "ukraine", None, True),
    # an agreement is not a delivery
    ("E10", "2024-05-01-pow_exchange-deal", None, D(2024, 5, 1), "pow_exchange", "ukraine", 1000, "exact", "agreed", None, "ukraine", None, True),
    # bodies delivered under a deal
    ("E11", "2024-06-01-body_repatriation", None, D(2024, 6, 1), "body_repatriation", "ukraine", 500, "exact", "completed", None, "ukraine", "2024-05-20-body_repatriation-deal", True),
    ("E12", "2024-06-01-body_repatriation", None, D(2024, 6, 1), "body_repatriation", "russia", 40, "exact", "completed", None, "russia", "2024-05-20-body_repatriation-deal", True),
])  # fmt: skip


def test_returned_to_ukraine_counts_the_ukrainian_figure_and_falls_back_to_the_russian_one() -> (
    None
):
    totals = _totals([
        ("T1", "returned_to_ukraine", D(2024, 1, 31), "day", 207, None, "exact"),
        ("T2", "returned_to_ukraine", D(2024, 2, 8), "day", 320, None, "exact"),
        ("T3", "returned_to_ukraine", D(2024, 3, 31), "day", 319, None, "exact"),
        ("T4", "returned_to_ukraine", D(2024, 4, 30), "day", 600, None, "at_least"),
        ("T5", "returned_to_ukraine", D(2024, 4, 30), "day", 615, None, "exact"),
    ])  # fmt: skip
    result = reconcile.reconcile(EVENTS, totals).sort("total_id")
    assert result["ledger_cumulative"].to_list() == [207, 307, 319, 619, 619]
    assert result["gap"].to_list() == [0.0, 13.0, 0.0, -19.0, -4.0]
    assert result["events_counted"].to_list() == [1, 2, 3, 4, 4]
    assert result["undisclosed_events"].to_list() == [0, 0, 0, 1, 1]
    assert result["status"].to_list() == ["ok", "ledger_short", "ok", "bound_satisfied", "ok"]
    assert result.filter(pl.col("total_id") == "T2")["gap_pct"].item() == pytest.approx(
        13 / 320 * 100
    )


def test_series_definitions_select_their_events() -> None:
    totals = _totals([
        ("T1", "returned_to_ukraine_outside_exchanges", D(2024, 12, 31), "day", 22, None, "exact"),
        ("T2", "returned_to_ukraine_all", D(2024, 12, 31), "day", 700, None, "exact"),
        ("T3", "uae_mediated_released", D(2024, 12, 31), "day", 400, None, "exact"),
        ("T4", "bodies_returned_to_russia", D(2024, 12, 31), "day", 40, None, "exact"),
        ("T5", "ukrainians_in_captivity", D(2024, 12, 31), "day", 8000, None, "at_least"),
    ])  # fmt: skip
    result = reconcile.reconcile(EVENTS, totals).sort("total_id")
    # uae: 207 (Ukraine's figure, ukraine side) + 195 (russia side) with third_party preferred first
    assert result["ledger_cumulative"].to_list() == [22, 641, 402, 40, None]
    assert result["status"].to_list() == ["ok", "ledger_short", "ok", "ok", "not_comparable"]


def test_month_precision_totals_are_compared_over_the_whole_month() -> None:
    totals = _totals([
        # published some day in January 2024: the ledger runs from 0 (before) to 207 (end)
        ("T1", "returned_to_ukraine", D(2024, 1, 1), "month", 150, None, "exact"),
        ("T2", "returned_to_ukraine", D(2024, 2, 1), "month", 350, None, "exact"),
        ("T3", "returned_to_ukraine", D(2024, 2, 1), "month", 150, None, "exact"),
    ])  # fmt: skip
    result = reconcile.reconcile(EVENTS, totals).sort("total_id")
    assert result["compared_at"].to_list() == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 2, 29)]
    assert result["ledger_at_start"].to_list() == [0, 207, 207]
    assert result["ledger_cumulative"].to_list() == [207, 307, 307]
    assert result["gap"].to_list() == [0.0, 43.0, -57.0]
    assert result["status"].to_list() == ["ok", "ledger_short", "ledger_over"]


def test_year_to_date_and_agreement_series() -> None:
    totals = _totals([
        ("T1", "returned_to_ukraine_this_year", D(2025, 1, 10), "day", 0, None, "exact"),
        ("T2", "bodies_returned_to_ukraine_istanbul_deal", D(2025, 1, 1), "day", 500, None, "exact"),
        ("T3", "bodies_returned_to_ukraine", D(2024, 12, 31), "day", 450, 550, "range"),
    ])  # fmt: skip
    result = reconcile.reconcile(EVENTS, totals).sort("total_id")
    # no 2025 events; the fake deal id is not the Istanbul deal, so nothing counts for T2
    assert result["ledger_cumulative"].to_list() == [0, 0, 500]
    assert result["status"].to_list() == ["ok", "ledger_short", "ok"]
    assert result["gap_pct"].to_list() == [None, 100.0, 0.0]


def test_every_series_in_the_bundled_totals_is_defined_or_a_stock(bundled_project: Paths) -> None:
    ingest.ingest(bundled_project)
    names = set(tables.load("totals", bundled_project.processed.resolve())["series"].to_list())
    assert names <= set(reconcile.SERIES) | set(reconcile.STOCKS)
    assert not set(reconcile.SERIES) & set(reconcile.STOCKS)
    assert set(reconcile.RESULT_SCHEMA) >= {"series", "as_of", "published", "gap", "status"}
    assert schema.TOTALS.columns[:4] == ["total_id", "as_of", "as_of_precision", "series"]


def test_bundled_ledger_is_within_5_percent_of_official_returned_totals_since_2024(
    bundled_project: Paths,
) -> None:
    ingest.ingest(bundled_project)
    folder = bundled_project.processed.resolve()
    result = reconcile.reconcile(tables.load("events", folder), tables.load("totals", folder))
    official = result.filter(
        pl.col("series") == "returned_to_ukraine", pl.col("as_of") >= D(2024, 1, 1)
    )
    assert official.height >= 15
    worst = official.select(pl.col("gap_pct").abs().max()).item()
    print(f"worst returned_to_ukraine gap since 2024: {worst:.2f}%")
    assert worst <= 5.0
