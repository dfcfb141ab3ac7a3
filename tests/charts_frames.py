"""Small hand-made frames in the shapes `analysis.series` produces, for the chart tests."""

from __future__ import annotations

import datetime as dt

import polars as pl

D = dt.date

PER_PERIOD_SCHEMA = {
    "period": pl.Date, "received_by": pl.String, "count": pl.Int64, "events": pl.UInt32,
    "undisclosed_events": pl.UInt32, "lower_bound_events": pl.UInt32, "approx_dates": pl.UInt32,
}  # fmt: skip


def per_period() -> pl.DataFrame:
    """Monthly sums by side: one month with an undisclosed count, one with a lower bound."""
    rows = [
        (D(2024, 1, 1), "ukraine", 207, 1, 0, 0, 0),
        (D(2024, 1, 1), "russia", 195, 1, 0, 0, 0),
        (D(2024, 2, 1), "ukraine", 100, 1, 0, 0, 0),
        (D(2024, 2, 1), "russia", None, 1, 1, 0, 0),
        (D(2024, 3, 1), "ukraine", 0, 0, 0, 0, 0),
        (D(2024, 3, 1), "russia", 0, 0, 0, 0, 0),
        (D(2024, 4, 1), "ukraine", 1000, 2, 0, 1, 0),
        (D(2024, 4, 1), "russia", 1000, 2, 0, 0, 0),
    ]
    return pl.DataFrame(rows, schema=PER_PERIOD_SCHEMA, orient="row").with_columns(
        approximate_events=pl.lit(0, pl.UInt32), capped_events=pl.lit(0, pl.UInt32)
    )


def cumulative() -> pl.DataFrame:
    """`per_period` with the running total by side."""
    return per_period().with_columns(
        cumulative=pl.col("count").fill_null(0).cum_sum().over("received_by")
    )


def events() -> pl.DataFrame:
    """Headline events: exact, at least, undisclosed and a disputed figure."""
    rows = [
        ("2024-01-31-pow_exchange", D(2024, 1, 31), "pow_exchange", "ukraine", 207, "exact", "ukraine", "S1", False, None),
        ("2024-01-31-pow_exchange", D(2024, 1, 31), "pow_exchange", "russia", 195, "exact", "russia", "S2", False, None),
        ("2025-06-11-body_repatriation", D(2025, 6, 11), "body_repatriation", "ukraine", 1212, "exact", "ukraine", "S1", True, 1000),
        ("2025-06-11-body_repatriation", D(2025, 6, 11), "body_repatriation", "russia", 27, "exact", "russia", "S2", False, None),
        ("2025-05-23-pow_exchange", D(2025, 5, 23), "pow_exchange", "ukraine", 390, "at_least", "ukraine", "S1", False, None),
        ("2025-05-23-pow_exchange", D(2025, 5, 23), "pow_exchange", "russia", None, "undisclosed", "russia", "S2", False, None),
    ]  # fmt: skip
    schema = {"event_id": pl.String, "date": pl.Date, "event_type": pl.String,
              "received_by": pl.String, "count": pl.Int64, "qualifier": pl.String,
              "claimant_side": pl.String, "source_id": pl.String, "disputed": pl.Boolean,
              "alt_count": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row").with_columns(
        status=pl.lit("completed"), claimant=pl.lit("someone")
    )


def asymmetry() -> pl.DataFrame:
    """Per-event figures of both sides, one undisclosed."""
    rows = [
        ("2024-01-31-pow_exchange", D(2024, 1, 31), "pow_exchange", 207, 195, 12, 207 / 195, None, False),
        ("2025-05-23-pow_exchange", D(2025, 5, 23), "pow_exchange", 390, None, None, None, "undisclosed", False),
        ("2025-06-11-body_repatriation", D(2025, 6, 11), "body_repatriation", 1212, 27, 1185, 1212 / 27, None, True),
    ]  # fmt: skip
    schema = {"event_id": pl.String, "date": pl.Date, "event_type": pl.String,
              "to_ukraine": pl.Int64, "to_russia": pl.Int64, "difference": pl.Int64,
              "ratio": pl.Float64, "ratio_note": pl.String, "disputed": pl.Boolean}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def delivery() -> pl.DataFrame:
    """Two deliveries against a 6,000-per-side agreement."""
    rows = [
        ("ukraine", D(2025, 6, 11), 6000, 1212, 4788, 1212 / 6000, 0),
        ("russia", D(2025, 6, 11), 6000, 27, 5973, 27 / 6000, 0),
        ("ukraine", D(2025, 6, 14), 6000, 2424, 3576, 2424 / 6000, 0),
        ("russia", D(2025, 6, 14), 6000, 51, 5949, 51 / 6000, 1),
    ]
    schema = {"received_by": pl.String, "date": pl.Date, "agreed": pl.Int64,
              "delivered": pl.Int64, "remaining": pl.Int64, "share": pl.Float64,
              "undisclosed_events": pl.UInt32}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def claims() -> pl.DataFrame:
    """A warring party's lower bound, an independent count and a range."""
    rows = [
        (D(2025, 2, 16), D(2025, 2, 1), "ukraine_military", "killed", 46000.0, None, None, "at_least", "Zelensky", "official_claim", "S1"),
        (D(2025, 6, 11), D(2025, 6, 1), "russia_military", "names_identified", 111000.0, None, None, "at_least", "Mediazona/BBC Russian", "independent_count", "S3"),
        (D(2025, 8, 8), None, "russia_military", "killed", 189000.0, 189000.0, 273000.0, "range", "Mediazona/BBC Russian", "independent_count", "S3"),
        (D(2025, 3, 1), D(2025, 3, 1), "russia_military", "killed", 95000.0, None, None, "about", "Ukrainian General Staff", "official_claim", "S1"),
    ]  # fmt: skip
    schema = {"claim_date": pl.Date, "as_of": pl.Date, "subject": pl.String, "metric": pl.String,
              "value": pl.Float64, "value_low": pl.Float64, "value_high": pl.Float64,
              "qualifier": pl.String, "claimant": pl.String, "claim_kind": pl.String,
              "source_id": pl.String}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def upstream_series() -> pl.DataFrame:
    """A confirmed lower bound rising over three dates."""
    return pl.DataFrame({
        "source": ["mediazona"] * 3, "subject": ["russia_military"] * 3, "metric": ["killed"] * 3,
        "date": [D(2025, 1, 1), D(2025, 4, 1), D(2025, 7, 1)],
        "cumulative": [90000.0, 100000.0, 112000.0], "delta": [None, 10000.0, 12000.0],
        "kind": ["confirmed_lower_bound"] * 3, "flag": [None, None, None],
    })  # fmt: skip


def sources() -> pl.DataFrame:
    """The sources table for S1..S3 (S3 without a publisher: its host is used)."""
    return pl.DataFrame({
        "source_id": ["S1", "S2", "S3", "mediazona"],
        "kind": ["url", "url", "url", "dataset"],
        "url": ["https://www.ukrinform.net/a", "https://tass.com/b", "https://www.bbc.com/russian/c", None],
        "publisher": ["Ukrinform", "TASS", None, "Mediazona"],
        "title": ["a", "b", "c", "d"],
        "published": [D(2025, 6, 11), D(2025, 6, 12), D(2025, 8, 8), D(2025, 7, 1)],
    })  # fmt: skip


def by_event_type() -> pl.DataFrame:
    """Cumulative by side for two event types, for small multiples."""
    frame = cumulative()
    return pl.concat([
        frame.with_columns(event_type=pl.lit("pow_exchange")),
        frame.with_columns(event_type=pl.lit("body_repatriation"),
                           cumulative=pl.col("cumulative") * 2),
    ])  # fmt: skip


def daily_series() -> pl.DataFrame:
    """Seven days of a Russia claim, through deltas and rolling means: a correction (the total
    falls on day 4), a gap (day 6) and an unflagged first row (no delta)."""
    from analysis import series

    rows = pl.DataFrame({
        "source": ["petroivaniuk_genstaff"] * 7, "subject": ["russia_military"] * 7,
        "metric": ["personnel"] * 7, "date": [D(2025, 1, d) for d in range(1, 8)],
        "cumulative": [100.0, 110.0, 125.0, 120.0, 130.0, 140.0, 150.0],
        "kind": ["claim"] * 7, "flag": [None, None, None, None, None, "gap", None],
        "vintage": ["v1"] * 7,
    })  # fmt: skip
    return series.rolling(series.deltas(rows), value="delta", windows=(2, 30), how="mean")
