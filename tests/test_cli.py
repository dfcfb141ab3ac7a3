"""The `analysis` command: messages and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.config import Paths
from analysis.errors import ExitCode
from cli_runner import run


def test_ingest_then_tables(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["ingest"], capsys)
    assert code == 0
    assert "0 rows quarantined" in out
    assert "events 15" in out
    code, out, _ = run(["ingest"], capsys)
    assert code == 0 and "inputs unchanged" in out
    code, out, _ = run(["tables"], capsys)
    assert code == 0
    assert "events" in out and "2024-01-31" in out and "2025-06-13" in out


def test_quarantine_exit_code_and_allow(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    path = project.ledger / "totals.csv"
    path.write_text(
        path.read_text() + "T0009,2025-06-01,returned_to_ukraine,-5,,exact,X,https://e.org/t,\n"
    )
    code, out, _ = run(["ingest"], capsys)
    assert code == ExitCode.QUARANTINED
    assert "1 row(s) quarantined:" in out
    assert "data/raw/ledger/totals.csv:4: value: must be >= 0 (value '-5.0')" in out
    code, _, _ = run(["ingest", "--allow-quarantine", "--force"], capsys)
    assert code == 0


def test_check_lists_problems_and_writes_nothing(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.ledger / "claims.csv"
    path.write_text(
        path.read_text()
        + "C0099,2025-13-01,,ukraine_military,killed,5,,exact,X,official_claim,,https://e.org/c,,\n"
    )
    code, out, _ = run(["check"], capsys)
    assert code == ExitCode.QUARANTINED
    assert "data/raw/ledger/claims.csv:5: claim_date: invalid date: '2025-13-01'" in out
    assert not project.processed.exists()


def test_bad_file_is_one_line_error(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    (project.ledger / "events.csv").write_text("")
    code, out, err = run(["ingest"], capsys)
    assert code == ExitCode.BAD_INPUT
    assert err.strip().count("\n") == 0
    assert err.startswith("error: ") and err.strip().endswith(
        "events.csv: file is empty (0 bytes), expected a header line"
    )
    assert "Traceback" not in err


def test_debug_shows_traceback(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    (project.ledger / "events.csv").write_text("")
    code, _, err = run(["--debug", "ingest"], capsys)
    assert code == ExitCode.BAD_INPUT
    assert "Traceback" in err


def test_tables_before_ingest(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["tables"], capsys)
    assert code == ExitCode.MISSING_DATA
    assert "run `analysis ingest` first" in err


def test_usage_error_exit_code(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ingest", "--no-such-option"], capsys)
    assert code == ExitCode.USAGE
    assert "No such option" in err


def test_help_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    commands = [c for c in ("ingest", "check", "tables") if c in out]
    assert commands == ["ingest", "check", "tables"]
    for command in commands:
        code, out, _ = run([command, "--help"], capsys)
        assert code == 0 and "Usage" in out


def test_console_script_runs(project: Paths) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "ingest" in done.stdout


def test_output_piped_to_a_file_is_never_cut(bundled_project, tmp_path) -> None:
    """`analysis reconcile > file`: every cell whole (Rich cut cells to 80 columns before)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "ANALYSIS_ROOT": str(bundled_project.root), "COLUMNS": "80"}
    analysis = [sys.executable, "-m", "analysis"]
    subprocess.run([*analysis, "ingest", "--allow-quarantine"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    out = tmp_path / "reconcile.txt"
    with out.open("w") as handle:
        subprocess.run([*analysis, "reconcile"], env=env, stdout=handle, check=False)
    text = out.read_text()
    assert "…" not in text
    assert "bodies_returned_to_ukraine_this_year" in text
    assert max(len(line) for line in text.splitlines()) > 80
