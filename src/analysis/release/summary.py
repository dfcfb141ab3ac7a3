"""Latest figures at a glance: `summary.json` beside the processed tables.

One entry per headline quantity, each with its qualifier, date, claimant, evidence level, source
URL and the coverage end, so a graphics desk or a dashboard can read the headline numbers without
running anything. The ledger sums come from `series.headline` and `series.cumulative`, the
functions the brief and the charts use, so the summary cannot disagree with them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.reconcile import SERIES
from analysis.series import cumulative, headline
from analysis.series.claims import running_claims

SUMMARY_FILE = "summary.json"
PEOPLE, BODIES = schema.PEOPLE_TYPES, schema.BODY_TYPES

# name → (what is counted, which event types, receiving side)
RETURNED: dict[str, tuple[str, tuple[str, ...], str]] = {
    "people_in_prisoner_exchanges_to_ukraine": ("People received by Ukraine in prisoner exchanges.", ("pow_exchange",), "ukraine"),
    "people_in_prisoner_exchanges_to_russia": ("People received by Russia in prisoner exchanges.", ("pow_exchange",), "russia"),
    "people_returned_to_ukraine": ("People returned to Ukraine alive by every route: exchanges, civilian and child returns, wounded handed over.", PEOPLE, "ukraine"),
    "people_returned_to_russia": ("People returned to Russia alive by every route.", PEOPLE, "russia"),
    "bodies_returned_to_ukraine": ("Bodies received by Ukraine.", BODIES, "ukraine"),
    "bodies_returned_to_russia": ("Bodies received by Russia.", BODIES, "russia"),
}  # fmt: skip

# a ledger sum → the published running total that counts the same thing (compare the two)
PUBLISHED = {
    "people_returned_to_ukraine": "returned_to_ukraine_all",
    "bodies_returned_to_ukraine": "bodies_returned_to_ukraine",
    "bodies_returned_to_russia": "bodies_returned_to_russia",
}


def _iso(value: object) -> str | None:
    """A date as ISO text, None as None."""
    return value.isoformat() if isinstance(value, dt.date) else None


def _coverage_end(
    tables: Mapping[str, pl.DataFrame], table: str, column: str, scopes: tuple[str, ...] = ()
) -> str | None:
    """The last day `table` (limited to `scopes`, e.g. event types) is believed complete: the
    earliest `complete_to` of the coverage rows, else the table's last date."""
    coverage = tables.get("coverage")
    if coverage is not None and coverage.height:
        rows = coverage.filter(pl.col("table") == table)
        if scopes:
            rows = rows.filter(pl.col("scope").is_in(list(scopes)) | (pl.col("scope") == "all"))
        if rows.height:
            return _iso(rows["complete_to"].min())
    frame = tables.get(table)
    if frame is None or not frame.height:
        return None
    return _iso(frame[column].max())


def _urls(sources: pl.DataFrame) -> dict[str, str]:
    """source_id → URL (or dataset path)."""
    return {
        row["source_id"]: row["url"] or row["raw_path"] or ""
        for row in sources.select("source_id", "url", "raw_path").iter_rows(named=True)
    }


def returned(tables: Mapping[str, pl.DataFrame]) -> dict[str, dict[str, object]]:
    """Ledger sums of people and bodies received by each side, by the rule the reports and charts
    use (`series.headline`, summed by `series.cumulative`), with how complete they are."""
    events, out = tables["events"], {}
    picked = headline(events).filter(pl.col("status") == "completed")
    for name, (description, types, side) in RETURNED.items():
        running = cumulative(events, "year", list(types)).filter(pl.col("received_by") == side)
        last = running.drop_nulls("cumulative").sort("period").tail(1).to_dicts()
        parts = picked.filter(
            pl.col("event_type").is_in(list(types)), pl.col("received_by") == side
        )
        hidden = int(last[0]["cumulative_undisclosed_events"]) if last else 0
        out[name] = {
            "description": description + " Sum of the ledger's itemised events.",
            "value": int(last[0]["cumulative"]) if last else 0,
            "qualifier": last[0]["cumulative_qualifier"] if last else "exact",
            "events": parts.height,
            "undisclosed_events": hidden,
            "first_date": _iso(parts["date"].min()),
            "last_date": _iso(parts["date"].max()),
            "claimant": "sum of the ledger's events (each event's receiving side's own figure first)",
            "evidence": _evidence_counts(_rows_of(events, parts)),
            "coverage_end": _coverage_end(tables, "events", "date", types),
        }
    return out


def _rows_of(events: pl.DataFrame, picked: pl.DataFrame) -> pl.DataFrame:
    """The ledger rows behind headline figures (same event, side, claimant and source)."""
    key = ["event_id", "received_by", "status", "claimant", "source_id"]
    return events.filter(pl.col("is_current")).join(picked.select(key), on=key, how="semi")


def _evidence_counts(frame: pl.DataFrame) -> dict[str, int] | None:
    """How many rows of `frame` stand at each evidence level (None before evidence exists)."""
    if "evidence" not in frame.columns:
        return None
    counts = frame.group_by("evidence").len().sort("evidence")
    return {str(row["evidence"]): int(row["len"]) for row in counts.iter_rows(named=True)}


def _row_entry(row: Mapping[str, object], urls: Mapping[str, str], date_key: str) -> dict:
    """The shared fields of one sourced row."""
    return {
        "value": row["value"],
        "value_high": row.get("value_high"),
        "qualifier": row["qualifier"],
        "date": _iso(row[date_key]),
        "claimant": row["claimant"],
        "evidence": row.get("evidence"),
        "source_url": urls.get(str(row["source_id"])),
    }


def latest_claims(tables: Mapping[str, pl.DataFrame], urls: Mapping[str, str]) -> list[dict]:
    """The latest current running casualty figure (not one for a single period) per subject,
    claimant kind and metric."""
    claims = running_claims(tables["claims"]).filter(pl.col("is_current"))
    latest = (
        claims.sort("claim_date", "as_of", "claim_id")
        .group_by("subject", "claim_kind", "metric", maintain_order=True)
        .last()
        .sort("subject", "claim_kind", "metric")
    )
    end = _coverage_end(tables, "claims", "claim_date")
    return [
        {
            "subject": row["subject"], "claim_kind": row["claim_kind"], "metric": row["metric"],
            **_row_entry(row, urls, "claim_date"),
            "as_of": _iso(row["as_of"]), "claim_id": row["claim_id"], "coverage_end": end,
        }
        for row in latest.iter_rows(named=True)
    ]  # fmt: skip


def latest_totals(tables: Mapping[str, pl.DataFrame], urls: Mapping[str, str]) -> list[dict]:
    """The latest published running total per series, with its description."""
    totals = tables["totals"]
    latest = totals.sort("as_of", "total_id").group_by("series", maintain_order=True).last()
    end = _coverage_end(tables, "totals", "as_of")
    return [
        {
            "series": row["series"],
            "description": SERIES[row["series"]].description if row["series"] in SERIES else None,
            **_row_entry(row, urls, "as_of"), "total_id": row["total_id"], "coverage_end": end,
        }
        for row in latest.sort("series").iter_rows(named=True)
    ]  # fmt: skip


def summary(tables: Mapping[str, pl.DataFrame], data_version: int | None = None) -> dict:
    """The whole summary: ledger sums, latest statements and latest published totals."""
    urls = _urls(tables["sources"])
    sums, latest = returned(tables), {t["series"]: t for t in latest_totals(tables, urls)}
    for name, series in PUBLISHED.items():
        sums[name]["published_total"] = latest.get(series)
    return {
        "data_version": data_version,
        "note": (
            "Ledger sums are lower bounds where events are undisclosed or stated as 'at least'; "
            "compare them with the published running totals below. Nothing after coverage_end "
            "is known to the data: a quiet period there means no data, not no events."
        ),
        "returned": sums,
        "latest_claims": latest_claims(tables, urls),
        "latest_totals": list(latest.values()),
    }


def write_summary(
    folder: Path, tables: Mapping[str, pl.DataFrame], data_version: int | None
) -> Path:
    """Write `summary.json` into a processed version folder."""
    path = folder / SUMMARY_FILE
    payload = summary(tables, data_version)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    return path
