"""The hand-curated ledger (data/raw/ledger/*.csv) → events, claims, totals and sources.

The format is documented in data/raw/ledger/README.md. Cells are parsed with `analysis.normalise`;
a cell that does not parse sends its row to quarantine with file, line, column and reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from analysis import evidence, schema
from analysis.errors import CellError
from analysis.ingest.adapters.base import (
    SourceResult,
    quarantine_rows,
    url_source_id,
)
from analysis.ingest.adapters.csvfile import read_records
from analysis.ingest.adapters.ledger_cells import (
    _cell,
    _date,
    _id,
    _parse,
    _qualifier,
    _signed_number,
    _urls,
)
from analysis.text import parse as normalise

EVENT_COLUMNS = (
    "id", "event_id", "stage", "date", "event_type", "received_by", "count", "qualifier",
    "status", "mediator", "claimant", "claimant_side", "source_urls", "agreement_id", "supersedes", "notes",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "claim_date", "as_of", "subject", "metric", "value", "value_high", "qualifier",
    "claimant", "claim_kind", "period", "source_urls", "supersedes", "notes",
)  # fmt: skip
TOTAL_COLUMNS = (
    "id", "as_of", "series", "value", "value_high", "qualifier", "claimant", "source_urls", "notes",
)  # fmt: skip
SOURCE_COLUMNS = ("url", "publisher", "title", "published", "tier", "notes")
CHECKED_COLUMNS = ("checked_on",)  # optional in events, claims and totals

FILES = {"events": "events.csv", "claims": "claims.csv", "totals": "totals.csv"}
SOURCES_FILE = "sources.csv"
NO_MEDIATOR = {"", "none", "unknown", "none/unknown"}


def _sourced(row: dict[str, str]) -> dict[str, Any]:
    """source_id / source_ids / checked_on columns of a row."""
    ids = [url_source_id(u) for u in _urls(row)]
    checked, precision = _date(row, "checked_on")
    if precision not in (None, "day"):
        raise CellError("checked_on", row.get("checked_on", ""), "checked_on must be a full day")
    return {
        "source_id": ids[0] if ids else None,
        "source_ids": " ".join(ids) or None,
        "checked_on": checked,
    }


Screen = Callable[[dict[str, str]], None]


def blocklist_screen(blocklist: dict[str, str], meta: dict[str, dict[str, Any]]) -> Screen:
    """A check raising CellError for a row citing a blocked domain or a URL marked blocked."""

    def screen(row: dict[str, str]) -> None:
        for url in (row.get("source_urls") or "").split():
            hit = evidence.blocked_by(url, blocklist)
            if hit:
                raise CellError("source_urls", url, f"{hit[0]} is on the blocklist ({hit[1]})")
            if meta.get(url, {}).get("tier") == "blocked":
                raise CellError("source_urls", url, "marked tier 'blocked' in sources.csv")

    return screen


def _claimant_side(row: dict[str, str]) -> str | None:
    """ukraine / russia (any spelling normalise knows), third_party, or None when blank."""
    text = _cell(row, "claimant_side")
    if text is None or text.lower().replace(" ", "_") == "third_party":
        return text and "third_party"
    return _parse(row, "claimant_side", normalise.parse_side)


def _event(row: dict[str, str]) -> dict[str, Any]:
    """One events row from one ledger line."""
    day, precision = _date(row, "date")
    count = _parse(row, "count", _signed_number)
    if count is not None and count != int(count):
        raise CellError("count", row["count"], "count must be a whole number")
    qualifier = _parse(row, "qualifier", _qualifier) or (
        "exact" if count is not None else "undisclosed"
    )
    mediator = _cell(row, "mediator")
    return {
        "figure_id": _id(row, "events"),
        "event_id": _cell(row, "event_id"),
        "stage": _cell(row, "stage"),
        "date": day,
        "date_precision": precision,
        "event_type": _cell(row, "event_type"),
        "received_by": _parse(row, "received_by", normalise.parse_side),
        "count": None if count is None else int(count),
        "qualifier": qualifier,
        "status": _cell(row, "status") or "completed",
        "mediator": None if (mediator or "").lower() in NO_MEDIATOR else mediator,
        "claimant": _cell(row, "claimant"),
        "claimant_side": _claimant_side(row),
        **_sourced(row),
        "agreement_id": _cell(row, "agreement_id"),
        "supersedes": _cell(row, "supersedes"),
        "notes": _cell(row, "notes"),
    }


def _claim(row: dict[str, str]) -> dict[str, Any]:
    """One claims row from one ledger line; a blank as_of means the claim date."""
    claim_date, claim_precision = _date(row, "claim_date")
    as_of, as_of_precision = _date(row, "as_of")
    value = _parse(row, "value", _signed_number)
    high = _parse(row, "value_high", _signed_number)
    qualifier = _parse(row, "qualifier", _qualifier) or "exact"
    return {
        "claim_id": _id(row, "claims"),
        "claim_date": claim_date,
        "claim_date_precision": claim_precision,
        "as_of": as_of or claim_date,
        "as_of_precision": as_of_precision or claim_precision,
        "subject": _cell(row, "subject"),
        "metric": _cell(row, "metric"),
        "value": value,
        "value_low": value if qualifier == "range" else None,
        "value_high": high,
        "qualifier": qualifier,
        "claimant": _cell(row, "claimant"),
        "claim_kind": _cell(row, "claim_kind"),
        "period": _cell(row, "period"),
        **_sourced(row),
        "supersedes": _cell(row, "supersedes"),
        "notes": _cell(row, "notes"),
    }


def _total(row: dict[str, str]) -> dict[str, Any]:
    """One totals row from one ledger line."""
    as_of, precision = _date(row, "as_of")
    return {
        "total_id": _id(row, "totals"),
        "as_of": as_of,
        "as_of_precision": precision,
        "series": _cell(row, "series"),
        "value": _parse(row, "value", _signed_number),
        "value_high": _parse(row, "value_high", _signed_number),
        "qualifier": _parse(row, "qualifier", _qualifier) or "exact",
        "claimant": _cell(row, "claimant"),
        **_sourced(row),
        "notes": _cell(row, "notes"),
    }


PARSERS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, str]], dict[str, Any]]]] = {
    "events": (EVENT_COLUMNS, _event),
    "claims": (CLAIM_COLUMNS, _claim),
    "totals": (TOTAL_COLUMNS, _total),
}


def read_table(
    path: Path, table: str, screen: Screen | None = None
) -> tuple[pl.DataFrame, list[dict[str, Any]], int, list]:
    """Parse one ledger file: (frame with _file/_line, quarantine dicts, rows read, cited URLs).

    `screen` may refuse a row (CellError), e.g. one citing a blocked domain. `evidence` is graded
    without source metadata here (single_outlet); read_ledger grades it from sources.csv.
    """
    columns, parser = PARSERS[table]
    name = str(path)
    rows, problems, urls = [], [], []
    read = 0
    for line, record, problem in read_records(path, required=columns, optional=CHECKED_COLUMNS):
        read += 1
        if problem:
            problems.append({"table": table, "file": name, "line": line,
                             "column": record.get("column"), "value": None, "reason": problem})  # fmt: skip
            continue
        urls += [(u, name, line) for u in (record.get("source_urls") or "").split()]
        try:
            parsed = parser(record)
            if screen is not None:
                screen(record)
        except CellError as exc:
            problems.append({"table": table, "file": name, "line": line, "column": exc.column,
                             "value": exc.value, "reason": f"{exc.column}: {exc.reason}",
                             "id": (record.get("id") or "").strip()})  # fmt: skip
            continue
        rows.append({**parsed, "_file": name, "_line": line})
    table_schema = {**schema.TABLES[table].polars_schema, "_file": pl.String(), "_line": pl.Int64()}
    frame = pl.DataFrame(rows, schema=table_schema) if rows else pl.DataFrame(schema=table_schema)
    if "is_current" in table_schema:  # set by analysis.corrections after validation
        frame = frame.with_columns(is_current=pl.lit(True))
    return _with_evidence(frame, {}), problems, read, urls


def _source_metadata(
    path: Path,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], int]:
    """sources.csv: url → publisher/title/published, with quarantine dicts and rows read."""
    meta: dict[str, dict[str, Any]] = {}
    problems: list[dict[str, Any]] = []
    read = 0
    if not path.exists():
        return meta, problems, read
    name = str(path)
    for line, record, problem in read_records(path, required=("url",), optional=SOURCE_COLUMNS[1:]):
        read += 1
        try:
            if problem:
                raise CellError(record.get("column") or "url", "", problem)
            published, _ = _date(record, "published")
            url = _cell(record, "url") or ""
            if not url.startswith(("https://", "http://")):
                raise CellError("url", url, "not an http(s) URL")
            text = {c: _cell(record, c) for c in ("publisher", "title", "tier")}
        except CellError as exc:
            problems.append({"table": "sources", "file": name, "line": line, "column": exc.column,
                             "value": exc.value, "reason": f"{exc.column}: {exc.reason}"})  # fmt: skip
            continue
        if url in meta:
            problems.append({"table": "sources", "file": name, "line": line, "column": "url",
                             "value": url, "reason": f"url: listed twice, first at line {meta[url]['_line']}"})  # fmt: skip
            continue
        meta[url] = {**text, "published": published, "_file": name, "_line": line}
    return meta, problems, read


def _sources_frame(
    urls: list[tuple[str, str, int]], meta: dict[str, dict[str, Any]]
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    """One sources row per distinct cited URL; sources.csv rows nobody cites go to quarantine."""
    seen: dict[str, dict[str, Any]] = {}
    for url, name, line in urls:
        sid = url_source_id(url)
        if sid in seen:
            continue
        extra = meta.get(url, {})
        seen[sid] = {
            "source_id": sid, "kind": "url", "url": url,
            "publisher": extra.get("publisher"), "title": extra.get("title"),
            "published": extra.get("published"), "tier": extra.get("tier"),
            "raw_path": None, "sha256": None,
            "_file": extra.get("_file", name), "_line": extra.get("_line", line),
        }  # fmt: skip
    cited = {u for u, _, _ in urls}
    unused = [
        {"table": "sources", "file": m["_file"], "line": m["_line"], "column": "url", "value": url,
         "reason": "url: not cited by any ledger row"}
        for url, m in meta.items() if url not in cited
    ]  # fmt: skip
    frame_schema = {**schema.SOURCES.polars_schema, "_file": pl.String(), "_line": pl.Int64()}
    return pl.DataFrame(list(seen.values()), schema=frame_schema), unused


def _read_blocklist(folder: Path, result: SourceResult) -> tuple[dict[str, str], list]:
    """The domain blocklist of the ledger folder (empty when absent), with quarantine dicts."""
    path = folder / evidence.BLOCKLIST_FILE
    if not path.exists():
        return {}, []
    name = str(path)
    records = list(read_records(path, required=evidence.BLOCKLIST_COLUMNS))
    blocklist, found = evidence.parse_blocklist(records)
    result.inputs.append(path)
    result.rows_read[name] = len(records)
    result.primary[name] = "sources"
    result.applied[name] = len(blocklist)
    problems = [
        {"table": "sources", "file": name, "line": line, "column": "domain", "value": value,
         "reason": reason}
        for line, value, reason in found
    ]  # fmt: skip
    return blocklist, problems


def _with_evidence(frame: pl.DataFrame, meta: dict[str, dict[str, Any]]) -> pl.DataFrame:
    """The frame with its derived evidence column, graded from the cited sources' metadata."""
    info = {
        url_source_id(url): evidence.SourceInfo(m.get("tier"), m.get("publisher"))
        for url, m in meta.items()
    }
    unknown = evidence.SourceInfo(None, None)
    grades = [
        evidence.grade(info.get(sid, unknown) for sid in (ids or "").split())
        for ids in frame["source_ids"].to_list()
    ]
    return frame.with_columns(evidence=pl.Series(grades, dtype=pl.String))


def read_ledger(folder: Path) -> SourceResult:
    """Read every ledger file in `folder` into a SourceResult."""
    result = SourceResult()
    meta_path = folder / SOURCES_FILE
    meta, problems, read = _source_metadata(meta_path)
    if meta_path.exists():
        result.inputs.append(meta_path)
        result.rows_read[str(meta_path)] = read
        result.primary[str(meta_path)] = "sources"
    blocklist, found = _read_blocklist(folder, result)
    problems += found
    screen = blocklist_screen(blocklist, meta)
    urls: list[tuple[str, str, int]] = []
    for table, filename in FILES.items():
        path = folder / filename
        frame, found, read, cited = read_table(path, table, screen)
        result.tables[table] = _with_evidence(frame, meta)
        result.inputs.append(path)
        result.rows_read[str(path)] = read
        result.primary[str(path)] = table
        problems += found
        urls += cited
    result.tables["sources"], unused = _sources_frame(urls, meta)
    for problem in problems:  # ids of rows quarantined here: a correction of them is too
        if problem.get("id"):
            place = (str(problem["file"]), problem["line"])
            result.held.setdefault(str(problem["table"]), {})[str(problem["id"])] = place
    result.quarantine = quarantine_rows(problems + unused)
    return result
