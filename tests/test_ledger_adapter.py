"""The ledger adapter: seed story figures, cell errors with file/line/column, header errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest

from analysis.config import Paths
from analysis.errors import InputError
from analysis.ingest.adapters.ledger import read_ledger
from analysis.ingest.collect import build, collect


def _append(path: Path, line: str) -> int:
    """Append a CSV line to a ledger file; return its line number."""
    text = path.read_text()
    path.write_text(text + line + "\n")
    return len(text.splitlines()) + 1


def test_seed_story_bodies_are_two_event_rows(project: Paths) -> None:
    result = build(collect(project), project.root)
    events = result.tables["events"].filter(pl.col("event_id") == "2025-06-11-body_repatriation")
    got = events.select(
        "date", "event_type", "received_by", "count", "qualifier", "claimant"
    ).rows()
    assert sorted(got) == [
        (dt.date(2025, 6, 11), "body_repatriation", "russia", 27, "exact", "Medinsky"),
        (dt.date(2025, 6, 11), "body_repatriation", "ukraine", 1212, "exact", "Coordination HQ"),
    ]
    sources = result.tables["sources"]
    cited = sources.filter(pl.col("source_id").is_in(events["source_id"].to_list()))
    assert "https://www.themoscowtimes.com/2025/06/11/" in cited["url"][0]
    assert cited["publisher"].to_list() == ["The Moscow Times"]


def test_seed_story_46000_is_a_lower_bound(project: Paths) -> None:
    claims = build(collect(project), project.root).tables["claims"]
    row = claims.filter((pl.col("claimant") == "Zelensky") & (pl.col("value") == 46000)).row(
        0, named=True
    )
    assert row["qualifier"] == "at_least"
    assert (row["subject"], row["metric"]) == ("ukraine_military", "killed")
    assert (row["as_of"], row["as_of_precision"]) == (dt.date(2025, 2, 1), "month")


def test_agreement_rows_are_agreed(project: Paths) -> None:
    events = build(collect(project), project.root).tables["events"]
    agreed = events.filter(pl.col("status") == "agreed")
    assert sorted(agreed.select("received_by", "count").rows()) == [
        ("russia", 6000),
        ("ukraine", 6000),
    ]


def test_unparseable_cell_is_quarantined_with_line_and_column(project: Paths) -> None:
    events_csv = project.ledger / "events.csv"
    line = _append(
        events_csv,
        "E9001,2025-07-01-pow_exchange,,2025-07-01,pow_exchange,ukraine,lots,,completed,,Zelensky,ukraine,"
        "https://example.org/a,,,",
    )
    result = build(collect(project), project.root)
    row = result.quarantine.row(0, named=True)
    assert (row["file"], row["line"], row["column"], row["value"]) == (
        "data/raw/ledger/events.csv",
        line,
        "count",
        "lots",
    )
    assert row["reason"] == "count: cannot parse number: 'lots'"
    assert result.tables["events"].filter(pl.col("figure_id") == "E9001").height == 0


def test_impossible_date_and_unknown_side(project: Paths) -> None:
    events_csv = project.ledger / "events.csv"
    first = _append(
        events_csv,
        "E9002,2023-02-28-pow_exchange,,2023-02-30,pow_exchange,ukraine,5,,,,X,ukraine,https://e.org/1,,,",
    )
    second = _append(
        events_csv,
        "E9003,2023-02-28-pow_exchange,,2023-02-28,pow_exchange,narnia,5,,,,X,ukraine,https://e.org/1,,,",
    )
    q = build(collect(project), project.root).quarantine
    assert q.select("line", "column", "reason").rows() == [
        (first, "date", "date: invalid date: '2023-02-30'"),
        (second, "received_by", "received_by: unknown side: 'narnia'"),
    ]


def test_row_without_source_is_refused(project: Paths) -> None:
    line = _append(
        project.ledger / "claims.csv",
        "C9001,2025-01-01,,ukraine_military,killed,10,,exact,X,official_claim,,,,",
    )
    q = build(collect(project), project.root).quarantine
    assert q.select("line", "column").rows() == [(line, "source_id")]
    assert (
        q["reason"][0]
        == "source_id: required value is missing; source_ids: required value is missing"
    )


def test_supersedes_unknown_id_is_quarantined_and_marks_current(project: Paths) -> None:
    claims_csv = project.ledger / "claims.csv"
    ok = _append(
        claims_csv,
        "C9002,2025-02-16,2025-02,ukraine_military,killed,46001,,at_least,Zelensky,official_claim,,https://e.org/x,C0001,correction",
    )
    bad = _append(
        claims_csv,
        "C9003,2025-02-16,,ukraine_military,killed,1,,exact,Zelensky,official_claim,,https://e.org/x,C7777,",
    )
    result = build(collect(project), project.root)
    assert result.quarantine.select("line", "reason").rows() == [
        (bad, "supersedes: no row with id 'C7777'")
    ]
    claims = result.tables["claims"]
    current = dict(claims.select("claim_id", "is_current").rows())
    assert (current["C0001"], current["C9002"]) == (False, True)
    assert ok > 0


def test_missing_and_unexpected_columns_stop_with_names(project: Paths) -> None:
    path = project.ledger / "totals.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0].replace("claimant", "claimed_by")] + lines[1:]) + "\n")
    with pytest.raises(InputError) as info:
        read_ledger(project.ledger)
    assert str(info.value).endswith(
        "totals.csv: missing column(s) claimant; unexpected column(s) claimed_by "
        "(expected id, as_of, series, value, value_high, qualifier, claimant, source_urls, notes, "
        "checked_on)"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty (0 bytes), expected a header line"),
        (
            "id,as_of\n2022-01-01,Зеленський".encode("cp1251"),
            "not valid UTF-8 on line 2 (byte 20); save it as UTF-8",
        ),
    ],
)
def test_unreadable_files_stop_with_one_line(project: Paths, content: bytes, problem: str) -> None:
    (project.ledger / "totals.csv").write_bytes(content)
    with pytest.raises(InputError, match=re.escape("totals.csv: " + problem)):
        read_ledger(project.ledger)


def test_bom_and_crlf_are_accepted(project: Paths) -> None:
    path = project.ledger / "totals.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = build(collect(project), project.root)
    assert result.quarantine.height == 0
    assert result.tables["totals"]["value"].to_list() == [3035.0, 5757.0]


def test_truncated_row_is_quarantined(project: Paths) -> None:
    path = project.ledger / "totals.csv"
    path.write_text(path.read_text() + "T0099,2025-06-01,returned_to_ukraine,60")
    result = build(collect(project), project.root)
    assert result.quarantine.select("line", "reason").rows() == [
        (4, "row has 4 cells, the header has 9")
    ]
