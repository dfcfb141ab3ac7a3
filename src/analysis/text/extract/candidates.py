"""Candidate ledger rows: one sentence's figures with date, side, claimant and confidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.text import parse, rules
from analysis.text.extract.claimants import find_claimants, find_mediator
from analysis.text.extract.classify import EXCHANGE_RE, classify, counts_exchanges, status
from analysis.text.extract.common import OTHER_SIDE, rx, words
from analysis.text.extract.context import Context
from analysis.text.extract.dates import DateMention, find_dates
from analysis.text.extract.figures import Mention, find_figures
from analysis.text.extract.reading import iso_date
from analysis.text.extract.sides import receiver
from analysis.text.extract.skip import breakdown_parts, listed_parts, not_a_count, placed_parts
from analysis.text.extract.subjects import subject

# Confidence starts at 1 and loses these amounts for each field that was guessed, not read.
PENALTY = {
    "side_fallback": 0.3, "side_unknown": 0.4,
    "claimant_nearby": 0.15, "claimant_document": 0.25, "claimant_unknown": 0.4,
    "date_article": 0.1, "date_relative": 0.05, "date_anchored": 0.05, "date_approximate": 0.15,
}  # fmt: skip
_INDEPENDENT_RE = rx(rules.INDEPENDENT_WORDS)
_SAID_RE = rx(rf"(?<!\w)(?:{rules.SAYING_WORDS})\s+$")
_FOR_RE = rx(
    rf"^[»\"”]?\s*(?:-|\s)?(?:[^\W\d]+\s+){{0,2}}?(?:{rules.FOR_WORDS})(?:-|\s)?\s*[«\"“]?$"
)
_BACKGROUND_RE = rx(rf"^\W*(?:{rules.BACKGROUND_OPENERS})(?!\w)")
_AREA_RE = rx(rules.AREA_PARTS)
_FORMAT_RE = rx(rf"(?<!\w)(?:{rules.FORMAT_WORDS})")
_PHASE_OF_RE = rx(rf"(?<!\w)(?:{rules.PHASE_OF})[«\"“]?$")
_DIRECTION_RE = words(rules.DIRECTION_PARTS)
_NEXT_CLAUSE_RE = rx(rf"(?:,|;)\s*(?:{rules.NEXT_CLAUSE_WORDS})\s*$")
PARENTS_KEPT = 4  # event figures of earlier sentences that later figures may break down


@dataclass
class Candidate:
    """One proposed ledger row: its table, ledger cells, source sentence and confidence."""

    table: str
    row: dict[str, str]
    sentence: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    undated: bool = False  # no date in its sentence: the article date was used
    quality: str = ""  # how its date was read: explicit, relative, approximate or article

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
    def counts(self) -> str:
        """Whose losses the first claimant counts when the text names no side, else ''."""
        return self.claimants[0].counts if self.claimants else ""

    @property
    def kind(self) -> str:
        return self.claimants[0].kind if self.claimants else "official_claim"


def attribution(sentences: list[str], index: int, body_start: int = 0) -> Attribution:
    """Claimants of sentence `index`: its own, else the next or previous sentence's, else the text's.

    Sentences before `body_start` (headings) name no claimant: a headline's "UAE-brokered" or
    "Kremlin says" is not an attribution; a heading's figure takes the body's claimants.
    """
    if index >= body_start:
        own = find_claimants(sentences[index])
        if own:
            return Attribution(tuple(own), "sentence")
    for neighbour in (index + 1, index - 1):
        if body_start <= neighbour < len(sentences) and index >= body_start:
            found = find_claimants(sentences[neighbour])
            if found:
                return Attribution(tuple(found), "nearby")
    for sentence in sentences[body_start:]:
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


def _own_dates(
    dates: list[DateMention], sentence: str, mention: Mention, following: Mention | None
) -> list[DateMention]:
    """The dates that may date a figure: not one that opens the next clause's figure
    ('ще 1200 тіл, а 19 серпня – ще тисячу': 19 August dates the thousand)."""
    if following is None:
        return dates
    return [
        d
        for d in dates
        if not (
            mention.end <= d.start
            and d.end <= following.start
            and _NEXT_CLAUSE_RE.search(sentence[mention.end : d.start])
        )
    ]


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
    """What carries from one sentence to the next: the last claim, the last date, the last figures."""

    article: dt.date
    subject: str = ""
    metric: str = ""  # of the last claim, for its parts ("among them 382 children")
    anchor: dt.date | None = None  # date of the last figure dated by the text, for "the day before"
    counts: list[float] = field(default_factory=list)  # the previous sentence's figures
    body_start: int = 0  # sentences before this index are headings
    event_type: str = ""  # of the last event figure, for a bare figure after it
    carried: list[DateMention] = field(default_factory=list)  # "The last swap was on 29 January."

    def after(self, dates: list[DateMention], used: list[str]) -> None:
        """Move the anchor to the last date that dated a figure, else the sentence's last day."""
        days = [_day_of(v) for v in used] or [_day_of(d.value) for d in dates if not d.as_of]
        days = [d for d in days if d]
        self.anchor = days[-1] if days else self.anchor


def _day_of(value: str) -> dt.date | None:
    """The day of a ledger date text ('~2025-06-09' → 2025-06-09), None for months and years."""
    return iso_date(value.lstrip("~")) if len(value.lstrip("~")) == 10 else None


@dataclass
class Figure:
    """One classified figure of a sentence, with what the sentence gives it."""

    mention: Mention
    kind: str
    ctx: Context
    who: Attribution
    when: tuple[str, str, str]  # date, as_of, quality
    following: Mention | None
    previous: Mention | None = None


def _pair(sentence: str, first: Mention | None, second: Mention | None) -> bool:
    """Whether two figures are one 'N for N' / 'N на N' pair."""
    return bool(
        first and second and first.figure == second.figure
        and _FOR_RE.match(sentence[first.end : second.number_start])
    )  # fmt: skip


def _uneven_formula(sentence: str, first: Mention | None, second: Mention | None) -> bool:
    """Whether two figures are an uneven 'формула «1000 на 24»' (which side is which unsaid)."""
    return bool(
        first and second and first.figure != second.figure
        and _FOR_RE.match(sentence[first.end : second.number_start])
        and _FORMAT_RE.search(sentence[: first.start])
    )  # fmt: skip


def _event_candidates(
    sentence: str, fig: Figure, url: str, mediator: str | None, reading: Reading
) -> list[Candidate]:
    """The event rows of one figure, one per receiving side ('N for N', 'each': both).

    A bare figure ('received 84 in return') counts what the last event figure counted.
    """
    fig.kind = fig.kind or reading.event_type
    if not fig.kind:
        return []
    reading.event_type = fig.kind
    mention = fig.mention
    if _pair(sentence, fig.previous, mention):
        return []  # the pair's first figure gave both sides
    if _uneven_formula(sentence, fig.previous, mention) or _uneven_formula(
        sentence, mention, fig.following
    ):
        return []  # "по формуле «1000 на 24»": the sides follow in words, not here
    sides, how = receiver(fig.ctx, fig.who.side)
    if _pair(sentence, mention, fig.following):
        if _PHASE_OF_RE.search(sentence[: mention.start]):
            return []  # "the final phase of a 1000-for-1000 exchange": the whole exchange's size
        sides, how = ["ukraine", "russia"], "read"
    when, _, quality = fig.when
    state = status(sentence)
    rows = _event_rows(mention.figure, fig.kind, sides, when, state, fig.who,
                       mediator if state == "completed" else find_mediator(sentence)[0], url)  # fmt: skip
    conf = _confidence(f"claimant_{fig.who.found}", f"date_{quality}", f"side_{how}")
    notes = ["flip"] if how == "flip" else ["side_fallback"] if how == "fallback" else []
    return [
        Candidate("events", r, sentence, conf, list(notes), quality == "article", quality)
        for r in rows
    ]


def _claim_candidate(sentence: str, fig: Figure, url: str, reading: Reading) -> Candidate | None:
    """The claims row of one figure; a part without its own metric takes the last claim's."""
    kind = fig.kind or reading.metric
    share = reading.metric and _DIRECTION_RE.search(fig.ctx.head)
    if not kind or share or _AREA_RE.search(f"{fig.ctx.head} {fig.ctx.after}"):
        return None  # a part of nothing known, or one front area's share of a day's total
    claimant = (fig.who.side, fig.who.kind, fig.who.counts)
    previous = reading.subject
    if not previous and reading.event_type in {"civilian_return", "child_return"}:
        previous = "_civilian"  # "трое жителей ... возвращены. ... удерживаются ещё семеро"
    if fig.who.found == "sentence" and fig.who.counts:  # "The UN has recorded ...": its count
        previous = "_" + previous.partition("_")[2]
    subj, how = subject(fig.ctx, sentence, claimant, previous, kind)
    reading.subject, reading.metric = subj or reading.subject, kind
    when, as_of, quality = fig.when
    claim_kind = "independent_count" if _INDEPENDENT_RE.search(sentence) else fig.who.kind
    row = _claim_row(fig.mention.figure, subj, kind, when, as_of, fig.who, claim_kind, url)
    conf = _confidence(f"claimant_{fig.who.found}", f"date_{quality}", f"side_{how}")
    notes = ["side_fallback"] if how == "fallback" else []
    return Candidate("claims", row, sentence, conf, notes, quality == "article", quality)


def _counterparts(found: list[Candidate]) -> list[Candidate]:
    """Two figures of one sentence and type given to one side, one only by flipping a giving
    verb ('Тогда Россия вернула 43 тела, Украине передали 909'): the flipped one is the other's.
    The same count twice is one figure told twice ('gets back 146 ..., Ukraine frees 146')."""
    for candidate in found:
        if "flip" not in candidate.notes:
            continue
        r = candidate.row
        rivals = [c for c in found if c is not candidate and "flip" not in c.notes
                  and c.row["event_type"] == r["event_type"] and c.row["received_by"] == r["received_by"]
                  and c.row["count"] != r["count"]]  # fmt: skip
        if rivals and r["received_by"] in OTHER_SIDE:
            r["received_by"] = OTHER_SIDE[r["received_by"]]
    for candidate in found:
        candidate.notes = [n for n in candidate.notes if n != "flip"]
    return found


def sentence_candidates(sentences: list[str], index: int, url: str,
                        document_mediator: str | None, reading: Reading) -> list[Candidate]:  # fmt: skip
    """Candidates for the figures of one sentence; `reading` carries subject and date across.

    A sentence opening with 'Earlier'/'Раніше' and giving no date tells an earlier event: its
    figures are not dated to the article and give nothing. Event figures that add up to an event
    figure just before them are its breakdown, not events of their own; undated event figures
    next to a count of exchanges ('понад 70 обмінів') sum those exchanges up.
    """
    sentence = sentences[index]
    dates = find_dates(sentence, reading.article, reading.anchor)
    if _BACKGROUND_RE.match(sentence) and not dates:
        return []
    mentions = find_figures(sentence)
    carried, reading.carried = reading.carried, _told_dates(sentence, dates, mentions)
    dates = dates or carried
    used: list[str] = []
    mediator = find_mediator(sentence)[0] or document_mediator
    summary = any(
        counts_exchanges(s, find_figures(s)) for s in sentences[max(index - 1, 0) : index + 1]
    )
    by_position: dict[int, list[Candidate]] = {}
    for position, mention in enumerate(mentions):
        classified = classify(sentence, mention, sentences[index - 1] if index else "")
        if classified is None:
            continue
        table, kind, ctx = classified
        following = mentions[position + 1] if position + 1 < len(mentions) else None
        own = _own_dates(dates, sentence, mention, following)
        when = figure_date(own, mention, reading.article, sentence if table == "claims" else "")
        used += [when[0]] if when[2] != "article" else []
        previous = mentions[position - 1] if position else None
        who = attribution(sentences, index, reading.body_start)
        fig = Figure(mention, kind, ctx, who, when, following, previous)
        if table == "events":
            if not (summary and when[2] == "article"):
                by_position[position] = _event_candidates(sentence, fig, url, mediator, reading)
        elif claim := _claim_candidate(sentence, fig, url, reading):
            by_position[position] = [claim]
    reading.after(dates, used)
    return _counterparts(_without_breakdowns(sentence, mentions, by_position, reading))


def _told_dates(
    sentence: str, dates: list[DateMention], mentions: list[Mention]
) -> list[DateMention]:
    """The dates of a sentence that dates an exchange but gives no figure ('The last swap took
    place on 29 January.'): the next sentence's undated figures take them (anchored)."""
    if mentions or not EXCHANGE_RE.search(sentence):
        return []
    return [replace(d, start=0, end=0, quality="anchored") for d in dates if not d.as_of]


def _without_breakdowns(sentence: str, mentions: list[Mention],
                        by_position: dict[int, list[Candidate]], reading: Reading) -> list[Candidate]:  # fmt: skip
    """The sentence's candidates without event figures that break down an earlier event figure.

    Only figures that count something are summed: ages in '(aged six, three and nine)' are not;
    figures listed after a colon are parts too."""
    counted = [p for p, m in enumerate(mentions) if not not_a_count(sentence, m)]
    events = [p for p in counted if by_position.get(p) and by_position[p][0].table == "events"]
    parents = [(counted.index(p) + 1, mentions[p].figure.value or 0) for p in events]
    parents += [(0, value) for value in reading.counts]
    parts = {counted[i] for i in breakdown_parts([mentions[p] for p in counted], parents)}
    parts |= listed_parts(sentence, mentions, events)
    places = placed_parts(sentence, mentions, [p for p in counted if p not in events])
    kept = [c for p, found in sorted(by_position.items()) for c in found
            if not (p in parts and c.table == "events") and p not in places]  # fmt: skip
    counts = [mentions[p].figure.value or 0 for p in events if p not in parts]
    reading.counts = (reading.counts + counts)[-PARENTS_KEPT:] if counts else reading.counts
    return kept
