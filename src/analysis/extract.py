"""News text → candidate ledger rows (exchanges, repatriations, casualty statements) for review.

Deterministic rules over English, Ukrainian and Russian text; the vocabularies live in
`analysis.extract_rules` and numbers, dates and qualifiers are parsed by `analysis.normalise`.
What it can and cannot do is documented in docs/extract.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from analysis import extract_rules as rules
from analysis import normalise
from analysis.errors import InputError
from analysis.ingest.adapters.csvfile import read_text
from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS

EXTRA_COLUMNS = ("sentence", "confidence")
COLUMNS = {"events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS}
OTHER_SIDE = {"ukraine": "russia", "russia": "ukraine"}
# Confidence starts at 1 and loses these amounts for each field that was guessed, not read.
PENALTY = {
    "side_fallback": 0.3, "side_unknown": 0.4,
    "claimant_nearby": 0.15, "claimant_document": 0.25, "claimant_unknown": 0.4,
    "date_article": 0.1, "date_relative": 0.05, "date_approximate": 0.15,
}  # fmt: skip
WINDOW_WORDS = 10  # words either side of a number that describe it
NEAR_WORDS = 5  # words after a number that name what it counts
HEADLINE_ROUNDING = 0.1  # a headline figure this close to a body figure repeats it

FLAGS = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    """Case-insensitive regex."""
    return re.compile(pattern, FLAGS)


def _words(pattern: str) -> re.Pattern[str]:
    """Case-insensitive regex matching the alternatives as whole words."""
    return _rx(rf"(?<!\w)(?:{pattern})(?!\w)")


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of the article's plain text; headings carry no figures of their own."""

    text: str
    heading: bool = False


class _HTMLText(HTMLParser):
    """Collects the visible text of an HTML page as lines, plus its date and canonical URL."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "title",
            "article",
            "section",
            "header",
            "blockquote",
        ]
    )
    HIDDEN = frozenset({"script", "style", "noscript", "nav", "footer"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.hidden = 0
        self.heading = False
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        text = normalise.clean_text("".join(self.parts))
        if text:
            self.lines.append(Line(text, self.heading))
        self.parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self._flush()
            self.heading = tag in {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
        if tag == "meta" and values.get("property", values.get("name")) in {
            "article:published_time", "date", "og:url", "pubdate"
        }:  # fmt: skip
            self.meta[values.get("property") or values.get("name", "")] = values.get("content", "")
        if tag == "link" and values.get("rel") == "canonical":
            self.meta["canonical"] = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self._flush()
            self.heading = False

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_MD_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")
_HTML_RE = re.compile(r"<(?:html|body|p|div|article|h1)\b", FLAGS)
_URL_LINE_RE = _rx(r"^(?:original url|url|source|джерело|источник)?\s*:?\s*<?(https?://[^\s>]+)>?$")
_URL_LABEL_RE = _rx(r"^(?:original url|url|source|джерело|источник)\s*:$")
_SKIP_LINE_RE = _rx(
    r"^(?:related article|read also|see also|читайте також|читайте также|фото|photo)\b"
)
# "MOSCOW, December 30, 2024", "KYIV, Ukraine, May 24, 2025", "Geneva, 10 September 2025"
_DATELINE_RE = re.compile(r"^(?:[A-ZА-ЯІЇЄҐ][^\W\d]*(?:[ .'-]+[^\W\d]+)*,\s*){1,2}")
_TIME_RE = re.compile(r",?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|utc|gmt|\(.*\))?$", FLAGS)


def markdown_lines(text: str) -> list[Line]:
    """Plain-text or Markdown lines: links become their text, '#' lines are headings."""
    lines = []
    for raw in text.splitlines():
        heading = raw.lstrip().startswith("#")
        cleaned = normalise.clean_text(_MD_EMPHASIS_RE.sub("", _MD_LINK_RE.sub(r"\1", raw)))
        cleaned = cleaned.lstrip("#> ").strip()
        if cleaned:
            lines.append(Line(cleaned, heading))
    return lines


def html_lines(text: str) -> tuple[list[Line], dict[str, str]]:
    """Visible text lines of an HTML page, and its date/URL meta tags."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines, parser.meta


def _line_date(text: str) -> dt.date | None:
    """The date a line consists of ('June 11, 2025', '11 червня 2025, 14:30'), else None."""
    try:
        value = normalise.parse_date(_TIME_RE.sub("", _DATELINE_RE.sub("", text)).strip(" ,|"))
    except normalise.NormaliseError:
        return None
    return value.date if value.precision == "day" else None


@dataclass
class Article:
    """An article's text lines, publication date and URL."""

    lines: list[Line]
    date: dt.date | None = None
    url: str | None = None


def _metadata_line(line: Line) -> tuple[str, str] | None:
    """('url', value) or ('date', iso) when a line only carries metadata."""
    url = _URL_LINE_RE.match(line.text)
    if url:
        return "url", url.group(1)
    day = _line_date(line.text)
    return ("date", day.isoformat()) if day else None


def parse_article(text: str) -> Article:
    """Split raw text (plain, Markdown or HTML) into lines and read its date and URL lines."""
    meta: dict[str, str] = {}
    if _HTML_RE.search(text[:2000]):
        lines, html_meta = html_lines(text)
        meta["url"] = html_meta.get("canonical") or html_meta.get("og:url") or ""
        published = html_meta.get("article:published_time") or html_meta.get("date") or ""
        meta["date"] = published[:10]
    else:
        lines = markdown_lines(text)
    kept: list[Line] = []
    for line in lines:
        found = _metadata_line(line)
        if found:
            meta[found[0]] = meta.get(found[0]) or found[1]
        elif not (_URL_LABEL_RE.match(line.text) or _SKIP_LINE_RE.match(line.text)):
            kept.append(line)
    date = _iso_date(meta["date"]) if meta.get("date") else None
    return Article(kept, date, meta.get("url") or None)


def _iso_date(text: str) -> dt.date | None:
    """A YYYY-MM-DD date, None when it does not parse."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def read_input(source: str) -> str:
    """The text of FILE, or of standard input for '-'."""
    if source == "-":
        return sys.stdin.read()
    return read_text(Path(source))


# --- sentences --------------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”»]?\s+(?=[\"“«(]?[A-ZА-ЯІЇЄҐ0-9])")
_ABBREVIATION_RE = _rx(
    r"(?:\b(?:mr|mrs|ms|dr|gen|lt|col|st|jan|feb|aug|sept|oct|nov|dec|no|vs|u\.s|u\.k|тис|тыс|млн|р|г|ст|им)\.)$"
)


def split_sentences(lines: list[Line], headings: bool = False) -> list[str]:
    """Sentences of the non-heading lines (of the headings with `headings`), in order."""
    sentences: list[str] = []
    for line in lines:
        if line.heading != headings:
            continue
        start = 0
        for match in _SENTENCE_END_RE.finditer(line.text):
            if _ABBREVIATION_RE.search(line.text[start : match.start()]):
                continue
            sentences.append(line.text[start : match.start()].strip())
            start = match.end()
        sentences.append(line.text[start:].strip())
    return [s.replace("’", "'").replace("ʼ", "'") for s in sentences if s]


# --- dates ------------------------------------------------------------------------------------


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
_OFFSET = (
    r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|ten|два|дві|три|чотири|п'ять|две|четыре|пять)"
)
_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _rx(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dotted", _rx(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    ("month_day", _rx(rf"(?<!\w)(?P<month>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,? (?P<y>\d{{4}}))?")),
    ("day_month", _rx(rf"(?<![\w.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th|-?го)? (?:of )?(?P<month>{_MONTH})(?!\w)(?:,? (?P<y>\d{{4}}))?(?: (?:року|р\.|года|г\.))?")),
    ("month_year", _rx(rf"(?<!\w)(?P<month>{_MONTH}) (?P<y>\d{{4}})(?!\d)(?: (?:року|р\.|года|г\.))?")),
    ("in_month", _rx(rf"(?<!\w)(?:in|у|в|во) (?:early |late |mid-)?(?P<month>{_MONTH})(?!\w)")),
    ("before_yesterday", _rx(rf"(?<!\w)(?:{rules.DAY_BEFORE_YESTERDAY})(?!\w)")),
    ("days_before", _rx(rf"(?<!\w)(?:{rules.DAYS_BEFORE.format(n=_OFFSET)})(?!\w)")),
    ("days_after", _rx(rf"(?<!\w)(?:{rules.DAYS_AFTER.format(n=_OFFSET)})(?!\w)")),
    ("weekday_last_week", _rx(rf"(?<!\w)(?:on |в |у |во )?(?P<weekday>{_WEEKDAY})(?: of)? (?:{rules.LAST_WEEK})(?!\w)")),
    ("weekday_last_week", _rx(rf"(?<!\w)(?:{rules.LAST_WEEK}),? (?:on |в |у |во )?(?P<weekday>{_WEEKDAY})(?!\w)")),
    ("last_weekday", _rx(rf"(?<!\w)(?:{rules.LAST_WEEKDAY_PREFIX}) (?P<weekday>{_WEEKDAY})(?!\w)")),
    ("weekday", _rx(rf"(?<!\w)(?P<weekday>{_WEEKDAY})(?!\w)")),
    ("today", _rx(rf"(?<!\w)(?P<offset>{'|'.join(rules.DAY_OFFSETS)})(?!\w)")),
    ("last_week", _rx(rf"(?<!\w)(?:{rules.LAST_WEEK})(?!\w)")),
    ("last_month", _rx(rf"(?<!\w)(?:{rules.LAST_MONTH})(?!\w)")),
    ("this_month", _rx(rf"(?<!\w)(?:{rules.THIS_MONTH})(?!\w)")),
    ("last_year", _rx(rf"(?<!\w)(?:{rules.LAST_YEAR})(?!\w)")),
    ("year", _rx(r"(?<!\w)(?:in|у|в|during|late|early) (?P<y>(?:19|20)\d{2})(?!\d)(?: (?:році|року|году|г\.))?")),
)  # fmt: skip
_SHORT_DATE_RE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])")  # 24.02.22
_PERIOD_START_RE = _rx(
    rf"(?<!\w)(?:{rules.PERIOD_START})(?: (?:late|early|mid|the end of|кінця|конца))? $"
)
_AS_OF_RE = _rx(rf"(?<!\w)(?:{rules.AS_OF}) $")
_POSSESSIVE_RE = _rx(rf"^{rules.POSSESSIVE}")


def _offset_days(text: str) -> int:
    """The number of days in 'two days earlier', 'за три дні до того'; 1 when none is written."""
    for token in text.split():
        try:
            return int(normalise.parse_number("one" if token.lower() == "a" else token))
        except normalise.NormaliseError:
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
    if kind == "today":
        offset = next(
            v for p, v in rules.DAY_OFFSETS.items() if re.fullmatch(p, g["offset"], FLAGS)
        )
        day = article - dt.timedelta(days=offset)
        return (day.isoformat(), "explicit") if offset == 0 else (f"~{day.isoformat()}", "relative")
    if kind == "last_week":
        return f"~{(article - dt.timedelta(days=7)).isoformat()}", "approximate"
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
            if _PERIOD_START_RE.search(before) or _POSSESSIVE_RE.match(sentence[match.end() :]):
                continue
            resolved = _date_value(kind, match, article, anchor or article)
            if resolved:
                as_of = bool(_AS_OF_RE.search(before))
                found.append(DateMention(*match.span(), *resolved, as_of=as_of))
    return sorted(found, key=lambda d: d.start)


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of every date-like expression, so their digits are not read as counts."""
    spans = [m.span() for _, p in _DATE_RES for m in p.finditer(sentence)]
    return spans + [m.span() for m in _SHORT_DATE_RE.finditer(sentence)]


# --- numbers ----------------------------------------------------------------------------------

_SCALE = r"(?:\s?k(?!\w)|\s(?:thousand|million|тис\.|тис|тисяч[іа]?|тыс\.|тыс|тысяч[иа]?|млн\.?|мільйон\w*|миллион\w*)(?!\w))"
_DIGITS = r"\d{1,3}(?:(?:,|\.| )\d{3})+|\d+(?:[.,]\d+)?"
_WORD = "|".join(re.escape(w) for w in normalise.NUMBER_WORDS)
_NUMBER_RE = _rx(
    rf"(?<![\w.,])(?:(?P<digits>{_DIGITS}){_SCALE}?\+?(?![\w])"
    rf"|(?P<words>(?:a )?(?:{_WORD})(?:(?: and |[ -])(?:{_WORD}))*)(?!\w))"
)
_RANGE_GAP_RE = _rx(r"^\s*(?:-|–|—|to|до)\s*$")
_RANGE_AND_RE = _rx(r"^\s*(?:and|і|та|и)\s*$")
_RANGE_START_RE = _rx(r"(?:between|from|між|від|от|между)\s*$")
_HANDED_OVER_RE = _rx(r"(?:hand|handed|handing|hands|turned|passed|took|taken)\s+$")


@dataclass(frozen=True)
class Mention:
    """A figure in a sentence: its span (with qualifier words) and parsed value."""

    start: int
    end: int
    figure: normalise.Figure
    number_start: int  # where the digits or number words begin (after the qualifier)


def _qualified(sentence: str, start: int, end: int) -> tuple[int, str]:
    """Start of the qualifier words before sentence[start:end] and the qualifier they give."""
    if sentence[start:end].endswith("+"):
        return start, "at_least"
    words = list(re.finditer(r"\S+", sentence[:start]))[-3:]
    for first in range(len(words)):
        phrase = sentence[words[first].start() : start].strip()
        if phrase.lower() == "over" and _HANDED_OVER_RE.search(sentence[: words[first].start()]):
            continue
        try:
            qualifier = normalise.parse_qualifier(phrase)
        except normalise.NormaliseError:
            continue
        return words[first].start(), qualifier
    return start, "exact"


def _mention(sentence: str, start: int, end: int) -> Mention | None:
    """The figure at sentence[start:end] with its qualifier words, None when it does not parse."""
    begin, qualifier = _qualified(sentence, start, end)
    try:
        value = normalise.parse_number(sentence[start:end].rstrip("+"))
    except normalise.NormaliseError:
        return None
    return Mention(begin, end, normalise.Figure(value, qualifier), start)


def _range(sentence: str, first: Mention, second: Mention) -> Mention | None:
    """The two figures as one range ('40-50 thousand', 'between 1,000 and 1,200'), or None."""
    gap = sentence[first.end : second.number_start]
    opener = _RANGE_START_RE.search(sentence[: first.number_start])
    if not (_RANGE_GAP_RE.match(gap) or (_RANGE_AND_RE.match(gap) and opener)):
        return None
    if first.figure.qualifier != "exact":
        return None
    start = opener.start() if opener else first.number_start
    try:
        figure = normalise.parse_figure(sentence[start : second.end])
    except normalise.NormaliseError:
        return None
    return (
        Mention(start, second.end, figure, first.number_start)
        if figure.qualifier == "range"
        else None
    )


def find_figures(sentence: str) -> list[Mention]:
    """Numbers in a sentence, outside dates, with qualifiers; adjacent pairs merged into ranges."""
    blocked = date_spans(sentence)
    mentions: list[Mention] = []
    for match in _NUMBER_RE.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in blocked):
            continue
        found = _mention(sentence, *match.span())
        if found and not (match["words"] and found.figure.value == 1):  # "one of", "один з"
            mentions.append(found)
    merged: list[Mention] = []
    for mention in mentions:
        joined = _range(sentence, merged[-1], mention) if merged else None
        if joined:
            merged[-1] = joined
        else:
            merged.append(mention)
    return merged


# --- claimants and sides ------------------------------------------------------------------------

_CLAIMANT_RES = [(c, _rx(c.pattern)) for c in rules.CLAIMANTS]
_MEDIATOR_RES = [_rx(p) for p in rules.MEDIATOR_PATTERNS]


def find_mediator(sentence: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The mediator named in a sentence (UAE, Turkey, ...) and the spans naming it."""
    for pattern in _MEDIATOR_RES:
        match = pattern.search(sentence)
        if match:
            return rules.MEDIATOR_NAMES[match["name"].lower()], [match.span()]
    return None, []


def find_claimants(sentence: str) -> list[rules.Claimant]:
    """Known claimants named in a sentence, in order of appearance, mediators and weak names aside."""
    _, mediated = find_mediator(sentence)
    found: list[tuple[int, rules.Claimant]] = []
    taken: list[tuple[int, int]] = list(mediated)
    for claimant, pattern in _CLAIMANT_RES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), claimant))
    ordered = [c for _, c in sorted(found, key=lambda item: item[0])]
    strong = [c for c in ordered if not c.weak]
    unique = list(dict.fromkeys(strong or ordered))
    return unique


_SIDE_RES = {side: _words(p) for side, p in rules.SIDE_WORDS.items()}
_SIDE_ANY = "|".join(rules.SIDE_WORDS.values())
_GAP = rf"(?:(?!(?:{_SIDE_ANY})(?!\w))\S+\s+){{0,{rules.SUBJECT_GAP_WORDS}}}?"  # words, no side
_RECEIVER_RE = _rx(
    rf"(?<!\w)(?P<side>{_SIDE_ANY})(?:'s| side| сторона)?\s+{_GAP}(?:{rules.RECEIVE_VERBS})(?!\w)"
)
_GIVER_RE = _rx(
    rf"(?<!\w)(?P<side>{_SIDE_ANY})(?:'s| side| сторона)?\s+{_GAP}(?:{rules.GIVE_VERBS})(?!\w)(?!\s+(?:{rules.HOME_WORDS}))"
)
_DATIVE_RES = {
    side: _rx(rf"(?<!\w)(?:{dative})\s+(?:\S+\s+)?(?:{rules.TRANSFER_VERBS})(?!\w)"
              rf"|(?<!\w)(?:{rules.TRANSFER_VERBS})\s+(?:{dative})(?!\w)")
    for side, dative in rules.SIDE_DATIVE.items()
}  # fmt: skip
_TO_SIDE_RE = _rx(
    rf"(?:{rules.GIVE_VERBS}|{rules.EXCHANGE_WORDS})\s+(?:\S+\s+){{0,3}}?{rules.TO_SIDE}(?P<side>{_SIDE_ANY})"
)
_FROM_RE = _rx(rf"(?<!\w)(?:{rules.FROM_WORDS})\s+$")
_OUR_RE = _rx(rules.OUR_WORDS)


def side_of(text: str) -> str | None:
    """ukraine/russia when `text` starts with a side word, else None."""
    for side, pattern in _SIDE_RES.items():
        if pattern.match(text):
            return side
    return None


def _sides_in(text: str) -> list[tuple[int, str]]:
    """(position, side) of every side word in a text."""
    found = [(m.start(), side) for side, p in _SIDE_RES.items() for m in p.finditer(text)]
    return sorted(found)


def nationality(text: str) -> str | None:
    """The first side named in `text`; 'from Russia(n captivity)' names the other side."""
    for position, side in _sides_in(text):
        if _WITH_RE.search(text[:position]):
            continue
        if _FROM_RE.search(text[:position]):
            return OTHER_SIDE[side]
        return side
    return None


# --- classification ---------------------------------------------------------------------------

_CLAUSE_END_RE = re.compile(r"[;()]|,\s(?!\d{3})|\.\s|\.$")
_BODY_RE = _words(rules.BODY_WORDS)
_PEOPLE_RE = _words(rules.PRISONER_WORDS)
_CIVILIAN_RE = _words(rules.CIVILIAN_WORDS)
_CHILD_RE = _words(rules.CHILD_WORDS)
_WOUNDED_RE = _words(rules.WOUNDED_TRANSFER_WORDS)
_NAMES_RE = _words(rules.NAME_WORDS)
_EXCHANGE_RE = _words(rules.EXCHANGE_WORDS)
_COMPLETED_RE = _rx(rules.COMPLETED_WORDS)
_AGREEMENT_RE = _words(rules.AGREEMENT_WORDS)
_EACH_RE = _words(rules.EACH_SIDE_WORDS)
_TOTAL_RE = _words(rules.TOTAL_WORDS)
_SUBSET_RE = _words(rules.SUBSET_WORDS)
_METRIC_RES = [(metric, _words(p)) for metric, p in rules.CASUALTY_METRICS]
_PROPOSAL_RE = _words(rules.PROPOSAL_WORDS)
_ENEMY_RE = _words(rules.ENEMY_WORDS)
_HOME_RE = _words(rules.HOME_WORDS)
_WITH_RE = _rx(r"(?<!\w)with\s+(?:the\s+)?$")
_DATIVE_SIDE_RE = _rx(rf"(?<!\w)(?P<side>{_SIDE_ANY})\s+(?:стороні|стороне)(?!\w)")
_TO_BEFORE_RE = _rx(rf"(?<!\w){rules.TO_SIDE}$")
_INDEPENDENT_RE = _rx(r"independent|незалежн\w*|независим\w*")
_CHANGE_RE = _rx(rf"(?<!\w)(?:{rules.CHANGE_WORDS})\s*$")
_NOT_PEOPLE_RE = _rx(rf"^(?:{rules.NOT_PEOPLE_WORDS})(?!\w)")
_SAID_RE = _rx(rf"(?<!\w)(?:{rules.SAYING_WORDS})\s+$")
_FOR_RE = _rx(r"^\s*(?:-|\s)?(?:for|на)(?:-|\s)?\s*$")


@dataclass(frozen=True)
class Context:
    """The words around a figure: its clause before and after, and the nearest words."""

    before: str
    after: str
    near_after: str
    near_before: str
    clause_before: str  # the whole clause before the figure, for its subject


def context(sentence: str, mention: Mention) -> Context:
    """Clause text around a figure, cut at clause punctuation and WINDOW_WORDS words."""
    head = sentence[: mention.start]
    cuts = list(_CLAUSE_END_RE.finditer(head))
    before = head[cuts[-1].end() :] if cuts else head
    tail = sentence[mention.end :]
    cut = _CLAUSE_END_RE.search(tail)
    after = tail[: cut.start()] if cut else tail
    before_words, after_words = before.split(), after.split()
    return Context(
        " ".join(before_words[-WINDOW_WORDS:]),
        " ".join(after_words[:WINDOW_WORDS]),
        " ".join(after_words[:NEAR_WORDS]),
        " ".join(before_words[-3:]),
        before,
    )


def metric_of(ctx: Context) -> tuple[str, bool] | None:
    """The casualty metric the figure's clause names and whether it directly follows the figure."""
    first_words = " ".join(ctx.after.split()[:2])
    for text in (ctx.after, ctx.before):
        for metric, pattern in _METRIC_RES:
            if pattern.search(text):
                return metric, bool(pattern.match(first_words)) or text is ctx.before
    return None


def event_type(ctx: Context) -> str:
    """pow_exchange, child_return, civilian_return or wounded_transfer from the counted noun.

    The noun nearest after the figure decides ("185 soldiers and five civilians": soldiers).
    """
    kinds = (("child_return", _CHILD_RE), ("civilian_return", _CIVILIAN_RE),
             ("wounded_transfer", _WOUNDED_RE), ("pow_exchange", _PEOPLE_RE))  # fmt: skip
    for text in (ctx.near_after, ctx.near_before):
        found = [(m.start(), kind) for kind, p in kinds for m in [p.search(text)] if m]
        if found:
            return min(found)[1]
    return "pow_exchange"


def classify(sentence: str, mention: Mention) -> tuple[str, str, Context] | None:
    """('events', event_type) or ('claims', metric) for a figure, None when it counts neither."""
    ctx = context(sentence, mention)
    near = f"{ctx.near_before} {ctx.near_after}"
    if _SUBSET_RE.search(ctx.near_before) or _CHANGE_RE.search(ctx.near_before):
        return None
    if _NOT_PEOPLE_RE.match(ctx.near_after):
        return None
    exchange = bool(_EXCHANGE_RE.search(sentence)) and not _TOTAL_RE.search(
        f"{ctx.before} {ctx.after}"
    )
    if exchange and _PROPOSAL_RE.search(ctx.before):
        return None
    if _BODY_RE.search(near) and exchange:
        return "events", "body_repatriation", ctx
    if _NAMES_RE.search(f"{ctx.near_before} {ctx.near_after}"):
        return "claims", "names_identified", ctx
    counted = _PEOPLE_RE.search(near) or _CIVILIAN_RE.search(near) or _CHILD_RE.search(near)
    if exchange and counted and _WOUNDED_RE.search(near):
        return "events", "wounded_transfer", ctx
    found = metric_of(ctx)
    if found and (counted or found[1]) and not (exchange and found[0] == "captured"):
        return "claims", found[0], ctx
    if counted and exchange:
        return "events", event_type(ctx), ctx
    return None


def receiver(ctx: Context, claimant_side: str | None) -> tuple[list[str], str]:
    """The receiving side(s) of an event figure and how it was found (read, fallback, unknown)."""
    if _EACH_RE.search(ctx.near_after) or re.search(
        r"each side|кожн\w* сторон|кажд\w* сторон", ctx.before, FLAGS
    ):
        return ["ukraine", "russia"], "read"
    side = nationality(ctx.after)
    if side:
        return [side], "read"
    dative = list(_DATIVE_SIDE_RE.finditer(ctx.before))
    if dative and side_of(dative[-1]["side"]):
        return [side_of(dative[-1]["side"]) or ""], "read"
    addressed_to = [(m.end(), s) for s, p in _DATIVE_RES.items() for m in p.finditer(ctx.before)]
    if addressed_to:
        return [max(addressed_to)[1]], "read"
    for pattern, flip in ((_RECEIVER_RE, False), (_GIVER_RE, True)):
        matches = list(pattern.finditer(ctx.clause_before))
        if matches:
            side = side_of(matches[-1]["side"])
            addressed = _TO_BEFORE_RE.search(ctx.clause_before[: matches[-1].start()])
            if side:
                return [OTHER_SIDE[side] if flip and not addressed else side], "read"
    if _HOME_RE.search(ctx.after) and nationality(ctx.before):
        return [nationality(ctx.before) or ""], "read"
    to_side = _TO_SIDE_RE.search(f"{ctx.before} {ctx.after}")
    if to_side and side_of(to_side["side"]):
        return [side_of(to_side["side"]) or ""], "read"
    if claimant_side in OTHER_SIDE:
        return [claimant_side], "read" if _OUR_RE.search(ctx.near_after) else "fallback"
    return [""], "unknown"


def subject(ctx: Context, sentence: str, claimant_side: str, previous: str) -> tuple[str, str]:
    """The claims subject (ukraine_military, russia_civilian, ...) and how it was found.

    The side is the one named near the figure, else the claimant's enemy when the text says
    'the enemy', else the previous claim's subject in the text (a fallback).
    """
    side = nationality(ctx.after) or nationality(ctx.before) or nationality(sentence)
    if side is None and claimant_side in OTHER_SIDE and _ENEMY_RE.search(sentence):
        side = OTHER_SIDE[claimant_side]
    near = f"{ctx.near_before} {ctx.near_after}"
    group = (
        "civilian" if _CIVILIAN_RE.search(near) else "military" if _PEOPLE_RE.search(near) else None
    )
    before_side, _, before_group = previous.partition("_")
    how = "read" if side else "fallback" if before_side else "unknown"
    side = side or before_side
    group = group or before_group or "military"
    return (f"{side}_{group}", how) if side else ("", how)


def status(sentence: str) -> str:
    """agreed when the sentence is about a deal and reports nothing as done, else completed."""
    if _AGREEMENT_RE.search(sentence) and not _COMPLETED_RE.search(sentence):
        return "agreed"
    return "completed"


# --- candidates -------------------------------------------------------------------------------


@dataclass
class Candidate:
    """One proposed ledger row: its table, ledger cells, source sentence and confidence."""

    table: str
    row: dict[str, str]
    sentence: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    undated: bool = False  # no date in its sentence: the article date was used

    def figure(self) -> tuple[str, ...]:
        """What the figure is, whatever its date: table, type or metric, side or subject, value."""
        r = self.row
        if self.table == "events":
            return ("events", r["event_type"], r["received_by"], r["count"])
        return ("claims", r["metric"], r["subject"], r["value"])

    def key(self) -> tuple[str, ...]:
        """What makes two candidates the same figure."""
        r = self.row
        if self.table == "events":
            return (
                "events",
                r["date"],
                r["event_type"],
                r["received_by"],
                r["count"],
                r["qualifier"],
            )
        return ("claims", r["claim_date"], r["subject"], r["metric"], r["value"], r["qualifier"])


@dataclass(frozen=True)
class Attribution:
    """Who a figure is attributed to and where that was found (sentence, nearby, document, unknown)."""

    claimants: tuple[rules.Claimant, ...]
    found: str

    @property
    def name(self) -> str:
        return "; ".join(c.name for c in self.claimants)

    @property
    def side(self) -> str:
        return self.claimants[0].side if self.claimants else ""

    @property
    def kind(self) -> str:
        return self.claimants[0].kind if self.claimants else "official_claim"


def attribution(sentences: list[str], index: int) -> Attribution:
    """Claimants of sentence `index`: its own, else the next or previous sentence's, else the text's."""
    own = find_claimants(sentences[index])
    if own:
        return Attribution(tuple(own), "sentence")
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(sentences):
            found = find_claimants(sentences[neighbour])
            if found:
                return Attribution(tuple(found), "nearby")
    for sentence in sentences:
        found = find_claimants(sentence)
        if found:
            return Attribution(tuple(found[:1]), "document")
    return Attribution((), "unknown")


def figure_date(
    dates: list[DateMention], mention: Mention, article: dt.date, sentence: str = ""
) -> tuple[str, str, str]:
    """(date, as_of, quality) of a figure: the nearest date in its sentence, else the article's.

    With `sentence` (claims), a date right after 'said'/'заявив' wins: it is when the claim was made.
    """
    as_of = next((d.value for d in dates if d.as_of), "")
    plain = [d for d in dates if not d.as_of]
    if not plain:
        return article.isoformat(), as_of, "article"
    said = [d for d in plain if sentence and _SAID_RE.search(sentence[: d.start])]
    if said:
        return said[0].value, as_of, said[0].quality
    nearest = min(plain, key=lambda d: min(abs(d.start - mention.end), abs(mention.start - d.end)))
    return nearest.value, as_of, nearest.quality


def _number_text(value: float) -> str:
    """A ledger number: digits without separators, no trailing .0."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _confidence(*penalties: str) -> float:
    """1 minus the penalties of the guessed fields, at least 0.05."""
    return round(max(0.05, 1 - sum(PENALTY.get(p, 0) for p in penalties)), 2)


def _event_rows(figure: normalise.Figure, kind: str, sides: list[str], when: str, state: str,
                who: Attribution, mediator: str | None, url: str) -> list[dict[str, str]]:  # fmt: skip
    """Ledger event rows, one per receiving side."""
    qualifier = "at_least" if figure.qualifier == "range" else figure.qualifier
    day = when.lstrip("~")
    notes = (
        "" if figure.qualifier != "range" else f"text gives a range {figure.low:g}-{figure.high:g}"
    )
    return [
        {**dict.fromkeys(EVENT_COLUMNS, ""),
         "event_id": f"{day}-{kind}", "date": when, "event_type": kind, "received_by": side,
         "count": "" if figure.value is None else _number_text(figure.value), "qualifier": qualifier,
         "status": state, "mediator": mediator or "", "claimant": who.name,
         "claimant_side": who.side, "source_urls": url, "notes": notes}
        for side in sides
    ]  # fmt: skip


def _claim_row(figure: normalise.Figure, subj: str, metric: str, when: str, as_of: str,
               who: Attribution, kind: str, url: str) -> dict[str, str]:  # fmt: skip
    """One ledger claims row."""
    return {
        **dict.fromkeys(CLAIM_COLUMNS, ""),
        "claim_date": when, "as_of": as_of, "subject": subj, "metric": metric,
        "value": "" if figure.value is None else _number_text(figure.value),
        "value_high": "" if figure.high is None else _number_text(figure.high),
        "qualifier": figure.qualifier, "claimant": who.name, "claim_kind": kind, "source_urls": url,
    }  # fmt: skip


@dataclass
class Reading:
    """What carries from one sentence to the next: the last claim subject and the last date read."""

    article: dt.date
    subject: str = ""
    anchor: dt.date | None = None  # date of the last figure dated by the text, for "the day before"

    def after(self, dates: list[DateMention], used: list[str]) -> None:
        """Move the anchor to the last date that dated a figure, else the sentence's last day."""
        days = [_day_of(v) for v in used] or [_day_of(d.value) for d in dates if not d.as_of]
        days = [d for d in days if d]
        self.anchor = days[-1] if days else self.anchor


def _day_of(value: str) -> dt.date | None:
    """The day of a ledger date text ('~2025-06-09' → 2025-06-09), None for months and years."""
    return _iso_date(value.lstrip("~")) if len(value.lstrip("~")) == 10 else None


def sentence_candidates(sentences: list[str], index: int, url: str,
                        document_mediator: str | None, reading: Reading) -> list[Candidate]:  # fmt: skip
    """Candidates for the figures of one sentence; `reading` carries subject and date across."""
    sentence = sentences[index]
    article = reading.article
    dates = find_dates(sentence, article, reading.anchor)
    used: list[str] = []
    mediator = find_mediator(sentence)[0] or document_mediator
    found: list[Candidate] = []
    mentions = find_figures(sentence)
    for position, mention in enumerate(mentions):
        classified = classify(sentence, mention)
        if classified is None:
            continue
        table, kind, ctx = classified
        who = attribution(sentences, index)
        when, as_of, quality = figure_date(
            dates, mention, article, sentence if table == "claims" else ""
        )
        used += [when] if quality != "article" else []
        penalties = [f"claimant_{who.found}", f"date_{quality}"]
        if table == "events":
            sides, how = receiver(ctx, who.side)
            following = mentions[position + 1] if position + 1 < len(mentions) else None
            if (
                following
                and following.figure == mention.figure
                and _FOR_RE.match(sentence[mention.end : following.number_start])
            ):
                sides, how = ["ukraine", "russia"], "read"
            state = status(sentence)
            rows = _event_rows(mention.figure, kind, sides, when, state, who,
                               mediator if state == "completed" else find_mediator(sentence)[0], url)  # fmt: skip
            conf = _confidence(*penalties, f"side_{how}")
            found += [
                Candidate("events", row, sentence, conf, undated=quality == "article")
                for row in rows
            ]
        else:
            subj, how = subject(ctx, sentence, who.side, reading.subject)
            reading.subject = subj or reading.subject
            claim_kind = "independent_count" if _INDEPENDENT_RE.search(sentence) else who.kind
            row = _claim_row(mention.figure, subj, kind, when, as_of, who, claim_kind, url)
            conf = _confidence(*penalties, f"side_{how}")
            found.append(Candidate("claims", row, sentence, conf, undated=quality == "article"))
    reading.after(dates, used)
    return found


def extract(
    text: str, article_date: dt.date | None = None, url: str | None = None
) -> list[Candidate]:
    """Candidate ledger rows for the figures in an article (plain text, Markdown or HTML).

    `article_date` and `url` default to the article's own date line and 'Original url' line.
    """
    article = parse_article(text)
    day = article_date or article.date
    if day is None:
        raise InputError("text", "no article date found: give --date YYYY-MM-DD")
    link = url or article.url or ""
    sentences = split_sentences(article.lines)
    mediators = [m for m in (find_mediator(s)[0] for s in sentences) if m]
    unique: dict[tuple[str, ...], Candidate] = {}
    reading = Reading(day)
    mediator = mediators[0] if mediators else None
    for index in range(len(sentences)):
        for candidate in sentence_candidates(sentences, index, link, mediator, reading):
            kept = unique.get(candidate.key())
            if kept is None or candidate.confidence > kept.confidence:
                unique[candidate.key()] = candidate
    body = _drop_undated_repeats(list(unique.values()))
    return body + headline_candidates(article.lines, sentences, body, Reading(day), link, mediator)


def _close(value: float, other: float) -> bool:
    """Whether two figures differ by no more than headline rounding."""
    return abs(value - other) <= HEADLINE_ROUNDING * max(value, other)


def _drop_undated_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a figure given again without a date when the text dates it elsewhere."""
    dated = {c.figure() for c in candidates if not c.undated}
    return [c for c in candidates if not (c.undated and c.figure() in dated)]


def headline_candidates(lines: list[Line], body: list[str], found: list[Candidate],
                        reading: Reading, url: str, mediator: str | None) -> list[Candidate]:  # fmt: skip
    """Candidates from the headings whose number appears nowhere in the body.

    Headlines mostly repeat (and round: '1.2K' for 1,212) a figure of the body; only a number
    not within HEADLINE_ROUNDING of any body figure is taken from a heading.
    """
    headings = split_sentences(lines, headings=True)
    in_body = {m.figure.value for sentence in body for m in find_figures(sentence)}
    seen = {c.figure() for c in found}
    text = headings + body
    out: list[Candidate] = []
    for index in range(len(headings)):
        for candidate in sentence_candidates(text, index, url, mediator, reading):
            value = candidate.row.get("count") or candidate.row.get("value") or ""
            rounded = value and any(_close(float(value), b) for b in in_body if b is not None)
            if candidate.figure() not in seen and not rounded:
                seen.add(candidate.figure())
                out.append(candidate)
    return out


# --- output -----------------------------------------------------------------------------------


def output_paths(out: Path) -> dict[str, Path]:
    """candidates.csv → {'events': candidates-events.csv, 'claims': candidates-claims.csv}."""
    return {table: out.with_name(f"{out.stem}-{table}{out.suffix or '.csv'}") for table in COLUMNS}


def summary_rows(candidates: list[Candidate]) -> list[tuple[str, ...]]:
    """One display row per candidate: table, date, what, side/subject, value, qualifier, claimant, confidence."""
    rows = []
    for c in candidates:
        r = c.row
        if c.table == "events":
            what, who, value = f"{r['event_type']} ({r['status']})", r["received_by"], r["count"]
            day = r["date"]
        else:
            what, who, day = r["metric"], r["subject"], r["claim_date"]
            value = f"{r['value']}-{r['value_high']}" if r["value_high"] else r["value"]
        rows.append(
            (c.table, day, what, who, value, r["qualifier"], r["claimant"], f"{c.confidence:.2f}")
        )
    return rows


def write_candidates(candidates: list[Candidate], out: Path) -> dict[str, Path]:
    """Write the candidates as two CSVs in ledger format plus sentence and confidence columns."""
    paths = output_paths(out)
    for table, path in paths.items():
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow((*COLUMNS[table], *EXTRA_COLUMNS))
            for c in candidates:
                if c.table == table:
                    writer.writerow(
                        (*(c.row[col] for col in COLUMNS[table]), c.sentence, f"{c.confidence:.2f}")
                    )
    return paths
