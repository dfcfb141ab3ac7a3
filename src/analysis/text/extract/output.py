"""Writing candidates: two CSVs in ledger format, or summary rows for the terminal."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis import escape
from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.text.extract.candidates import Candidate

EXTRA_COLUMNS = ("sentence", "confidence")
COLUMNS = {"events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS}


def output_paths(out: Path) -> dict[str, Path]:
    """candidates.csv → {'events': candidates-events.csv, 'claims': candidates-claims.csv}."""
    return {table: out.with_name(f"{out.stem}-{table}{out.suffix or '.csv'}") for table in COLUMNS}


def summary_rows(candidates: list[Candidate]) -> list[tuple[str, ...]]:
    """One display row per candidate: table, date, what, side/subject, value, qualifier, claimant, confidence."""
    rows = []
    for c in candidates:
        r = c.row
        if c.table == "events":
            what, who, value = f"{r['event_type']} ({r['status']})", r["received_by"], r["count"]
            day = r["date"]
        else:
            what, who, day = r["metric"], r["subject"], r["claim_date"]
            value = f"{r['value']}-{r['value_high']}" if r["value_high"] else r["value"]
        rows.append(
            (c.table, day, what, who, value, r["qualifier"], r["claimant"], f"{c.confidence:.2f}")
        )
    return rows


def write_candidates(candidates: list[Candidate], out: Path) -> dict[str, Path]:
    """Write the candidates as two CSVs in ledger format plus sentence and confidence columns."""
    paths = output_paths(out)
    for table, path in paths.items():
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow((*COLUMNS[table], *EXTRA_COLUMNS))
            for c in candidates:
                if c.table == table:
                    cells = (*(_cell(c.row, col) for col in COLUMNS[table]), c.sentence)
                    writer.writerow((*map(escape.csv_cell, cells), f"{c.confidence:.2f}"))
    return paths


def _cell(row: dict[str, object], column: str) -> object:
    """A candidate's cell as written: source_urls keeps only http(s) URLs with a host."""
    if column == "source_urls":
        return " ".join(u for u in str(row[column] or "").split() if escape.url(u))
    return row[column]
