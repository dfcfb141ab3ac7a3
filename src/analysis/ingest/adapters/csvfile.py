"""Reading hand-edited CSV files strictly: UTF-8, a known header, line numbers kept."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import InputError
from analysis.files import read_bytes

MAX_FIELD = 100_000  # characters; a longer cell is a broken file, not data
CSV_LIMIT = 64 * 1024 * 1024  # the csv module's own cap, raised so long cells reach our check
csv.field_size_limit(max(csv.field_size_limit(), CSV_LIMIT))


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed); a one-line InputError for anything else."""
    data = read_bytes(path)
    if not data:
        raise InputError(path, "file is empty (0 bytes), expected a header line")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = f"not valid UTF-8 on line {line} (byte {exc.start}); save it as UTF-8"
        raise InputError(path, problem) from None


def _next_row(reader: Iterator[list[str]], path: Path) -> list[str] | None:
    """The next parsed row, None at the end; a CSV syntax error stops with file and line."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}", f"unreadable CSV ({exc})") from None  # type: ignore[attr-defined]


def read_records(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """Yield (line, row dict, problem) per data row; the header must hold `required` columns.

    A malformed row (wrong cell count, oversized cell) comes with a problem text and an empty dict.
    """
    text = read_text(path)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError(path, "no header line") from None
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required and c not in optional]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unexpected column(s) {', '.join(unknown)}")
        raise InputError(path, "; ".join(parts) + f" (expected {', '.join(required + optional)})")
    if len(set(header)) != len(header):
        raise InputError(path, "duplicate column names in header")
    line = reader.line_num
    while (cells := _next_row(reader, path)) is not None:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield start, {}, f"row has {len(cells)} cells, the header has {len(header)}"
            continue
        long = [n for n, c in zip(header, cells, strict=True) if len(c) > MAX_FIELD]
        if long:
            yield start, {"column": long[0]}, f"cell longer than {MAX_FIELD:,} characters"
            continue
        yield start, dict(zip(header, cells, strict=True)), None
