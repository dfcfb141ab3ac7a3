"""Published running totals beside the ledger's cumulative series, and the reconciled curve.

`published(totals, names, end)` gives the totals that match a cumulative series (one series name
per receiving side, see MATCHING) as marks with their claimant. `reconciled(...)` adds to
`cumulative(...)` the part the ledger does not itemise: at each published total the gap between
it and the ledger's running sum that day; the curve is the ledger lifted by the largest gap so far
(`not_itemised`), so it never falls and meets every total that is higher than the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import polars as pl

from analysis.series.events import _completed
from analysis.series.periods import cumulative

BODIES = ("body_repatriation",)
MATCHING: dict[tuple[str, ...], dict[str, str]] = {  # event types counted: side -> totals series
    BODIES: {"ukraine": "bodies_returned_to_ukraine", "russia": "bodies_returned_to_russia"},
}
LIFTING = ("exact", "about", "at_least", "range")  # an at_most total cannot lift the ledger
MARK_COLUMNS = ("received_by", "date", "value", "qualifier", "claimant", "source_id", "series")


def matching(event_types: Sequence[str] | None) -> dict[str, str]:
    """The totals series (by receiving side) that count exactly these event types, or {}."""
    return MATCHING.get(tuple(sorted(event_types or ())), {})


def _compared_at() -> pl.Expr:
    """The day a total speaks for: the end of its month or year when only those are known."""
    precision = pl.col("as_of_precision")
    return (
        pl.when(precision == "month").then(pl.col("as_of").dt.month_end())
        .when(precision == "year").then(pl.date(pl.col("as_of").dt.year(), 12, 31))
        .otherwise(pl.col("as_of"))
    )  # fmt: skip


def published(
    totals: pl.DataFrame, names: Mapping[str, str], end: dt.date | None = None
) -> pl.DataFrame:
    """The published totals of `names` (side -> series) up to `end`, one mark per total: the
    day it speaks for (`date`), value, qualifier, claimant, source_id and series."""
    side = pl.col("series").replace_strict({v: k for k, v in names.items()}, default=None)
    marks = totals.filter(pl.col("series").is_in(list(names.values()))).with_columns(
        received_by=side, date=_compared_at()
    )
    if end is not None:
        marks = marks.filter(pl.col("date") <= end)
    return marks.select(MARK_COLUMNS).sort("date", "received_by", "value")


def _gaps(events: pl.DataFrame, marks: pl.DataFrame, event_types: Sequence[str]) -> pl.DataFrame:
    """Per lifting total: the ledger's running sum on its day and the gap (published − ledger)."""
    figures = _completed(events, event_types, None, None).select(
        "received_by", "date", counted=pl.col("count").fill_null(0)
    )
    lifting = marks.filter(pl.col("qualifier").is_in(LIFTING)).with_row_index("_total")
    sums = (
        lifting.join(figures, on="received_by", how="left", suffix="_event")
        .group_by("_total")
        .agg(ledger_at=pl.col("counted").filter(pl.col("date_event") <= pl.col("date")).sum())
    )
    return (
        lifting.join(sums, on="_total")
        .with_columns(gap=pl.col("value") - pl.col("ledger_at"))
        .sort("date")
    )


def reconciled(
    events: pl.DataFrame,
    totals: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] = BODIES,
    end: dt.date | None = None,
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """cumulative(...) (from the first event) plus, per side with matching totals, the latest
    total so far (published, published_as_of, claimant), `not_itemised` (largest gap so far,
    at least 0) and `reconciled` = cumulative + not_itemised; null where cumulative is null."""
    frame = cumulative(events, freq, event_types, None, end, coverage)
    names = matching(event_types)
    marks = published(totals, names, end)
    gaps = _gaps(events, marks, event_types).select(
        "received_by", _on="date", published="value", published_as_of="date",
        claimant="claimant", lift=pl.col("gap").clip(lower_bound=0).cum_max().over("received_by"),
    )  # fmt: skip
    frame = frame.with_columns(_on=pl.coalesce("through", pl.col("period"))).sort("_on")
    joined = frame.join_asof(
        gaps.sort("_on"), on="_on", by="received_by", strategy="backward", check_sortedness=False
    )  # both sorted by _on just above
    known = pl.col("cumulative").is_not_null()
    return (
        joined.with_columns(
            *(
                pl.when(known).then(c).alias(c)
                for c in ("published", "published_as_of", "claimant")
            ),
            not_itemised=pl.when(known).then(pl.col("lift").fill_null(0)).cast(pl.Int64),
        )
        .with_columns(reconciled=pl.col("cumulative") + pl.col("not_itemised"))
        .drop("_on", "lift")
        .sort(
            "period", pl.col("received_by").replace_strict({"ukraine": 0, "russia": 1}, default=2)
        )
    )
