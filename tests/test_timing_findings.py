"""What the brief says about time: dates, coverage, staleness, what entered since the previous brief."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from analysis import schema
from analysis.ingest import changes
from analysis.reports.findings import timing

D = dt.date


def _coverage(events_end: dt.date, totals_end: dt.date | None = None) -> pl.DataFrame:
    """Coverage of POW swaps and bodies to `events_end`, claims and totals alike (or totals_end)."""
    rows = [("events", "pow_exchange", D(2022, 2, 24), events_end),
            ("events", "body_repatriation", D(2022, 2, 24), events_end),
            ("claims", "all", D(2022, 2, 24), events_end),
            ("totals", "all", D(2022, 2, 24), totals_end or events_end)]  # fmt: skip
    return pl.DataFrame([(*r, D(2026, 12, 1), "declared", None) for r in rows],
                        schema=schema.COVERAGE.polars_schema, orient="row")  # fmt: skip


@pytest.fixture
def data() -> dict[str, pl.DataFrame]:
    """The bundled ledger's coverage (to 6 March 2026, totals to 11 March) and no history."""
    return {
        "coverage": _coverage(D(2026, 3, 6), D(2026, 3, 11)),
        "changes": schema.empty(schema.CHANGES),
    }


NO_EVENTS = pl.DataFrame(
    {"event_type": [], "event_id": []}, schema={"event_type": pl.String, "event_id": pl.String}
)


def test_an_uncovered_week_is_no_data_not_a_quiet_week(data: dict[str, pl.DataFrame]) -> None:
    first, last = D(2026, 11, 25), D(2026, 12, 1)
    assert timing.dates(data, first, last) == (
        "**Data to 6 March 2026 · Published 1 December 2026.** **Not covered.** The ledger's "
        "exchanges and repatriations are complete to 6 March 2026; this period (25 November 2026 "
        "– 1 December 2026) lies after that, so this brief cannot say whether any happened in it."
    )
    assert timing.happened(NO_EVENTS, data, first, last) == (
        "The ledger has no event dated in this period, and it covers only up to 6 March 2026: "
        "that is no data for the days after, not a quiet period."
    )


def test_a_covered_week_without_events_is_a_quiet_week(data: dict[str, pl.DataFrame]) -> None:
    first, last = D(2026, 2, 1), D(2026, 2, 7)
    assert (
        timing.dates(data, first, last) == "**Data to 6 March 2026 · Published 7 February 2026.**"
    )
    assert timing.happened(NO_EVENTS, data, first, last) == (
        "No exchange or repatriation was recorded in this period."
    )
    assert timing.coverage_note(data, D(2026, 3, 1), D(2026, 3, 7)) == (
        "**Partly covered.** The ledger's exchanges and repatriations are complete to 6 March 2026 "
        "only: the rest of the period, to 7 March 2026, is not covered."
    )


def test_staleness_uses_each_tables_data_end(data: dict[str, pl.DataFrame]) -> None:
    assert timing.staleness(data, D(2026, 12, 1), 45) == (
        "**Stale data** (older than 45 days): The ledger ends 6 March 2026 (totals 11 March 2026), "
        "270 days before the end of the period."
    )
    assert timing.staleness(data, D(2026, 3, 20), 45) == (
        "Every table the brief reads has data within 45 days of 20 March 2026."
    )


def _brief_index(reports: Path, as_of: str, version: str, status: str = "ok") -> None:
    """A published run folder with an index.json whose brief read `version`."""
    folder = reports / as_of
    folder.mkdir(parents=True)
    facts = {"as_of": as_of, "fingerprint": version,
             "reports": [{"name": "brief", "status": status, "data": [version]}]}  # fmt: skip
    (folder / "index.json").write_text(json.dumps(facts))


def _history(*versions: str) -> pl.DataFrame:
    """A changes history: one ingest per version; the second adds an event dated 13 Nov 2025."""
    stamp = changes.Stamp(1, versions[0], None, D(2026, 11, 10))
    frames = [changes._marker(stamp, 0)]
    if len(versions) > 1:
        late = pl.DataFrame({"figure_id": ["E0254"], "date": [D(2025, 11, 13)], "event_type": ["pow_exchange"],
                             "received_by": ["ukraine"], "count": [120], "claimant": ["Coordination HQ"]})  # fmt: skip
        second = changes.Stamp(2, versions[1], versions[0], D(2026, 11, 20))
        frames += [
            changes._marker(second, 1),
            changes.diff({"events": late.clear()}, {"events": late}, second),
        ]
    return pl.concat(frames)


def test_a_row_entered_late_appears_in_the_next_brief(
    tmp_path: Path, data: dict[str, pl.DataFrame]
) -> None:
    _brief_index(tmp_path, "2026-11-17", "v1" * 8)
    _brief_index(tmp_path, "2026-11-10", "v0" * 8)
    _brief_index(tmp_path, "2026-11-24", "vX" * 8, status="failed")  # a failed brief is skipped
    data = {**data, "changes": _history("v1" * 8, "v2" * 8)}
    first, last = D(2026, 11, 25), D(2026, 12, 1)
    assert timing.previous_brief(last, tmp_path) == timing.Previous(D(2026, 11, 17), "v1" * 8)
    assert timing.entered(data, last, tmp_path).rows() == [
        (
            D(2025, 11, 13),
            "events",
            "added",
            "E0254: 2025-11-13 pow_exchange received by ukraine: 120 (Coordination HQ)",
        )
    ]
    assert timing.entered_note(data, first, last, tmp_path) == (
        "Since the previous brief (17 November 2026, data version v1v1v1v1v1v1): 1 ledger row(s) "
        "entered the data, 1 of them dated before this period (entered late)."
    )


def test_without_a_previous_brief_it_says_so(tmp_path: Path, data: dict[str, pl.DataFrame]) -> None:
    assert timing.previous_brief(D(2026, 12, 1), tmp_path) is None
    assert timing.entered(data, D(2026, 12, 1), tmp_path).height == 0
    assert timing.entered_note(data, D(2026, 11, 25), D(2026, 12, 1), tmp_path) == (
        "There is no previous brief in this reports folder, so there is nothing to compare with."
    )
    _brief_index(tmp_path, "2026-11-24", "gone" * 4)
    assert timing.entered_note(data, D(2026, 11, 25), D(2026, 12, 1), tmp_path) == (
        "Since the previous brief (24 November 2026, data version gonegonegone): its data version "
        "is not in this data's change history, so what entered cannot be listed."
    )


def test_totals_name_the_data_end_and_the_part_not_itemised() -> None:
    from analysis.reports.findings import exchanges, repatriations

    frame = pl.DataFrame({
        "period": [D(2025, 2, 1), D(2025, 3, 1), D(2025, 4, 1)], "received_by": ["ukraine"] * 3,
        "cumulative": [300, 600, None], "cumulative_undisclosed_events": [0, 0, None],
        "cumulative_qualifier": ["exact", "exact", None], "partial": [False, True, False], "through": [D(2025, 2, 28), D(2025, 3, 15), None],
        "not_itemised": [1000, 1000, None],
    })  # fmt: skip
    assert repatriations.side_totals(frame, 3, "1 February 2025 to 30 April 2025") == (
        "In 3 repatriations from 1 February 2025 to 30 April 2025: Ukraine received 600 bodies. "
        "The figures are complete to 15 March 2025 only. About 1,000 bodies received by Ukraine "
        "were published in running totals but are not itemised in the ledger (the band on the chart)."
    )
    whole = frame.head(1)
    assert (
        exchanges.side_totals(whole, "February 2025")
        == "From February 2025: Ukraine received 300 people."
    )
