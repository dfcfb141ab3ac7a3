"""The package's exceptions and the command's exit codes, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `analysis` command (documented in README.md)."""

    OK = 0
    FAILED = 1
    USAGE = 2
    BAD_INPUT = 3
    QUARANTINED = 4
    STALE = 5
    LOCKED = 6
    REPORT_FAILED = 7
    MISSING_DATA = 8


class AnalysisError(Exception):
    """An expected failure, shown to the user as one line."""

    exit_code: ExitCode = ExitCode.FAILED


class InputError(AnalysisError):
    """A raw input file cannot be read or has the wrong shape; names the file and the problem."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class MissingDataError(AnalysisError):
    """Processed tables are missing: the user has to run `analysis ingest`."""

    exit_code = ExitCode.MISSING_DATA


class LockedError(AnalysisError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


class UsageError(AnalysisError):
    """A bad argument or option value (the library raises it; the command exits 2)."""

    exit_code = ExitCode.USAGE


class ParameterError(UsageError):
    """A parameter name or value a notebook does not accept."""


class UnknownSeriesError(UsageError):
    """A series name with no published totals."""


class StaleDataError(AnalysisError):
    """The newest processed data is older than the staleness guard allows."""

    exit_code = ExitCode.STALE


class FetchError(AnalysisError):
    """A download failed (offline, refused, too slow, too big); one line for the user."""


class ReviewError(AnalysisError):
    """Review cannot start (no source URL, no ledger)."""


class NormaliseError(ValueError):
    """Raised when text cannot be normalised; the message quotes the offending input."""


class CellError(ValueError):
    """A ledger cell that cannot be parsed; carries the column name."""

    def __init__(self, column: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason
