"""The chart types of the reports, one module each. Each takes frames from `analysis.series` (or
the tidy tables) and returns a finished `Chart` whose `data` holds exactly the plotted points.

Common keywords (see `analysis.charts.scaffold.ChartText`): `sources` (the `sources` table or a
list of names) for the source line, `preset` (name or `Preset`), `title`, `subtitle`, `as_of`
(default: the latest plotted date), `credit` and `logo` (bottom right).
"""

from analysis.charts.kinds.asymmetry import asymmetry
from analysis.charts.kinds.claims import MILITARY, claims_vs_independent
from analysis.charts.kinds.cumulative import cumulative
from analysis.charts.kinds.daily import daily
from analysis.charts.kinds.delivery import agreement_label, delivery
from analysis.charts.kinds.per_period import per_period
from analysis.charts.kinds.personnel import personnel_vs_named
from analysis.charts.kinds.small_multiples import small_multiples
from analysis.charts.kinds.timeline import timeline

__all__ = [
    "MILITARY",
    "agreement_label",
    "asymmetry",
    "claims_vs_independent",
    "cumulative",
    "daily",
    "delivery",
    "per_period",
    "personnel_vs_named",
    "small_multiples",
    "timeline",
]
