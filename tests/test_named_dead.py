"""Named-dead tallies (Bessudnov extract, ukrwarlosses counts) against the real snapshots."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from adapter_reads import parts, run_snapshot
from analysis import schema
from analysis.config import Paths
from analysis.errors import InputError
from analysis.ingest import ingest
from analysis.ingest.adapters import named_dead as nd
from analysis.ingest.adapters.registry import UPSTREAMS
from analysis.validate import validate

MINE = ("oryx_scarnecchia", "oryx_mauforonda_log", nd.BESSUDNOV, nd.UKRWARLOSSES)


def _final(series: pl.DataFrame, metric: str = nd.METRIC) -> dict[str, object]:
    """The last row of a one-series frame."""
    return series.filter(pl.col("metric") == metric).sort("date").row(-1, named=True)


@pytest.mark.parametrize(
    ("name", "records", "days", "blank", "late", "last", "release"),
    [
        ("dfFatalitiesAnonymised.csv", 20253, 411, 65, 0, dt.date(2023, 4, 11), "2023-05-04"),
        ("dfCasualtiesAnonymised__b125fe3.csv", 9592, 279, 5, 2, dt.date(2022, 11, 30), "2022-12-11"),
    ],
)  # fmt: skip
def test_bessudnov_releases(
    shared_upstream: Path, name: str, records: int, days: int, blank: int, late: int,
    last: dt.date, release: str,
) -> None:  # fmt: skip
    """Both releases (different column names) are read; every record is counted or quarantined."""
    series, quarantine, read = parts(nd.read_bessudnov_file(shared_upstream / nd.BESSUDNOV / name))
    assert (series.height, read) == (days, days + blank + late)
    assert set(series["vintage"]) == {release}
    final = _final(series)
    assert final["date"] == last
    assert final["cumulative"] + quarantine.height == records
    reasons = quarantine["reason"].value_counts()
    assert dict(zip(*reasons.get_columns(), strict=True)) == {
        k: v for k, v in {
            "deathConfirmedDate is blank": blank,
            f"deathConfirmedDate is after the release date {release}": late,
        }.items() if v
    }  # fmt: skip


def test_bessudnov_late_rows_are_named(shared_upstream: Path) -> None:
    _, quarantine, _ = parts(nd.read_bessudnov_file(shared_upstream / nd.BESSUDNOV / "dfCasualtiesAnonymised__b125fe3.csv"))
    late = quarantine.filter(pl.col("reason").str.contains("after"))
    assert late.select("line", "value").rows() == [(9587, "2023-05-26"), (9588, "2023-05-26")]


def test_bessudnov_unknown_layout_is_a_clear_error(shared_upstream: Path, tmp_path: Path) -> None:
    path = tmp_path / "dfFatalitiesAnonymised.csv"
    path.write_text(
        "id,first_name,last_name,birthYear,deathDate,region,source\n1,a,b,1990,2022-03-01,X,\n"
    )
    with pytest.raises(InputError) as error:
        nd.read_bessudnov_file(path)
    assert error.value.problem == (
        "source bbc_mediazona_bessudnov: unexpected column(s) deathDate; missing column(s) "
        "impliedEthnicity, deathConfirmedDate, unitType, age (expected id, first_name, last_name, "
        "impliedEthnicity, birthYear, deathConfirmedDate, unitType, age, region, source)"
    )


def _count_file(shared_upstream: Path, name: str) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    return parts(nd.read_ukrwarlosses_file(shared_upstream / nd.UKRWARLOSSES / name))


def test_ukrwarlosses_daily_known_values(shared_upstream: Path) -> None:
    russia, quarantine, read = _count_file(shared_upstream, "russia__daily_2025-11-08.json")
    assert (russia.height, quarantine.height, read) == (1268, 0, 1268)
    final = _final(russia)
    assert (final["date"], final["cumulative"], final["vintage"]) == (
        dt.date(2025, 10, 9), 122640, "2025-11-08/daily",
    )  # fmt: skip
    ukraine, _, _ = _count_file(shared_upstream, "ukraine__daily-raw_2025-11-08.json")
    assert _final(ukraine)["cumulative"] == 77321
    assert _final(ukraine, nd.MISSING_METRIC)["cumulative"] == 77242
    assert _final(ukraine)["date"] == dt.date(2025, 11, 5)
    catch_all = ukraine.filter(pl.col("date") == dt.date(2022, 2, 23)).sort("metric")
    assert catch_all.select("metric", "cumulative", "delta", "flag").rows() == [
        ("missing_identified", 894.0, None, "catch_all"),
        ("names_identified", 230.0, None, "catch_all"),
    ]


def test_ukrwarlosses_older_vintage(shared_upstream: Path) -> None:
    older, _, _ = _count_file(shared_upstream, "ukraine__daily-raw_2025-09-01.json")
    assert _final(older)["date"] == dt.date(2025, 8, 13)
    assert (_final(older)["cumulative"], _final(older, nd.MISSING_METRIC)["cumulative"]) == (
        75867,
        71696,
    )
    assert set(older["vintage"]) == {"2025-09-01/daily-raw"}


def test_ukrwarlosses_weekly_keys_are_not_iso_weeks(shared_upstream: Path) -> None:
    """2022-W53 exists; weeks run Sunday–Saturday from the one holding 1 January."""
    weekly, quarantine, read = _count_file(shared_upstream, "russia__weekly_2025-11-08.json")
    assert (weekly.height, quarantine.height, read) == (192, 0, 192)
    dates = weekly.sort("date")["date"]
    assert (dates[0], dates[-1]) == (dt.date(2022, 2, 20), dt.date(2025, 10, 5))
    assert dt.date(2022, 12, 25) in dates.to_list()  # 2022-W53
    assert _final(weekly)["cumulative"] == 122640
    assert weekly["flag"].null_count() == weekly.height  # no week missing inside the range


def test_ukrwarlosses_monthly_without_missing_and_newest_first(shared_upstream: Path) -> None:
    monthly, _, _ = _count_file(shared_upstream, "ukraine__monthly-raw_2025-11-08.json")
    assert set(monthly["metric"]) == {nd.METRIC}  # missing is 0 everywhere: not carried
    assert _final(monthly)["cumulative"] == 78386  # not the daily 77,321: another pipeline
    raw, _, _ = _count_file(shared_upstream, "russia__monthly-raw_2025-08-20.json")
    first = raw.sort("date").row(0, named=True)
    assert (first["date"], first["delta"]) == (dt.date(2022, 2, 1), 446)  # keys newest-first
    assert _final(raw)["date"] == dt.date(2025, 7, 1)


def test_ukrwarlosses_unknown_field_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ukraine__daily-raw_2025-12-01.json"
    path.write_text(json.dumps({"2025-11-01": {"deaths": 1, "missing": 0, "total": 1, "pow": 2}}))
    with pytest.raises(InputError) as error:
        nd.read_ukrwarlosses_file(path)
    assert error.value.problem == (
        "source ukrwarlosses_name_counts: unexpected column(s) pow (expected deaths, missing, total)"
    )


def test_ukrwarlosses_malformed_key_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "russia__daily_2025-12-01.json"
    path.write_text(
        json.dumps(
            {"2022)-12-(09": {"deaths": 1, "total": 1}, "2022-12-10": {"deaths": 2, "total": 2}}
        )
    )
    series, quarantine, read = parts(nd.read_ukrwarlosses_file(path))
    assert (series.height, read) == (1, 2)
    assert quarantine.select("line", "value", "reason").rows() == [
        (1, "2022)-12-(09", "key 2022)-12-(09 is not a daily key")
    ]


@pytest.mark.parametrize("source_id", [nd.BESSUDNOV, nd.UKRWARLOSSES])
def test_series_rules(shared_upstream: Path, source_id: str) -> None:
    result = run_snapshot(source_id, shared_upstream)
    series = result.tables["series"]
    good, bad = validate(schema.SERIES, series, {source_id})
    assert bad.height == 0 and good.height == series.height
    assert series.filter(pl.col("delta") < 0).height == 0
    assert set(series["kind"]) == {"confirmed_lower_bound"}
    for name, read in result.rows_read.items():
        written = series.filter(pl.col("_file") == name).height
        held = result.quarantine.filter(pl.col("file") == name).height
        assert read == written + held, name


def test_provenance_is_not_labelled_ualosses() -> None:
    upstream = UPSTREAMS[nd.UKRWARLOSSES]
    assert "lostarmour" in upstream.publisher
    assert "not UALosses" in upstream.title


def test_ingest_end_to_end(project: Paths, shared_upstream: Path) -> None:
    """All four sources land in `series`, and the ingest's accounting finds nothing lost."""
    result = ingest(project, upstream=shared_upstream)
    series = result.tables["series"]
    counts = series.group_by("source").len()
    assert dict(zip(*counts.filter(pl.col("source").is_in(MINE)).get_columns(), strict=True)) == {
        "oryx_scarnecchia": 10039, "oryx_mauforonda_log": 9743,
        "bbc_mediazona_bessudnov": 690, "ukrwarlosses_name_counts": 9933,
    }  # fmt: skip
    mine = [i for i in result.inputs if Path(str(i["path"])).parent.name in MINE]
    assert len(mine) == 5 + 1 + 2 + 12
    assert all(i["rows_read"] == i["rows_written"] + i["rows_quarantined"] for i in mine)
    folders = pl.col("file").str.split("/").list.get(-2, null_on_oob=True)
    held = result.quarantine.filter(folders.is_in(MINE))
    assert held.height == 1 + 78 + 72  # ukrwarlosses: none
    assert set(result.tables["sources"]["source_id"]) >= set(MINE)
