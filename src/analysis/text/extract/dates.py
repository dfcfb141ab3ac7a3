"""Dates in a sentence, resolved against the article date ('on Wednesday', 'у лютому')."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.text import parse, rules
from analysis.text.extract.common import FLAGS, rx


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence: its ledger text ('2025-06-11', '~2025-06-09', '2025-02')."""

    start: int
    end: int
    value: str
    quality: str  # explicit, relative or approximate
    as_of: bool = False


def _month_number(word: str) -> int:
    """Month number of a month name matched by rules.MONTHS."""
    return next(i for i, p in enumerate(rules.MONTHS, 1) if re.fullmatch(p, word, FLAGS))


def _weekday_number(word: str) -> int:
    """Monday=0 ... of a weekday name matched by rules.WEEKDAYS."""
    return next(i for i, p in enumerate(rules.WEEKDAYS) if re.fullmatch(p, word, FLAGS))


def _past_day(article: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    """The day in `year`, else the latest such day not after the article date."""
    base = int(year) if year else article.year
    try:
        value = dt.date(base, month, day)
    except ValueError:
        return None
    if not year and value > article:
        value = value.replace(year=base - 1)
    return value


def _past_month(article: dt.date, month: int, year: str | None) -> str:
    """'YYYY-MM' of a month: in `year`, else this year unless that is after the article month."""
    base = int(year) if year else article.year - (month > article.month)
    return f"{base}-{month:02d}"


_MONTH = "|".join(rules.MONTHS)
_WEEKDAY = "|".join(rules.WEEKDAYS)
_OFFSET = rf"(?:{rules.OFFSET_NUMBERS})"
_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", rx(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dotted", rx(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    ("month_day", rx(rf"(?<!\w)(?P<month>{_MONTH})\.? (?P<d>\d{{1,2}})(?:{rules.ORDINAL_SUFFIX})?(?!\d)(?:,? (?P<y>\d{{4}}))?")),
    ("day_month", rx(rf"(?<![\w.,])(?P<d>\d{{1,2}})(?:{rules.DAY_SUFFIX})? (?:of )?(?P<month>{_MONTH})(?!\w)(?:,? (?P<y>\d{{4}}))?(?: (?:{rules.YEAR_WORDS}))?")),
    ("month_year", rx(rf"(?<!\w)(?P<month>{_MONTH}) (?P<y>\d{{4}})(?!\d)(?: (?:{rules.YEAR_WORDS}))?")),
    ("in_month", rx(rf"(?<!\w)(?:{rules.IN_WORDS}) (?:{rules.MONTH_PART})?(?P<month>{_MONTH})(?!\w)")),
    ("in_month", rx(rf"(?<!\w)(?:{rules.MONTH_PART_OF}) (?P<month>{_MONTH})(?!\w)")),
    ("before_yesterday", rx(rf"(?<!\w)(?:{rules.DAY_BEFORE_YESTERDAY})(?!\w)")),
    ("days_before", rx(rf"(?<!\w)(?:{rules.DAYS_BEFORE.format(n=_OFFSET)})(?!\w)")),
    ("days_after", rx(rf"(?<!\w)(?:{rules.DAYS_AFTER.format(n=_OFFSET)})(?!\w)")),
    ("weekday_last_week", rx(rf"(?<!\w)(?:{rules.ON_WORDS})?(?P<weekday>{_WEEKDAY})(?: of)? (?:{rules.LAST_WEEK})(?!\w)")),
    ("weekday_last_week", rx(rf"(?<!\w)(?:{rules.LAST_WEEK}),? (?:{rules.ON_WORDS})?(?P<weekday>{_WEEKDAY})(?!\w)")),
    ("last_weekday", rx(rf"(?<!\w)(?:{rules.LAST_WEEKDAY_PREFIX}) (?P<weekday>{_WEEKDAY})(?!\w)")),
    ("weekday", rx(rf"(?<!\w)(?P<weekday>{_WEEKDAY})(?!\w)")),
    ("today", rx(rf"(?<!\w)(?P<offset>{'|'.join(rules.DAY_OFFSETS)})(?!\w)")),
    ("then", rx(rf"(?<!\w)(?:{rules.THEN_WORDS})(?!\w)")),
    ("last_week", rx(rf"(?<!\w)(?:{rules.LAST_WEEK})(?!\w)")),
    ("last_month", rx(rf"(?<!\w)(?:{rules.LAST_MONTH})(?!\w)")),
    ("last_named_month", rx(rf"(?<!\w)(?:{rules.LAST_MONTH_NAMED}) (?P<month>{_MONTH})(?!\w)")),
    ("this_week", rx(rf"(?<!\w)(?:{rules.THIS_WEEK})(?!\w)")),
    ("this_month", rx(rf"(?<!\w)(?:{rules.THIS_MONTH})(?!\w)")),
    ("last_year", rx(rf"(?<!\w)(?:{rules.LAST_YEAR})(?!\w)")),
    ("year", rx(rf"(?<!\w)(?:{rules.YEAR_PREFIX}) (?P<y>(?:19|20)\d{{2}})(?!\d)(?: (?:{rules.YEAR_IN_WORDS}))?")),
)  # fmt: skip
_SHORT_DATE_RE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])")  # 24.02.22
_PERIOD_START_RE = rx(rf"(?<!\w)(?:{rules.PERIOD_START})(?: (?:{rules.PERIOD_PART}))? $")
_PERIOD_CLAUSE_RE = rx(rf"(?<!\w)(?:{rules.PERIOD_CLAUSE})(?!\w)[^,;:]*$")
_AS_OF_RE = rx(rf"(?<!\w)(?:{rules.AS_OF}) $")
# "з 1 до 17 квітня", "с 1 по 12 марта", "from 1 to 17 April": the end of a period, no figure's date.
_PERIOD_END_RE = rx(rf"(?<!\w)(?:{rules.PERIOD_START})\s+\d{{1,2}}\s*(?:{rules.PERIOD_TO})\s*$")
_POSSESSIVE_RE = rx(rf"^{rules.POSSESSIVE}")


def _offset_days(text: str) -> int:
    """The number of days in 'two days earlier', 'за три дні до того'; 1 when none is written."""
    for token in text.split():
        try:
            return int(parse.parse_number("one" if token.lower() == "a" else token))
        except parse.NormaliseError:
            continue
    return 1


def _approximate(day: dt.date) -> tuple[str, str]:
    """A day worked out from another date: '~YYYY-MM-DD', relative."""
    return f"~{day.isoformat()}", "relative"


def _date_value(
    kind: str, match: re.Match[str], article: dt.date, anchor: dt.date
) -> tuple[str, str] | None:
    """(ledger date text, quality) of one date match, resolved against the article date.

    Offsets such as 'two days earlier' count from `anchor`, the date of the figure told before.
    """
    g = match.groupdict()
    if kind in {"days_before", "days_after"}:
        sign = -1 if kind == "days_before" else 1
        return _approximate(anchor + dt.timedelta(days=sign * _offset_days(match.group(0))))
    if kind == "weekday_last_week":
        monday = article - dt.timedelta(days=article.weekday() + 7)
        return _approximate(monday + dt.timedelta(days=_weekday_number(g["weekday"])))
    if kind == "last_weekday":
        back = (article.weekday() - _weekday_number(g["weekday"])) % 7 or 7
        return _approximate(article - dt.timedelta(days=back))
    if kind == "before_yesterday":
        return _approximate(article - dt.timedelta(days=2))
    if kind in {"iso", "dotted"}:
        day = (
            _past_day(article, int(g["m"]), int(g["d"]), g["y"]) if 1 <= int(g["m"]) <= 12 else None
        )
        return (day.isoformat(), "explicit") if day else None
    if kind in {"month_day", "day_month"}:
        day = _past_day(article, _month_number(g["month"]), int(g["d"]), g.get("y"))
        return (day.isoformat(), "explicit") if day else None
    if kind in {"month_year", "in_month"}:
        return _past_month(article, _month_number(g["month"]), g.get("y")), "explicit"
    if kind == "weekday":
        back = (article.weekday() - _weekday_number(g["weekday"])) % 7
        day = article - dt.timedelta(days=back)
        return (day.isoformat(), "explicit") if back == 0 else (f"~{day.isoformat()}", "relative")
    if kind == "then":  # the day told before, when the text told one
        return (f"~{anchor.isoformat()}", "anchored") if anchor != article else None
    if kind == "today":
        offset = next(
            v for p, v in rules.DAY_OFFSETS.items() if re.fullmatch(p, g["offset"], FLAGS)
        )
        day = article - dt.timedelta(days=offset)
        return (day.isoformat(), "explicit") if offset == 0 else (f"~{day.isoformat()}", "relative")
    if kind == "last_week":
        return f"~{(article - dt.timedelta(days=7)).isoformat()}", "approximate"
    if kind == "last_named_month":
        month = _month_number(g["month"])
        return f"{article.year - (month >= article.month)}-{month:02d}", "relative"
    if kind == "this_week":
        return f"~{(article - dt.timedelta(days=1)).isoformat()}", "approximate"
    if kind == "last_month":
        month = article.replace(day=1) - dt.timedelta(days=1)
        return f"{month.year}-{month.month:02d}", "relative"
    if kind == "this_month":
        return f"{article.year}-{article.month:02d}", "relative"
    if kind == "last_year":
        return str(article.year - 1), "relative"
    return g["y"], "explicit"


def find_dates(sentence: str, article: dt.date, anchor: dt.date | None = None) -> list[DateMention]:
    """Dates in a sentence that can date a figure (not period starts or possessives), by position.

    `anchor` is the date offsets like 'the day before' count from (default: the article date).
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_RES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            before = sentence[max(0, match.start() - 30) : match.start()]
            if (
                _PERIOD_START_RE.search(before)
                or _PERIOD_END_RE.search(before)
                or _PERIOD_CLAUSE_RE.search(sentence[: match.start()])
                or _POSSESSIVE_RE.match(sentence[match.end() :])
            ):
                continue
            resolved = _date_value(kind, match, article, anchor or article)
            if resolved:
                as_of = bool(_AS_OF_RE.search(before))
                found.append(DateMention(*match.span(), *resolved, as_of=as_of))
    if any(d.quality != "anchored" for d in found):  # "у вересні 2022 року — тоді": that date
        found = [d for d in found if d.quality != "anchored"]
    return sorted(found, key=lambda d: d.start)


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of every date-like expression, so their digits are not read as counts."""
    spans = [m.span() for _, p in _DATE_RES for m in p.finditer(sentence)]
    return spans + [m.span() for m in _SHORT_DATE_RE.finditer(sentence)]
