"""What every source adapter returns, and helpers shared by adapters."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from analysis import schema
from analysis.errors import InputError


@dataclass
class SourceResult:
    """Rows an adapter read: frames per table (with _file/_line), its own quarantine, its inputs.

    `rows_read[file]` counts the candidate rows read from a file for its table `primary[file]`;
    ingest checks rows_read = rows written to that table + rows quarantined from that file.
    """

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    quarantine: pl.DataFrame = field(default_factory=schema.empty_quarantine)
    inputs: list[Path] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)
    primary: dict[str, str] = field(default_factory=dict)


def read_error(path: Path, exc: OSError) -> InputError:
    """A one-line InputError describing why `path` could not be read."""
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, expected a file")
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "file not found")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot read ({exc.strerror or exc})")


def read_bytes(path: Path) -> bytes:
    """A raw file's bytes; an InputError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise read_error(path, exc) from None


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes; an InputError naming the file when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise read_error(path, exc) from None
    return digest.hexdigest()


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


def relative_name(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, else the absolute path (no symlink resolution)."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    if absolute.startswith(base + os.sep):
        return absolute[len(base) + 1 :]
    return absolute
