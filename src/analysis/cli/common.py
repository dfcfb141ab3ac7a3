"""What the command groups share: the two consoles and the one date option."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import typer
from rich.console import Console

from analysis.errors import UsageError

PIPED_WIDTH = 10_000  # output to a file or a pipe: tables as wide as their widest cell, never cut


def _width(stream: object) -> int | None:
    """None (the terminal's width) on a terminal; PIPED_WIDTH when written to a file or a pipe."""
    return None if getattr(stream, "isatty", lambda: False)() else PIPED_WIDTH


out = Console(highlight=False, soft_wrap=True, width=_width(sys.stdout))
err = Console(stderr=True, highlight=False, soft_wrap=True, width=_width(sys.stderr))
DATE_METAVAR = "YYYY-MM-DD"


def date_option(*names: str, help: str) -> Any:  # noqa: A002 (typer's keyword)
    """A YYYY-MM-DD option, read as text and parsed by `iso_date` (one rule for every command)."""
    return typer.Option(*names, help=help, metavar=DATE_METAVAR)


def iso_date(value: str | None, option: str) -> dt.date | None:
    """`value` as a date, None when not given; a UsageError (exit 2) when it is not YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date ({DATE_METAVAR})") from None
