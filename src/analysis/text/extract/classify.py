"""What a figure counts (event type or casualty metric), who receives it, whether it happened."""

from __future__ import annotations

import re

from analysis.text import rules
from analysis.text.extract.claimants import side_of
from analysis.text.extract.common import rx, words
from analysis.text.extract.context import Context, context
from analysis.text.extract.figures import Mention
from analysis.text.extract.skip import not_a_count
from analysis.text.extract.subjects import metric_of

SUBSET_GAP = (
    5  # words between a subset word and its figure: "Серед звільнених – захисники Маріуполя та"
)
_BODY_RE = words(rules.BODY_WORDS)
_PEOPLE_RE = words(rules.PRISONER_WORDS)
_FALLEN_RE = words(rules.FALLEN_WORDS)
_CIVILIAN_RE = words(rules.CIVILIAN_WORDS)
_CHILD_RE = words(rules.CHILD_WORDS)
_WOUNDED_RE = words(rules.WOUNDED_TRANSFER_WORDS)
_NAMES_RE = words(rules.NAME_WORDS)
EXCHANGE_RE = words(rules.EXCHANGE_WORDS)
_EXCHANGE_RE = EXCHANGE_RE
COMPLETED_RE = rx(rules.COMPLETED_WORDS)
AGREEMENT_RE = words(rules.AGREEMENT_WORDS)
_EACH_RE = words(rules.EACH_SIDE_WORDS)
_TOTAL_RE = words(rules.TOTAL_WORDS)
_CUMULATIVE_RE = words(rules.CUMULATIVE_WORDS)
_CUMULATIVE_OPEN_RE = rx(rf"^\W*(?:{rules.CUMULATIVE_WORDS})(?!\w)")
_SUBSET_RE = rx(rf"(?<!\w)(?:{rules.SUBSET_WORDS})(?:\s+\S+){{0,{SUBSET_GAP}}}\s*$")
_DEPORTED_RE = words(rules.DEPORTED_WORDS)
_EVACUATED_RE = words(rules.EVACUATED_WORDS)
_MAY_HAPPEN_RE = words(rules.MAY_HAPPEN)
_LIVES_RE = words(rules.LIVES_TAKEN)
_OWN_RE = rx(rf"^(?:{rules.OWN_AFTER})")
_IN_RETURN_RE = rx(rf"^(?:{rules.IN_RETURN})(?!\w)")
_PART_OF_RE = rx(rf"^(?:{rules.PART_OF_WORDS})(?!\w)")
_PROPOSAL_RE = words(rules.PROPOSAL_WORDS)
_CHANGE_RE = rx(rf"(?<!\w)(?:{rules.CHANGE_WORDS})\s*$")
_FOR_NEXT_RE = rx(rf"^[»\"”]?\s*(?:{rules.FOR_WORDS})\s+[«\"“]?\d")
_FORMAT_RE = words(rules.FORMAT_WORDS)
_ORDINAL_EXCHANGE_RE = words(rules.ORDINAL_EXCHANGE)
_SAID_AFTER_RE = rx(rf"^[,—–-]\s*(?:{rules.SAYING_WORDS})(?!\w)")  # "России — 35, сообщил"
_RECORD_RE = rx(rf"(?<!\w)(?:{rules.RECORD_SINCE})")
_JOINED_RE = rx(rf"^(?:{rules.CLAUSE_JOINERS})(?!\w)")
_DELTA_RE = rx(rf"^\W*(?:{rules.DELTA_OPENERS})(?!\w)")
_CONTENT_RE = rx(
    rf"(?<!\w)(?:{rules.EXCHANGE_NOUNS})\s+(?:that\s+|which\s+)?(?:included|includes)\s*$"
)
_AVERAGE_RE = words(rules.AVERAGE_WORDS)
_BUT_AFTER_RE = rx(rf"^,\s*(?:{rules.CLAUSE_BUT})\s")
_FORECAST_RE = words(rules.FORECAST_WORDS)
_FOR_PREV_RE = rx(rf"\d[»\"”]?\s+(?:{rules.FOR_WORDS})\s*[«\"“]?$")
_FRAME_RE = words(rules.FRAME_WORDS)
_FUND_RE = words(rules.EXCHANGE_FUND)
_EXCHANGE_COUNT_RE = rx(rf"^\s+(?:{rules.EXCHANGE_COUNT_WORDS})(?!\w)")
_FOREIGN_RE = rx(rf"^(?:{rules.FOREIGN_AFTER})(?!\w)")
_CITIZENS_RE = rx(rf"^(?:{rules.CITIZEN_WORDS})\s+(?P<country>(?-i:[A-ZА-ЯІЇЄҐ])[\w-]+)")
_RELEASED_RE = words(rules.RELEASED_WORDS)
_FIGURE_NOUN_RE = words(rules.FIGURE_NOUNS)
FRAME_GAP = 6  # words before a pair that may name its frame: "третю частину обміну у форматі"


def event_type(ctx: Context, sentence: str = "") -> str:
    """pow_exchange, child_return, civilian_return or wounded_transfer from the counted noun.

    The noun nearest after the figure decides ("185 soldiers and five civilians": soldiers);
    a figure without a noun ("90 for 90") takes the sentence's bodies or first counted noun.
    """
    kinds = (("child_return", _CHILD_RE), ("civilian_return", _CIVILIAN_RE),
             ("wounded_transfer", _WOUNDED_RE), ("pow_exchange", _PEOPLE_RE))  # fmt: skip
    if sentence and _paired(ctx) and not _PEOPLE_RE.search(f"{ctx.near_before} {ctx.near_after}"):
        return "body_repatriation" if _BODY_RE.search(sentence) else "pow_exchange"
    for kind, pattern in kinds:  # "цивільні – 20 наших людей": the noun before the dash
        if re.search(rf"{pattern.pattern}\s*[—–]\s*$", ctx.near_before, re.IGNORECASE):
            return kind
    for text in (ctx.near_after, ctx.near_before):
        found = [(m.start(), kind) for kind, p in kinds for m in [p.search(text)] if m]
        if found:
            return min(found)[1]
    return "pow_exchange"


def _previous_clause(ctx: Context, always: bool = False) -> str:
    """The clause before the figure's own when that is nearly empty ('Since 2022, 3,035 ...') or
    joined to it ('... since March 2022, while another 536 ...'), or `always`."""
    if not always and len(ctx.before.split()) >= 2 and not _JOINED_RE.match(ctx.before):
        return ""
    clauses = re.split(r",\s", ctx.head)
    if len(clauses) < 2 or _ORDINAL_EXCHANGE_RE.search(clauses[-2]):
        return ""  # "the third such swap since the start of the war, and 12 ...": no total
    return clauses[-2]


def _paired(ctx: Context, prior: str = "") -> bool:
    """Whether the figure is one of 'N for N', 'N each', 'N on each side' (people implied); a
    bare 'N на N' counts after a sentence about an exchange ('... обмен. На сей раз - 152 на 152')."""
    paired = _FOR_NEXT_RE.match(ctx.after) or _FOR_PREV_RE.search(ctx.before)
    context = _FORMAT_RE.search(ctx.head) or (_EXCHANGE_RE.search(prior) and len(ctx.head) < 40)
    return bool(_EACH_RE.search(ctx.near_after) or (paired and context))


def _raw_pair(ctx: Context) -> bool:
    """Whether the figure is one of an 'N на N' pair: a deal's format, never a casualty count."""
    return bool(_FOR_NEXT_RE.match(ctx.after) or _FOR_PREV_RE.search(ctx.before))


def _foreign(ctx: Context) -> bool:
    """Whether the figure counts foreigners or a third country's citizens ('двоє громадян США')."""
    if _FOREIGN_RE.match(ctx.near_after):
        return True
    citizens = _CITIZENS_RE.match(ctx.near_after)
    return bool(citizens and not side_of(citizens["country"]))


def running_total(sentence: str, mention: Mention) -> bool:
    """Whether an exchange figure is a count kept since some start: the sentence opens with
    'Станом на зараз', 'Від початку', 'So far', or the figure's own clause says so."""
    ctx = context(sentence, mention)
    since = _CUMULATIVE_OPEN_RE.match(sentence) or _CUMULATIVE_RE.search(ctx.before)
    if since and _ORDINAL_EXCHANGE_RE.search(ctx.clause_before):
        return False  # "the 49th exchange since the beginning of the war took place: 230 ..."
    return bool(since and _EXCHANGE_RE.search(sentence))


def _ruled_out(sentence: str, mention: Mention, ctx: Context, prior: str) -> bool:
    """Whether a number is no figure of ours: a change, a not-count, deported or foreign people,
    the deal a stage belongs to, a forecast."""
    if _CHANGE_RE.search(ctx.near_before) or not_a_count(sentence, mention):
        return True
    deported_after = _DEPORTED_RE.search(ctx.near_after)
    if (
        _DEPORTED_RE.search(ctx.before)
        or _DELTA_RE.match(sentence)  # "Compared to June 30, ..."
        or (  # deported, not returned: "338 дітей були депортовані"
            deported_after and not _EXCHANGE_RE.search(ctx.clause_after[deported_after.end() :])
        )
    ):  # ("children who were deported ... have returned" did return)
        return True
    if _foreign(ctx):  # "двоє громадян США", "10 іноземців": neither side's people
        return True
    moved = _EVACUATED_RE.search(ctx.before) or (  # "евакуйовано 1419 людей, у тому числі 143"
        _SUBSET_RE.search(ctx.before) and _EVACUATED_RE.search(_previous_clause(ctx, True))
    )
    if moved or _MAY_HAPPEN_RE.search(ctx.before):  # "обмін може відбутися за формулою"
        return True
    if _paired(ctx, prior) and _FRAME_RE.search(" ".join(ctx.before.split()[-FRAME_GAP:])):
        return True  # the deal a stage belongs to ("частину обміну у форматі 1000 на 1000")
    # "will likely pass 1 million casualties": a forecast, not a claim
    return bool(_FORECAST_RE.search(ctx.before) and not _EXCHANGE_RE.search(sentence))


def counts_exchanges(sentence: str, mentions: list[Mention]) -> bool:
    """Whether a sentence counts exchanges ('понад 70 обмінів'): a summary, not one exchange."""
    return any(_EXCHANGE_COUNT_RE.match(sentence[m.end :]) for m in mentions)


def classify(sentence: str, mention: Mention, prior: str = "") -> tuple[str, str, Context] | None:
    """('events', event_type) or ('claims', metric) for a figure, None when it counts neither.

    A part of another figure ('including 12 civilians') is no event of its own; in a casualty
    report it is a claim, with the metric '' when only the figure before it names one. A bare
    'N на N' right after a sentence about an exchange (`prior`) is that exchange's figure.
    """
    ctx = context(sentence, mention)
    near = f"{ctx.near_before} {ctx.near_after}"
    if _ruled_out(sentence, mention, ctx, prior):
        return None
    subset = bool(_SUBSET_RE.search(ctx.before) or _PART_OF_RE.match(ctx.after))
    subset = subset and not _CONTENT_RE.search(ctx.before)  # "an exchange that included 86"
    if subset and _AVERAGE_RE.search(ctx.head):
        return None  # "an average of 1,140 per day, of whom nearly 975": an average too
    around = _RECORD_RE.sub(" ", f"{_previous_clause(ctx)} {ctx.before} {ctx.clause_after}")
    transfer = bool(_EXCHANGE_RE.search(_LIVES_RE.sub(" ", _FUND_RE.sub(" ", sentence))))
    exchange = transfer or (_paired(ctx, prior) and not subset)
    ordinal = _ORDINAL_EXCHANGE_RE.search(ctx.clause_before)  # "the 49th exchange since ...: 230"
    exchange = exchange and not (_TOTAL_RE.search(around) and not ordinal)
    exchange = exchange and not running_total(sentence, mention)
    if exchange and _PROPOSAL_RE.search(ctx.before):
        return None
    if _BODY_RE.search(near) or (exchange and _FALLEN_RE.search(near)):  # never a casualty claim
        return ("events", "body_repatriation", ctx) if exchange and not subset else None
    if _paired(ctx, prior) and exchange and not subset:  # "за формулою «6000 на 6000»"
        return "events", event_type(ctx, sentence), ctx
    if _NAMES_RE.search(f"{ctx.near_before} {ctx.near_after}"):
        return "claims", "names_identified", ctx
    counted = _PEOPLE_RE.search(near) or _CIVILIAN_RE.search(near) or _CHILD_RE.search(near)
    counted = counted or _OWN_RE.match(ctx.after)  # "Росія отримала 95 своїх"
    if exchange and counted and _WOUNDED_RE.search(near) and not subset:
        return "events", "wounded_transfer", ctx
    found = metric_of(ctx)
    if transfer and found and (found[0] == "captured" or _RELEASED_RE.search(near)):
        found = None  # "обміняли 606 полонених", "28 звільнених мають поранення"
    if found and _raw_pair(ctx):
        return None  # "домовилися про репатріацію тіл загиблих у співвідношенні «6000 на 6000»"
    if found and (counted or found[1]):
        return "claims", found[0], ctx
    if not found and not exchange and counted and _FIGURE_NOUN_RE.search(ctx.before):
        return "claims", "", ctx  # "називав цифру у 700 тисяч осіб": the last claim's metric
    if subset:  # a part of a casualty figure: its own metric, else the figure's before it
        return (
            ("claims", found[0] if found else "", ctx)
            if (counted or found) and not exchange
            else None
        )
    if (counted or _paired(ctx)) and exchange:
        return "events", event_type(ctx, sentence), ctx
    rest = sentence[mention.end :].strip(' .!»"”')
    bare = not rest or _IN_RETURN_RE.match(ctx.after) or _SAID_AFTER_RE.match(rest)
    bare = bare or _BUT_AFTER_RE.match(rest)  # "передала Украине 1 тыс., а получила 38 тел"
    if exchange and not (found and found[1]) and bare:
        kind = "body_repatriation" if _BODY_RE.search(rest) else ""
        return "events", kind, ctx  # a bare figure: else the type of the figure told before it
    return None


def status(sentence: str) -> str:
    """agreed when the sentence is about a deal and reports nothing as done, else completed."""
    if AGREEMENT_RE.search(sentence) and not COMPLETED_RE.search(sentence):
        return "agreed"
    return "completed"
