"""The cells of a ledger line: each parsed or refused with a CellError naming its column
(text cleaned, no control characters or formulas; numbers, codes, ids, dates, URLs)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from analysis import escape, schema
from analysis.errors import CellError
from analysis.text import parse as normalise

FORMULA_STARTS = ("=", "@")
ID_LETTERS = {"events": "E", "claims": "C", "totals": "T"}
# Day and month both 12 or less (01/06/2025): day-first or month-first cannot be told apart.
AMBIGUOUS_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _cell(row: dict[str, str], column: str) -> str | None:
    """The cleaned text of a cell, None when blank; control characters and formulas are refused."""
    raw = row.get(column, "")
    control = next((c for c in raw if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
    if control is not None:
        raise CellError(column, raw[:80], f"contains control character U+{ord(control):04X}")
    text = normalise.clean_text(raw)
    if text.startswith(FORMULA_STARTS):
        raise CellError(column, text[:80], "looks like a spreadsheet formula (starts with = or @)")
    return text or None


def _parse(row: dict[str, str], column: str, parser: Callable[[str], Any]) -> Any:
    """Parse a non-blank cell with `parser`, raising CellError naming the column; None when blank."""
    text = _cell(row, column)
    if text is None:
        return None
    try:
        return parser(text)
    except (normalise.NormaliseError, ValueError) as exc:
        raise CellError(column, text, str(exc)) from None


QUALIFIER_CODES = tuple(dict.fromkeys(schema.EVENT_QUALIFIERS + schema.CLAIM_QUALIFIERS))


def _qualifier(text: str) -> str:
    """A qualifier code as the ledger README lists them (exact, at_least, ...); words such as
    "more than" are for the extractor, never accepted here, so the ledger's vocabulary stays fixed."""
    code = text.strip().lower()
    if code not in QUALIFIER_CODES:
        raise ValueError(f"unknown qualifier: {text!r} (one of {', '.join(QUALIFIER_CODES)})")
    return code


def _signed_number(text: str) -> float:
    """A number that may carry a minus sign (negative values then fail validation, with a reason);
    ValueError when it is not finite or out of range (checked before it enters a frame)."""
    if text.startswith(("-", "\u2212")):
        value = -normalise.parse_number(text[1:])
    else:
        value = normalise.parse_number(text)
    if problem := schema.number_problem(value):
        raise ValueError(problem)
    return value


def _id(row: dict[str, str], table: str) -> str | None:
    """The row id, which must be the table's letter and digits (E0001, C0001, T0001)."""
    text = _cell(row, "id")
    letter = ID_LETTERS[table]
    if text is not None and not re.fullmatch(f"{letter}[0-9]+", text):
        raise CellError("id", text, f"{table} ids are {letter} and digits, like {letter}0001")
    return text


def _date(row: dict[str, str], column: str) -> tuple[Any, str | None]:
    """(date, precision) of a date cell; a leading '~' marks a day inferred from context."""
    text = _cell(row, column)
    if text is None:
        return None, None
    approx = text.startswith("~")
    bare = text.lstrip("~ ")
    parts = AMBIGUOUS_DATE.match(bare)
    if parts and parts[1] != parts[2] and max(int(parts[1]), int(parts[2])) <= 12:
        reason = f"ambiguous date {bare!r} (day or month first?): write it as YYYY-MM-DD"
        raise CellError(column, bare, reason)
    value = _parse({column: bare}, column, normalise.parse_date)
    precision = "approx" if approx and value.precision == "day" else value.precision
    return value.date, precision


def _urls(row: dict[str, str]) -> list[str]:
    """The cited URLs of a row; each must be http(s)."""
    urls = (row.get("source_urls") or "").split()
    for url in urls:
        if not url.startswith(("https://", "http://")):
            raise CellError("source_urls", url, "not an http(s) URL")
        if escape.url(url) is None:
            raise CellError("source_urls", url, "not an http(s) URL with a host")
    return urls
