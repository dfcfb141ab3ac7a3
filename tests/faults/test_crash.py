"""Crash consistency: an ingest killed (SIGKILL) at 20 points leaves a complete old or new version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import ingest as ingest_mod
from analysis import tables
from analysis.config import Paths
from analysis.ingest import freshness

SCRIPT = Path(__file__).with_name("crash_ingest.py")


def _run(kill_at: int, root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(kill_at)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_sigkill_at_twenty_points_leaves_old_or_new(project: Paths) -> None:
    ingest_mod.ingest(project)
    total = int(_run(10**9, project.root).stdout.strip())
    assert total >= 20
    points = sorted({1 + (i * (total - 1)) // 19 for i in range(20)})
    assert len(points) == 20
    totals_csv = project.ledger / "totals.csv"
    for n, point in enumerate(points):
        old = tables.verify(project.processed.resolve())["fingerprint"]
        totals_csv.write_text(
            totals_csv.read_text()
            + f"T9{n:03d},2025-06-01,returned_to_ukraine,{6000 + n},,exact,X,https://e.org/{n},\n"
        )
        new = freshness.combine(freshness.unchanged(project)[1])
        done = _run(point, project.root)
        assert done.returncode == -9, (point, done.stderr[-500:])
        found = tables.verify(project.processed.resolve())["fingerprint"]
        assert found in (old, new), point
    rows_before = tables.load("totals").height
    result = ingest_mod.ingest(project)
    assert tables.verify()["fingerprint"] == result.fingerprint
    assert tables.load("totals")["total_id"].str.starts_with("T9").sum() == 20
    assert tables.load("totals").height >= rows_before
    leftovers = [p.name for p in project.versions.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []
