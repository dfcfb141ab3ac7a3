"""Every point sourced: tooltips (`<title>`) and links to the source page on each drawn point or
bar of an SVG, and the SVG wrapped in a standalone HTML page for embedding, with the data table.

Text from the data is escaped by the XML writer (ElementTree) and by `escape.html`, hidden
characters shown (`escape.svg`): it never becomes markup. Links open only http(s) URLs
(`escape.url`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl

from analysis import escape
from analysis.charts.chart import Chart
from analysis.charts.finalise import source_line
from analysis.charts.i18n import t, using

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
NAMESPACES = {
    "": SVG, "xlink": XLINK, "dc": "http://purl.org/dc/elements/1.1/",
    "cc": "http://creativecommons.org/ns#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}  # fmt: skip
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address with a host, else None (escape.url: no javascript:
    or data: links)."""
    return escape.url(url)


def tooltip(row: dict[str, object]) -> str:
    """A point's tooltip: when, the value with its qualifier, who said it, the source."""
    text = t("tip.point", when=row["when"], value=row["value"], who=row["who"] or "?")
    return f"{text}\n{row['source']}" if row.get("source") else text


def annotate_svg(path: Path, chart: Chart) -> int:
    """Give every drawn point of `chart` in the SVG at `path` its tooltip and a link to its
    source page; returns how many points were annotated."""
    if chart.points is None or not chart.points.height:
        return 0
    tree = ET.parse(path)
    parents = {child: parent for parent in tree.iter() for child in parent}
    found = {el.get("id"): el for el in tree.iter(f"{{{SVG}}}g") if el.get("id")}
    done = 0
    with using(chart.lang):
        for row in chart.points.iter_rows(named=True):
            element = found.get(row["gid"])
            if element is None:
                continue
            title = ET.Element(f"{{{SVG}}}title")
            title.text = escape.svg(tooltip(row))
            element.insert(0, title)
            url = _safe_url(row["url"])
            if url:
                parent = parents[element]
                link = ET.Element(f"{{{SVG}}}a", {f"{{{XLINK}}}href": url, "href": url,
                                                  "target": "_blank", "rel": "noopener"})  # fmt: skip
                parent.insert(list(parent).index(element), link)
                parent.remove(element)
                link.append(element)
            done += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return done


def _table(chart: Chart) -> str:
    """The points as an HTML table, each linked to its source page."""
    heads = [t(f"column.{c}") for c in ("date", "value", "claimant", "source")]
    rows = []
    for row in (chart.points if chart.points is not None else pl.DataFrame()).iter_rows(named=True):
        url, source = _safe_url(row["url"]), escape.html(row["source"] or row["url"] or "")
        cell = f'<a href="{escape.html(url)}">{source or escape.html(url)}</a>' if url else source
        rows.append(f"<tr><td>{escape.html(row['when'] or '')}</td><td>{escape.html(row['value'] or '')}"
                    f"</td><td>{escape.html(row['who'] or '')}</td><td>{cell}</td></tr>")  # fmt: skip
    head = "".join(f"<th>{escape.html(h)}</th>" for h in heads)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:'DejaVu Sans',sans-serif;max-width:60rem;margin:1rem auto;color:#222}}
figure{{margin:0}} svg{{max-width:100%;height:auto}} table{{border-collapse:collapse;font-size:.85rem}}
td,th{{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #ddd}}</style></head>
<body><figure>{svg}<figcaption>{alt}</figcaption></figure>
<h2>{data}</h2>{table}<p>{source}</p></body></html>
"""


def html_page(svg_path: Path, chart: Chart, alt: str, out: Path) -> Path:
    """A standalone page embedding the annotated SVG inline, its alt text and the linked data."""
    svg = svg_path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg"):]  # inline: no XML declaration or doctype
    with using(chart.lang):
        out.write_text(PAGE.format(
            lang=chart.lang, title=escape.html(chart.title), svg=svg, alt=escape.html(alt),
            data=escape.html(t("page.data")), table=_table(chart),
            source=escape.html(source_line(chart.sources)),
        ), encoding="utf-8")  # fmt: skip
    return out
