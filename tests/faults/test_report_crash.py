"""Crash consistency of `analysis report`: a run killed (SIGKILL) at 20 points leaves
reports/<as_of> the complete old or the complete new run, and the next run cleans up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import ingest
from analysis.config import Paths

SCRIPT = Path(__file__).with_name("crash_report.py")
AS_OF = "2025-06-20"


def _run(kill_at: int, tag: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    return subprocess.run([sys.executable, str(SCRIPT), str(kill_at), tag], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def _published_tag(reports: Path) -> str:
    """The tag of the run reports/<as_of> shows, after checking it is complete."""
    folder = reports / AS_OF
    assert os.readlink(reports / "latest") == AS_OF and (reports / "latest").resolve() == (
        folder.resolve()
    )
    facts = json.loads((folder / "index.json").read_text())
    assert [r["name"] for r in facts["reports"]] == ["brief", "explore"]
    assert (folder / "index.html").is_file()
    files = [facts["chart_pack"], *(f for r in facts["reports"] for f in r["files"].values())]
    tags = {(folder / f).read_text() for f in files}
    assert len(files) == 5 and len(tags) == 1, tags  # every file there, all from one run
    return tags.pop().strip()


@pytest.mark.slow
def test_sigkill_at_twenty_points_leaves_old_or_new(project: Paths) -> None:
    ingest.ingest(project)
    total = int(_run(10**9, "first", project.root).stdout.strip())
    assert total >= 20
    points = sorted({1 + (i * (total - 1)) // 19 for i in range(20)})
    assert len(points) == 20
    published = _published_tag(project.reports)
    assert published == "first"
    seen = set()
    for point in points:
        tag = f"kill-{point}"
        done = _run(point, tag, project.root)
        assert done.returncode == -9, (point, done.stderr[-500:])
        found = _published_tag(project.reports)
        assert found in (published, tag), point
        seen.add(found == tag)
        published = found
    assert seen == {True, False}  # some kills came before the publishing rename, some after
    done = _run(10**9, "last", project.root)
    assert done.returncode == 0, done.stderr[-500:]
    assert _published_tag(project.reports) == "last"
    runs = project.reports / ".runs"
    assert [p.name for p in runs.iterdir()] == [(project.reports / AS_OF).resolve().name]
    hidden = sorted(p.name for p in project.reports.iterdir() if p.name.startswith("."))
    assert hidden == [".analysis-report", ".lock", ".runs"]  # the marker; no temporary link left
