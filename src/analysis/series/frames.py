"""Rolling windows and period-on-period change over any time-series frame."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.series.common import GROUP_CANDIDATES, ROLLING_HOWS, _check_choice, _sorted


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
