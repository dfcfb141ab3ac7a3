"""Render an executed notebook: a self-contained HTML report, and a PDF printed by headless Chromium."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from analysis import config, escape
from analysis.errors import AnalysisError
from analysis.release import CREDIT

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PDF_TIMEOUT_S = 120


def output_markdown(source: str) -> str:
    """A notebook output's Markdown as HTML, any raw HTML in it shown as text and never run:
    outputs carry text from the data (claimants, mediators, titles, notes)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    class TextLinks(IPythonRenderer):
        """Links and images shown as their text: never a link target or a remote image."""

        def link(self, text: str, url: str, title: str | None = None) -> str:
            return text

        def image(self, text: str, url: str, title: str | None = None) -> str:
            return escape.html(text)

    return MarkdownWithMath(renderer=TextLinks(escape=True)).render(source)


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter without code cells, prompts or any script from another host;
    Markdown outputs are rendered with raw HTML escaped (the template's data_markdown block)."""
    from nbconvert import HTMLExporter  # imported here: nbconvert takes seconds to import

    return HTMLExporter(
        filters={"output_markdown": output_markdown},
        template_name="lab",
        template_file=str(TEMPLATES / "report.html.j2"),
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


@dataclass(frozen=True)
class Imprint:
    """What every report's footer (and PDF page margins) says: data version, the two dates."""

    data_version: str
    data_to: dt.date | None
    published: dt.date


def _css_text(text: str) -> str:
    """Text as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def footer_html(title: str, imprint: Imprint) -> str:
    """The footer of a report and its PDF page header/footer (date and page numbers), escaped."""
    data_to = f"{imprint.data_to:%-d %B %Y}" if imprint.data_to else "no data"
    published = f"{imprint.published:%-d %B %Y}"
    cite = (f"“{title}”, war-toll-analysis report, published {published}, data version "
            f"{imprint.data_version} (data to {data_to}).")  # fmt: skip
    margins = (
        f"@page {{ margin: 16mm 12mm 16mm; "
        f"@top-left {{ content: {_css_text(title)}; font: 9pt sans-serif; color: #555; }} "
        f"@top-right {{ content: {_css_text('Published ' + published)}; font: 9pt sans-serif; color: #555; }} "
        f"@bottom-left {{ content: {_css_text(f'Data to {data_to} · data version {imprint.data_version}')}; "
        "font: 9pt sans-serif; color: #555; } "
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #555; } }'
    )  # fmt: skip
    return (
        f'<footer class="report-footer"><p><strong>Data to</strong> {escape.html(data_to)} · '
        f"<strong>Published</strong> {escape.html(published)} · <strong>Data version</strong> "
        f"{escape.html(imprint.data_version)}</p><p><strong>How to cite:</strong> {escape.html(cite)} "
        "Each figure names who stated it; cite that source beside this report. "
        f"{escape.html(CREDIT)} (CITATION.cff, LICENSE-DATA.md)</p></footer>"
        f"<style>{margins}</style>"
    )


def title_of(notebook: nbformat.NotebookNode, default: str) -> str:
    """The report's title: its first Markdown heading."""
    first = next((c.source for c in notebook.cells if c.cell_type == "markdown"), "")
    line = first.strip().splitlines()[0] if first.strip() else ""
    return line.lstrip("#").strip() or default


def render_html(executed: Path, target: Path, imprint: Imprint | None = None) -> None:
    """Render an executed notebook to a self-contained HTML report (with its footer)."""
    notebook = nbformat.read(executed, as_version=4)
    title = title_of(notebook, executed.stem)
    notebook.metadata["title"] = title  # the page's <title>: the report's heading, not a file name
    resources: dict[str, object] = {"metadata": {"name": executed.stem}}
    if imprint is not None:
        resources["report_footer"] = footer_html(title, imprint)
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    target.write_text(body, encoding="utf-8")


def find_chromium() -> str | None:
    """A headless-capable Chromium: $ANALYSIS_CHROMIUM or the first on PATH; None when none."""
    if env := os.environ.get(config.CHROMIUM):
        return env if shutil.which(env) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def chromium_flags(profile: Path) -> list[str]:
    """Flags for a quiet headless Chromium that talks to no other host by itself."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        f"--user-data-dir={profile}",
    ]


def print_pdf(chromium: str, html: Path, pdf: Path) -> None:
    """Print an HTML report to PDF with headless Chromium, without header and footer."""
    with tempfile.TemporaryDirectory(prefix="analysis-chromium-") as profile:
        command = [chromium, *chromium_flags(Path(profile)), "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", html.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT_S)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AnalysisError(f"{html.name}: Chromium did not write a PDF ({last})")
