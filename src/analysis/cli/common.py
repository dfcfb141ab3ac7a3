"""What the command groups share: the two consoles, the table, and the one date option.

The consoles never read text as Rich markup and pass every string through escape.terminal
(ANSI/OSC escapes, bidi controls and odd line breaks shown as \\uXXXX); SafeTable does the same
for its cells: text from the data (claimants, sources, paths) prints as typed.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analysis import escape
from analysis.errors import UsageError


class SafeConsole(Console):
    """A console printing strings as plain text: markup off, hidden characters made visible."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Print like Console.print, every str object through escape.terminal, markup off."""
        kwargs["markup"] = False
        super().print(*(_plain(o) for o in objects), **kwargs)


def _plain(shown: Any) -> Any:
    """A str or plain Text with hidden characters made visible; other renderables as they are."""
    if isinstance(shown, str):
        return escape.terminal(shown)
    if isinstance(shown, Text) and not shown.spans:
        return Text(escape.terminal(shown.plain), style=shown.style)
    return shown


class SafeTable(Table):
    """A Rich table whose str cells are shown as typed (escape.terminal; printed markup off)."""

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        """Add a row, every str cell through escape.terminal."""
        super().add_row(*(escape.terminal(c) if isinstance(c, str) else c for c in cells), **kwargs)


PIPED_WIDTH = 10_000  # output to a file or a pipe: tables as wide as their widest cell, never cut


def _width(stream: object) -> int | None:
    """None (the terminal's width) on a terminal; PIPED_WIDTH when written to a file or a pipe."""
    return None if getattr(stream, "isatty", lambda: False)() else PIPED_WIDTH


out = SafeConsole(highlight=False, soft_wrap=True, markup=False, width=_width(sys.stdout))
err = SafeConsole(
    stderr=True, highlight=False, soft_wrap=True, markup=False, width=_width(sys.stderr)
)
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
