"""Run `analysis report` that SIGKILLs itself at its Nth filesystem step (argv[1]); print the count.

Used by test_report_crash.py. The notebooks are not executed (the build and publish path is under
test): each job writes a small executed notebook and HTML page tagged with argv[2], so a test can
tell which run a published folder came from. Every mkdir, write, fsync, link, rename and delete
of the run is a step.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sys
from pathlib import Path

from analysis import reports
from analysis.paths import default_paths

KILL_AT, TAG = int(sys.argv[1]), sys.argv[2]
STEPS = {"n": 0}
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def step(owner: object, name: str) -> None:
    """Wrap owner.name so that the KILL_AT-th call of any wrapped function kills the process."""
    real = getattr(owner, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        STEPS["n"] += 1
        if STEPS["n"] == KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(owner, name, wrapped)


def fake_job(job: reports.Job, folder: Path, cwd: Path, chromium: str | None) -> reports.Outcome:
    """A job's files, tagged with this run, without a kernel."""
    outcome = reports.Outcome(job.name, job.effective)
    for kind in ("ipynb", "html"):
        (folder / f"{job.name}.{kind}").write_text(f"{TAG}\n")
        outcome.files[kind] = f"{job.name}.{kind}"
    return outcome


def fake_pack(processed: Path, folder: Path, as_of: dt.date) -> str:
    """A chart pack stand-in, tagged with this run."""
    (folder / reports.CHART_PACK).write_text(f"{TAG}\n")
    return reports.CHART_PACK


for owner, name in [
    (os, "replace"), (os, "fsync"), (os, "rename"), (os, "unlink"), (Path, "rename"),
    (Path, "symlink_to"), (Path, "unlink"), (Path, "mkdir"), (Path, "write_text"),
    (shutil, "rmtree"),
]:  # fmt: skip
    step(owner, name)
reports.run_job = fake_job
reports.write_chart_pack = fake_pack

reports.run(default_paths(), dt.date(2025, 6, 20), selected=["brief", "explore"],
            max_age_days=0, notebooks=NOTEBOOKS)  # fmt: skip
print(STEPS["n"])
