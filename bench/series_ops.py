"""Benchmark: analysis.series against a straightforward pandas implementation, same data, same run.

Operations: cumulative (headline figures → monthly per-side counts with undisclosed events →
running totals), asymmetry per event, deltas of running totals (corrections, gaps) and 7/30/90-day
rolling means. Events and series each get ROWS synthetic rows. Every pandas result is asserted
equal to the polars one before any timing is printed. Target: polars ≥ 2× faster on each.

    .venv/bin/python bench/series_ops.py [--rows 10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import polars as pl
from polars.testing import assert_frame_equal

from analysis import series

START = dt.date(2022, 2, 24)
DAYS = 1400
SIDES = ["ukraine", "russia"]
EVENT_TYPES = ["pow_exchange", "body_repatriation", "civilian_return"]
SIDE_ORDER = {"ukraine": 0, "russia": 1}
HEADLINE_KEY = ["event_id", "_stage", "received_by", "status"]
TARGET = 2.0


# synthetic data ----------------------------------------------------------------------------------


def synthetic_events(rows: int, seed: int = 1) -> pl.DataFrame:
    """`rows` events rows: 4 figures per event (each side's count by each side's claimant)."""
    rng = np.random.default_rng(seed)
    n_events = rows // 4
    event = np.repeat(np.arange(n_events), 4)
    received = np.tile([0, 0, 1, 1], n_events)
    claimant_side = np.tile([0, 1, 1, 0], n_events)
    count = np.repeat(rng.integers(0, 1300, n_events * 2), 2)
    disputed = rng.random(rows) < 0.05
    count = np.where(disputed, count + rng.integers(1, 50, rows), count)
    undisclosed = rng.random(rows) < 0.03
    day = np.repeat(rng.integers(0, DAYS, n_events), 4)
    month_precision = np.repeat(rng.random(n_events) < 0.05, 4)
    staged = np.repeat(rng.integers(0, 3, n_events), 4)  # 0 = not staged
    frame = pl.DataFrame({
        "figure_id": np.arange(rows),
        "event": event,
        "received_by": np.array(SIDES)[received],
        "claimant_side": np.array(SIDES)[claimant_side],
        "count": pl.Series(count).set(pl.Series(undisclosed), None),
        "day": day,
        "month_precision": month_precision,
        "stage": staged,
        "event_type": np.array(EVENT_TYPES)[np.repeat(rng.integers(0, 3, n_events), 4)],
        "agreed": np.repeat(rng.random(n_events) < 0.01, 4),
        "is_current": rng.random(rows) >= 0.02,
        "at_least": rng.random(rows) < 0.02,
    })  # fmt: skip
    date = pl.lit(START) + pl.duration(days=pl.col("day"))
    return frame.select(
        figure_id=pl.format("F{}", pl.col("figure_id").cast(pl.String).str.zfill(8)),
        event_id=pl.format("{}-e{}", date.dt.to_string("%Y-%m-%d"), pl.col("event")),
        stage=pl.when(pl.col("stage") > 0).then(pl.col("stage").cast(pl.String)),
        date=pl.when(pl.col("month_precision")).then(date.dt.month_start()).otherwise(date),
        date_precision=pl.when(pl.col("month_precision")).then(pl.lit("month")).otherwise(pl.lit("day")),
        event_type="event_type",
        received_by="received_by",
        count=pl.col("count").cast(pl.Int64),
        qualifier=pl.when(pl.col("count").is_null()).then(pl.lit("undisclosed"))
        .when(pl.col("at_least")).then(pl.lit("at_least")).otherwise(pl.lit("exact")),
        status=pl.when(pl.col("agreed")).then(pl.lit("agreed")).otherwise(pl.lit("completed")),
        mediator=pl.lit(None, pl.String),
        claimant=pl.when(pl.col("claimant_side") == "ukraine").then(pl.lit("Coordination HQ"))
        .otherwise(pl.lit("Russian MoD")),
        claimant_side="claimant_side",
        source_id=pl.format("s{}", pl.col("figure_id")),
        agreement_id=pl.lit(None, pl.String),
        is_current="is_current",
    )  # fmt: skip


def synthetic_series(rows: int, seed: int = 2) -> pl.DataFrame:
    """`rows` series rows: 1,000 running totals on irregular dates with falls, gaps and nulls."""
    rng = np.random.default_rng(seed)
    n_series = 1000
    per = rows // n_series
    steps = rng.integers(0, 50, rows).astype(float)
    falls = rng.random(rows) < 0.01
    steps[falls] = -rng.integers(1, 100, falls.sum())
    gaps = rng.integers(1, 4, rows)  # 1–3 days between publications
    frame = pl.DataFrame({
        "series": np.repeat(np.arange(n_series), per),
        "step": steps[: n_series * per],
        "gap": gaps[: n_series * per],
        "flag": pl.Series(np.where(rng.random(n_series * per) < 0.01, "gap", "")).replace("", None),
        "null": rng.random(n_series * per) < 0.005,
    })  # fmt: skip
    return frame.select(
        source=pl.format("src{}", pl.col("series") % 10),
        subject=pl.lit("russia_military"),
        metric=pl.format("m{}", pl.col("series") // 10 % 10),
        date=pl.lit(START) + pl.duration(days=pl.col("gap").cum_sum().over("series")),
        cumulative=pl.when(~pl.col("null")).then(pl.col("step").cum_sum().over("series") + 1000),
        delta=pl.lit(None, pl.Float64),
        kind=pl.lit("claim"),
        flag=pl.col("flag"),
        vintage=pl.format("v{}", pl.col("series") // 100),
    )


# pandas ------------------------------------------------------------------------------------------


def pd_headline(events: pd.DataFrame) -> pd.DataFrame:
    """series.headline in pandas."""
    df = events[events["is_current"]].copy()
    df["_stage"] = df["stage"].fillna("")
    df["_undisclosed"] = df["count"].isna()
    own = df["claimant_side"] == df["received_by"]
    df["_rank"] = np.select([own, df["claimant_side"].isin(SIDES)], [0, 1], 2)
    df = df.sort_values([*HEADLINE_KEY, "_undisclosed", "_rank", "figure_id"])
    chosen = df.drop_duplicates(HEADLINE_KEY, keep="first")
    both = df.merge(
        chosen[[*HEADLINE_KEY, "count"]].rename(columns={"count": "_chosen"}), on=HEADLINE_KEY
    )
    differs = both["count"].notna() & both["_chosen"].notna() & (both["count"] != both["_chosen"])
    alternatives = both[differs].drop_duplicates(HEADLINE_KEY, keep="first")
    alternatives = alternatives[[*HEADLINE_KEY, "count", "claimant"]].rename(
        columns={"count": "alt_count", "claimant": "alt_claimant"}
    )
    out = chosen.merge(alternatives, on=HEADLINE_KEY, how="left")
    out["disputed"] = out["alt_count"].notna()
    return out


def pd_cumulative(events: pd.DataFrame) -> pd.DataFrame:
    """series.cumulative(events, "month") in pandas."""
    df = pd_headline(events)
    df = df[df["status"] == "completed"].copy()
    df["period"] = df["date"].dt.to_period("M").dt.start_time
    df["_undisclosed"] = df["count"].isna()
    df["_lower"] = df["qualifier"] == "at_least"
    df["_approx"] = df["date_precision"] != "day"
    counted = (
        df.groupby(["period", "received_by"])
        .agg(
            count=("count", lambda s: s.sum(min_count=1)),
            events=("count", "size"),
            undisclosed_events=("_undisclosed", "sum"),
            lower_bound_events=("_lower", "sum"),
            approx_dates=("_approx", "sum"),
        )
        .reset_index()
    )
    periods = pd.date_range(df["period"].min(), df["period"].max(), freq="MS")
    calendar = pd.MultiIndex.from_product([periods, SIDES], names=["period", "received_by"])
    out = calendar.to_frame(index=False).merge(counted, on=["period", "received_by"], how="left")
    empty = out["events"].isna()
    out.loc[empty, "count"] = 0
    for col in ("events", "undisclosed_events", "lower_bound_events", "approx_dates"):
        out[col] = out[col].fillna(0)
    out = out.sort_values(["received_by", "period"])
    out["cumulative"] = out["count"].fillna(0).groupby(out["received_by"]).cumsum()
    out["cumulative_undisclosed_events"] = out.groupby("received_by")["undisclosed_events"].cumsum()
    out["_side"] = out["received_by"].map(SIDE_ORDER)
    return out.sort_values(["period", "_side"]).drop(columns="_side")


def pd_asymmetry(events: pd.DataFrame) -> pd.DataFrame:
    """series.asymmetry(events) (per event) in pandas."""
    df = pd_headline(events)
    df = df[df["status"] == "completed"]
    df = df.assign(_null=df["count"].isna())
    per_side = df.groupby(["event_id", "received_by"]).agg(
        total=("count", "sum"), rows=("count", "size"), nulls=("_null", "sum")
    )
    wide = per_side.unstack("received_by")
    out = df.groupby("event_id").agg(
        date=("date", "min"),
        event_type=("event_type", "first"),
        disputed=("disputed", "any"),
        undisclosed_figures=("_null", "sum"),
    )
    for side in SIDES:
        rows = wide[("rows", side)].fillna(0)
        known = (rows > 0) & (wide[("nulls", side)].fillna(0) == 0)
        out[f"to_{side}"] = wide[("total", side)].where(known)
        out[f"_{side}_rows"] = rows
    out["difference"] = out["to_ukraine"] - out["to_russia"]
    out["ratio"] = (out["to_ukraine"] / out["to_russia"]).where(out["to_russia"] != 0)
    out["ratio_note"] = np.select(
        [
            out["_russia_rows"] == 0,
            out["to_russia"].isna(),
            out["to_russia"] == 0,
            out["_ukraine_rows"] == 0,
            out["to_ukraine"].isna(),
        ],
        ["no figure for russia", "russia figure undisclosed", "russia received 0",
         "no figure for ukraine", "ukraine figure undisclosed"],
        default=None,
    )  # fmt: skip
    return out.reset_index().sort_values(["date", "event_id"])


def pd_deltas(frame: pd.DataFrame) -> pd.DataFrame:
    """series.deltas in pandas."""
    keys = ["source", "subject", "metric", "vintage"]
    df = frame.sort_values([*keys, "date"]).copy()
    grouped = df.groupby(keys, sort=False)
    previous = grouped["cumulative"].shift(1)
    previous_flag = grouped["flag"].shift(1)
    fall = df["cumulative"] < previous
    ok = ~df["flag"].isin(series.NO_DELTA_FLAGS) & ~fall
    ok &= ~previous_flag.isin(series.NO_BASE_FLAGS)
    df["delta"] = (df["cumulative"] - previous).where(ok)
    df["flag"] = df["flag"].where(~(fall & (df["flag"] != "gap")), "correction")
    return df


def pd_rolling(frame: pd.DataFrame) -> pd.DataFrame:
    """series.rolling(frame, "delta", (7, 30, 90), "mean") in pandas."""
    keys = ["source", "subject", "metric", "vintage"]
    df = frame.sort_values([*keys, "date"]).reset_index(drop=True)
    grouped = df.groupby(keys, sort=True)
    for days in (7, 30, 90):
        window = grouped.rolling(f"{days}D", on="date")["delta"]
        df[f"delta_mean_{days}d"] = window.mean().to_numpy()
        df[f"delta_obs_{days}d"] = window.count().to_numpy()
    return df


# comparison and timing ---------------------------------------------------------------------------


def same(polars_out: pl.DataFrame, pandas_out: pd.DataFrame) -> None:
    """Assert the pandas result equals the polars one (values, nulls, order)."""
    converted = pl.from_pandas(pandas_out[polars_out.columns].reset_index(drop=True))
    converted = converted.with_columns(
        pl.col(c).fill_nan(None) for c, t in converted.schema.items() if t == pl.Float64
    ).cast(polars_out.schema)  # type: ignore[arg-type]
    assert_frame_equal(polars_out, converted, check_exact=False, rel_tol=1e-9, abs_tol=1e-9)


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build the data, check every operation agrees, then time each and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of events and of series")
    parser.add_argument("--repeat", type=int, default=3, help="runs per implementation")
    args = parser.parse_args()

    events = synthetic_events(args.rows)
    upstream = synthetic_series(args.rows)
    events_pd, upstream_pd = events.to_pandas(), upstream.to_pandas()
    with_deltas = series.deltas(upstream)
    with_deltas_pd = with_deltas.to_pandas()
    operations = {
        "cumulative (month)": (
            lambda: series.cumulative(events, "month"),
            lambda: pd_cumulative(events_pd),
        ),
        "asymmetry (per event)": (
            lambda: series.asymmetry(events),
            lambda: pd_asymmetry(events_pd),
        ),
        "deltas": (lambda: series.deltas(upstream), lambda: pd_deltas(upstream_pd)),
        "rolling means 7/30/90d": (
            lambda: series.rolling(with_deltas, "delta", how="mean", by=series.SERIES_KEYS),
            lambda: pd_rolling(with_deltas_pd),
        ),
    }
    print(
        f"{args.rows:,} events rows, {upstream.height:,} series rows; median of {args.repeat} runs"
    )
    print(f"{'operation':<24} {'polars s':>9} {'pandas s':>9} {'ratio':>7}")
    failed = []
    for name, (run_polars, run_pandas) in operations.items():
        polars_out = run_polars()
        same(polars_out, run_pandas())
        fast = median_seconds(run_polars, args.repeat)
        slow = median_seconds(run_pandas, args.repeat)
        ratio = slow / fast
        failed += [name] if ratio < TARGET else []
        print(f"{name:<24} {fast:>9.2f} {slow:>9.2f} {ratio:>6.1f}×", flush=True)
    print("target ≥2× met" if not failed else f"below the 2× target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
