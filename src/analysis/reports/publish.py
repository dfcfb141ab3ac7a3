"""Publish a finished run: reports/<as_of> and reports/latest swapped to it atomically, and the
run folders nothing points at any more pruned."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from analysis.files import fsync_dir


def publish(reports: Path, as_of: dt.date, folder: Path) -> None:
    """Point reports/<as_of> at `folder` with one rename; reports/latest at the newest as_of."""
    link = reports / as_of.isoformat()
    if link.exists() and not link.is_symlink():  # a plain folder (copied in by hand): keep it aside
        link.rename(folder.parent / f"{as_of.isoformat()}-replaced-{time.time_ns()}")
    _swap_link(link, os.path.relpath(folder, reports))
    dated = sorted(p.name for p in reports.iterdir() if p.is_symlink() and _is_date(p.name))
    _swap_link(reports / "latest", dated[-1])
    fsync_dir(reports)


def _is_date(name: str) -> bool:
    """True for an ISO date."""
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def _swap_link(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` atomically (a temporary link renamed over it)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, link)


def prune(reports: Path) -> None:
    """Delete run folders no link points at (replaced runs and leftovers of killed runs), and
    temporary links a killed run left (they would keep a run folder alive)."""
    for tmp in reports.glob(".*.tmp-*"):
        tmp.unlink(missing_ok=True)
    runs = reports / ".runs"
    used = {p.resolve() for p in reports.iterdir() if p.is_symlink()}
    for entry in runs.iterdir():
        if entry.resolve() in used:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
