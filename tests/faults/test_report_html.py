"""Text from the ledger (notes, claimants, mediators, source titles and publishers) is shown as
text in the report pages: script payloads do not run in headless Chromium. CSV files the run
writes hold no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from analysis import ingest
from analysis.config import Paths
from analysis.reports import execute, model
from browser import Browser, open_browser, serve
from conftest import SEED_LEDGER

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
AS_OF = dt.date(2025, 6, 20)
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=2">'
FORMULA = "-2+3+cmd|' /C calc'!A0"
URL = "https://example.org/payload"


def _append(path: Path, row: dict[str, str]) -> None:
    """Append a row (columns in the file's header order) to a ledger CSV."""
    with path.open(newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="") as handle:
        csv.writer(handle).writerow([row.get(column, "") for column in header])


def _payload_project(root: Path) -> Paths:
    """The seed ledger plus an exchange, a claim and a source carrying the payloads."""
    shutil.copytree(SEED_LEDGER, root / "data" / "raw" / "ledger")
    (root / "data" / "raw" / "upstream").mkdir()
    paths = Paths.at(root)
    _append(paths.ledger / "sources.csv", {"url": URL, "publisher": f"{FORMULA} {IMAGE}",
                                           "title": f"{SCRIPT} headline", "published": "2025-06-18"})  # fmt: skip
    _append(paths.ledger / "events.csv", {
        "id": "E9001", "event_id": "2025-06-18-pow_exchange", "date": "2025-06-18",
        "event_type": "pow_exchange", "received_by": "ukraine", "count": "10", "qualifier": "exact",
        "status": "completed", "mediator": IMAGE, "claimant": IMAGE, "claimant_side": "ukraine",
        "source_urls": URL, "notes": f"{SCRIPT} note"})  # fmt: skip
    _append(paths.ledger / "claims.csv", {
        "id": "C9001", "claim_date": "2025-06-19", "as_of": "2025-06", "subject": "ukraine_military",
        "metric": "killed", "value": "50000", "qualifier": "at_least", "claimant": IMAGE,
        "claim_kind": "official_claim", "source_urls": URL, "notes": SCRIPT})  # fmt: skip
    assert ingest.ingest(paths).quarantined == 0
    return paths


@pytest.fixture(scope="module")
def payload_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[model.RunResult]:
    """brief, exchanges and casualty_claims run on the payload project."""
    root = tmp_path_factory.mktemp("payload") / "project"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANALYSIS_ROOT", str(root))
        for name in ("ANALYSIS_PROCESSED", "ANALYSIS_UPSTREAM", "ANALYSIS_REPORTS"):
            patch.delenv(name, raising=False)
        paths = _payload_project(root)
        yield execute.run(paths, AS_OF, selected=["brief", "casualty_claims", "exchanges"],
                          given={"start": "2025-06-01"}, notebooks=NOTEBOOKS, jobs=2,
                          max_age_days=0)  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless Chromium (skipped when none is installed)."""
    with open_browser() as chrome:
        yield chrome


# Which payloads each page shows (as text): the brief lists notes, claimants and publishers (its
# tables link each figure's publisher to the source page; titles are not shown).
SHOWN = {
    "brief.html": [f"{SCRIPT} note", IMAGE, FORMULA],
    "casualty_claims.html": [IMAGE],
    "exchanges.html": [IMAGE],
}


@pytest.mark.slow
def test_ledger_text_is_shown_as_text_and_never_runs(
    payload_run: model.RunResult, browser: Browser
) -> None:
    assert payload_run.exit_code == 0, [o.error for o in payload_run.outcomes]
    control = payload_run.folder / "zz-control.html"
    control.write_text(f"<html><body>{IMAGE}</body></html>")
    with serve(payload_run.folder) as base:
        for page in ["index.html", *SHOWN]:
            visit = browser.visit(base + page)
            assert browser.evaluate("typeof window.__pwned") == "undefined", page
            assert visit.errors == [], (page, visit.errors)
            text = browser.evaluate("document.body.innerText")
            for payload in SHOWN.get(page, []):
                assert payload in text, (page, payload)
        browser.visit(base + control.name)  # the check can fail: unescaped, the payload runs
        assert browser.evaluate("window.__pwned") == 2
    control.unlink()


@pytest.mark.slow
def test_every_csv_of_the_run_is_safe_in_a_spreadsheet(payload_run: model.RunResult) -> None:
    files = sorted(payload_run.folder.rglob("*.csv"))
    assert files, "the run wrote no CSV"
    cells = pl.concat(
        [
            pl.read_csv(f, infer_schema=False).unpivot(value_name="_cell").select("_cell")
            for f in files
        ]
    )["_cell"].drop_nulls()
    number = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?(e[+-]?\d+)?$", re.IGNORECASE)
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(c)]
    assert risky == []
