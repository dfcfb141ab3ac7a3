"""Interactive review of extracted candidates: accept, edit or skip, then append to the ledger.

Nothing is written until the reviewer confirms at the end; every accepted row is first checked
with the ledger adapter and the table rules (as `analysis check` would) on a temporary copy.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import schema
from analysis.config import Paths
from analysis.errors import ReviewError
from analysis.ingest.adapters.csvfile import read_text
from analysis.ingest.adapters.ledger import FILES, read_table
from analysis.text import rules
from analysis.text.extract import COLUMNS, Candidate
from analysis.text.extract.claimants import find_claimants
from analysis.text.triage import Match, match
from analysis.validate import validate

ID_PREFIX = {"events": "E", "claims": "C"}
PROMPT = "[a]ccept / [e]dit field=value / [s]kip / [q]uit"
DUPLICATE_PROMPT = "[a]ccept / [e]dit field=value / [s]kip (default) / [q]uit"
_ID_RE = re.compile(r"^[A-Z](\d+)$")
SIDES = ("ukraine", "russia")

Ask = Callable[[str], str]
Say = Callable[[str], None]


@dataclass
class Session:
    """Rows accepted so far, per ledger table, in the order they will be appended."""

    accepted: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {t: [] for t in ID_PREFIX}
    )

    @property
    def count(self) -> int:
        """Number of accepted rows."""
        return sum(len(rows) for rows in self.accepted.values())


def _header(path: Path) -> list[str]:
    """The column names of a ledger file."""
    return next(csv.reader(io.StringIO(read_text(path), newline="")))


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a ledger file as dicts."""
    return list(csv.DictReader(io.StringIO(read_text(path), newline="")))


def next_id(table: str, existing: list[str]) -> str:
    """The next free id after the highest E…/C… id in use ('E0015' → 'E0016')."""
    numbers = [int(m.group(1)) for m in (_ID_RE.match(i) for i in existing) if m]
    return f"{ID_PREFIX[table]}{max(numbers, default=0) + 1:04d}"


def _append(path: Path, rows: list[dict[str, str]]) -> None:
    """Append rows to a ledger CSV in its own column order, keeping a final newline."""
    header = _header(path)
    text = read_text(path)
    with path.open("a", newline="", encoding="utf-8") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")
        writer = csv.writer(handle, lineterminator="\n")
        for row in rows:
            writer.writerow(row.get(column, "") for column in header)


def _last_line(path: Path, table: str) -> int:
    """The last line number read from a ledger file (rows or problems)."""
    frame, problems, _, _ = read_table(path, table)
    lines = frame["_line"].to_list() + [p["line"] for p in problems if p["line"] is not None]
    return max(lines, default=1)


def problems(paths: Paths, table: str, rows: list[dict[str, str]]) -> list[str]:
    """What `analysis check` would report about `rows` appended to the ledger (empty when valid)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy = root / "ledger"
        shutil.copytree(paths.ledger, copy)
        path = copy / FILES[table]
        baseline = _last_line(path, table)
        _append(path, rows)
        frame, found, _, _ = read_table(path, table)
        _, bad = validate(schema.TABLES[table], frame)
        reasons = [p["reason"] for p in found if (p["line"] or 0) > baseline]
        reasons += [r["reason"] for r in bad.iter_rows(named=True) if (r["line"] or 0) > baseline]
    return reasons


def current_rows(paths: Paths, table: str) -> list[dict[str, str]]:
    """The ledger rows of a table that no other row supersedes."""
    rows = _rows(paths.ledger / FILES[table])
    superseded = {r.get("supersedes", "") for r in rows} - {""}
    return [r for r in rows if r["id"] not in superseded]


def duplicate_of(candidate: Candidate, rows: list[dict[str, str]]) -> str | None:
    """The id of a current ledger row holding the same figure as the candidate, else None."""
    found = match(candidate, rows)
    return found.ids[0] if found.status == "known" else None


def describe(candidate: Candidate) -> str:
    """A candidate as text: table, confidence, filled cells and the sentence."""
    cells = ", ".join(f"{k}={v}" for k, v in candidate.row.items() if v and k != "source_urls")
    return (
        f"{candidate.table} (confidence {candidate.confidence:.2f}): {cells}\n"
        f"  sentence: {candidate.sentence}"
    )


def known_claimant(name: str) -> rules.Claimant | None:
    """The known claimant a ledger claimant cell starts with ('Zelensky; Coordination HQ')."""
    first = name.split(";")[0].strip()
    by_name = {c.name.casefold(): c for c in rules.CLAIMANTS}
    return by_name.get(first.casefold()) or next(iter(find_claimants(first)), None)


def _claimant_changed(candidate: Candidate) -> None:
    """After a claimant edit: its side and kind follow the new claimant, and so does a receiving
    side or subject that was only guessed from the old claimant's side."""
    claimant = known_claimant(candidate.row["claimant"])
    if claimant is None:
        return
    row = candidate.row
    if candidate.table == "events":
        row["claimant_side"] = claimant.side
        if "side_fallback" in candidate.notes and claimant.side in SIDES:
            row["received_by"] = claimant.side
    else:
        row["claim_kind"] = claimant.kind
        group = row["subject"].partition("_")[2]
        if "side_fallback" in candidate.notes and claimant.side in SIDES and group:
            row["subject"] = f"{claimant.side}_{group}"


def edit(candidate: Candidate, assignment: str) -> str | None:
    """Apply 'field=value' to a candidate's row; an error message when it cannot.

    Editing `claimant` also sets `claimant_side` (events) or `claim_kind` (claims) when the new
    claimant is a known one, and the receiving side or subject when it came from the claimant.
    """
    name, sep, value = assignment.partition("=")
    name = name.strip()
    if not sep or name not in COLUMNS[candidate.table] or name == "id":
        allowed = ", ".join(c for c in COLUMNS[candidate.table] if c != "id")
        return f"cannot edit {assignment!r}: write field=value with a field of {allowed}"
    candidate.row[name] = value.strip()
    if name == "claimant":
        _claimant_changed(candidate)
    return None


def _conflict(found: Match) -> str | None:
    """The ledger rows a conflicting candidate disagrees with, for the prompt."""
    return ", ".join(found.ids) if found.status == "conflict" else None


def _accept(paths: Paths, session: Session, candidate: Candidate, url: str) -> str | None:
    """Give the candidate an id and queue it; an error message when the ledger would refuse it."""
    table = candidate.table
    existing = [r["id"] for r in _rows(paths.ledger / FILES[table])]
    queued = session.accepted[table]
    row = {**candidate.row, "id": next_id(table, existing + [r["id"] for r in queued])}
    row["source_urls"] = row["source_urls"] or url
    found = problems(paths, table, [*queued, row])
    if found:
        return "refused, the ledger would reject this row: " + "; ".join(found)
    queued.append(row)
    return None


def _review_one(paths: Paths, session: Session, candidate: Candidate, url: str,
                ask: Ask, say: Say, duplicate: str | None = None) -> bool:  # fmt: skip
    """Review one candidate; False when the reviewer quits. A conflict is skipped by default."""
    say(describe(candidate))
    if duplicate:
        say(f"conflicts with ledger row {duplicate} (same event and side, another figure): "
            "an empty answer skips it; accept adds it as another claimant's figure, "
            f"or edit supersedes={duplicate.split(',')[0]} to correct that row")  # fmt: skip
    while True:
        answer = ask(DUPLICATE_PROMPT if duplicate else PROMPT).strip()
        command, _, rest = answer.partition(" ")
        command = command.lower() or ("s" if duplicate else "")
        if command in {"a", "accept"}:
            message = _accept(paths, session, candidate, url)
            if message is None:
                say(f"accepted as {session.accepted[candidate.table][-1]['id']}")
                return True
            say(message)
        elif command in {"e", "edit"}:
            message = edit(candidate, rest or ask("field=value"))
            say(message or describe(candidate))
        elif command in {"s", "skip"}:
            return True
        elif command in {"q", "quit"}:
            return False
        else:
            say(f"unknown answer {answer!r}: {PROMPT}")


def review(candidates: list[Candidate], paths: Paths, url: str, ask: Ask, say: Say) -> Session:
    """Show new and conflicting candidates one at a time; append accepted rows after confirmation.

    Candidates already in the ledger (`known`) are listed and not shown; a conflict names the
    ledger row it disagrees with.
    """
    if not url and any(not c.row.get("source_urls") for c in candidates):
        raise ReviewError("review needs the article's URL for source_urls: give --url")
    session = Session()
    existing = {table: current_rows(paths, table) for table in ID_PREFIX}
    matched = [(c, match(c, existing[c.table])) for c in candidates]
    shown = [(c, m) for c, m in matched if m.status != "known"]
    for c, m in matched:
        if m.status == "known":
            say(f"known {', '.join(m.ids)}, not shown: {describe(c).splitlines()[0]}")
    for number, (candidate, found) in enumerate(shown, 1):
        say(f"[{number}/{len(shown)}] {found.label}")
        if not _review_one(paths, session, candidate, url, ask, say, _conflict(found)):
            break
    if not session.count:
        say("nothing accepted, the ledger is unchanged")
        return session
    targets = ", ".join(f"{len(r)} to {FILES[t]}" for t, r in session.accepted.items() if r)
    if ask(
        f"Append {session.count} row(s) to the ledger ({targets})? [y/N]"
    ).strip().lower() not in {"y", "yes"}:
        say("not confirmed, the ledger is unchanged")
        session.accepted = {t: [] for t in ID_PREFIX}
        return session
    for table, rows in session.accepted.items():
        if rows:
            _append(paths.ledger / FILES[table], rows)
    say(f"appended {targets} in {paths.ledger}")
    return session
