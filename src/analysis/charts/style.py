"""The house style: the style sheet, the sides' colours and order, and how kinds of figures look.

Colours come from the Okabe–Ito palette, built to stay distinct under the common colour-vision
deficiencies (protanopia, deuteranopia, tritanopia): blue #0072B2 for Ukraine and vermillion
#D55E00 for Russia differ in hue *and* lightness, so they also survive greyscale print.
Ukraine is always drawn first (left, top, first in legends), Russia second.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import matplotlib as mpl

from analysis.wording import (  # the labels live in wording; re-exported for the chart kinds
    CLAIM_KIND_LABELS,
    EVENT_TYPE_LABELS,
    SERIES_KIND_LABELS,
    SIDE_LABELS,
    SIDES,
    event_type_label,
    format_count,
    metric_label,
    side_label,
    source_label,
    subject_label,
)

STYLE_SHEET = Path(str(resources.files("analysis.charts") / "style.mplstyle"))
FONT = "DejaVu Sans"  # ships with matplotlib; covers Latin, Cyrillic and Ukrainian (і, ї, є, ґ)

SIDE_COLOURS = {"ukraine": "#0072B2", "russia": "#D55E00"}
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
        "label": CLAIM_KIND_LABELS["independent_count"],
    },
    "monitoring": {
        "marker": "s",
        "filled": True,
        "linestyle": "-",
        "label": CLAIM_KIND_LABELS["monitoring"],
    },
    "official_claim": {
        "marker": "o",
        "filled": False,
        "linestyle": "--",
        "label": CLAIM_KIND_LABELS["official_claim"],
    },
    "intelligence_estimate": {
        "marker": "D",
        "filled": False,
        "linestyle": ":",
        "label": CLAIM_KIND_LABELS["intelligence_estimate"],
    },
}
SERIES_KIND_STYLES: dict[str, dict[str, object]] = {
    "confirmed_lower_bound": {
        "linestyle": "-",
        "label": SERIES_KIND_LABELS["confirmed_lower_bound"],
    },
    "claim": {"linestyle": "--", "label": SERIES_KIND_LABELS["claim"]},
    "estimate": {"linestyle": ":", "label": SERIES_KIND_LABELS["estimate"]},
}


def side_colour(side: str) -> str:
    """The colour of a side (ukraine, russia); neutral grey for anything else."""
    return SIDE_COLOURS.get(side, NEUTRAL)


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


EVENT_TYPE_MARKERS = {
    "pow_exchange": "o",
    "body_repatriation": "s",
    "civilian_return": "^",
    "wounded_transfer": "D",
    "child_return": "v",
    "agreement": "P",
    "other": "X",
}


__all__ = [
    "CLAIM_KIND_LABELS",
    "CLAIM_KIND_STYLES",
    "EVENT_TYPE_LABELS",
    "EVENT_TYPE_MARKERS",
    "FONT",
    "MUTED",
    "NEUTRAL",
    "SERIES_KIND_LABELS",
    "SERIES_KIND_STYLES",
    "SIDES",
    "SIDE_COLOURS",
    "SIDE_LABELS",
    "STYLE_SHEET",
    "SUBTLE",
    "TEXT",
    "UNDISCLOSED_HATCH",
    "event_type_label",
    "format_count",
    "house_style",
    "metric_label",
    "side_colour",
    "side_label",
    "source_label",
    "subject_label",
]
