"""`analysis verify`: is each ledger row's figure still on the pages it cites?

For every current ledger row (or the ids asked for) each cited URL is fetched with fetch's rules
(HTTPS only, a size cap, a wall-clock deadline), kept as a snapshot under data/raw/archive/
(`<url key>/<UTC stamp>.txt` holding the page as served, decoded as UTF-8, plus `.json` with
url, sha256 of the bytes, size and retrieval time; files are created once and never rewritten),
and read by the extractor. A row is

* `confirmed` when a candidate of some cited page has its value and receiving side (events) or
  subject (claims),
* `not_found` when a page was read but no candidate has that figure,
* `page_gone` when every cited page answered 404 or 410,
* `not_fetched` otherwise (offline, too slow, too big, refused, not in the archive).

`--offline` reads the newest archived snapshot of each URL and fetches nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from analysis.config import MAX_PAGE_BYTES, PAGE_SECONDS, Paths
from analysis.errors import FetchError, InputError, UsageError
from analysis.ingest import fetch
from analysis.ingest.safecsv import write_csv
from analysis.text.extract import Candidate, extract
from analysis.text.review import current_rows

STATUSES = ("confirmed", "not_found", "page_gone", "not_fetched")  # best first
LIMITS = fetch.Limits(timeout=20.0, total_seconds=PAGE_SECONDS, max_bytes=MAX_PAGE_BYTES)
COLUMNS = ("id", "table", "status", "figure", "url", "detail")
_GONE_RE = re.compile(r"\bHTTP (?:404|410)\b")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Snapshot:
    """One archived copy of a page."""

    url: str
    text_path: Path
    sha256: str
    retrieved_at: str

    def text(self) -> str:
        """The page as served, decoded as UTF-8 (undecodable bytes replaced)."""
        return self.text_path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Page:
    """What one URL gave: a snapshot, or the status and reason it gave none."""

    url: str
    snapshot: Snapshot | None
    status: str = ""  # page_gone or not_fetched when there is no snapshot
    reason: str = ""


@dataclass(frozen=True)
class Outcome:
    """The verdict for one ledger row."""

    row_id: str
    table: str
    status: str
    figure: str
    url: str
    detail: str


def url_key(url: str) -> str:
    """The archive folder of a URL: its host and the first 16 hex digits of its sha256."""
    host = re.sub(r"[^A-Za-z0-9.-]", "_", urlsplit(url).hostname or "page")
    return f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def latest_snapshot(archive: Path, url: str) -> Snapshot | None:
    """The newest archived snapshot of `url`, None when there is none."""
    folder = archive / url_key(url)
    metas = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for meta_path in reversed(metas):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("url") == url:
            text = meta_path.with_suffix(".txt")
            return Snapshot(url, text, meta["sha256"], meta["retrieved_at"])
    return None


def _create(path: Path, data: str) -> None:
    """Write a new file; never overwrite one (archive files are not edited)."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(data)


def archive_page(url: str, archive: Path, limits: fetch.Limits, cafile: str | None) -> Snapshot:
    """Fetch `url` and add a snapshot to the archive. Raises FetchError."""
    folder = archive / url_key(url)
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".part-{os.getpid()}"
    sha, size = fetch.download(url, part, limits, cafile)
    now = dt.datetime.now(dt.UTC)
    stamp, suffix = now.strftime("%Y%m%dT%H%M%SZ"), 0
    while (folder / f"{stamp}{f'-{suffix}' if suffix else ''}.txt").exists():
        suffix += 1
    base = folder / f"{stamp}{f'-{suffix}' if suffix else ''}"
    text = part.read_bytes().decode("utf-8", errors="replace")
    part.unlink()
    retrieved = now.isoformat(timespec="seconds")
    _create(base.with_suffix(".txt"), text)
    meta = {"url": url, "sha256": sha, "bytes": size, "retrieved_at": retrieved}
    _create(base.with_suffix(".json"), json.dumps(meta, indent=2) + "\n")
    return Snapshot(url, base.with_suffix(".txt"), sha, retrieved)


def get_page(url: str, archive: Path, offline: bool, limits: fetch.Limits,
             cafile: str | None) -> Page:  # fmt: skip
    """The page of `url`: fetched and archived, or with `offline` the newest snapshot."""
    if offline:
        found = latest_snapshot(archive, url)
        return Page(url, found) if found else Page(url, None, "not_fetched", "not in the archive")
    try:
        return Page(url, archive_page(url, archive, limits, cafile))
    except FetchError as exc:
        status = "page_gone" if _GONE_RE.search(str(exc)) else "not_fetched"
        return Page(url, None, status, str(exc))


def _row_date(row: dict[str, str]) -> dt.date | None:
    """The row's own day, used as the article date when a page gives none."""
    text = (row.get("date") or row.get("claim_date") or "").lstrip("~")
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def figure_of(table: str, row: dict[str, str]) -> tuple[str, str]:
    """(side or subject, value) of a ledger row: what verification looks for."""
    if table == "events":
        return row["received_by"], row["count"]
    return row["subject"], row["value"]


def _candidate_figure(candidate: Candidate) -> tuple[str, str]:
    """(side or subject, value) of a candidate."""
    return figure_of(candidate.table, candidate.row)


def candidates_of(snapshot: Snapshot, row: dict[str, str]) -> list[Candidate]:
    """The extractor's candidates for a page; its date falls back to the row's own day."""
    text = snapshot.text()
    try:
        return extract(text, url=snapshot.url)
    except InputError:
        day = _row_date(row)
        return extract(text, day, snapshot.url) if day else []


def judge(table: str, row: dict[str, str], pages: list[Page]) -> Outcome:
    """The verdict for one row from the pages it cites (the best status of any page)."""
    wanted = figure_of(table, row)
    label = " ".join(wanted)
    verdicts: list[tuple[str, str, str]] = []
    for page in pages:
        if page.snapshot is None:
            verdicts.append((page.status, page.url, page.reason))
            continue
        found = [c for c in candidates_of(page.snapshot, row) if c.table == table]
        if any(_candidate_figure(c) == wanted for c in found):
            verdicts.append(("confirmed", page.url, f"snapshot {page.snapshot.sha256[:12]}"))
        else:
            seen = ", ".join(sorted({" ".join(_candidate_figure(c)) for c in found})) or "none"
            verdicts.append(("not_found", page.url, f"figures on the page: {seen}"))
    if not verdicts:
        return Outcome(row["id"], table, "not_fetched", label, "", "the row cites no URL")
    status, url, detail = min(verdicts, key=lambda v: STATUSES.index(v[0]))
    return Outcome(row["id"], table, status, label, url, detail)


def ledger_rows(paths: Paths, ids: list[str]) -> list[tuple[str, dict[str, str]]]:
    """(table, row) of the current ledger rows with a figure, all or those in `ids`."""
    rows = [(t, r) for t in ("events", "claims") for r in current_rows(paths, t)]
    if ids:
        unknown = sorted(set(ids) - {r["id"] for _, r in rows})
        if unknown:
            raise UsageError(f"no current ledger row with id {', '.join(unknown)}")
        rows = [(t, r) for t, r in rows if r["id"] in ids]
    return [(t, r) for t, r in rows if figure_of(t, r)[1]]


def verify(paths: Paths, ids: list[str] | None = None, offline: bool = False,
           limits: fetch.Limits = LIMITS, cafile: str | None = None,
           progress: Progress = lambda _: None) -> list[Outcome]:  # fmt: skip
    """Verify ledger rows against their cited pages; each URL is fetched once per run."""
    archive = paths.raw / "archive"
    pages: dict[str, Page] = {}
    outcomes = []
    rows = ledger_rows(paths, ids or [])
    for number, (table, row) in enumerate(rows, 1):
        progress(f"[{number}/{len(rows)}] {row['id']}")
        for url in row.get("source_urls", "").split():
            if url not in pages:
                pages[url] = get_page(url, archive, offline, limits, cafile)
        cited = [pages[u] for u in row.get("source_urls", "").split()]
        outcomes.append(judge(table, row, cited))
    return outcomes


def write_outcomes(outcomes: list[Outcome], path: Path) -> Path:
    """The verdicts as CSV (text cells that could run as formulas are defused)."""
    cells = [(o.row_id, o.table, o.status, o.figure, o.url, o.detail) for o in outcomes]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(pl.DataFrame(cells, schema=list(COLUMNS), orient="row"), path)
    return path
