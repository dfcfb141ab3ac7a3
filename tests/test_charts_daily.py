"""The daily chart of one upstream series: exactly the plotted points, nulls never drawn as
zero, days without a value marked at the baseline, claims lighter and dashed."""

from __future__ import annotations

import matplotlib.dates as mdates
import polars as pl
import pytest

import charts_frames as frames
from analysis import charts

D = frames.D
MEANS = ["delta_mean_2d", "delta_mean_30d"]


def _chart(frame: pl.DataFrame | None = None) -> charts.Chart:
    return charts.daily(frames.daily_series() if frame is None else frame, rolling=MEANS)


def _num(*days: int) -> list[float]:
    return [mdates.date2num(D(2025, 1, d)) for d in days]


def test_daily_data_holds_exactly_the_plotted_points() -> None:
    data = _chart().data
    assert data.select("date", "series", "value", "flag").rows() == [
        (D(2025, 1, 2), "daily personnel", 10.0, None),
        (D(2025, 1, 3), "daily personnel", 15.0, None),
        (D(2025, 1, 5), "daily personnel", 10.0, None),
        (D(2025, 1, 7), "daily personnel", 10.0, None),
        (D(2025, 1, 2), "2-day mean", 10.0, None),
        (D(2025, 1, 3), "2-day mean", 12.5, None),
        (D(2025, 1, 4), "2-day mean", 15.0, "correction"),
        (D(2025, 1, 5), "2-day mean", 10.0, None),
        (D(2025, 1, 6), "2-day mean", 10.0, "gap"),
        (D(2025, 1, 7), "2-day mean", 10.0, None),
        (D(2025, 1, 2), "30-day mean", 10.0, None),
        (D(2025, 1, 3), "30-day mean", 12.5, None),
        (D(2025, 1, 4), "30-day mean", 12.5, "correction"),
        (D(2025, 1, 5), "30-day mean", 35 / 3, None),
        (D(2025, 1, 6), "30-day mean", 35 / 3, "gap"),
        (D(2025, 1, 7), "30-day mean", 11.25, None),
        (D(2025, 1, 4), "correction", None, "correction"),
        (D(2025, 1, 6), "gap", None, "gap"),
    ]


def test_daily_draws_no_bar_for_a_null_and_marks_corrections_and_gaps() -> None:
    chart = _chart()
    ax = chart.fig.axes[0]
    [bars] = [c for c in ax.collections if c.get_gid() == "bars-delta"]
    # no bar on day 1 (first row), 4 (correction) or 6 (gap): never a zero-height bar for a null
    assert [tuple(s[1]) for s in bars.get_segments()] == list(
        zip(_num(2, 3, 5, 7), [10.0, 15.0, 10.0, 10.0], strict=True)
    )
    marks = {
        c.get_gid(): c.get_offsets().tolist() for c in ax.collections if c.get_gid() != "bars-delta"
    }
    assert marks == {
        "marks-correction": [[_num(4)[0], 0.0]],
        "marks-gap": [[_num(6)[0], 0.0]],
    }
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Daily personnel", "2-day mean", "30-day mean",
        "correction (total fell; no daily value)", "gap (no daily value)",
    ]  # fmt: skip


def test_daily_lines_break_at_nulls_instead_of_dropping_to_zero() -> None:
    ax = _chart().fig.axes[0]
    line = next(x for x in ax.lines if x.get_gid() == "line-delta_mean_2d")
    y = line.get_ydata()
    assert str(y[0]) == "nan" and 0.0 not in list(y)
    assert line.get_linestyle() == "--"  # a claim by a warring party


def test_daily_uses_the_side_colour_and_draws_confirmed_counts_solid() -> None:
    confirmed = frames.daily_series().with_columns(
        subject=pl.lit("ukraine_military"), kind=pl.lit("confirmed_lower_bound")
    )
    ax = _chart(confirmed).fig.axes[0]
    line = next(x for x in ax.lines if x.get_gid() == "line-delta_mean_30d")
    assert (line.get_color(), line.get_linestyle()) == ("#0072B2", "-")
    [bars] = [c for c in ax.collections if c.get_gid() == "bars-delta"]
    assert bars.get_alpha() == 0.6
    claim = next(c for c in _chart().fig.axes[0].collections if c.get_gid() == "bars-delta")
    assert claim.get_alpha() == 0.35


def test_daily_refuses_more_than_one_series() -> None:
    two = pl.concat(
        [frames.daily_series(), frames.daily_series().with_columns(metric=pl.lit("tanks"))]
    )
    with pytest.raises(ValueError, match=r"^daily\(\) draws one series; got 2 "):
        _chart(two)


def test_daily_alt_text_names_the_days_without_a_value() -> None:
    text = charts.alt_text(_chart())
    assert "2 day(s) without a value (correction, gap) are marked at the baseline." in text
    assert "hatched" not in text
