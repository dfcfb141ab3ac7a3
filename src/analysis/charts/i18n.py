"""Chart text in English, Ukrainian and Russian: one message catalogue, with Babel for numbers
("1,212" · "1 212") and dates ("16 May 2025" · "16 травня 2025").

The language is set for the duration of a drawing with `using(lang)` (the chart scaffold does
this); `t`, `number`, `day` and `month` read it. Tick formatters capture it when made, because
matplotlib calls them later, when the figure is saved.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from babel.dates import format_date
from babel.numbers import format_decimal

from analysis.charts.messages import MESSAGES

LANGUAGES = ("en", "uk", "ru")
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("chart_language", default="en")


def check_language(lang: str) -> str:
    """`lang` when it is one of LANGUAGES; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; languages are {', '.join(LANGUAGES)}")
    return lang


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """Draw chart text in `lang` for the duration of the block."""
    token = _LANG.set(check_language(lang))
    try:
        yield
    finally:
        _LANG.reset(token)


def current() -> str:
    """The language chart text is drawn in now."""
    return _LANG.get()


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message `key` in `lang` (default: the current language), filled with `values`."""
    if lang is not None:
        check_language(lang)
    try:
        template = MESSAGES[key][lang or current()]
    except KeyError:
        raise KeyError(f"no message {key!r} in {lang or current()!r}") from None
    return template.format(**values) if values else template


def has(key: str) -> bool:
    """Whether the catalogue has a message `key`."""
    return key in MESSAGES


def number(value: float, lang: str | None = None) -> str:
    """A whole number with the language's digit grouping: 1,212 (en), 1 212 (uk, ru)."""
    return format_decimal(round(value), format="#,##0", locale=lang or current())


def day(date: dt.date, lang: str | None = None, short: bool = False) -> str:
    """A date in words: 16 May 2025, 16 травня 2025, 16 мая 2025 (`short`: 16 трав. 2025)."""
    return format_date(date, "d MMM y" if short else "d MMMM y", locale=lang or current())


def month(date: dt.date, lang: str | None = None, year: bool = False) -> str:
    """A month's short stand-alone name (Jan, січ., янв.), with the year when asked."""
    text = format_date(date, "LLL", locale=lang or current())
    return f"{text} {date.year}" if year else text


def figure(value: float | None, qualifier: str = "exact", lang: str | None = None,
           *, high: float | None = None, low: float | None = None) -> str:  # fmt: skip
    """A figure in words with its qualifier: "at least 1,212", "щонайменше 1 212"."""
    lang = lang or current()
    if qualifier == "range" and high is not None and (low is not None or value is not None):
        start = low if low is not None else value
        return t("figure.range", lang, low=number(start, lang), high=number(high, lang))
    if value is None or qualifier == "undisclosed":
        return t("figure.undisclosed", lang)
    key = f"figure.{qualifier}"
    return t(key, lang, n=number(value, lang)) if has(key) else number(value, lang)


def count(value: float | None, qualifier: str = "exact", lang: str | None = None,
          *, high: float | None = None) -> str:  # fmt: skip
    """A figure as a compact chart label: 1,212 · ≥1,000 · ~500 · ≤50 · 189,000–273,000 (a
    range, `value` to `high`) · undisclosed."""
    if value is None or qualifier == "undisclosed":
        return t("figure.undisclosed", lang)
    if qualifier == "range" and high is not None:
        return f"{number(value, lang)}–{number(high, lang)}"
    sign = {"at_least": "≥", "about": "~", "at_most": "≤"}.get(qualifier, "")
    return f"{sign}{number(value, lang)}"


def label(prefix: str, code: str, lang: str | None = None) -> str:
    """The name of a code (`side.russia`, `event.pow_exchange`): the catalogue's, else the code
    as capitalised words."""
    key = f"{prefix}.{code}"
    return t(key, lang) if has(key) else code.replace("_", " ").capitalize()


def period(date: dt.date, freq: str, lang: str | None = None) -> str:
    """A period by its first day: the week of 3 Feb 2025, May 2025, Q2 2025, 2025."""
    lang = lang or current()
    if freq == "week":
        return day(date, lang, short=True)
    if freq == "quarter":
        return format_date(date, "QQQ y", locale=lang)
    if freq == "year":
        return str(date.year)
    return format_date(date, "LLLL y", locale=lang)
