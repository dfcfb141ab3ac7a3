"""`Chart`: a finished figure together with the points it plots and what it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from matplotlib.figure import Figure

from analysis.charts.presets import Preset


@dataclass
class Chart:
    """A figure plus its plotted data (one row per plotted point) and descriptive fields.

    `x`, `y` and `group` name the data columns used for the alt text (date, value, series);
    `as_of` is the data's end ("Data to ..."), `published` the chart's date ("Published ...");
    `redraw` draws the same chart at another preset. `lang` is the language of its text;
    `points` (gid, date, value, who, url) names each drawn point or bar for tooltips and links.
    """

    fig: Figure
    data: pl.DataFrame
    kind: str
    title: str
    subtitle: str
    sources: tuple[str, ...]
    as_of: dt.date | None
    preset: Preset
    x: str
    y: str
    group: str | None = None
    unit: str = "people"
    lang: str = "en"
    published: dt.date | None = None  # the day the chart is published (as_of: the data's end)
    points: pl.DataFrame | None = field(default=None, repr=False)
    redraw: Callable[[Preset], Chart] | None = field(default=None, repr=False)

    def at(self, preset: Preset) -> Chart:
        """This chart drawn at `preset` (itself when the preset is the same)."""
        if preset == self.preset:
            return self
        if self.redraw is None:
            raise ValueError(f"chart {self.title!r} cannot be redrawn at preset {preset.name!r}")
        return self.redraw(preset)
