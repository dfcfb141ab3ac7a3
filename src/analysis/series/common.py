"""Constants and small helpers shared by the series modules."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.schema import SIDES

FREQS = {"week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}
RESAMPLE_FREQS = {"day": "1d", "week": "1w", "month": "1mo"}
FILLS = (None, "forward")
ROLLING_HOWS = ("mean", "sum")
SERIES_KEYS = ("source", "subject", "metric", "vintage")
GROUP_CANDIDATES = (*SERIES_KEYS, "received_by", "event_type")
NO_DELTA_FLAGS = ("gap", "correction", "missing", "imputed")  # rows whose delta stays null
NO_BASE_FLAGS = ("missing", "imputed")  # rows a following delta must not be computed from
SERIES_QUALIFIERS = {"claim": "exact", "confirmed_lower_bound": "at_least", "estimate": "about"}
EVENT_COLUMNS = (
    "event_id",
    "stage",
    "date",
    "date_precision",
    "event_type",
    "received_by",
    "count",
    "qualifier",
    "status",
    "mediator",
    "claimant",
    "claimant_side",
    "source_id",
    "agreement_id",
)
HEADLINE_KEY = ("event_id", "_stage", "received_by", "status")


def _side_order() -> pl.Expr:
    """Sort key putting Ukraine before Russia, as in every chart."""
    return pl.col("received_by").replace_strict(
        {side: i for i, side in enumerate(SIDES)}, default=len(SIDES), return_dtype=pl.Int8
    )


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    """Raise ValueError naming the allowed values when `value` is not one of them."""
    if value not in allowed:
        names = ", ".join("None" if a is None else str(a) for a in allowed)
        raise ValueError(f"{name} must be one of {names}; got {value!r}")


def qualifier_of_sum(bounded: pl.Expr, approximate: pl.Expr, capped: pl.Expr) -> pl.Expr:
    """The qualifier of a sum, from whether any part is a lower bound (at least, undisclosed),
    approximate (about) or capped (up to): a lower bound stays one; bounds both ways are about."""
    return (
        pl.when(bounded & capped)
        .then(pl.lit("about"))
        .when(bounded)
        .then(pl.lit("at_least"))
        .when(approximate)
        .then(pl.lit("about"))
        .when(capped)
        .then(pl.lit("at_most"))
        .otherwise(pl.lit("exact"))
    )


def sum_qualifier(figures: pl.Expr) -> pl.Expr:
    """The qualifier of a sum of figures with qualifiers `figures` (an aggregation; null =
    undisclosed, which makes the sum of the others a lower bound)."""
    q = figures.fill_null("undisclosed")
    return qualifier_of_sum(
        q.is_in(["at_least", "undisclosed"]).any(), (q == "about").any(), (q == "at_most").any()
    )


def _n(expr: pl.Expr) -> pl.Expr:
    """Number of rows where `expr` is true, as Int64."""
    return expr.sum().cast(pl.Int64)


def _series_keys(frame: pl.DataFrame) -> list[str]:
    """The series key columns present in `frame`."""
    return [c for c in SERIES_KEYS if c in frame.columns]


def _sorted(frame: pl.DataFrame, keys: Sequence[str], *then: str) -> pl.DataFrame:
    """`frame` sorted by `keys`, then `then` (one struct sort key: the same order, and much
    faster than a multi-column sort on millions of rows)."""
    return frame.sort([pl.struct(keys), *then] if keys else list(then))
