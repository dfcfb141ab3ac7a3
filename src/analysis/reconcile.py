"""Reconcile the ledger with published running totals: how far the sum of events is from each total.

For every row of `totals` whose series is defined in `SERIES`, the ledger's events of that series
are summed up to the total's date and compared with the published value. The result shows where
the ledger is incomplete (ledger_short) or where a published total disagrees with the events
(ledger_over). Which events a series counts is declared once, in `SERIES`; the coding rules are
in data/raw/ledger/METHODOLOGY.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from analysis import tables
from analysis.errors import UnknownSeriesError

TOLERANCE_PCT = 1.0  # |gap| up to this share of the published value counts as "ok"
ALL_SIDES = ("ukraine", "russia", "third_party")
ISTANBUL_ALL_FOR_ALL = "2025-06-09-pow_exchange-istanbul_all_for_all"
ISTANBUL_BODY_DEAL = "2025-06-02-body_repatriation-istanbul_agreement"
EXCHANGES = ("pow_exchange", "civilian_return")


@dataclass(frozen=True)
class Series:
    """Which ledger events a published running total counts."""

    description: str
    event_types: tuple[str, ...]
    received_by: tuple[str, ...]
    claimant_sides: tuple[str, ...] = ALL_SIDES  # whose figure to use, in order of preference
    exclude_events: tuple[str, ...] = ()
    only_events: tuple[str, ...] = ()
    agreement_id: str | None = None
    mediator: str | None = None  # the mediator cell must contain this
    since: dt.date | None = None
    this_year: bool = False  # count from 1 January of the total's year


SERIES: dict[str, Series] = {
    "returned_to_ukraine": Series(
        "People returned to Ukraine from captivity through the numbered exchanges (Ukraine's "
        "official count): POW swaps and civilian returns; not wounded handed over outside "
        "exchanges, not children, not the Istanbul all-for-all of June-July 2025, which the "
        "Coordination HQ counts as a separate case.",
        EXCHANGES,
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
        exclude_events=(ISTANBUL_ALL_FOR_ALL,),
    ),
    "returned_to_ukraine_all": Series(
        "People returned to Ukraine from captivity by every route: exchanges, the Istanbul "
        "all-for-all, wounded handed over outside exchanges.",
        (*EXCHANGES, "wounded_transfer"),
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
    ),
    "returned_to_ukraine_this_year": Series(
        "People returned to Ukraine through exchanges since 1 January of the total's year.",
        EXCHANGES,
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
        this_year=True,
    ),
    "returned_to_ukraine_outside_exchanges": Series(
        "People returned to Ukraine outside exchanges (wounded handed over as a 'gesture').",
        ("wounded_transfer",),
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
    ),
    "returned_to_ukraine_istanbul_all_for_all": Series(
        "People returned to Ukraine in the Istanbul all-for-all of June-July 2025.",
        (*EXCHANGES, "wounded_transfer"),
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
        only_events=(ISTANBUL_ALL_FOR_ALL,),
    ),
    "bodies_returned_to_ukraine": Series(
        "Bodies of the fallen returned to Ukraine.",
        ("body_repatriation",),
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
    ),
    "bodies_returned_to_russia": Series(
        "Bodies returned to Russia.",
        ("body_repatriation",),
        ("russia",),
        ("russia", "ukraine", "third_party"),
    ),
    "bodies_returned_to_ukraine_this_year": Series(
        "Bodies returned to Ukraine since 1 January of the total's year.",
        ("body_repatriation",),
        ("ukraine",),
        ("russia", "ukraine", "third_party"),
        this_year=True,
    ),
    "bodies_returned_to_russia_this_year": Series(
        "Bodies returned to Russia since 1 January of the total's year.",
        ("body_repatriation",),
        ("russia",),
        ("russia", "ukraine", "third_party"),
        this_year=True,
    ),
    "bodies_returned_to_ukraine_istanbul_deal": Series(
        "Bodies returned to Ukraine under the Istanbul deal of 2 June 2025.",
        ("body_repatriation",),
        ("ukraine",),
        ("ukraine", "russia", "third_party"),
        agreement_id=ISTANBUL_BODY_DEAL,
    ),
    "bodies_returned_to_russia_istanbul_deal": Series(
        "Bodies returned to Russia under the Istanbul deal of 2 June 2025.",
        ("body_repatriation",),
        ("russia",),
        ("russia", "ukraine", "third_party"),
        agreement_id=ISTANBUL_BODY_DEAL,
    ),
    "uae_mediated_released": Series(
        "People released in UAE-mediated exchanges since 2024, both directions.",
        (*EXCHANGES, "wounded_transfer"),
        ("ukraine", "russia"),
        ("third_party", "ukraine", "russia"),
        mediator="UAE",
        since=dt.date(2024, 1, 1),
    ),
    "children_returned": Series(
        "Children returned to Ukraine (the ledger holds only mediated group returns).",
        ("child_return",),
        ("ukraine",),
        ("ukraine", "third_party", "russia"),
    ),
}

STOCKS = {
    "ukrainians_in_captivity": "Ukrainians held by Russia at a date (a stock, not a sum of events)",
    "ukrainian_pows_in_captivity": "Ukrainian POWs held by Russia at a date (a stock)",
    "ukrainian_civilians_in_captivity": "Ukrainian civilians held by Russia at a date (a stock)",
    "children_deported": "Ukrainian children deported to Russia (a stock; the ledger has no events)",
    "civilians_returned_to_ukraine": "Civilians returned (the ledger cannot split civilians out of "
    "headline swap counts)",
    "pows_exchanged_istanbul_deals": "POWs exchanged under the Istanbul deals (unclear whether per "
    "side or both sides)",
}

RESULT_SCHEMA = {
    "total_id": pl.String(),
    "series": pl.String(),
    "as_of": pl.Date(),
    "as_of_precision": pl.String(),
    "compared_at": pl.Date(),
    "published": pl.Float64(),
    "value_high": pl.Float64(),
    "qualifier": pl.String(),
    "claimant": pl.String(),
    "source_id": pl.String(),
    "ledger_cumulative": pl.Int64(),
    "ledger_at_start": pl.Int64(),
    "events_counted": pl.UInt32(),
    "undisclosed_events": pl.UInt32(),
    "gap": pl.Float64(),
    "gap_pct": pl.Float64(),
    "status": pl.String(),
}


def series_figures(events: pl.DataFrame, name: str, spec: Series) -> pl.DataFrame:
    """One figure per event, stage and receiving side of a series: series, event_id, date, counted, undisclosed."""
    rows = events.filter(
        pl.col("status") == "completed",
        pl.col("is_current"),
        pl.col("event_type").is_in(list(spec.event_types)),
        pl.col("received_by").is_in(list(spec.received_by)),
        ~pl.col("event_id").is_in(list(spec.exclude_events)),
        pl.col("event_id").is_in(list(spec.only_events)) if spec.only_events else pl.lit(True),
        pl.col("agreement_id") == spec.agreement_id if spec.agreement_id else pl.lit(True),
        pl.col("mediator").fill_null("").str.contains(spec.mediator, literal=True)
        if spec.mediator
        else pl.lit(True),
    )
    preference = pl.col("claimant_side").replace_strict(
        {side: i for i, side in enumerate(spec.claimant_sides)}, default=len(spec.claimant_sides)
    )
    chosen = (
        rows.with_columns(_rank=preference)
        .sort("_rank", "figure_id")
        .group_by("event_id", "stage", "received_by", maintain_order=True)
        .first()
    )
    # A row without a stage in a staged event is the event's total: it replaces the stage rows.
    whole = pl.col("stage").is_null().any().over("event_id", "received_by")
    chosen = chosen.filter(pl.col("stage").is_null() | ~whole)
    return chosen.select(
        pl.lit(name).alias("series"),
        "event_id",
        "date",
        pl.col("count").fill_null(0).alias("counted"),
        (pl.col("qualifier") == "undisclosed").alias("undisclosed"),
    )


def _compared_at(totals: pl.DataFrame) -> pl.Expr:
    """The day a total is compared at: the end of its month or year when only those are known."""
    return (
        pl.when(pl.col("as_of_precision") == "month")
        .then(pl.col("as_of").dt.month_end())
        .when(pl.col("as_of_precision") == "year")
        .then(pl.date(pl.col("as_of").dt.year(), 12, 31))
        .otherwise(pl.col("as_of"))
    )


def _period_start() -> pl.Expr:
    """First day of the total's date: the month's or year's first day for month or year precision."""
    return (
        pl.when(pl.col("as_of_precision") == "year")
        .then(pl.date(pl.col("as_of").dt.year(), 1, 1))
        .otherwise(pl.col("as_of"))
    )


def _window_start() -> pl.Expr:
    """First day counted for each total: the series' `since`, or 1 January for this-year series."""
    since = {n: s.since for n, s in SERIES.items() if s.since}
    this_year = [n for n, s in SERIES.items() if s.this_year]
    return (
        pl.when(pl.col("series").is_in(this_year))
        .then(pl.date(pl.col("as_of").dt.year(), 1, 1))
        .otherwise(pl.col("series").replace_strict(since, default=None, return_dtype=pl.Date()))
    )


def _gap() -> pl.Expr:
    """published − ledger. A month- or year-precision total is measured against the point of
    [sum before the period, sum at its end] nearest to it; a range counts as met (gap 0) when the
    ledger lies inside it, else the gap runs to the nearer end."""
    ledger = pl.col("ledger_cumulative")
    nearest = pl.col("published").clip(pl.col("ledger_at_start"), ledger)
    return (
        pl.when(pl.col("qualifier") == "range")
        .then(ledger.clip(pl.col("published"), pl.col("value_high")) - ledger)
        .otherwise(pl.col("published") - nearest)
    )


def _status() -> pl.Expr:
    """ok / ledger_short / ledger_over / bound_satisfied / not_comparable."""
    ledger, value = pl.col("ledger_cumulative"), pl.col("published")
    within = pl.col("gap_pct").abs() <= TOLERANCE_PCT
    return (
        pl.when(ledger.is_null())
        .then(pl.lit("not_comparable"))
        .when((pl.col("qualifier") == "at_least") & (ledger >= value))
        .then(pl.lit("bound_satisfied"))
        .when((pl.col("qualifier") == "at_most") & (ledger <= value))
        .then(pl.lit("bound_satisfied"))
        .when((pl.col("qualifier") == "range") & ledger.is_between(value, pl.col("value_high")))
        .then(pl.lit("ok"))
        .when((pl.col("gap") == 0) | (pl.col("qualifier").is_in(["exact", "about"]) & within))
        .then(pl.lit("ok"))
        .when(pl.col("gap") > 0)
        .then(pl.lit("ledger_short"))
        .otherwise(pl.lit("ledger_over"))
    )


def reconcile(events: pl.DataFrame, totals: pl.DataFrame) -> pl.DataFrame:
    """One row per published total: the ledger's cumulative sum at its date, the gap and a status."""
    figures = pl.concat(
        [series_figures(events, name, spec) for name, spec in SERIES.items()],
        how="vertical",
    )
    base = totals.select(
        "total_id",
        "series",
        "as_of",
        "as_of_precision",
        "value",
        "value_high",
        "qualifier",
        "claimant",
        "source_id",
    ).with_columns(  # fmt: skip
        compared_at=_compared_at(totals), _period=_period_start(), _start=_window_start()
    )
    sums = (
        base.join(figures, on="series", how="inner")
        .filter(
            pl.col("date") <= pl.col("compared_at"),
            pl.col("_start").is_null() | (pl.col("date") >= pl.col("_start")),
        )
        .group_by("total_id")
        .agg(
            ledger_cumulative=pl.col("counted").sum(),
            ledger_at_start=pl.when(pl.col("as_of_precision").first().is_in(["month", "year"]))
            .then(pl.col("counted").filter(pl.col("date") < pl.col("_period")).sum())
            .otherwise(pl.col("counted").sum()),
            events_counted=pl.col("event_id").n_unique(),
            undisclosed_events=pl.col("event_id").filter(pl.col("undisclosed")).n_unique(),
        )
    )
    defined = pl.col("series").is_in(list(SERIES))
    result = (
        base.join(sums, on="total_id", how="left")
        .with_columns(
            pl.when(defined).then(pl.col("ledger_cumulative").fill_null(0)),
            pl.when(defined).then(pl.col("ledger_at_start").fill_null(0)),
            *(
                pl.when(defined).then(pl.col(c).fill_null(0).cast(pl.UInt32))
                for c in ("events_counted", "undisclosed_events")
            ),
        )
        .rename({"value": "published"})
        .with_columns(gap=_gap())
        .with_columns(
            gap_pct=pl.when(pl.col("published") > 0).then(pl.col("gap") / pl.col("published") * 100)
        )
        .with_columns(status=_status())
    )
    return result.select([pl.col(c).cast(t) for c, t in RESULT_SCHEMA.items()]).sort(
        "series", "as_of", "total_id"
    )


def reconcile_processed(series: str | None = None, since: dt.date | None = None) -> pl.DataFrame:
    """`reconcile` on the processed tables, optionally one series and totals from `since` on."""
    result = reconcile(tables.load("events"), tables.load("totals"))
    if series is not None:
        result = result.filter(pl.col("series") == series)
        if result.height == 0:
            known = ", ".join(sorted(set(SERIES) | set(STOCKS)))
            raise UnknownSeriesError(
                f"no published totals for series {series!r}; series are {known}"
            )
    if since is not None:
        result = result.filter(pl.col("as_of") >= since)
    return result


QUALIFIER_MARK = {"exact": "", "about": "~", "at_least": "≥", "at_most": "≤", "range": ""}


def display_row(row: dict[str, object]) -> list[str]:
    """The cells of one reconcile row as printed by `analysis reconcile`."""
    as_of = row["as_of"]
    shown_date = as_of.strftime("%Y-%m") if row["as_of_precision"] == "month" else str(as_of)
    if row["as_of_precision"] == "approx":
        shown_date = f"~{shown_date}"
    published = f"{QUALIFIER_MARK[row['qualifier']]}{row['published']:,.0f}"
    if row["qualifier"] == "range":
        published += f"–{row['value_high']:,.0f}"
    comparable = row["ledger_cumulative"] is not None

    def show(value: object, fmt: str) -> str:
        return format(value, fmt) if comparable else ""

    return [
        str(row["series"]),
        shown_date,
        published,
        show(row["ledger_cumulative"], ","),
        show(row["gap"], "+,.0f"),
        show(row["gap_pct"], "+.1f"),
        show(row["events_counted"], "d"),
        show(row["undisclosed_events"], "d"),
        str(row["status"]),
        str(row["claimant"]),
    ]
