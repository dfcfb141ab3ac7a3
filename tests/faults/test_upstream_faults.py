"""Fault injection on upstream snapshots (JSON and CSV): quarantine with file/line/column, or a
one-line stop naming the file; rows in = rows out + quarantined; a stop leaves the previous tables."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import ingest as ingest_mod
from analysis.config import Paths
from analysis.errors import InputError

GS = "petroivaniuk_genstaff"
GS_FILES = (
    "russia_losses_personnel.json",
    "russia_losses_equipment.json",
    "russia_losses_equipment_correction.json",
)
PERSONNEL = f"{GS}/russia_losses_personnel.json"
LOG = "oryx_mauforonda_log/log.csv"


def _edit(name: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def mutate(upstream: Path) -> None:
        path = upstream / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return mutate


def _bytes(name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(upstream: Path) -> None:
        path = upstream / name
        path.write_bytes(change(path.read_bytes()))

    return mutate


def _records(change: Callable[[list[dict]], list[dict]]) -> Callable[[Path], None]:
    """Rewrite the personnel records (JSON written with bare NaN allowed)."""

    def mutate(upstream: Path) -> None:
        path = upstream / PERSONNEL
        path.write_text(json.dumps(change(json.loads(path.read_text())), indent=1))

    return mutate


def _set(index: int, key: str, value: object) -> Callable[[list[dict]], list[dict]]:
    def change(records: list[dict]) -> list[dict]:
        records[index][key] = value
        return records

    return change


# (mutation, ("stop", message regex) | ("quarantine", file suffix, column, reason part) | ("ok", None))
CASES: dict[str, tuple[Callable[[Path], None], tuple]] = {
    "json trailing comma": (_edit(PERSONNEL, lambda t: t.rstrip().rstrip("]").rstrip() + ",\n]"),
                            ("stop", r"russia_losses_personnel\.json: petroivaniuk_genstaff: invalid JSON at line \d+ column \d+: .+$")),
    "json truncated": (_edit(PERSONNEL, lambda t: t[: len(t) // 2]),
                       ("stop", r"russia_losses_personnel\.json: petroivaniuk_genstaff: invalid JSON at line \d+ column \d+")),
    "json zero bytes": (_bytes(PERSONNEL, lambda b: b""),
                        ("stop", r"russia_losses_personnel\.json: petroivaniuk_genstaff: invalid JSON at line 1 column 1")),
    "json not UTF-8": (_bytes(PERSONNEL, lambda b: b.replace(b'"about"', '"около"'.encode("cp1251"), 1)),
                       ("stop", r"russia_losses_personnel\.json: petroivaniuk_genstaff: not valid UTF-8 at byte \d+$")),
    "json with BOM": (_bytes(PERSONNEL, lambda b: b"\xef\xbb\xbf" + b), ("ok", None)),
    "json CRLF": (_bytes(PERSONNEL, lambda b: b.replace(b"\n", b"\r\n")), ("ok", None)),
    "json top level object": (_edit(PERSONNEL, lambda t: '{"rows": ' + t + "}"),
                              ("stop", r"petroivaniuk_genstaff: expected a list of records at the top level$")),
    "json unknown key": (_records(_set(10, "lasers", 3)),
                         ("stop", r"petroivaniuk_genstaff: unexpected key\(s\) lasers; missing key\(s\) none$")),
    "json bare NaN": (_records(_set(100, "personnel", float("nan"))),
                      ("quarantine", "russia_losses_personnel.json", "personnel", "NaN is not a number")),
    "json type changes mid-file": (_records(_set(200, "personnel", "31,000")),
                                   ("quarantine", "russia_losses_personnel.json", "personnel", "not a number (str)")),
    "json negative count": (_records(_set(300, "POW", -5)),
                            ("quarantine", "russia_losses_personnel.json", "cumulative", "must be >= 0")),
    "json future date": (_records(lambda r: [*r, {**r[-1], "date": "2099-01-01", "day": 28000}]),
                         ("quarantine", "russia_losses_personnel.json", "date", "date after today")),
    "json impossible date": (_records(_set(5, "date", "2023-02-30")),
                             ("quarantine", "russia_losses_personnel.json", "date", "date is not YYYY-MM-DD")),
    "json directory instead of file": (lambda up: ((up / PERSONNEL).unlink(), (up / PERSONNEL).mkdir()),
                                       ("stop", r"russia_losses_personnel\.json: is a directory, expected a file$")),
    "csv renamed column": (_edit(LOG, lambda t: t.replace("state", "status", 1)),
                           ("stop", r"log\.csv: source oryx_mauforonda_log: unexpected column\(s\) status; missing column\(s\) state")),
    "csv unknown category": (_edit(LOG, lambda t: t + "2025-01-01 10:00:00,Russia,laser cannons,destroyed,1\n"),
                             ("stop", r"log\.csv: source oryx_mauforonda_log: unknown category label\(s\) in category: 'laser cannons'")),
    "csv non-breaking space in label": (_edit(LOG, lambda t: t + "2025-01-01 10:00:00,Russia,Tanks\u00a0,destroyed,1\n"), ("ok", None)),
    "csv bad number": (_edit(LOG, lambda t: t + "2025-01-01 10:00:00,Russia,tanks,destroyed,1.5x\n"),
                       ("quarantine", "log.csv", "value", "value: not a whole number")),
}  # fmt: skip


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def upstream(tmp_path: Path, shared_upstream: Path) -> Path:
    """A writable copy of two upstream snapshots (General Staff personnel/equipment, Oryx log)."""
    folder = tmp_path / "upstream"
    (folder / GS).mkdir(parents=True)
    for name in GS_FILES:
        shutil.copy(shared_upstream / GS / name, folder / GS / name)
    shutil.copytree(shared_upstream / "oryx_mauforonda_log", folder / "oryx_mauforonda_log",
                    ignore=shutil.ignore_patterns("*__*", "*.md"))  # fmt: skip
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_upstream_fault(case: str, project: Paths, upstream: Path) -> None:
    mutate, expected = CASES[case]
    first = ingest_mod.ingest(project, upstream=upstream)
    before = _digests(project.processed)
    mutate(upstream)
    if expected[0] == "stop":
        with pytest.raises(InputError) as info:
            ingest_mod.ingest(project, upstream=upstream)
        assert "\n" not in str(info.value)
        assert re.search(expected[1], str(info.value)), str(info.value)
        assert _digests(project.processed) == before
        return
    result = ingest_mod.ingest(project, upstream=upstream)
    manifest = json.loads((project.processed / "manifest.json").read_text())
    data_files = [i for i in manifest["inputs"] if not i["path"].endswith(".schema.json")]
    for item in data_files:
        assert item["rows_read"] == item["rows_written"] + item["rows_quarantined"], item
    new = result.quarantine.join(first.quarantine, on=list(first.quarantine.columns), how="anti")
    if expected[0] == "ok":
        assert new.height == 0, new.to_dicts()
        return
    _, suffix, column, reason = expected
    assert new.height >= 1 and new["line"].n_unique() == 1, (
        new.to_dicts()
    )  # one record (its metrics)
    for row in new.iter_rows(named=True):
        assert row["file"].endswith(suffix) and row["line"] is not None
        assert row["column"] == column or reason in row["reason"], row
        assert reason in row["reason"], row["reason"]
