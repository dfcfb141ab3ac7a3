#!/usr/bin/env bash
# Wall time of `analysis report` (every notebook, HTML, chart pack, index) against the same
# notebooks run one by one with the papermill and jupyter nbconvert command lines, the way a
# user would script it without this package. Run from the project root after `make ingest`:
#   bench/report_vs_cli.sh [AS_OF]
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=${1:-$(date +%F)}
BIN=.venv/bin
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT


start=$(date +%s.%N)
$BIN/analysis report --as-of "$AS_OF" --max-age-days 0 --out "$OUT/runner" >/dev/null 2>&1
runner=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
for notebook in notebooks/*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  $BIN/papermill "$notebook" "$OUT/$name.ipynb" -p as_of "$AS_OF" --no-progress-bar >/dev/null 2>&1
  $BIN/jupyter nbconvert --to html --no-input "$OUT/$name.ipynb" >/dev/null 2>&1
done
cli=$(echo "$(date +%s.%N) - $start" | bc)

printf 'analysis report (%s notebooks, --jobs = %s cores): %.1f s\n' "$(ls notebooks/*.ipynb | wc -l)" "$(nproc)" "$runner"
printf 'papermill + jupyter nbconvert, one by one:        %.1f s\n' "$cli"
