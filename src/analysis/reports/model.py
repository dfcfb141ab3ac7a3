"""The data of a report run: the jobs planned, what each produced, the finished run.

Kept apart from the runner so the stages (plan, execute, index, publish) all import it and none
imports another back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import ExitCode
from analysis.reports.params import Param

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One notebook to run: its file and the validated values to inject."""

    name: str
    path: Path
    values: dict[str, object]
    spec: dict[str, Param]
    banner: str = ""  # shown atop the report: the stale tables it reads (reports.staleness)

    @property
    def effective(self) -> dict[str, object]:
        """Every parameter's value in this run: injected values over the defaults."""
        return {key: self.values.get(key, p.default) for key, p in self.spec.items()}


@dataclass
class Outcome:
    """What running one notebook produced."""

    name: str
    parameters: dict[str, object]
    status: str = "ok"  # ok or failed
    error: str | None = None
    seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)  # kind (ipynb, html, pdf) -> file name
    data: list[str] = field(default_factory=list)  # fingerprints of the data versions it read


@dataclass
class RunResult:
    """A finished run: where it is, what each notebook did, the data it read."""

    as_of: dt.date
    period: str
    folder: Path
    outcomes: list[Outcome]
    fingerprint: str
    newest_data: dict[str, dt.date | None]
    seconds: float
    notes: list[str] = field(default_factory=list)
    chart_pack: str | None = None  # path relative to the run folder
    chart_pack_error: str | None = None

    @property
    def exit_code(self) -> ExitCode:
        """REPORT_FAILED when any notebook or the chart pack failed, else OK."""
        failed = any(o.status != "ok" for o in self.outcomes) or self.chart_pack_error
        return ExitCode.REPORT_FAILED if failed else ExitCode.OK
