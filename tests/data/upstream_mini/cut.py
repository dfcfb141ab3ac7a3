"""Cut the committed mini snapshots (tests/data/upstream_mini/<source>/) from ../shared/data/upstream.

A few hundred records per source, chosen to keep the known scraper faults: Oryx subtotal headings
that disagree with their column, the change log's heading-as-country rows, Ukraine's removal and
parsing debris, Bessudnov's blank and post-release dates, General Staff signed corrections (one
with no figure to correct), ukrwarlosses' pre-invasion catch-all key. Run from the repository root:
`python tests/data/upstream_mini/cut.py` (re-cutting rewrites the folder).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "upstream"
MINI = Path(__file__).resolve().parent


def _csv(source: str, name: str, keep) -> None:  # noqa: ANN001 - keep(record number, row) -> bool
    """Copy the header and the records `keep` accepts (record number: header = 1)."""
    with (SHARED / source / name).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    chosen = [rows[0]] + [r for n, r in enumerate(rows[1:], 2) if keep(n, r)]
    with (MINI / source / name).open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(chosen)


def _json(source: str, name: str, cut) -> None:  # noqa: ANN001 - cut(data) -> data
    """Copy a JSON file through `cut`."""
    data = json.loads((SHARED / source / name).read_text(encoding="utf-8"))
    (MINI / source / name).write_text(json.dumps(cut(data), indent=1, ensure_ascii=False) + "\n")


def genstaff() -> None:
    """60 days of PetroIvaniuk around two corrections (one outside them), 80 lod-db posts."""
    source = "petroivaniuk_genstaff"
    days = lambda data: [r for r in data if "2022-09-20" <= r["date"] <= "2022-11-20"]  # noqa: E731
    _json(source, "russia_losses_equipment.json", days)
    _json(source, "russia_losses_personnel.json", days)
    _json(source, "russia_losses_equipment_correction.json",
          lambda data: [r for r in data if r["date"] in ("2022-10-13", "2023-05-27")])  # fmt: skip
    _json("lod_db_orc_losses", "russian-losses.json", lambda data: data[:80])
    # its schema file is taken whole from ../shared by the tests (test_adapter_contract.WHOLE)


def oryx() -> None:
    """daily_count's first 100 records and the disagreeing subtotal; 100 items per event file;
    every change-log record of aircraft and radars, and every debris record."""
    source = "oryx_scarnecchia"
    _csv(source, "daily_count.csv", lambda n, _: n <= 101 or 696 <= n <= 706)
    for status in ("destroyed", "damaged", "abandoned", "captured"):
        _csv(source, f"event_{status}.csv", lambda n, _: n <= 101)
    wanted = ("aircraft", "radars")
    debris = ("optic", "tured")
    _csv("oryx_mauforonda_log", "log.csv",
         lambda _, r: r[2] in wanted or r[3] in debris or r[2].startswith("tured"))  # fmt: skip


def named_dead() -> None:
    """Bessudnov: 150 + 80 records, the blank and (older release) post-release dates;
    ukrwarlosses: 90 days, 30 weeks or months per file."""
    source = "bbc_mediazona_bessudnov"
    _csv(source, "dfFatalitiesAnonymised.csv", lambda n, _: n <= 151 or 20188 <= n <= 20256)
    _csv(source, "dfCasualtiesAnonymised__b125fe3.csv", lambda n, _: n <= 81 or 9585 <= n <= 9595)
    source = "ukrwarlosses_name_counts"
    for path in sorted((SHARED / source).glob("*__*.json")):
        size = 90 if "daily" in path.name else 30
        _json(source, path.name, lambda data, size=size: dict(list(data.items())[:size]))


if __name__ == "__main__":
    for folder in ("petroivaniuk_genstaff", "lod_db_orc_losses", "oryx_scarnecchia",
                   "oryx_mauforonda_log", "bbc_mediazona_bessudnov", "ukrwarlosses_name_counts"):  # fmt: skip
        shutil.rmtree(MINI / folder, ignore_errors=True)
        (MINI / folder).mkdir(parents=True)
    genstaff()
    oryx()
    named_dead()
