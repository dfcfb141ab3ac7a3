"""Frames as tables for readers (great_tables): human column labels, numbers with their
qualifiers (≥, ~, ≤, ranges), dates in words, the publisher linked to the source page, a dash
with a footnote for a missing value, no internal ids, long text wrapped.

Every cell is text from the data: it is escaped here, and only the links built here are markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html import unescape
from pathlib import PurePath
from urllib.parse import urlparse

import polars as pl

from analysis import escape as esc
from analysis import wording
from analysis.reports.labels import (
    SERIES_LABELS,
    STATUS_LABELS,
    code_label,
    column_label,
    side_label,
)

MISSING = "—"
MISSING_NOTE = "— no figure or detail given in the source."
HIDDEN = ("event_id", "figure_id", "claim_id", "total_id", "source_id", "source_ids",
          "agreement_id", "supersedes", "raw_path", "sha256", "is_current", "publisher",
          "output_dir")  # fmt: skip
BLANK_WHEN_NULL = ("flag", "age")  # a null here means "nothing to note", not a missing figure
QUALIFIED = {  # a number column -> the column holding its qualifier and the one its upper bound
    "count": ("qualifier", None),
    "value": ("qualifier", "value_high"),
    "published": ("qualifier", "value_high"),
    "claim_value": ("claim_qualifier", None),
    "independent_value": ("independent_qualifier", None),
}
CODE_COLUMNS = {
    "event_type": wording.event_type_label,
    "received_by": side_label,
    "subject": code_label,
    "metric": code_label,
    "claim_kind": wording.kind_label,
    "status": lambda v: STATUS_LABELS.get(v, code_label(v)),
    "flag": lambda v: STATUS_LABELS.get(v, code_label(v)),
    "series": lambda v: SERIES_LABELS.get(v, code_label(v)),
    "source": wording.source_label,
    "independent_source": wording.source_label,
    "claimant_side": side_label,
    "qualifier": lambda v: wording.QUALIFIER_WORDS.get(v, code_label(v)),
    "kind": wording.kind_label,
    "date_precision": code_label,
    "evidence": code_label,  # single_outlet → Single outlet (free text stays as it is)
    "scope": lambda v: wording.EVENT_TYPE_LABELS.get(v) or wording.source_label(v),
    "file": lambda v: PurePath(v).name,  # a quarantined row's file, without the machine's path
}


def host(url: str) -> str:
    """The host of a URL without www."""
    return (urlparse(url).hostname or url).removeprefix("www.")


def link(url: str | None, text: str | None = None) -> str | None:
    """An escaped link to an http(s) page, its text the publisher (else the host); other
    addresses are shown as text, never linked."""
    if not url:
        return None
    shown = esc.html(text or host(url))
    target = esc.url(url)  # http(s) with a host, else None: never javascript: or data:
    return f'<a href="{esc.html(target)}">{shown}</a>' if target else shown


def number(value: float | None, qualifier: str | None = None, high: float | None = None) -> str | None:
    """A number with its qualifier: ≥7,982 · ~350,000 · 275,000–325,000 · 1,245; None if missing."""
    if value is None:
        return None
    if qualifier == "undisclosed":
        return "undisclosed"
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.2f}"
    if high is not None and high != value:
        return f"{text}–{high:,.0f}"
    return wording.QUALIFIER_MARKS.get(qualifier or "exact", "") + text


def _qualified(row: dict[str, object], column: str, qualifier: str, high: str | None) -> str | None:
    """A row's number with its qualifier; a range from its low (else the value) to its high."""
    value = row[column]
    if row[qualifier] == "range" and row.get("value_low") is not None:
        value = row["value_low"]
    upper = row.get(high) if high and row[qualifier] == "range" else None
    return number(value, row[qualifier], upper)  # type: ignore[arg-type]


def _cell(column: str, value: object) -> str | None:
    """One cell as reader text (not yet escaped): dates in words, codes as words, numbers grouped."""
    if value is None:
        return "" if column in BLANK_WHEN_NULL else None
    if isinstance(value, dt.date):
        return wording.day(value, short=True)
    if column in CODE_COLUMNS and isinstance(value, str):
        return CODE_COLUMNS[column](value)
    if column.endswith("_pct") and isinstance(value, float):
        return f"{value:,.1f}%"
    if column in ("ratio", "share") and isinstance(value, float):
        return f"{value:,.1f}" if column == "ratio" else f"{value:.0%}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    return str(value)


def readable(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """The frame as reader text: qualified numbers merged, links built, ids dropped; also the
    names of the columns that hold markup (the links) and need no further escaping."""
    rows = frame.to_dicts()
    columns: dict[str, list[str | None]] = {}
    merged = {q for c, (q, h) in QUALIFIED.items() if c in frame.columns for q in (q, h) if q}
    merged |= {"value_low"} if "value_high" in merged else set()
    for column in frame.columns:
        if column in HIDDEN or column in merged or column == "url":
            continue
        qualifier, high = QUALIFIED.get(column, (None, None))
        if qualifier in frame.columns:
            columns[column] = [_qualified(r, column, qualifier, high) for r in rows]
        else:
            columns[column] = [_cell(column, r[column]) for r in rows]
    if "url" in frame.columns:
        columns["source"] = [link(r["url"], r.get("publisher") or r.get("source")) for r in rows]
    out = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    return out, (["source"] if "url" in frame.columns else [])


def table_html(frame: pl.DataFrame, note: str | None = None, title: str | None = None) -> str:
    """A frame as a reader's HTML table (great_tables), with a footnote for the dash when used."""
    from great_tables import GT  # imported here: only notebooks that show a table pay for it

    shown, markup = readable(frame)
    escaped = [c for c in shown.columns if c not in markup]
    shown = shown.with_columns(pl.col(c).map_elements(esc.html, return_dtype=pl.String) for c in escaped)
    labels = {c: column_label(c) for c in shown.columns}
    numeric = [c for c in shown.columns if c in QUALIFIED or frame.schema.get(c, pl.String).is_numeric()]
    digest = hashlib.sha256(shown.write_csv().encode()).hexdigest()[:10]
    table = (
        GT(shown).with_id(f"t{digest}").cols_label(**labels)
        .fmt(columns=shown.columns, fns=lambda v: v)  # escaped above: shown as it is
        .sub_missing(missing_text=MISSING).cols_align("left")
    )  # fmt: skip
    if numeric:
        table = table.cols_align("right", columns=numeric)
    if title:
        table = table.tab_header(title=title)  # great_tables escapes it
    has_missing = any(shown[c].null_count() for c in shown.columns)
    for text in ([note] if note else []) + ([MISSING_NOTE] if has_missing else []):
        table = table.tab_source_note(text)  # great_tables escapes it
    return _with_labels(table.as_raw_html(), labels, f"t{digest}-")


def _with_labels(html: str, labels: dict[str, str], prefix: str) -> str:
    """Each body cell carrying its column's label (data-label), so a phone shows rows as cards."""

    def label(match: re.Match[str]) -> str:
        column = unescape(match.group(2)).removeprefix(prefix)
        text = esc.html(labels.get(column, column))
        return f'<td {match.group(1)}headers="{match.group(2)}" data-label="{text}"'

    return re.sub(r'<td ([^>]*?)headers="([^"]*)"', label, html)


def cited_ids(cited: pl.DataFrame | list[str]) -> list[str]:
    """The source ids a frame cites (its space-separated source_ids, else source_id), in order."""
    if isinstance(cited, list):
        return list(dict.fromkeys(cited))
    column = "source_ids" if "source_ids" in cited.columns else "source_id"
    if column not in cited.columns:
        return []
    ids = (i for cell in cited[column].drop_nulls().to_list() for i in str(cell).split())
    return list(dict.fromkeys(ids))


def source_links(
    cited: list[pl.DataFrame | list[str]], sources: pl.DataFrame, limit: int = 200
) -> str:
    """"Sources (N): a · b · …" as escaped links; empty when nothing is cited."""
    ids = list(dict.fromkeys(i for each in cited for i in cited_ids(each)))
    order = pl.DataFrame({"source_id": ids, "_order": range(len(ids))},
                         schema={"source_id": pl.String, "_order": pl.Int64})  # fmt: skip
    rows = order.join(sources, on="source_id", how="inner").sort("_order").filter(pl.col("url").is_not_null())
    by_name: dict[str, list[str]] = {}
    for row in rows.head(limit).iter_rows(named=True):
        by_name.setdefault(row["publisher"] or host(row["url"]), []).append(row["url"])
    if not by_name:
        return ""
    items = [link(urls[0], name) if len(urls) == 1 else esc.html(name) + " " + " ".join(
        str(link(url, str(i))) for i, url in enumerate(urls, start=1)) for name, urls in by_name.items()]  # fmt: skip
    more = f" and {rows.height - limit:,} more" if rows.height > limit else ""
    return (f'<p class="report-sources"><strong>Sources ({rows.height:,}):</strong> '
            + " · ".join(str(i) for i in items) + f"{more}</p>")  # fmt: skip
