"""Each chart type: image regression against committed PNG baselines, and plotted data that
matches what is drawn. Regenerate baselines with ANALYSIS_UPDATE_BASELINES=1 (the run fails, so
that an image is never compared with itself; review them, then run again)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.dates as mdates
import polars as pl
import pytest
from matplotlib.testing.compare import compare_images

import charts_frames as frames
from analysis import charts
from analysis.charts.presets import Preset

BASELINES = Path(__file__).parent / "baseline" / "charts"
TOLERANCE = 2.0  # RMS difference in 0-255 grey levels
SMALL = Preset("baseline", 640, 450, "px", scale=1)

CASES = {
    "cumulative": lambda: charts.cumulative(frames.cumulative(), sources=frames.sources(), preset=SMALL),
    "per_period_mirrored": lambda: charts.per_period(frames.per_period(), sources=["Ukrinform"], preset=SMALL),
    "per_period_grouped": lambda: charts.per_period(frames.per_period(), mirrored=False, sources=["Ukrinform"], preset=SMALL),
    "timeline": lambda: charts.timeline(frames.events(), sources=frames.sources(), preset=SMALL),
    "asymmetry": lambda: charts.asymmetry(frames.asymmetry(), sources=frames.sources(), preset=SMALL),
    "delivery": lambda: charts.delivery(frames.delivery(), sources=["Ukrinform", "TASS"], preset=SMALL),
    "claims": lambda: charts.claims_vs_independent(frames.claims(), frames.upstream_series(), sources=frames.sources(), preset=SMALL),
    "small_multiples": lambda: charts.small_multiples(frames.by_event_type(), sources=["Ukrinform"], preset=SMALL),
    "daily": lambda: charts.daily(frames.daily_series(), rolling=["delta_mean_2d", "delta_mean_30d"], sources=["General Staff"], preset=SMALL),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_baseline(name: str, tmp_path: Path) -> None:
    actual = charts.export(CASES[name](), name, tmp_path, formats=("png",))["png"]
    baseline = BASELINES / f"{name}.png"
    if os.environ.get("ANALYSIS_UPDATE_BASELINES") == "1":
        BASELINES.mkdir(parents=True, exist_ok=True)
        baseline.write_bytes(actual.read_bytes())
        pytest.fail(f"{baseline.name} rewritten: review it, then run again without updating")
    assert baseline.is_file(), f"{baseline} is missing: run with ANALYSIS_UPDATE_BASELINES=1"
    assert compare_images(str(baseline), str(actual), tol=TOLERANCE) is None


def _xy(data: pl.DataFrame, x: str, y: str) -> list[tuple[float, float]]:
    """Points of a frame as (matplotlib date number, value)."""
    return [(mdates.date2num(a), float(b)) for a, b in data.select(x, y).iter_rows()]


def test_cumulative_plots_its_data() -> None:
    chart = charts.cumulative(frames.cumulative())
    drawn = {
        line.get_gid(): [tuple(p) for p in line.get_xydata()]
        for line in chart.fig.axes[0].lines
        if line.get_gid()
    }
    for side in ("ukraine", "russia"):
        rows = chart.data.filter(pl.col("received_by") == side)
        assert drawn[f"line-{side}"] == _xy(rows, "period", "cumulative")
    day = frames.D(2024, 4, 1)
    assert chart.data.filter(pl.col("period") == pl.date(2024, 4, 1)).rows() == [
        (day, "ukraine", 1307, "at_least", True, False, "ledger"),
        (day, "russia", 1195, "at_least", True, False, "ledger"),
    ]  # made without coverage: every period whole


def test_per_period_mirrors_russia_below_zero_and_shows_undisclosed() -> None:
    chart = charts.per_period(frames.per_period())
    ax = chart.fig.axes[0]
    heights = {c.get_label(): [b.get_height() for b in c] for c in ax.containers}
    assert heights == {"Ukraine": [207, 100, 0, 1000], "Russia": [-195, 0, 0, -1000]}
    [hatched] = [c for c in ax.collections if c.get_hatch()]
    assert [tuple(o) for o in hatched.get_offsets()] == [
        (mdates.date2num(frames.D(2024, 2, 1)), 0.0)
    ]
    assert chart.data["plotted"].to_list() == [207, 100, 0, 1000, -195, 0, 0, -1000]


def test_timeline_encodes_qualifiers() -> None:
    chart = charts.timeline(frames.events())
    rows = chart.data.select("received_by", "count", "encoding", "marker_area").rows()
    assert rows == [
        ("ukraine", 207, "exact", 700 * 207 / 1212),
        ("ukraine", 390, "bound", 700 * 390 / 1212),
        ("ukraine", 1212, "exact", 700.0),
        ("russia", 195, "exact", 700 * 195 / 1212),
        ("russia", None, "undisclosed", 60.0),
        ("russia", 27, "exact", 700 * 27 / 1212),
    ]
    ax = chart.fig.axes[0]
    assert [c.get_hatch() for c in ax.collections if c.get_hatch()] == ["////"]
    dashed = [c for c in ax.collections if c.get_linestyle()[0][1] is not None]
    assert len(dashed) == 1 and dashed[0].get_sizes().tolist() == [700 * 1000 / 1212]


def test_asymmetry_puts_ukraine_left_and_keeps_undisclosed() -> None:
    chart = charts.asymmetry(frames.asymmetry())
    assert chart.data.select("label", "received_by", "count", "plotted").rows() == [
        ("31 Jan 2024 pow exchange", "ukraine", 207, -207.0),
        ("31 Jan 2024 pow exchange", "russia", 195, 195.0),
        ("23 May 2025 pow exchange", "ukraine", 390, -390.0),
        ("23 May 2025 pow exchange", "russia", None, 0.04 * 1212),
        ("11 Jun 2025 body repatriation *", "ukraine", 1212, -1212.0),
        ("11 Jun 2025 body repatriation *", "russia", 27, 27.0),
    ]
    ax = chart.fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "11 Jun 2025 body repatriation *", "23 May 2025 pow exchange", "31 Jan 2024 pow exchange",
    ]  # fmt: skip
    note = next(t for t in chart.fig.texts if t.get_gid() == "chart-note").get_text()
    assert note.replace("\n", " ") == (
        "* The two sides gave different figures; the chart shows the receiving side's. "
        "Hatched: figure not disclosed."
    )


def test_asymmetry_labels_a_lower_bound_as_one() -> None:
    """A side's figure recorded as "at least 390" is labelled ≥390, never a bare 390."""
    frame = frames.asymmetry().with_columns(
        ukraine_qualifier=pl.Series(["exact", "at_least", "about"]),
        russia_qualifier=pl.Series(["exact", None, "exact"]),
    )
    chart = charts.asymmetry(frame)
    assert chart.data.select("received_by", "count", "qualifier").rows()[2:] == [
        ("ukraine", 390, "at_least"), ("russia", None, "exact"),
        ("ukraine", 1212, "about"), ("russia", 27, "exact"),
    ]  # fmt: skip
    texts = [t.get_text() for t in chart.fig.axes[0].texts]
    assert "≥390" in texts and "~1,212" in texts and "390" not in texts


def test_delivery_takes_the_latest_row_per_side() -> None:
    chart = charts.delivery(frames.delivery())
    assert chart.data.select("received_by", "date", "agreed", "delivered", "row").rows() == [
        ("ukraine", frames.D(2025, 6, 14), 6000, 2424, 1),
        ("russia", frames.D(2025, 6, 14), 6000, 51, 0),
    ]
    labels = sorted(t.get_text() for t in chart.fig.axes[0].texts)
    assert labels == ["2,424 of 6,000 (40%)", "51 of 6,000 (0.8%) + 1 undisclosed"]  # half-even


def test_delivery_names_one_agreement_in_a_note_and_several_on_the_rows() -> None:
    one = frames.delivery().with_columns(agreement_id=pl.lit("2025-06-02-istanbul"))
    chart = charts.delivery(one)
    note = next(t for t in chart.fig.texts if t.get_gid() == "chart-note").get_text()
    assert note == "Agreement: 2025-06-02-istanbul"
    two = pl.concat([one, one.with_columns(agreement_id=pl.lit("2025-07-01-pow_exchange-geneva"))])
    chart = charts.delivery(two)
    ax = chart.fig.axes[0]
    # one label per agreement, between its two bars (top: the first agreement); ids of the form
    # <date>-<event type>-<name> read as words, others as they are
    assert [(t.get_text(), y) for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)] == [
        ("2025-06-02-istanbul", 2.5), ("POW exchange, 1 Jul 2025", 0.5),
    ]  # fmt: skip
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Received by Ukraine", "Received by Russia", "Delivered", "Agreed",
    ]  # fmt: skip
    assert chart.data["row"].to_list() == [3, 2, 1, 0]


def _markers(ax) -> dict[tuple[str, float], str]:
    """Visible lines with markers in `ax`: (colour, first y) -> marker face colour."""
    return {
        (line.get_color(), round(line.get_ydata()[0])): line.get_markerfacecolor()
        for line in ax.lines
        if line.get_marker() not in ("None", None) and line.get_alpha() != 0.0
    }


def test_claims_get_one_panel_per_metric_and_a_line_per_claimant() -> None:
    chart = charts.claims_vs_independent(frames.claims(), frames.upstream_series())
    killed, named = chart.fig.axes[:2]
    assert [ax.get_title(loc="left") for ax in chart.fig.axes] == ["Killed", "Names identified"]
    # warring-party claims hollow (white face), independent counts filled, coloured by whose losses
    assert _markers(killed) == {
        ("#0072B2", 46000): "white", ("#D55E00", 95000): "white", ("#D55E00", 189000): "#D55E00",
    }  # fmt: skip
    assert _markers(named) == {("#D55E00", 111000): "#D55E00"}
    [bar] = [c for c in killed.collections if c.get_segments()]
    assert bar.get_segments()[0][:, 1].tolist() == [189000.0, 273000.0]
    [series] = [line for line in killed.lines if line.get_marker() in ("None", None)]
    assert series.get_linestyle() == "-"
    assert series.get_ydata().tolist() == [90000.0, 100000.0, 112000.0]
    assert chart.data.height == 7
    # every statement is a sourced point
    assert chart.points.select("when", "value", "who").rows() == [
        ("8 August 2025", "189,000 to 273,000", "Mediazona/BBC Russian"),
        ("1 March 2025", "about 95,000", "Ukrainian General Staff"),
        ("1 February 2025", "at least 46,000", "Zelensky"),  # the figure's as-of date
        ("1 June 2025", "at least 111,000", "Mediazona/BBC Russian"),
    ]


def test_claims_leave_out_figures_for_a_single_period_and_say_so() -> None:
    """A "30,000 a month" rate is not a point on Zelensky's line of running totals."""
    claims = frames.claims().with_columns(period=pl.lit(None, pl.String))
    rate = claims.head(1).with_columns(subject=pl.lit("russia_military"), value=pl.lit(30000.0),
                                       period=pl.lit("per month"))  # fmt: skip
    chart = charts.claims_vs_independent(pl.concat([claims, rate]), frames.upstream_series())
    assert 30000.0 not in chart.data["value"].to_list()
    assert chart.data.height == 7
    note = next(t for t in chart.fig.texts if t.get_gid() == "chart-note").get_text()
    assert "not shown: 1 figure(s) for a single period (a month, a year), not running totals" in (
        note.replace("\n", " ")
    )


def test_claims_label_each_line_at_its_end() -> None:
    chart = charts.claims_vs_independent(frames.claims(), frames.upstream_series(),
                                         sources=frames.sources())  # fmt: skip
    texts = sorted(t.get_text().replace("\n", " ") for ax in chart.fig.axes for t in ax.texts
                   if t.get_text())  # fmt: skip
    assert texts == [
        "Mediazona/BBC Russian: 189,000–273,000", "Mediazona/BBC Russian: ≥111,000",
        "Ukrainian General Staff: ~95,000", "Zelensky: ≥46,000", "mediazona: 112,000",
    ]  # fmt: skip


def test_claims_keep_civilians_out_of_military_panels_unless_given_their_own() -> None:
    civilian = (
        frames.claims()
        .head(1)
        .with_columns(
            subject=pl.lit("ukraine_civilian"),
            claimant=pl.lit("OHCHR"),
            claim_kind=pl.lit("monitoring"),
        )
    )
    claims = pl.concat([frames.claims(), civilian])
    chart = charts.claims_vs_independent(claims)
    assert "OHCHR" not in chart.data["label"].to_list()
    note = next(t for t in chart.fig.texts if t.get_gid() == "chart-note").get_text()
    assert note.endswith("not shown: Ukraine's civilian losses")
    own = charts.claims_vs_independent(claims, subjects=("ukraine_military", "ukraine_civilian"))
    assert own.data.filter(pl.col("label") == "OHCHR")["subject"].to_list() == ["ukraine_civilian"]


def test_series_are_labelled_by_their_publisher_from_the_upstream_registry() -> None:
    upstream = frames.upstream_series().with_columns(
        source=pl.lit("ukrwarlosses_name_counts"), metric=pl.lit("names_identified")
    )
    chart = charts.claims_vs_independent(frames.claims().head(0), upstream)
    texts = [t.get_text() for t in chart.fig.axes[0].texts]
    assert texts == ["ukrainewarlosses.org: 112,000"]


def test_small_multiples_share_the_scale() -> None:
    chart = charts.small_multiples(frames.by_event_type())
    axes = chart.fig.axes
    assert [ax.get_title(loc="left") for ax in axes] == ["POW exchange", "Body repatriation"]
    assert axes[0].get_ylim() == axes[1].get_ylim()
