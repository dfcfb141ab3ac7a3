"""Batch triage: `analysis extract PATH...` matches every candidate against the ledger."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.config import Paths
from analysis.text import triage
from analysis.text.extract import Candidate, extract
from cli_runner import run

SEED_NAME = "000_9452108eebbe08aa.txt"


@pytest.fixture
def folder(shared_reference: Path, tmp_path: Path) -> Path:
    """A folder with the seed story, a copy with one changed count, and an unrelated article."""
    seed = (shared_reference.parent / "seeds" / SEED_NAME).read_text(encoding="utf-8")
    root = tmp_path / "articles"
    (root / "more").mkdir(parents=True)
    (root / "seed.txt").write_text(seed, encoding="utf-8")
    (root / "more" / "changed.md").write_text(seed.replace("1,212", "1,213"), encoding="utf-8")
    (root / "more" / "new.html").write_text(
        '<html><head><meta property="article:published_time" content="2025-07-01T08:00:00Z">'
        '<link rel="canonical" href="https://example.org/new"></head><body><p>Ukraine received '
        "the bodies of 700 fallen soldiers on Tuesday, the Coordination Headquarters said.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    (root / "notes.pdf").write_bytes(b"%PDF not an article")
    return root


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_a_folder_is_triaged_known_conflict_and_new_with_row_ids(
    project: Paths, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "triage.csv"
    result = run(["extract", str(folder), "--triage", str(out)], capsys)
    assert result.code == 0, result.output
    rows = _rows(out)
    assert list(rows[0]) == list(triage.COLUMNS)
    by_file: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in rows:
        by_file.setdefault(Path(r["file"]).name, []).append(
            (r["status"], r["ledger_id"], r["side_subject"], r["value"])
        )
    assert by_file["seed.txt"] == [
        ("known", "E0012", "ukraine", "1212"), ("known", "E0013", "russia", "27"),
        ("known", "E0010", "ukraine", "6000"), ("known", "E0011", "russia", "6000"),
        ("known", "C0001", "ukraine_military", "46000"),
        ("known", "C0002", "russia_military", "111000"),
    ]  # fmt: skip
    assert by_file["changed.md"][0] == ("conflict", "E0012", "ukraine", "1213")
    assert by_file["changed.md"][1:] == by_file["seed.txt"][1:]
    assert by_file["new.html"] == [("new", "", "ukraine", "700")]
    assert "notes.pdf" not in by_file
    assert "13 candidate(s) triaged in" in result.output
    assert "[3/3]" in result.output  # progress for several files (on stderr)


def test_the_terminal_table_names_the_ledger_rows(
    project: Paths, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(["extract", str(folder / "more" / "changed.md")], capsys)
    assert result.code == 0, result.output
    assert "conflict E0012 (1212 exact)" in result.output
    assert "known E0013" in result.output
    assert "0 new, 1 conflict, 5 known" in result.output


def test_an_input_over_the_size_cap_is_refused_with_its_name(
    project: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("June 11, 2025\n\n" + "Ukraine received 1,000 bodies. " * 100, encoding="utf-8")
    code, _, err = run(["extract", str(big), "--max-bytes", "1000"], capsys)
    assert code == 3
    assert err.strip() == f"error: {big}: 3,115 bytes exceeds the cap of 1,000 (--max-bytes)"


def test_url_with_several_files_is_a_usage_error(
    project: Paths, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["extract", str(folder), "--url", "https://example.org/x"], capsys)
    assert code == 2
    assert err.strip() == "error: --url names one article, but 3 files were given"


def test_a_missing_path_is_named(
    project: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["extract", str(tmp_path / "nope")], capsys)
    assert code == 3
    assert err.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"


def test_triage_cells_that_could_run_as_formulas_are_defused(
    project: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "June 11, 2025\n\n=Ukraine received 1,000 bodies, the Coordination HQ said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.csv"
    assert run(["extract", str(article), "--triage", str(out)], capsys).code == 0
    (row,) = _rows(out)
    assert row["sentence"] == "'=Ukraine received 1,000 bodies, the Coordination HQ said."


@pytest.mark.parametrize(
    ("candidate", "ledger", "same"),
    [("2025-06-11", "2025-06-11", True), ("~2025-06-11", "2025-06-12", True),
     ("~2025-06-11", "2025-06-13", False), ("2025-06-11", "2025-06-12", False),
     ("2025-02", "2025-02-16", True), ("2025-03", "2025-02-16", False), ("2025", "2025-06-11", True)],
)  # fmt: skip
def test_dates_that_can_name_the_same_day(candidate: str, ledger: str, same: bool) -> None:
    assert triage.same_date(candidate, ledger) is same


def _claim(value: str, claimant: str) -> Candidate:
    (c,) = extract(f"More than {value} Ukrainian soldiers were killed, {claimant} said.",
                   __import__("datetime").date(2025, 2, 16))  # fmt: skip
    return c


def test_claims_conflict_only_with_the_same_claimants_statement(project: Paths) -> None:
    from analysis.text.review import current_rows

    claims = current_rows(project, "claims")
    assert triage.match(_claim("46,000", "Zelensky"), claims).label == "known C0001"
    assert triage.match(_claim("47,000", "Zelensky"), claims).label == (
        "conflict C0001 (46000 at_least)"
    )
    assert triage.match(_claim("47,000", "Budanov"), claims).status == "new"
