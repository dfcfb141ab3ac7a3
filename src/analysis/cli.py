"""The `analysis` command: ingest, check, tables, report (and more as the package grows)."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from analysis import freshness
from analysis.errors import AnalysisError, ExitCode
from analysis.paths import Paths, default_paths

if TYPE_CHECKING:
    from analysis.ingest import IngestResult

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
    if not force and _report_unchanged(paths, upstream, allow_quarantine):
        return
    from analysis import ingest as ingest_mod

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
    from analysis import ingest as ingest_mod

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
    from analysis import tables as tables_mod

    frame = tables_mod.summary()
    view = RichTable("table", "rows", "first", "last", "newest source", box=None)
    for row in frame.iter_rows():
        view.add_row(
            *("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row)
        )
    out.print(view)


def _iso_date(value: str | None) -> dt.date | None:
    """--date as a date; a usage error when it is not YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date"
        ) from None


@app.command()
def extract(
    source: Annotated[
        str, typer.Argument(help="Plain text, Markdown or HTML file; - reads standard input.")
    ],
    date: Annotated[
        str | None, typer.Option(help="Article date YYYY-MM-DD (default: the text's date line).")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(help="Article URL for source_urls (default: its 'Original url' line)."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write OUT-events.csv and OUT-claims.csv (ledger columns + sentence, confidence).",
        ),
    ] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Accept, edit or skip each candidate; append accepted ones to the ledger.",
        ),
    ] = False,
) -> None:
    """Propose ledger rows (exchanges, repatriations, casualty claims) from a news text."""
    from analysis.text import extract as extract_mod
    from analysis.text import review as review_mod

    if review and source == "-":
        raise typer.BadParameter("--review reads answers from the terminal: give a FILE, not -")
    text = extract_mod.read_input(source)
    article = extract_mod.parse_article(text)
    link = url or article.url or ""
    candidates = extract_mod.extract(text, _iso_date(date), link)
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        paths = extract_mod.write_candidates(candidates, out_file)
        counts = {t: sum(c.table == t for c in candidates) for t in paths}
        out.print(
            ", ".join(f"{counts[t]} candidate(s) in {p}" for t, p in paths.items()), markup=False
        )
    elif not review:
        view = RichTable(
            "table",
            "date",
            "what",
            "side/subject",
            "value",
            "qualifier",
            "claimant",
            "conf.",
            box=None,
        )
        for row in extract_mod.summary_rows(candidates):
            view.add_row(*row)
        out.print(view if candidates else "no candidate figures found")
    if review:
        review_mod.review(
            candidates, default_paths(), link,
            ask=lambda q: typer.prompt(q, default="", show_default=False),
            say=lambda m: out.print(m, markup=False),
        )  # fmt: skip


@app.command()
def export(
    chart: Annotated[
        str,
        typer.Argument(
            help="cumulative, cumulative_bodies, per_period, timeline, asymmetry, delivery, claims, all or pack."
        ),
    ],
    preset: Annotated[
        str, typer.Option(help="Size preset: web, social, print-column or print-page.")
    ] = "web",
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="svg, pdf or png; repeat for several (default all)."),
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
    from analysis import tables as tables_mod
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


@app.command()
def fetch(
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
    from analysis import fetch as fetch_mod

    folder = dest or default_paths().upstream
    defaults = fetch_mod.Limits()
    limits = fetch_mod.Limits(
        timeout=timeout or defaults.timeout, max_bytes=max_bytes or defaults.max_bytes
    )
    written = fetch_mod.fetch(
        sources or [], folder, limits, progress=lambda m: err.print(m, markup=False)
    )
    out.print(f"{len(written)} new snapshot(s) in {folder}", markup=False)


@app.command("compare-sources")
def compare_sources(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="A pair name (general_staff) or two source ids; default general_staff."
        ),
    ] = None,
    top: Annotated[int, typer.Option(help="How many of the biggest disagreements to list.")] = 10,
) -> None:
    """Reconcile two publishers of the same claims day by day and summarise their disagreements."""
    from analysis import compare as compare_mod
    from analysis import tables as tables_mod

    try:
        left, right = compare_mod.resolve_pair(sources or ["general_staff"])
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    comparison = compare_mod.compare(tables_mod.load("series"), left, right)
    if comparison.height == 0:
        raise AnalysisError(f"no dates in common between {left} and {right}: ingest both first")
    summary = compare_mod.summarise(comparison, top)
    days = summary.days
    out.print(
        f"{left} vs {right}: {comparison.height:,} metric-days compared over {sum(days.values()):,} days"
    )
    out.print(
        f"days: {days['agree']:,} agree, {days['offset']:,} one day apart, {days['disagree']:,} disagree"
    )
    view = RichTable("metric", *compare_mod.STATUSES, box=None)
    for row in summary.by_metric.iter_rows():
        view.add_row(*(str(v) for v in row))
    out.print(view)
    if summary.biggest.height:
        out.print("biggest disagreements (right - left):")
        for row in summary.biggest.iter_rows(named=True):
            out.print(
                f"  {row['date']} {row['metric']}: {row['left']:,.0f} vs {row['right']:,.0f} ({row['difference']:+,.0f})",
                markup=False,
            )


@app.command()
def reconcile(
    series: Annotated[
        str | None, typer.Option("--series", help="Only this series, e.g. returned_to_ukraine.")
    ] = None,
    since: Annotated[
        dt.datetime | None,
        typer.Option("--since", formats=["%Y-%m-%d"], help="Only totals as of this day or later."),
    ] = None,
) -> None:
    """Compare the ledger's cumulative sums with each published running total and print the gaps."""
    from analysis import reconcile as reconcile_mod

    frame = reconcile_mod.reconcile_processed(series, since.date() if since else None)
    view = RichTable(
        "series", "as of", "published", "ledger", "gap", "gap %", "events", "undiscl.", "status",
        "claimant", box=None,
    )  # fmt: skip
    for row in frame.iter_rows(named=True):
        view.add_row(*reconcile_mod.display_row(row))
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
        int | None,
        typer.Option(
            help="Fail (exit 5) when the newest data is older than this many days; 0: off.",
            show_default="45",
            min=0,
        ),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another run instead of failing.")
    ] = False,
) -> None:
    """Run the notebooks for a date and render HTML (and PDF) reports into reports/<as_of>/."""
    from analysis.reports import execute, params, plan

    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise params.ParameterError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
    result = execute.run(
        default_paths(),
        as_of=day,
        period=period,
        selected=notebooks or [],
        given=plan.parse_assignments(param or []),
        out=out_dir,
        jobs=jobs,
        pdf=pdf,
        max_age_days=plan.DEFAULT_MAX_AGE_DAYS if max_age_days is None else max_age_days,
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
