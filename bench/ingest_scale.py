"""bench/ingest_scale: synthetic upstream data at 1M and 10M rows through the real adapter path.

The data is an Oryx log in mauforonda's format (timestamp, country, category, state, value), read
by `analysis.ingest.adapters.oryx_log.read_mauforonda`, validated with the `series` schema and written as
Parquet, exactly as `analysis ingest` does. The floor, measured in the same run, is polars reading
the same file and writing Parquet with no normalisation. Each step runs in its own process so its
peak memory (max RSS) is its own. Run: `.venv/bin/python bench/ingest_scale.py [--rows 1000000 10000000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

RUNS = 3
START = dt.datetime(2022, 2, 24)
SECONDS = int((dt.datetime(2026, 6, 1) - START).total_seconds())
STATES = ["destroyed", "damaged", "abandoned", "captured"]

ADAPTER = """
import sys, time
from pathlib import Path
import polars as pl
from analysis import schema
from analysis.ingest.adapters.base import relativise
from analysis.ingest.adapters.oryx_log import read_mauforonda
from analysis.validate import validate
snapshot, out = Path(sys.argv[1]), Path(sys.argv[2])
t = time.perf_counter()
result = relativise(read_mauforonda(snapshot), snapshot.parent)
sources = set(result.tables["sources"]["source_id"].to_list())
good, bad = validate(schema.SERIES, result.tables["series"], sources)
good.write_parquet(out, compression="zstd")
print(time.perf_counter() - t, good.height, bad.height + result.quarantine.height)
"""

FLOOR = """
import sys, time
import polars as pl
t = time.perf_counter()
pl.read_csv(sys.argv[1]).write_parquet(sys.argv[2], compression="zstd")
print(time.perf_counter() - t, 0, 0)
"""


def make_log(path: Path, rows: int, seed: int = 7) -> None:
    """Write a synthetic mauforonda log.csv with `rows` records."""
    labels = pl.read_csv(Path(__file__).resolve().parents[1] / "src/analysis/ingest/adapters/oryx_categories.csv")
    categories = labels.filter(pl.col("role") == "category")["label"].to_list()
    rng = pl.int_range(0, rows, eager=True).hash(seed)
    frame = pl.DataFrame({"r": rng}).select(
        (pl.lit(START) + pl.duration(seconds=(pl.col("r") % SECONDS).cast(pl.Int64))).dt.strftime("%Y-%m-%d %H:%M:%S").alias("timestamp"),
        pl.when(pl.col("r") % 5 == 0).then(pl.lit("Ukraine")).otherwise(pl.lit("Russia")).alias("country"),
        pl.lit(pl.Series(categories)).get((pl.col("r") // 7 % len(categories)).cast(pl.Int64)).alias("category"),
        pl.lit(pl.Series(STATES)).get((pl.col("r") // 11 % 4).cast(pl.Int64)).alias("state"),
        pl.when(pl.col("r") % 50 == 0).then(-1).otherwise(1).alias("value"),
    ).sort("timestamp")  # fmt: skip
    frame.write_csv(path)


def run(script: str, *args: str) -> tuple[float, int, int]:
    """(seconds, rows written, rows quarantined) of one step in a fresh process.

    Peak memory is measured by `peak_mb` in a process of its own: RUSAGE_CHILDREN is a high-water
    mark over every child so far, so it cannot tell one step's peak from an earlier one's.
    """
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    seconds, written, held = done.stdout.split()
    return float(seconds), int(written), int(held)


def measure(rows: int, folder: Path) -> dict[str, float]:
    """Median adapter and floor timings at one size, with peak memory."""
    snapshot = folder / f"oryx_mauforonda_log_{rows}"
    snapshot.mkdir()
    log = snapshot / "log.csv"
    make_log(log, rows)
    adapter, floor = [], []
    for _ in range(RUNS):  # alternate so both see the same machine state
        adapter.append(run(ADAPTER, str(snapshot), str(folder / "series.parquet")))
        floor.append(run(FLOOR, str(log), str(folder / "floor.parquet")))
    a, f = statistics.median(r[0] for r in adapter), statistics.median(r[0] for r in floor)
    return {
        "rows": rows, "file_mb": log.stat().st_size / 1e6,
        "adapter_s": a, "floor_s": f, "adapter_rows_per_s": rows / a, "floor_rows_per_s": rows / f,
        "ratio_to_floor": f / a, "series_rows": adapter[0][1], "quarantined": adapter[0][2],
    }  # fmt: skip


PEAK = """
import resource
try:  # VmHWM: peak RSS of this process image only
    kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except (OSError, StopIteration):  # ru_maxrss also counts the parent's RSS at fork (Linux keeps it across exec)
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(kb / 1024, file=sys.stderr)
"""


def peak_mb(rows: int, folder: Path) -> float:
    """Peak RSS (MB) of one adapter run, measured inside its own process.

    Not ru_maxrss: on Linux a child's ru_maxrss includes the RSS its parent had when it forked,
    and this process has just built the synthetic log (about 1.7 GB at 10M rows).
    """
    snapshot = folder / f"oryx_mauforonda_log_{rows}"
    done = subprocess.run([sys.executable, "-c", ADAPTER + PEAK, str(snapshot), str(folder / "p.parquet")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return float(done.stderr.strip().splitlines()[-1])


def main() -> None:
    """Measure each size and print the figures and the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    results = []
    try:
        for rows in args.rows:
            t = time.perf_counter()
            result = measure(rows, folder)
            result["peak_mb"] = peak_mb(rows, folder)
            results.append(result)
            print(
                f"{rows:>11,} rows ({result['file_mb']:.0f} MB CSV): adapter {result['adapter_s']:.2f} s "
                f"({result['adapter_rows_per_s']:,.0f} rows/s), floor {result['floor_s']:.2f} s "
                f"({result['floor_rows_per_s']:,.0f} rows/s), ratio to floor {result['ratio_to_floor']:.2f} "
                f"(target >= 0.5), peak {result['peak_mb']:,.0f} MB, {result['series_rows']:,} series rows "
                f"[{time.perf_counter() - t:.0f} s]",
                flush=True,
            )
        if len(results) >= 2:
            scale = results[-1]["adapter_s"] / results[0]["adapter_s"]
            factor = results[-1]["rows"] / results[0]["rows"]
            print(f"time at {results[-1]['rows']:,} / time at {results[0]['rows']:,}: {scale:.1f}x "
                  f"(target <= {factor * 1.1:.0f}x); peak at the largest: {results[-1]['peak_mb']:,.0f} MB (target < 1,536 MB)")  # fmt: skip
        print(json.dumps(results))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
