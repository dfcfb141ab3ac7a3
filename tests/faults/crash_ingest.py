"""Run an ingest that SIGKILLs itself at its Nth filesystem step (argv[1]); print the step count.

Used by test_crash.py: every write, rename, fsync, link and delete the ingest makes is a step.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import polars as pl

from analysis import ingest
from analysis.paths import default_paths

KILL_AT = int(sys.argv[1])
STEPS = {"n": 0}


def step(owner: object, name: str) -> None:
    """Wrap owner.name so that the KILL_AT-th call of any wrapped function kills the process."""
    real = getattr(owner, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        STEPS["n"] += 1
        if STEPS["n"] == KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(owner, name, wrapped)


for owner, name in [
    (os, "replace"), (os, "fsync"), (os, "rename"), (Path, "rename"), (Path, "symlink_to"),
    (Path, "mkdir"), (Path, "write_text"), (shutil, "rmtree"),
    (pl.DataFrame, "write_parquet"), (pl.DataFrame, "write_csv"),
]:  # fmt: skip
    step(owner, name)

ingest.ingest(default_paths(), force=True)
print(STEPS["n"])
