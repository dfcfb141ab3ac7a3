"""The upstream datasets this package reads: one entry per source, in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.sources.base import SourceResult

Reader = Callable[[Path, Path], SourceResult]  # (snapshot folder, project root) -> rows


@dataclass(frozen=True)
class Upstream:
    """One upstream dataset: who publishes it, under which licence, where its raw files are."""

    id: str
    title: str
    publisher: str
    licence: str
    citation: str
    homepage: str
    raw_urls: tuple[str, ...]  # files `analysis fetch` downloads (HTTPS)
    files: tuple[str, ...]  # names of the files the adapter reads from a snapshot folder
    kind: str  # claim, confirmed_lower_bound or estimate (schema.SERIES_KINDS)
    reader: Reader


UPSTREAMS: dict[str, Upstream] = {}
