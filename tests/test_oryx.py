"""Oryx adapters against the real snapshots in ../shared/data/upstream (and older versions)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from adapter_reads import parts, run_snapshot
from analysis import schema
from analysis.errors import InputError
from analysis.ingest.adapters import oryx, oryx_log
from analysis.validate import validate


def _last(frame: pl.DataFrame, subject: str, metric: str) -> dict[str, object]:
    """The last row of one series."""
    rows = frame.filter(pl.col("subject") == subject, pl.col("metric") == metric).sort("date")
    return rows.row(-1, named=True)


def test_daily_count_known_values(shared_upstream: Path) -> None:
    path = shared_upstream / "oryx_scarnecchia" / "daily_count.csv"
    series, quarantine, read = parts(oryx.read_daily_count(path), shared_upstream)
    assert (series.height, quarantine.height, read) == (6824, 1, 6825)  # 1,365 records × 5
    assert series["date"].max() == dt.date(2025, 7, 19)
    assert _last(series, "russia_military", "all_types")["cumulative"] == 22381
    assert _last(series, "ukraine_military", "all_types")["cumulative"] == 9374
    assert _last(series, "ukraine_military", "tanks:destroyed")["cumulative"] == 896
    assert quarantine.row(0, named=True) == {
        "table": "series",
        "file": "oryx_scarnecchia/daily_count.csv",
        "line": 701,
        "column": "value",
        "value": "11865",
        "reason": "type_total: the subtotal heading says 11864, the column says 11865 "
        "(label and value disagree)",
    }
    # the early scraper change (-859 for All Types on 2022-03-28) is a correction, not a loss
    row = series.filter(
        pl.col("metric") == "all_types", pl.col("date") == dt.date(2022, 3, 28)
    ).row(0, named=True)
    assert (row["cumulative"], row["delta"], row["flag"]) == (1115, None, "correction")


def test_latest_totals_file_agrees_with_daily_count(shared_upstream: Path) -> None:
    folder = shared_upstream / "oryx_scarnecchia"
    series, _, _ = parts(oryx.read_daily_count(folder / "daily_count.csv"))
    totals = pl.read_csv(folder / "totals_by_type.csv", infer_schema=False)
    all_types = totals.filter(pl.col("equipment_type") == "All Types")
    for country, subject in (("Russia", "russia_military"), ("Ukraine", "ukraine_military")):
        expected = int(all_types.filter(pl.col("country") == country)["type_total"][0])
        assert _last(series, subject, "all_types")["cumulative"] == expected


def test_first_daily_count_version_is_read(shared_upstream: Path) -> None:
    """2d371ab (2022-03-27): no *_diff_diff columns, labels with newlines, several scrapes a day."""
    series, quarantine, read = parts(oryx.read_daily_count(shared_upstream / "oryx_scarnecchia" / "daily_count__2d371ab.csv"))
    assert (series.height, quarantine.height, read) == (930, 140, 1070)  # 214 records × 5
    assert series["date"].max() == dt.date(2022, 3, 27)
    assert _last(series, "russia_military", "all_types")["cumulative"] == 1974
    assert _last(series, "ukraine_military", "all_types")["cumulative"] == 569
    assert "man_portable_air_defence_systems" in series["metric"].to_list()
    assert set(quarantine["reason"].str.extract(r"^\w+: (an earlier record)").to_list()) == {
        "an earlier record"
    }


def test_event_files_count_every_item(shared_upstream: Path) -> None:
    folder = shared_upstream / "oryx_scarnecchia"
    for name, records in (
        ("event_destroyed.csv", 26251),
        ("event_captured.csv", 5392),
        ("event_damaged.csv", 3389),
        ("event_abandoned.csv", 2473),
        ("event_destroyed__2d371ab.csv", 1401),  # matID/statusID swapped: read by name
    ):
        series, quarantine, read = parts(oryx.read_events(folder / name))
        finals = series.sort("date").group_by("subject").agg(pl.col("cumulative").last())
        assert finals["cumulative"].sum() + quarantine.height == records, name
        assert read == series.height + quarantine.height
    series, _, _ = parts(oryx.read_events(folder / "event_destroyed.csv"))
    assert _last(series, "russia_military", "items_recorded:destroyed")["cumulative"] == 18823
    assert series["date"].max() == dt.date(2025, 7, 19)


def test_system_totals_read_by_name_across_column_orders(shared_upstream: Path) -> None:
    folder = shared_upstream / "oryx_scarnecchia"
    current = oryx.read_system_totals(folder / "totals_by_system_wide.csv")
    older = oryx.read_system_totals(folder / "totals_by_system_wide__a7b675b.csv")
    truck = current.filter(pl.col("system") == "(Unknown) truck", pl.col("country") == "Russia")
    assert dict(zip(truck["status"], truck["value"], strict=True)) == {
        "destroyed": 146, "damaged": 7, "abandoned": 3, "captured": 8,
    }  # fmt: skip
    vehicle = older.filter(pl.col("system") == "(Unknown) vehicle", pl.col("country") == "Russia")
    assert dict(zip(vehicle["status"], vehicle["value"], strict=True)) == {
        "destroyed": 388, "damaged": 1, "abandoned": 0, "captured": 33,
    }  # fmt: skip
    assert (current.height, older.height) == (8416 * 4, 362 * 4)


def test_log_known_values_and_scraper_failures(shared_upstream: Path) -> None:
    series, quarantine, read = parts(oryx_log.read_log(shared_upstream / "oryx_mauforonda_log" / "log.csv"))
    assert (series.height, quarantine.height, read) == (9743, 78, 9821)
    reasons = quarantine["reason"].str.extract(r"^(\w+)").value_counts().sort("reason")
    assert dict(zip(*reasons.get_columns(), strict=True)) == {
        "category": 2, "discontinued": 74, "state": 2,
    }  # fmt: skip
    russia = series.filter(pl.col("subject") == "russia_military")
    ukraine = series.filter(pl.col("subject") == "ukraine_military")
    assert russia["date"].max() == dt.date(2025, 8, 29)  # continues past the 2024-08-31 label break
    assert ukraine["date"].max() == dt.date(2022, 4, 20)  # stops: a gap, never zeros
    finals = ukraine.sort("date").group_by("metric").agg(pl.col("cumulative").last())
    assert finals.filter(pl.col("cumulative") == 0).height == 0  # no series ends in a fake zero
    assert _last(series, "ukraine_military", "tanks:destroyed") | {"_file": None} == {
        "source": "oryx_mauforonda_log", "subject": "ukraine_military", "metric": "tanks:destroyed",
        "date": dt.date(2022, 4, 16), "cumulative": 49.0, "delta": 5.0,
        "kind": "confirmed_lower_bound", "flag": None, "vintage": None, "_file": None,
        "_line": _last(series, "ukraine_military", "tanks:destroyed")["_line"],
    }  # fmt: skip
    # the reset (-2292) and re-add under the heading net out on 2024-08-31
    reset_day = series.filter(
        pl.col("metric") == "tanks:destroyed", pl.col("date") == dt.date(2024, 8, 31)
    ).row(0, named=True)
    assert (reset_day["cumulative"], reset_day["delta"], reset_day["flag"]) == (
        2292, 0, "country_inferred",
    )  # fmt: skip
    assert _last(series, "russia_military", "tanks:destroyed")["cumulative"] == 3026


def test_log_totals_equal_the_published_summary(shared_upstream: Path) -> None:
    """Every current total in summary.csv (all under the broken heading) = the log's final total."""
    folder = shared_upstream / "oryx_mauforonda_log"
    series, _, _ = parts(oryx_log.read_log(folder / "log.csv"))
    summary = oryx_log.read_summary(folder / "summary.csv").with_columns(
        pl.format("{}:{}", pl.col("category"), pl.col("status")).alias("metric")
    )
    finals = series.sort("date").group_by("subject", "metric").agg(pl.col("cumulative").last())
    joined = summary.join(finals, on=["subject", "metric"], how="left")
    assert summary.height == 86
    assert joined.filter(pl.col("cumulative") != pl.col("value")).height == 0
    assert joined["cumulative"].null_count() == 0


def test_older_summary_is_read(shared_upstream: Path) -> None:
    older = oryx_log.read_summary(shared_upstream / "oryx_mauforonda_log" / "summary__b7f77a5.csv")
    assert older.height == 92
    assert older.row(0, named=True) == {
        "subject": "russia_military", "category": "aircraft", "status": "destroyed", "value": 11,
    }  # fmt: skip
    assert set(older["subject"]) == {"russia_military", "ukraine_military"}


def test_older_reports_file_is_refused_as_a_log(shared_upstream: Path) -> None:
    path = shared_upstream / "oryx_mauforonda_log" / "reports__fae5bb5.csv"
    with pytest.raises(InputError) as error:
        oryx_log.read_log(path)
    assert error.value.problem == (
        "source oryx_mauforonda_log: unexpected column(s) equipment, equipment_origin, text, "
        "source; missing column(s) timestamp, state, value "
        "(expected timestamp, country, category, state, value)"
    )


def test_unknown_column_is_a_clear_error(shared_upstream: Path, tmp_path: Path) -> None:
    source = shared_upstream / "oryx_scarnecchia" / "daily_count__2d371ab.csv"
    frame = pl.read_csv(source, infer_schema=False).rename({"damaged": "damaged_total"})
    broken = tmp_path / "daily_count.csv"
    frame.write_csv(broken)
    with pytest.raises(InputError) as error:
        oryx.read_daily_count(broken)
    assert str(error.value).startswith(f"{broken}: source oryx_scarnecchia: unexpected column(s) "
                                       "damaged_total; missing column(s) damaged, ")  # fmt: skip


def test_unknown_category_label_is_a_clear_error(shared_upstream: Path, tmp_path: Path) -> None:
    source = shared_upstream / "oryx_mauforonda_log" / "log.csv"
    lines = source.read_text().splitlines()[:3] + [
        "2025-09-01 00:00:00,Russia,space lasers,destroyed,1"
    ]
    broken = tmp_path / "log.csv"
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as error:
        oryx_log.read_log(broken)
    assert error.value.problem == (
        "source oryx_mauforonda_log: unknown category label(s) in category: 'space lasers' "
        "(add them to oryx_categories.csv)"
    )


def test_mapping_table_is_one_label_per_row() -> None:
    table = oryx.categories()
    assert table.height == 44
    assert table["label"].is_unique().all()
    assert set(table["role"]) == {"category", "aggregate", "debris"}
    assert table.filter(pl.col("role") != "debris")["category"].null_count() == 0


@pytest.mark.parametrize("source_id", [oryx.SCARNECCHIA, oryx_log.MAUFORONDA])
def test_series_rules(shared_upstream: Path, source_id: str) -> None:
    """Valid rows only, no negative delta, unique key, accounting per file."""
    result = run_snapshot(source_id, shared_upstream)
    series = result.tables["series"]
    good, bad = validate(schema.SERIES, series, {source_id})
    assert bad.height == 0 and good.height == series.height
    assert series.filter(pl.col("delta") < 0).height == 0
    assert series.filter(pl.col("cumulative") < 0).height == 0
    assert set(series["kind"]) == {"confirmed_lower_bound"}
    for name, read in result.rows_read.items():
        written = series.filter(pl.col("_file") == name).height
        held = result.quarantine.filter(pl.col("file") == name).height
        assert read == written + held, name
    assert result.tables["sources"]["source_id"].to_list() == [source_id]


def test_snapshot_folder_is_read_as_fetched(shared_upstream: Path, tmp_path: Path) -> None:
    """A dated snapshot folder (as `analysis fetch` writes) with only the registered files."""
    snapshot = tmp_path / "2025-08-30"
    snapshot.mkdir()
    shutil.copy(shared_upstream / oryx_log.MAUFORONDA / "log.csv", snapshot / "log.csv")
    result = run_snapshot(oryx_log.MAUFORONDA, tmp_path, snapshot)
    assert result.rows_read == {"2025-08-30/log.csv": 9821}
    assert result.tables["sources"]["raw_path"].to_list() == ["2025-08-30/log.csv"]
