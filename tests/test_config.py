"""analysis.config: the project root comes from the current directory (or $ANALYSIS_ROOT), never
from where the package is installed; every ANALYSIS_* variable is declared there once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from analysis import config
from analysis.config import Paths, default_paths, project_root
from cli_runner import run

REPO = Path(__file__).resolve().parents[1]
SEED_LEDGER = Path(__file__).resolve().parent / "data" / "seed_ledger"


def _checkout(folder: Path) -> Path:
    """A copied checkout: pyproject.toml and a ledger, but no package and no .venv of its own."""
    shutil.copytree(SEED_LEDGER, folder / "data" / "raw" / "ledger")
    (folder / "data" / "raw" / "upstream").mkdir()
    (folder / "notebooks").mkdir()
    shutil.copy(REPO / "pyproject.toml", folder / "pyproject.toml")
    return folder


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No ANALYSIS_* variable set."""
    for name in config.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_root_is_the_nearest_project_above_the_cwd(tmp_path: Path, no_env: pytest.MonkeyPatch) -> None:
    root = _checkout(tmp_path / "copy")
    no_env.chdir(root / "notebooks")
    assert project_root() == root.resolve()
    assert default_paths().ledger == root.resolve() / "data" / "raw" / "ledger"


def test_a_ledger_without_pyproject_is_not_a_project(tmp_path: Path, no_env: pytest.MonkeyPatch) -> None:
    outer = _checkout(tmp_path / "outer")
    inner = outer / "scratch"
    (inner / "data" / "raw" / "ledger").mkdir(parents=True)  # no pyproject.toml beside it
    no_env.chdir(inner)
    assert project_root() == outer.resolve()


def test_outside_any_project_the_root_is_the_cwd(tmp_path: Path, no_env: pytest.MonkeyPatch) -> None:
    no_env.chdir(tmp_path)
    assert project_root() == tmp_path.resolve()
    assert project_root() != REPO  # not the checkout the package is installed from


def test_analysis_root_wins(tmp_path: Path, no_env: pytest.MonkeyPatch) -> None:
    root = _checkout(tmp_path / "copy")
    no_env.chdir(REPO)
    no_env.setenv("ANALYSIS_ROOT", str(root))
    assert project_root() == root.resolve()


def test_overrides_move_processed_upstream_and_reports(tmp_path: Path, no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv("ANALYSIS_PROCESSED", str(tmp_path / "p"))
    no_env.setenv("ANALYSIS_UPSTREAM", str(tmp_path / "u"))
    no_env.setenv("ANALYSIS_REPORTS", str(tmp_path / "r"))
    paths = Paths.at(tmp_path / "root")
    assert (paths.processed, paths.versions) == (tmp_path / "p", tmp_path / ".p-versions")
    assert (paths.upstream, paths.reports) == (tmp_path / "u", tmp_path / "r")
    assert paths.ledger == tmp_path / "root" / "data" / "raw" / "ledger"


def test_copied_checkout_reads_and_writes_only_its_own_data(
    tmp_path: Path, no_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The package is installed from REPO (its .venv); run in a copy, only the copy changes."""
    before = sorted(p.name for p in (REPO / "data").iterdir())
    root = _checkout(tmp_path / "copy")
    no_env.chdir(root)
    code, out, _ = run(["ingest", "--allow-quarantine"], capsys)
    assert code == 0, out
    assert f"ingested into {root.resolve() / 'data' / 'processed'}" in out
    assert (root / "data" / "processed" / "events.parquet").is_file()
    assert sorted(p.name for p in (REPO / "data").iterdir()) == before


def test_every_analysis_variable_in_src_is_declared_in_config() -> None:
    src = REPO / "src" / "analysis"
    used = {m for p in src.rglob("*.py") for m in re.findall(r"ANALYSIS_[A-Z_]+", p.read_text())}
    assert used <= set(config.VARIABLES)
    outside = sorted(
        f"{p.relative_to(src)}: {m}"
        for p in src.rglob("*.py") if p.name != "config.py"
        for m in re.findall(r"\"ANALYSIS_[A-Z_]+\"", p.read_text())
    )  # fmt: skip
    assert outside == []  # the names are written once, as config constants


def test_readme_lists_every_variable() -> None:
    readme = (REPO / "README.md").read_text()
    assert [v for v in config.VARIABLES if f"`{v}`" not in readme] == []


@pytest.mark.slow
def test_make_setup_rebuilds_a_venv_made_for_another_folder(tmp_path: Path) -> None:
    """A .venv copied from another checkout would import that checkout's package: setup drops it."""
    import subprocess

    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").touch()
    (venv / "bin" / "activate").write_text(f'VIRTUAL_ENV="{tmp_path / ".venv"}"\n')
    mine = subprocess.run(["make", "setup", "PYTHON=true"], cwd=tmp_path, capture_output=True, text=True)
    assert mine.returncode == 0 and (venv / ".installed").exists()  # its own: kept as it is
    (venv / "bin" / "activate").write_text('VIRTUAL_ENV="/elsewhere/.venv"\n')
    other = subprocess.run(["make", "setup", "PYTHON=true"], cwd=tmp_path, capture_output=True, text=True)
    assert f".venv was made for /elsewhere/.venv: rebuilding it for {tmp_path}" in other.stdout
    assert not (venv / ".installed").exists()  # removed, then rebuilt (here: PYTHON=true cannot)
