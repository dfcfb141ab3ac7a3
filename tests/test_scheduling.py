"""The scheduling recipe in docs/scheduling.md, run as written: with a fetch that fails (no
network: every download goes to a closed port on 127.0.0.1), every step is logged, nothing
half-made is left in data/raw/upstream, and the ingest still works."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import Paths
from analysis.ingest import fetch
from analysis.ingest.adapters.registry import UPSTREAMS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "scheduling.md"
OFFLINE = {"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "no_proxy": "", "NO_PROXY": ""}  # fmt: skip


def _cron_command(root: Path) -> str:
    """The cron line of the docs, its command part, for this checkout and this virtualenv."""
    block = re.search(r"```cron\n(.*?)```", DOCS.read_text(), flags=re.S).group(1)
    line = next(x for x in block.splitlines() if x.strip() and not x.startswith("#"))
    command = line.split(None, 5)[5]
    analysis = str(Path(sys.executable).parent / "analysis")
    return command.replace("/srv/war-toll", str(root)).replace(".venv/bin/analysis", analysis)


@pytest.mark.slow
def test_the_cron_recipe_logs_every_step_and_survives_a_failed_fetch(project: Paths) -> None:
    done = subprocess.run(["bash", "-c", _cron_command(project.root)], env={**os.environ, **OFFLINE},
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0 and done.stdout == done.stderr == ""  # everything went to the log
    log = (project.reports / "cron.log").read_text()
    assert log.startswith("== weekly run ")
    assert re.search(r"error: .*cannot download .*are you offline\?", log)
    assert "== fetch exit 1" in log
    assert "ingested into" in log  # the ingest ran, on what was there
    assert "error: data is stale" in log and log.rstrip().endswith("== ingest/report exit 5")
    assert sorted(os.listdir(project.upstream)) == []  # no empty source folder left behind
    again = subprocess.run([Path(sys.executable).parent / "analysis", "ingest"],
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr


def test_a_failed_fetch_keeps_the_previous_snapshot_and_makes_nothing(tmp_path: Path) -> None:
    source = dataclasses.replace(next(iter(UPSTREAMS.values())),
                                 raw_urls=("https://127.0.0.1:9/a.csv",))  # fmt: skip
    limits = fetch.Limits(timeout=1.0, total_seconds=5.0)
    with pytest.raises(fetch.FetchError):
        fetch.fetch_source(source, tmp_path, limits)
    assert list(tmp_path.iterdir()) == []  # no empty source folder
    previous = tmp_path / source.id / "2026-01-01"
    previous.mkdir(parents=True)
    (previous / "a.csv").write_text("kept\n")
    with pytest.raises(fetch.FetchError):
        fetch.fetch_source(source, tmp_path, limits)
    assert sorted(p.name for p in (tmp_path / source.id).iterdir()) == ["2026-01-01"]
    assert (previous / "a.csv").read_text() == "kept\n"
