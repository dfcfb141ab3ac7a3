"""Precision and recall of `analysis extract` on the development corpus in tests/extract_dev.

366 texts modelled on stored news pages (wire reports, Telegram posts, Russian state media, UN
updates, think-tank estimates, live blogs, headlines) in English, Ukrainian and Russian, each
restated with its number expressions, attributions and order of facts. `split.csv` fixes which
half a text belongs to: rules are tuned on the `tuning` half only; the `checking` half is scored
to estimate performance on unseen text. A candidate matches an expected row on value plus
receiving side (events) or subject (claims); the strict score also needs date, type and qualifier.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from analysis.errors import AnalysisError
from analysis.text.extract import Candidate, extract
from extract_rows import row_key

CORPUS = Path(__file__).parent / "extract_dev"
SPLIT = {r["text"]: r["half"] for r in csv.DictReader((CORPUS / "split.csv").open())}
LANGUAGES = ("en", "uk", "ru")
# Issue 15's targets for the checking half (value plus side or subject) are precision 0.95 and
# recall 0.90; measured 0.964 / 0.939 (docs/extract.md). The test holds the measured floors,
# rounded down, so a change that loses ground fails.
TARGET = {"tuning": (0.98, 0.99), "checking": (0.96, 0.93)}
ISSUE_TARGET = (0.95, 0.90)


def loose(table: str, side: str, value: str) -> tuple[str, str, str]:
    """The fields of the issue's score: value plus receiving side or subject."""
    return (table, side, value)


def candidate_keys(candidate: Candidate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(loose key, strict key) of a candidate."""
    strict = row_key(candidate)
    return loose(strict[0], strict[3], strict[4]), strict


def expected(text: Path) -> tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]:
    """(loose, strict) expected keys of one text."""
    with text.with_name(text.stem + ".expected.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    strict = Counter(
        (r["table"], r["date"], r["type"], r["side"], r["value"], r["qualifier"]) for r in rows
    )
    return Counter(loose(r["table"], r["side"], r["value"]) for r in rows), strict


def score(text: Path) -> dict[str, tuple[int, int, int]]:
    """{'loose'|'strict': (matched, proposed, expected)} for one text, plus 'misses' notes."""
    try:
        candidates = extract(text.read_text(encoding="utf-8"))
    except AnalysisError:
        candidates = []
    keys = [candidate_keys(c) for c in candidates]
    want_loose, want_strict = expected(text)
    out = {}
    for name, found, wanted in (
        ("loose", Counter(k[0] for k in keys), want_loose),
        ("strict", Counter(k[1] for k in keys), want_strict),
    ):
        out[name] = (sum((found & wanted).values()), sum(found.values()), sum(wanted.values()))
    return out


def table(half: str | None = None) -> dict[str, dict[str, list[int]]]:
    """Sums of (matched, proposed, expected) per language and 'all', loose and strict."""
    sums = {k: {m: [0, 0, 0] for m in ("loose", "strict")} for k in (*LANGUAGES, "all")}
    for name, text_half in SPLIT.items():
        if half and text_half != half:
            continue
        result = score(CORPUS / f"{name}.txt")
        for group in (name[:2], "all"):
            for measure, counts in result.items():
                sums[group][measure] = [
                    a + b for a, b in zip(sums[group][measure], counts, strict=True)
                ]
    return sums


def ratios(counts: list[int]) -> tuple[float, float]:
    """(precision, recall) of (matched, proposed, expected)."""
    matched, proposed, wanted = counts
    return matched / max(proposed, 1), matched / max(wanted, 1)


def test_corpus_has_100_texts_25_per_language_each_with_expected_rows() -> None:
    """At least 100 texts, 25 per language, each with its expected rows, each in one half."""
    texts = sorted(CORPUS.glob("*.txt"))
    assert len(texts) >= 100 and set(SPLIT) == {t.stem for t in texts}
    for language in LANGUAGES:
        assert sum(t.name.startswith(language) for t in texts) >= 25
    assert all(t.with_name(t.stem + ".expected.csv").exists() for t in texts)
    assert {h for h in SPLIT.values()} == {"tuning", "checking"}


@pytest.mark.parametrize("half", ["tuning", "checking"])
def test_precision_and_recall_per_half_and_language(
    half: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sums = table(half)
    with capsys.disabled():
        print()
        for group, measures in sums.items():
            line = ", ".join(
                f"{m} p {ratios(c)[0]:.3f} r {ratios(c)[1]:.3f} ({c[0]}/{c[1]}/{c[2]})"
                for m, c in measures.items()
            )
            print(f"extract_dev {half} {group}: {line}")
    precision, recall = ratios(sums["all"]["loose"])
    low_p, low_r = TARGET[half]
    assert precision >= low_p and recall >= low_r
    if half == "checking":  # the issue's target, on text the rules were not tuned to
        assert precision >= ISSUE_TARGET[0] and recall >= ISSUE_TARGET[1]
