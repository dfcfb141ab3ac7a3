"""Published running totals beside the ledger's cumulative series, and the reconciled curve."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from analysis import schema
from analysis.series import published

D = dt.date


def _event(figure_id: str, day: dt.date, side: str, count: int) -> dict:
    """One completed body repatriation figure."""
    return {
        "figure_id": figure_id, "event_id": f"{day}-body_repatriation", "stage": None,
        "date": day, "date_precision": "day", "event_type": "body_repatriation",
        "received_by": side, "count": count, "qualifier": "exact", "status": "completed",
        "mediator": None, "claimant": "HQ", "claimant_side": side, "source_id": "s",
        "source_ids": "s", "agreement_id": None, "supersedes": None, "is_current": True,
        "notes": None,
    }  # fmt: skip


def _total(total_id: str, day: dt.date, value: float, qualifier: str = "exact",
           precision: str = "day", series: str = "bodies_returned_to_ukraine") -> dict:  # fmt: skip
    """One published total."""
    return {
        "total_id": total_id, "as_of": day, "as_of_precision": precision, "series": series,
        "value": value, "value_high": None, "qualifier": qualifier, "claimant": "Coordination HQ",
        "source_id": f"s-{total_id}", "source_ids": f"s-{total_id}", "notes": None,
    }  # fmt: skip


@pytest.fixture
def events() -> pl.DataFrame:
    """Ukraine received 100 bodies in January, 200 in February and 300 in March 2025."""
    rows = [_event("E1", D(2025, 1, 10), "ukraine", 100), _event("E2", D(2025, 2, 10), "ukraine", 200),
            _event("E3", D(2025, 3, 10), "ukraine", 300), _event("E4", D(2025, 3, 10), "russia", 50)]  # fmt: skip
    return pl.DataFrame(rows, schema=schema.EVENTS.polars_schema)


@pytest.fixture
def totals() -> pl.DataFrame:
    """A total 1,000 above the ledger on 15 Feb, a lower one in March, an upper bound, another series."""
    return pl.DataFrame([
        _total("T1", D(2025, 2, 15), 1300),
        _total("T2", D(2025, 3, 1), 500, "at_least", "month"),
        _total("T3", D(2025, 3, 20), 100, "at_most"),
        _total("T4", D(2025, 3, 20), 9999, series="returned_to_ukraine"),
    ], schema=schema.TOTALS.polars_schema)  # fmt: skip


def test_the_matching_totals_are_marks_with_their_claimant(totals: pl.DataFrame) -> None:
    marks = published.published(totals, published.matching(["body_repatriation"]))
    assert marks.rows() == [
        (
            "ukraine",
            D(2025, 2, 15),
            1300.0,
            "exact",
            "Coordination HQ",
            "s-T1",
            "bodies_returned_to_ukraine",
        ),
        (
            "ukraine",
            D(2025, 3, 20),
            100.0,
            "at_most",
            "Coordination HQ",
            "s-T3",
            "bodies_returned_to_ukraine",
        ),
        (
            "ukraine",
            D(2025, 3, 31),
            500.0,
            "at_least",
            "Coordination HQ",
            "s-T2",
            "bodies_returned_to_ukraine",
        ),
    ]  # fmt: skip  (a month total speaks for the month's last day)
    assert published.matching(["pow_exchange"]) == {}


def test_the_reconciled_curve_lifts_the_ledger_by_the_largest_gap_so_far(
    events: pl.DataFrame, totals: pl.DataFrame
) -> None:
    out = published.reconciled(events, totals, "month", end=D(2025, 4, 30))
    ukraine = out.filter(pl.col("received_by") == "ukraine")
    assert ukraine.select("period", "cumulative", "published", "not_itemised", "reconciled").rows() == [
        (D(2025, 1, 1), 100, None, 0, 100),  # before the first total: nothing to lift
        (D(2025, 2, 1), 300, 1300.0, 1000, 1300),  # 1,300 published on 15 Feb, ledger 300
        (D(2025, 3, 1), 600, 500.0, 1000, 1600),  # a lower later total does not pull it down
        (D(2025, 4, 1), 600, 500.0, 1000, 1600),
    ]  # fmt: skip
    russia = out.filter(pl.col("received_by") == "russia")
    assert russia["not_itemised"].to_list() == [0, 0, 0, 0] and russia["reconciled"].to_list() == [
        0,
        0,
        50,
        50,
    ]


def test_the_reconciled_curve_ends_with_the_ledger_at_the_coverage_end(
    events: pl.DataFrame, totals: pl.DataFrame
) -> None:
    cover = pl.DataFrame(
        [("events", "body_repatriation", D(2024, 1, 1), D(2025, 3, 15), None, "declared", None)],
        schema=schema.COVERAGE.polars_schema, orient="row",
    )  # fmt: skip
    out = published.reconciled(events, totals, "month", end=D(2025, 5, 31), coverage=cover)
    ukraine = out.filter(pl.col("received_by") == "ukraine")
    assert ukraine.select("period", "through", "reconciled", "published").rows() == [
        (D(2025, 1, 1), D(2025, 1, 31), 100, None),
        (D(2025, 2, 1), D(2025, 2, 28), 1300, 1300.0),
        (D(2025, 3, 1), D(2025, 3, 15), 1600, 1300.0),  # the March total speaks for 31 March
        (D(2025, 4, 1), None, None, None),
        (D(2025, 5, 1), None, None, None),
    ]
