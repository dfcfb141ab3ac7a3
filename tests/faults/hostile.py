"""Helpers shared by the hostile-input tests (tests/faults/test_hostile_*.py): ledger rows written
the way a script or a spreadsheet would, and the `analysis` command run in-process."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run

URL = "https://example.org/a"
EVENT = {
    "id": "E9001", "event_id": "2025-06-18-pow_exchange", "date": "2025-06-18",
    "event_type": "pow_exchange", "received_by": "ukraine", "count": "10", "qualifier": "exact",
    "status": "completed", "claimant": "Coordination HQ", "claimant_side": "ukraine",
    "source_urls": URL,
}  # fmt: skip
CLAIM = {
    "id": "C9001", "claim_date": "2025-06-19", "subject": "ukraine_military", "metric": "killed",
    "value": "60000", "qualifier": "at_least", "claimant": "Zelensky",
    "claim_kind": "official_claim", "source_urls": "https://example.org/c",
}  # fmt: skip
TOTAL = {
    "id": "T9001", "as_of": "2025-06-19", "series": "returned_to_ukraine", "value": "6000",
    "qualifier": "exact", "claimant": "Coordination HQ", "source_urls": "https://example.org/t",
}  # fmt: skip
BASE = {"events": EVENT, "claims": CLAIM, "totals": TOTAL}


def header(path: Path) -> list[str]:
    """The header cells of a ledger CSV."""
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def append(ledger: Path, table: str, *changes: dict[str, str]) -> list[int]:
    """Append one row per `changes` (over the table's base row) with csv.writer, as a script would;
    returns the physical line number of each new row."""
    path = ledger / f"{table}.csv"
    columns = header(path)
    first = line_count(path) + 1
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for change in changes:
            row = {**BASE[table], **change}
            writer.writerow([row.get(c, "") for c in columns])
    return list(range(first, first + len(changes)))


def append_raw(ledger: Path, table: str, text: str) -> None:
    """Append raw text to a ledger CSV."""
    path = ledger / f"{table}.csv"
    with path.open("a", newline="", encoding="utf-8") as handle:
        handle.write(text)


def line_count(path: Path) -> int:
    """Physical lines of a file, by CSV's own rule (\\n, \\r\\n or \\r)."""
    return (
        path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").rstrip(b"\n").count(b"\n")
        + 1
    )


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `analysis ARGV` in-process: (exit code, stdout, stderr)."""
    return run(argv, capsys)


def command(argv: list[str], timeout: float = 60, env: dict[str, str] | None = None,
            **options: object) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run `analysis ARGV` as a separate process (for hangs and process limits)."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *argv], capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})}, **options,  # type: ignore[arg-type]
    )  # fmt: skip


def one_line(text: str) -> str:
    """The text, which must be one line (the error contract), without its newline."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def error_line(text: str) -> str:
    """The one error line of a command's standard error (progress lines may come before it)."""
    errors = [line for line in text.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, text
    return errors[0]
