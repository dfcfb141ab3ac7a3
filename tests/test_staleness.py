"""The staleness guard per table: notebooks declare what they read; fail names the stale tables,
warn renders with a banner in the index and in each report that reads a stale table."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import ingest
from analysis.config import Paths
from analysis.errors import ExitCode, StaleDataError
from analysis.reports import execute, staleness
from analysis.reports.params import ParameterError

AS_OF = dt.date(2026, 12, 1)  # the seed ledger's last event is 13 June 2025


def _notebook(folder: Path, name: str, tables: list[str] | None) -> Path:
    """A one-cell notebook declaring `tables` in its metadata (None: no declaration)."""
    folder.mkdir(exist_ok=True)
    cell = new_code_cell("day = None  # date; a day")
    cell.metadata["tags"] = ["parameters"]
    notebook = new_notebook(cells=[cell, new_code_cell("print('ran')")])
    notebook.metadata.kernelspec = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    if tables is not None:
        notebook.metadata["analysis"] = {"tables": tables}
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_a_notebook_declares_the_tables_it_reads(tmp_path: Path) -> None:
    assert staleness.declared(_notebook(tmp_path, "a", ["events", "sources"])) == ("events",)
    assert staleness.declared(_notebook(tmp_path, "b", None)) == staleness.DATED
    with pytest.raises(
        ParameterError, match=r"^c: metadata analysis.tables names unknown table 'casualties'$"
    ):
        staleness.declared(_notebook(tmp_path, "c", ["casualties"]))


@pytest.fixture
def notebooks(project: Paths, tmp_path: Path) -> Path:
    """An ingested seed project; `ledger` reads the events, `upstream` only the series (empty)."""
    ingest.ingest(project)
    folder = tmp_path / "notebooks"
    _notebook(folder, "ledger", ["events"])
    _notebook(folder, "upstream", ["series"])
    return folder


def test_fail_names_only_the_stale_tables_the_notebooks_read(
    project: Paths, notebooks: Path
) -> None:
    with pytest.raises(StaleDataError) as caught:
        execute.run(project, AS_OF, notebooks=notebooks, max_age_days=45)
    assert str(caught.value) == (
        "data is stale on 2026-12-01: events (ends 2025-06-13, 536 days old); the limit is 45 days "
        "(ingest newer data, raise --max-age-days, or render with --stale warn)"
    )
    assert caught.value.exit_code == ExitCode.STALE
    fresh = execute.run(project, AS_OF, selected=["upstream"], notebooks=notebooks, max_age_days=45)
    assert fresh.exit_code == ExitCode.OK  # the series table is empty: nothing to be old


def _text(path: Path) -> str:
    """An HTML page's text with tags removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text()))


@pytest.mark.slow
def test_warn_renders_with_a_banner_in_the_index_and_the_stale_report(
    project: Paths, notebooks: Path
) -> None:
    result = execute.run(project, AS_OF, notebooks=notebooks, max_age_days=45, stale="warn")
    assert result.exit_code == ExitCode.OK
    said = "The events table ends 13 June 2025, 536 days before this report."
    assert said in _text(result.folder / "index.html")
    assert result.notes[0].startswith(f"Old data. {said}")
    assert said in _text(result.folder / "ledger.html")
    assert said in _text(result.folder / "upstream.html")  # not its own table: the run's banner
    executed = nbformat.read(result.folder / "ledger.ipynb", as_version=4)
    assert executed.cells[0].metadata["tags"] == [staleness.BANNER_TAG]


def test_an_unknown_stale_mode_is_a_usage_error(project: Paths, notebooks: Path) -> None:
    with pytest.raises(ParameterError, match=r"^--stale 'maybe' is not one of fail, warn$"):
        execute.run(project, AS_OF, notebooks=notebooks, stale="maybe")


LATE_ROW = (
    "E0016,2025-06-12-pow_exchange,,2025-06-12,pow_exchange,ukraine,120,exact,completed,UAE,"
    "Coordination HQ,ukraine,https://example.org/late,,,entered late\n"
)


@pytest.mark.slow
def test_a_row_entered_late_appears_in_the_next_brief(project: Paths) -> None:
    briefs = Path(__file__).resolve().parents[1] / "notebooks"
    ingest.ingest(project)
    first = execute.run(
        project, dt.date(2025, 6, 20), selected=["brief"], notebooks=briefs, max_age_days=0
    )
    assert "There is no previous brief in this reports folder" in _text(first.folder / "brief.html")
    events = project.ledger / "events.csv"
    events.write_text(events.read_text() + LATE_ROW)  # dated before the previous brief
    ingest.ingest(project)
    second = execute.run(
        project, dt.date(2025, 6, 27), selected=["brief"], notebooks=briefs, max_age_days=0
    )
    text = _text(second.folder / "brief.html")
    assert (
        f"Since the previous brief (20 June 2025, data version {first.fingerprint[:12]}): 1 ledger "
        "row(s) entered the data, 1 of them dated before this period (entered late)."
    ) in text
    assert "E0016: 2025-06-12 pow_exchange received by ukraine: 120 (Coordination HQ)" in text
