"""The words around a figure: its clause before and after, and the nearest words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text import rules
from analysis.text.extract.common import rx
from analysis.text.extract.figures import Mention

WINDOW_WORDS = 10  # words either side of a number that describe it
NEAR_WORDS = 5  # words after a number that name what it counts
_CLAUSE_END_RE = re.compile(r"[;()]|,\s(?!\d{3})|\.\s|\.$")
# "14 persons - 13 men and one woman - were found dead": a breakdown between dashes after a figure.
_ASIDE_RE = re.compile(r"^(\s*\S+)\s[-–—]\s[^-–—.\d]*\d[^-–—.]*\s[-–—]\s")

# "9,000 civilians, including 500 children, have been killed": the clause after a subset aside.
_SUBSET_ASIDE_RE = rx(rf"^,\s*(?:{rules.SUBSET_WORDS})\s[^,.;()]*,\s(?P<rest>[^,.;()]*)")


def without_aside(after: str) -> str:
    """The words after a figure without a breakdown between dashes, WINDOW_WORDS at most."""
    return " ".join(_ASIDE_RE.sub(r"\1 ", after).split()[:WINDOW_WORDS])


@dataclass(frozen=True)
class Context:
    """The words around a figure: its clause before and after, and the nearest words."""

    before: str
    after: str
    near_after: str
    near_before: str
    clause_before: str  # the whole clause before the figure, for its subject
    head: str = ""  # the sentence up to the figure
    qualifier_text: str = ""  # the qualifier words of the figure ("more than", "превысило")
    clause_after: str = ""  # the whole clause after the figure ("... exchanges since March 2022")
    after_aside: str = ""  # the clause after a subset aside (", including 500 children, ...")


def context(sentence: str, mention: Mention) -> Context:
    """Clause text around a figure, cut at clause punctuation and WINDOW_WORDS words."""
    head = sentence[: mention.start]
    cuts = list(_CLAUSE_END_RE.finditer(head))
    before = head[cuts[-1].end() :] if cuts else head
    tail = sentence[mention.end :]
    cut = _CLAUSE_END_RE.search(tail)
    after = tail[: cut.start()] if cut else tail
    before_words, after_words = before.split(), after.split()
    aside = _SUBSET_ASIDE_RE.match(tail[cut.start() :]) if cut else None
    return Context(
        " ".join(before_words[-WINDOW_WORDS:]),
        " ".join(after_words[:WINDOW_WORDS]),
        " ".join(after_words[:NEAR_WORDS]),
        " ".join(before_words[-3:]),
        before,
        head,
        sentence[mention.start : mention.number_start].strip(),
        after,
        aside.group("rest") if aside else "",
    )
