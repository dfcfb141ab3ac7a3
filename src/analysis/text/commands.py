"""What `analysis extract` and `analysis verify` do, apart from their option declarations.

The CLI module only parses options and calls these; output goes to the consoles it passes, and
every cell that comes from an article or the ledger is shown as plain text, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analysis import escape
from analysis.config import Paths
from analysis.errors import UsageError
from analysis.ingest import fetch
from analysis.text import extract as extract_mod
from analysis.text import review as review_mod
from analysis.text import triage as triage_mod
from analysis.text import verify as verify_mod

Ask = Callable[[str], str]


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """A borderless terminal table whose cells are plain text."""
    view = Table(box=None)
    for number, header in enumerate(headers):
        view.add_column(header, overflow="fold", no_wrap=number == 0)
    for row in rows:
        view.add_row(*(Text(escape.terminal(cell)) for cell in row))
    return view


def _stdin_candidates(date: dt.date | None, url: str | None) -> list[triage_mod.Triaged]:
    """Candidates of the article on standard input (not matched against the ledger)."""
    text = extract_mod.read_input("-")
    found = extract_mod.extract(text, date, url)
    return [triage_mod.Triaged(Path("-"), c, triage_mod.Match("new")) for c in found]


def run_extract(sources: list[str], paths: Paths, out: Console, err: Console, *,
                date: dt.date | None = None, url: str | None = None, out_file: Path | None = None,
                triage_file: Path | None = None, review: bool = False,
                max_bytes: int = triage_mod.MAX_BYTES, ask: Ask = input) -> None:  # fmt: skip
    """Extract candidates from files and folders, match them against the ledger, show or write
    them, and with `review` walk the new and conflicting ones."""
    if sources == ["-"]:
        if review:
            raise UsageError("--review reads answers from the terminal: give a FILE, not -")
        items = _stdin_candidates(date, url)
    else:
        files = triage_mod.input_files([Path(s) for s in sources])
        if url and len(files) > 1:
            raise UsageError(f"--url names one article, but {len(files)} files were given")
        ledger = {t: review_mod.current_rows(paths, t) for t in review_mod.ID_PREFIX}
        progress = (lambda m: err.print(Text(m))) if len(files) > 1 else (lambda _: None)
        items = list(triage_mod.triage(files, ledger, date, url, max_bytes, progress))
    candidates = [i.candidate for i in items]
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        written = extract_mod.write_candidates(candidates, out_file)
        counts = {t: sum(c.table == t for c in candidates) for t in written}
        out.print(Text(", ".join(f"{counts[t]} candidate(s) in {p}" for t, p in written.items())))
    if triage_file is not None:
        triage_mod.write_triage(items, triage_file)
        out.print(Text(f"{len(items)} candidate(s) triaged in {triage_file}"))
    if out_file is None and triage_file is None and not review:
        _show_triage(items, out)
    if review:
        review_mod.review(candidates, paths, url or "", ask=ask, say=lambda m: out.print(Text(m)))


def _show_triage(items: list[triage_mod.Triaged], out: Console) -> None:
    """The triage table on the terminal: status and ledger row first, then the candidate."""
    if not items:
        out.print(Text("no candidate figures found"))
        return
    headers = ("status", "file", "table", "date", "what", "side/subject", "value", "qualifier",
               "claimant", "conf.")  # fmt: skip
    rows = []
    for item in items:
        cells = triage_mod.row_cells(item)
        rows.append((item.match.label, Path(cells[0]).name, *cells[3:11]))
    out.print(_table(headers, rows))
    counts = {s: sum(i.match.status == s for i in items) for s in ("new", "conflict", "known")}
    out.print(Text(", ".join(f"{n} {s}" for s, n in counts.items())))


def run_verify(paths: Paths, out: Console, err: Console, *, ids: list[str], offline: bool,
               csv_path: Path, limits: fetch.Limits, cafile: str | None) -> bool:  # fmt: skip
    """Verify ledger rows, show the verdicts and write them as CSV; False when a row's figure
    was not found on a page that was read."""
    outcomes = verify_mod.verify(paths, ids, offline, limits, cafile, lambda m: err.print(Text(m)))
    rows = [(o.row_id, o.status, o.figure, o.url, o.detail) for o in outcomes]
    out.print(_table(("id", "status", "figure", "url", "detail"), rows))
    verify_mod.write_outcomes(outcomes, csv_path)
    counts = {s: sum(o.status == s for o in outcomes) for s in verify_mod.STATUSES}
    out.print(Text(", ".join(f"{n} {s}" for s, n in counts.items()) + f"; written to {csv_path}"))
    return counts["not_found"] == 0
