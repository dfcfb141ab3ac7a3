"""Regenerate the chart baselines (tests/baseline/charts/*.png); then look at every one of them.

Run: `.venv/bin/python tests/update_baselines.py`. The baseline tests skip in this mode (they
would compare each image with itself), so a run with ANALYSIS_UPDATE_BASELINES=1 never passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

if __name__ == "__main__":
    env = {**os.environ, "ANALYSIS_UPDATE_BASELINES": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-rs", str(TESTS / "test_charts_kinds.py"),
               "-k", "test_chart_matches_baseline"]  # fmt: skip
    sys.exit(subprocess.call(command, env=env, cwd=TESTS.parent))
