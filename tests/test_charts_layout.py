"""Every standard chart at every preset and language, drawn from the real bundled ledger (with and
without the shared upstream series): no text is clipped by the figure edge, labels stay inside
their axes, no two labels overlap, and no in-plot label covers anything drawn: a line, marker,
scatter mark, bar, hatch, range bar or arrow."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import charts_frames as frames
from analysis import charts as kinds
from analysis import ingest, tables
from analysis.charts import PRESETS
from analysis.charts.labels import drawn_shapes, hits
from analysis.charts.standard import STANDARD, Choice, standard_charts
from analysis.config import Paths

SLACK = 1.0  # pixels of rounding allowed at an edge


def _tick_labels(ax: Axes) -> list[Text]:
    """Tick labels of the ticks inside the view (matplotlib keeps spare ticks outside it)."""
    labels = []
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if low <= tick.get_loc() <= high:
                labels += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    return labels


def _texts(fig: Figure) -> list[Text]:
    """Every drawn, non-empty text of the figure: figure texts, titles, legends, ticks, labels."""
    found = list(fig.texts)
    for ax in fig.axes:
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        found += list(ax.texts) + _tick_labels(ax)
        legend = ax.get_legend()
        if legend is not None:
            found += list(legend.get_texts())
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def _inside(inner: Bbox, outer: Bbox) -> bool:
    """Whether `inner` lies within `outer` (up to SLACK pixels)."""
    return (
        inner.x0 >= outer.x0 - SLACK
        and inner.y0 >= outer.y0 - SLACK
        and inner.x1 <= outer.x1 + SLACK
        and inner.y1 <= outer.y1 + SLACK
    )


def _overlaps(texts: list[Text], renderer: object) -> list[str]:
    """Pairs of texts whose extents overlap."""
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [
        f"overlapping: {a.get_text()!r} and {b.get_text()!r}"
        for i, (a, box_a) in enumerate(zip(texts, boxes, strict=True))
        for b, box_b in zip(texts[i + 1 :], boxes[i + 1 :], strict=True)
        if box_a.overlaps(box_b)
    ]


def _covering(fig: Figure, renderer: object) -> list[str]:
    """In-plot labels whose box touches a drawn artist of their axes."""
    found = []
    for ax in fig.axes:
        shapes = drawn_shapes(ax)
        for text in ax.texts:
            if not (text.get_visible() and text.get_text().strip()):
                continue
            if hits(text.get_window_extent(renderer), shapes):
                found.append(f"covers a drawn mark: {text.get_text()!r}")
    return found


def _problems(fig: Figure) -> list[str]:
    """Texts clipped by the figure or overlapping each other; axes labels outside their axes or
    covering what is drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    problems = [
        f"clipped by the figure: {t.get_text()!r}"
        for t in texts
        if not _inside(t.get_window_extent(renderer), fig.bbox)
    ]
    for ax in fig.axes:
        problems += [
            f"outside its axes: {t.get_text()!r}"
            for t in ax.texts
            if t.get_visible()
            and t.get_text().strip()
            and not _inside(t.get_window_extent(renderer), ax.bbox)
        ]
    return problems + _overlaps(texts, renderer) + _covering(fig, renderer)


@pytest.fixture(params=[False, True], ids=["ledger", "ledger+upstream"])
def bundled_tables(request: pytest.FixtureRequest, bundled_project: Paths) -> dict:
    """The processed tables of the bundled ledger, with the shared upstream series when asked."""
    upstream: Path | None = None
    if request.param:
        upstream = request.getfixturevalue("shared_upstream")
    ingest.ingest(bundled_project, upstream=upstream)
    return tables.load_all(bundled_project.processed)


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("preset", list(PRESETS))
def test_standard_charts_keep_their_text_inside_and_apart(
    bundled_tables: dict, preset: str, lang: str
) -> None:
    charts = standard_charts(bundled_tables, preset=preset, choice=Choice(lang=lang))
    upstream = bundled_tables["series"].height > 0
    assert list(charts) == [n for n in STANDARD if upstream or n != "personnel_vs_named"]
    problems = {name: _problems(chart.fig) for name, chart in charts.items()}
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize("preset", list(PRESETS))
def test_daily_chart_keeps_its_text_inside_and_apart(preset: str) -> None:
    chart = kinds.daily(frames.daily_series(), rolling=["delta_mean_2d", "delta_mean_30d"],
                        sources=["General Staff"], preset=preset)  # fmt: skip
    assert _problems(chart.fig) == []


def test_a_bound_arrow_drawn_after_the_last_draw_is_an_obstacle_where_it_is() -> None:
    """An annotation's arrow is laid out only when the figure is drawn; labels placed before
    that used to see it at a stale spot and could cover it (the claims chart at `social`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.charts.kinds.common import bound_arrow
    from analysis.charts.labels import drawn_shapes

    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 100)
    fig.canvas.draw()
    bound_arrow(ax, 5, 50, "#D55E00", up=True, scale=1.0)
    arrows = [s for s in drawn_shapes(ax) if isinstance(s, Bbox)]
    x, y = ax.transData.transform((5, 50))
    assert len(arrows) == 1
    box = arrows[0]
    assert box.x0 <= x <= box.x1 and box.y0 >= y - 5 and box.y1 > y + 10  # above the point
