"""Versioned reads: every notebook of a report run reads the one processed version the run pinned,
even when an ingest publishes a new version meanwhile; ingest never prunes a pinned version."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import ingest, tables
from analysis.config import Paths
from analysis.reports import execute, model

AS_OF = dt.date(2025, 6, 20)
READ = (
    "import analysis\nfrom analysis import tables\nfrom analysis.reports import params\n"
    "P = params.bind('{name}', globals())\n{wait}"
    "data = analysis.load_all()\nprint(tables.manifest(tables.processed_dir())['fingerprint'])"
)
WAIT = (
    "import time\nfrom pathlib import Path\nwhile not Path({go!r}).exists():\n    time.sleep(0.1)\n"
)


def _notebooks(folder: Path, go: Path) -> Path:
    """`early` reads the data at once; `late` waits for the file `go`, then reads it."""
    folder.mkdir()
    for name, wait in (("early", ""), ("late", WAIT.format(go=str(go)))):
        cell = new_code_cell("day = None  # date; a day")
        cell.metadata["tags"] = ["parameters"]
        body = new_code_cell(READ.format(name=name, wait=wait))
        notebook = new_notebook(cells=[cell, body])
        notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}  # fmt: skip
        nbformat.write(notebook, folder / f"{name}.ipynb")
    return folder


def _add_total(project: Paths, n: int) -> None:
    """Change the ledger: one more published total."""
    path = project.ledger / "totals.csv"
    path.write_text(path.read_text() + f"T8{n:03d},2025-06-0{n % 9 + 1},returned_to_ukraine,"
                    f"{7000 + n},,exact,X,https://e.org/v{n},\n")  # fmt: skip


@pytest.mark.slow
def test_an_ingest_during_a_run_does_not_mix_versions(project: Paths, tmp_path: Path) -> None:
    ingest.ingest(project)
    old = tables.manifest(tables.processed_dir(project))["fingerprint"]
    go = tmp_path / "go"
    folder = _notebooks(tmp_path / "notebooks", go)
    done: dict[str, model.RunResult] = {}
    runner = threading.Thread(target=lambda: done.setdefault("run", execute.run(
        project, AS_OF, notebooks=folder, max_age_days=0, jobs=2)))  # fmt: skip
    runner.start()
    deadline = time.monotonic() + 60
    while not any('"early"' in p.read_text() for p in project.reports.glob(".runs/*/.reads.jsonl")):
        assert time.monotonic() < deadline, "the early notebook never read the data"
        time.sleep(0.1)
    _add_total(project, 1)
    new = ingest.ingest(project).fingerprint  # published while `late` is still waiting
    assert tables.manifest(tables.processed_dir(project))["fingerprint"] == new != old
    go.touch()
    runner.join(timeout=120)
    result = done["run"]
    assert result.exit_code == 0, [o.error for o in result.outcomes]
    assert {o.name: o.data for o in result.outcomes} == {"early": [old], "late": [old]}
    facts = json.loads((result.folder / "index.json").read_text())
    assert facts["fingerprint"] == old
    assert {r["name"]: r["data"] for r in facts["reports"]} == {"early": [old], "late": [old]}
    for name in ("early", "late"):  # what the kernels printed agrees with the read log
        executed = nbformat.read(result.folder / f"{name}.ipynb", as_version=4)
        assert executed.cells[-1].outputs[0].text.strip() == old
    assert not (result.folder / execute.READ_LOG).exists()


def test_a_notebook_reading_another_version_fails_the_run(tmp_path: Path) -> None:
    lines = [{"notebook": "a", "folder": "/v1", "fingerprint": "v1"},
             {"notebook": "b", "folder": "/v1", "fingerprint": "v1"},
             {"notebook": "b", "folder": "/v2", "fingerprint": "v2"}]  # fmt: skip
    (tmp_path / execute.READ_LOG).write_text("".join(json.dumps(e) + "\n" for e in lines))
    outcomes = [model.Outcome("a", {}), model.Outcome("b", {}), model.Outcome("c", {})]
    execute.record_reads(tmp_path, outcomes, "v1")
    assert [(o.status, o.error, o.data) for o in outcomes] == [
        ("ok", None, ["v1"]),
        ("failed", "read data version v2, not the run's v1", ["v1", "v2"]),
        ("ok", None, []),
    ]
    assert not (tmp_path / execute.READ_LOG).exists()


def test_ingest_does_not_prune_a_version_a_report_holds(project: Paths) -> None:
    ingest.ingest(project)
    with tables.pinned(project) as held:
        for n in range(ingest.KEEP_VERSIONS + 1):
            _add_total(project, n)
            ingest.ingest(project)
            time.sleep(0.01)  # distinct folder mtimes: prune keeps the newest
        assert (held / "manifest.json").is_file()  # still readable, though beyond KEEP_VERSIONS
        assert tables.load("totals", held).height > 0
        assert len(list(project.versions.iterdir())) == ingest.KEEP_VERSIONS + 1
    _add_total(project, 9)
    ingest.ingest(project)
    assert not held.exists()  # released: the next ingest prunes it
    assert len(list(project.versions.iterdir())) == ingest.KEEP_VERSIONS


def test_pinned_resolves_again_when_its_version_was_pruned(
    project: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest.ingest(project)
    first = tables.processed_dir(project)
    _add_total(project, 1)
    second = ingest.ingest(project).version_dir
    answers = iter([first, second])
    monkeypatch.setattr(tables, "processed_dir", lambda paths=None: next(answers))
    (first / "manifest.json").unlink()  # as if pruned between resolving and locking
    with tables.pinned(project) as held:
        assert held == second
