"""analysis.series on small hand-made tables with known answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analysis import schema, series
from analysis.series.common import sum_qualifier

D = dt.date
DEAL = "2024-03-01-body_repatriation-deal"


def _event(
    figure_id: str,
    event_id: str,
    received_by: str,
    count: int | None,
    claimant_side: str,
    **kw: Any,
) -> dict[str, Any]:
    """One events row; the date comes from event_id unless given."""
    row = {
        "figure_id": figure_id,
        "event_id": event_id,
        "stage": None,
        "date": D.fromisoformat(event_id[:10]),
        "date_precision": "day",
        "event_type": event_id[11:].split("-")[0],
        "received_by": received_by,
        "count": count,
        "qualifier": "exact" if count is not None else "undisclosed",
        "status": "completed",
        "mediator": None,
        "claimant": {"ukraine": "Coordination HQ", "russia": "Russian MoD"}.get(
            claimant_side, "ICRC"
        ),
        "claimant_side": claimant_side,
        "source_id": f"s-{figure_id}",
        "source_ids": f"s-{figure_id}",
        "agreement_id": None,
        "supersedes": None,
        "is_current": True,
        "notes": None,
    }
    return {**row, **kw}


def _events(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema.EVENTS.polars_schema)


@pytest.fixture
def events() -> pl.DataFrame:
    """A dispute, undisclosed figures, a month-precision date, a correction, zero received, a deal."""
    return _events([
        _event("E01", "2024-01-31-pow_exchange", "ukraine", 207, "ukraine", mediator="UAE"),
        _event("E02", "2024-01-31-pow_exchange", "ukraine", 195, "russia", mediator="UAE"),
        _event("E03", "2024-01-31-pow_exchange", "russia", 195, "russia", mediator="UAE"),
        _event("E04", "2024-02-01-civilian_return", "ukraine", 10, "ukraine", date_precision="month"),
        _event("E05", "2024-02-10-body_repatriation", "ukraine", None, "ukraine"),
        _event("E06", "2024-02-10-body_repatriation", "russia", 50, "russia", qualifier="at_least"),
        _event("E07", DEAL, "ukraine", 500, "third_party", status="agreed"),
        _event("E08", DEAL, "russia", 500, "third_party", status="agreed"),
        _event("E09", "2024-03-15-body_repatriation", "ukraine", 300, "ukraine", agreement_id=DEAL),
        _event("E10", "2024-03-15-body_repatriation", "russia", 20, "russia", agreement_id=DEAL),
        _event("E11", "2024-04-05-pow_exchange", "ukraine", 100, "ukraine", is_current=False),
        _event("E12", "2024-04-05-pow_exchange", "ukraine", 101, "ukraine", supersedes="E11"),
        _event("E13", "2024-04-05-pow_exchange", "russia", 0, "russia"),
        _event("E14", "2024-04-20-body_repatriation", "ukraine", 250, "ukraine", agreement_id=DEAL),
        _event("E15", "2024-04-20-body_repatriation", "russia", None, "russia", agreement_id=DEAL),
        _event("E16", "2024-06-03-child_return", "ukraine", None, "ukraine"),
    ])  # fmt: skip


def _shuffled(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sample(fraction=1.0, shuffle=True, seed=7)


def _period_frame(rows: list[tuple]) -> pl.DataFrame:
    """A per_period-shaped frame from (period, side, count, events, undisclosed, lower, approx)."""
    columns = ["period", "received_by", "count", "events", "undisclosed_events",
               "lower_bound_events", "approx_dates"]  # fmt: skip
    frame = pl.DataFrame(
        rows,
        schema={c: pl.Int64 for c in columns} | {"period": pl.Date, "received_by": pl.String},
        orient="row",
    )
    return frame


# headline ------------------------------------------------------------------------------------


def test_headline_prefers_the_receiving_sides_claimant_and_marks_the_dispute(
    events: pl.DataFrame,
) -> None:
    out = series.headline(events).filter(pl.col("event_id") == "2024-01-31-pow_exchange")
    assert out.select("received_by", "count", "claimant", "disputed", "alt_count",
                      "alt_claimant").rows() == [
        ("ukraine", 207, "Coordination HQ", True, 195, "Russian MoD"),
        ("russia", 195, "Russian MoD", False, None, None),
    ]  # fmt: skip


def test_headline_drops_superseded_rows_and_keeps_one_row_per_key(events: pl.DataFrame) -> None:
    out = series.headline(events)
    assert out.height == 14
    assert out.filter(pl.col("event_id") == "2024-04-05-pow_exchange")["count"].to_list() == [
        101,
        0,
    ]
    assert out.columns == [*series.EVENT_COLUMNS, "disputed", "alt_count", "alt_claimant"]


def test_headline_side_order_then_disclosed_before_undisclosed() -> None:
    ev = "2024-05-01-pow_exchange"
    frame = _events([
        _event("E1", ev, "ukraine", 12, "third_party"),
        _event("E2", ev, "ukraine", 11, "russia"),
        _event("E3", ev, "russia", None, "russia"),
        _event("E4", ev, "russia", 9, "ukraine"),
        _event("E5", ev, "russia", 8, "third_party"),
    ])  # fmt: skip
    out = series.headline(frame).select("received_by", "count", "claimant", "disputed", "alt_count")
    assert out.rows() == [
        ("ukraine", 11, "Russian MoD", True, 12),
        ("russia", 9, "Coordination HQ", True, 8),
    ]


def test_headline_same_figure_from_both_sides_is_not_a_dispute() -> None:
    ev = "2024-05-01-pow_exchange"
    frame = _events(
        [_event("E1", ev, "ukraine", 75, "ukraine"), _event("E2", ev, "ukraine", 75, "russia")]
    )
    out = series.headline(frame)
    assert out.select("count", "disputed", "alt_count").rows() == [(75, False, None)]


def test_headline_keeps_stages_apart() -> None:
    ev = "2025-05-23-pow_exchange-1000for1000"
    frame = _events([
        _event("E1", ev, "ukraine", 390, "ukraine", stage="1"),
        _event("E2", ev, "ukraine", 307, "ukraine", stage="2", date=D(2025, 5, 24)),
    ])  # fmt: skip
    assert series.headline(frame).select("stage", "date", "count").rows() == [
        ("1", D(2025, 5, 23), 390),
        ("2", D(2025, 5, 24), 307),
    ]


# per_period and cumulative -----------------------------------------------------------------------


def test_per_period_month_keeps_undisclosed_visible(events: pl.DataFrame) -> None:
    expected = _period_frame([
        (D(2024, 1, 1), "ukraine", 207, 1, 0, 0, 0),
        (D(2024, 1, 1), "russia", 195, 1, 0, 0, 0),
        (D(2024, 2, 1), "ukraine", 10, 2, 1, 0, 1),
        (D(2024, 2, 1), "russia", 50, 1, 0, 1, 0),
        (D(2024, 3, 1), "ukraine", 300, 1, 0, 0, 0),
        (D(2024, 3, 1), "russia", 20, 1, 0, 0, 0),
        (D(2024, 4, 1), "ukraine", 351, 2, 0, 0, 0),
        (D(2024, 4, 1), "russia", 0, 2, 1, 0, 0),
        (D(2024, 5, 1), "ukraine", 0, 0, 0, 0, 0),
        (D(2024, 5, 1), "russia", 0, 0, 0, 0, 0),
        (D(2024, 6, 1), "ukraine", None, 1, 1, 0, 0),
        (D(2024, 6, 1), "russia", 0, 0, 0, 0, 0),
    ])  # fmt: skip
    assert_frame_equal(series.per_period(events, "month").select(expected.columns), expected)


def test_per_period_filters_types_and_dates(events: pl.DataFrame) -> None:
    out = series.per_period(
        events,
        "quarter",
        event_types=["body_repatriation"],
        start=D(2024, 2, 15),
        end=D(2024, 9, 30),
    )
    expected = _period_frame([
        (D(2024, 1, 1), "ukraine", 300, 1, 0, 0, 0),
        (D(2024, 1, 1), "russia", 20, 1, 0, 0, 0),
        (D(2024, 4, 1), "ukraine", 250, 1, 0, 0, 0),
        (D(2024, 4, 1), "russia", None, 1, 1, 0, 0),
        (D(2024, 7, 1), "ukraine", 0, 0, 0, 0, 0),
        (D(2024, 7, 1), "russia", 0, 0, 0, 0, 0),
    ])  # fmt: skip
    assert_frame_equal(out.select(expected.columns), expected)
    assert out["partial"].to_list() == [True, True, False, False, False, False]  # from 15 Feb


def test_per_period_week_puts_a_month_precision_date_in_the_week_of_the_first() -> None:
    frame = _events([
        _event("E1", "2024-02-01-civilian_return", "ukraine", 10, "ukraine", date_precision="month"),
        _event("E2", "2024-02-07-pow_exchange", "russia", 5, "russia", qualifier="at_least"),
    ])  # fmt: skip
    expected = _period_frame([
        (D(2024, 1, 29), "ukraine", 10, 1, 0, 0, 1),
        (D(2024, 1, 29), "russia", 0, 0, 0, 0, 0),
        (D(2024, 2, 5), "ukraine", 0, 0, 0, 0, 0),
        (D(2024, 2, 5), "russia", 5, 1, 0, 1, 0),
    ])  # fmt: skip
    assert_frame_equal(series.per_period(frame, "week").select(expected.columns), expected)


def test_per_period_year(events: pl.DataFrame) -> None:
    out = series.per_period(events, "year")
    assert out.select("period", "received_by", "count", "events", "undisclosed_events").rows() == [
        (D(2024, 1, 1), "ukraine", 868, 7, 2),
        (D(2024, 1, 1), "russia", 265, 5, 1),
    ]


def test_per_period_rejects_an_unknown_frequency(events: pl.DataFrame) -> None:
    with pytest.raises(
        ValueError, match=r"^freq must be one of week, month, quarter, year; got 'day'$"
    ):
        series.per_period(events, "day")


def test_cumulative_counts_disclosed_figures_and_undisclosed_events(events: pl.DataFrame) -> None:
    out = series.cumulative(events, "month")
    assert out.columns[:13] == series.per_period(events).columns
    assert out.columns[13:] == ["cumulative", "cumulative_undisclosed_events", "cumulative_qualifier"]
    assert out.select("period", "received_by", "cumulative", "cumulative_undisclosed_events").rows() == [
        (D(2024, 1, 1), "ukraine", 207, 0),
        (D(2024, 1, 1), "russia", 195, 0),
        (D(2024, 2, 1), "ukraine", 217, 1),
        (D(2024, 2, 1), "russia", 245, 0),
        (D(2024, 3, 1), "ukraine", 517, 1),
        (D(2024, 3, 1), "russia", 265, 0),
        (D(2024, 4, 1), "ukraine", 868, 1),
        (D(2024, 4, 1), "russia", 265, 1),
        (D(2024, 5, 1), "ukraine", 868, 1),
        (D(2024, 5, 1), "russia", 265, 1),
        (D(2024, 6, 1), "ukraine", 868, 2),
        (D(2024, 6, 1), "russia", 265, 1),
    ]  # fmt: skip


def test_cumulative_qualifies_each_running_total() -> None:
    """A running total is exact until an "about", "at least", "up to" or undisclosed figure
    enters it; a lower bound stays one; bounds both ways make it approximate."""
    frame = _events([
        _event("E1", "2024-01-10-pow_exchange", "ukraine", 100, "ukraine"),
        _event("E2", "2024-02-10-pow_exchange", "ukraine", 50, "ukraine", qualifier="about"),
        _event("E3", "2024-03-10-pow_exchange", "ukraine", 40, "ukraine", qualifier="at_least"),
        _event("E4", "2024-04-10-child_return", "ukraine", 8, "ukraine", qualifier="at_most"),
        _event("E5", "2024-01-10-pow_exchange", "russia", 100, "russia"),
        _event("E6", "2024-03-10-pow_exchange", "russia", None, "russia"),
    ])  # fmt: skip
    out = series.cumulative(frame, "month")
    assert out.select("period", "received_by", "cumulative", "approximate_events",
                      "capped_events", "cumulative_qualifier").rows() == [
        (D(2024, 1, 1), "ukraine", 100, 0, 0, "exact"),
        (D(2024, 1, 1), "russia", 100, 0, 0, "exact"),
        (D(2024, 2, 1), "ukraine", 150, 1, 0, "about"),
        (D(2024, 2, 1), "russia", 100, 0, 0, "exact"),
        (D(2024, 3, 1), "ukraine", 190, 0, 0, "at_least"),
        (D(2024, 3, 1), "russia", 100, 0, 0, "at_least"),
        (D(2024, 4, 1), "ukraine", 198, 0, 1, "about"),
        (D(2024, 4, 1), "russia", 100, 0, 0, "at_least"),
    ]  # fmt: skip


def test_per_period_of_no_events_is_empty(events: pl.DataFrame) -> None:
    out = series.per_period(events, "month", event_types=["wounded_transfer"])
    assert out.height == 0
    assert out.columns == series.per_period(events).columns


# asymmetry -------------------------------------------------------------------------------------


def test_asymmetry_per_event(events: pl.DataFrame) -> None:
    expected = pl.DataFrame(
        [
            ("2024-01-31-pow_exchange", D(2024, 1, 31), "pow_exchange", 207, 195, 12, 207 / 195, None, True, 0, "exact", "exact"),
            ("2024-02-01-civilian_return", D(2024, 2, 1), "civilian_return", 10, None, None, None, "no figure for russia", False, 0, "exact", None),
            ("2024-02-10-body_repatriation", D(2024, 2, 10), "body_repatriation", None, 50, None, None, "ukraine figure undisclosed", False, 1, None, "at_least"),
            ("2024-03-15-body_repatriation", D(2024, 3, 15), "body_repatriation", 300, 20, 280, 15.0, None, False, 0, "exact", "exact"),
            ("2024-04-05-pow_exchange", D(2024, 4, 5), "pow_exchange", 101, 0, 101, None, "russia received 0", False, 0, "exact", "exact"),
            ("2024-04-20-body_repatriation", D(2024, 4, 20), "body_repatriation", 250, None, None, None, "russia figure undisclosed", False, 1, "exact", None),
            ("2024-06-03-child_return", D(2024, 6, 3), "child_return", None, None, None, None, "no figure for russia", False, 1, None, None),
        ],
        schema={"event_id": pl.String, "date": pl.Date, "event_type": pl.String, "to_ukraine": pl.Int64,
                "to_russia": pl.Int64, "difference": pl.Int64, "ratio": pl.Float64, "ratio_note": pl.String,
                "disputed": pl.Boolean, "undisclosed_figures": pl.Int64,
                "ukraine_qualifier": pl.String, "russia_qualifier": pl.String},
        orient="row",
    )  # fmt: skip
    assert_frame_equal(series.asymmetry(events), expected)


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [
        (["exact", "exact"], "exact"),
        (["exact", "at_least"], "at_least"),
        (["exact", None], "at_least"),  # an undisclosed figure: the sum is a lower bound
        (["exact", "undisclosed"], "at_least"),
        (["at_most", "exact"], "at_most"),
        (["at_least", "at_most"], "about"),
        (["about", "at_least"], "at_least"),  # a lower bound stays one
        (["about", "exact"], "about"),
        (["exact", None, "at_most"], "about"),
    ],
)
def test_sum_qualifier_of_every_mix(qualifiers: list[str | None], expected: str) -> None:
    frame = pl.DataFrame({"q": qualifiers}, schema={"q": pl.String})
    assert frame.select(sum_qualifier(pl.col("q"))).item() == expected


def test_asymmetry_qualifies_each_side_of_a_period() -> None:
    """A month holding an "at least" figure, or an undisclosed one, sums to a lower bound."""
    frame = _events([
        _event("E1", "2025-03-01-body_repatriation", "ukraine", 390, "ukraine", qualifier="at_least"),
        _event("E2", "2025-03-01-body_repatriation", "russia", 20, "russia"),
        _event("E3", "2025-03-20-body_repatriation", "ukraine", 100, "ukraine"),
        _event("E4", "2025-03-20-body_repatriation", "russia", None, "russia"),
        _event("E5", "2025-04-09-body_repatriation", "ukraine", 50, "ukraine", qualifier="about"),
        _event("E6", "2025-04-09-body_repatriation", "russia", 5, "russia"),
    ])  # fmt: skip
    out = series.asymmetry(frame, "month")
    assert out.select("period", "to_ukraine", "ukraine_qualifier", "to_russia",
                      "russia_qualifier").rows() == [
        (D(2025, 3, 1), 490, "at_least", 20, "at_least"),
        (D(2025, 4, 1), 50, "about", 5, "exact"),
    ]  # fmt: skip


def test_asymmetry_sums_the_stages_of_a_staged_event() -> None:
    ev = "2025-05-23-pow_exchange-1000for1000"
    frame = _events([
        _event("E1", ev, "ukraine", 390, "ukraine", stage="1"),
        _event("E2", ev, "russia", 390, "russia", stage="1"),
        _event("E3", ev, "ukraine", 307, "ukraine", stage="2", date=D(2025, 5, 24)),
        _event("E4", ev, "russia", 300, "russia", stage="2", date=D(2025, 5, 24)),
    ])  # fmt: skip
    out = series.asymmetry(frame)
    assert out.select("date", "to_ukraine", "to_russia", "difference").rows() == [
        (D(2025, 5, 23), 697, 690, 7)
    ]


def test_asymmetry_per_month_and_type(events: pl.DataFrame) -> None:
    out = series.asymmetry(events, "month", event_types=["body_repatriation"])
    assert out.columns[:3] == ["period", "date", "event_type"]
    assert out.select("period", "to_ukraine", "to_russia", "ratio", "ratio_note",
                      "undisclosed_figures").rows() == [
        (D(2024, 2, 1), None, 50, None, "ukraine figure undisclosed", 1),
        (D(2024, 3, 1), 300, 20, 15.0, None, 0),
        (D(2024, 4, 1), 250, None, None, "russia figure undisclosed", 1),
    ]  # fmt: skip


def test_asymmetry_body_repatriation_of_2025_06_11() -> None:
    ev = "2025-06-11-body_repatriation"
    frame = _events(
        [_event("E1", ev, "ukraine", 1212, "ukraine"), _event("E2", ev, "russia", 27, "russia")]
    )
    out = series.asymmetry(frame)
    assert out.select("to_ukraine", "to_russia", "difference").row(0) == (1212, 27, 1185)
    assert out["ratio"][0] == pytest.approx(44.888889)


# delivery ---------------------------------------------------------------------------------------


def test_delivery_against_the_agreed_numbers(events: pl.DataFrame) -> None:
    expected = pl.DataFrame(
        [
            (DEAL, "ukraine", D(2024, 3, 15), 500, 300, 200, 0.6, 0),
            (DEAL, "ukraine", D(2024, 4, 20), 500, 550, -50, 1.1, 0),
            (DEAL, "russia", D(2024, 3, 15), 500, 20, 480, 0.04, 0),
            (DEAL, "russia", D(2024, 4, 20), 500, 20, 480, 0.04, 1),
        ],
        schema={"agreement_id": pl.String, "received_by": pl.String, "date": pl.Date,
                "agreed": pl.Int64, "delivered": pl.Int64, "remaining": pl.Int64,
                "share": pl.Float64, "undisclosed_events": pl.Int64},
        orient="row",
    )  # fmt: skip
    assert_frame_equal(series.delivery(events, DEAL), expected)


def test_delivery_names_an_unknown_agreement(events: pl.DataFrame) -> None:
    message = f"unknown agreement id '2024-01-01-x'; agreements are: {DEAL}"
    with pytest.raises(ValueError, match=f"^{message}$"):
        series.delivery(events, "2024-01-01-x")


# deltas and resample ----------------------------------------------------------------------------

SERIES_SCHEMA = schema.SERIES.polars_schema


def _series(rows: list[tuple]) -> pl.DataFrame:
    """series rows from (source, vintage, date, cumulative, delta, flag)."""
    frame = pl.DataFrame(
        rows,
        schema={"source": pl.String, "vintage": pl.String, "date": pl.Date,
                "cumulative": pl.Float64, "delta": pl.Float64, "flag": pl.String},
        orient="row",
    )  # fmt: skip
    return frame.with_columns(
        subject=pl.lit("russia_military"),
        metric=pl.lit("personnel"),
        kind=pl.lit("claim"),
    ).select(schema.SERIES.columns)


def test_deltas_flag_corrections_and_respect_gaps() -> None:
    raw = _series([
        ("gs", "v1", D(2024, 1, 1), 100, 99, None),
        ("gs", "v1", D(2024, 1, 2), 110, 99, None),
        ("gs", "v1", D(2024, 1, 3), 105, 99, None),
        ("gs", "v1", D(2024, 1, 4), 120, 99, None),
        ("gs", "v1", D(2024, 1, 7), 140, 99, "gap"),
        ("gs", "v1", D(2024, 1, 8), 150, 99, None),
        ("gs", "v1", D(2024, 1, 9), None, 99, None),
        ("gs", "v1", D(2024, 1, 10), 170, 99, None),
        ("gs", "v2", D(2024, 1, 1), 100, 99, None),
        ("gs", "v2", D(2024, 1, 2), 112, 99, None),
        ("names", None, D(2024, 1, 1), 5, 99, None),
        ("names", None, D(2024, 1, 3), 9, 99, None),
    ])  # fmt: skip
    expected = _series([
        ("gs", "v1", D(2024, 1, 1), 100, None, None),
        ("gs", "v1", D(2024, 1, 2), 110, 10, None),
        ("gs", "v1", D(2024, 1, 3), 105, None, "correction"),
        ("gs", "v1", D(2024, 1, 4), 120, 15, None),
        ("gs", "v1", D(2024, 1, 7), 140, None, "gap"),
        ("gs", "v1", D(2024, 1, 8), 150, 10, None),
        ("gs", "v1", D(2024, 1, 9), None, None, None),
        ("gs", "v1", D(2024, 1, 10), 170, None, None),
        ("gs", "v2", D(2024, 1, 1), 100, None, None),
        ("gs", "v2", D(2024, 1, 2), 112, 12, None),
        ("names", None, D(2024, 1, 1), 5, None, None),
        ("names", None, D(2024, 1, 3), 9, 4, None),
    ])  # fmt: skip
    assert_frame_equal(series.deltas(raw), expected)
    assert_frame_equal(series.deltas(_shuffled(raw)), expected)


def test_deltas_keep_an_upstream_correction_flag_without_a_delta() -> None:
    raw = _series([
        ("gs", "v1", D(2024, 1, 1), 100, None, None),
        ("gs", "v1", D(2024, 1, 2), 130, None, "correction"),
    ])  # fmt: skip
    assert series.deltas(raw).select("delta", "flag").rows() == [(None, None), (None, "correction")]


def _resampled(rows: list[tuple]) -> pl.DataFrame:
    """Expected resample output for source gs, vintage v1: (date, cumulative, delta, flag, observed)."""
    frame = pl.DataFrame(
        rows,
        schema={"date": pl.Date, "cumulative": pl.Float64, "delta": pl.Float64, "flag": pl.String,
                "observed": pl.Date},
        orient="row",
    )  # fmt: skip
    return frame.select(
        source=pl.lit("gs"),
        subject=pl.lit("russia_military"),
        metric=pl.lit("personnel"),
        date="date",
        cumulative="cumulative",
        delta="delta",
        kind=pl.lit("claim"),
        flag="flag",
        vintage=pl.lit("v1"),
        observed="observed",
    )


IRREGULAR = [
    ("gs", "v1", D(2024, 1, 1), 10, None, None),
    ("gs", "v1", D(2024, 1, 3), 14, None, None),
    ("gs", "v1", D(2024, 1, 4), 15, None, None),
]


def test_resample_by_day_invents_nothing() -> None:
    expected = _resampled([
        (D(2024, 1, 1), 10, None, None, D(2024, 1, 1)),
        (D(2024, 1, 2), None, None, "missing", None),
        (D(2024, 1, 3), 14, None, None, D(2024, 1, 3)),
        (D(2024, 1, 4), 15, 1, None, D(2024, 1, 4)),
    ])  # fmt: skip
    assert_frame_equal(series.resample(_shuffled(_series(IRREGULAR)), "day"), expected)


def test_resample_forward_fill_is_marked_imputed() -> None:
    expected = _resampled([
        (D(2024, 1, 1), 10, None, None, D(2024, 1, 1)),
        (D(2024, 1, 2), 10, None, "imputed", D(2024, 1, 1)),
        (D(2024, 1, 3), 14, None, None, D(2024, 1, 3)),
        (D(2024, 1, 4), 15, 1, None, D(2024, 1, 4)),
    ])  # fmt: skip
    assert_frame_equal(series.resample(_series(IRREGULAR), "day", fill="forward"), expected)


def test_resample_by_week_takes_the_last_total_of_each_week() -> None:
    raw = _series([*IRREGULAR, ("gs", "v1", D(2024, 1, 17), 20, None, None)])
    expected = _resampled([
        (D(2024, 1, 1), 15, None, None, D(2024, 1, 4)),
        (D(2024, 1, 8), None, None, "missing", None),
        (D(2024, 1, 15), 20, None, None, D(2024, 1, 17)),
    ])  # fmt: skip
    assert_frame_equal(series.resample(raw, "week"), expected)


def test_resample_rejects_unknown_options() -> None:
    with pytest.raises(ValueError, match=r"^freq must be one of day, week, month; got 'year'$"):
        series.resample(_series(IRREGULAR), "year")
    with pytest.raises(ValueError, match=r"^fill must be one of None, forward; got 'linear'$"):
        series.resample(_series(IRREGULAR), "day", fill="linear")


# rolling and change -----------------------------------------------------------------------------


def _values() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "source": ["a"] * 4 + ["b"] * 2,
            "date": [D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 5), D(2024, 1, 9), D(2024, 1, 1), D(2024, 1, 2)],
            "delta": [10.0, 0.0, None, 8.0, 1.0, 3.0],
        }
    )  # fmt: skip


def test_rolling_sums_over_time_windows_per_group() -> None:
    out = series.rolling(_shuffled(_values()), windows=(3, 7), how="sum")
    expected = _values().with_columns(
        delta_sum_3d=pl.Series([10.0, 10.0, None, 8.0, 1.0, 4.0]),
        delta_obs_3d=pl.Series([1, 2, 0, 1, 1, 2]),
        delta_sum_7d=pl.Series([10.0, 10.0, 10.0, 8.0, 1.0, 4.0]),
        delta_obs_7d=pl.Series([1, 2, 2, 1, 1, 2]),
    )
    assert_frame_equal(out, expected)


def test_rolling_means() -> None:
    out = series.rolling(_values(), windows=(7,))
    assert out["delta_mean_7d"].to_list() == [10.0, 5.0, 5.0, 8.0, 1.0, 2.0]


def test_rolling_rejects_an_unknown_statistic() -> None:
    with pytest.raises(ValueError, match=r"^how must be one of mean, sum; got 'median'$"):
        series.rolling(_values(), how="median")


def test_change_absolute_and_percent() -> None:
    out = series.change(_shuffled(_values()), "delta")
    assert out.select("source", "delta_change", "delta_pct_change").rows() == [
        ("a", None, None),
        ("a", -10.0, -100.0),
        ("a", None, None),
        ("a", None, None),
        ("b", None, None),
        ("b", 2.0, 200.0),
    ]


def test_change_over_per_period_counts(events: pl.DataFrame) -> None:
    out = series.change(series.per_period(events, "month"), "count").filter(
        pl.col("received_by") == "ukraine"
    )
    assert out["count_change"].to_list() == [None, -197, 290, 51, -351, None]


# claims against independent counts --------------------------------------------------------------


def _claims(rows: list[tuple]) -> pl.DataFrame:
    """claims rows from (id, claim_date, as_of, subject, metric, value, qualifier, claimant, kind, current)."""
    base = pl.DataFrame(
        rows,
        schema={"claim_id": pl.String, "claim_date": pl.Date, "as_of": pl.Date, "subject": pl.String,
                "metric": pl.String, "value": pl.Float64, "qualifier": pl.String,
                "claimant": pl.String, "claim_kind": pl.String, "is_current": pl.Boolean},
        orient="row",
    )  # fmt: skip
    return base.with_columns(
        claim_date_precision=pl.lit("day"),
        as_of_precision=pl.lit("day"),
        value_low=pl.lit(None, pl.Float64),
        value_high=pl.lit(None, pl.Float64),
        period=pl.lit(None, pl.String),
        source_id=pl.col("claim_id"),
        source_ids=pl.col("claim_id"),
        supersedes=pl.lit(None, pl.String),
        checked_on=pl.lit(None, pl.Date),
        evidence=pl.lit("single_outlet"),
        notes=pl.lit(None, pl.String),
    ).select(schema.CLAIMS.columns)


def _upstream(
    source: str, subject: str, metric: str, kind: str, points: list[tuple]
) -> pl.DataFrame:
    return pl.DataFrame(
        [(source, subject, metric, d, v, None, kind, None, "2025-11-08") for d, v in points],
        schema=SERIES_SCHEMA,
        orient="row",
    )


def test_zelensky_claims_against_name_based_counts() -> None:
    claims = _claims([
        ("C1", D(2024, 2, 25), D(2024, 2, 25), "ukraine_military", "killed", 31000, "exact", "Zelensky", "official_claim", True),
        ("C2", D(2025, 2, 16), D(2025, 2, 1), "ukraine_military", "killed", 46000, "at_least", "Zelensky", "official_claim", True),
        ("C3", D(2023, 1, 1), D(2023, 1, 1), "ukraine_military", "killed", 10000, "exact", "Zelensky", "official_claim", True),
        ("C4", D(2024, 2, 25), D(2024, 2, 25), "russia_military", "killed", 180000, "exact", "Zelensky", "official_claim", True),
        ("C5", D(2024, 2, 24), D(2024, 2, 24), "ukraine_military", "killed", 30000, "exact", "Zelensky", "official_claim", False),
    ])  # fmt: skip
    names = _upstream("ukrwarlosses_name_counts", "ukraine_military", "killed", "confirmed_lower_bound", [
        (D(2024, 2, 26), 20100), (D(2024, 2, 20), 20000), (D(2025, 2, 5), 46000), (D(2025, 1, 31), 45000),
    ])  # fmt: skip
    out = series.claims_vs_independent(claims, names, subject="ukraine_military")
    expected = pl.DataFrame(
        [
            (D(2023, 1, 1), D(2023, 1, 1), 10000.0, "exact", "Zelensky", None, None, None, "ukrwarlosses_name_counts", None, None, None, None),
            (D(2024, 2, 25), D(2024, 2, 25), 31000.0, "exact", "Zelensky", D(2024, 2, 20), 20000.0, "at_least", "ukrwarlosses_name_counts", 5, 1.55, None, None),
            (D(2025, 2, 16), D(2025, 2, 1), 46000.0, "at_least", "Zelensky", D(2025, 1, 31), 45000.0, "at_least", "ukrwarlosses_name_counts", 1, 46000 / 45000, None, None),
        ],
        schema={"claim_date": pl.Date, "claim_as_of": pl.Date, "claim_value": pl.Float64,
                "claim_qualifier": pl.String, "claimant": pl.String, "independent_date": pl.Date,
                "independent_value": pl.Float64, "independent_qualifier": pl.String,
                "independent_source": pl.String, "lag_days": pl.Int64, "ratio": pl.Float64,
                "claim_value_high": pl.Float64, "independent_value_high": pl.Float64},
        orient="row",
    )  # fmt: skip
    assert_frame_equal(out, expected)


def test_claims_vs_independent_carries_the_top_of_a_range() -> None:
    """A range estimate keeps its top (value_high), so nothing prints its low end as a count."""
    claims = _claims([
        ("C1", D(2025, 8, 8), D(2025, 8, 8), "russia_military", "killed", 189000, "range", "Mediazona/BBC Russian", "independent_count", True),
        ("C2", D(2025, 9, 1), D(2025, 9, 1), "russia_military", "killed", 1000000, "about", "General Staff", "official_claim", True),
    ]).with_columns(value_high=pl.when(pl.col("claim_id") == "C1").then(273000.0))  # fmt: skip
    out = series.claims_vs_independent(claims, subject="russia_military")
    assert out.select("claim_value", "claim_value_high", "independent_value",
                      "independent_qualifier", "independent_value_high").rows() == [
        (1000000.0, None, 189000.0, "range", 273000.0)
    ]  # fmt: skip


def test_claims_vs_independent_leaves_out_figures_for_a_single_period() -> None:
    """A monthly rate or one year's figure is never compared with a running count."""
    claims = _claims([
        ("C1", D(2025, 8, 8), D(2025, 8, 8), "russia_military", "killed", 189000, "exact", "Mediazona/BBC Russian", "independent_count", True),
        ("C2", D(2026, 3, 5), D(2026, 3, 5), "russia_military", "killed", 30000, "range", "Zelensky", "official_claim", True),
        ("C3", D(2026, 3, 6), D(2026, 3, 6), "russia_military", "killed", 900000, "about", "Zelensky", "official_claim", True),
    ]).with_columns(period=pl.when(pl.col("claim_id") == "C2").then(pl.lit("per month")))  # fmt: skip
    out = series.claims_vs_independent(claims, subject="russia_military")
    assert out.select("claim_value", "independent_value").rows() == [(900000.0, 189000.0)]


def test_general_staff_personnel_against_mediazona_names() -> None:
    claims = _claims([
        ("C1", D(2023, 4, 11), D(2023, 4, 11), "russia_military", "names_identified", 21000, "at_least", "Mediazona/BBC Russian", "independent_count", True),
    ])  # fmt: skip
    upstream = pl.concat([
        _upstream("petroivaniuk_genstaff", "russia_military", "personnel", "claim",
                  [(D(2023, 4, 12), 181000), (D(2023, 4, 10), 180000)]),
        _upstream("bbc_mediazona_bessudnov", "russia_military", "names_identified", "confirmed_lower_bound",
                  [(D(2023, 4, 9), 20000), (D(2023, 4, 12), 20300)]),
    ])  # fmt: skip
    out = series.claims_vs_independent(
        claims, upstream, subject="russia_military", metric_claim="personnel"
    )
    assert out.select("claim_date", "claim_value", "claimant", "independent_source",
                      "independent_date", "independent_value", "lag_days").rows() == [
        (D(2023, 4, 10), 180000.0, "petroivaniuk_genstaff", "Mediazona/BBC Russian", None, None, None),
        (D(2023, 4, 10), 180000.0, "petroivaniuk_genstaff", "bbc_mediazona_bessudnov", D(2023, 4, 9), 20000.0, 1),
        (D(2023, 4, 12), 181000.0, "petroivaniuk_genstaff", "Mediazona/BBC Russian", D(2023, 4, 11), 21000.0, 1),
        (D(2023, 4, 12), 181000.0, "petroivaniuk_genstaff", "bbc_mediazona_bessudnov", D(2023, 4, 12), 20300.0, 0),
    ]  # fmt: skip
    assert out["ratio"].to_list() == pytest.approx(
        [None, 9.0, 181000 / 21000, 181000 / 20300], nan_ok=True
    )
    only_claims = series.claims_vs_independent(
        claims,
        upstream,
        subject="russia_military",
        metric_claim="personnel",
        independent="Mediazona/BBC Russian",
    )
    assert only_claims["independent_source"].to_list() == ["Mediazona/BBC Russian"] * 2


def test_claims_without_any_independent_count_stay_unmatched() -> None:
    claims = _claims([
        ("C1", D(2024, 2, 25), D(2024, 2, 25), "ukraine_military", "killed", 31000, "exact", "Zelensky", "official_claim", True),
    ])  # fmt: skip
    out = series.claims_vs_independent(claims, subject="ukraine_military")
    assert out.select("claim_value", "independent_source", "independent_value", "ratio").rows() == [
        (31000.0, None, None, None)
    ]


# row order ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_results_do_not_depend_on_input_row_order(events: pl.DataFrame, seed: int) -> None:
    shuffled = events.sample(fraction=1.0, shuffle=True, seed=seed)
    for compute in (
        series.headline,
        lambda f: series.per_period(f, "week"),
        lambda f: series.cumulative(f, "month"),
        series.asymmetry,
        lambda f: series.asymmetry(f, "quarter"),
        lambda f: series.delivery(f, DEAL),
    ):
        assert_frame_equal(compute(shuffled), compute(events))
