"""The one delta / correction / gap rule (running_totals.delta_rule) and its three users: the
running-total adapters (with_deltas), the General Staff adapter (series_rows, with signed
corrections and late starts) and series.deltas. Edge cases pinned with exact values."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import schema, series
from analysis.ingest.adapters import genstaff
from analysis.ingest.adapters import running_totals as rt

D = dt.date


def _running(cumulative: list[float | None], flags: list[str | None] | None = None,
             metric: str = "m", days: list[int] | None = None) -> pl.DataFrame:  # fmt: skip
    """One upstream series (source s, subject x) with the given running totals, one per day."""
    n = len(cumulative)
    return pl.DataFrame({
        "source": ["s"] * n, "subject": ["x"] * n, "metric": [metric] * n,
        "date": [D(2025, 1, 1) + dt.timedelta(days=d) for d in (days or range(n))],
        "cumulative": cumulative, "kind": ["claim"] * n, "flag": flags or [None] * n,
        "vintage": [None] * n, "_file": ["f"] * n, "_line": list(range(1, n + 1)),
    }, schema={**{k: v for k, v in schema.SERIES.polars_schema.items() if k != "delta"},
               "_file": pl.String(), "_line": pl.Int64()})  # fmt: skip


def _rows(frame: pl.DataFrame) -> list[tuple[object, ...]]:
    return frame.sort("metric", "date").select("cumulative", "delta", "flag").rows()


def test_rule_a_fall_is_a_correction_never_a_negative_delta() -> None:
    frame = pl.DataFrame({"change": [5.0, -3.0, None, 0.0, -1.0], "flag": [None, None, None, "x", "gap"]})
    delta, flag = rt.delta_rule(pl.col("change"), pl.col("flag"), keep=("gap",))
    assert frame.select(delta.alias("d"), flag.alias("f")).rows() == [
        (5.0, None), (None, "correction"), (None, None), (0.0, "x"), (None, "gap"),
    ]  # fmt: skip


def test_rule_a_listed_correction_is_flagged_even_when_the_change_is_positive() -> None:
    frame = pl.DataFrame({"change": [4.0, -2.0, 1.0], "listed": [True, True, False]})
    delta, flag = rt.delta_rule(pl.col("change"), pl.lit(None, pl.String), corrected=pl.col("listed"))
    assert frame.select(delta.alias("d"), flag.alias("f")).rows() == [
        (4.0, "correction"), (None, "correction"), (1.0, None),
    ]  # fmt: skip


def test_with_deltas_first_row_null_fall_flagged_flags_kept() -> None:
    frame = _running([10, 15, 12, 12, 20], flags=[None, "country_inferred", None, None, "country_inferred"])
    assert _rows(rt.with_deltas(frame.sample(fraction=1.0, shuffle=True, seed=3))) == [
        (10, None, None), (15, 5, "country_inferred"), (12, None, "correction"), (12, 0, None),
        (20, 8, "country_inferred"),
    ]  # fmt: skip


def test_with_deltas_keeps_series_apart() -> None:
    frame = pl.concat([_running([1, 3]), _running([100, 90], metric="n")])
    assert _rows(rt.with_deltas(frame)) == [(1, None, None), (3, 2, None), (100, None, None), (90, None, "correction")]


def _parsed(values: dict[str, list[tuple[dt.date, float]]], qualifier: str | None = None) -> genstaff.Parsed:
    """Candidate rows of a General Staff file: metric → [(date, value)]."""
    rows = [
        {"_file": "f", "_line": i, "date": d, "day": None, "key": m, "metric": m, "value": v,
         "qualifier": qualifier if m == "personnel" else None}
        for m, points in values.items() for i, (d, v) in enumerate(points, 1)
    ]  # fmt: skip
    frame = pl.DataFrame(rows, schema={"_file": pl.String(), "_line": pl.Int64(), "date": pl.Date(),
        "day": pl.String(), "key": pl.String(), "metric": pl.String(), "value": pl.Float64(),
        "qualifier": pl.String()})  # fmt: skip
    return genstaff.Parsed(frame, schema.empty_quarantine(), frame.height, None)


def test_genstaff_first_day_late_start_gap_and_signed_corrections() -> None:
    parsed = _parsed({
        "tanks": [(D(2025, 1, 1), 10), (D(2025, 1, 2), 12), (D(2025, 1, 3), 11), (D(2025, 1, 5), 15),
                  (D(2025, 1, 6), 20), (D(2025, 1, 7), 21)],
        "uav": [(D(2025, 1, 3), 5), (D(2025, 1, 4), 7)],
        "personnel": [(D(2025, 1, 1), 100), (D(2025, 1, 2), 150)],
    }, qualifier="more")  # fmt: skip
    fixes = pl.DataFrame({"date": [D(2025, 1, 6), D(2025, 1, 7)], "metric": ["tanks", "tanks"],
                          "correction": [2.0, 3.0]})  # fmt: skip
    rows = genstaff.series_rows([parsed], genstaff.PETROIVANIUK, fixes)
    assert rows.select("metric", "cumulative", "delta", "flag").rows() == [
        ("personnel", 100, 100, "at_least"),  # the first published day: the whole total
        ("personnel", 150, 50, "at_least"),
        ("tanks", 10, 10, None),
        ("tanks", 12, 2, None),
        ("tanks", 11, None, "correction"),  # fell: no daily value
        ("tanks", 15, 4, "gap"),  # 2 days since the last figure: its change, flagged
        ("tanks", 20, 3, "correction"),  # 5 - a listed correction of 2
        ("tanks", 21, None, "correction"),  # 1 - 3 < 0: no daily value
        ("uav", 5, None, "series_start"),  # starts after the others: its first total is no day's loss
        ("uav", 7, 2, None),
    ]


def test_series_deltas_recomputes_with_the_same_rule() -> None:
    frame = _running([10, 15, 12, 18, 30, 31], flags=[None, None, None, "gap", "imputed", None]).with_columns(
        pl.lit(None, pl.Float64).alias("delta")
    ).drop("_file", "_line")  # fmt: skip
    assert _rows(series.deltas(frame)) == [
        (10, None, None), (15, 5, None), (12, None, "correction"), (18, None, "gap"),
        (30, None, "imputed"), (31, None, None),  # no delta from an imputed base
    ]  # fmt: skip
