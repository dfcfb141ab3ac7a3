"""`analysis report` end to end: one run of every notebook on the bundled ledger + ../shared upstream,
then the runner's guarantees (failures reported, atomic replace, lock, staleness) on tiny notebooks."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import polars as pl
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import config, ingest, series, tables
from analysis.config import Paths
from analysis.errors import ExitCode, LockedError, MissingDataError, StaleDataError
from analysis.reports import execute, model, render
from analysis.wording import share_text
from cli_runner import run
from conftest import LEDGER, SHARED, _require

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
AS_OF = dt.date(2025, 6, 20)
GIVEN = {"start": "2024-01-31", "end": "2024-01-31"}


def _project(root: Path, upstream: Path | None) -> Paths:
    """A project tree with the bundled ledger, ingested (with `upstream` snapshots when given)."""
    shutil.copytree(LEDGER, root / "data" / "raw" / "ledger")
    (root / "data" / "raw" / "upstream").mkdir()
    paths = Paths.at(root)
    ingest.ingest(paths, upstream=upstream)
    return paths


_SHARED: dict[str, tuple[Paths, model.RunResult]] = {}


def shared_run(factory: pytest.TempPathFactory) -> tuple[Paths, model.RunResult]:
    """Every notebook run once for AS_OF (PDFs too when Chromium is installed), on a project with
    the bundled ledger and the ../shared upstream snapshots; one run for every test module."""
    if "run" not in _SHARED:
        upstream = _require(SHARED / "data" / "upstream")
        paths = _project(factory.mktemp("reports") / "project", upstream)
        run = execute.run(paths, AS_OF, period="month", given=dict(GIVEN), jobs=2, pdf=True,
                          max_age_days=0, notebooks=NOTEBOOKS)  # fmt: skip
        _SHARED["run"] = (paths, run)
    return _SHARED["run"]


@pytest.fixture
def report_project(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The project of the shared run."""
    return shared_run(tmp_path_factory)[0]


@pytest.fixture
def report_run(tmp_path_factory: pytest.TempPathFactory) -> model.RunResult:
    """The shared run."""
    return shared_run(tmp_path_factory)[1]


def _text(path: Path) -> str:
    """An HTML report's text with tags removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text()))


@pytest.mark.slow
def test_every_notebook_ran_and_was_rendered(report_run: model.RunResult) -> None:
    folder = report_run.folder
    assert report_run.exit_code == ExitCode.OK, [o.error for o in report_run.outcomes]
    assert [o.name for o in report_run.outcomes] == [
        p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb"))
    ]
    for outcome in report_run.outcomes:
        assert outcome.status == "ok" and outcome.error is None
        executed = nbformat.read(folder / f"{outcome.name}.ipynb", as_version=4)
        assert executed.metadata.papermill.exception is None
        html = (folder / f"{outcome.name}.html").read_text()
        assert "params.bind(" not in html and "import polars" not in html  # no code cells
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"?(https?:)?//", html)
        assert (folder / "charts").is_dir()


@pytest.mark.slow
def test_the_run_is_published_under_as_of_and_latest(report_run: model.RunResult) -> None:
    reports_dir = report_run.folder.parent
    assert report_run.folder == reports_dir / AS_OF.isoformat()
    assert report_run.folder.is_symlink()
    assert os.readlink(reports_dir / "latest") == AS_OF.isoformat()
    assert [p.name for p in (reports_dir / ".runs").iterdir()] == [report_run.folder.resolve().name]


@pytest.mark.slow
def test_index_lists_status_parameters_time_and_checksum(
    report_project: Paths, report_run: model.RunResult
) -> None:
    folder = report_run.folder
    facts = json.loads((folder / "index.json").read_text())
    manifest = tables.manifest(tables.processed_dir(report_project))
    assert facts["fingerprint"] == manifest["fingerprint"] != ""
    assert facts["exit_code"] == 0 and facts["as_of"] == "2025-06-20" and facts["period"] == "month"
    index = _text(folder / "index.html")
    assert f"manifest checksum {manifest['fingerprint']}" in index
    for outcome in report_run.outcomes:
        assert re.search(rf"{outcome.name} ok .*? {outcome.seconds:.1f} s report", index)
    exchanges = next(r for r in facts["reports"] if r["name"] == "exchanges")
    assert exchanges["parameters"]["start"] == "2024-01-31"
    assert exchanges["parameters"]["as_of"] == "2025-06-20"
    assert exchanges["parameters"]["freq"] == "month"
    assert "start = 2024-01-31" in index and "as_of = 2025-06-20" in index


CHARTS = ["brief-last-year", "claims-vs-independent", "exchanges-asymmetry", "exchanges-cumulative",
          "exchanges-per-period", "personnel-vs-named", "petroivaniuk_genstaff-daily", "petroivaniuk_genstaff-running-total", "repatriations-asymmetry",
          "repatriations-cumulative", "repatriations-delivery"]  # fmt: skip


@pytest.mark.slow
def test_charts_are_exported_with_data_and_alt_text(report_run: model.RunResult) -> None:
    charts = report_run.folder / "charts"
    names = sorted(p.name for p in charts.iterdir())
    expected = [f"{c}.{ext}" for c in CHARTS for ext in ("alt.txt", "csv", "pdf", "png", "svg")]
    assert names == sorted([*expected, "chart-pack.pdf"])
    for chart in CHARTS:
        assert (charts / f"{chart}.alt.txt").read_text().strip()
        assert pl.read_csv(charts / f"{chart}.csv").height > 0
        assert (charts / f"{chart}.svg").read_text().lstrip().startswith("<?xml")
    assert report_run.chart_pack == "charts/chart-pack.pdf"
    index = _text(report_run.folder / "index.html")
    assert "chart pack charts/chart-pack.pdf" in index
    assert "exchanges-cumulative svg · pdf · png · csv · alt.txt" not in index  # sorted links
    assert "exchanges-cumulative alt.txt · csv · pdf · png · svg People returned" in index


@pytest.mark.slow
def test_reports_embed_their_charts_with_alt_text(report_run: model.RunResult) -> None:
    tags = re.findall(r"<img[^>]*>", (report_run.folder / "exchanges.html").read_text())
    assert len(tags) == 3
    assert all(re.search(r' src="data:image/png;base64,[A-Za-z0-9+/=]+"', tag) for tag in tags)
    alts = [html.unescape(re.search(r' alt="([^"]*)"', tag).group(1)) for tag in tags]
    alt = (report_run.folder / "charts" / "exchanges-cumulative.alt.txt").read_text().strip()
    assert alt in alts and all(alts)


@pytest.mark.slow
def test_exchanges_states_numbers_computed_from_the_data(report_run: model.RunResult) -> None:
    text = _text(report_run.folder / "exchanges.html")
    assert "Prisoner exchanges over time" in text
    assert ("From 31 January 2024 to 31 January 2024: Ukraine received 207 people; "
            "Russia received 195 people.") in text  # fmt: skip
    assert ("the busiest month began on 1 January 2024: 402 people were returned to both sides "
            "together.") in text  # fmt: skip
    assert "In 1 event(s) Ukrainian and Russian statements give different figures" in text
    assert "1 of the 1 events from 31 January 2024 to 31 January 2024 name a mediator; UAE" in text


@pytest.mark.slow
def test_repatriations_track_delivery_against_the_istanbul_agreement(
    report_project: Paths, report_run: model.RunResult
) -> None:
    events = tables.load("events", tables.processed_dir(report_project))
    agreement = "2025-06-02-body_repatriation-istanbul_agreement"
    delivered = series.delivery(events.filter(pl.col("date") <= AS_OF), agreement)
    text = _text(report_run.folder / "repatriations.html")
    for side in ("ukraine", "russia"):
        last = delivered.filter(pl.col("received_by") == side).row(-1, named=True)
        assert (f"By {last['date']:%-d %B %Y}, {side.title()} had received {last['delivered']:,} of "
                f"the 6,000 bodies agreed ({share_text(last['share'])})") in text  # fmt: skip


@pytest.mark.slow
def test_brief_names_its_period_and_what_changed(report_run: model.RunResult) -> None:
    text = _text(report_run.folder / "brief.html")
    assert "Period: 22 May 2025 – 20 June 2025 (one month)." in text
    assert re.search(r"Data to \d+ \w+ \d{4} · Published 20 June 2025\.", text)
    assert re.search(r"Dated in the period: \d+ new event\(s\), \d+ new casualty statement", text)
    assert "Bodies received by Ukraine: " in text and " (ledger sum)" in text
    assert "Data to " in text and "Published " in text and "How to cite:" in text


def _visible(path: Path) -> str:
    """What a reader sees of an HTML report: its text without styles, scripts, tags or attributes."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", path.read_text(), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


INTERNAL_ID = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\b\d{4}-\d\d-\d\d-[a-z]")


@pytest.mark.slow
def test_no_report_shows_nan_or_an_internal_id_and_all_but_explore_link_their_sources(
    report_run: model.RunResult,
) -> None:
    for outcome in report_run.outcomes:
        page = report_run.folder / f"{outcome.name}.html"
        text = _visible(page)
        assert not re.search(r"\bNaN\b|\bNone\b|\bnull\b", text), outcome.name
        assert INTERNAL_ID.findall(text) == [], outcome.name
        links = re.findall(r'<a href="https?://', page.read_text())
        assert outcome.name == "explore" or len(links) >= 1, outcome.name
    index = _visible(report_run.folder / "index.html")  # the run's index: parameters are code
    assert not re.search(r"\bNaN\b|\bNone\b|\bnull\b", index)


def _cells(executed: Path) -> tuple[list[str], list[str]]:
    """The Markdown outputs and the table cells (as text) of an executed notebook."""
    notebook = nbformat.read(executed, as_version=4)
    outputs = [o.data for c in notebook.cells if c.cell_type == "code" for o in c.outputs if "data" in o]
    markdown = [d["text/markdown"] for d in outputs if "text/markdown" in d]
    tables = " ".join(d["text/html"] for d in outputs if "text/html" in d)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", tables, flags=re.S)]  # fmt: skip
    return markdown, cells


MARKS = {"at least ": "≥", "about ": "~", "up to ": "≤", "": ""}


@pytest.mark.slow
def test_every_number_the_brief_states_is_the_number_in_its_table_or_chart(
    report_run: model.RunResult,
) -> None:
    markdown, cells = _cells(report_run.folder / "brief.ipynb")
    stated = [(m, n) for text in markdown if not text.startswith("In the twelve months")
              for m, n in re.findall(r"\*\*(at least |about |up to |)([\d,]+)\*\*", text)]  # fmt: skip
    assert len(stated) >= 4  # the ledger's sums, each side and kind
    for mark, number in stated:
        assert MARKS[mark] + number in cells, (mark, number)
    chart = pl.read_csv(report_run.folder / "charts" / "brief-last-year.csv")
    sums = dict(chart.group_by("received_by").agg(pl.col("count").sum()).iter_rows())
    year = next(t for t in markdown if t.startswith("In the twelve months"))
    for side, number in re.findall(r"(Ukraine|Russia) \*\*([\d,]+)\*\*", year):
        assert int(number.replace(",", "")) == sums[side.lower()], side


@pytest.mark.slow
def test_upstream_series_reports_the_latest_value(
    report_project: Paths, report_run: model.RunResult
) -> None:
    values = tables.load("series", tables.processed_dir(report_project)).filter(
        pl.col("source") == "petroivaniuk_genstaff", pl.col("metric") == "personnel",
        pl.col("date") <= AS_OF,
    ).sort("date")  # fmt: skip
    last = values.row(-1, named=True)
    text = _text(report_run.folder / "upstream_series.html")
    assert (
        f"personnel (russia military): {last['cumulative']:,.0f} by {last['date']:%-d %B %Y} (claim)"
        in text
    )
    corrections = values.filter(
        pl.col("flag") == "correction", pl.col("date") >= dt.date(2024, 1, 31)
    ).height
    assert f"The running total fell {corrections} time(s) from 31 January 2024" in text
    daily = pl.read_csv(report_run.folder / "charts" / "petroivaniuk_genstaff-daily.csv")
    marked = daily.filter(pl.col("series") == "correction")
    assert marked.height == corrections and marked["value"].null_count() == corrections
    assert daily.filter(pl.col("series") == "daily personnel")["value"].null_count() == 0


@pytest.mark.slow
def test_pdf_reports_have_pages_with_text(report_run: model.RunResult) -> None:
    pypdf = pytest.importorskip("pypdf")
    if render.find_chromium() is None:
        assert report_run.notes == [
            "--pdf: no Chromium found (install `chromium`), so no PDF reports"
        ]
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("no Chromium installed (.ci/run installs Debian's chromium)")
        pytest.skip("no Chromium installed")
    for outcome in report_run.outcomes:
        reader = pypdf.PdfReader(report_run.folder / f"{outcome.name}.pdf")
        assert len(reader.pages) >= 1
        assert all(page.extract_text().strip() for page in reader.pages)
    first = pypdf.PdfReader(report_run.folder / "exchanges.pdf").pages[0].extract_text()
    assert "Prisoner exchanges over time" in first
    assert "exchanges.html" not in first and "file://" not in first  # no browser header/footer
    for outcome in report_run.outcomes:  # the report's own page header and footer on every page
        pages = pypdf.PdfReader(report_run.folder / f"{outcome.name}.pdf").pages
        for number, page in enumerate(pages, start=1):
            text = page.extract_text()
            assert f"Page {number} of {len(pages)}" in text, (outcome.name, number)
            assert "Published " in text and "Data to " in text, (outcome.name, number)


@pytest.mark.slow
def test_papermill_alone_runs_notebooks_from_the_project_root(tmp_path: Path) -> None:
    """As a user would script it; without upstream data, upstream_series says so in one note."""
    paths = _project(tmp_path / "project", None)
    shutil.copytree(NOTEBOOKS, paths.root / "notebooks")
    env = {**os.environ, "ANALYSIS_ROOT": str(paths.root)}
    for name in ("ANALYSIS_PROCESSED", "ANALYSIS_NOTEBOOKS"):
        env.pop(name, None)
    papermill = Path(sys.executable).parent / "papermill"
    runs = {
        "exchanges": [
            "-p",
            "start",
            "2024-01-01",
            "-p",
            "event_types",
            "pow_exchange,civilian_return",
        ],
        "upstream_series": [],
    }
    for name, args in runs.items():
        done = subprocess.run([papermill, f"notebooks/{name}.ipynb", f"{name}-out.ipynb", *args,
                               "--no-progress-bar"], cwd=paths.root, env=env, capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
    shown = json.dumps([c.get("outputs", []) for c in
                        nbformat.read(paths.root / "exchanges-out.ipynb", as_version=4).cells])  # fmt: skip
    assert "From 1 January 2024 to " in shown
    upstream = nbformat.read(paths.root / "upstream_series-out.ipynb", as_version=4)
    outputs = [o for c in upstream.cells if c.cell_type == "code" for o in c.outputs]
    assert [o.output_type for o in outputs] == ["display_data"]
    assert (
        outputs[0]
        .data["text/markdown"]
        .startswith(
            "**No upstream data from General Staff of the Armed Forces of Ukraine and metrics "
            "personnel.** No upstream snapshot has been ingested."
        )
    )


# The runner's guarantees, on two tiny notebooks (a kernel start each).

GOOD = "import sys\nfrom analysis.reports import params\nP = params.bind('good', globals())\nprint(sys.executable, P.day)"


def _tiny(folder: Path) -> Path:
    """A notebooks folder with `good` (prints the kernel's Python) and `bad` (raises)."""
    folder.mkdir()
    for name, body in (("good", GOOD), ("bad", "raise ValueError('boom')")):
        cell = new_code_cell("day = None  # date; a day")
        cell.metadata["tags"] = ["parameters"]
        notebook = new_notebook(cells=[new_markdown_cell(f"# {name}"), cell, new_code_cell(body)])
        notebook.metadata.kernelspec = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(notebook, folder / f"{name}.ipynb")
    return folder


@pytest.fixture
def tiny(project: Paths, tmp_path: Path) -> Path:
    """An ingested project and the tiny notebooks."""
    ingest.ingest(project)
    return _tiny(tmp_path / "notebooks")


@pytest.mark.slow
def test_a_failing_notebook_is_reported_and_the_others_still_run(
    project: Paths, tiny: Path
) -> None:
    result = execute.run(
        project, AS_OF, given={"day": "2025-01-02"}, notebooks=tiny, max_age_days=0
    )
    assert result.exit_code == ExitCode.REPORT_FAILED
    status = {o.name: (o.status, o.error) for o in result.outcomes}
    assert status == {"bad": ("failed", "ValueError: boom"), "good": ("ok", None)}
    executed = nbformat.read(result.folder / "good.ipynb", as_version=4)
    printed = executed.cells[-1].outputs[0].text.split()
    assert (
        Path(printed[0]).resolve() == Path(sys.executable).resolve()
    )  # the kernel runs this Python
    assert printed[1] == "2025-01-02"  # a real date, converted by params.bind
    index = _text(result.folder / "index.html")
    assert "bad failed day = 2025-01-02" in index and "ValueError: boom" in index
    assert (result.folder / "bad.html").is_file()  # the failed report shows where it stopped


@pytest.mark.slow
def test_a_rerun_replaces_the_folder_and_latest_follows_the_newest_date(
    project: Paths, tiny: Path
) -> None:
    first = execute.run(project, AS_OF, notebooks=tiny, max_age_days=0)
    old = first.folder.resolve()
    leftover = project.reports / ".runs" / "2025-06-20-20250620T060000-1"  # a killed run's folder
    leftover.mkdir()
    again = execute.run(project, AS_OF, selected=["good"], notebooks=tiny, max_age_days=0)
    assert again.exit_code == ExitCode.OK
    assert again.folder.resolve() != old and not old.exists() and not leftover.exists()
    assert sorted(p.name for p in again.folder.iterdir()) == [
        "charts", "good.html", "good.ipynb", "index.html", "index.json"]  # fmt: skip
    execute.run(
        project, AS_OF - dt.timedelta(days=7), selected=["good"], notebooks=tiny, max_age_days=0
    )
    assert os.readlink(project.reports / "latest") == AS_OF.isoformat()
    assert len(list((project.reports / ".runs").iterdir())) == 2


def test_a_second_run_is_refused_while_one_holds_the_lock(project: Paths, tiny: Path) -> None:
    with execute.lock(project.reports), pytest.raises(LockedError) as caught:
        execute.run(project, AS_OF, notebooks=tiny, max_age_days=0)
    assert str(caught.value) == (
        f"another report run is in progress (lock {project.reports / '.lock'}); "
        "try later or use --wait"
    )
    assert caught.value.exit_code == ExitCode.LOCKED == 6
    assert not (project.reports / AS_OF.isoformat()).exists()


def test_stale_data_fails_the_run_before_any_kernel_starts(project: Paths, tiny: Path) -> None:
    with pytest.raises(StaleDataError) as caught:
        execute.run(project, dt.date(2026, 1, 1), notebooks=tiny, max_age_days=45)
    ends = tables.load("coverage", tables.processed_dir(project)).group_by("table").agg(
        pl.col("complete_to").max()
    )
    end = dict(ends.iter_rows())
    named = ", ".join(
        f"{t} (ends {end[t]}, {(dt.date(2026, 1, 1) - end[t]).days} days old)"
        for t in ("events", "claims", "totals")
    )
    assert str(caught.value) == (
        f"data is stale on 2026-01-01: {named}; the limit is 45 days "
        "(ingest newer data, raise --max-age-days, or render with --stale warn)"
    )
    assert caught.value.exit_code == ExitCode.STALE == 5
    assert not project.reports.exists() or not any(project.reports.iterdir())


def test_missing_processed_data_is_exit_8(project: Paths, tmp_path: Path) -> None:
    with pytest.raises(MissingDataError, match="run `analysis ingest` first") as caught:
        execute.run(project, AS_OF, notebooks=_tiny(tmp_path / "nb"))
    assert caught.value.exit_code == ExitCode.MISSING_DATA


@pytest.mark.slow
def test_a_killed_run_leaves_the_published_report_whole(project: Paths, tmp_path: Path) -> None:
    folder = _tiny(tmp_path / "notebooks")
    slow = nbformat.read(folder / "good.ipynb", as_version=4)
    slow.cells[-1].source = "import time\ntime.sleep(120)"
    nbformat.write(slow, folder / "slow.ipynb")
    ingest.ingest(project)
    first = execute.run(project, AS_OF, selected=["good"], notebooks=folder, max_age_days=0)
    published = first.folder.resolve()
    env = {**os.environ, "ANALYSIS_NOTEBOOKS": str(folder)}
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", "slow", "--as-of", AS_OF.isoformat(),
         "--max-age-days", "0"], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    runs = project.reports / ".runs"
    deadline = time.monotonic() + 60
    while not any(runs.glob("*/slow.ipynb")) and time.monotonic() < deadline:  # the kernel runs
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert len(list(runs.iterdir())) == 2  # the killed run's folder stays aside, unpublished
    assert first.folder.resolve() == published
    assert json.loads((first.folder / "index.json").read_text())["reports"][0]["name"] == "good"
    again = execute.run(project, AS_OF, selected=["good"], notebooks=folder, max_age_days=0)
    assert [p.name for p in runs.iterdir()] == [again.folder.resolve().name]  # leftovers pruned


def test_help_states_the_staleness_default(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(["report", "--help"], capsys)
    assert ran.code == 0
    text = re.sub(r"[\s│]+", " ", ran.out)
    assert f"[default: ({config.DEFAULT_MAX_AGE_DAYS})]" in text
