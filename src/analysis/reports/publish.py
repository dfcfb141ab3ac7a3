"""Publish a finished run: reports/<as_of> and reports/latest swapped to it atomically, and the
run folders nothing points at any more pruned.

The runner only replaces what it made: a `<as_of>` or `latest` entry must be a link into the
folder's `.runs/` (else the run stops before it starts), only `.runs/` entries named like a run
are pruned, and the folder carries a `.analysis-report` marker saying who writes there.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from analysis.errors import ParameterError
from analysis.files import fsync_dir, swap_link

MARKER = ".analysis-report"
RUN_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-\d{8}T\d{6}-\d+$")  # <as_of>-<stamp>-<pid>


def check_owned(reports: Path, as_of: dt.date) -> None:
    """Stop (one line) when reports/<as_of> or reports/latest exists and is not a link the runner
    made (into reports/.runs): the runner never replaces or deletes the user's own files."""
    runs = (reports / ".runs").resolve()
    for name in (as_of.isoformat(), "latest"):
        entry = reports / name
        if not entry.exists() and not entry.is_symlink():
            continue
        if not (entry.is_symlink() and entry.resolve().parent == runs) and not (
            name == "latest" and entry.is_symlink() and _is_date(os.readlink(entry))
        ):
            raise ParameterError(f"{entry} was not made by `analysis report` (not a link into "
                                 ".runs); move it away or choose another --out")  # fmt: skip


def mark(reports: Path) -> None:
    """Write the marker saying the runner writes in this folder."""
    marker = reports / MARKER
    if not marker.is_file():
        marker.write_text(
            "Reports written by `analysis report`: <date> and latest link into .runs/.\n"
        )


def publish(reports: Path, as_of: dt.date, folder: Path) -> None:
    """Point reports/<as_of> at `folder` with one rename; reports/latest at the newest as_of."""
    check_owned(reports, as_of)  # again, under the lock: nothing of the user's is replaced
    link = reports / as_of.isoformat()
    swap_link(link, os.path.relpath(folder, reports))
    dated = sorted(p.name for p in reports.iterdir() if p.is_symlink() and _is_date(p.name))
    swap_link(reports / "latest", dated[-1])
    fsync_dir(reports)


def _is_date(name: str) -> bool:
    """True for an ISO date."""
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def prune(reports: Path) -> None:
    """Delete run folders no link points at (replaced runs and leftovers of killed runs), and
    temporary links a killed run left (they would keep a run folder alive)."""
    for tmp in reports.glob(".*.tmp-*"):
        tmp.unlink(missing_ok=True)
    runs = reports / ".runs"
    used = {p.resolve() for p in reports.iterdir() if p.is_symlink()}
    for entry in runs.iterdir():
        if entry.resolve() in used or not RUN_NAME.match(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
