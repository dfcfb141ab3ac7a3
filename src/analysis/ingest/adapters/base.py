"""What every source adapter returns, and helpers shared by adapters."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from analysis import schema
from analysis.files import read_bytes, read_error, relative_name, sha256_file


@dataclass
class SourceResult:
    """Rows an adapter read: frames per table (with _file/_line), its own quarantine, its inputs.

    `rows_read[file]` counts the candidate rows read from a file for its table `primary[file]`;
    ingest checks rows_read = rows written to that table + rows applied + rows quarantined from
    that file, where `applied[file]` counts rows that change other rows (e.g. signed corrections)
    instead of becoming rows themselves. `held[table]` maps the ids of rows the adapter
    quarantined to their (file, line), so a correction of such a row is quarantined too.
    """

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    quarantine: pl.DataFrame = field(default_factory=schema.empty_quarantine)
    inputs: list[Path] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)
    primary: dict[str, str] = field(default_factory=dict)
    applied: dict[str, int] = field(default_factory=dict)
    held: dict[str, dict[str, tuple[str, int | None]]] = field(default_factory=dict)


def url_source_id(url: str) -> str:
    """A stable, readable source id for a URL: host plus a short hash, e.g. tass.com-1a2b3c4d."""
    host = (urlsplit(url).hostname or "local").removeprefix("www.")
    host = re.sub(r"[^a-z0-9.\-]", "-", host.lower())
    return f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def quarantine_rows(rows: list[dict[str, object]]) -> pl.DataFrame:
    """A quarantine frame from dicts with table, file, line, column, value, reason."""
    if not rows:
        return schema.empty_quarantine()
    return pl.DataFrame(rows, schema=schema.QUARANTINE.polars_schema)


__all__ = [  # file helpers re-exported for adapters
    "SourceResult", "quarantine_rows", "read_bytes", "read_error", "relative_name", "sha256_file", "url_source_id",
]  # fmt: skip
