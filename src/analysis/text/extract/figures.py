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
    rf"|(?P<words>(?:a )?(?:{_WORD})(?:(?: and |[ -])(?:{_WORD}))*)(?!\w))"
)
_RANGE_GAP_RE = rx(rf"^\s*(?:{rules.RANGE_TO})\s*$")
_RANGE_AND_RE = rx(rf"^\s*(?:{rules.RANGE_AND})\s*$")
_RANGE_START_RE = rx(rf"(?:{rules.RANGE_START})\s*$")
_HANDED_OVER_RE = rx(rf"(?:{rules.OVER_PARTICLE_VERBS})\s+$")


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
        if phrase.lower() == "over" and _HANDED_OVER_RE.search(sentence[: words[first].start()]):
            continue
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
    if first.figure.qualifier != "exact":
        return None
    start = opener.start() if opener else first.number_start
    try:
        figure = parse.parse_figure(sentence[start : second.end])
    except parse.NormaliseError:
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
