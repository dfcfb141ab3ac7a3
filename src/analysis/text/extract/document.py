"""A whole article → candidates: body sentences first, then headline-only figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from analysis.errors import InputError
from analysis.text.extract.candidates import Candidate, Reading, sentence_candidates
from analysis.text.extract.claimants import find_claimants, find_mediator
from analysis.text.extract.classify import running_total
from analysis.text.extract.figures import find_figures
from analysis.text.extract.reading import Line, parse_article
from analysis.text.extract.sentences import split_sentences

HEADLINE_ROUNDING = 0.1  # a headline figure this close to a body figure repeats it


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
            new = kept is None and not _told_before(candidate, unique.values())
            if new or (kept is not None and candidate.confidence > kept.confidence):
                unique[candidate.key()] = candidate
    body = _drop_totals(_drop_undated_repeats(list(unique.values())), sentences)
    return body + headline_candidates(article.lines, sentences, body, Reading(day), link, mediator)


def _close(value: float, other: float) -> bool:
    """Whether two figures differ by no more than headline rounding."""
    return abs(value - other) <= HEADLINE_ROUNDING * max(value, other)


def _topic(candidate: Candidate) -> tuple[str, ...]:
    """What a figure is about: an event's type and side; a claim's subject, whatever its metric
    (a heading's "жертвами стали 43 тисячі" sums the body's dead and wounded)."""
    figure = candidate.figure()
    return figure[:3] if candidate.table == "events" else (figure[0], figure[2])


def _told_before(candidate: Candidate, kept: Iterable[Candidate]) -> bool:
    """Whether the same claimant (or one its sentence does not name) gave this figure before with
    another qualifier ('щонайменше 10 000' and the quote's '10 000'): one figure, told first."""
    guessed = not find_claimants(candidate.sentence)
    return any(
        k.key()[:-1] == candidate.key()[:-1]
        and (guessed or k.row["claimant"] == candidate.row["claimant"])
        for k in kept
    )


def _drop_totals(candidates: list[Candidate], sentences: list[str]) -> list[Candidate]:
    """Drop event figures the text calls a running total elsewhere ('Станом на зараз ... 891')."""
    totals = {m.figure.value for s in sentences for m in find_figures(s) if running_total(s, m)}
    return [
        c for c in candidates if c.table != "events" or float(c.row["count"] or -1) not in totals
    ]


def _drop_undated_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a figure given again without a date when the text dates it elsewhere.

    A twin dated only by 'then'/'тогда' (the day of the sentence before) may be another event
    with the same count (909 bodies in March and again in April): it does not remove the other.
    Another claimant's claim of the same figure is another claim ("перевищують 750 тисяч" by
    the UK and Zelensky's 750 thousand in December).
    """
    dated = {
        (*c.figure(), c.row["claimant"] if c.table == "claims" else "")
        for c in candidates
        if not c.undated and c.quality != "anchored"
    }
    return [
        c
        for c in candidates
        if not (
            c.undated and (*c.figure(), c.row["claimant"] if c.table == "claims" else "") in dated
        )
    ]


def headline_candidates(lines: list[Line], body: list[str], found: list[Candidate],
                        reading: Reading, url: str, mediator: str | None) -> list[Candidate]:  # fmt: skip
    """Candidates from the headings whose number appears nowhere in the body.

    Headlines mostly repeat (and round: '1.2K' for 1,212) a figure of the body; only a number
    not within HEADLINE_ROUNDING of any body figure is taken from a heading.
    """
    headings = split_sentences(lines, headings=True)
    in_body = {m.figure.value for sentence in body for m in find_figures(sentence)}
    seen = {c.figure() for c in found}
    told = {_topic(c) for c in found}  # what the body gives a figure for
    text = headings + body
    reading.body_start = len(headings)
    out: list[Candidate] = []
    for index in range(len(headings)):
        for candidate in sentence_candidates(text, index, url, mediator, reading):
            value = candidate.row.get("count") or candidate.row.get("value") or ""
            rounded = value and any(_close(float(value), b) for b in in_body if b is not None)
            if candidate.figure() not in seen and not rounded and _topic(candidate) not in told:
                seen.add(candidate.figure())
                out.append(candidate)
    return out
