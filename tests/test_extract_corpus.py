"""Precision and recall of `analysis extract` over the hand-written corpus in tests/extract_corpus.

Each NN_name.txt carries its own date line and 'Original url' line; NN_name.expected.csv lists the
rows a reviewer would keep. A candidate matches an expected row on table, date, event type (or
claims metric), receiving side (or claims subject), value and qualifier.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from analysis.extract import Candidate, extract

CORPUS = Path(__file__).parent / "extract_corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))
MIN_PRECISION = 0.9
MIN_RECALL = 0.85


def match_key(candidate: Candidate) -> tuple[str, ...]:
    """The fields a candidate is scored on, in expected.csv order."""
    r = candidate.row
    if candidate.table == "events":
        return ("events", r["date"], r["event_type"], r["received_by"], r["count"], r["qualifier"])
    return ("claims", r["claim_date"], r["metric"], r["subject"], r["value"], r["qualifier"])


def expected_keys(text: Path) -> Counter[tuple[str, ...]]:
    """The expected rows of one corpus text."""
    path = text.with_name(text.stem + ".expected.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Counter(
        (r["table"], r["date"], r["type"], r["side"], r["value"], r["qualifier"]) for r in rows
    )


def score(text: Path) -> tuple[int, int, int, list[str]]:
    """(true positives, candidates, expected, mismatch descriptions) for one text."""
    found = Counter(match_key(c) for c in extract(text.read_text(encoding="utf-8")))
    wanted = expected_keys(text)
    hits = sum((found & wanted).values())
    misses = [f"{text.name}: spurious {k}" for k in (found - wanted).elements()]
    misses += [f"{text.name}: missed {k}" for k in (wanted - found).elements()]
    return hits, sum(found.values()), sum(wanted.values()), misses


def test_corpus_has_at_least_20_texts_each_with_expected_rows() -> None:
    assert len(TEXTS) >= 20
    assert all(t.with_name(t.stem + ".expected.csv").exists() for t in TEXTS)


def test_precision_and_recall_over_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    hits = proposed = wanted = 0
    problems: list[str] = []
    for text in TEXTS:
        h, p, w, m = score(text)
        hits, proposed, wanted, problems = hits + h, proposed + p, wanted + w, problems + m
    precision, recall = hits / proposed, hits / wanted
    with capsys.disabled():
        print(f"\nextract corpus: {len(TEXTS)} texts, {wanted} expected rows, {proposed} proposed, "
              f"{hits} matched: precision {precision:.3f}, recall {recall:.3f}")  # fmt: skip
        print("\n".join(problems))
    assert precision >= MIN_PRECISION, problems
    assert recall >= MIN_RECALL, problems
