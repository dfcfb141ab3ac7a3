"""`analysis.load(name)`: the processed tables, for notebooks and the rest of the package."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from analysis import config, schema
from analysis.config import Paths, default_paths
from analysis.errors import AnalysisError, MissingDataError
from analysis.files import sha256_file


def processed_dir(paths: Paths | None = None) -> Path:
    """The resolved folder of the current processed version (resolve once, read consistently)."""
    paths = paths or default_paths()
    folder = paths.processed.resolve()
    if not (folder / "manifest.json").is_file():
        raise MissingDataError(
            f"no processed tables in {paths.processed}: run `analysis ingest` first"
        )
    return folder


READ_LOG = config.READ_LOG  # env: a file where each load appends the version it read


@contextmanager
def pinned(paths: Paths | None = None) -> Iterator[Path]:
    """The current processed version, resolved once and held with a shared lock on its folder
    while inside: `analysis ingest` does not prune a version a reader holds."""
    while True:
        folder = processed_dir(paths)
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:  # pruned between resolving and opening: resolve again
            continue
        fcntl.flock(fd, fcntl.LOCK_SH)
        if (folder / "manifest.json").is_file():
            break
        os.close(fd)  # pruned before the lock was granted: resolve again
    try:
        yield folder
    finally:
        os.close(fd)


def log_read(folder: Path) -> None:
    """Append the version read to $ANALYSIS_READ_LOG (set by `analysis report`) when it is set."""
    if log := os.environ.get(READ_LOG):

        entry = {"notebook": os.environ.get(config.NOTEBOOK), "folder": str(folder),
                 "fingerprint": manifest(folder).get("fingerprint")}  # fmt: skip
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")


def load(name: str, folder: Path | None = None) -> pl.DataFrame:
    """A processed table as a polars DataFrame (folder: a version folder, default the current one)."""
    if name not in schema.ALL_TABLES:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(schema.ALL_TABLES)}")
    folder = folder or processed_dir()
    path = folder / f"{name}.parquet"
    if not path.is_file():
        raise MissingDataError(f"{path} is missing: run `analysis ingest`")
    log_read(folder)
    try:
        return pl.read_parquet(path, glob=False)  # a folder named like a glob is still a folder
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise _unreadable(path, folder, exc) from None


CORRUPT = (
    "does not match manifest.json (corrupt or partial version); run `analysis ingest` to rebuild it"
)


def _unreadable(path: Path, folder: Path, exc: BaseException) -> AnalysisError:
    """The one-line error for a processed file that cannot be read, naming it."""
    entry = manifest(folder).get("tables", {}).get(path.stem, {})  # type: ignore[union-attr]
    if entry and sha256_file(path) != entry.get(f"{path.suffix[1:]}_sha256"):
        return AnalysisError(f"{path}: {CORRUPT}")
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return AnalysisError(f"{path}: cannot read ({first})")


def load_all(folder: Path | None = None) -> dict[str, pl.DataFrame]:
    """Every processed table of one version, read from the same folder (held while reading)."""
    if folder is not None:
        return {name: load(name, folder) for name in schema.ALL_TABLES}
    with pinned() as current:
        return {name: load(name, current) for name in schema.ALL_TABLES}


def manifest(folder: Path | None = None) -> dict[str, object]:
    """The manifest of a processed version."""
    folder = folder or processed_dir()
    return json.loads((folder / "manifest.json").read_text())


def verify(folder: Path | None = None) -> dict[str, object]:
    """Check a processed version's files against its manifest checksums; return the manifest."""
    folder = folder or processed_dir()
    found = manifest(folder)
    for name, entry in found["tables"].items():  # type: ignore[union-attr]
        for kind in ("parquet", "csv"):
            path = folder / f"{name}.{kind}"
            if not path.is_file() or sha256_file(path) != entry[f"{kind}_sha256"]:
                raise AnalysisError(f"{path}: {CORRUPT}")
    return found


def summary(folder: Path | None = None) -> pl.DataFrame:
    """One row per processed table: rows, first and last date, newest source publication."""
    folder = folder or processed_dir()
    rows = []
    for name, table in schema.ALL_TABLES.items():
        frame = load(name, folder)
        col = table.date_column
        dates = frame[col].drop_nulls() if col else None
        newest = None
        if table.source_column and frame.height and name != "sources":
            sources = load("sources", folder)
            used = sources.filter(
                pl.col("source_id").is_in(frame[table.source_column].unique().to_list())
            )
            newest = used["published"].max()
        rows.append({
            "table": name,
            "rows": frame.height,
            "first": dates.min() if dates is not None and dates.len() else None,
            "last": dates.max() if dates is not None and dates.len() else None,
            "newest_source": newest,
        })  # fmt: skip
    return pl.DataFrame(rows, schema={"table": pl.String, "rows": pl.Int64, "first": pl.Date,
                                      "last": pl.Date, "newest_source": pl.Date})  # fmt: skip
