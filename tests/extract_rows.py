"""The extractor's candidates as comparable rows, shared by the extraction tests."""

from __future__ import annotations

import datetime as dt

from analysis.text.extract import Candidate, extract


def row_key(candidate: Candidate) -> tuple[str, ...]:
    """(table, date, type or metric, side or subject, value, qualifier) of a candidate."""
    r = candidate.row
    if candidate.table == "events":
        return ("events", r["date"], r["event_type"], r["received_by"], r["count"], r["qualifier"])
    return ("claims", r["claim_date"], r["metric"], r["subject"], r["value"], r["qualifier"])


def candidate_rows(text: str, day: dt.date | None = None) -> set[tuple[str, ...]]:
    """The row key of every candidate extracted from `text` (dated `day` when given)."""
    return {row_key(c) for c in extract(text, day)}
