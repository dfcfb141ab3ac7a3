"""Run `analysis report` that SIGKILLs itself at its Nth filesystem step (argv[1]); print the count.

Used by test_report_crash.py. The notebooks are not executed (the build and publish path is under
test): each job writes a small executed notebook and HTML page tagged with argv[2], so a test can
tell which run a published folder came from. Every mkdir, write, fsync, link, rename and delete
of the run is a step.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import killswitch  # tests/faults, beside this script

from analysis.config import default_paths
from analysis.reports import execute, model

KILL_AT, TAG = int(sys.argv[1]), sys.argv[2]
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def fake_job(job: model.Job, folder: Path, cwd: Path, chromium: str | None, imprint: object = None) -> model.Outcome:
    """A job's files, tagged with this run, without a kernel."""
    outcome = model.Outcome(job.name, job.effective)
    for kind in ("ipynb", "html"):
        (folder / f"{job.name}.{kind}").write_text(f"{TAG}\n")
        outcome.files[kind] = f"{job.name}.{kind}"
    return outcome


def fake_pack(processed: Path, folder: Path, as_of: dt.date) -> str:
    """A chart pack stand-in, tagged with this run."""
    (folder / execute.CHART_PACK).write_text(f"{TAG}\n")
    return execute.CHART_PACK


STEPS = killswitch.arm(KILL_AT)
execute.run_job = fake_job
execute.write_chart_pack = fake_pack

execute.run(default_paths(), dt.date(2025, 6, 20), selected=["brief", "explore"],
            max_age_days=0, notebooks=NOTEBOOKS)  # fmt: skip
print(STEPS["n"])
