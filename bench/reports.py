"""bench/reports: `analysis report` over every notebook against the same notebooks run one by one
with the `papermill` and `jupyter nbconvert` command lines (the way a user would script it without
this package), in one run, alternating. Target: ratio (runner / one by one) of 0.5 or lower.

Run from the project root after `make ingest`: `.venv/bin/python bench/reports.py [--runs 3]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(commands: list[list[str]]) -> float:
    """Wall time of running `commands` one after another (each must succeed)."""
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - start


def runner(out: Path, as_of: str) -> list[list[str]]:
    """The package's way: one command."""
    return [[str(BIN / "analysis"), "report", "--as-of", as_of, "--max-age-days", "0", "--out", str(out)]]


def one_by_one(out: Path, as_of: str) -> list[list[str]]:
    """The command-line way: papermill then nbconvert for each notebook."""
    commands = []
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        executed = out / notebook.name
        commands.append([str(BIN / "papermill"), str(notebook), str(executed), "-p", "as_of", as_of,
                         "--no-progress-bar"])  # fmt: skip
        commands.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])
    return commands


def main() -> None:
    """Alternate the two ways `--runs` times and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    as_of = dt.date.today().isoformat()
    notebooks = len(list((REPO / "notebooks").glob("*.ipynb")))
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            ours.append(timed(runner(Path(tmp) / f"runner{i}", as_of)))
            folder = Path(tmp) / f"cli{i}"
            folder.mkdir()
            theirs.append(timed(one_by_one(folder, as_of)))
            print(f"run {i + 1}: analysis report {ours[-1]:.1f} s, papermill + nbconvert {theirs[-1]:.1f} s", flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{notebooks} notebooks, {os.cpu_count()} cores, median of {args.runs}:")
    print(f"  analysis report (HTML, charts, chart pack, index): {a:.1f} s")
    print(f"  papermill + jupyter nbconvert one by one:          {b:.1f} s")
    print(f"  ratio {a / b:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
