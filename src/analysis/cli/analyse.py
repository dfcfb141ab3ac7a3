"""Commands that analyse processed tables: reconcile, compare-sources."""

from __future__ import annotations

from typing import Annotated

import typer

from analysis.cli.common import SafeTable, date_option, iso_date, out
from analysis.errors import AnalysisError

app = typer.Typer()


@app.command("compare-sources")
def compare_sources_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="A pair name (general_staff) or two source ids; default general_staff."
        ),
    ] = None,
    top: Annotated[int, typer.Option(help="How many of the biggest disagreements to list.")] = 10,
) -> None:
    """Reconcile two publishers of the same claims day by day and summarise their disagreements."""
    from analysis import compare
    from analysis.tables import load

    try:
        left, right = compare.resolve_pair(sources or ["general_staff"])
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    comparison = compare.compare(load("series"), left, right)
    if comparison.height == 0:
        raise AnalysisError(f"no dates in common between {left} and {right}: ingest both first")
    summary = compare.summarise(comparison, top)
    days = summary.days
    out.print(
        f"{left} vs {right}: {comparison.height:,} metric-days compared over {sum(days.values()):,} days"
    )
    out.print(
        f"days: {days['agree']:,} agree, {days['offset']:,} one day apart, {days['disagree']:,} disagree"
    )
    view = SafeTable("metric", *compare.STATUSES, box=None)
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


@app.command("reconcile")
def reconcile_command(
    series: Annotated[
        str | None, typer.Option("--series", help="Only this series, e.g. returned_to_ukraine.")
    ] = None,
    since: Annotated[
        str | None, date_option("--since", help="Only totals as of this day or later.")
    ] = None,
) -> None:
    """Compare the ledger's cumulative sums with each published running total and print the gaps."""
    from analysis import reconcile

    frame = reconcile.reconcile_processed(series, iso_date(since, "--since"))
    view = SafeTable(
        "series", "as of", "published", "ledger", "gap", "gap %", "events", "undiscl.", "status",
        "claimant", box=None,
    )  # fmt: skip
    for row in frame.iter_rows(named=True):
        view.add_row(*reconcile.display_row(row))
    out.print(view)
