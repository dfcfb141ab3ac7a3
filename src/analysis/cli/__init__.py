"""The `analysis` command: one typer app gathering the command groups, and its error handling.

Groups: data (ingest, check, tables, fetch), text (extract, verify), charts (export), analyse (reconcile,
compare-sources), reports (report), release (release). Expected errors print one line and exit with their ExitCode;
--debug shows the traceback.
"""

from __future__ import annotations

import sys
import traceback
from typing import Annotated

import typer

from analysis.cli import analyse, charts, data, release, reports, text
from analysis.cli.common import err
from analysis.errors import AnalysisError, ExitCode

app = typer.Typer(
    help="Sourced time series of the human toll of the Russia–Ukraine war.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
STATE = {"debug": False}
GROUPS = (data, text, charts, analyse, reports, release)
for group in GROUPS:
    app.registered_commands.extend(group.app.registered_commands)


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
) -> None:
    """Sourced time series of the human toll of the Russia–Ukraine war."""
    STATE["debug"] = debug


def main() -> None:
    """Entry point: run the app, turning expected errors into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except AnalysisError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(ExitCode.FAILED)
    except typer.TyperException as exc:  # usage errors: unknown option, bad value
        exc.show()  # type: ignore[attr-defined]
        sys.exit(ExitCode.USAGE)
    except Exception as exc:
        if STATE["debug"]:
            raise
        err.print(
            f"error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", markup=False
        )
        sys.exit(ExitCode.FAILED)
    sys.exit(code or 0)


if __name__ == "__main__":
    main()
