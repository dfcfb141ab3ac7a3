"""Who receives an event figure: each side, the side named next to it, a dative, a verb's subject."""

from __future__ import annotations

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
from analysis.text.extract.context import Context
from analysis.text.extract.subjects import place_side

_EACH_RE = words(rules.EACH_SIDE_WORDS)
_RESIDENTS_RE = words(f"{rules.CIVILIAN_WORDS}|{rules.CIVILIAN_MORE}")
_UKRAINIAN_RE = rx(rules.UKRAINIAN_LETTERS)
_IMPERSONAL_RE = words(rules.IMPERSONAL_RETURN)
_DEFENDERS_RE = rx(rf"^(?:\S+\s+)?(?:{rules.DEFENDER_WORDS})(?!\w)")
_EACH_BEFORE_RE = rx(rules.EACH_SIDE_BEFORE)
_HOME_RE = words(rules.HOME_WORDS)
_DATIVE_SIDE_RE = rx(rf"(?<!\w)(?P<side>{SIDE_ANY})\s+(?:{rules.DATIVE_SIDE_NOUN})(?!\w)")
_TO_BEFORE_RE = rx(rf"(?<!\w){rules.TO_SIDE}$")
_FROM_BEFORE_RE = rx(rf"(?<!\w)(?:{rules.FROM_WORDS})\s+$")
_FROM_CAPTIVITY_RE = rx(rf"(?<!\w)(?:{rules.FROM_CAPTIVITY})")
# "... and Russia 38", "російська сторона — 38 тіл": a side right before a figure without a verb.
_ELLIPTIC_RE = rx(
    rf"(?<!\w)(?P<side>{SIDE_ANY})(?:\s+(?:{rules.SIDE_NOUNS}))?\s*"
    rf"(?:[—–-]\s*(?:(?:{rules.BODY_WORDS})(?:\s+of)?\s*)?)?$"
)  # "... and Russia 38", "російська сторона — 38 тіл", "а Украине — тела тысячи"
_VERB_RE = rx(rf"(?<!\w)(?:(?P<receive>{rules.RECEIVE_VERBS})|(?P<give>{rules.GIVE_VERBS}))(?!\w)")
_BOTH_RE = rx(rules.BOTH_SIDES.format(side=SIDE_ANY))
_CAPTIVITY_RE = rx(
    rf"(?<!\w)(?P<side>{SIDE_ANY})(?:{rules.SIDE_SUFFIX})?\s+(?:\S+\s+){{0,3}}?(?:{rules.GIVE_VERBS})"
    rf"\s+(?:{rules.FROM_CAPTIVITY})"
)
_DATIVE_FORM = {side: rx(dative) for side, dative in rules.SIDE_DATIVE.items()}
_OWN_RE = rx(rf"^(?:{rules.OWN_AFTER})")
_LAST_SIDE_RE = rx(rf"(?<!\w)(?P<side>{SIDE_ANY})(?!\w)(?!.*(?<!\w)(?:{SIDE_ANY})(?!\w))")
_DISTRIBUTIVE_RE = rx(rf"(?<!\w)(?:{rules.EACH_DISTRIBUTIVE})\s*$")
_RETURN_RE = rx(rf"(?<!\w)(?:{rules.RETURN_VERBS})(?!\w)")
_SIDE_START_RE = rx(rf"(?<!\w)(?P<side>{SIDE_ANY})(?!\w)")
# "X handed over ... and received the bodies of 30": a verb coordinated with the clause's first.
_COORDINATED_RE = rx(
    rf"(?:{rules.COORDINATION})\s+(?:(?P<receive>{rules.RECEIVE_VERBS})|(?P<give>{rules.GIVE_VERBS}))"
    rf"(?!\w)(?:\s+(?!(?:{SIDE_ANY})(?!\w))\S+){{0,4}}\s*$"
)


def _elliptic(ctx: Context) -> str | None:
    """The receiver of a figure told after a bare side, by the verb of the figure before it;
    a dative side receives ('Украине передали 909 тел, России — 43')."""
    match = _ELLIPTIC_RE.search(ctx.before)
    side = side_of(match["side"]) if match else None
    if match is None or side is None:
        return None
    if _FROM_BEFORE_RE.search(ctx.before[: match.start()]):  # "о получении из России 1200 тел"
        return OTHER_SIDE[side]
    if _TO_BEFORE_RE.search(ctx.before[: match.start()]) or _DATIVE_FORM[side].fullmatch(
        match["side"]
    ):
        return side
    verbs = list(_VERB_RE.finditer(ctx.head))
    return OTHER_SIDE[side] if verbs and verbs[-1]["give"] else side


def _coordinated(ctx: Context) -> tuple[str, str] | None:
    """(side, how) of 'Russia handed over 1,000 ... and received the bodies of 30' (Russia)."""
    match = _COORDINATED_RE.search(ctx.head)
    first = _SIDE_START_RE.search(ctx.head)
    side = side_of(first["side"]) if first and match else None
    if match is None or side is None:
        return None
    return (side, "read") if match["receive"] else (OTHER_SIDE[side], "read")


def _from_captivity(ctx: Context) -> str | None:
    """'Россия вернула из плена 49': the subject of a giving verb with 'from captivity' receives."""
    matches = list(_CAPTIVITY_RE.finditer(ctx.clause_before))
    return side_of(matches[-1]["side"]) if matches else None


def _by_verb(ctx: Context, claimant_side: str | None) -> tuple[str, str] | None:
    """(side, how) from 'X received' (X) or 'X returned / handed over' (the other side: 'flip').

    A Slavic 'повернула/вернула' said of the claimant's own side means it brought its people
    back ('Україна повернула тіла 563 загиблих' by the Coordination HQ).
    """
    for pattern, flip in ((RECEIVER_RE, False), (GIVER_RE, True)):
        matches = list(pattern.finditer(ctx.clause_before))
        if matches:
            side = side_of(matches[-1]["side"])
            addressed = _TO_BEFORE_RE.search(ctx.clause_before[: matches[-1].start()])
            own_side = side == claimant_side or not claimant_side
            own = flip and own_side and _RETURN_RE.search(matches[-1].group(0))
            own = own or (flip and _FROM_CAPTIVITY_RE.search(ctx.after))  # "returned 205 ... from"
            if side:
                if own or not flip or addressed:
                    return side, "read"
                return OTHER_SIDE[side], "flip"
    return None


def receiver(ctx: Context, claimant_side: str | None) -> tuple[list[str], str]:
    """The receiving side(s) of an event figure and how it was found.

    `how` is read, flip (the other side of a giving verb's subject), fallback (the claimant's
    side), unknown, or combined (both sides exchanged it: no side's figure, no row).
    """
    if (
        _EACH_RE.search(ctx.near_after)
        or _EACH_BEFORE_RE.search(ctx.before)
        or _DISTRIBUTIVE_RE.search(ctx.before)
    ):
        return ["ukraine", "russia"], "read"
    side = nationality(ctx.after)
    if side:
        return [side], "read"
    home = place_side(ctx.after) if _RESIDENTS_RE.search(ctx.near_after) else None
    if home:  # "трое гражданских жителей Курской области": their region's side
        return [home], "read"
    dative = list(_DATIVE_SIDE_RE.finditer(ctx.before))
    if dative and side_of(dative[-1]["side"]):
        return [side_of(dative[-1]["side"]) or ""], "read"
    addressed_to = [(m.end(), s) for s, p in DATIVE_RES.items() for m in p.finditer(ctx.before)]
    if addressed_to:
        return [max(addressed_to)[1]], "read"
    elliptic = _elliptic(ctx)
    if elliptic:
        return [elliptic], "read"
    captive_home = _from_captivity(ctx)
    if captive_home:
        return [captive_home], "read"
    by_verb = _coordinated(ctx) or _by_verb(ctx, claimant_side)
    if by_verb:
        return [by_verb[0]], by_verb[1]
    own = _LAST_SIDE_RE.search(ctx.clause_before) if _OWN_RE.match(ctx.after) else None
    if own and side_of(own["side"]):  # "Russia said 307 of its soldiers had returned"
        return [side_of(own["side"]) or ""], "read"
    if _HOME_RE.search(ctx.after) and nationality(ctx.before):
        return [nationality(ctx.before) or ""], "read"
    to_side = TO_SIDE_RE.search(f"{ctx.before} {ctx.after}")
    if to_side and side_of(to_side["side"]):
        return [side_of(to_side["side"]) or ""], "read"
    if _BOTH_RE.search(ctx.head):
        return [], "combined"
    if _HOME_RE.search(ctx.after) and nationality(ctx.head):  # "Ukraine ..., and 12 ... home"
        return [nationality(ctx.head) or ""], "read"
    if _DEFENDERS_RE.match(ctx.near_after):  # "повернулися 300 захисників": Ukraine's own
        return ["ukraine"], "read"
    if claimant_side in OTHER_SIDE:
        return [claimant_side], "read" if OUR_RE.search(ctx.near_after) else "fallback"
    if _UKRAINIAN_RE.search(f"{ctx.head} {ctx.after}") and _IMPERSONAL_RE.search(ctx.head):
        return ["ukraine"], "fallback"  # "Повернули 1000 тіл" in Ukrainian: to Ukraine
    return [""], "unknown"
