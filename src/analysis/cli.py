"""The `analysis` command: ingest, check, tables (and more as the package grows)."""

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
def export(
    chart: Annotated[
        str, typer.Argument(help="cumulative, per_period, timeline, asymmetry, delivery, claims, all or pack.")
    ],
    preset: Annotated[
        str, typer.Option(help="Size preset: web, social, print-column or print-page.")
    ] = "web",
    fmt: Annotated[
        list[str] | None, typer.Option("--format", help="svg, pdf or png; repeat for several (default all).")
    ] = None,
    to: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default reports/charts).")
    ] = None,
    start: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Export standard charts (files, data CSV, alt text), or all of them as one PDF chart pack."""
    from analysis import charts as charts_mod
    from analysis.charts.export import FORMATS
    from analysis.charts.standard import STANDARD, standard_chart, standard_charts

    if chart not in (*STANDARD, "all", "pack"):
        raise typer.BadParameter(f"{chart!r} is not one of {', '.join(STANDARD)}, all, pack")
    if preset not in charts_mod.PRESETS:
        raise typer.BadParameter(f"{preset!r} is not one of {', '.join(charts_mod.PRESETS)}")
    unknown = [f for f in fmt or () if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"{', '.join(unknown)}: formats are {', '.join(FORMATS)}")
    folder = to or default_paths().reports / "charts"
    tables = tables_mod.load_all()
    first, last = (d.date() if d else None for d in (start, end))
    if chart in ("all", "pack"):
        made = standard_charts(tables, start=first, end=last, preset=preset)
    else:
        made = {chart: standard_chart(chart, tables, start=first, end=last, preset=preset)}
    if chart == "pack":
        path = charts_mod.chart_pack(list(made.values()), folder / "chart-pack.pdf")
        out.print(f"wrote {path} ({len(made)} pages: {', '.join(made)})")
        return
    for name, figure in made.items():
        written = charts_mod.export(figure, name, folder, formats=fmt or FORMATS)
        out.print(f"wrote {', '.join(str(p) for p in written.values())}")


def main() -> None:
    """Entry point: run the app, turning expected errors into one line and an exit code."""
    try:
        app(standalone_mode=False)
    except AnalysisError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(ExitCode.FAILED)
    except Exception as exc:  # click usage errors and the unexpected
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(ExitCode.USAGE)
        if STATE["debug"]:
            raise
        err.print(
            f"error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", markup=False
        )
        sys.exit(ExitCode.FAILED)


if __name__ == "__main__":
    main()
