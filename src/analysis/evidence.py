"""Source tiers, the blocklist of cited domains, and the derived evidence grade of a ledger figure.

A figure's `evidence` is never typed: it follows from the sources its row cites. `primary` when a
cited source is the claimant's own channel (tier primary), `corroborated` when two outlets with
distinct publishers state it, `single_outlet` otherwise. A row citing a URL whose domain, or a
parent domain, is on the blocklist (data/raw/ledger/blocked_domains.csv) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from analysis.schema import EVIDENCE_GRADES, SOURCE_TIERS

BLOCKLIST_FILE = "blocked_domains.csv"
BLOCKLIST_COLUMNS = ("domain", "reason")
PRIMARY, CORROBORATED, SINGLE = EVIDENCE_GRADES
INDEPENDENT_TIERS = frozenset({"primary", "outlet"})
assert set(INDEPENDENT_TIERS) <= set(SOURCE_TIERS)


@dataclass(frozen=True)
class SourceInfo:
    """What the evidence grade needs to know about one cited source."""

    tier: str | None
    publisher: str | None


def host(url: str) -> str:
    """The lower-case host of a URL without port, trailing dot or leading 'www.'."""
    name = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    return name.removeprefix("www.")


def normalise_domain(text: str) -> str:
    """A blocklist entry as a bare lower-case domain ('https://www.x.com/' -> 'x.com')."""
    text = text.strip().lower()
    if "/" in text:
        text = host(text if "//" in text else f"//{text}")
    return text.rstrip(".").removeprefix("www.").removeprefix("*.")


def blocked_by(url: str, blocklist: Mapping[str, str]) -> tuple[str, str] | None:
    """(listed domain, reason) when the URL's host or one of its parent domains is blocked."""
    labels = host(url).split(".")
    for start in range(len(labels) - 1):
        domain = ".".join(labels[start:])
        if domain in blocklist:
            return domain, blocklist[domain]
    return None


def grade(sources: Iterable[SourceInfo]) -> str:
    """The evidence grade of a figure from the sources it cites (see the module docstring)."""
    cited = list(sources)
    if any(s.tier == "primary" for s in cited):
        return PRIMARY
    publishers = {
        (s.publisher or "").strip().casefold()
        for s in cited
        if s.tier in INDEPENDENT_TIERS and (s.publisher or "").strip()
    }
    return CORROBORATED if len(publishers) >= 2 else SINGLE


def parse_blocklist(
    records: Iterable[tuple[int, dict[str, str], str | None]],
) -> tuple[dict[str, str], list[tuple[int, str, str]]]:
    """domain -> reason from the rows of blocked_domains.csv, plus (line, value, reason) problems."""
    blocklist: dict[str, str] = {}
    problems: list[tuple[int, str, str]] = []
    for line, record, problem in records:
        domain = normalise_domain(record.get("domain", ""))
        reason = " ".join(record.get("reason", "").split())
        if problem or not domain or "." not in domain:
            problems.append((line, record.get("domain", ""), problem or "domain: not a domain"))
        elif not reason:
            problems.append((line, domain, "reason: a blocked domain needs a reason"))
        elif domain in blocklist:
            problems.append((line, domain, "domain: listed twice"))
        else:
            blocklist[domain] = reason
    return blocklist, problems
