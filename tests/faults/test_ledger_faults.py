"""Fault injection on the ledger: each bad input is quarantined with file, line and column, or stops
the run with one line naming the file; rows in = rows out + quarantined; a stopped run leaves the
previous processed tables byte-identical."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import ingest as ingest_mod
from analysis.config import Paths
from analysis.errors import InputError

URL = "https://example.org/report"
EVENT = "E{n},2025-07-01-pow_exchange,,{date},{etype},{side},{count},{qual},completed,,Zelensky,ukraine,{url},,,{notes}"
CLAIM = "C{n},2025-02-16,,ukraine_military,killed,{value},{high},{qual},Zelensky,official_claim,,{url},,{notes}"


def event(n: int | str = 9001, date: str = "2025-07-01", etype: str = "pow_exchange", side: str = "ukraine",
          count: str = "84", qual: str = "", url: str = URL, notes: str = "") -> str:  # fmt: skip
    """One events.csv line."""
    return EVENT.format(
        n=n, date=date, etype=etype, side=side, count=count, qual=qual, url=url, notes=notes
    )


def claim(
    n: int | str = 9001, value: str = "100", high: str = "", qual: str = "exact", notes: str = ""
) -> str:
    """One claims.csv line."""
    return CLAIM.format(n=n, value=value, high=high, qual=qual, url=URL, notes=notes)


def append(name: str, *lines: str) -> Callable[[Path], None]:
    """A mutation appending lines to a ledger file."""

    def mutate(ledger: Path) -> None:
        path = ledger / name
        path.write_text(path.read_text() + "".join(line + "\n" for line in lines))

    return mutate


def rewrite(name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """A mutation rewriting a ledger file's bytes."""

    def mutate(ledger: Path) -> None:
        path = ledger / name
        path.write_bytes(change(path.read_bytes()))

    return mutate


def replace_file(name: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    """A mutation replacing a ledger file by something else (a folder, a link, ...)."""

    def mutate(ledger: Path) -> None:
        (ledger / name).unlink()
        make(ledger / name)

    return mutate


@dataclass
class Quarantined:
    """Expect one quarantined row at (file, line offset from the original end, column) with reason."""

    file: str
    column: str | None
    reason: str
    offset: int = 1  # line = original line count + offset


@dataclass
class Stops:
    """Expect the run to stop with an InputError whose message ends with `message` (or matches it as a regex)."""

    message: str


@dataclass
class Accepted:
    """Expect a clean run; `check` inspects the processed tables."""

    check: Callable[[Paths], None]


def _value(table: str, column: str, figure: str, expected: object) -> Callable[[Paths], None]:
    def check(paths: Paths) -> None:
        import polars as pl

        frame = pl.read_parquet(paths.processed / f"{table}.parquet")
        key = "figure_id" if table == "events" else "claim_id"
        assert frame.filter(pl.col(key) == figure)[column].to_list() == [expected]

    return check


E = "data/raw/ledger/events.csv"
C = "data/raw/ledger/claims.csv"
T = "data/raw/ledger/totals.csv"
HEADER_EVENTS = "id,event_id,stage,date,event_type,received_by,count,qualifier,status,mediator,claimant,claimant_side,source_urls,agreement_id,supersedes,notes"


def _symlink_loop(path: Path) -> None:
    os.symlink(path.name + ".b", path)
    os.symlink(path.name, path.with_name(path.name + ".b"))


CASES: dict[str, tuple[Callable[[Path], None], object]] = {
    "truncated file": (rewrite("events.csv", lambda b: b + event().encode()[:40]),
                       Quarantined(E, None, "row has 4 cells, the header has 16")),
    "cp1251 encoding": (rewrite("claims.csv", lambda b: b + claim(notes="Зеленський").encode("cp1251") + b"\n"),
                        Stops(r"claims\.csv: not valid UTF-8 on line \d+ \(byte \d+\); save it as UTF-8")),
    "utf-8 BOM": (rewrite("events.csv", lambda b: b"\xef\xbb\xbf" + b), Accepted(lambda p: None)),
    "CRLF line ends": (rewrite("events.csv", lambda b: b.replace(b"\n", b"\r\n")), Accepted(lambda p: None)),
    "non-breaking space in number": (append("events.csv", event(count="1\u00a0212")),
                                     Accepted(_value("events", "count", "E9001", 1212))),
    "thin space and comma in number": (append("claims.csv", claim(value="46\u2009000")),
                                       Accepted(_value("claims", "value", "C9001", 46000.0))),
    "renamed column": (rewrite("events.csv", lambda b: b.replace(b"received_by", b"receiver", 1)),
                       Stops("events.csv: missing column(s) received_by; unexpected column(s) receiver "
                             "(expected " + HEADER_EVENTS.replace(",", ", ") + ", checked_on)")),
    "missing column": (rewrite("totals.csv", lambda b: b.replace(b",notes", b"", 1)),
                       Stops("totals.csv: missing column(s) notes (expected id, as_of, series, value, "
                             "value_high, qualifier, claimant, source_urls, notes, checked_on)")),
    "extra column": (rewrite("totals.csv", lambda b: b.replace(b",notes", b",notes,extra", 1)),
                     Stops("totals.csv: unexpected column(s) extra (expected id, as_of, series, value, "
                           "value_high, qualifier, claimant, source_urls, notes, checked_on)")),
    "duplicate header": (rewrite("totals.csv", lambda b: b.replace(b"id,", b"id,id,", 1)),
                         Stops("totals.csv: duplicate column names in header")),
    "type changes mid-file": (append("events.csv", event(count="eighty-four"), event(9002, count="many")),
                              Quarantined(E, "count", "count: cannot parse number: 'many'", offset=2)),
    "duplicate id": (append("events.csv", event("0001")),
                     Quarantined(E, "figure_id", "figure_id: duplicate key (figure_id), first at line 2")),
    "negative count": (append("events.csv", event(count="-12")), Quarantined(E, "count", "count: must be >= 0")),
    "future date": (append("events.csv", event(date="2099-01-01")),
                    Quarantined(E, "date", "date: date after today")),
    "date before 2014": (append("events.csv", event(date="2013-12-31")),
                         Quarantined(E, "date", "date: date before 2014-01-01")),
    "impossible date": (append("events.csv", event(date="2023-02-30")),
                        Quarantined(E, "date", "date: invalid date: '2023-02-30'")),
    "low above high": (append("claims.csv", claim(value="300", high="200", qual="range")),
                       Quarantined(C, "value_high", "value_high: value must not exceed value_high")),
    "unknown qualifier": (append("events.csv", event(qual="probably")),
                          Quarantined(E, "qualifier", "qualifier: unknown qualifier: 'probably' (one of exact, at_least, about, at_most, undisclosed, range)")),
    # the class: words the extractor reads ("more than", "близько") are not ledger codes
    "qualifier in words": (append("events.csv", event(qual="more than")),
                           Quarantined(E, "qualifier", "qualifier: unknown qualifier: 'more than' (one of exact, at_least, about, at_most, undisclosed, range)")),
    "qualifier in Ukrainian": (append("events.csv", event(qual="близько")),
                               Quarantined(E, "qualifier", "qualifier: unknown qualifier: 'близько' (one of exact, at_least, about, at_most, undisclosed, range)")),
    "unknown side": (append("events.csv", event(side="Atlantis")),
                     Quarantined(E, "received_by", "received_by: unknown side: 'Atlantis'")),
    "unknown event type": (append("events.csv", event(etype="pow_swap")),
                           Quarantined(E, "event_type", "event_type: not one of pow_exchange")),
    "row without source": (append("events.csv", event(url="")),
                           Quarantined(E, "source_id", "source_id: required value is missing")),
    "source not a URL": (append("events.csv", event(url="kyivindependent.com/x")),
                         Quarantined(E, "source_urls", "source_urls: not an http(s) URL")),
    "whitespace-only file": (rewrite("totals.csv", lambda b: b"\n\n"),
                             Stops("totals.csv: missing column(s) id, as_of, series, value, value_high, "
                                   "qualifier, claimant, source_urls, notes (expected id, as_of, series, "
                                   "value, value_high, qualifier, claimant, source_urls, notes, checked_on)")),
    "header-only file": (rewrite("totals.csv", lambda b: b.split(b"\n")[0] + b"\n"),
                         Accepted(lambda p: None)),
    "zero-byte file": (rewrite("totals.csv", lambda b: b""),
                       Stops("totals.csv: file is empty (0 bytes), expected a header line")),
    "directory instead of file": (replace_file("claims.csv", lambda p: p.mkdir()),
                                  Stops("claims.csv: is a directory, expected a file")),
    "symlink loop": (replace_file("claims.csv", _symlink_loop),
                     Stops("claims.csv: cannot read (Too many levels of symbolic links)")),
    "missing file": (replace_file("claims.csv", lambda p: None), Stops("claims.csv: file not found")),
    "formula in text field": (append("events.csv", event(notes="=cmd|' /C calc'!A0")),
                              Quarantined(E, "notes", "notes: looks like a spreadsheet formula")),
    "formula in claimant": (append("claims.csv", claim().replace("Zelensky", "@SUM(A1)")),
                            Quarantined(C, "claimant", "claimant: looks like a spreadsheet formula")),
    "NUL byte in a cell": (append("claims.csv", claim(notes="a\x00b")),
                           Quarantined(C, "notes", "notes: contains control character U+0000")),
    "huge field": (append("claims.csv", claim(notes="x" * 200_000)),
                   Quarantined(C, "notes", "cell longer than 100,000 characters")),
    "unterminated quote": (append("totals.csv", 'T0099,2025-06-01,returned_to_ukraine,6000,,exact,"X,' + URL + ","),
                           Quarantined(T, None, "row has 7 cells, the header has 9")),
    "fractional count": (append("events.csv", event(count="12.5")),
                         Quarantined(E, "count", "count: count must be a whole number")),
    "count with undisclosed": (append("events.csv", event(qual="undisclosed")),
                               Quarantined(E, "count", "count must be empty exactly when qualifier is 'undisclosed'")),
    "supersedes unknown row": (append("claims.csv", claim().rstrip(",") + ",C4242,"),
                               Quarantined(C, "supersedes", "supersedes: no row with id 'C4242'")),
}  # fmt: skip


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines()) if path.is_file() else 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_fault(case: str, project: Paths) -> None:
    mutate, expected = CASES[case]
    ingest_mod.ingest(project)
    before = _digests(project.processed)
    lines_before = {f: _line_count(project.root / f) for f in (E, C, T)}
    mutate(project.ledger)
    if isinstance(expected, Stops):
        with pytest.raises(InputError) as info:
            ingest_mod.ingest(project)
        message = str(info.value)
        assert "\n" not in message
        assert message.endswith(expected.message) or re.search(expected.message + "$", message), (
            message
        )
        assert _digests(project.processed) == before
        return
    result = ingest_mod.ingest(project)
    manifest = json.loads((project.processed / "manifest.json").read_text())
    for item in manifest["inputs"]:
        assert item["rows_read"] == item["rows_written"] + item["rows_quarantined"], item
    if isinstance(expected, Accepted):
        assert result.quarantined == 0, result.quarantine.to_dicts()
        expected.check(project)
        return
    assert isinstance(expected, Quarantined)
    assert result.quarantined == 1, result.quarantine.to_dicts()
    row = result.quarantine.row(0, named=True)
    line = lines_before[expected.file] + expected.offset
    assert (row["file"], row["line"], row["column"]) == (expected.file, line, expected.column)
    assert expected.reason in row["reason"]


def test_unreadable_file_stops(project: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_mod.ingest(project)
    before = _digests(project.processed)
    target = project.ledger / "claims.csv"
    if os.geteuid() == 0:  # root reads anything: simulate the permission error at the OS boundary
        real = os.open

        def denied(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
            if Path(path) == target:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", denied)
    else:
        target.chmod(0)
    with pytest.raises(InputError, match=r"claims\.csv: permission denied$"):
        ingest_mod.ingest(project, force=True)
    assert _digests(project.processed) == before


def test_at_least_thirty_distinct_faults() -> None:
    assert len(CASES) + 1 >= 30
