"""Upstream datasets → `series`: finds each registered source's newest snapshot and runs its adapter.

A snapshot folder is either `<folder>/<source>/<YYYY-MM-DD...>/` (as written by `analysis fetch`;
the newest date wins) or `<folder>/<source>/` itself (a folder laid out like ../shared/data/upstream).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from analysis.errors import InputError
from analysis.ingest.adapters.base import SourceResult
from analysis.ingest.adapters.registry import UPSTREAMS

DATED = re.compile(r"^\d{4}-\d{2}-\d{2}")


def snapshot_dir(folder: Path, source_id: str) -> Path | None:
    """The newest snapshot folder of a source under `folder`, or None when there is none."""
    base = folder / source_id
    if not base.is_dir():
        return None
    dated = sorted(d for d in base.iterdir() if d.is_dir() and DATED.match(d.name))
    for folder in dated:  # a date-like name that is not a date (a backup) would sort newest
        try:
            dt.date.fromisoformat(folder.name)
        except ValueError:
            raise InputError(folder, "not a snapshot folder (expected YYYY-MM-DD, as written by "
                             "`analysis fetch`); move it out of the upstream folder") from None  # fmt: skip
    return dated[-1] if dated else base


def read_upstream(folder: Path | None, root: Path) -> list[SourceResult]:
    """One SourceResult per registered source with a snapshot under `folder`."""
    if folder is None or not folder.is_dir():
        return []
    results = []
    for source in UPSTREAMS.values():
        snapshot = snapshot_dir(folder, source.id)
        if snapshot is not None:
            results.append(source.reader(snapshot, root))
    return results
