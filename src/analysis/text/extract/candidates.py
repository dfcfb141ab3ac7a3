"""Candidate ledger rows: one sentence's figures with date, side, claimant and confidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.text import parse, rules
from analysis.text.extract.claimants import find_claimants, find_mediator
from analysis.text.extract.classify import classify, receiver, status, subject
from analysis.text.extract.common import rx
from analysis.text.extract.dates import DateMention, find_dates
from analysis.text.extract.figures import Mention, find_figures
from analysis.text.extract.reading import iso_date

# Confidence starts at 1 and loses these amounts for each field that was guessed, not read.
PENALTY = {
    "side_fallback": 0.3, "side_unknown": 0.4,
    "claimant_nearby": 0.15, "claimant_document": 0.25, "claimant_unknown": 0.4,
    "date_article": 0.1, "date_relative": 0.05, "date_approximate": 0.15,
}  # fmt: skip
_INDEPENDENT_RE = rx(rules.INDEPENDENT_WORDS)
_SAID_RE = rx(rf"(?<!\w)(?:{rules.SAYING_WORDS})\s+$")
_FOR_RE = rx(rf"^\s*(?:-|\s)?(?:{rules.FOR_WORDS})(?:-|\s)?\s*$")


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


def _event_rows(figure: parse.Figure, kind: str, sides: list[str], when: str, state: str,
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


def _claim_row(figure: parse.Figure, subj: str, metric: str, when: str, as_of: str,
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
    return iso_date(value.lstrip("~")) if len(value.lstrip("~")) == 10 else None


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
