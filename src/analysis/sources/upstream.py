"""Upstream datasets → `series`: finds each registered source's newest snapshot and runs its adapter."""

from __future__ import annotations

from pathlib import Path

from analysis.sources.base import SourceResult


def read_upstream(folder: Path | None, root: Path) -> list[SourceResult]:
    """One SourceResult per upstream source found under `folder` (none when it is absent)."""
    return []
