"""`analysis ingest`: run every source, validate, quarantine bad rows, write processed tables atomically.

collect.py (adapters → validated tables + quarantine) → publish.py (version folder, link swap,
prune). Importing this package stays cheap (no polars), so an unchanged ingest is a fast no-op.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis import schema
from analysis.config import KEEP_VERSIONS, Paths
from analysis.ingest import freshness

if TYPE_CHECKING:
    from analysis.ingest.collect import IngestResult

__all__ = ["KEEP_VERSIONS", "IngestResult", "build", "ingest", "lock", "prune"]
# Modules collect and publish share their names with functions: import those from the modules.
_LAZY = {"IngestResult": "collect", "build": "collect", "lock": "publish", "prune": "publish"}


def __getattr__(name: str) -> Any:
    """The collect/publish names on first use (they import polars)."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"analysis.ingest.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'analysis.ingest' has no attribute {name!r}")


def _build(
    paths: Paths,
    upstream: Path | None,
    parts: dict[str, str],
    manifest: dict[str, object] | None,
    force: bool,
    progress: Callable[[str], None],
) -> IngestResult:
    """Validate the inputs into tables; reuse the previous series table when the upstream
    snapshots and the schema are unchanged (a version of another schema is rebuilt whole)."""
    from analysis.ingest.collect import build, carry_upstream, collect, collect_ledger

    digest = freshness.combine(parts)
    old_parts = (manifest or {}).get("parts") or {}
    same_schema = bool(manifest) and manifest.get("schema") == schema.fingerprint()  # type: ignore[union-attr]
    if not force and same_schema and old_parts.get("upstream") == parts["upstream"]:  # type: ignore[union-attr]
        progress("upstream snapshots unchanged: reusing the series table")
        result = build([collect_ledger(paths)], paths.root, digest)
        carry_upstream(result, paths.processed.resolve(), manifest)  # type: ignore[arg-type]
        return result
    results = collect(paths, upstream)
    rows = sum(sum(r.rows_read.values()) for r in results)
    progress(f"read {rows:,} rows from {sum(len(r.inputs) for r in results)} files")
    return build(results, paths.root, digest)


def ingest(
    paths: Paths,
    upstream: Path | None = None,
    force: bool = False,
    wait: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> IngestResult:
    """Read, validate and publish a new processed version; a no-op when the inputs are unchanged."""
    import polars as pl

    from analysis.ingest.changes import add_time_tables
    from analysis.ingest.collect import IngestResult, read_processed
    from analysis.ingest.publish import (
        lock,
        prune,
        publish,
        remove_stale_temp,
        write_error,
        write_tables,
    )  # fmt: skip

    with lock(paths, wait=wait):
        remove_stale_temp(paths)
        same, parts, manifest = freshness.unchanged(paths, upstream)
        digest = freshness.combine(parts)
        if same and not force and manifest:
            quarantine = read_processed(paths.processed / "quarantine.parquet")
            inputs = list(manifest.get("inputs", []))  # type: ignore[call-overload]
            return IngestResult(
                {}, quarantine, inputs, digest, paths.processed.resolve(), True, parts
            )
        previous = paths.processed.resolve()
        result = _build(paths, upstream, parts, manifest, force, progress)
        result.parts = parts
        add_time_tables(result, paths, previous if manifest else None)
        paths.versions.mkdir(parents=True, exist_ok=True)
        final = paths.versions / digest[:16]
        if final.exists():  # a forced rebuild: never touch a folder that may be in use
            final = paths.versions / f"{digest[:16]}-{time.time_ns()}"
        tmp = paths.versions / f".tmp-{digest[:16]}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            write_tables(tmp, result, progress, manifest)
            tmp.rename(final)
        except (OSError, pl.exceptions.PolarsError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise write_error(tmp, exc) from None
        publish(paths, final)
        prune(paths)
        result.version_dir = final
        return result
