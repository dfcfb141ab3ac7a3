"""The house style: the style sheet, the sides' colours and order, and how kinds of figures look.

Colours come from the Okabe–Ito palette, built to stay distinct under the common colour-vision
deficiencies (protanopia, deuteranopia, tritanopia): blue #0072B2 for Ukraine and vermillion
#D55E00 for Russia differ in hue *and* lightness, so they also survive greyscale print.
Ukraine is always drawn first (left, top, first in legends), Russia second.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import matplotlib as mpl
import polars as pl

STYLE_SHEET = Path(str(resources.files("analysis.charts") / "style.mplstyle"))
FONT = "DejaVu Sans"  # ships with matplotlib; covers Latin, Cyrillic and Ukrainian (і, ї, є, ґ)

SIDES = ("ukraine", "russia")
SIDE_COLOURS = {"ukraine": "#0072B2", "russia": "#D55E00"}
SIDE_LABELS = {"ukraine": "Ukraine", "russia": "Russia"}
NEUTRAL = "#555555"  # third parties, totals, annotations
MUTED = "#999999"  # undisclosed figures
TEXT = "#222222"
SUBTLE = "#666666"

UNDISCLOSED_HATCH = "////"
# Confirmed counts are solid and filled; claims by a warring party are dashed and hollow;
# estimates are dotted and hollow; independent tallies and monitoring are solid and filled.
CLAIM_KIND_STYLES: dict[str, dict[str, object]] = {
    "independent_count": {
        "marker": "o",
        "filled": True,
        "linestyle": "-",
        "label": "Independent count",
    },
    "monitoring": {"marker": "s", "filled": True, "linestyle": "-", "label": "Monitoring (UN)"},
    "official_claim": {
        "marker": "o",
        "filled": False,
        "linestyle": "--",
        "label": "Claim by a warring party",
    },
    "intelligence_estimate": {
        "marker": "D",
        "filled": False,
        "linestyle": ":",
        "label": "Intelligence estimate",
    },
}
SERIES_KIND_STYLES: dict[str, dict[str, object]] = {
    "confirmed_lower_bound": {"linestyle": "-", "label": "Confirmed (lower bound)"},
    "claim": {"linestyle": "--", "label": "Claim by a warring party"},
    "estimate": {"linestyle": ":", "label": "Estimate"},
}
QUALIFIER_NOTES = {
    "at_least": "at least",
    "about": "about",
    "at_most": "at most",
    "range": "range",
    "undisclosed": "undisclosed",
    "exact": "",
}


def side_colour(side: str) -> str:
    """The colour of a side (ukraine, russia); neutral grey for anything else."""
    return SIDE_COLOURS.get(side, NEUTRAL)


def side_label(side: str) -> str:
    """The display name of a side."""
    return SIDE_LABELS.get(side, side.replace("_", " ").capitalize())


@contextlib.contextmanager
def house_style(font_scale: float = 1.0) -> Iterator[None]:
    """Apply the style sheet (and a font scale) for the duration of the block."""
    base = mpl.rc_params_from_file(str(STYLE_SHEET), use_default_template=False)
    scaled = {
        key: base[key] * font_scale
        for key in ("font.size", "axes.labelsize", "axes.titlesize", "xtick.labelsize",
                    "ytick.labelsize", "legend.fontsize", "lines.linewidth", "lines.markersize",
                    "xtick.major.size", "xtick.major.pad", "ytick.major.pad")
    }  # fmt: skip
    with mpl.rc_context(rc={**base, **scaled}):
        yield


EVENT_TYPE_LABELS = {
    "pow_exchange": "POW exchange",
    "body_repatriation": "Body repatriation",
    "civilian_return": "Civilian return",
    "wounded_transfer": "Wounded transfer",
    "child_return": "Child return",
    "agreement": "Agreement",
    "other": "Other",
}
EVENT_TYPE_MARKERS = {
    "pow_exchange": "o",
    "body_repatriation": "s",
    "civilian_return": "^",
    "wounded_transfer": "D",
    "child_return": "v",
    "agreement": "P",
    "other": "X",
}


def event_type_label(event_type: str) -> str:
    """The display name of an event type."""
    return EVENT_TYPE_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def format_count(value: float | None, qualifier: str = "exact") -> str:
    """A count as text with its qualifier: 1,212 · ≥1,000 · ~500 · ≤50 · undisclosed."""
    if value is None or qualifier == "undisclosed":
        return "undisclosed"
    sign = {"at_least": "≥", "about": "~", "at_most": "≤"}.get(qualifier, "")
    return f"{sign}{value:,.0f}"


def source_label(source_id: str, sources: pl.DataFrame | Sequence[str] | None = None) -> str:
    """A short reader-facing name for an upstream dataset: its `label` in the `sources` table
    (written from the upstream registry at ingest) when the table is given; else the id itself."""
    if isinstance(sources, pl.DataFrame) and "label" in sources.columns:
        labels = sources.filter(pl.col("source_id") == source_id)["label"].drop_nulls()
        if labels.len():
            return str(labels[0])
    return source_id


def subject_label(subject: str) -> str:
    """Whose losses a subject counts, for a panel title: "Ukraine's military losses"."""
    side, _, group = subject.partition("_")
    return f"{side_label(side)}'s {group} losses".replace("  ", " ")


def metric_label(metric: str) -> str:
    """A metric as words: names_identified → names identified."""
    return metric.replace("_", " ")
