"""`analysis report`: run the notebooks with papermill, render HTML (and PDF), write the report index.

A run validates every parameter before any kernel starts, checks the data is fresh enough, builds
reports/.runs/<as_of>-<stamp>/ under a lock, then points the reports/<as_of> link at it with one
rename (and reports/latest at the newest as_of), so readers see a complete old or a complete new
report even if a run is killed. Every notebook reads the same processed version: the runner
resolves data/processed once and hands the version folder to the kernels in $ANALYSIS_PROCESSED.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import polars as pl

from analysis import params, tables
from analysis.errors import AnalysisError, ExitCode
from analysis.files import exclusive_lock, fsync_dir, fsync_tree, safe_name
from analysis.paths import PACKAGE_DIR, Paths
from analysis.report_index import write_index

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

DEFAULT_MAX_AGE_DAYS = 45  # the staleness guard: newest data at most this many days before as_of
PERIODS = ("week", "month")
KERNEL = "python3"
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]  # no start-up warnings on the run's stderr
TEMPLATES = PACKAGE_DIR / "templates"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DATE_COLUMNS = {"events": "date", "claims": "claim_date", "totals": "as_of", "series": "date"}
PDF_TIMEOUT_S = 120
CHART_PACK = "charts/chart-pack.pdf"
READ_LOG = ".reads.jsonl"  # in the run folder while the notebooks run: what each one read
Progress = Callable[[str], None]


class StaleDataError(AnalysisError):
    """The newest processed data is older than the staleness guard allows."""

    exit_code = ExitCode.STALE


@dataclass(frozen=True)
class Job:
    """One notebook to run: its file and the validated values to inject."""

    name: str
    path: Path
    values: dict[str, object]
    spec: dict[str, params.Param]

    @property
    def effective(self) -> dict[str, object]:
        """Every parameter's value in this run: injected values over the defaults."""
        return {key: self.values.get(key, p.default) for key, p in self.spec.items()}


@dataclass
class Outcome:
    """What running one notebook produced."""

    name: str
    parameters: dict[str, object]
    status: str = "ok"  # ok or failed
    error: str | None = None
    seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)  # kind (ipynb, html, pdf) -> file name
    data: list[str] = field(default_factory=list)  # fingerprints of the data versions it read


@dataclass
class RunResult:
    """A finished run: where it is, what each notebook did, the data it read."""

    as_of: dt.date
    period: str
    folder: Path
    outcomes: list[Outcome]
    fingerprint: str
    newest_data: dict[str, dt.date | None]
    seconds: float
    notes: list[str] = field(default_factory=list)
    chart_pack: str | None = None  # path relative to the run folder
    chart_pack_error: str | None = None

    @property
    def exit_code(self) -> ExitCode:
        """REPORT_FAILED when any notebook or the chart pack failed, else OK."""
        failed = any(o.status != "ok" for o in self.outcomes) or self.chart_pack_error
        return ExitCode.REPORT_FAILED if failed else ExitCode.OK


def available(folder: Path) -> dict[str, Path]:
    """The notebooks in `folder` by name, sorted."""
    return {p.stem: p for p in sorted(folder.glob("*.ipynb"))}


def parse_assignments(items: list[str]) -> dict[str, str]:
    """NAME=VALUE strings (from -p) as a dict; a malformed one is a one-line error."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise params.ParameterError(f"-p {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def plan(
    notebooks: dict[str, Path],
    selected: list[str],
    given: dict[str, object],
    run_values: dict[str, object],
) -> list[Job]:
    """Validate every parameter of every selected notebook before anything runs.

    `given` (-p values) must be declared by at least one selected notebook and go to those that
    declare them; `run_values` (as_of, period, output_dir) go to the notebooks that declare them.
    """
    for name in selected:
        try:
            safe_name(name, "notebook name")
        except ValueError as exc:
            raise params.ParameterError(str(exc)) from None
    unknown = [name for name in selected if name not in notebooks]
    if unknown:
        raise params.ParameterError(
            f"unknown notebook {unknown[0]!r} (notebooks: {', '.join(notebooks)})"
        )
    specs = {name: params.read_spec(notebooks[name]) for name in selected or notebooks}
    for key in given:
        if not any(key in spec for spec in specs.values()):
            declared = sorted({p for spec in specs.values() for p in spec})
            raise params.ParameterError(
                f"unknown parameter {key!r}: no selected notebook declares it "
                f"(parameters: {', '.join(declared)})"
            )
    jobs = []
    for name, spec in specs.items():
        values = {k: v for k, v in {**run_values, **given}.items() if k in spec}
        jobs.append(Job(name, notebooks[name], params.validate(name, spec, values), spec))
    return jobs


def newest_dates(folder: Path) -> dict[str, dt.date | None]:
    """The newest date of each dated processed table."""
    newest: dict[str, dt.date | None] = {}
    for name, column in DATE_COLUMNS.items():
        newest[name] = pl.read_parquet(folder / f"{name}.parquet", columns=[column], glob=False)[column].max()
    return newest


def check_fresh(newest: dict[str, dt.date | None], as_of: dt.date, max_age_days: int) -> None:
    """Raise StaleDataError when the newest data is more than `max_age_days` before as_of (0: off)."""
    if max_age_days <= 0:
        return
    dates = [d for d in newest.values() if d is not None]
    latest = max(dates) if dates else None
    if latest is None or (as_of - latest).days > max_age_days:
        age = (
            f"from {latest} ({(as_of - latest).days} days before {as_of})" if latest else "missing"
        )
        raise StaleDataError(
            f"data is stale: the newest processed data is {age}; the limit is {max_age_days} days "
            "(ingest newer data, or set --max-age-days)"
        )


def lock(reports: Path, wait: bool = False) -> AbstractContextManager[None]:
    """Hold reports/.lock; raise LockedError when another run holds it (or wait for it)."""
    return exclusive_lock(
        reports / ".lock", wait, "another report run is in progress", "try later or use --wait"
    )


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the kernels started inside, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def output_markdown(source: str) -> str:
    """A notebook output's Markdown as HTML, any raw HTML in it shown as text and never run:
    outputs carry text from the data (claimants, mediators, titles, notes)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    return MarkdownWithMath(renderer=IPythonRenderer(escape=True)).render(source)


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter without code cells, prompts or any script from another host;
    Markdown outputs are rendered with raw HTML escaped (the template's data_markdown block)."""
    from nbconvert import HTMLExporter  # imported here: nbconvert takes seconds to import

    return HTMLExporter(
        filters={"output_markdown": output_markdown},
        template_name="lab",
        template_file=str(TEMPLATES / "report.html.j2"),
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def render_html(executed: Path, target: Path) -> None:
    """Render an executed notebook to a self-contained HTML report."""
    notebook = nbformat.read(executed, as_version=4)
    body, _ = html_exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": executed.stem}}
    )
    target.write_text(body, encoding="utf-8")


def find_chromium() -> str | None:
    """A headless-capable Chromium: $ANALYSIS_CHROMIUM or the first on PATH; None when none."""
    if env := os.environ.get("ANALYSIS_CHROMIUM"):
        return env if shutil.which(env) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def chromium_flags(profile: Path) -> list[str]:
    """Flags for a quiet headless Chromium that talks to no other host by itself."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        f"--user-data-dir={profile}",
    ]


def print_pdf(chromium: str, html: Path, pdf: Path) -> None:
    """Print an HTML report to PDF with headless Chromium, without header and footer."""
    with tempfile.TemporaryDirectory(prefix="analysis-chromium-") as profile:
        command = [chromium, *chromium_flags(Path(profile)), "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", html.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT_S)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AnalysisError(f"{html.name}: Chromium did not write a PDF ({last})")


def _first_line(exc: BaseException) -> str:
    """A one-line description of a notebook failure."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return (f"{exc.ename}: {exc.evalue}".splitlines() or [""])[0]
    return (f"{type(exc).__name__}: {exc}".splitlines() or [""])[0]


def run_job(job: Job, folder: Path, cwd: Path, chromium: str | None) -> Outcome:
    """Execute one notebook, keep the executed copy, render HTML (and PDF); never raises."""
    import papermill  # imported here: papermill takes seconds to import

    outcome = Outcome(job.name, job.effective)
    executed = folder / f"{job.name}.ipynb"
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            job.path,
            executed,
            parameters={k: params.injectable(v) for k, v in job.values.items()},
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            extra_arguments=KERNEL_ARGS,
        )
    except Exception as exc:  # a failing notebook is reported, not raised: the others go on
        outcome.status, outcome.error = "failed", _first_line(exc)
    if executed.is_file():
        outcome.files["ipynb"] = executed.name
        render_html(executed, folder / f"{job.name}.html")
        outcome.files["html"] = f"{job.name}.html"
        if chromium:
            try:
                print_pdf(chromium, folder / f"{job.name}.html", folder / f"{job.name}.pdf")
                outcome.files["pdf"] = f"{job.name}.pdf"
            except (AnalysisError, subprocess.TimeoutExpired) as exc:
                outcome.status, outcome.error = "failed", outcome.error or _first_line(exc)
    outcome.seconds = round(time.perf_counter() - start, 1)
    return outcome


def write_chart_pack(processed: Path, folder: Path, as_of: dt.date) -> str:
    """The standard charts up to as_of in one PDF (charts/chart-pack.pdf); returns its path."""
    from analysis.charts import chart_pack
    from analysis.charts.standard import standard_charts

    charts = standard_charts(tables.load_all(processed), end=as_of)
    if not charts:
        raise AnalysisError(f"no chart has data up to {as_of}")
    title = f"War toll chart pack, as of {as_of:%-d %B %Y}"
    chart_pack(list(charts.values()), folder / CHART_PACK, title=title, as_of=as_of)
    return CHART_PACK


def publish(reports: Path, as_of: dt.date, folder: Path) -> None:
    """Point reports/<as_of> at `folder` with one rename; reports/latest at the newest as_of."""
    link = reports / as_of.isoformat()
    if link.exists() and not link.is_symlink():  # a plain folder (copied in by hand): keep it aside
        link.rename(folder.parent / f"{as_of.isoformat()}-replaced-{time.time_ns()}")
    _swap_link(link, os.path.relpath(folder, reports))
    dated = sorted(p.name for p in reports.iterdir() if p.is_symlink() and _is_date(p.name))
    _swap_link(reports / "latest", dated[-1])
    fsync_dir(reports)


def _is_date(name: str) -> bool:
    """True for an ISO date."""
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def _swap_link(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` atomically (a temporary link renamed over it)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, link)


def prune(reports: Path) -> None:
    """Delete run folders no link points at (replaced runs and leftovers of killed runs), and
    temporary links a killed run left (they would keep a run folder alive)."""
    for tmp in reports.glob(".*.tmp-*"):
        tmp.unlink(missing_ok=True)
    runs = reports / ".runs"
    used = {p.resolve() for p in reports.iterdir() if p.is_symlink()}
    for entry in runs.iterdir():
        if entry.resolve() in used:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def output_folder(out: Path) -> Path:
    """The reports folder, resolved once (links inside are relative to it); refused if a file."""
    if out.exists() and not out.is_dir():
        raise params.ParameterError(f"--out {str(out)!r} is not a folder")
    return out.resolve()


def record_reads(folder: Path, outcomes: list[Outcome], fingerprint: str) -> None:
    """Put the data versions each notebook read (from the read log) into its outcome; a notebook
    that read another version than the run's fails."""
    log = folder / READ_LOG
    entries = [json.loads(line) for line in log.read_text().splitlines()] if log.is_file() else []
    log.unlink(missing_ok=True)
    for outcome in outcomes:
        outcome.data = sorted(
            {str(e["fingerprint"]) for e in entries if e["notebook"] == outcome.name}
        )
        other = [f for f in outcome.data if f != fingerprint]
        if other and outcome.status == "ok":
            outcome.status = "failed"
            outcome.error = f"read data version {other[0]}, not the run's {fingerprint}"


def build(
    paths: Paths, planned: list[Job], folder: Path, processed: Path, as_of: dt.date,
    env: dict[str, str], workers: int, chromium: str | None,
) -> tuple[list[Outcome], str | None, str | None]:  # fmt: skip
    """Run the jobs into `folder` on the `processed` version; (outcomes, chart pack, its error)."""
    (folder / "charts").mkdir(parents=True)
    env = {**env, "ANALYSIS_PROCESSED": str(processed), tables.READ_LOG: str(folder / READ_LOG)}
    with environment(**env), ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(lambda j: run_job(j, folder, paths.root, chromium), planned))
    try:
        return outcomes, write_chart_pack(processed, folder, as_of), None
    except Exception as exc:  # reported in the index and the exit code, like a notebook
        return outcomes, None, f"chart pack: {_first_line(exc)}"


def run(
    paths: Paths,
    as_of: dt.date,
    period: str = "week",
    selected: list[str] | None = None,
    given: dict[str, object] | None = None,
    out: Path | None = None,
    jobs: int | None = None,
    pdf: bool = False,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    wait: bool = False,
    notebooks: Path | None = None,
    progress: Progress = lambda _: None,
) -> RunResult:
    """Run the selected notebooks (default all) for `as_of` and publish reports/<as_of>/."""
    started = time.perf_counter()
    notebooks = notebooks or params.notebook_dir()
    reports = output_folder(out or paths.reports)
    if period not in PERIODS:
        raise params.ParameterError(f"--period {period!r} is not one of {', '.join(PERIODS)}")
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    folder = reports / ".runs" / f"{as_of.isoformat()}-{stamp}-{os.getpid()}"
    run_values = {"as_of": as_of, "period": period, "output_dir": str(folder / "charts")}
    planned = plan(available(notebooks), selected or [], given or {}, run_values)
    # Resolved once and held: every notebook reads this version, and ingest does not prune it.
    with tables.pinned(paths) as processed:
        newest = newest_dates(processed)
        check_fresh(newest, as_of, max_age_days)
        chromium = find_chromium() if pdf else None
        notes = (
            ["--pdf: no Chromium found (install `chromium`), so no PDF reports"]
            if pdf and not chromium
            else []
        )
        fingerprint = str(tables.manifest(processed).get("fingerprint", ""))
        with lock(reports, wait=wait):
            env = {"ANALYSIS_NOTEBOOKS": str(notebooks.resolve()),
                   "ANALYSIS_ROOT": str(paths.root.resolve())}  # fmt: skip
            workers = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
            progress(
                f"running {len(planned)} notebook(s), {workers} at a time, on data {processed.name}"
            )
            outcomes, pack, pack_error = build(
                paths, planned, folder, processed, as_of, env, workers, chromium
            )
            record_reads(folder, outcomes, fingerprint)
            result = RunResult(as_of, period, folder, outcomes, fingerprint, newest, 0.0, notes,
                               pack, pack_error)  # fmt: skip
            if pack_error:
                result.notes.append(pack_error)
            result.seconds = round(time.perf_counter() - started, 1)
            write_index(folder, result)
            fsync_tree(folder)
            publish(reports, as_of, folder)
            prune(reports)
    result.folder = reports / as_of.isoformat()
    return result
