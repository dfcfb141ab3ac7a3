"""Notebook, chart and output names of a report run cannot escape the output folder."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

import charts_frames as frames
from analysis import charts, ingest
from analysis.config import Paths
from analysis.errors import ParameterError
from analysis.reports import execute, model, page, plan
from cli_runner import run

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
AS_OF = dt.date(2025, 6, 20)
BAD = ["../x", "/etc/passwd", "a\x00b", "..", "brief/../../x"]


@pytest.mark.parametrize("name", BAD)
def test_escaping_notebook_names_are_refused(name: str) -> None:
    with pytest.raises(ParameterError) as caught:
        plan.plan(plan.available(NOTEBOOKS), [name], {}, {})
    assert str(caught.value) == (
        f"notebook name {name!r} is not allowed: use letters, digits, '_', '-' and '.', "
        "no path separators, no '..', at most 128 characters"
    )


def test_the_command_refuses_them_in_one_line(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["report", "../../etc/passwd"], capsys)
    assert code == 2
    assert err.startswith("error: notebook name '../../etc/passwd' is not allowed: ")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("name", ["../outside", "/tmp/abs", "a\x00b", "sub/x"])
def test_chart_names_cannot_leave_the_output_folder(name: str, tmp_path: Path) -> None:
    out = tmp_path / "run" / "charts"
    out.mkdir(parents=True)
    figure = charts.per_period(frames.per_period(), sources=["X"])
    with pytest.raises(ValueError, match=r"^chart name .* is not allowed"):
        page.chart(figure, name, out)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def _stub_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs that write their files without a kernel (the paths are under test, not notebooks)."""

    def job(job: model.Job, folder: Path, cwd: Path, chromium: str | None, imprint: object = None) -> model.Outcome:
        (folder / f"{job.name}.html").write_text("ok")
        return model.Outcome(job.name, job.effective, files={"html": f"{job.name}.html"})

    monkeypatch.setattr(execute, "run_job", job)
    monkeypatch.setattr(execute, "write_chart_pack", lambda *_: None)


def test_out_through_a_symlink_publishes_links_that_resolve(
    project: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest.ingest(project)
    _stub_jobs(monkeypatch)
    real = tmp_path / "disk" / "deep" / "reports"
    real.mkdir(parents=True)
    (tmp_path / "short").symlink_to(real)
    result = execute.run(project, AS_OF, selected=["explore"], out=tmp_path / "short",
                         notebooks=NOTEBOOKS, max_age_days=0)  # fmt: skip
    for link in (real / AS_OF.isoformat(), real / "latest"):
        assert (link / "explore.html").read_text() == "ok", os.readlink(link)
    assert (real / AS_OF.isoformat()).resolve().parent == real / ".runs"
    assert json.loads((result.folder / "index.json").read_text())["reports"][0]["name"] == "explore"


def test_out_that_is_a_file_is_refused(project: Paths, tmp_path: Path) -> None:
    ingest.ingest(project)
    target = tmp_path / "file.txt"
    target.write_text("keep")
    with pytest.raises(ParameterError, match=rf"^--out '{target}' is not a folder$"):
        execute.run(project, AS_OF, selected=["explore"], out=target, notebooks=NOTEBOOKS)
    assert target.read_text() == "keep"
