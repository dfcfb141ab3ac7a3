"""Batch triage: extract candidates from many articles and match each against the ledger.

A candidate is `known` when a current ledger row holds the same figure (events: the same event,
receiving side and count; claims: the same statement and value), `conflict` when a row holds
the same event and side (or the same claimant's statement) with another count or qualifier,
else `new`. The table names the row: "known E0123", "conflict E0012 (1212 exact)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis.config import MAX_ARTICLE_BYTES
from analysis.errors import InputError
from analysis.ingest.adapters.csvfile import read_text
from analysis.ingest.safecsv import write_csv
from analysis.text.extract import Candidate, extract

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = MAX_ARTICLE_BYTES  # one article; larger inputs are refused, not truncated
DAY_SLACK = 1  # days an approximate date ('~2025-06-11') may differ from the ledger's
COLUMNS = ("file", "status", "ledger_id", "table", "date", "what", "side_subject", "value",
           "qualifier", "claimant", "confidence", "sentence")  # fmt: skip
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Match:
    """How a candidate stands against the ledger: status and the rows it matched."""

    status: str  # known, conflict or new
    ids: tuple[str, ...] = ()
    detail: str = ""

    @property
    def label(self) -> str:
        """'known E0012', 'conflict E0012 (1212 exact)', 'new'."""
        if self.status == "new":
            return "new"
        return f"{self.status} {', '.join(self.ids)}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Triaged:
    """One candidate of one input file with its match."""

    path: Path
    candidate: Candidate
    match: Match


def input_files(paths: list[Path]) -> list[Path]:
    """The article files named: files as given, folders searched for text, Markdown and HTML."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return found


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of one article, refused when larger than `max_bytes`, empty, not a regular file
    or not UTF-8 (the shared strict reader: UTF-16 is named as such)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(path, f"{size:,} bytes exceeds the cap of {max_bytes:,} (--max-bytes)")
    return read_text(path, empty="expected the text of an article", limit=max_bytes)


def _day(text: str) -> dt.date | None:
    """The day of a ledger date ('~2025-06-11' → 2025-06-11), None for months and years."""
    try:
        return dt.date.fromisoformat(text.strip().lstrip("~"))
    except ValueError:
        return None


def same_date(candidate: str, ledger: str) -> bool:
    """Whether two ledger dates can name the same day: equal, one the other's month, or
    approximate ones at most DAY_SLACK days apart."""
    a, b = candidate.strip().lstrip("~"), ledger.strip().lstrip("~")
    if a == b or (len(a) < len(b) and b.startswith(a)) or (len(b) < len(a) and a.startswith(b)):
        return True
    approximate = candidate.startswith("~") or ledger.startswith("~")
    day_a, day_b = _day(a), _day(b)
    return bool(approximate and day_a and day_b and abs((day_a - day_b).days) <= DAY_SLACK)


def _figure(row: dict[str, str], table: str) -> tuple[str, ...]:
    """The stated figure of a row: count/value, value_high and qualifier."""
    if table == "events":
        return (row.get("count", ""), row.get("qualifier", "") or "exact")
    return (row.get("value", ""), row.get("value_high", ""), row.get("qualifier", "") or "exact")


def _first_claimant(row: dict[str, str]) -> str:
    """The first claimant named in a row ('Coordination HQ; Saraliyev' → 'Coordination HQ')."""
    return (row.get("claimant") or "").split(";")[0].strip().casefold()


def match(candidate: Candidate, rows: list[dict[str, str]]) -> Match:
    """`candidate` against the current ledger rows of its table."""
    r, table = candidate.row, candidate.table
    if table == "events":
        same = [x for x in rows if x["event_type"] == r["event_type"]
                and x["received_by"] == r["received_by"] and x.get("status") == r["status"]
                and same_date(r["date"], x["date"])]  # fmt: skip
    else:
        same = [x for x in rows if x["subject"] == r["subject"] and x["metric"] == r["metric"]
                and same_date(r["claim_date"], x["claim_date"])]  # fmt: skip
    known = [x["id"] for x in same if _figure(x, table) == _figure(r, table)]
    if known:
        return Match("known", tuple(known))
    if table == "claims":  # another claimant's statement is another claim, not a conflict
        same = [x for x in same if _first_claimant(x) == _first_claimant(r)]
    if same:
        detail = "; ".join(" ".join(v for v in _figure(x, table) if v) for x in same)
        return Match("conflict", tuple(x["id"] for x in same), detail)
    return Match("new")


def triage(files: list[Path], ledger: dict[str, list[dict[str, str]]],
           article_date: dt.date | None = None, url: str | None = None,
           max_bytes: int = MAX_BYTES, progress: Progress = lambda _: None) -> Iterator[Triaged]:  # fmt: skip
    """Candidates of every file with their match against `ledger` ({table: current rows})."""
    for number, path in enumerate(files, 1):
        progress(f"[{number}/{len(files)}] {path}")
        text = read_article(path, max_bytes)
        try:
            candidates = extract(text, article_date, url)
        except InputError as exc:
            raise InputError(path, exc.problem) from None
        for candidate in candidates:
            yield Triaged(path, candidate, match(candidate, ledger[candidate.table]))


def row_cells(item: Triaged) -> tuple[str, ...]:
    """One triage table row (COLUMNS)."""
    r, c = item.candidate.row, item.candidate
    if c.table == "events":
        what, side, value, day = r["event_type"], r["received_by"], r["count"], r["date"]
    else:
        what, side, day = r["metric"], r["subject"], r["claim_date"]
        value = f"{r['value']}-{r['value_high']}" if r["value_high"] else r["value"]
    return (str(item.path), item.match.status, ", ".join(item.match.ids), c.table, day, what,
            side, value, r["qualifier"], r["claimant"], f"{c.confidence:.2f}", c.sentence)  # fmt: skip


def write_triage(items: list[Triaged], path: Path) -> Path:
    """Write the triage table as CSV (text cells that could run as formulas are defused)."""
    frame = pl.DataFrame([row_cells(i) for i in items], schema=list(COLUMNS), orient="row")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(frame, path)
    return path
