"""Run a planned report: every notebook on one pinned data version, in parallel, under a lock.

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
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import polars as pl

from analysis import config, tables
from analysis.config import Paths
from analysis.errors import AnalysisError
from analysis.files import exclusive_lock, fsync_tree
from analysis.reports import params, plan, publish, render, staleness
from analysis.reports.index import write_index
from analysis.reports.model import Job, Outcome, Progress, RunResult
from analysis.wording import published_on

KERNEL = "python3"
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]  # no start-up warnings on the run's stderr
CHART_PACK = "charts/chart-pack.pdf"
READ_LOG = ".reads.jsonl"  # in the run folder while the notebooks run: what each one read


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


def kernel_arguments(name: str) -> list[str]:
    """The kernel's command-line options: quiet, and $ANALYSIS_NOTEBOOK set to the notebook's
    (safe, checked) name in that kernel only, so its table reads are attributed to it."""
    setter = f"import os; os.environ[{params.NOTEBOOK!r}] = {name!r}"
    return [*KERNEL_ARGS, f"--IPKernelApp.exec_lines={[setter]!r}"]


def _first_line(exc: BaseException) -> str:
    """A one-line description of a notebook failure."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return (f"{exc.ename}: {exc.evalue}".splitlines() or [""])[0]
    return (f"{type(exc).__name__}: {exc}".splitlines() or [""])[0]


def _render(
    outcome: Outcome,
    executed: Path,
    folder: Path,
    chromium: str | None,
    imprint: render.Imprint | None,
) -> None:
    """HTML (and PDF) of an executed notebook, recorded in its outcome."""
    outcome.files["ipynb"] = executed.name
    html = folder / f"{outcome.name}.html"
    render.render_html(executed, html, imprint)
    outcome.files["html"] = html.name
    if chromium:
        try:
            render.print_pdf(chromium, html, folder / f"{outcome.name}.pdf")
            outcome.files["pdf"] = f"{outcome.name}.pdf"
        except (AnalysisError, subprocess.TimeoutExpired) as exc:
            outcome.status, outcome.error = "failed", outcome.error or _first_line(exc)


def run_job(
    job: Job, folder: Path, cwd: Path, chromium: str | None, imprint: render.Imprint | None = None
) -> Outcome:
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
            extra_arguments=kernel_arguments(job.name),
        )
    except Exception as exc:  # a failing notebook is reported, not raised: the others go on
        outcome.status, outcome.error = "failed", _first_line(exc)
    if executed.is_file():
        staleness.add_banner(executed, job.banner)
        _render(outcome, executed, folder, chromium, imprint)
    outcome.seconds = round(time.perf_counter() - start, 1)
    return outcome


def write_chart_pack(processed: Path, folder: Path, as_of: dt.date) -> str:
    """The standard charts up to as_of in one PDF (charts/chart-pack.pdf); returns its path."""
    from analysis.charts import chart_pack
    from analysis.charts.standard import standard_charts

    charts = standard_charts(tables.load_all(processed), end=as_of, published_on=as_of)
    if not charts:
        raise AnalysisError(f"no chart has data up to {as_of}")
    title = f"War toll chart pack. {published_on(as_of)}"
    chart_pack(list(charts.values()), folder / CHART_PACK, title=title, as_of=as_of)
    return CHART_PACK


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


def imprint(processed: Path, job: Job, as_of: dt.date) -> render.Imprint:
    """A report's footer facts: the data version (its number, else the checksum's start), the data's
    end as the brief and the charts state it (the ledger's when the report reads events, else the
    newest end among the tables it reads), and the report date as the publication date."""
    from analysis.series import coverage

    facts = tables.manifest(processed)
    version = str(facts.get("data_version") or str(facts.get("fingerprint", ""))[:12] or "unknown")
    read = staleness.declared(job.path)
    frame = pl.read_parquet(processed / "coverage.parquet", glob=False)
    ends = [e for t in read if (e := coverage.data_end(frame, t)) is not None]
    end = coverage.data_end(frame, "events") if "events" in read else max(ends, default=None)
    return render.Imprint(version, end, as_of)


def build(
    paths: Paths, planned: list[Job], folder: Path, processed: Path, as_of: dt.date,
    env: dict[str, str], workers: int, chromium: str | None,
) -> tuple[list[Outcome], str | None, str | None]:  # fmt: skip
    """Run the jobs into `folder` on the `processed` version; (outcomes, chart pack, its error)."""
    (folder / "charts").mkdir(parents=True)
    env = {**env, config.PROCESSED: str(processed), tables.READ_LOG: str(folder / READ_LOG),
           config.REPORTS: str(folder.parent.parent)}  # the brief finds the previous brief there  # fmt: skip
    facts = {job.name: imprint(processed, job, as_of) for job in planned}
    with environment(**env), ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(
            lambda j: run_job(j, folder, paths.root, chromium, facts[j.name]), planned
        ))  # fmt: skip
    try:
        return outcomes, write_chart_pack(processed, folder, as_of), None
    except Exception as exc:  # reported in the index and the exit code, like a notebook
        return outcomes, None, f"chart pack: {_first_line(exc)}"


def _finish(reports: Path, result: RunResult, started: float) -> None:
    """Write the index, make the run folder durable, publish it and prune what nothing uses."""
    if result.chart_pack_error:
        result.notes.append(result.chart_pack_error)
    result.seconds = round(time.perf_counter() - started, 1)
    write_index(result.folder, result)
    fsync_tree(result.folder)
    publish.mark(reports)
    publish.publish(reports, result.as_of, result.folder)
    publish.prune(reports)


def run(
    paths: Paths,
    as_of: dt.date,
    period: str = "week",
    selected: list[str] | None = None,
    given: dict[str, object] | None = None,
    out: Path | None = None,
    jobs: int | None = None,
    pdf: bool = False,
    max_age_days: int = config.DEFAULT_MAX_AGE_DAYS,
    wait: bool = False,
    notebooks: Path | None = None,
    progress: Progress = lambda _: None,
    stale: str = "fail",
) -> RunResult:
    """Run the selected notebooks (default all) for `as_of` and publish reports/<as_of>/;
    `stale` "fail" stops on a table older than `max_age_days`, "warn" shows banners instead."""
    started = time.perf_counter()
    notebooks = notebooks or params.notebook_dir()
    reports = plan.output_folder(out or paths.reports)
    publish.check_owned(reports, as_of)
    plan.check_period(period)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    folder = reports / ".runs" / f"{as_of.isoformat()}-{stamp}-{os.getpid()}"
    run_values = {"as_of": as_of, "period": period, "output_dir": str(folder / "charts"),
                  "max_age_days": max_age_days}  # fmt: skip
    planned = plan.plan(plan.available(notebooks), selected or [], given or {}, run_values)
    # Resolved once and held: every notebook reads this version, and ingest does not prune it.
    with tables.pinned(paths) as processed:
        plan.check_existing(planned, processed)
        newest = plan.newest_dates(processed)
        found = staleness.check(processed, planned, as_of, max_age_days, stale)
        planned = staleness.with_banners(planned, found)
        chromium = render.find_chromium() if pdf else None
        notes = [found.banner().replace("**", "")] if found.stale else []
        notes += ["--pdf: no Chromium found (install `chromium`), so no PDF reports"] if pdf and not chromium else []  # fmt: skip
        fingerprint = str(tables.manifest(processed).get("fingerprint", ""))
        with lock(reports, wait=wait):
            env = {
                config.NOTEBOOKS: str(notebooks.resolve()),
                config.ROOT: str(paths.root.resolve()),
            }
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
            _finish(reports, result, started)
    result.folder = reports / as_of.isoformat()
    return result
