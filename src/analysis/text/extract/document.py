"""A whole article → candidates: body sentences first, then headline-only figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations

from analysis.errors import InputError
from analysis.text import rules
from analysis.text.extract.candidates import Candidate, Reading, sentence_candidates
from analysis.text.extract.claimants import find_claimants, find_mediator
from analysis.text.extract.classify import running_total
from analysis.text.extract.common import rx, words
from analysis.text.extract.figures import find_figures
from analysis.text.extract.reading import Line, parse_article
from analysis.text.extract.sentences import split_sentences
from analysis.text.extract.skip import not_a_count

_PRECISELY_RE = rx(rf"^\W*(?:{rules.PRECISELY_OPENERS})(?!\w)")
_DAY_TOTAL_RE = words(rules.DAY_TOTAL_WORDS)
_MILESTONE_RE = rx(rf"(?<!\w)(?:{rules.MILESTONE_BEFORE})\s+$")
_THEN_RE = words(rules.THEN_WORDS)  # "Попередня … 19 серпня, тоді …": another, earlier event
HEADLINE_ROUNDING = 0.1  # a headline figure this close to a body figure repeats it
LEAD_ROUNDING = 0.2  # "более 20 пострадали" then "ранено 23": the exact figure is the claim
STAGES_LOOKED = 8
REPEAT_DAYS = 7  # an undated figure repeats a dated twin only that close to the article date  # earlier figures of a type and side that a later total may add up


SMALL_INCIDENT = 10  # casualty figures below this are told per incident (two wounded here, two there)
QUOTE_MARKS = '"“”«»'
_ATTACK_RE = words(rules.ATTACK_WORDS)


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
            key = _incident_key(candidate, index)
            kept = unique.get(key)
            incident = key != candidate.key()
            new = kept is None and (incident or not _told_before(candidate, unique.values()))
            if new or (kept is not None and candidate.confidence > kept.confidence):
                unique[key] = candidate
    kept = _drop_near_repeats(_drop_undated_repeats(_drop_milestones(list(unique.values())), day))
    body = _drop_totals(_drop_rounded_leads(_drop_stage_totals(kept)), sentences)
    body = _drop_completing_parts(_drop_day_parts(_drop_corrected(body, sentences)), sentences)
    return body + headline_candidates(article.lines, sentences, body, Reading(day), link, mediator)


def _incident_key(candidate: Candidate, index: int) -> tuple[str, ...]:
    """A candidate's key; a small casualty figure told with its own attack, outside quotes, is its
    sentence's own incident ("two men were injured in shelling" here, "two wounded in another
    attack" there); "Погибли двое мужчин." after the lead is the lead again."""
    own = _ATTACK_RE.search(candidate.sentence) and not any(q in candidate.sentence for q in QUOTE_MARKS)
    small = candidate.table == "claims" and float(candidate.row["value"] or 0) < SMALL_INCIDENT
    return (*candidate.key(), str(index)) if small and own else candidate.key()


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
    names = set(candidate.row["claimant"].split("; "))  # "UN" and "UN; OHCHR" share a name
    return any(
        k.key()[:-1] == candidate.key()[:-1]
        and (guessed or bool(names & set(k.row["claimant"].split("; "))))
        for k in kept
    )


def _drop_corrected(candidates: list[Candidate], sentences: list[str]) -> list[Candidate]:
    """Drop the figures of a sentence that the next one corrects ('… тисяча втрат, це 500 вбитих
    і 500 поранених. Якщо точніше – 968 втрат …'): the rough figures are not claims of their own."""
    told = {c.sentence for c in candidates}
    corrected = {
        sentences[i - 1]
        for i in range(1, len(sentences))
        if sentences[i] in told and _PRECISELY_RE.match(sentences[i])
    }
    return [c for c in candidates if c.sentence not in corrected]


def _drop_milestones(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a claim whose figure follows 'Рубіж у' when an earlier claim gave the same figure:
    the day a milestone was passed restates that figure ('Рубіж у 10 тисяч … 15 листопада')."""
    kept: list[Candidate] = []
    for c in candidates:
        value = c.row.get("value", "")
        heads = [c.sentence[: m.start] for m in find_figures(c.sentence)
                 if value and m.figure.value == float(value)]  # fmt: skip
        same = [k for k in kept if k.table == "claims" and k.row["value"] == value
                and k.row["subject"] == c.row.get("subject")]  # fmt: skip
        if not (c.table == "claims" and same and any(_MILESTONE_RE.search(h) for h in heads)):
            kept.append(c)
    return kept


def _completes(total: Candidate, part: Candidate, sentences: list[str], told: set[float]) -> bool:
    """Whether `part` is the last piece of a breakdown of `total`: uncounted figures told from
    the total's sentence up to the part's ('36 рядових та 6 офіцерів', then 'Також ми звільнили
    двох цивільних') add up to the total with it."""
    t, p = total.row, part.row
    if total.table != "events" or part.table != "events" or total.sentence == part.sentence:
        return False
    if any(t[k] != p[k] for k in ("received_by", "date")) or not (t["count"] and p["count"]):
        return False
    first, last = sentences.index(total.sentence), sentences.index(part.sentence)
    whole, value = float(t["count"]), float(p["count"])
    pieces = [m.figure.value for s in sentences[first : last + 1] for m in find_figures(s)
              if not not_a_count(s, m) and m.figure.value]  # fmt: skip
    pieces = [v for v in pieces if v < whole and v not in told][:-1]  # without the part itself
    return value < whole and bool(pieces) and _adds_up(whole - value, pieces + [0])


def _drop_completing_parts(candidates: list[Candidate], sentences: list[str]) -> list[Candidate]:
    """Drop event figures that complete a breakdown of an earlier event figure (its parts)."""
    if not all(c.sentence in sentences for c in candidates):
        return candidates
    told = {float(c.row["count"]) for c in candidates if c.table == "events" and c.row["count"]}
    return [
        c
        for i, c in enumerate(candidates)
        if not any(_completes(t, c, sentences, told - {float(c.row.get("count") or -1)})
                   for t in candidates[:i])
    ]  # fmt: skip


def _drop_day_parts(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a casualty claim of a later sentence that is smaller than a day's total of the same
    metric, subject and date told before it ('троє загинули … минулої доби' → 'У Гірнику вбили
    одну людину'): a town's part of the total, unless its sentence is a day's total too."""
    totals: list[Candidate] = []
    kept: list[Candidate] = []
    for c in candidates:
        r = c.row
        day = c.table == "claims" and bool(_DAY_TOTAL_RE.search(c.sentence))
        part = (
            c.table == "claims"
            and not day
            and any(
                t.sentence != c.sentence
                and all(t.row[k] == r[k] for k in ("metric", "subject", "claim_date"))
                and float(r["value"] or 0) < float(t.row["value"] or 0)
                for t in totals
            )
        )
        if not part:
            kept.append(c)
        if day:
            totals.append(c)
    return kept


def _drop_totals(candidates: list[Candidate], sentences: list[str]) -> list[Candidate]:
    """Drop event figures the text calls a running total elsewhere ('Станом на зараз ... 891')."""
    totals = {m.figure.value for s in sentences for m in find_figures(s) if running_total(s, m)}
    return [
        c for c in candidates if c.table != "events" or float(c.row["count"] or -1) not in totals
    ]


def _near_article(value: str, day: dt.date) -> bool:
    """Whether a ledger date is within REPEAT_DAYS of the article (its month, its year)."""
    text = value.lstrip("~")
    if len(text) == 10:
        return abs((dt.date.fromisoformat(text) - day).days) <= REPEAT_DAYS
    return text == day.isoformat()[: len(text)]


def _repeat_key(candidate: Candidate) -> tuple[str, ...]:
    """A figure and, for claims, its claimant: another claimant's same figure is another claim."""
    return (*candidate.figure(), candidate.row["claimant"] if candidate.table == "claims" else "")


def _drop_undated_repeats(candidates: list[Candidate], day: dt.date) -> list[Candidate]:
    """Drop a figure given again without a date when the text dates it near the article date.

    A twin dated only by 'then'/'тогда' (the day of the sentence before), told with 'тоді', or
    dated weeks before the article ('The previous exchange on 29 January: 1,000 bodies'), may be
    another event with the same count (1,000 bodies every month): it does not remove the other.
    Another claimant's same figure is another claim (the UK's and Zelensky's 750 thousand).
    """
    dated = {_repeat_key(c) for c in candidates if not c.undated and c.quality != "anchored"
             and not _THEN_RE.search(c.sentence)
             and _near_article(c.row.get("date") or c.row.get("claim_date", ""), day)}  # fmt: skip
    return [c for c in candidates if not (c.undated and _repeat_key(c) in dated)]


def _day_apart(one: Candidate, other: Candidate) -> bool:
    """Whether two candidates' day dates are at most a day apart and one is approximate."""
    a, b = (c.row.get("date") or c.row.get("claim_date", "") for c in (one, other))
    if len(a.lstrip("~")) != 10 or len(b.lstrip("~")) != 10 or "~" not in a + b:
        return False
    gap = dt.date.fromisoformat(a.lstrip("~")) - dt.date.fromisoformat(b.lstrip("~"))
    return abs(gap.days) <= 1


def _drop_near_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a figure told again with a date a day from its first telling ('on Tuesday evening'
    ... 'Today, another 90' quoted the next day): the first telling is kept."""
    kept: list[Candidate] = []
    for c in candidates:
        if not any(k.figure() == c.figure() and _day_apart(k, c) for k in kept):
            kept.append(c)
    return kept


def _adds_up(value: float, parts: list[float]) -> bool:
    """Whether two or more of `parts` (at most STAGES_LOOKED of them) sum to `value`."""
    parts = parts[-STAGES_LOOKED:]
    return any(
        sum(chosen) == value
        for size in range(2, len(parts) + 1)
        for chosen in combinations(parts, size)
    )


# the fields a rounded lead shares with its exact figure, the figure's own field last
_ROUNDED_FIELDS = {
    "claims": ("claim_date", "metric", "subject", "value"),
    "events": ("date", "event_type", "received_by", "status", "count"),
}


def _rounds(bound: Candidate, exact: Candidate) -> bool:
    """Whether a bound figure ('more than 20', 'More than 200 soldiers') rounds an exact figure
    of the same claim or event (23, 205)."""
    b, e = bound.row, exact.row
    fields = _ROUNDED_FIELDS[bound.table]
    same = bound.table == exact.table and all(b[k] == e[k] for k in fields[:-1])
    if not (same and b[fields[-1]] and e[fields[-1]] and e["qualifier"] == "exact"):
        return False
    low, value = float(b[fields[-1]]), float(e[fields[-1]])
    if b["qualifier"] == "at_least":
        return low < value <= low * (1 + LEAD_ROUNDING)
    return b["qualifier"] == "about" and low != value and _close(low, value)


def _drop_rounded_leads(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a figure told as a rounded bound when the text gives the exact figure after it."""
    return [
        c for i, c in enumerate(candidates)
        if not any(_rounds(c, e) for e in candidates[i + 1 :])
    ]  # fmt: skip


def _kin(candidate: Candidate) -> tuple[bool, str]:
    """(bodies or people, side) of an event: stages of people add up whatever their type."""
    r = candidate.row
    return (r.get("event_type") == "body_repatriation", r.get("received_by", ""))


def _restated_parts(total: Candidate, kept: list[Candidate]) -> list[Candidate]:
    """Earlier event figures that the total's own sentence repeats as its breakdown ('повернути
    чотирьох військових та двох цивільних', then 'шістьох — чотирьох морпіхів та двох
    цивільних'): parts of the total, not stages; [] when they do not add up to it."""
    told = {m.figure.value for m in find_figures(total.sentence)}
    parts = [c for c in kept if c.table == "events" and _kin(c) == _kin(total)
             and c.sentence != total.sentence and c.row["count"]
             and float(c.row["count"]) in told]  # fmt: skip
    return parts if sum(float(c.row["count"]) for c in parts) == float(total.row["count"]) else []


def _drop_stage_totals(candidates: list[Candidate]) -> list[Candidate]:
    """Drop an event figure that adds up earlier figures of its type and side: the total of
    stages told before it ('обмен по формуле 500 на 500' after stages of 300 and 200), with
    its twin for the other side in the same sentence."""
    kept: list[Candidate] = []
    totals: set[tuple[str, str, str]] = set()
    for candidate in candidates:
        r = candidate.row
        parts = [float(c.row["count"]) for c in kept if c.table == "events" and c.row["count"]
                 and _kin(c) == _kin(candidate)]  # fmt: skip
        if candidate.table == "events" and r["count"] and _adds_up(float(r["count"]), parts):
            if restated := _restated_parts(candidate, kept):  # a total with its breakdown
                kept = [c for c in kept if c not in restated] + [candidate]
                continue
            totals.add((candidate.sentence, r["event_type"], r["count"]))
        else:
            kept.append(candidate)
    return [
        c for c in kept if (c.sentence, c.row.get("event_type"), c.row.get("count")) not in totals
    ]


def _rounder(low: float, value: float) -> bool:
    """Whether `low` is rounder than `value`: 40 than 45, not 950,000 than 1 million."""
    step = 1
    while low and low % (step * 10) == 0:
        step *= 10
    return step > 1 and value % step != 0


def _refine(found: list[Candidate], heading: Candidate) -> bool:
    """Give a body figure told as a bound ('Понад чотири десятки громадян') the heading's exact
    figure of the same side and metric (45) when the bound rounds it; True when one did."""
    field = "count" if heading.table == "events" else "value"
    same = ("received_by",) if heading.table == "events" else ("subject", "metric", "claim_date")
    for index, body in enumerate(found):
        b, h = body.row, heading.row
        if body.table != heading.table or any(b[k] != h[k] for k in same):
            continue
        if not (b[field] and h[field] and h["qualifier"] == "exact"):
            continue
        low, value = float(b[field]), float(h[field])
        if not _rounder(low, value):
            continue
        bound = b["qualifier"] == "at_least" and low < value <= low * (1 + LEAD_ROUNDING)
        if bound or (b["qualifier"] == "about" and low != value and _close(low, value)):
            found[index] = replace(body, row={**b, field: h[field], "qualifier": "exact"})
            return True
    return False


def headline_candidates(lines: list[Line], body: list[str], found: list[Candidate],
                        reading: Reading, url: str, mediator: str | None) -> list[Candidate]:  # fmt: skip
    """Candidates from the headings whose number appears nowhere in the body.

    Headlines mostly repeat (and round: '1.2K' for 1,212) a figure of the body; only a number
    not within HEADLINE_ROUNDING of any body figure is taken from a heading.
    """
    headings = split_sentences(lines, headings=True)
    in_body = {v for s in body for m in find_figures(s) for v in (m.figure.value, m.figure.high)}
    seen = {c.figure() for c in found}
    told = {_topic(c) for c in found}  # what the body gives a figure for
    text = headings + body
    reading.body_start = len(headings)
    out: list[Candidate] = []
    for index in range(len(headings)):
        for candidate in sentence_candidates(text, index, url, mediator, reading):
            value = candidate.row.get("count") or candidate.row.get("value") or ""
            rounded = value and any(_close(float(value), b) for b in in_body if b is not None)
            if _refine(found, candidate):
                continue
            if candidate.figure() not in seen and not rounded and _topic(candidate) not in told:
                seen.add(candidate.figure())
                out.append(candidate)
    return out
