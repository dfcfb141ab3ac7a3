"""Charts in the house style: presets, chart types, finishing, export and chart packs."""

from analysis.charts.chart import Chart
from analysis.charts.describe import alt_text
from analysis.charts.export import export
from analysis.charts.finalise import finalise, source_line, source_names
from analysis.charts.kinds import (
    asymmetry,
    claims_vs_independent,
    cumulative,
    daily,
    delivery,
    per_period,
    personnel_vs_named,
    small_multiples,
    timeline,
)
from analysis.charts.pack import chart_pack
from analysis.charts.presets import PRESETS, Preset, get_preset
from analysis.charts.style import SIDE_COLOURS, SIDES, house_style

__all__ = [
    "PRESETS",
    "SIDES",
    "SIDE_COLOURS",
    "Chart",
    "Preset",
    "alt_text",
    "asymmetry",
    "chart_pack",
    "claims_vs_independent",
    "cumulative",
    "daily",
    "delivery",
    "export",
    "finalise",
    "get_preset",
    "house_style",
    "per_period",
    "personnel_vs_named",
    "small_multiples",
    "source_line",
    "source_names",
    "timeline",
]
