"""Commands on charts: export (files, data CSV, alt text, Datawrapper data, an HTML page, or a
PDF chart pack), with the newsroom's choices: event types, side, frequency, title, language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.common import date_option, iso_date, out
from analysis.config import default_paths

app = typer.Typer()


@app.command("export")
def export_command(
    chart: Annotated[
        str,
        typer.Argument(
            help="cumulative, cumulative_bodies, per_period, timeline, asymmetry, delivery, "
            "claims, personnel_vs_named, all or pack."
        ),
    ],
    preset: Annotated[
        str, typer.Option(help="Size preset: web, social, print-column or print-page.")
    ] = "web",
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="svg, pdf, png, csv, datawrapper or html; repeat for "
                     "several (default svg, pdf, png). The data CSV and alt text always come."),
    ] = None,
    to: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default reports/charts).")
    ] = None,
    start: Annotated[str | None, date_option(help="First day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, date_option(help="Last day of data (YYYY-MM-DD).")] = None,
    published: Annotated[
        str | None, date_option(help="Day printed as 'Published' (YYYY-MM-DD; default today).")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option(help="Event type(s) to count, repeatable: living people (pow_exchange, "
                     "civilian_return, wounded_transfer, child_return) or body_repatriation."),
    ] = None,
    side: Annotated[
        str | None, typer.Option(help="Only what one side received: ukraine or russia.")
    ] = None,
    freq: Annotated[
        str, typer.Option(help="Period of period charts: week, month, quarter or year.")
    ] = "month",
    title: Annotated[str | None, typer.Option(help="Own title.")] = None,
    subtitle: Annotated[str | None, typer.Option(help="Own subtitle.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the chart text: en, uk or ru.")] = "en",
) -> None:
    """Export standard charts (files, data CSV, alt text), or all of them as one PDF chart pack."""
    from analysis.charts import PRESETS, chart_pack, export
    from analysis.charts.export import DATA_FORMATS, FORMATS
    from analysis.charts.standard import STANDARD, Choice, standard_chart, standard_charts
    from analysis.tables import load_all

    if chart not in (*STANDARD, "all", "pack"):
        raise typer.BadParameter(f"{chart!r} is not one of {', '.join(STANDARD)}, all, pack")
    if preset not in PRESETS:
        raise typer.BadParameter(f"{preset!r} is not one of {', '.join(PRESETS)}")
    known = FORMATS + DATA_FORMATS
    unknown = [f for f in fmt or () if f not in known]
    if unknown:
        raise typer.BadParameter(f"{', '.join(unknown)}: formats are {', '.join(known)}")
    try:
        choice = Choice(start=iso_date(start, "--start"), end=iso_date(end, "--end"),
                        event_types=tuple(event_type) if event_type else None, side=side,
                        freq=freq, title=title, subtitle=subtitle, lang=lang,
                        published_on=iso_date(published, "--published") or dt.date.today())  # fmt: skip
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    folder = to or default_paths().reports / "charts"
    tables = load_all()
    if chart in ("all", "pack"):
        made = standard_charts(tables, preset=preset, choice=choice)
    else:
        made = {chart: standard_chart(chart, tables, preset=preset, choice=choice)}
    if chart == "pack":
        path = chart_pack(list(made.values()), folder / "chart-pack.pdf")
        out.print(f"wrote {path} ({len(made)} pages: {', '.join(made)})")
        return
    for name, figure in made.items():
        written = export(figure, name, folder, formats=fmt or FORMATS)
        out.print(f"wrote {', '.join(str(p) for p in written.values())}")
