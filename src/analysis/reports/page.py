"""What a report notebook shows: tables, findings and charts, displayed for readers of the HTML."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
from IPython.display import HTML, Markdown, display

from analysis import escape
from analysis.files import safe_name

if TYPE_CHECKING:
    from analysis.charts import Chart


def table(
    frame: pl.DataFrame, limit: int = 50, note: str | None = None, title: str | None = None
) -> None:
    """Show a frame as a reader's table (labels, qualifiers, dates in words, source links, a dash
    for a missing value), at most `limit` rows, with an optional title and note."""
    from analysis.reports.present import table_html

    display(HTML(table_html(frame.head(limit), note, title)))
    if frame.height > limit:
        finding(f"*{frame.height - limit:,} more rows not shown.*")


def sources(table: pl.DataFrame, *cited: pl.DataFrame | list[str]) -> None:
    """Show the sources behind a report as links (publisher, else the host), each once, in the
    order cited; each of `cited` is a frame with source_ids / source_id, or a list of ids."""
    from analysis.reports.present import source_links

    html = source_links(list(cited), table)
    if html:
        display(HTML(html))


def finding(text: str) -> None:
    """Show a sentence of findings (Markdown); data text inside it cannot make a link, an image
    or raw HTML (escape.markdown_inert), whoever renders the notebook."""
    display(Markdown(escape.markdown_inert(text)))


def chart(figure: Chart, name: str, output_dir: str | Path | None) -> None:
    """Show a chart as PNG with its alt text and, when `output_dir` is set, export it
    (svg, pdf, png, data csv, alt text)."""
    from analysis.charts import alt_text, export, house_style

    safe_name(name, "chart name")  # checked even when not exported, so a bad name fails early
    if output_dir:
        export(figure, name, output_dir)
    png = io.BytesIO()
    with house_style(figure.preset.font_scale):
        figure.fig.savefig(png, format="png", dpi=figure.preset.raster_dpi)
    bundle = {
        "image/png": base64.b64encode(png.getvalue()).decode(),
        "text/plain": alt_text(figure),
    }
    display(bundle, raw=True)
