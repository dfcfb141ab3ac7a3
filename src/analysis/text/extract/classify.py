"""What a figure counts (event type or casualty metric), who receives it, whether it happened."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text import rules
from analysis.text.extract.claimants import (
    DATIVE_RES,
    GIVER_RE,
    OUR_RE,
    RECEIVER_RE,
    SIDE_ANY,
    TO_SIDE_RE,
    nationality,
    side_of,
)
from analysis.text.extract.common import OTHER_SIDE, rx, words
from analysis.text.extract.figures import Mention

WINDOW_WORDS = 10  # words either side of a number that describe it
NEAR_WORDS = 5  # words after a number that name what it counts

_CLAUSE_END_RE = re.compile(r"[;()]|,\s(?!\d{3})|\.\s|\.$")
_BODY_RE = words(rules.BODY_WORDS)
_PEOPLE_RE = words(rules.PRISONER_WORDS)
_CIVILIAN_RE = words(rules.CIVILIAN_WORDS)
_CHILD_RE = words(rules.CHILD_WORDS)
_WOUNDED_RE = words(rules.WOUNDED_TRANSFER_WORDS)
_NAMES_RE = words(rules.NAME_WORDS)
_EXCHANGE_RE = words(rules.EXCHANGE_WORDS)
COMPLETED_RE = rx(rules.COMPLETED_WORDS)
AGREEMENT_RE = words(rules.AGREEMENT_WORDS)
_EACH_RE = words(rules.EACH_SIDE_WORDS)
_TOTAL_RE = words(rules.TOTAL_WORDS)
_SUBSET_RE = words(rules.SUBSET_WORDS)
_METRIC_RES = [(metric, words(p)) for metric, p in rules.CASUALTY_METRICS]
_PROPOSAL_RE = words(rules.PROPOSAL_WORDS)
_ENEMY_RE = words(rules.ENEMY_WORDS)
_HOME_RE = words(rules.HOME_WORDS)
_DATIVE_SIDE_RE = rx(rf"(?<!\w)(?P<side>{SIDE_ANY})\s+(?:{rules.DATIVE_SIDE_NOUN})(?!\w)")
_EACH_BEFORE_RE = rx(rules.EACH_SIDE_BEFORE)
_TO_BEFORE_RE = rx(rf"(?<!\w){rules.TO_SIDE}$")
_CHANGE_RE = rx(rf"(?<!\w)(?:{rules.CHANGE_WORDS})\s*$")
_NOT_PEOPLE_RE = rx(rf"^(?:{rules.NOT_PEOPLE_WORDS})(?!\w)")


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
    if _EACH_RE.search(ctx.near_after) or _EACH_BEFORE_RE.search(ctx.before):
        return ["ukraine", "russia"], "read"
    side = nationality(ctx.after)
    if side:
        return [side], "read"
    dative = list(_DATIVE_SIDE_RE.finditer(ctx.before))
    if dative and side_of(dative[-1]["side"]):
        return [side_of(dative[-1]["side"]) or ""], "read"
    addressed_to = [(m.end(), s) for s, p in DATIVE_RES.items() for m in p.finditer(ctx.before)]
    if addressed_to:
        return [max(addressed_to)[1]], "read"
    for pattern, flip in ((RECEIVER_RE, False), (GIVER_RE, True)):
        matches = list(pattern.finditer(ctx.clause_before))
        if matches:
            side = side_of(matches[-1]["side"])
            addressed = _TO_BEFORE_RE.search(ctx.clause_before[: matches[-1].start()])
            if side:
                return [OTHER_SIDE[side] if flip and not addressed else side], "read"
    if _HOME_RE.search(ctx.after) and nationality(ctx.before):
        return [nationality(ctx.before) or ""], "read"
    to_side = TO_SIDE_RE.search(f"{ctx.before} {ctx.after}")
    if to_side and side_of(to_side["side"]):
        return [side_of(to_side["side"]) or ""], "read"
    if claimant_side in OTHER_SIDE:
        return [claimant_side], "read" if OUR_RE.search(ctx.near_after) else "fallback"
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
    if AGREEMENT_RE.search(sentence) and not COMPLETED_RE.search(sentence):
        return "agreed"
    return "completed"
