"""Run the `analysis` command in-process, as a user would from a shell (shared by the CLI tests)."""

from __future__ import annotations

import io
import sys
from typing import NamedTuple

import pytest

from analysis.cli import main


class Ran(NamedTuple):
    """What one run of the command gave: exit code, standard output, standard error."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        """Standard output then standard error."""
        return self.out + self.err


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None) -> Ran:
    """Run the command in-process (answers to its prompts from `stdin`); (exit code, out, err)."""
    old, old_stdin = sys.argv, sys.stdin
    sys.argv = ["analysis", *argv]
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv, sys.stdin = old, old_stdin
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)
