"""Run the `analysis` command in-process, as a user would from a shell (shared by the CLI tests)."""

from __future__ import annotations

import sys

import pytest

from analysis.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command in-process; return (exit code, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["analysis", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    out = capsys.readouterr()
    return code, out.out, out.err
