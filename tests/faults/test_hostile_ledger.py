"""Hostile and messy ledger rows (reliability audit, ledger format, numbers, ids, corrections):
each is quarantined at file, line and column with its reason, never published as a wrong figure,
and `check` and `ingest` agree. Driven through the `analysis` command and `analysis.load`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import polars as pl
import pytest
from hostile import append, append_raw, cli, line_count, one_line

import analysis

if TYPE_CHECKING:
    from analysis.config import Paths


def _quarantine() -> list[tuple[str, int, str | None, str]]:
    """(file, line, column, reason) of every quarantined row of the current version."""
    frame = analysis.load("quarantine").sort("file", "line")
    return [(r["file"], r["line"], r["column"], r["reason"]) for r in frame.iter_rows(named=True)]


def _ingest(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`analysis ingest --allow-quarantine`, which must succeed."""
    code, out, err = cli(["ingest", "--allow-quarantine"], capsys)
    assert code == 0, (out, err)
    return code, out, err


def _events(**where: str) -> list[dict[str, object]]:
    """Processed events rows matching column=value."""
    frame = analysis.load("events")
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    return frame.to_dicts()


# --- line splitting: CSV's own line rule (L06, L07, L08) -------------------------------------


def test_l07_unquoted_line_separator_keeps_the_cell_and_invents_no_row(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """L07: U+2028 in an unquoted notes cell (how csv.writer writes it) is part of the cell."""
    append(project.ledger, "events", {"notes": "first paragraph\u2028second paragraph"})
    code, out, _ = cli(["ingest"], capsys)
    assert code == 0, out
    assert "0 rows quarantined" in out
    (row,) = _events(figure_id="E9001")
    assert "first paragraph" in row["notes"] and "second paragraph" in row["notes"]
    manifest = analysis.tables.manifest()
    events = next(i for i in manifest["inputs"] if i["path"].endswith("events.csv"))
    assert events["rows_read"] == line_count(project.ledger / "events.csv") - 1


def test_l06_quoted_line_separator_keeps_later_line_numbers(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """L06: a quoted U+2028 does not shift the line numbers of the rows after it."""
    append_raw(project.ledger, "events", '\n'.join([
        'E9001,2025-06-18-pow_exchange,,2025-06-18,pow_exchange,ukraine,10,exact,completed,,'
        'Coordination HQ,ukraine,https://example.org/a,,,"a\u2028b"',
        'E9002,2025-06-18-pow_exchange,,2025-06-18,pow_exchange,ukraine,abc,exact,completed,,'
        'Coordination HQ,ukraine,https://example.org/a,,,']) + "\n")  # fmt: skip
    _ingest(capsys)
    bad = line_count(project.ledger / "events.csv")
    assert _quarantine() == [
        ("data/raw/ledger/events.csv", bad, "count", "count: cannot parse number: 'abc'")
    ]
    assert _events(figure_id="E9001")[0]["notes"].replace("\u2028", " ") == "a b"


def test_l08_next_line_character_is_one_problem_at_its_real_line(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """L08: U+0085 (NEL) in an unquoted cell: that row is quarantined, no phantom row after it."""
    (line,) = append(project.ledger, "events", {"notes": "a\u0085b"})
    append(project.ledger, "events", {"id": "E9002"})
    _ingest(capsys)
    assert _quarantine() == [
        ("data/raw/ledger/events.csv", line, "notes", "notes: contains control character U+0085")
    ]
    assert len(_events(figure_id="E9002")) == 1


# --- encodings (L02) ---------------------------------------------------------------------------


def test_l02_utf16_without_bom_is_refused_by_name(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """L02: UTF-16 LE without a BOM is named as UTF-16, and no NUL byte reaches the terminal."""
    path = project.ledger / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    code, out, err = cli(["ingest"], capsys)
    assert code == 3
    assert one_line(err) == (
        f"error: {path}: file is UTF-16 (little-endian, no byte order mark); save it as UTF-8"
    )
    assert "\x00" not in out + err


# --- numbers: type and finite range before the frame (N10, N11) --------------------------------


@pytest.mark.parametrize("command", [["ingest", "--allow-quarantine"], ["check"]])
def test_n10_oversized_count_is_quarantined_not_a_crash(
    command: list[str], project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """N10: a count of 99999999999999999999 is quarantined at file, line and column."""
    (line,) = append(project.ledger, "events", {"count": "99999999999999999999"})
    code, out, err = cli(command, capsys)
    assert code == (0 if command[0] == "ingest" else 4), (out, err)
    expected = f"data/raw/ledger/events.csv:{line}: count: must be at most 1,000,000,000"
    assert expected in out
    assert err.count("error") == 0


def test_n11_value_beyond_a_float_is_quarantined_not_published_as_inf(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """N11: a claims value of 1 followed by 400 zeros is not published as inf."""
    (line,) = append(project.ledger, "claims", {"value": "1" + "0" * 400})
    _ingest(capsys)
    assert _quarantine() == [("data/raw/ledger/claims.csv", line, "value",
                              "value: must be at most 1,000,000,000")]  # fmt: skip
    values = analysis.load("claims")["value"]
    assert values.is_finite().all()


# --- corrections resolve after validation (I02-I06) --------------------------------------------


def _correction(n: int, supersedes: str, count: str = "10", **extra: str) -> dict[str, str]:
    """An events row E900n correcting `supersedes`."""
    return {"id": f"E900{n}", "count": count, "supersedes": supersedes, **extra}


def test_i02_a_supersedes_cycle_is_quarantined_and_check_says_so(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I02: E9001 ↔ E9002 correcting each other: both quarantined, `check` reports them."""
    lines = append(project.ledger, "events", _correction(1, "E9002"), _correction(2, "E9001", "12"))
    code, out, _ = cli(["check"], capsys)
    assert code == 4
    for line in lines:
        assert f"events.csv:{line}: supersedes: correction cycle E9001 → E9002 → E9001" in out
    _ingest(capsys)
    assert [q[1] for q in _quarantine()] == lines
    assert _events(figure_id="E9001") == []


def test_i03_a_row_superseding_itself_is_quarantined(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I03: a row naming itself in `supersedes` is quarantined, not silently dropped from sums."""
    (line,) = append(project.ledger, "events", _correction(1, "E9001"))
    _ingest(capsys)
    assert _quarantine() == [("data/raw/ledger/events.csv", line, "supersedes",
                              "supersedes: the row supersedes itself")]  # fmt: skip


def test_i04_a_correction_of_a_quarantined_row_says_so(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I04: E9002 correcting E9001, which is quarantined: the reason says E9001 is quarantined."""
    first, second = append(
        project.ledger, "events", {"date": "2025-02-30"}, _correction(2, "E9001")
    )
    _ingest(capsys)
    assert _quarantine()[1] == (
        "data/raw/ledger/events.csv", second, "supersedes",
        f"supersedes: row 'E9001' is quarantined (events.csv:{first})",
    )  # fmt: skip


def test_i05_a_quarantined_correction_does_not_retire_the_row_it_corrects(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I05: a correction quarantined by a table rule leaves the corrected row current."""
    append(project.ledger, "events", {
        "id": "E9001", "event_id": "2024-01-31-pow_exchange", "date": "2024-01-31",
        "event_type": "pow exchange", "count": "208", "claimant": "Zelensky", "supersedes": "E0001",
    })  # fmt: skip
    code, out, _ = cli(["ingest"], capsys)
    assert code == 4, out
    (row,) = _events(figure_id="E0001")
    assert (row["count"], row["is_current"]) == (207, True)


def test_i06_a_second_correction_of_one_row_is_quarantined(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I06: E9002 and E9003 both correct E9001: the second is quarantined, naming the first."""
    lines = append(project.ledger, "events", {}, _correction(2, "E9001", "12"),
                   _correction(3, "E9001", "14"))  # fmt: skip
    _ingest(capsys)
    assert _quarantine() == [(
        "data/raw/ledger/events.csv", lines[2], "supersedes",
        f"supersedes: row 'E9001' is already corrected by 'E9002' (events.csv:{lines[1]}); "
        "correct 'E9002' instead",
    )]  # fmt: skip
    current = {r["figure_id"]: r["is_current"] for r in _events(event_id="2025-06-18-pow_exchange")}
    assert current == {"E9001": False, "E9002": True}


def test_a_correction_chain_resolves_to_its_last_link(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Corrections class: E9003 → E9002 → E9001: only the last link is current."""
    append(
        project.ledger, "events", {}, _correction(2, "E9001", "12"), _correction(3, "E9002", "14")
    )
    code, out, _ = cli(["ingest"], capsys)
    assert code == 0, out
    current = {r["figure_id"]: r["is_current"] for r in _events(event_id="2025-06-18-pow_exchange")}
    assert current == {"E9001": False, "E9002": False, "E9003": True}


def test_claims_corrections_follow_the_same_rules(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Corrections class: claims share the resolver (a self-correction is quarantined)."""
    (line,) = append(project.ledger, "claims", {"supersedes": "C9001"})
    _ingest(capsys)
    assert _quarantine() == [("data/raw/ledger/claims.csv", line, "supersedes",
                              "supersedes: the row supersedes itself")]  # fmt: skip


# --- ids, URLs, dates (I01, U03, D02, C03) ----------------------------------------------------


@pytest.mark.parametrize(("table", "bad"), [("events", "C0001"), ("claims", "E0001"),
                                            ("totals", "hello world")])  # fmt: skip
def test_i01_ids_follow_the_table_prefix(
    table: str, bad: str, project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """I01: an id that is not the table's letter and digits is quarantined."""
    (line,) = append(project.ledger, table, {"id": bad})
    _ingest(capsys)
    letter = {"events": "E", "claims": "C", "totals": "T"}[table]
    assert _quarantine() == [(f"data/raw/ledger/{table}.csv", line, "id",
                              f"id: {table} ids are {letter} and digits, like {letter}0001")]  # fmt: skip


def test_u03_a_url_without_host_is_quarantined(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """U03: `https://` alone is not a source."""
    (line,) = append(project.ledger, "events", {"source_urls": "https://"})
    _ingest(capsys)
    assert _quarantine() == [("data/raw/ledger/events.csv", line, "source_urls",
                              "source_urls: not an http(s) URL with a host")]  # fmt: skip


def test_d02_an_ambiguous_numeric_date_is_quarantined(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """D02: 01/06/2025 could be 1 June or 6 January: refused; 30/06/2025 is unambiguous."""
    line, _ = append(project.ledger, "events", {"date": "01/06/2025"},
                     {"id": "E9002", "date": "30/06/2025"})  # fmt: skip
    _ingest(capsys)
    assert _quarantine() == [("data/raw/ledger/events.csv", line, "date",
                              "date: ambiguous date '01/06/2025' (day or month first?): "
                              "write it as YYYY-MM-DD")]  # fmt: skip
    assert _events(figure_id="E9002")[0]["date"] == dt.date(2025, 6, 30)


def test_c03_a_future_date_is_checked_again_once_that_day_has_come(
    project: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """C03: a row quarantined as 'date after today' is read again by a plain ingest later on."""
    from analysis import schema

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    append(project.ledger, "events", {"date": tomorrow.isoformat()})
    _ingest(capsys)
    assert len(_quarantine()) == 1
    monkeypatch.setattr(schema, "today", lambda: tomorrow + dt.timedelta(days=1))
    code, out, _ = cli(["ingest"], capsys)
    assert code == 0, out
    assert "0 rows quarantined" in out
    assert len(_events(figure_id="E9001")) == 1
