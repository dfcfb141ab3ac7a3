"""Commands on the data: ingest, check, tables, fetch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from analysis.cli.common import SafeTable, err, out
from analysis.config import Paths, default_paths
from analysis.errors import ExitCode, UsageError
from analysis.ingest import freshness

if TYPE_CHECKING:
    from analysis.ingest import IngestResult

app = typer.Typer()


def _print_quarantine(result: IngestResult, limit: int = 20) -> None:
    """Print quarantined rows as file:line: reason."""
    rows = result.quarantine.head(limit).iter_rows(named=True)
    for row in rows:
        where = f"{row['file']}:{row['line']}" if row["line"] is not None else row["file"]
        out.print(f"  {where}: {row['reason']} (value {row['value']!r})", markup=False)
    if result.quarantined > limit:
        out.print(f"  ... and {result.quarantined - limit} more (see the quarantine table)")


def _report_unchanged(paths: Paths, upstream: Path | None, allow_quarantine: bool) -> bool:
    """Print and return True when the inputs are unchanged (checked without importing polars)."""
    same, found, manifest = freshness.unchanged(paths, upstream)
    digest = freshness.combine(found)
    if not same or manifest is None:
        return False
    held = manifest["tables"]["quarantine"]["rows"]  # type: ignore[index]
    out.print(
        f"inputs unchanged: {paths.processed} is up to date ({digest[:12]}); {held} row(s) in quarantine"
    )
    if held and not allow_quarantine:
        raise typer.Exit(ExitCode.QUARANTINED)
    return True


@app.command("ingest")
def ingest_command(
    upstream: Annotated[
        Path | None, typer.Option(help="Folder of upstream snapshots (default data/raw/upstream).")
    ] = None,
    allow_quarantine: Annotated[
        bool, typer.Option("--allow-quarantine", help="Exit 0 even when rows were quarantined.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when inputs are unchanged.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another ingest instead of failing.")
    ] = False,
) -> None:
    """Read the ledger and upstream snapshots, validate, and write data/processed atomically."""
    paths = default_paths()
    if not force and _report_unchanged(paths, upstream, allow_quarantine):
        return
    from analysis.ingest import ingest

    result = ingest(
        paths,
        upstream=upstream,
        force=force,
        wait=wait,
        progress=lambda m: err.print(m, style="dim"),
    )
    if result.unchanged:
        out.print(f"inputs unchanged: {paths.processed} is up to date ({result.fingerprint[:12]})")
    else:
        counts = ", ".join(f"{n} {f.height:,}" for n, f in result.tables.items())
        out.print(f"ingested into {paths.processed} ({result.fingerprint[:12]}): {counts}")
    if result.quarantined:
        out.print(f"{result.quarantined} row(s) quarantined:")
        _print_quarantine(result)
        if not allow_quarantine:
            raise typer.Exit(ExitCode.QUARANTINED)
    else:
        out.print("0 rows quarantined")


@app.command("check")
def check_command(
    upstream: Annotated[Path | None, typer.Option(help="Folder of upstream snapshots.")] = None,
) -> None:
    """Validate the raw inputs and print every problem as file:line; writes nothing."""
    import polars as pl

    from analysis.ingest import coverage
    from analysis.ingest.collect import build, collect, sort_quarantine

    paths = default_paths()
    result = build(collect(paths, upstream), paths.root)
    declared, held = coverage.build(paths.ledger, paths.root, result.tables)  # coverage.csv too
    result.quarantine = sort_quarantine(pl.concat([result.quarantine, held]))
    for line in coverage.outdated(declared, result.tables):
        out.print(line, markup=False)
    rows = sum(f.height for f in result.tables.values())
    if result.quarantined:
        out.print(f"{result.quarantined} problem(s) in the raw inputs ({rows:,} rows valid):")
        _print_quarantine(result, limit=10_000)
        raise typer.Exit(ExitCode.QUARANTINED)
    out.print(f"raw inputs are valid: {rows:,} rows in {len(result.inputs)} files")


@app.command("tables")
def tables_command() -> None:
    """One line per processed table: rows, first and last date, newest source."""
    from analysis.tables import summary

    view = SafeTable("table", "rows", "first", "last", "newest source", box=None)
    for row in summary().iter_rows():
        view.add_row(
            *("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row)
        )
    out.print(view)


@app.command("fetch")
def fetch_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Source ids to fetch (default: every registered one)."),
    ] = None,
    dest: Annotated[
        Path | None, typer.Option(help="Folder of upstream snapshots (default data/raw/upstream).")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds to wait for a connection or a read [default: 30].")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest file accepted, in bytes [default: 100 MiB].")
    ] = None,
) -> None:
    """Download the newest raw files of upstream datasets into dated snapshot folders."""
    from analysis.ingest.fetch import Limits, fetch

    folder = dest or default_paths().upstream
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--dest {str(folder)!r} is not a folder")
    defaults = Limits()
    given = {"timeout": timeout, "max_bytes": max_bytes}
    values = {k: getattr(defaults, k) if v is None else v for k, v in given.items()}
    try:
        limits = Limits(**values)  # type: ignore[arg-type]
    except ValueError as exc:  # 0, negative, NaN or infinite: never silently the default
        name = str(exc).split()[0]
        raise UsageError(
            f"--{name.replace('_', '-')} {values[name]}: must be a positive number"
        ) from None
    written = fetch(sources or [], folder, limits, progress=lambda m: err.print(m, markup=False))
    out.print(f"{len(written)} new snapshot(s) in {folder}", markup=False)
