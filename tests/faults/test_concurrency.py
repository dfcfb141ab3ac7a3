"""Two ingests at once: the second exits with a clear message, or waits with --wait."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from analysis import ingest as ingest_mod
from analysis.config import Paths
from analysis.errors import ExitCode


def _start(project: Paths, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ANALYSIS_ROOT": str(project.root)}
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", "ingest", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_second_ingest_exits_with_lock_message(project: Paths) -> None:
    with ingest_mod.lock(project):
        proc = _start(project)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.LOCKED
    assert err.strip().startswith("error: another ingest is running (lock ")
    assert err.strip().endswith("try again or use --wait")
    assert not project.processed.exists()


def test_second_ingest_waits_with_wait(project: Paths) -> None:
    with ingest_mod.lock(project):
        proc = _start(project, "--wait")
        time.sleep(2.0)
        assert proc.poll() is None  # still waiting for the lock
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "0 rows quarantined" in out
    assert (project.processed / "manifest.json").is_file()
