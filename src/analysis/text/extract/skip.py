"""Numbers that are not counts of people (ages, durations, ordinals, exchanges, averages) and
figures that only break another figure down ("215 prisoners — 205 Ukrainians and 10 foreigners")."""

from __future__ import annotations

import re

from analysis.text import parse, rules
from analysis.text.extract.claimants import sides_in
from analysis.text.extract.common import FLAGS, rx, words
from analysis.text.extract.figures import Mention

_TIME_RE = words(rules.TIME_UNITS)
_AGE_SUFFIX_RE = re.compile(rf"^(?:{rules.AGE_SUFFIX})(?!\w)", FLAGS)
_NOT_BEFORE_RE = rx(rf"(?:^|\s)(?:{rules.NOT_COUNT_BEFORE})$")
_NOT_PEOPLE_RE = rx(
    rf"^\s*(?:{rules.NOT_PEOPLE_WORDS}|{rules.NOT_PEOPLE_AFTER}|{rules.MEASURE_UNITS})(?!\w)"
    rf"|^\s*(?:{rules.PERCENT_WORDS})"
)
_RATIO_RE = rx(rf"(?<!\w)(?:{rules.RATIO_BEFORE})\s*$")
_AGE_WORD_RE = rx(rf"^\s+(?:{rules.AGE_WORD_AFTER})(?!\w)")
_EQUIPMENT_BEFORE_RE = rx(rf"(?<!\w)(?:{rules.EQUIPMENT_WORDS})\s*[—–:-]\s*$")  # "танки — 9419"
_PER_AREA_RE = rx(rf"^\s*(?:[^\W\d]+\s+){{0,2}}?(?:{rules.PER_AREA})(?!\w)")
_EQUIPMENT_RE = rx(rf"^\s*(?:[^\W\d]+\s+){{0,2}}?(?:{rules.EQUIPMENT_WORDS})(?!\w)")
_AGE_BOUND_RE = rx(rf"^(?:{rules.AGE_BOUND})\s*$")
_PEOPLE_END_RE = rx(rf"(?<!\w)(?:{rules.PRISONER_WORDS})\s*$")
_PEOPLE_START_RE = rx(rf"^\s*(?:{rules.PRISONER_WORDS})(?!\w)")
_YEAR_BEFORE_RE = rx(rf"(?:^|\s)(?:{rules.YEAR_BEFORE})$")
_PLACE_AFTER_RE = re.compile(rf"^\s+(?i:{rules.PLACE_PREPOSITIONS})\s+[A-ZА-ЯІЇЄҐ]")
_LINKS = {"and", "or", "та", "і", "й", "и", "або", "или", "to", "до"}
_TOKEN_RE = re.compile(r"[\w'’-]+", re.UNICODE)
LIST_WORDS = 4  # numbers and links looked across: "aged eight, 12 and 17", "п'яти та 14 років"


def _is_number(token: str) -> bool:
    """Whether a token is digits or a number word."""
    return token[:1].isdigit() or token.lower() in parse.NUMBER_WORDS


def _past_numbers(tokens: list[str]) -> str:
    """The first token that is neither a number nor a link word ('and', 'та'), '' when none."""
    for token in tokens[:LIST_WORDS]:
        if not (_is_number(token) or token.lower() in _LINKS):
            return token
    return ""


def _is_year(mention: Mention, text: str, before: list[str]) -> bool:
    """Whether a four-digit number after 'since'/'in'/'з' is a year ('since 2022')."""
    value = mention.figure.value or 0
    recent = " ".join(before[-2:]).lower()
    return (
        text.isdigit()
        and len(text) == 4
        and 1990 <= value <= 2040
        and bool(_YEAR_BEFORE_RE.search(recent))
    )


def not_a_count(sentence: str, mention: Mention) -> bool:
    """Whether the number is an age, a duration, an ordinal, an average or counts no people."""
    head, tail = sentence[: mention.start], sentence[mention.end :]
    if head.rstrip() and head.rstrip()[-1] in rules.CURRENCY_SIGNS:
        return True
    if head.rstrip().endswith("+"):  # "(+1 180 осіб за минулу добу)": a change of a total
        return True
    if _RATIO_RE.search(sentence[: mention.number_start]) or _EQUIPMENT_BEFORE_RE.search(head):
        return True
    if _AGE_WORD_RE.match(tail):  # people of a list told by age, parts of a figure before
        return True
    if _AGE_SUFFIX_RE.match(tail) or _NOT_PEOPLE_RE.match(tail) or _EQUIPMENT_RE.match(tail):
        return True
    if _PER_AREA_RE.match(tail):
        return True
    if _TIME_RE.fullmatch(_past_numbers(_TOKEN_RE.findall(tail))):
        return True
    aside_end = head.rfind(")")  # "(aged six, three and nine) and a girl": the ages end there
    before = " ".join(_TOKEN_RE.findall(head[aside_end + 1 :])[-LIST_WORDS - 2 :])
    kept = before.split()
    while kept and (_is_number(kept[-1]) or kept[-1].lower() in _LINKS):
        kept.pop()
    if _NOT_BEFORE_RE.search(" ".join(kept)):
        return True
    if _is_year(mention, sentence[mention.number_start : mention.end], kept):
        return True
    bound = sentence[mention.start : mention.number_start]
    value = mention.figure.value or 0
    return bool(
        bound.strip()
        and _AGE_BOUND_RE.match(bound.strip())
        and _PEOPLE_END_RE.search(head)
        and value < 100
        and not _PEOPLE_START_RE.match(tail)
    )


def breakdown_parts(mentions: list[Mention], parents: list[tuple[int, float]]) -> set[int]:
    """Indexes of figures that add up to a figure told just before them (its breakdown).

    `parents` are (first index, total): a run of two or more consecutive figures starting at
    that index whose values sum to the total is a breakdown of it.
    """
    values = [m.figure.value or 0 for m in mentions]
    parts: set[int] = set()
    for start, total in parents:
        running = 0.0
        for end in range(start, len(values)):
            running += values[end]
            if running == total and end > start:
                parts.update(range(start, end + 1))
                break
            if running > total:
                break
    return parts


def listed_parts(sentence: str, mentions: list[Mention], events: list[int]) -> set[int]:
    """Event figures listed after a colon that follows a larger event figure, with no side named
    between ('репатрійовано три тіла: двох іноземців та українки'): parts of it."""
    return {
        p
        for q in events
        for p in events
        if q < p
        and (mentions[p].figure.value or 0) < (mentions[q].figure.value or 0)
        and ":" in (gap := sentence[mentions[q].end : mentions[p].start])
        and not sides_in(gap)
    }


def placed_parts(sentence: str, mentions: list[Mention], claims: list[int]) -> set[int]:
    """Claim figures listed by place after a colon that follows a larger claim figure
    ('поранили 5 жителів Донеччини: 3 в Торецьку та 2 у Бахмуті'): parts of it."""
    return {
        p
        for q in claims
        for p in claims
        if q < p
        and (mentions[p].figure.value or 0) < (mentions[q].figure.value or 0)
        and ":" in sentence[mentions[q].end : mentions[p].start]
        and _PLACE_AFTER_RE.match(sentence[mentions[p].end :])
    }
