"""Export a chart as SVG, PDF and PNG with embedded metadata, plus its data (CSV) and alt text.

Fonts: PDFs embed DejaVu Sans as TrueType (Type 42), so text stays selectable and editable.
SVGs keep text as text (`svg.fonttype: none`) with `font-family: DejaVu Sans, sans-serif`: the
files stay small, searchable, accessible and editable in Illustrator or Inkscape; a viewer without
DejaVu Sans substitutes a similar sans-serif. Output is byte-stable: fixed `svg.hashsalt`, no PDF
creation date, and the SVG date is the chart's as-of date.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import matplotlib as mpl

from analysis import escape
from analysis.charts import datawrapper, web
from analysis.charts.chart import Chart
from analysis.charts.describe import alt_text
from analysis.charts.finalise import source_line
from analysis.charts.i18n import using
from analysis.charts.presets import LOGICAL_DPI, Preset, get_preset
from analysis.charts.style import house_style
from analysis.files import safe_name
from analysis.ingest import safecsv

FORMATS = ("svg", "pdf", "png")  # images
DATA_FORMATS = ("csv", "datawrapper", "html")  # the csv and alt text are always written
DISTRIBUTION = "war-toll-analysis"


def package_version() -> str:
    """The installed version of the package."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def creator() -> str:
    """The creator string written into every file."""
    return f"{DISTRIBUTION} {package_version()} (matplotlib {mpl.__version__})"


def metadata(chart: Chart, fmt: str) -> dict[str, object]:
    """The metadata embedded in a file of format `fmt`: title, source, as-of date, version
    (data text in it made plain: escape.svg)."""
    return {k: _plain(v) for k, v in _metadata(chart, fmt).items()}


def _plain(value: object) -> object:
    """A metadata value with every string through escape.svg."""
    if isinstance(value, str):
        return escape.svg(value)
    if isinstance(value, list):
        return [escape.svg(v) for v in value]
    return value


def _metadata(chart: Chart, fmt: str) -> dict[str, object]:
    """The metadata of format `fmt`, as composed."""
    source = source_line(chart.sources)
    as_of = chart.as_of.isoformat() if chart.as_of else "unknown"
    keywords = f"{source}; as of {as_of}; {creator()}"
    if fmt == "pdf":
        return {"Title": chart.title, "Subject": chart.subtitle, "Keywords": keywords,
                "Creator": creator(), "Author": None, "CreationDate": None}  # fmt: skip
    if fmt == "svg":
        return {"Title": chart.title, "Description": chart.subtitle, "Source": source,
                "Date": as_of, "Creator": creator(), "Keywords": [source, f"as of {as_of}"]}  # fmt: skip
    return {"Title": chart.title, "Description": chart.subtitle, "Source": source,
            "As of": as_of, "Software": creator()}  # fmt: skip


def export(
    chart: Chart,
    name: str,
    out: Path | str = ".",
    formats: Sequence[str] = FORMATS,
    preset: str | Preset | None = None,
) -> dict[str, Path]:
    """Write `<name>.<fmt>` for each format, `<name>.csv` (plotted data) and `<name>.alt.txt`;
    "datawrapper" adds the wide CSV and its JSON sidecar, "html" a page around the SVG. SVGs
    carry a tooltip and a source link on every drawn point.

    With a `preset` other than the chart's, the chart is redrawn at that preset first.
    Returns the written paths by format (csv and alt included).
    """
    unknown = sorted(set(formats) - set(FORMATS) - set(DATA_FORMATS))
    if unknown:
        raise ValueError(
            f"unknown format(s) {', '.join(unknown)}; formats are "
            f"{', '.join(FORMATS + DATA_FORMATS)}"
        )
    safe_name(name, "chart name")
    if preset is not None:
        chart = chart.at(get_preset(preset))
    with using(chart.lang):
        return _write(chart, name, Path(out), formats)


def _write(chart: Chart, name: str, folder: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Write the files of `export` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    images = [f for f in FORMATS if f in formats or (f == "svg" and "html" in formats)]
    with house_style(chart.preset.font_scale):
        for fmt in images:
            path = folder / f"{name}.{fmt}"
            dpi = chart.preset.raster_dpi if fmt == "png" else LOGICAL_DPI
            chart.fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata(chart, fmt))
            written[fmt] = path
    if "svg" in written:
        web.annotate_svg(written["svg"], chart)
    written["csv"] = folder / f"{name}.csv"
    safecsv.write_csv(chart.data, written["csv"])
    written["alt"] = folder / f"{name}.alt.txt"
    alt = alt_text(chart)
    written["alt"].write_text(alt + "\n", encoding="utf-8")
    if "datawrapper" in formats:
        written |= datawrapper.write(chart, folder, name)
    if "html" in formats:
        written["html"] = web.html_page(written["svg"], chart, alt, folder / f"{name}.html")
    return written
