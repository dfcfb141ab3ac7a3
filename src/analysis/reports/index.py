"""The index of a report run: index.html for readers (self-contained, no scripts) and index.json."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from itertools import groupby
from pathlib import Path

from analysis.escape import html as escape
from analysis.reports.model import RunResult

STYLE = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       max-width: 68rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ddd;
         overflow-wrap: break-word; }
td code { overflow-wrap: anywhere; }
@media (max-width: 640px) { body { font-size: 14px; padding: 0 .4rem; }
  th, td { padding: .2rem; overflow-wrap: anywhere; } }  /* a phone: no sideways scroll */
th { font-weight: 600; background: #f4f4f4; }
code { font-size: .85em; }
.ok { color: #1a7f37; font-weight: 600; }
.failed { color: #b42318; font-weight: 600; }
.note { background: #fff8e1; padding: .5rem .8rem; border-left: 4px solid #f0b400; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; }
dd, code { overflow-wrap: anywhere; }
dd { margin: 0; }
dt { font-weight: 600; }
"""


def _value(value: object) -> str:
    """A parameter value as shown in the index."""
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return "(none)" if value is None else str(value)


def _parameters(values: dict[str, object]) -> str:
    """Parameters as a compact HTML list (the chart folder is not shown: it is this run's charts/)."""
    shown = {k: v for k, v in values.items() if k != "output_dir"}
    return "<br>".join(f"<code>{escape(k)}</code> = {escape(_value(v))}" for k, v in shown.items())


def _links(files: dict[str, str]) -> str:
    """Links to a report's HTML, PDF and executed notebook."""
    labels = {"html": "report", "pdf": "PDF", "ipynb": "executed notebook"}
    return " · ".join(
        f'<a href="{escape(files[kind])}">{labels[kind]}</a>' for kind in labels if kind in files
    )


def _charts(folder: Path) -> str:
    """A table of the exported charts: one row per chart, a link per file and its alt text."""
    charts = folder / "charts"
    files = sorted(p for p in charts.iterdir() if p.is_file()) if charts.is_dir() else []
    if not files:
        return "<p>No charts were exported.</p>"
    rows = []
    for stem, group in groupby(files, key=lambda p: p.name.split(".")[0]):
        group = list(group)
        alt = next((p.read_text().strip() for p in group if p.name.endswith(".alt.txt")), "")
        links = " · ".join(
            f'<a href="charts/{escape(p.name)}">{escape(p.name.split(".", 1)[1])}</a>'
            for p in group
        )
        rows.append(f"<tr><td>{escape(str(stem))}</td><td>{links}</td><td>{escape(alt)}</td></tr>")
    return ("<table><tr><th>chart</th><th>files</th><th>alt text</th></tr>"
            + "".join(rows) + "</table>")  # fmt: skip


def render(result: RunResult, folder: Path) -> str:
    """index.html for a run."""
    rows = "".join(
        f"<tr><td>{escape(o.name)}</td><td class='{o.status}'>{o.status}</td>"
        f"<td>{_parameters(o.parameters)}</td><td>{o.seconds:.1f} s</td>"
        f"<td>{_links(o.files)}</td><td>{escape(o.error or '')}</td></tr>"
        for o in result.outcomes
    )
    newest = ", ".join(f"{k} {v or '—'}" for k, v in result.newest_data.items())
    notes = "".join(f"<p class='note'>{escape(n)}</p>" for n in result.notes)
    pack = (f'<a href="{escape(result.chart_pack)}">{escape(result.chart_pack)}</a>'
            if result.chart_pack else "not produced")  # fmt: skip
    failed = sum(o.status != "ok" for o in result.outcomes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Reports as of {result.as_of}</title><style>{STYLE}</style></head>
<body><main>
<h1>Reports as of {result.as_of}</h1>
{notes}
<dl>
<dt>status</dt><dd>{len(result.outcomes) - failed} ok, {failed} failed</dd>
<dt>period</dt><dd>{escape(result.period)}</dd>
<dt>data</dt><dd>manifest checksum <code>{escape(result.fingerprint)}</code></dd>
<dt>newest data</dt><dd>{escape(newest)}</dd>
<dt>run time</dt><dd>{result.seconds:.1f} s, finished {dt.datetime.now().isoformat(timespec="seconds")}</dd>
<dt>chart pack</dt><dd>{pack}</dd>
</dl>
<h2>Reports</h2>
<table><tr><th>report</th><th>status</th><th>parameters</th><th>run time</th><th>files</th><th>error</th></tr>
{rows}</table>
<h2>Charts</h2>
{_charts(folder)}
</main></body></html>
"""


def write_index(folder: Path, result: RunResult) -> None:
    """Write index.html and index.json (the same facts, for scripts) into the run folder."""
    (folder / "index.html").write_text(render(result, folder), encoding="utf-8")
    facts = {
        "as_of": result.as_of.isoformat(),
        "period": result.period,
        "fingerprint": result.fingerprint,
        "newest_data": {k: v and v.isoformat() for k, v in result.newest_data.items()},
        "seconds": result.seconds,
        "exit_code": int(result.exit_code),
        "chart_pack": result.chart_pack,
        "chart_pack_error": result.chart_pack_error,
        "notes": result.notes,
        "reports": [asdict(o) for o in result.outcomes],
    }
    (folder / "index.json").write_text(json.dumps(facts, indent=2, default=str) + "\n")
