"""The report runner's output folder and its own parameters (reliability audit P06, P07, P09, P10):
it only replaces what it created (marked as its own), refuses the filesystem root and the home
folder, and `-p` cannot set output_dir, as_of or period. Driven through `analysis report`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hostile import cli, one_line

if TYPE_CHECKING:
    from analysis.config import Paths

AS_OF = "2025-06-20"
RUN = ["report", "explore", "--as-of", AS_OF, "--max-age-days", "0"]


@pytest.fixture
def ingested(project: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    """The seed project, ingested."""
    assert cli(["ingest"], capsys)[0] == 0
    return project


@pytest.mark.parametrize(("name", "value", "option"), [
    ("output_dir", "../elsewhere", "--out"),
    ("as_of", "2023-01-01", "--as-of"),
    ("period", "month", "--period"),
])  # fmt: skip
def test_p06_p07_the_runner_s_own_parameters_cannot_be_set_with_p(
    name: str, value: str, option: str, ingested: Paths, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """P06 (-p output_dir), P07 (-p as_of, -p period): refused in one line naming the option."""
    code, _, err = cli(["report", "brief", "--as-of", AS_OF, "--max-age-days", "0",
                        "-p", f"{name}={value}"], capsys)  # fmt: skip
    assert code == 2
    assert one_line(err) == (f"error: -p {name}: set by the report runner; use {option} instead")
    assert not (ingested.reports / AS_OF).exists()


@pytest.mark.parametrize("where", ["/", "~", "~/"])
def test_p09_the_filesystem_root_and_the_home_folder_are_refused(
    where: str, ingested: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """P09: --out / (and the home folder) would put .lock, .runs, <date> and latest there."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    target = Path(os.path.expanduser(where)).resolve()
    before = sorted(os.listdir(target))
    code, _, err = cli([*RUN, "--out", os.path.expanduser(where)], capsys)
    assert code == 2
    assert one_line(err) == (
        f"error: --out {str(target)!r} is the {'filesystem root' if where == '/' else 'home folder'}"
        "; give a folder for reports (default reports/)"
    )
    assert sorted(os.listdir(target)) == before


def test_p10_a_folder_the_runner_did_not_make_is_never_replaced(
    ingested: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """P10: --out at the user's folder holding their own <date>/ folder and a file `latest`."""
    out = tmp_path / "userdocs"
    (out / AS_OF).mkdir(parents=True)
    (out / AS_OF / "my-notes.txt").write_text("precious")
    (out / "latest").write_text("mine")
    code, _, err = cli([*RUN, "--out", str(out)], capsys)
    assert code == 2
    assert one_line(err) == (
        f"error: {out / AS_OF} was not made by `analysis report` (not a link into .runs); "
        "move it away or choose another --out"
    )
    assert (out / AS_OF / "my-notes.txt").read_text() == "precious"
    assert (out / "latest").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == [AS_OF, "latest"]


def test_p10_a_latest_file_the_runner_did_not_make_is_never_replaced(
    ingested: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """P10: a plain file named `latest` (not a link the runner made) stops the run."""
    out = tmp_path / "userdocs"
    out.mkdir()
    (out / "latest").write_text("mine")
    code, _, err = cli([*RUN, "--out", str(out)], capsys)
    assert code == 2
    assert one_line(err) == (
        f"error: {out / 'latest'} was not made by `analysis report` (not a link into .runs); "
        "move it away or choose another --out"
    )
    assert (out / "latest").read_text() == "mine"


@pytest.mark.slow
def test_the_runner_replaces_its_own_runs_and_marks_them(
    ingested: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Class: what the runner made (marked) it replaces on the next run of the same date;
    a user file inside its folder survives as long as nothing of the user's is replaced."""
    out = tmp_path / "reports"
    for _ in range(2):
        code, _, err = cli([*RUN, "--out", str(out)], capsys)
        assert code == 0, err
    assert (out / ".analysis-report").is_file()
    assert (out / AS_OF).is_symlink() and (out / "latest").is_symlink()
    assert ((out / AS_OF).resolve() / "index.html").is_file()
    assert len(list((out / ".runs").iterdir())) == 1
