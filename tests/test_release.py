"""The data release: summary.json, the SQLite file, licences, CITATION.cff and `analysis release`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sqlite3
import tarfile
from pathlib import Path

import polars as pl
import pytest
import yaml

from analysis import tables
from analysis.release import archive
from analysis.release.sqlite import SQLITE_FILE, write_sqlite
from analysis.release.summary import returned, summary
from cli_runner import run

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def ingested(project, capsys) -> dict[str, pl.DataFrame]:
    """The seed ledger ingested; its processed tables."""
    code, _, err = run(["ingest"], capsys)
    assert code == 0, err
    return tables.load_all()


def test_returned_sums_each_side_once_with_its_own_count(ingested):
    """Ukraine's own 207 is counted for 2024-01-31, not Russia's 195; the agreed 6,000 is not."""
    got = returned(ingested)
    assert {k: (v["value"], v["qualifier"], v["events"]) for k, v in got.items()} == {
        "people_in_prisoner_exchanges_to_ukraine": (1207, "exact", 4),
        "people_in_prisoner_exchanges_to_russia": (1195, "exact", 4),
        "people_returned_to_ukraine": (1207, "exact", 4),
        "people_returned_to_russia": (1195, "exact", 4),
        "bodies_returned_to_ukraine": (2412, "exact", 2),
        "bodies_returned_to_russia": (27, "exact", 2),
    }
    assert got["bodies_returned_to_ukraine"]["last_date"] == "2025-06-13"
    assert got["bodies_returned_to_ukraine"]["coverage_end"] == "2025-06-13"


def test_summary_latest_statement_and_total_carry_claimant_date_and_url(ingested):
    """Each latest entry names its claimant, date, qualifier and the page it came from."""
    got = summary(ingested, data_version=3)
    assert got["data_version"] == 3
    totals = {t["series"]: t for t in got["latest_totals"]}
    assert totals["returned_to_ukraine"] | {"description": None} == {
        "series": "returned_to_ukraine", "description": None, "value": 5757.0,
        "value_high": None, "qualifier": "exact", "date": "2025-05-25",
        "claimant": "Coordination HQ", "evidence": totals["returned_to_ukraine"]["evidence"],
        "source_url": "https://en.trend.az/world/4048534.html", "total_id": "T0002",
        "coverage_end": "2025-05-25",
    }  # fmt: skip
    assert got["returned"]["people_returned_to_ukraine"]["published_total"] is None
    assert got["returned"]["people_returned_to_russia"].get("published_total") is None
    killed = [c for c in got["latest_claims"] if c["metric"] == "killed"]
    assert [
        (c["subject"], c["value"], c["value_high"], c["qualifier"], c["date"]) for c in killed
    ] == [
        ("russia_military", 189000.0, 273000.0, "range", "2025-08-08"),
        ("ukraine_military", 46000.0, None, "at_least", "2025-02-16"),
    ]


def test_a_figure_for_one_period_is_never_the_latest_running_figure(ingested, tmp_path):
    """A newer "30,000 a month" is not the latest of a subject's running totals: summary.json
    and the sqlite view latest_claims both keep the running figure."""
    claims = ingested["claims"]
    running = claims.filter(pl.col("subject") == "russia_military", pl.col("metric") == "killed")
    rate = running.head(1).with_columns(
        claim_id=pl.lit("C9999"), claim_date=pl.lit(dt.date(2026, 3, 5)), as_of=None,
        value=pl.lit(30000.0), value_high=pl.lit(35000.0), period=pl.lit("per month"),
    )  # fmt: skip
    tables_ = {**ingested, "claims": pl.concat([claims, rate], how="vertical_relaxed")}
    killed = [c for c in summary(tables_, data_version=1)["latest_claims"]
              if c["metric"] == "killed" and c["subject"] == "russia_military"]  # fmt: skip
    assert [(c["claim_id"], c["value"]) for c in killed] == [(running["claim_id"][-1], 189000.0)]
    db = sqlite3.connect(write_sqlite(tmp_path, tables_))
    ids = db.execute("SELECT claim_id FROM latest_claims WHERE subject = 'russia_military' "
                     "AND metric = 'killed'").fetchall()  # fmt: skip
    assert ids == [(running["claim_id"][-1],)]


def test_undisclosed_events_make_the_sum_a_lower_bound(ingested):
    """An undisclosed count on the receiving side turns the sum into 'at least'."""
    events = ingested["events"].with_columns(
        count=pl.when(pl.col("figure_id") == "E0013").then(None).otherwise(pl.col("count")),
        qualifier=pl.when(pl.col("figure_id") == "E0013").then(pl.lit("undisclosed"))
        .otherwise(pl.col("qualifier")),
    )  # fmt: skip
    got = returned({**ingested, "events": events})["bodies_returned_to_russia"]
    assert (got["value"], got["qualifier"], got["undisclosed_events"]) == (0, "at_least", 1)


def test_sqlite_holds_every_table_row_for_row_with_types(ingested, tmp_path):
    """Same rows and values as the Parquet; dates as ISO text in DATE columns; views work."""
    db = sqlite3.connect(write_sqlite(tmp_path, ingested))
    for name, frame in ingested.items():
        cursor = db.execute(f'SELECT * FROM "{name}"')
        stored = {
            c: {pl.Date: pl.String, pl.Boolean: pl.Int64}.get(t, t) for c, t in frame.schema.items()
        }
        back = pl.DataFrame(cursor.fetchall(), schema=stored, orient="row").with_columns(
            pl.col(c).str.to_date() if t == pl.Date else pl.col(c).cast(t)
            for c, t in frame.schema.items()
        )
        assert back.equals(frame), name
    types = dict(db.execute("SELECT name, type FROM pragma_table_info('events')").fetchall())
    assert (types["date"], types["count"], types["is_current"]) == ("DATE", "INTEGER", "BOOLEAN")
    rows = db.execute(
        "SELECT year, received_by, disclosed_count FROM returned_by_year "
        "WHERE event_type = 'body_repatriation' ORDER BY received_by"
    ).fetchall()
    assert rows == [("2025", "russia", 27), ("2025", "ukraine", 2412)]
    assert not list(tmp_path.glob(f".{SQLITE_FILE}*"))


def test_citation_cff_has_the_required_keys():
    """CITATION.cff parses as YAML and holds CFF 1.2.0's required keys."""
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= cff.keys()
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
    assert "CC BY 4.0" in (REPO / "LICENSE-DATA.md").read_text()


def _tampered(data: bytes, member: str, new: bytes) -> bytes:
    """A copy of a .tar.gz archive with one member's bytes replaced (its SHA256SUMS kept)."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data)) as src,
        tarfile.open(fileobj=out, mode="w:gz") as dst,
    ):
        for info in src.getmembers():
            body = src.extractfile(info).read()
            if info.name == member:
                body, info.size = new, len(new)
            dst.addfile(info, io.BytesIO(body))
    return out.getvalue()


def test_pack_is_reproducible_and_unpack_verifies(tmp_path):
    """The same files give the same bytes; a changed member fails its checksum by name."""
    files = {"b.csv": b"x,y\n1,2\n", "a.json": b"{}\n"}
    one, two = archive.pack(files, "top"), archive.pack(dict(reversed(files.items())), "top")
    assert one == two
    path = tmp_path / "r.tar.gz"
    path.write_bytes(one)
    assert archive.unpack(path) == files
    path.write_bytes(_tampered(one, "top/b.csv", b"x,y\n9,9\n"))
    with pytest.raises(archive.ReleaseError, match=r"r.tar.gz: b.csv does not match SHA256SUMS"):
        archive.unpack(path)


def test_archive_name_is_dated_and_versioned():
    """The file name carries the data version and the day."""
    assert archive.archive_name(4, dt.date(2026, 12, 1)) == "war-toll-data-v4-2026-12-01.tar.gz"


def test_read_index_refuses_a_broken_index(tmp_path):
    """A damaged index.json is named in one line, not a traceback."""
    (tmp_path / "index.json").write_text("[1, 2")
    with pytest.raises(archive.ReleaseError, match=r"index.json: not a release index"):
        archive.read_index(tmp_path)
    assert json.loads('{"releases": []}')["releases"] == archive.read_index(tmp_path / "none")


def test_data_version_bumps_only_when_content_changes(project, capsys):
    """A forced rebuild of the same ledger keeps the version; a one-row edit bumps it."""
    assert run(["ingest"], capsys)[0] == 0
    assert tables.manifest()["data_version"] == 1
    assert run(["ingest", "--force"], capsys)[0] == 0
    assert tables.manifest()["data_version"] == 1
    events = project.ledger / "events.csv"
    events.write_text(events.read_text().replace(",1212,exact,", ",1213,exact,"))
    assert run(["ingest"], capsys)[0] == 0
    assert tables.manifest()["data_version"] == 2
    assert json.loads((project.processed / "summary.json").read_text())["data_version"] == 2


def test_datapackage_validates_with_frictionless_and_carries_licences(ingested, project):
    """frictionless validates the package; every resource names its licence and sources."""
    from frictionless import Package

    report = Package(str(project.processed / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((project.processed / "datapackage.json").read_text())
    for resource in package["resources"]:
        if resource["name"] != "series":  # no upstream in this project: no upstream licence
            assert resource["licenses"] and resource["sources"], resource["name"]
    events = next(r for r in package["resources"] if r["name"] == "events")
    assert events["licenses"][0]["name"] == "CC-BY-4.0"
    summary_resource = next(r for r in package["resources"] if r["name"] == "summary")
    digest = tables.manifest()["files"]["summary.json"]
    assert summary_resource["hash"] == f"sha256:{digest}"


def test_release_archives_the_version_and_verifies(ingested, project, capsys):
    """`analysis release` writes a dated archive whose checksums verify; releasing again is a no-op."""
    code, out, err = run(["release", "--date", "2026-12-01"], capsys)
    assert code == 0, err
    path = project.releases / "war-toll-data-v1-2026-12-01.tar.gz"
    assert f"data version 1: {path}" in out
    files = archive.unpack(path)
    assert {"events.parquet", "datapackage.json", "manifest.json", "summary.json",
            "war-toll.sqlite", "RELEASE_NOTES.md"} <= set(files)  # fmt: skip
    assert "First release" in files["RELEASE_NOTES.md"].decode()
    assert run(["release", "--date", "2026-12-02"], capsys)[0] == 0
    assert [r["archive"] for r in archive.read_index(project.releases)] == [path.name]
    code, out, _ = run(["release", "--verify", str(path)], capsys)
    assert code == 0 and "checksums verified" in out


def test_second_release_notes_list_exactly_the_changed_row(ingested, project, capsys):
    """After a one-row ledger edit, the next release's notes name that row and nothing else."""
    assert run(["release", "--date", "2026-12-01"], capsys)[0] == 0
    events = project.ledger / "events.csv"
    events.write_text(events.read_text().replace(",1212,exact,", ",1213,exact,"))
    assert run(["ingest"], capsys)[0] == 0
    code, out, err = run(["release", "--date", "2026-12-08"], capsys)
    assert code == 0, err
    notes = archive.unpack(project.releases / "war-toll-data-v2-2026-12-08.tar.gz")
    text = notes["RELEASE_NOTES.md"].decode()
    assert "E0012" in text and "1212" in text and "1213" in text
    others = [f"E00{n:02d}" for n in range(1, 16) if n != 12]
    assert not [i for i in others if i in text]


def test_series_resource_carries_each_present_upstreams_licence():
    """The series resource names the licence and citation of the upstreams it holds, only those."""
    from analysis.ingest.adapters.registry import UPSTREAMS
    from analysis.release.extras import resource_licence

    some = sorted(UPSTREAMS)[:2]
    got = resource_licence("series", pl.DataFrame({"source": [some[0], some[1], some[0]]}))
    assert [x["name"] for x in got["licenses"]] == [UPSTREAMS[k].licence for k in some]
    assert [x["title"] for x in got["sources"]] == [UPSTREAMS[k].citation for k in some]
    assert resource_licence(
        "series", pl.DataFrame({"source": []}, schema={"source": pl.String})
    ) == {"licenses": [], "sources": []}


def _readme_queries() -> dict[str, list[str]]:
    """The README's example queries by engine ('SQLite', 'DuckDB'), in order."""
    text = (REPO / "README.md").read_text()
    blocks = re.findall(r"```sql\n(-- (SQLite|DuckDB):.*?)```", text, flags=re.S)
    found: dict[str, list[str]] = {"SQLite": [], "DuckDB": []}
    for body, engine in blocks:
        found[engine].append(body)
    return found


def test_readme_queries_run_as_written_and_agree(bundled_project, capsys, monkeypatch):
    """Each SQLite query and its DuckDB twin run on the bundled data and give the same rows."""
    import duckdb

    assert run(["ingest", "--allow-quarantine"], capsys)[0] == 0
    queries = _readme_queries()
    assert len(queries["SQLite"]) == len(queries["DuckDB"]) == 3
    monkeypatch.chdir(bundled_project.root)
    db = sqlite3.connect(bundled_project.processed / "war-toll.sqlite")
    for lite, duck in zip(queries["SQLite"], queries["DuckDB"], strict=True):
        got_lite = db.execute(lite).fetchall()
        got_duck = [
            tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)
            for row in duckdb.sql(duck).fetchall()
        ]
        assert got_lite, lite
        assert got_lite == got_duck, lite.splitlines()[0]


def test_report_footer_prints_the_credit_line():
    """Every report footer carries the data's credit line and points at CITATION.cff."""
    import datetime as dt_

    from analysis.release import CREDIT
    from analysis.reports.render import Imprint, footer_html

    html = footer_html("The brief", Imprint("7", dt_.date(2026, 3, 6), dt_.date(2026, 12, 1)))
    assert CREDIT in html and "CITATION.cff" in html and "Data version</strong> 7" in html
