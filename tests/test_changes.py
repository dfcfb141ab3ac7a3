"""What changed between processed versions: the row-level diff, its history and release notes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from analysis import ingest as ingest_mod
from analysis import schema, tables
from analysis.config import Paths
from analysis.ingest import changes

D = dt.date
STAMP = changes.Stamp(2, "b" * 64, "a" * 16, D(2026, 11, 20))


def _totals(rows: list[tuple[str, dt.date, float, str]]) -> pl.DataFrame:
    """A totals table from (total_id, as_of, value, claimant)."""
    return pl.DataFrame(
        [{"total_id": t, "as_of": d, "as_of_precision": "day", "series": "returned_to_ukraine",
          "value": v, "value_high": None, "qualifier": "exact", "claimant": c, "source_id": "s",
          "source_ids": "s", "notes": None} for t, d, v, c in rows],
        schema=schema.TOTALS.polars_schema,
    )  # fmt: skip


def _quarantine(rows: list[tuple[int, str]]) -> pl.DataFrame:
    """Quarantine rows of totals.csv from (line, reason)."""
    return pl.DataFrame(
        [{"table": "totals", "file": "totals.csv", "line": n, "column": "value", "value": "x",
          "reason": r} for n, r in rows],
        schema=schema.QUARANTINE.polars_schema,
    )  # fmt: skip


OLD = _totals([("T1", D(2025, 1, 1), 100, "HQ"), ("T2", D(2025, 2, 1), 200, "HQ"),
               ("T3", D(2025, 3, 1), 300, "HQ")])  # fmt: skip


def test_diff_lists_added_changed_and_removed_rows_by_key() -> None:
    new = _totals([("T1", D(2025, 1, 1), 100, "HQ"), ("T2", D(2025, 2, 1), 250, "Coordination HQ"),
                   ("T4", D(2025, 4, 1), 400, "HQ")])  # fmt: skip
    out = changes.diff({"totals": OLD}, {"totals": new}, STAMP)
    assert out.columns == schema.CHANGES.columns
    assert out.select("table", "row_key", "change", "column", "old", "new", "date").rows() == [
        ("totals", "T4", "added", None, None, None, D(2025, 4, 1)),
        ("totals", "T2", "changed", "claimant", "HQ", "Coordination HQ", D(2025, 2, 1)),
        ("totals", "T2", "changed", "value", "200.0", "250.0", D(2025, 2, 1)),
        ("totals", "T3", "removed", None, None, None, D(2025, 3, 1)),
    ]
    assert out["label"][0] == "T4: 2025-04-01 returned_to_ukraine 400.0 (HQ)"
    assert set(out["sequence"]) == {2} and set(out["previous_version"]) == {"a" * 16}


def test_a_row_marked_not_current_is_superseded_and_newly_quarantined_rows_are_listed() -> None:
    old = pl.DataFrame({"claim_id": ["C1"], "claim_date": [D(2025, 1, 1)], "is_current": [True],
                        "claimant": ["HQ"], "subject": ["x"], "metric": ["killed"], "value": [1.0]})  # fmt: skip
    new = old.with_columns(is_current=pl.lit(False))
    out = changes.diff(
        {"claims": old, "quarantine": _quarantine([(5, "value: bad")])},
        {"claims": new, "quarantine": _quarantine([(6, "value: bad"), (9, "value: worse")])},
        STAMP,
    )  # the line moved from 5 to 6: the same problem, not a new one
    assert out.select("table", "row_key", "change", "old", "new").rows() == [
        ("claims", "C1", "superseded", "true", "false"),
        ("quarantine", "totals.csv | 9 | value", "quarantined", None, None),
    ]
    assert out["label"][1] == "totals.csv:9 value: worse"


def _version(root: Path, name: str, tables: dict[str, pl.DataFrame]) -> Path:
    """A version folder with Parquet tables and a manifest."""
    folder = root / name
    folder.mkdir()
    for table, frame in tables.items():
        frame.write_parquet(folder / f"{table}.parquet")
    (folder / "manifest.json").write_text(json.dumps({"fingerprint": name}))
    return folder


def test_record_keeps_the_history_and_numbers_each_ingest(tmp_path: Path) -> None:
    first = changes.record(None, {"totals": OLD}, "v1" * 8, D(2026, 11, 1))
    assert first.select("sequence", "change", "previous_version", "label").rows() == [
        (1, "ingest", None, "first version")
    ]
    v1 = _version(tmp_path, "v1" * 8, {"totals": OLD, "changes": first})
    edited = OLD.with_columns(
        value=pl.when(pl.col("total_id") == "T3").then(301.0).otherwise("value")
    )
    second = changes.record(v1, {"totals": edited}, "v2" * 8, D(2026, 11, 20))
    assert second.select("sequence", "change", "row_key", "old", "new").rows() == [
        (1, "ingest", "v1v1v1v1v1v1v1v1", None, None),
        (2, "ingest", "v2v2v2v2v2v2v2v2", None, None),
        (2, "changed", "T3", "300.0", "301.0"),
    ]
    assert changes.since(second, "v1" * 8).select("row_key").rows() == [("T3",)]
    assert changes.since(second, "v2" * 8).height == 0
    assert changes.since(second, "unknown") is None


def test_release_notes_list_exactly_the_changed_row_with_escaped_text(tmp_path: Path) -> None:
    v1 = _version(
        tmp_path,
        "v1" * 8,
        {"totals": OLD, "changes": changes.record(None, {}, "v1" * 8, D(2026, 11, 1))},
    )
    edited = pl.concat([OLD, _totals([("T9", D(2025, 11, 13), 120, "<b>HQ</b> *bold*")])])
    notes = changes.version_notes(changes.record(v1, {"totals": edited}, "v2" * 8, D(2026, 11, 20)))
    assert notes == (
        "# Release notes: version v2v2v2v2v2v2v2v2\n\n"
        "Ingest 2 on 2026-11-20, compared with version v1v1v1v1v1v1v1v1.\n\n"
        "### totals\n\n"
        "Added: 1 row(s)\n"
        "- T9: 2025\\-11\\-13 returned\\_to\\_ukraine 120\\.0 \\(\\<b\\>HQ\\</b\\> \\*bold\\*\\)\n"
    )


def test_release_notes_of_a_first_version_and_of_an_ingest_without_row_changes(
    tmp_path: Path,
) -> None:
    first = changes.record(None, {"totals": OLD}, "v1" * 8, D(2026, 11, 1))
    assert changes.version_notes(first) == (
        "# Release notes: version v1v1v1v1v1v1v1v1\n\n"
        "Ingested on 2026-11-01. First version: there is no previous processed version to "
        "compare with.\n"
    )
    v1 = _version(tmp_path, "v1" * 8, {"totals": OLD, "changes": first})
    same = changes.record(v1, {"totals": OLD}, "v2" * 8, D(2026, 11, 2))
    assert changes.version_notes(same).endswith(
        "compared with version v1v1v1v1v1v1v1v1.\n\nNo row changed.\n"
    )


def test_many_changes_are_listed_up_to_a_limit_and_counted() -> None:
    many = _totals([(f"T{i:03d}", D(2025, 1, 1), i, "HQ") for i in range(changes.LISTED + 5)])
    out = changes.diff_tables({"totals": _totals([])}, {"totals": many})
    notes = changes.release_notes(out, "Since the last release")
    assert notes.startswith("# Since the last release\n\n### totals\n\n")
    assert f"Added: {changes.LISTED + 5} row(s)" in notes
    assert notes.count("\n- T") == changes.LISTED
    assert "- … and 5 more (see the changes table)" in notes


# through `analysis ingest` -------------------------------------------------------------------------

NEW_ROW = (
    "E0016,2025-11-13-pow_exchange,,2025-11-13,pow_exchange,ukraine,120,exact,completed,UAE,"
    "Coordination HQ,ukraine,https://example.org/swap,,,entered late\n"
)


def test_after_a_one_row_ledger_edit_the_release_notes_list_exactly_that_row(
    project: Paths,
) -> None:
    first = ingest_mod.ingest(project)
    assert (
        (project.processed / "RELEASE_NOTES.md")
        .read_text()
        .endswith("First version: there is no previous processed version to compare with.\n")
    )
    events = project.ledger / "events.csv"
    events.write_text(events.read_text() + NEW_ROW)
    second = ingest_mod.ingest(project)
    notes = (project.processed / "RELEASE_NOTES.md").read_text()
    rows = [line for line in notes.splitlines() if line.startswith("- ")]
    assert rows == [  # the row, and the new source it cites
        "- E0016: 2025\\-11\\-13 pow\\_exchange received by ukraine: 120 \\(Coordination HQ\\)",
        "- example\\.org\\-886cb685: — https\\://example\\.org/swap",
    ]
    assert "### events\n\nAdded: 1 row(s)\n" in notes
    history = tables.load("changes")
    assert history.filter(pl.col("change") == "ingest")["version"].to_list() == [
        first.fingerprint,
        second.fingerprint,
    ]
    late = changes.since(history, first.fingerprint)
    assert late.filter(pl.col("table") == "events").select("row_key", "date").rows() == [
        ("E0016", D(2025, 11, 13))
    ]
