"""The staleness guard, table by table: how old is each table a notebook reads at the report date?

Each notebook declares the tables it reads in its metadata (`"analysis": {"tables": [...]}`;
none declared: every dated table). A table's age is the days from its data's end (the coverage
table: the ledger's declared complete_to, an upstream series' last observation) to the report
date. With `--stale fail` (the default, for scheduled runs) a stale table stops the run before any
notebook starts (exit 5, naming each stale table and its age); with `--stale warn` the run goes on
and the index and every report that reads a stale table open with a banner saying so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat
import polars as pl

from analysis.errors import StaleDataError
from analysis.reports.model import Job
from analysis.reports.params import ParameterError
from analysis.series import coverage

MODES = ("fail", "warn")
DATED = ("events", "claims", "totals", "series")  # the tables with a coverage (schema.COVERED_TABLES)
BANNER_TAG = "stale-banner"


def declared(path: Path) -> tuple[str, ...]:
    """The tables a notebook reads, from its metadata (every dated table when it declares none)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError) as exc:
        raise ParameterError(f"{path.stem}: cannot read {path} ({exc})") from None
    tables = meta.get("analysis", {}).get("tables")
    if tables is None:
        return DATED
    unknown = [t for t in tables if t not in DATED and t not in ("sources", "quarantine", "coverage", "changes")]
    if unknown:
        raise ParameterError(f"{path.stem}: metadata analysis.tables names unknown table {unknown[0]!r}")
    return tuple(t for t in tables if t in DATED)


@dataclass
class Staleness:
    """The ages of the tables a run reads, and what each notebook reads."""

    as_of: dt.date
    max_age_days: int
    ages: list[coverage.Age]
    reads: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def stale(self) -> list[coverage.Age]:
        """The stale tables."""
        return [a for a in self.ages if a.stale]

    def banner(self, notebook: str | None = None) -> str:
        """The banner of one report (None: the index): its own stale tables, else those of the
        run (the reports are published together); empty when nothing the run reads is stale."""
        tables = self.reads.get(notebook, ()) if notebook else tuple(a.table for a in self.ages)
        chosen = [a for a in self.ages if a.table in tables and a.stale] or self.ages
        said = coverage.describe(chosen, self.as_of, "this report")  # its own, else the run's
        if not said:
            return ""
        return (f"**Old data.** {said} Nothing after that is shown as zero or as a quiet period: "
                f"it is not covered. (The limit is {self.max_age_days} days.)")  # fmt: skip


def check(processed: Path, jobs: Sequence[Job], as_of: dt.date, max_age_days: int,
          mode: str) -> Staleness:  # fmt: skip
    """Measure every table the jobs read; raise StaleDataError on a stale one in mode "fail"."""
    if mode not in MODES:
        raise ParameterError(f"--stale {mode!r} is not one of {', '.join(MODES)}")
    reads = {job.name: declared(job.path) for job in jobs}
    tables = [t for t in DATED if any(t in r for r in reads.values())]
    frame = pl.read_parquet(processed / "coverage.parquet", glob=False)
    ages = coverage.ages(frame, tables, as_of, max_age_days) if max_age_days > 0 else []
    found = Staleness(as_of, max_age_days, ages, reads)
    if found.stale and mode == "fail":
        raise StaleDataError(coverage.stale_error(found.stale, as_of, max_age_days))
    return found


def with_banners(jobs: Sequence[Job], found: Staleness) -> list[Job]:
    """The jobs, each carrying its report's banner."""
    return [replace(job, banner=found.banner(job.name)) for job in jobs]


def add_banner(executed: Path, banner: str) -> None:
    """Put the banner at the top of an executed notebook, as a Markdown output of a hidden cell
    (so the HTML and PDF show it, rendered like every other finding)."""
    if not banner:
        return
    notebook = nbformat.read(executed, as_version=4)
    cell = nbformat.v4.new_code_cell("", metadata={"tags": [BANNER_TAG]})
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": banner})]
    notebook.cells.insert(0, cell)
    nbformat.write(notebook, executed)
