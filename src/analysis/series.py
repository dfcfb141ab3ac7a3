"""Time-series work over the tidy tables: per-period and cumulative counts, deltas, resampling,
rolling windows, exchange asymmetry, delivery against agreements, claims against independent counts.

Every function takes and returns polars DataFrames and is built from expressions (no loops over
rows). polars 2 does not keep row order through group_by, joins or unpivot, so every cumulative,
diff or rolling step sorts by date first, and every result is sorted before it is returned.
Undisclosed figures are never treated as zero: they are counted per period in their own columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from analysis.ingest.adapters.running_totals import delta_rule
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


def _n(expr: pl.Expr) -> pl.Expr:
    """Number of rows where `expr` is true, as Int64."""
    return expr.sum().cast(pl.Int64)


def _preferred(frame: pl.DataFrame) -> pl.DataFrame:
    """The row with the lowest (_score, figure_id) per headline key."""
    key = list(HEADLINE_KEY)
    top = frame.filter(pl.col("_score") == pl.col("_score").min().over(key))
    return top.filter(pl.col("figure_id") == pl.col("figure_id").min().over(key))


def _headline(events: pl.DataFrame) -> pl.DataFrame:
    """headline() without the final sort (row order unspecified).

    The choice runs on a narrow frame (keys, score, count) and the chosen rows are then
    gathered by row number: much faster on millions of rows than filtering every column.
    """
    own = pl.col("claimant_side") == pl.col("received_by")
    side_rank = pl.when(own).then(0).when(pl.col("claimant_side").is_in(SIDES)).then(1).otherwise(2)
    key = list(HEADLINE_KEY)
    ranked = (
        events.with_row_index("_row")
        .filter(pl.col("is_current"))
        .select(
            "_row", "event_id", "received_by", "status", "figure_id", "count", "claimant",
            _stage=pl.col("stage").fill_null(""),
            _score=pl.col("count").is_null().cast(pl.Int8) * 3 + side_rank,
        )
    )  # fmt: skip
    chosen = _preferred(ranked)
    others = ranked.join(chosen.select(*key, _chosen="count"), on=key, how="left").filter(
        pl.col("count") != pl.col("_chosen")
    )
    alternatives = _preferred(others).select(*key, alt_count="count", alt_claimant="claimant")
    picks = chosen.join(alternatives, on=key, how="left").select(
        "_row", "alt_count", "alt_claimant"
    )
    return events[picks["_row"]].with_columns(
        picks["alt_count"],
        picks["alt_claimant"],
        disputed=picks["alt_count"].is_not_null(),
        _stage=pl.col("stage").fill_null(""),
    )


def headline(events: pl.DataFrame) -> pl.DataFrame:
    """One figure per (event_id, stage, received_by, status) among current rows.

    Preference: a disclosed count over an undisclosed one; then the receiving side's own claimant,
    the other side, third parties; then the lowest figure_id. `disputed` marks keys where another
    claimant gave a different count, `alt_count`/`alt_claimant` the preferred such other figure.
    """
    return (
        _headline(events)
        .sort("date", "event_id", "_stage", _side_order(), "status")
        .select(*EVENT_COLUMNS, "disputed", "alt_count", "alt_claimant")
    )


def _completed(
    events: pl.DataFrame,
    event_types: Sequence[str] | None,
    start: dt.date | None,
    end: dt.date | None,
) -> pl.DataFrame:
    """Headline figures of completed events, optionally of some types within [start, end]."""
    frame = _headline(events.filter(pl.col("status") == "completed"))
    if event_types is not None:
        frame = frame.filter(pl.col("event_type").is_in(list(event_types)))
    if start is not None:
        frame = frame.filter(pl.col("date") >= start)
    if end is not None:
        frame = frame.filter(pl.col("date") <= end)
    return frame


def _calendar(
    frame: pl.DataFrame, every: str, start: dt.date | None, end: dt.date | None
) -> pl.DataFrame:
    """Every period from the first to the last (or start..end) × both sides."""
    first = pl.lit(start).dt.truncate(every) if start else pl.col("period").min()
    last = pl.lit(end).dt.truncate(every) if end else pl.col("period").max()
    periods = frame.select(period=pl.date_ranges(first, last, every)).explode("period")
    sides = pl.DataFrame({"received_by": list(SIDES)})
    return periods.drop_nulls().join(sides, how="cross")


def per_period(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pl.DataFrame:
    """Completed headline figures per period (week, month, quarter or year) and receiving side.

    Every period between the first and last (or start and end) appears for both sides. `count`
    sums disclosed figures and is null when a period's events are all undisclosed; `period` is
    the period's first day (weeks start on Monday). Month-precision dates are stored as the 1st
    of the month: weekly, they fall in the week holding the 1st, and `approx_dates` counts them.
    """
    _check_choice("freq", freq, tuple(FREQS))
    every = FREQS[freq]
    figures = _completed(events, event_types, start, end).with_columns(
        period=pl.col("date").dt.truncate(every)
    )
    counted = figures.group_by("period", "received_by").agg(
        count=pl.when(pl.col("count").is_not_null().any()).then(pl.col("count").sum()),
        events=pl.len().cast(pl.Int64),
        undisclosed_events=_n(pl.col("count").is_null()),
        lower_bound_events=_n(pl.col("qualifier") == "at_least"),
        approx_dates=_n(pl.col("date_precision") != "day"),
    )
    calendar = _calendar(figures, every, start, end)
    zero = ("events", "undisclosed_events", "lower_bound_events", "approx_dates")
    return (
        calendar.join(counted, on=["period", "received_by"], how="left")
        .with_columns(
            pl.when(pl.col("events").is_null()).then(0).otherwise(pl.col("count")).alias("count"),
            *(pl.col(c).fill_null(0) for c in zero),
        )
        .sort("period", _side_order())
        .select("period", "received_by", "count", *zero)
    )


def cumulative(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pl.DataFrame:
    """per_period plus running totals per side: `cumulative` (disclosed figures only, a lower
    bound when undisclosed events exist) and `cumulative_undisclosed_events`."""
    frame = per_period(events, freq, event_types, start, end)
    return frame.with_columns(
        cumulative=pl.col("count").fill_null(0).cum_sum().over("received_by", order_by="period"),
        cumulative_undisclosed_events=pl.col("undisclosed_events")
        .cum_sum()
        .over("received_by", order_by="period"),
    ).sort("period", _side_order())


def _series_keys(frame: pl.DataFrame) -> list[str]:
    """The series key columns present in `frame`."""
    return [c for c in SERIES_KEYS if c in frame.columns]


def _sorted(frame: pl.DataFrame, keys: Sequence[str], *then: str) -> pl.DataFrame:
    """`frame` sorted by `keys`, then `then` (one struct sort key: the same order, and much
    faster than a multi-column sort on millions of rows)."""
    return frame.sort([pl.struct(keys), *then] if keys else list(then))


def _same_series(keys: Sequence[str]) -> pl.Expr:
    """True where a row continues the series of the row above (frame sorted by keys)."""
    if not keys:
        return pl.int_range(pl.len()) > 0
    return pl.all_horizontal(pl.col(k).eq_missing(pl.col(k).shift(1)) for k in keys)


def _with_deltas(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Recompute delta and flag falls as corrections; `frame` must be sorted by keys, date."""
    same = _same_series(keys)
    previous = pl.when(same).then(pl.col("cumulative").shift(1))
    previous_flag = pl.when(same).then(pl.col("flag").shift(1))
    blocked = pl.col("flag").is_in(NO_DELTA_FLAGS).fill_null(False)
    delta, flag = delta_rule(pl.col("cumulative") - previous, pl.col("flag"), keep=("gap",))
    return frame.with_columns(
        delta=pl.when(~blocked & ~previous_flag.is_in(NO_BASE_FLAGS).fill_null(False))
        .then(delta)
        .cast(pl.Float64),
        flag=flag,
    )


def deltas(series_frame: pl.DataFrame) -> pl.DataFrame:
    """Per-period values from running totals, per (source, subject, metric, vintage) by date.

    A fall in the running total gets a null delta and flag "correction"; rows flagged gap (or
    correction, missing, imputed) keep a null delta, as does the first row of each series.
    """
    keys = _series_keys(series_frame)
    columns = [c for c in series_frame.columns if c != "delta"]
    frame = series_frame.with_columns(pl.col("flag").cast(pl.String))
    out = _with_deltas(_sorted(frame, keys, "date"), keys)
    at = columns.index("cumulative") + 1
    return out.select(*columns[:at], "delta", *columns[at:])


def resample(
    series_frame: pl.DataFrame, freq: str = "day", fill: str | None = None
) -> pl.DataFrame:
    """Each series on a regular calendar (day, week or month), one row per period.

    A period takes the last running total published in it (`observed` is that publication's
    date; `date` is the period start). Periods with no publication get a null cumulative and
    flag "missing"; with fill="forward" they carry the last value and flag "imputed" instead.
    """
    _check_choice("freq", freq, tuple(RESAMPLE_FREQS))
    _check_choice("fill", fill, FILLS)
    every = RESAMPLE_FREQS[freq]
    keys = _series_keys(series_frame)
    group = [*keys, "kind"] if "kind" in series_frame.columns else keys
    observed = (
        series_frame.with_columns(period=pl.col("date").dt.truncate(every))
        .group_by(*group, "period")
        .agg(
            pl.col("cumulative", "flag").get(pl.col("date").arg_max()),
            observed=pl.col("date").max(),
        )
        .with_columns(pl.col("flag").cast(pl.String))
    )
    calendar = (
        observed.group_by(group)
        .agg(period=pl.date_ranges(pl.col("period").min(), pl.col("period").max(), every))
        .explode("period")
    )
    frame = calendar.join(
        observed, on=[*group, "period"], how="left", nulls_equal=True
    ).with_columns(
        flag=pl.when(pl.col("observed").is_null()).then(pl.lit("missing")).otherwise("flag")
    )
    if fill == "forward":
        filled = pl.col("flag") == "missing"
        frame = frame.with_columns(
            pl.col("cumulative", "observed").forward_fill().over(keys, order_by="period"),
        ).with_columns(flag=pl.when(filled).then(pl.lit("imputed")).otherwise("flag"))
    frame = frame.rename({"period": "date"})
    out = _with_deltas(_sorted(frame, keys, "date"), keys)
    columns = [
        "source",
        "subject",
        "metric",
        "date",
        "cumulative",
        "delta",
        "kind",
        "flag",
        "vintage",
    ]
    return out.select(*(c for c in columns if c in out.columns), "observed")


def _groups(frame: pl.DataFrame, by: Sequence[str] | None) -> list[str]:
    """`by`, or the grouping columns present in `frame` (series keys, received_by, event_type)."""
    if by is not None:
        return list(by)
    return [c for c in GROUP_CANDIDATES if c in frame.columns]


def _time_column(frame: pl.DataFrame, on: str | None) -> str:
    """`on`, or "date" when the frame has it, else "period"."""
    return on or ("date" if "date" in frame.columns else "period")


def rolling(
    frame: pl.DataFrame,
    value: str = "delta",
    windows: Sequence[int] = (7, 30, 90),
    how: str = "mean",
    by: Sequence[str] | None = None,
    on: str | None = None,
) -> pl.DataFrame:
    """Adds time-based rolling means or sums of `value` over the past N days, per group.

    Columns are named like delta_mean_7d; nulls are skipped (a window with no value gives null)
    and `{value}_obs_{N}d` counts the values each window saw. Groups default to the key columns.
    """
    _check_choice("how", how, ROLLING_HOWS)
    groups = _groups(frame, by)
    on = _time_column(frame, on)
    col = pl.col(value).cast(pl.Float64)
    names = {days: (f"{value}_{how}_{days}d", f"{value}_obs_{days}d") for days in windows}
    running = []
    for days, (stat_name, seen_name) in names.items():
        total = col.rolling_sum_by(on, f"{days}d")
        seen = col.is_not_null().cast(pl.Int64).rolling_sum_by(on, f"{days}d")
        if groups:
            total, seen = total.over(groups), seen.over(groups)
        running += [total.alias(stat_name), seen.alias(seen_name)]
    # a mean is the window's sum over its count (one rolling pass less); no values → null
    stats = []
    for stat_name, seen_name in names.values():
        total, seen = pl.col(stat_name), pl.col(seen_name)
        stat = total / seen if how == "mean" else total
        stats.append(pl.when(seen > 0).then(stat).alias(stat_name))
    return _sorted(frame, groups, on).with_columns(running).with_columns(stats)


def change(
    frame: pl.DataFrame,
    value: str,
    periods: int = 1,
    by: Sequence[str] | None = None,
    on: str | None = None,
) -> pl.DataFrame:
    """Adds `{value}_change` (absolute) and `{value}_pct_change` against `periods` rows earlier,
    per group sorted by date; pct change is null when the earlier value is 0 or null."""
    groups = _groups(frame, by)
    on = _time_column(frame, on)
    earlier = pl.col(value).shift(periods)
    earlier = earlier.over(groups, order_by=on) if groups else earlier
    return _sorted(frame, groups, on).with_columns(
        (pl.col(value) - earlier).alias(f"{value}_change"),
        pl.when(earlier != 0)
        .then((pl.col(value) - earlier) / earlier * 100)
        .alias(f"{value}_pct_change"),
    )


def _side_columns() -> list[pl.Expr]:
    """Per side: its count where the row is that side's, and flags for its rows and nulls."""
    exprs = []
    for side in SIDES:
        mine = pl.col("received_by") == side
        exprs += [
            pl.when(mine).then(pl.col("count")).alias(f"_{side}_count"),
            mine.alias(f"_{side}_rows"),
            (mine & pl.col("count").is_null()).alias(f"_{side}_nulls"),
        ]
    return exprs


def _ratio_note() -> pl.Expr:
    """Why ratio is null (or null when it is not)."""
    return (
        pl.when(pl.col("_russia_rows") == 0)
        .then(pl.lit("no figure for russia"))
        .when(pl.col("to_russia").is_null())
        .then(pl.lit("russia figure undisclosed"))
        .when(pl.col("to_russia") == 0)
        .then(pl.lit("russia received 0"))
        .when(pl.col("_ukraine_rows") == 0)
        .then(pl.lit("no figure for ukraine"))
        .when(pl.col("to_ukraine").is_null())
        .then(pl.lit("ukraine figure undisclosed"))
    )


def asymmetry(
    events: pl.DataFrame,
    freq: str | None = None,
    event_types: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Received by Ukraine vs by Russia per completed event (freq None) or per period and type.

    to_ukraine/to_russia are null when that side's figure is missing or undisclosed (per event)
    or when all its figures in the period are undisclosed; ratio_note says why ratio is null.
    """
    if freq is not None:
        _check_choice("freq", freq, tuple(FREQS))
    figures = _completed(events, event_types, None, None).with_columns(_side_columns())
    if freq is None:  # a side's total needs every one of its figures
        keys, first = ["event_id"], [pl.col("date").min(), pl.col("event_type").first()]
        known = {side: pl.col(f"_{side}_nulls") == 0 for side in SIDES}
    else:  # a period's total is the sum of the disclosed figures, null when there are none
        figures = figures.with_columns(period=pl.col("date").dt.truncate(FREQS[freq]))
        keys, first = ["period", "event_type"], [pl.col("period").first().alias("date")]
        known = {side: pl.col(f"_{side}_nulls") < pl.col(f"_{side}_rows") for side in SIDES}
    grouped = (
        figures.group_by(keys)
        .agg(
            *first,
            *(
                pl.col(f"_{side}_{part}").sum()
                for side in SIDES
                for part in ("count", "rows", "nulls")
            ),
            undisclosed_figures=_n(pl.col("count").is_null()),
            disputed=pl.col("disputed").any(),
        )
        .with_columns(
            (
                pl.when((pl.col(f"_{side}_rows") > 0) & known[side]).then(pl.col(f"_{side}_count"))
            ).alias(f"to_{side}")
            for side in SIDES
        )
    )
    return (
        grouped.with_columns(
            difference=pl.col("to_ukraine") - pl.col("to_russia"),
            ratio=pl.when(pl.col("to_russia") != 0).then(
                pl.col("to_ukraine") / pl.col("to_russia")
            ),
            ratio_note=_ratio_note(),
        )
        .sort("date", *keys)
        .select(
            *keys[:1],
            "date",
            "event_type",
            "to_ukraine",
            "to_russia",
            "difference",
            "ratio",
            "ratio_note",
            "disputed",
            "undisclosed_figures",
        )
    )


def delivery(events: pl.DataFrame, agreement_id: str) -> pl.DataFrame:
    """How much of an agreement's numbers each side has received by each later delivery date.

    One row per (received_by, date of a completed event delivering on the agreement); sides and
    dates form a full grid so each side has a running total at every delivery date.
    """
    figures = _headline(events)
    agreed = (
        figures.filter((pl.col("event_id") == agreement_id) & (pl.col("status") == "agreed"))
        .group_by("received_by")
        .agg(
            agreed=pl.when(pl.col("count").null_count() == 0).then(pl.col("count").sum()),
            agreed_on=pl.col("date").min(),
        )
    )
    if agreed.height == 0:
        known = figures.filter(pl.col("status") == "agreed")["event_id"].unique().sort()
        listed = ", ".join(known) or "none"
        raise ValueError(f"unknown agreement id {agreement_id!r}; agreements are: {listed}")
    delivered = (
        figures.filter((pl.col("agreement_id") == agreement_id) & (pl.col("status") == "completed"))
        .group_by("received_by", "date")
        .agg(
            received=pl.col("count").sum(),
            undisclosed=_n(pl.col("count").is_null()),
        )
    )
    grid = delivered.select("date").unique().join(agreed, how="cross")
    return (
        grid.filter(pl.col("date") >= pl.col("agreed_on"))
        .join(delivered, on=["received_by", "date"], how="left")
        .with_columns(
            delivered=pl.col("received")
            .fill_null(0)
            .cum_sum()
            .over("received_by", order_by="date"),
            undisclosed_events=pl.col("undisclosed")
            .fill_null(0)
            .cum_sum()
            .over("received_by", order_by="date"),
        )
        .with_columns(
            remaining=pl.col("agreed") - pl.col("delivered"),
            share=pl.when(pl.col("agreed") > 0).then(pl.col("delivered") / pl.col("agreed")),
            agreement_id=pl.lit(agreement_id),
        )
        .sort(_side_order(), "date")
        .select(
            "agreement_id",
            "received_by",
            "date",
            "agreed",
            "delivered",
            "remaining",
            "share",
            "undisclosed_events",
        )
    )


def _as_list(value: str | Sequence[str]) -> list[str]:
    """A single name or several as a list."""
    return [value] if isinstance(value, str) else list(value)


def _from_claims(
    claims: pl.DataFrame | None, kind: str, subject: str, metrics: list[str]
) -> pl.DataFrame:
    """Current claims of one kind → (said, as_of, value, qualifier, who) observations."""
    if claims is None:
        return _observations_schema()
    return claims.filter(
        pl.col("is_current")
        & (pl.col("claim_kind") == kind)
        & (pl.col("subject") == subject)
        & pl.col("metric").is_in(metrics)
    ).select(
        said=pl.col("claim_date"),
        as_of=pl.col("as_of"),
        value=pl.col("value").cast(pl.Float64),
        qualifier=pl.col("qualifier"),
        who=pl.col("claimant"),
    )


def _from_series(
    series: pl.DataFrame | None, kind: str, subject: str, metrics: list[str]
) -> pl.DataFrame:
    """Series rows of one kind → observations (the source id stands in for the claimant)."""
    if series is None:
        return _observations_schema()
    return series.filter(
        (pl.col("kind") == kind)
        & (pl.col("subject") == subject)
        & pl.col("metric").is_in(metrics)
        & pl.col("cumulative").is_not_null()
    ).select(
        said=pl.col("date"),
        as_of=pl.col("date"),
        value=pl.col("cumulative").cast(pl.Float64),
        qualifier=pl.lit(SERIES_QUALIFIERS[kind]),
        who=pl.col("source"),
    )


def _observations_schema() -> pl.DataFrame:
    """An empty observations frame."""
    return pl.DataFrame(
        schema={
            "said": pl.Date,
            "as_of": pl.Date,
            "value": pl.Float64,
            "qualifier": pl.String,
            "who": pl.String,
        }
    )


def claims_vs_independent(
    claims: pl.DataFrame | None,
    series: pl.DataFrame | None = None,
    *,
    subject: str,
    metric_claim: str | Sequence[str] = "killed",
    metric_independent: str | Sequence[str] = ("killed", "names_identified"),
    claimant: str | Sequence[str] | None = None,
    independent: str | Sequence[str] | None = None,
) -> pl.DataFrame:
    """Official figures for a subject matched to the nearest earlier independent count.

    Officials: claims of kind official_claim and series of kind claim (metric in metric_claim,
    optionally only `claimant`, a claimant or series source). Independents: claims of kind
    independent_count and series of kind confirmed_lower_bound (metric in metric_independent,
    optionally only `independent`). Dates compared are the figures' as_of dates; one row per
    official figure and independent source, lag_days = claim as_of − independent date.
    """
    officials = pl.concat(
        [
            _from_claims(claims, "official_claim", subject, _as_list(metric_claim)),
            _from_series(series, "claim", subject, _as_list(metric_claim)),
        ]
    )
    independents = pl.concat(
        [
            _from_claims(claims, "independent_count", subject, _as_list(metric_independent)),
            _from_series(series, "confirmed_lower_bound", subject, _as_list(metric_independent)),
        ]
    )
    if claimant is not None:
        officials = officials.filter(pl.col("who").is_in(_as_list(claimant)))
    if independent is not None:
        independents = independents.filter(pl.col("who").is_in(_as_list(independent)))
    sources = independents.select(independent_source=pl.col("who").unique())
    if sources.height == 0:  # no independent count: keep the claims, unmatched
        sources = pl.DataFrame(
            {"independent_source": [None]}, schema={"independent_source": pl.String}
        )
    left = (
        officials.rename(
            {
                "said": "claim_date",
                "as_of": "claim_as_of",
                "value": "claim_value",
                "qualifier": "claim_qualifier",
                "who": "claimant",
            }
        )
        .join(sources, how="cross")
        .sort("claim_as_of", "independent_source", "claimant", "claim_date")
    )
    right = independents.select(
        independent_source="who",
        independent_date="as_of",
        _on="as_of",
        independent_value="value",
        independent_qualifier="qualifier",
    ).sort("_on", "independent_source", "independent_value")
    right = right.unique(["independent_source", "_on"], keep="last").sort("_on")
    matched = left.join_asof(
        right,
        left_on="claim_as_of",
        right_on="_on",
        by="independent_source",
        strategy="backward",
        check_sortedness=False,  # both sides are sorted by date just above
    )
    return (
        matched.with_columns(
            lag_days=(pl.col("claim_as_of") - pl.col("independent_date")).dt.total_days(),
            ratio=pl.when(pl.col("independent_value") > 0).then(
                pl.col("claim_value") / pl.col("independent_value")
            ),
        )
        .sort("claim_as_of", "claimant", "claim_date", "independent_source")
        .select(
            "claim_date",
            "claim_as_of",
            "claim_value",
            "claim_qualifier",
            "claimant",
            "independent_date",
            "independent_value",
            "independent_qualifier",
            "independent_source",
            "lag_days",
            "ratio",
        )
    )
