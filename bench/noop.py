"""bench/noop: a second `analysis ingest` with unchanged inputs, and a rebuild after one ledger row changes.

Prints the interpreter's start time, the no-op ingest time beyond it (target < 0.3 s), the time of
an ingest after one ledger row changed, and which processed tables changed. Run: `make bench-noop`
or `.venv/bin/python bench/noop.py [--upstream DIR]`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 7


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one command, in seconds (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def table_digests(folder: Path) -> dict[str, str]:
    """sha256 of each processed table's Parquet file."""
    return {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.parquet")}


def main() -> None:
    """Build a throwaway project, then time the no-op and the one-row rebuild."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--upstream", type=Path, default=REPO.parent / "shared" / "data" / "upstream")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-noop-"))
    shutil.copytree(REPO / "data" / "raw" / "ledger", root / "data" / "raw" / "ledger")
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    ingest = [sys.executable, "-m", "analysis", "ingest", "--allow-quarantine"]
    if args.upstream.is_dir():
        ingest += ["--upstream", str(args.upstream)]
    first = timed(ingest, env)
    start = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(RUNS))
    noop = statistics.median(timed(ingest, env) for _ in range(RUNS))
    before = table_digests((root / "data" / "processed").resolve())
    rebuilds = []
    claims = root / "data" / "raw" / "ledger" / "claims.csv"
    for i in range(3):
        text = claims.read_text()
        claims.write_text(text.replace("Named Russian dead", f"Named Russian dead (edit {i})", 1)
                          if "Named Russian dead" in text else text + "\n")  # fmt: skip
        rebuilds.append(timed(ingest, env))
    after = table_digests((root / "data" / "processed").resolve())
    full = statistics.median(timed([*ingest, "--force"], env) for _ in range(3))
    changed = sorted(name for name in after if after[name] != before.get(name))
    print(f"first ingest:                  {first:.3f} s (upstream: {args.upstream if args.upstream.is_dir() else 'none'})")
    print(f"interpreter start:             {start:.3f} s")
    print(f"no-op ingest (median of {RUNS}):    {noop:.3f} s = {noop - start:.3f} s beyond start (target < 0.3 s)")
    print(f"ingest after one ledger edit:  {statistics.median(rebuilds):.3f} s (median of 3)")
    print(f"full rebuild (--force):        {full:.3f} s (median of 3)")
    print(f"tables whose files changed:    {', '.join(changed) or 'none'} (series carried over, not rebuilt)")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
