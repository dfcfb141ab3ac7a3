"""General Staff adapters against the real snapshots in ../shared/data/upstream (and their old versions)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from adapter_reads import run_snapshot
from analysis.errors import InputError
from analysis.files import sha256_file
from analysis.ingest.adapters import genstaff

PETRO = "petroivaniuk_genstaff"
LOD = "lod_db_orc_losses"


def _value(series: pl.DataFrame, metric: str, date: dt.date, column: str = "cumulative") -> object:
    """One cell of a series frame."""
    row = series.filter((pl.col("metric") == metric) & (pl.col("date") == date))
    assert row.height == 1, (metric, date, row)
    return row[column][0]


@pytest.fixture
def petro(shared_upstream: Path) -> genstaff.SourceResult:
    return run_snapshot(PETRO, shared_upstream)


@pytest.fixture
def lod(shared_upstream: Path) -> genstaff.SourceResult:
    return run_snapshot(LOD, shared_upstream)


def test_petroivaniuk_live_files_known_values(petro: genstaff.SourceResult) -> None:
    series = petro.tables["series"]
    assert petro.rows_read == {
        f"{PETRO}/russia_losses_equipment.json": 20687,
        f"{PETRO}/russia_losses_personnel.json": 1688,
        f"{PETRO}/russia_losses_equipment_correction.json": 392,
    }
    # every correction record is applied to a figure (none is left without one)
    assert petro.applied == {f"{PETRO}/russia_losses_equipment_correction.json": 392}
    assert series.height == 22375 and petro.quarantine.height == 0
    assert _value(series, "personnel", dt.date(2026, 8, 8)) == 1_456_610
    assert _value(series, "personnel", dt.date(2022, 2, 26)) == 4300
    # POW stops after 2022-04-27 (62 records; the key is absent afterwards).
    assert _value(series, "pow", dt.date(2022, 4, 27)) == 496
    assert series.filter(pl.col("metric") == "pow")["date"].max() == dt.date(2022, 4, 27)
    assert series["date"].max() == dt.date(2026, 8, 8)
    assert series["date"].min() == dt.date(2022, 2, 25)
    assert set(series["kind"]) == {"claim"} and set(series["subject"]) == {"russia_military"}
    assert series["vintage"].null_count() == series.height


def test_petroivaniuk_corrections_applied_never_negative(petro: genstaff.SourceResult) -> None:
    series = petro.tables["series"]
    assert series.filter(pl.col("delta") < 0).height == 0
    # APC fell 5181 → 5167 on 2022-10-13 with a correction of −25: 11 new losses that day.
    assert _value(series, "afv", dt.date(2022, 10, 13)) == 5167
    assert _value(series, "afv", dt.date(2022, 10, 13), "delta") == 11
    assert _value(series, "afv", dt.date(2022, 10, 13), "flag") == "correction"
    # A positive correction larger than the day's change leaves no readable daily loss.
    assert _value(series, "aircraft", dt.date(2023, 5, 27), "delta") is None
    assert _value(series, "aircraft", dt.date(2023, 5, 27), "flag") == "correction"
    # A fall with no correction listed (tanks 3799 → 3797) is flagged, delta null.
    assert _value(series, "tanks", dt.date(2023, 5, 28), "delta") is None
    assert _value(series, "tanks", dt.date(2023, 5, 28), "flag") == "correction"
    # personnel on 2025-02-28: +2710 of which +1650 was a correction.
    assert _value(series, "personnel", dt.date(2025, 2, 28), "delta") == 1060
    assert series.filter(pl.col("flag") == "correction").height == 88
    # Merged categories start without a fake one-day jump; "more" personnel is a lower bound.
    assert _value(series, "vehicles_and_fuel_tanks", dt.date(2022, 5, 1), "flag") == "series_start"
    assert _value(series, "vehicles_and_fuel_tanks", dt.date(2022, 5, 1), "delta") is None
    assert _value(series, "personnel", dt.date(2022, 3, 7), "flag") == "at_least"
    assert _value(series, "personnel", dt.date(2022, 2, 25), "delta") == 2800


def test_lod_db_live_file(lod: genstaff.SourceResult) -> None:
    series = lod.tables["series"]
    assert lod.rows_read == {f"{LOD}/russian-losses.json": 19667}
    assert series.height == 19667 and lod.quarantine.height == 0
    assert series["date"].max() == dt.date(2026, 8, 22)
    assert _value(series, "personnel", dt.date(2022, 2, 27)) == 4300
    assert _value(series, "personnel", dt.date(2026, 8, 8)) == 1_456_610
    assert _value(series, "helicopters", dt.date(2022, 2, 27)) == 26
    assert _value(series, "personnel", dt.date(2022, 3, 2), "flag") == "gap"
    assert series.filter(pl.col("metric") == "submarines").height == 1449 - 489
    assert series.filter(pl.col("delta") < 0).height == 0
    assert lod.tables["sources"]["sha256"][0] == sha256_file(lod.inputs[0])


def test_old_equipment_648217f_buk_and_day_as_text(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_equipment__648217f.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height, parsed.quarantine.height) == (96, 96, 0)
    assert set(series["vintage"]) == {"648217f"}
    assert _value(series, "buk", dt.date(2022, 3, 6)) == 1
    assert _value(series, "tanks", dt.date(2022, 3, 6)) == 285


def test_old_personnel_31438c4_star_qualifier_and_sparse_pow(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_personnel__31438c4.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height) == (11, 11)
    assert _value(series, "personnel", dt.date(2022, 3, 7), "flag") == "at_least"
    assert series.filter(pl.col("metric") == "pow")["date"].to_list() == [
        dt.date(2022, 3, 1),
        dt.date(2022, 3, 7),
    ]


def test_old_personnel_5dd7ee4_wrapped_in_data(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_personnel__5dd7ee4.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height) == (86, 86)
    assert _value(series, "personnel", dt.date(2022, 4, 8)) == 19000


def test_old_personnel_37d0bbc_invalid_json_is_refused(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_personnel__37d0bbc.json"
    with pytest.raises(InputError) as caught:
        genstaff.read_petroivaniuk_file(path)
    assert str(caught.value) == (
        f"{path}: petroivaniuk_genstaff: invalid JSON at line 441 column 5: "
        "Expecting property name enclosed in double quotes"
    )


def test_old_equipment_055381e_nan_is_quarantined(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_equipment__055381e.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height, parsed.quarantine.height) == (812, 809, 3)
    q = parsed.quarantine.sort("column")
    assert q["column"].to_list() == ["fuel tank", "military auto", "mobile SRBM system"]
    assert set(q["line"]) == {66} and set(q["reason"]) == {"NaN is not a number"}
    assert _value(series, "vehicles_and_fuel_tanks", dt.date(2022, 5, 1)) == 1796


def test_old_equipment_5d4d11e_value_typo_is_a_flagged_correction(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_equipment__5d4d11e.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert parsed.quarantine.height == 0
    assert _value(series, "tanks", dt.date(2024, 2, 26)) == 655
    assert _value(series, "tanks", dt.date(2024, 2, 26), "delta") is None
    assert _value(series, "tanks", dt.date(2024, 2, 26), "flag") == "correction"
    assert series.filter(pl.col("delta") < 0).height == 0


def test_old_equipment_4d628ed_duplicate_date_is_quarantined(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_equipment__4d628ed.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height, parsed.quarantine.height) == (12997, 12984, 13)
    assert set(parsed.quarantine["line"]) == {1042}
    assert set(parsed.quarantine["reason"]) == {
        "date 2024-01-01 repeats record 676 (its day 1043 implies 2025-01-01)"
    }
    assert series.filter(pl.col("date") == dt.date(2024, 1, 1)).height == 13
    assert series["date"].max() == dt.date(2024, 12, 31)


def test_old_equipment_725599e_key_typo_is_mapped(shared_upstream: Path) -> None:
    path = shared_upstream / PETRO / "russia_losses_equipment__725599e.json"
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert parsed.quarantine.height == 0
    robots = series.filter(pl.col("metric") == "ground_robotic_systems")
    assert robots.height == 11
    assert robots["date"].is_sorted() and robots["delta"].min() >= 0


def test_old_lod_0366ffc_rotory_typo_is_mapped(shared_upstream: Path) -> None:
    path = shared_upstream / LOD / "russian-losses__0366ffc.json"
    parsed = genstaff.read_lod_file(path)
    series = parsed.series
    assert (parsed.rows_read, series.height, parsed.quarantine.height) == (11785, 11785, 0)
    assert series["date"].max() == dt.date(2025, 2, 5)
    assert _value(series, "helicopters", dt.date(2022, 2, 27)) == 26


def test_unknown_and_missing_keys_are_named(tmp_path: Path) -> None:
    path = tmp_path / "russia_losses_equipment.json"
    record = {"date": "2022-03-01", "day": 6, "tank": 1, "lasers": 3, "aircraft": 1}
    path.write_text(json.dumps([record]))
    with pytest.raises(InputError) as caught:
        genstaff.read_petroivaniuk_file(path)
    assert str(caught.value) == (
        f"{path}: petroivaniuk_genstaff: unexpected key(s) lasers; missing key(s) helicopters, "
        "afv, artillery, mlrs, uav, ships, anti_aircraft"
    )


def test_lod_schema_drift_is_refused(tmp_path: Path, shared_upstream: Path) -> None:
    schema = json.loads((shared_upstream / LOD / "russian-losses.en.schema.json").read_text())
    schema["items"]["properties"]["navalDrones"] = {"type": ["integer", "null"]}
    path = tmp_path / "russian-losses.en.schema.json"
    path.write_text(json.dumps(schema))
    with pytest.raises(
        InputError, match="unexpected key\\(s\\) navalDrones; missing key\\(s\\) none"
    ):
        genstaff.check_lod_schema(path)


def test_unreadable_values_and_dates_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "russia_losses_personnel.json"
    rows = [
        {"date": "2022-02-25", "day": 2, "personnel": 2800, "personnel*": "about"},
        {"date": "2022-02-26", "day": 3, "personnel": "4300", "personnel*": "about"},
        {"date": "26/02/2022", "day": 4, "personnel": 4500, "personnel*": "about"},
        {"date": "2022-02-28", "day": 5, "personnel": 5300, "personnel*": "roughly"},
    ]
    path.write_text(json.dumps(rows))
    parsed = genstaff.read_petroivaniuk_file(path)
    series = parsed.series
    assert series.height == 1 and parsed.rows_read == 4
    assert parsed.quarantine.select("line", "value", "reason").rows() == [
        (2, "4300", "not a number (str)"),
        (3, "26/02/2022", "date is not YYYY-MM-DD (for personnel)"),
        (4, "5300", "unknown qualifier roughly"),
    ]
