"""Writing candidates: two CSVs in ledger format (text cells that could run as formulas defused)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import escape
from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.ingest.safecsv import write_csv
from analysis.text.extract.candidates import Candidate

EXTRA_COLUMNS = ("sentence", "confidence")
COLUMNS = {"events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS}


def output_paths(out: Path) -> dict[str, Path]:
    """candidates.csv → {'events': candidates-events.csv, 'claims': candidates-claims.csv}."""
    return {table: out.with_name(f"{out.stem}-{table}{out.suffix or '.csv'}") for table in COLUMNS}


def write_candidates(candidates: list[Candidate], out: Path) -> dict[str, Path]:
    """Write the candidates as two CSVs in ledger format plus sentence and confidence columns."""
    paths = output_paths(out)
    for table, path in paths.items():
        header = [*COLUMNS[table], *EXTRA_COLUMNS]
        rows = [
            (*(_cell(c.row, col) for col in COLUMNS[table]), c.sentence, f"{c.confidence:.2f}")
            for c in candidates
            if c.table == table
        ]
        write_csv(pl.DataFrame(rows, schema=header, orient="row"), path)
    return paths


def _cell(row: dict[str, object], column: str) -> object:
    """A candidate's cell as written: source_urls keeps only http(s) URLs with a host."""
    if column == "source_urls":
        return " ".join(u for u in str(row[column] or "").split() if escape.url(u))
    return row[column]
