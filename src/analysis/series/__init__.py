"""Time-series work over the tidy tables: per-period and cumulative counts, deltas, resampling,
rolling windows, exchange asymmetry, delivery against agreements, claims against independent counts.

Every function takes and returns polars DataFrames and is built from expressions (no loops over
rows). polars 2 does not keep row order through group_by, joins or unpivot, so every cumulative,
diff or rolling step sorts by date first, and every result is sorted before it is returned.
Undisclosed figures are never treated as zero: they are counted per period in their own columns.
"""

from analysis.series.claims import claims_vs_independent
from analysis.series.common import (
    EVENT_COLUMNS,
    FREQS,
    GROUP_CANDIDATES,
    RESAMPLE_FREQS,
    SERIES_KEYS,
)
from analysis.series.events import asymmetry, delivery, headline
from analysis.series.frames import change, rolling
from analysis.series.periods import cumulative, per_period
from analysis.series.upstream import deltas, resample

__all__ = [
    "EVENT_COLUMNS",
    "GROUP_CANDIDATES",
    "SERIES_KEYS",
    "FREQS",
    "RESAMPLE_FREQS",
    "asymmetry",
    "change",
    "claims_vs_independent",
    "cumulative",
    "deltas",
    "delivery",
    "headline",
    "per_period",
    "resample",
    "rolling",
]
