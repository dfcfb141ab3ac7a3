"""A chart pack: the standard charts of a period in one multi-page PDF, for editors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages

from analysis.charts.chart import Chart
from analysis.charts.export import creator
from analysis.charts.finalise import source_line
from analysis.charts.presets import Preset, get_preset
from analysis.charts.style import house_style


def chart_pack(
    charts: Sequence[Chart],
    path: Path | str,
    *,
    title: str = "War toll chart pack",
    as_of: dt.date | None = None,
    preset: str | Preset | None = None,
) -> Path:
    """Write one page per chart (redrawn at `preset` when given) to a PDF with metadata set."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = [c.at(get_preset(preset)) if preset is not None else c for c in charts]
    as_of = as_of or max((c.as_of for c in pages if c.as_of), default=None)
    names = tuple(dict.fromkeys(n for c in pages for n in c.sources))
    info = {
        "Title": title,
        "Subject": "; ".join(c.title for c in pages),
        "Keywords": f"{source_line(names)}; as of {as_of.isoformat() if as_of else 'unknown'}; {creator()}",
        "Creator": creator(),
        "CreationDate": None,
    }
    with PdfPages(path, metadata=info) as pdf:
        for chart in pages:
            with house_style(chart.preset.font_scale):
                pdf.savefig(chart.fig)
    return path
