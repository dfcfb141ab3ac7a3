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


def _cell(value: object) -> str:
    """A table cell: thousands separators for numbers, a dash for missing values."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def table(frame: pl.DataFrame, limit: int = 50) -> None:
    """Show a frame as a plain HTML table (no dtypes, no quotes), at most `limit` rows."""
    shown = frame.head(limit).select(pl.all().map_elements(_cell, return_dtype=pl.String))
    display(HTML(shown.to_pandas().to_html(index=False, escape=True, border=0)))
    if frame.height > limit:
        finding(f"*{frame.height - limit:,} more rows not shown.*")


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
