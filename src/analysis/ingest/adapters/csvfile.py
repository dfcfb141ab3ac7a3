"""Reading hand-edited CSV files strictly: UTF-8, a known header, line numbers kept."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from analysis.errors import InputError
from analysis.files import read_bytes

MAX_FIELD = 100_000  # characters; a longer cell is a broken file, not data
CSV_LIMIT = 64 * 1024 * 1024  # the csv module's own cap, raised so long cells reach our check
csv.field_size_limit(max(csv.field_size_limit(), CSV_LIMIT))


BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)  # fmt: skip


def encoding_problem(data: bytes) -> str | None:
    """What the file is when it is plainly not UTF-8 (UTF-16/32 with or without a byte order
    mark, told by its NUL bytes), as a one-line problem; None otherwise."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return f"file is {name} (byte order mark); save it as UTF-8"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        order = "little-endian" if odd > even else "big-endian"
        return f"file is UTF-16 ({order}, no byte order mark); save it as UTF-8"
    return None


def read_text(path: Path, empty: str = "expected a header line", limit: int | None = None) -> str:
    """The file's text as UTF-8 (a BOM is allowed); a one-line InputError for anything else
    (`empty` says what an empty file should have held; `limit` lowers the size cap)."""
    data = read_bytes(path, limit)
    if not data:
        raise InputError(path, f"file is empty (0 bytes), {empty}")
    if problem := encoding_problem(data):
        raise InputError(path, problem)
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
        reason = (
            "the file ends inside a quoted field (truncated?)" if "end of data" in str(exc) else exc
        )
        raise InputError(f"{path}:{reader.line_num}", f"unreadable CSV ({reason})") from None  # type: ignore[attr-defined]


def read_records(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """Yield (line, row dict, problem) per data row; the header must hold `required` columns.

    A malformed row (wrong cell count, oversized cell) comes with a problem text and an empty dict.
    """
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))  # CSV's own line rule, not str.splitlines
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


def read_string_frame(path: Path) -> pl.DataFrame:
    """An upstream CSV as all-string columns plus `_line`, the physical line each record starts
    on, read by the same strict rules as the ledger (size cap, encoding, CSV's line rule);
    a record with the wrong number of cells or a file ending inside a quoted field (a truncated
    download) stops with file and line."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _next_row(reader, path) or []
    columns: list[list[str]] = [[] for _ in header]
    lines: list[int] = []
    line = reader.line_num
    while (cells := _next_row(reader, path)) is not None:
        start, line = line + 1, reader.line_num
        if len(cells) != len(header):
            if not any(c.strip() for c in cells):
                continue
            ending = "; the file ends inside it (truncated?)" if _is_last(reader, text) else ""
            raise InputError(f"{path}:{start}",
                             f"row has {len(cells)} cells, the header has {len(header)}{ending}")  # fmt: skip
        for column, cell in zip(columns, cells, strict=True):
            column.append(cell)
        lines.append(start)
    data = {
        name: pl.Series(name, values, dtype=pl.String)
        for name, values in zip(header, columns, strict=True)
    }
    return pl.DataFrame(data).with_columns(pl.Series("_line", lines, dtype=pl.Int64))


def _is_last(reader: Iterator[list[str]], text: str) -> bool:
    """True when `reader` has no record left and the text does not end with a line break."""
    return not text.endswith(("\n", "\r")) and next(reader, None) is None
