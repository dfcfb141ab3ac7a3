"""Whose losses a casualty figure counts (side, military or civilian) and which metric it is."""

from __future__ import annotations

import re

from analysis.text import rules
from analysis.text.extract.claimants import claimant_spans, sides_in
from analysis.text.extract.common import OTHER_SIDE, rx, words
from analysis.text.extract.context import Context, without_aside

_METRIC_RES = [(metric, words(p)) for metric, p in rules.CASUALTY_METRICS]
_ENEMY_RE = words(rules.ENEMY_WORDS)
_OCCUPIER_RE = rx(rf"^(?:\S+\s+)?(?:{rules.OCCUPIER_WORDS})(?!\w)")
_CIVILIAN_RE = words(f"{rules.CIVILIAN_WORDS}|{rules.CHILD_WORDS}|{rules.CIVILIAN_MORE}")
_MILITARY_RE = words(rules.MILITARY_WORDS)
_ATTACK_RE = words(rules.ATTACK_WORDS)
_PLACE_RES = {side: words(p) for side, p in rules.PLACE_WORDS.items()}
_LOCATION_RE = rx(rf"(?<!\w)(?:{rules.LOCATION_BEFORE})\s+$")
_HAS_LOSSES_RE = rx(
    rf"(?<!\w)(?:{rules.LOSS_NOUNS})\s+(?:{rules.LOCATION_BEFORE})\s+$"
)  # "втрат у Росії"
_OUR_LOSSES_RE = words(rules.OUR_LOSSES)
_SPEAKER_RE = rx(rf"^(?:\s+\S+)?\s+(?:{rules.SPEAKER_VERBS})(?!\w)")
_BEFORE_NAME_RE = rx(r"^(?:'s)?\s")
_WITH_RE = rx(rf"(?<!\w){rules.WITH_WORDS}$")
_TOTAL_VERB_RE = rx(rf"(?<!\w)(?:{rules.TOTAL_VERBS})\s*$")
DIRECT_WORDS = 3  # a metric this many words after a figure names it ("8,848 have been injured")
_ATTACKER_FORM_RE = rx(rules.ATTACKER_FORMS)
_ATTACKER_GENITIVE_RE = rx(rules.ATTACKER_GENITIVE)
_ATTACKER_NOUN_RE = words(f"{rules.ATTACK_WORDS}|{rules.AGGRESSION_WORDS}")
_ATTACK_GAP = 3  # words between a side and its attack noun: "Russian missile and bomb strikes"
_CAUSE_RE = words(rules.CAUSE_PHRASES)
_OWN_RE = rx(rf"^(?:{rules.OWN_AFTER})")
_AGGRESSOR_RE = rx(rf"^(?:'s)?\s+(?:\w+\s+)?(?:{rules.AGGRESSION_VERBS})(?!\w)")


def metric_of(ctx: Context) -> tuple[str, bool] | None:
    """The casualty metric of a figure and whether its word is next to it.

    A metric word right before the figure wins ('killed 3', 'поранено 5'), then the first one
    after it up to the next number ('5,996 people have died and 8,848 ...'), then the last one
    before it ('losses averaged').
    """
    before = _CAUSE_RE.sub(" ", ctx.before).rstrip()
    for metric, pattern in _METRIC_RES:
        if any(m.end() == len(before) for m in pattern.finditer(before)):
            return metric, True
    rest = without_aside(ctx.clause_after)
    if ctx.after_aside and not any(p.search(rest) for _, p in _METRIC_RES):
        rest = f"{rest} {ctx.after_aside}"  # "9,000 civilians, including 500 children, ... killed"
    digit = re.search(r"\d", rest)
    after = rest[: digit.start()] if digit else rest
    found = sorted(
        (m.start(), m.start() - m.end(), metric)
        for metric, pattern in _METRIC_RES
        for m in pattern.finditer(after)
    )
    if found:
        return found[0][2], found[0][0] <= len(" ".join(after.split()[: DIRECT_WORDS - 1])) + 1
    found_before = [
        (m.end(), -m.start(), metric) for metric, p in _METRIC_RES for m in p.finditer(before)
    ]  # the last word before; of two ending together the longer ("убитими та пораненими")
    if found_before:
        return max(found_before)[2], True
    # a list ("lost 14 tanks, 37 artillery systems and 1,150 personnel"): the sentence's verb;
    # a total's verb ("Число погибших ... превысило 100 тысяч"): its subject names the metric
    found_head = [(m.end(), metric) for metric, p in _METRIC_RES for m in p.finditer(ctx.head)]
    direct = bool(_TOTAL_VERB_RE.search(f"{ctx.before} {ctx.qualifier_text}".strip()))
    return (max(found_head)[1], direct) if found_head else None


def group_of(ctx: Context, sentence: str, claimant_kind: str, previous: str) -> str:
    """military or civilian: the counted noun, else an attack, a monitor's report or a named
    town (without the enemy), else the figure's before."""
    near = f"{ctx.near_before} {ctx.near_after}"
    if _CIVILIAN_RE.search(near):
        return "civilian"
    if _MILITARY_RE.search(near):
        return "military"
    if _ATTACK_RE.search(sentence) or claimant_kind == "monitoring":
        return "civilian"
    if place_side(sentence) and not _ENEMY_RE.search(sentence):  # "у Харкові ... одного загиблого"
        return "civilian"
    if _CIVILIAN_RE.search(sentence) and not _MILITARY_RE.search(sentence):
        return "civilian"  # "такие потери среди гражданского населения"
    if _MILITARY_RE.search(sentence) and not _CIVILIAN_RE.search(sentence):
        return "military"  # "1.2 million casualties, including up to 325,000 troop deaths"
    return previous or "military"


def _attacker(text: str, start: int, end: int) -> bool:
    """Whether the side word at text[start:end] names who attacked ('Russian strikes', 'удару ВСУ').

    Only forces and adjectives attack: in 'Kyiv strike' the capital is where it hit; any side
    doing an aggression verb attacks ('when Russia started the war').
    """
    if _AGGRESSOR_RE.match(text[end:]):
        return True
    before = text[:start].split()[-2:]
    if _ATTACKER_GENITIVE_RE.fullmatch(text[start:end]):  # only right after its noun
        return bool(before) and bool(_ATTACKER_NOUN_RE.fullmatch(before[-1].strip(',.;:«»"')))
    if not (_ATTACKER_FORM_RE.fullmatch(text[start:end]) or text[end : end + 2] == "'s"):
        return False
    after = text[end:].split()[:_ATTACK_GAP]
    return any(_ATTACKER_NOUN_RE.fullmatch(w.strip(',.;:«»"')) for w in after + before)


def _names_next(names: list[tuple[int, int]], text: str, end: int) -> bool:
    """Whether a claimant's name starts right after a side word ('Ukraine's General Staff')."""
    gap = len(text[end:]) - len(text[end:].lstrip(" 's"))
    return any(s <= end + gap + 1 and e > end for s, e in names)


def victim_side(text: str, group: str, metric: str = "") -> str | None:
    """The first side in `text` whose losses these are: attackers count as the other side;
    claimants' names, speakers ('Kyiv said'), 'with X' and, for soldiers and captives, places
    are skipped ('удерживаются на Украине 12 мирных жителей')."""
    names = claimant_spans(text)
    for start, end, side in sides_in(text):
        if any(s <= start < e for s, e in names) or _WITH_RE.search(text[:start]):
            continue
        if (
            _SPEAKER_RE.match(text[end:])
            or _BEFORE_NAME_RE.match(text[end:])
            and _names_next(names, text, end)
        ):
            continue
        if _attacker(text, start, end):
            return OTHER_SIDE[side]
        if (
            (group == "military" or metric == "captured")
            and _LOCATION_RE.search(text[:start])
            and not _HAS_LOSSES_RE.search(text[:start])
        ):
            continue
        return side
    return None


def place_side(sentence: str) -> str | None:
    """The side of the first place named in the sentence (Kharkiv, Белгород), else None."""
    found = [(m.start(), side) for side, p in _PLACE_RES.items() for m in [p.search(sentence)] if m]
    return min(found)[1] if found else None


def subject(
    ctx: Context, sentence: str, claimant: tuple[str, str, str], previous: str, metric: str = ""
) -> tuple[str, str]:
    """The claims subject (ukraine_military, russia_civilian, ...) and how it was found.

    `claimant` is (side, claim kind, whose losses it counts). The side is the claimant's enemy when the figure's clause
    says 'the enemy', else the side named near the figure or in its sentence, else the place of
    civilian losses, else the previous claim's (a fallback), else for civilians the claimant's.
    """
    claimant_side, kind, counts = claimant
    before_side, _, before_group = previous.partition("_")
    group = group_of(ctx, sentence, kind, before_group)
    side = place_side(sentence) if group == "civilian" else None  # where civilians were hit
    if (
        side is None
        and claimant_side in OTHER_SIDE
        and _ENEMY_RE.search(f"{ctx.before} {ctx.after}")
    ):
        side = OTHER_SIDE[claimant_side]
    own = sides_in(ctx.clause_before) if _OWN_RE.match(ctx.after) else []
    side = side or (own[-1][2] if own else None)  # "Russia says 498 of its troops ..."
    if side is None and _OCCUPIER_RE.match(ctx.near_after):
        side = "russia"  # "21 окупанта": Russia's forces, whoever says it
    for text in (ctx.after, ctx.before):
        side = side or victim_side(text, group, metric)
    if side is None and claimant_side in OTHER_SIDE and _ENEMY_RE.search(sentence):
        side = OTHER_SIDE[claimant_side]
    if side is None and claimant_side in OTHER_SIDE and _OUR_LOSSES_RE.search(ctx.near_before):
        side = claimant_side  # "Ми – 340 втрат": the speaker's own
    side = side or victim_side(sentence, group, metric)
    if side is None and group == "civilian":
        side = place_side(sentence)
    if side:
        return f"{side}_{group}", "read"
    if before_side:
        return f"{before_side}_{group}", "fallback"
    if counts:
        return f"{counts}_{group}", "fallback"
    if group == "civilian" and (claimant_side in OTHER_SIDE or kind == "monitoring"):
        return f"{claimant_side if claimant_side in OTHER_SIDE else 'ukraine'}_civilian", "fallback"
    return "", "unknown"
