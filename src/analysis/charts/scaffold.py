"""The frame every chart kind shares: its reader-facing text (`ChartText`), a figure of the
preset's size in the house style, and the finish (source line, as-of date, `finalise`, label
placement, a `Chart` that can redraw itself at another preset).

A kind computes its plotted `data`, then calls `draw` with a `plot` function that draws on the
axes and returns `Drawn` (its note, the labels to keep out of the layout, a step after the fit).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from analysis.charts.chart import Chart
from analysis.charts.finalise import finalise, source_names
from analysis.charts.i18n import using
from analysis.charts.labels import unplaced
from analysis.charts.presets import LOGICAL_DPI, Preset, get_preset
from analysis.charts.style import house_style

Sources = pl.DataFrame | Sequence[str] | None


@dataclass(frozen=True)
class ChartText:
    """What a reader sees around the plot: `sources` (the `sources` table or a list of names) for
    the source line, the `preset`, title, subtitle, `as_of` (default: the latest plotted date),
    `credit` and `logo` (bottom right), the `lang` of every text drawn (en, uk, ru) and the day
    it is `published`. `as_of` is the data's end: default the last day the plotted data covers."""

    sources: Sources = None
    preset: str | Preset = "web"
    title: str = ""
    subtitle: str = ""
    as_of: dt.date | None = None
    credit: str = ""
    logo: Path | None = None
    lang: str = "en"
    published: dt.date | None = None

    def keywords(self) -> dict[str, object]:
        """The fields as keyword arguments of a chart kind (`published` as `published_on`)."""
        found = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        published = found.pop("published")
        return {**found, "published_on": published}


@dataclass
class Drawn:
    """What a kind's plot function hands back: a `note` above the source line, `labels` left out
    of the layout while the axes are fitted, `finish`, run once the layout is final, and the
    drawn `points` (see `Chart.points`) for tooltips and links."""

    note: str = ""
    labels: list[Annotation] = field(default_factory=list)
    finish: Callable[[], None] | None = None
    points: pl.DataFrame | None = None


@dataclass(frozen=True)
class Layout:
    """The plotted frame and how the `Chart` reads it: `x`, `y` and `group` columns, the `unit`,
    the `rows` whose source ids make the source line and the grid of axes."""

    data: pl.DataFrame
    x: str
    y: str
    group: str | None = None
    unit: str = "people"
    rows: pl.DataFrame | Sequence[pl.DataFrame] | None = None
    grid: tuple[int, int] = (1, 1)
    shared: dict[str, bool] = field(default_factory=dict)
    grid_axis: str = "y"


def figure(preset: Preset, nrows: int = 1, ncols: int = 1, **kw: bool) -> tuple[Figure, list]:
    """A figure of the preset's size with an Agg canvas and a grid of axes (rows of columns)."""
    fig = Figure(figsize=preset.inches, dpi=LOGICAL_DPI)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, squeeze=False, **kw)


def as_of_date(given: dt.date | None, dates: pl.Series) -> dt.date | None:
    """The as-of date: the given one, else the latest plotted date."""
    return given if given is not None else dates.drop_nulls().max()


def data_end(layout: Layout) -> pl.Series:
    """The days the plotted data covers: its `through` column (the last day a period's value
    counts) when it has one, else the x values."""
    return layout.data["through"] if "through" in layout.data.columns else layout.data[layout.x]


def draw(
    kind: str,
    text: ChartText,
    layout: Layout,
    plot: Callable[[Figure, list, Preset], Drawn],
    redraw: Callable[[ChartText], Chart],
) -> Chart:
    """Draw a chart of `kind`: the figure in the house style, `plot` on its axes, then the finish
    (source line from `layout.rows`, as-of date, `finalise`, labels). `redraw(text)` draws the
    same chart from other text (another preset)."""
    p = get_preset(text.preset)
    with house_style(p.font_scale), using(text.lang):
        fig, axes = figure(p, *layout.grid, **layout.shared)
        drawn = plot(fig, axes, p)
        rows = layout.rows if layout.rows is not None else layout.data
        names = source_names(rows, text.sources)
        as_of = as_of_date(text.as_of, data_end(layout))
        unplaced(drawn.labels)
        finalise(fig, title=text.title, subtitle=text.subtitle, sources=names, as_of=as_of,
                 preset=p, note=drawn.note, credit=text.credit, logo=text.logo,
                 grid_axis=layout.grid_axis, published=text.published)  # fmt: skip
        if drawn.finish is not None:
            drawn.finish()
    final = dataclasses.replace(text, as_of=as_of)
    return Chart(fig, layout.data, kind, text.title, text.subtitle, names, as_of, p, x=layout.x,
                 y=layout.y, group=layout.group, unit=layout.unit, lang=text.lang,
                 points=drawn.points, published=text.published, redraw=lambda q: redraw(dataclasses.replace(final, preset=q)))  # fmt: skip
