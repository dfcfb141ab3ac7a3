"""Run an ingest that SIGKILLs itself at its Nth filesystem step (argv[1]); print the step count.

Used by test_crash.py: every write, rename, fsync, link and delete the ingest makes is a step.
"""

from __future__ import annotations

import sys

import killswitch  # tests/faults, beside this script
import polars as pl

from analysis import ingest
from analysis.config import default_paths

KILL_AT = int(sys.argv[1])
STEPS = killswitch.arm(KILL_AT, [(pl.DataFrame, "write_parquet"), (pl.DataFrame, "write_csv")])

ingest.ingest(default_paths(), force=True)
print(STEPS["n"])
