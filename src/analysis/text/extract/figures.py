"""Numbers in a sentence with their qualifiers ('more than 1,212', '40-50 thousand')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text import parse, rules
from analysis.text.extract.common import rx
from analysis.text.extract.dates import date_spans

_SCALE = rf"(?:\s?k(?!\w)|\s(?:{rules.SCALE_AFTER_DIGITS})(?!\w))"
_DIGITS = r"\d{1,3}(?:(?:,|\.| )\d{3})+|\d+(?:[.,]\d+)?"
_WORD = "|".join(re.escape(w) for w in parse.NUMBER_WORDS)
_NUMBER_RE = rx(
    rf"(?<![\w.,])(?:(?P<digits>{_DIGITS}){_SCALE}?\+?(?![\w])"
    rf"|(?P<words>{parse.FRACTION_PATTERN}|(?:a )?(?:{_WORD})(?:(?: and |[ -])(?:{_WORD}))*)(?!\w))"
)
_RANGE_GAP_RE = rx(rf"^\s*(?:{rules.RANGE_TO})\s*$")
_RANGE_AND_RE = rx(rf"^\s*(?:{rules.RANGE_AND})\s*$")
_RANGE_START_RE = rx(rf"(?:{rules.RANGE_START})\s*$")
_CLOCK_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")  # "09:15": a time, not two numbers
_HANDED_OVER_RE = rx(rf"(?:{rules.OVER_PARTICLE_VERBS})\s+$")
_RISE_TO_RE = rx(rf"(?<!\w)(?:{rules.RISE_VERBS})\s+$")  # "зросла до 9" is 9, not "up to 9"
# "тіла (останки) тисячі загиблих": a lone genitive thousand after a body noun.
_THOUSAND_RE = rx(
    rf"(?<!\w)(?:{rules.THOUSAND_AFTER})\s+(?:\([^)]*\)\s+)?(?P<n>{rules.GENITIVE_THOUSAND})(?!\w)"
)
_ONE_IN_SUBSET_RE = rx(
    rf"(?<!\w)(?:{rules.SUBSET_WORDS})\s+(?:[—–]\s+)?(?:(?:{rules.AGE_ADJECTIVE})\s+)?"
    rf"(?P<n>{rules.SINGULAR_PERSON})(?!\w)"
)
_SINGULAR_RE = rx(rf"(?<!\w)(?:{rules.SINGULAR_CASUALTY.format(n=rules.SINGULAR_NOUNS)})(?!\w)")
_AND_A_RE = rx(rf"(?<!\w){rules.AND_A_PERSON}(?!\w)")
# "one civilian", "один військовий": the word one counts when a person noun follows it.
_ONE_PERSON_RE = rx(
    rf"^\s+(?:{rules.PRISONER_WORDS}|{rules.CIVILIAN_WORDS}|{rules.CHILD_WORDS}"
    rf"|{rules.ONE_PERSON_WORDS})(?!\w)"
)


@dataclass(frozen=True)
class Mention:
    """A figure in a sentence: its span (with qualifier words) and parsed value."""

    start: int
    end: int
    figure: parse.Figure
    number_start: int  # where the digits or number words begin (after the qualifier)


def _qualified(sentence: str, start: int, end: int) -> tuple[int, str]:
    """Start of the qualifier words before sentence[start:end] and the qualifier they give."""
    if sentence[start:end].endswith("+"):
        return start, "at_least"
    words = list(re.finditer(r"\S+", sentence[:start]))[-3:]
    for first in range(len(words)):
        phrase = sentence[words[first].start() : start].strip()
        head = sentence[: words[first].start()]
        if phrase.lower() == "over" and _HANDED_OVER_RE.search(head):
            continue
        if phrase.lower() in {"до", "to"} and _RISE_TO_RE.search(head):
            return start, "exact"
        try:
            qualifier = parse.parse_qualifier(phrase)
        except parse.NormaliseError:
            continue
        return words[first].start(), qualifier
    return start, "exact"


def _mention(sentence: str, start: int, end: int) -> Mention | None:
    """The figure at sentence[start:end] with its qualifier words, None when it does not parse."""
    begin, qualifier = _qualified(sentence, start, end)
    try:
        value = parse.parse_number(sentence[start:end].rstrip("+"))
    except parse.NormaliseError:
        return None
    return Mention(begin, end, parse.Figure(value, qualifier), start)


def _range(sentence: str, first: Mention, second: Mention) -> Mention | None:
    """The two figures as one range ('40-50 thousand', 'between 1,000 and 1,200'), or None."""
    gap = sentence[first.end : second.number_start]
    opener = _RANGE_START_RE.search(sentence[: first.number_start])
    if not (_RANGE_GAP_RE.match(gap) or (_RANGE_AND_RE.match(gap) and opener)):
        return None
    if first.figure.qualifier not in ("exact", "about"):  # "roughly 500,000–600,000": a range
        return None
    dashed = gap.strip() in {"-", "–", "—"}  # "between 150,000-190,000": the dash makes the range
    start = opener.start() if opener and not dashed else first.number_start
    try:
        figure = parse.parse_figure(sentence[start : second.end])
    except parse.NormaliseError:  # "between 500,000 to 600,000": the range without its opener
        start = first.number_start
        try:
            figure = parse.parse_figure(sentence[start : second.end])
        except parse.NormaliseError:
            return None
    return (
        Mention(start, second.end, figure, first.number_start)
        if figure.qualifier == "range"
        else None
    )


def _one(match: re.Match[str], group: str) -> Mention:
    """A figure of 1 at a match's group (a singular person noun)."""
    return Mention(
        match.start(group), match.end(group), parse.Figure(1, "exact"), match.start(group)
    )


def find_figures(sentence: str) -> list[Mention]:
    """Numbers in a sentence, outside dates, with qualifiers; adjacent pairs merged into ranges."""
    blocked = date_spans(sentence) + [m.span() for m in _CLOCK_RE.finditer(sentence)]
    mentions: list[Mention] = []
    for match in _NUMBER_RE.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in blocked):
            continue
        found = _mention(sentence, *match.span())
        lone_one = match["words"] and found and found.figure.value == 1
        if found and not (lone_one and not _ONE_PERSON_RE.match(sentence[match.end() :])):
            mentions.append(found)  # "one of", "один з" are not figures; "one civilian" is
    for match in _ONE_IN_SUBSET_RE.finditer(sentence):  # "серед них дитина": one child
        mentions.append(
            Mention(match.start("n"), match.end("n"), parse.Figure(1, "exact"), match.start("n"))
        )
    for match in _SINGULAR_RE.finditer(sentence):  # "погиб мирный житель": one
        group = "n" if match["n"] else "m"
        if not any(m.start <= match.start(group) < m.end for m in mentions):
            mentions.append(_one(match, group))
    if mentions:  # "Three boys ... and a 17-year-old girl": the girl is one of a list
        first = min(m.start for m in mentions)
        mentions += [_one(m, "n") for m in _AND_A_RE.finditer(sentence) if m.start() > first]
    for match in _THOUSAND_RE.finditer(sentence):
        begin, qualifier = _qualified(sentence, match.start("n"), match.end("n"))
        mentions.append(
            Mention(begin, match.end("n"), parse.Figure(1000, qualifier), match.start("n"))
        )
    mentions.sort(key=lambda m: m.start)
    merged: list[Mention] = []
    for mention in mentions:
        joined = _range(sentence, merged[-1], mention) if merged else None
        if joined:
            merged[-1] = joined
        else:
            merged.append(mention)
    return merged
