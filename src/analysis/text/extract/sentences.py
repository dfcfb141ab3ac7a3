"""Splitting an article's lines into sentences."""

from __future__ import annotations

import re

from analysis.text import rules
from analysis.text.extract.common import rx
from analysis.text.extract.reading import Line

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”»]?\s+(?=[\"“«(]?[A-ZА-ЯІЇЄҐ0-9])")
_ABBREVIATION_RE = rx(rf"(?:\b(?:{rules.ABBREVIATIONS})\.)$")


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
