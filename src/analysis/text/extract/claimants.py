"""Who says a figure (known claimants, mediators) and which side words name."""

from __future__ import annotations

from analysis.text import rules
from analysis.text.extract.common import OTHER_SIDE, rx, words

_CLAIMANT_RES = [(c, rx(c.pattern)) for c in rules.CLAIMANTS]
_MEDIATOR_RES = [rx(p) for p in rules.MEDIATOR_PATTERNS]


def find_mediator(sentence: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The mediator named in a sentence (UAE, Turkey, ...) and the spans naming it."""
    for pattern in _MEDIATOR_RES:
        match = pattern.search(sentence)
        if match:
            return rules.MEDIATOR_NAMES[match["name"].lower()], [match.span()]
    return None, []


def claimant_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every known claimant's name in a text ('Russian defence ministry', 'Генштаб ЗСУ')."""
    return [m.span() for _, pattern in _CLAIMANT_RES for m in pattern.finditer(text)]


def find_claimants(sentence: str) -> list[rules.Claimant]:
    """Known claimants named in a sentence, in order of appearance, mediators and weak names aside."""
    _, mediated = find_mediator(sentence)
    found: list[tuple[int, rules.Claimant]] = []
    taken: list[tuple[int, int]] = list(mediated)
    for claimant, pattern in _CLAIMANT_RES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), claimant))
    ordered = [c for _, c in sorted(found, key=lambda item: item[0])]
    strong = [c for c in ordered if not c.weak]
    unique = list(dict.fromkeys(strong or ordered))
    return unique


_SIDE_RES = {side: words(p) for side, p in rules.SIDE_WORDS.items()}
SIDE_ANY = "|".join(rules.SIDE_WORDS.values())
_GAP = rf"(?:(?!(?:{SIDE_ANY})(?!\w))\S+\s+){{0,{rules.SUBJECT_GAP_WORDS}}}?"  # words, no side
RECEIVER_RE = rx(
    rf"(?<!\w)(?P<side>{SIDE_ANY})(?:{rules.SIDE_SUFFIX})?\s+{_GAP}(?:{rules.RECEIVE_VERBS})(?!\w)"
)
GIVER_RE = rx(
    rf"(?<!\w)(?P<side>{SIDE_ANY})(?:{rules.SIDE_SUFFIX})?\s+{_GAP}(?:{rules.GIVE_VERBS})(?!\w)(?!\s+(?:{rules.HOME_WORDS}|{rules.FROM_CAPTIVITY}))"
)
DATIVE_RES = {
    side: rx(rf"(?<!\w)(?:{dative})\s+(?:\S+\s+){{0,3}}(?:{rules.TRANSFER_VERBS})(?!\w)"
              rf"|(?<!\w)(?:{rules.TRANSFER_VERBS})\s+(?:{dative})(?!\w)")
    for side, dative in rules.SIDE_DATIVE.items()
}  # fmt: skip
TO_SIDE_RE = rx(
    rf"(?:{rules.GIVE_VERBS}|{rules.EXCHANGE_WORDS})\s+(?:\S+\s+){{0,3}}?{rules.TO_SIDE}(?P<side>{SIDE_ANY})"
)
_FROM_RE = rx(rf"(?<!\w)(?:{rules.FROM_WORDS})\s+$")
_FORCE_RE = rx(rules.FORCE_WORDS)
OUR_RE = rx(rules.OUR_WORDS)
_WITH_RE = rx(rf"(?<!\w){rules.WITH_WORDS}$")
# "since Russia's full-scale invasion began": the side of an aggression is no receiver
_AGGRESSION_NEXT_RE = rx(
    rf"^(?:'s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{rules.AGGRESSION_WORDS}|{rules.AGGRESSION_VERBS})(?!\w)"
)
_NEXT_FIGURE_RE = rx(rf"^(?:\s+(?:{rules.SIDE_NOUNS}))?\s*[—–-]?\s*\d")


def side_of(text: str) -> str | None:
    """ukraine/russia when `text` starts with a side word, else None."""
    for side, pattern in _SIDE_RES.items():
        if pattern.match(text):
            return side
    return None


def sides_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, side) of every side word in a text, in order."""
    found = [(m.start(), m.end(), side) for side, p in _SIDE_RES.items() for m in p.finditer(text)]
    return sorted(found)


def nationality(text: str) -> str | None:
    """The first side named in `text`; 'from Russia(n captivity)' names the other side.

    A side directly followed by a number is that number's ('... bodies and Russia 38').
    """
    for start, end, side in sides_in(text):
        if _WITH_RE.search(text[:start]) or _NEXT_FIGURE_RE.match(text[end:]):
            continue
        if _AGGRESSION_NEXT_RE.match(text[end:]):
            continue
        if _FROM_RE.search(text[:start]) and not _FORCE_RE.fullmatch(text[start:end]):
            return OTHER_SIDE[side]  # "from Russian captivity"; "загиблих із ЗСУ" served in them
        return side
    return None
