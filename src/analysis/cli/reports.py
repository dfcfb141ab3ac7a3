"""Commands on reports: report (run the notebooks for a date, render HTML and PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from analysis.cli.common import date_option, err, iso_date, out
from analysis.config import DEFAULT_MAX_AGE_DAYS, default_paths

if TYPE_CHECKING:
    from analysis.reports.model import RunResult

app = typer.Typer()
MaxAge = Annotated[
    int | None,
    typer.Option(
        help="A table whose data ends more than this many days before the report date is "
        "stale (checked per table each notebook reads); 0: no check.",
        show_default=str(DEFAULT_MAX_AGE_DAYS),
        min=0,
    ),
]
Stale = Annotated[
    str,
    typer.Option(
        "--stale",
        help="On stale data: fail (exit 5, nothing run; for scheduled runs) or warn (render, "
        "with a banner in the index and in each report that reads a stale table).",
    ),
]


@app.command("report")
def report_command(
    notebooks: Annotated[
        list[str] | None,
        typer.Argument(help="Notebooks to run (names in notebooks/; default all)."),
    ] = None,
    as_of: Annotated[
        str | None, date_option("--as-of", help="Report date, YYYY-MM-DD (default today).")
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
    max_age_days: MaxAge = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another run instead of failing.")
    ] = False,
    stale: Stale = "fail",
) -> None:
    """Run the notebooks for a date and render HTML (and PDF) reports into reports/<as_of>/."""
    from analysis.reports import execute, plan

    result = execute.run(
        default_paths(),
        as_of=iso_date(as_of, "--as-of") or dt.date.today(),
        period=period,
        selected=notebooks or [],
        given=plan.parse_assignments(param or []),
        out=out_dir,
        jobs=jobs,
        pdf=pdf,
        max_age_days=DEFAULT_MAX_AGE_DAYS if max_age_days is None else max_age_days,
        wait=wait,
        progress=lambda m: err.print(m, style="dim"),
        stale=stale,
    )
    _print_run(result)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def _print_run(result: RunResult) -> None:
    """The run's notes, one line per notebook (status, seconds, error), and the index."""
    for note in result.notes:
        out.print(note)
    for outcome in result.outcomes:
        detail = f": {outcome.error}" if outcome.error else ""
        out.print(
            f"  {outcome.status:6} {outcome.name} ({outcome.seconds:.1f} s){detail}", markup=False
        )
    out.print(f"index: {result.folder / 'index.html'} ({result.seconds:.1f} s)")
