"""Reading hand-edited CSV files strictly: UTF-8, a known header, line numbers kept."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import InputError

MAX_FIELD = 100_000  # characters; a longer cell is a broken file, not data


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed); a one-line InputError for anything else."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory, expected a file") from None
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(path, "file is empty (0 bytes), expected a header line")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = f"not valid UTF-8 on line {line} (byte {exc.start}); save it as UTF-8"
        raise InputError(path, problem) from None


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
    for cells in reader:
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
