"""The `analysis` command: ingest, check, tables, report (and more as the package grows)."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from analysis import ingest as ingest_mod
from analysis import reports as reports_mod
from analysis import tables as tables_mod
from analysis.errors import AnalysisError, ExitCode
from analysis.paths import default_paths

app = typer.Typer(
    help="Sourced time series of the human toll of the Russia–Ukraine war.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
STATE = {"debug": False}


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
) -> None:
    """Sourced time series of the human toll of the Russia–Ukraine war."""
    STATE["debug"] = debug


def _print_quarantine(result: ingest_mod.IngestResult, limit: int = 20) -> None:
    """Print quarantined rows as file:line: reason."""
    rows = result.quarantine.head(limit).iter_rows(named=True)
    for row in rows:
        where = f"{row['file']}:{row['line']}" if row["line"] is not None else row["file"]
        out.print(f"  {where}: {row['reason']} (value {row['value']!r})", markup=False)
    if result.quarantined > limit:
        out.print(f"  ... and {result.quarantined - limit} more (see the quarantine table)")


@app.command()
def ingest(
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
    result = ingest_mod.ingest(
        paths,
        upstream=upstream,
        force=force,
        wait=wait,
        progress=lambda m: err.print(f"[dim]{m}[/dim]"),
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


@app.command()
def check(
    upstream: Annotated[Path | None, typer.Option(help="Folder of upstream snapshots.")] = None,
) -> None:
    """Validate the raw inputs and print every problem as file:line; writes nothing."""
    paths = default_paths()
    results = ingest_mod.collect(paths, upstream)
    result = ingest_mod.build(results, paths.root)
    rows = sum(f.height for f in result.tables.values())
    if result.quarantined:
        out.print(f"{result.quarantined} problem(s) in the raw inputs ({rows:,} rows valid):")
        _print_quarantine(result, limit=10_000)
        raise typer.Exit(ExitCode.QUARANTINED)
    out.print(f"raw inputs are valid: {rows:,} rows in {len(result.inputs)} files")


@app.command()
def tables() -> None:
    """One line per processed table: rows, first and last date, newest source."""
    frame = tables_mod.summary()
    view = RichTable("table", "rows", "first", "last", "newest source", box=None)
    for row in frame.iter_rows():
        view.add_row(
            *("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row)
        )
    out.print(view)


@app.command()
def report(
    notebooks: Annotated[
        list[str] | None,
        typer.Argument(help="Notebooks to run (names in notebooks/; default all)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Report date, YYYY-MM-DD (default today).")
    ] = None,
    period: Annotated[str, typer.Option(help="Period of the brief: week or month.")] = "week",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "-p", "--param", help="NAME=VALUE for every notebook declaring NAME (repeatable)."
        ),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Reports folder (default reports/).")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option(help="Notebooks run at once (default the number of cores).", min=1)
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print each report to PDF (needs Chromium).")
    ] = False,
    max_age_days: Annotated[
        int,
        typer.Option(
            help="Fail (exit 5) when the newest data is older than this many days; 0: off."
        ),
    ] = reports_mod.DEFAULT_MAX_AGE_DAYS,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another run instead of failing.")
    ] = False,
) -> None:
    """Run the notebooks for a date and render HTML (and PDF) reports into reports/<as_of>/."""
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise reports_mod.params.ParameterError(
            f"--as-of {as_of!r} is not a date (YYYY-MM-DD)"
        ) from None
    result = reports_mod.run(
        default_paths(),
        as_of=day,
        period=period,
        selected=notebooks or [],
        given=reports_mod.parse_assignments(param or []),
        out=out_dir,
        jobs=jobs,
        pdf=pdf,
        max_age_days=max_age_days,
        wait=wait,
        progress=lambda m: err.print(f"[dim]{m}[/dim]"),
    )
    for note in result.notes:
        out.print(note)
    for outcome in result.outcomes:
        detail = f": {outcome.error}" if outcome.error else ""
        out.print(
            f"  {outcome.status:6} {outcome.name} ({outcome.seconds:.1f} s){detail}", markup=False
        )
    out.print(f"index: {result.folder / 'index.html'} ({result.seconds:.1f} s)")
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def main() -> None:
    """Entry point: run the app, turning expected errors into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except AnalysisError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(ExitCode.FAILED)
    except typer.TyperException as exc:  # usage errors: unknown option, bad value
        exc.show()  # type: ignore[attr-defined]
        sys.exit(ExitCode.USAGE)
    except Exception as exc:
        if STATE["debug"]:
            raise
        err.print(
            f"error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", markup=False
        )
        sys.exit(ExitCode.FAILED)
    sys.exit(code or 0)


if __name__ == "__main__":
    main()
