"""What the casualty-claims report states: statements by kind, the latest figure of each kind,
official claims against independent counts, published running totals against the ledger."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import reconcile, series, wording
from analysis.reports.findings.common import day, figure, label, latest
from analysis.reports.findings.common import with_sources as with_sources
from analysis.series.claims import running_claims


def claims_in_scope(
    claims: pl.DataFrame, subjects: list[str], end: dt.date, include_party_claims: bool
) -> pl.DataFrame:
    """Current statements about `subjects` up to `end` (without the warring parties' if asked)."""
    return claims.filter(
        pl.col("is_current"), pl.col("subject").is_in(subjects), pl.col("claim_date") <= end,
        pl.lit(True) if include_party_claims else pl.col("claim_kind") != "official_claim",
    )  # fmt: skip


def statements(claims: pl.DataFrame, end: dt.date, include_party_claims: bool) -> str:
    """How many statements the report draws on, by kind."""
    kinds = claims.group_by("claim_kind").len().sort("claim_kind").iter_rows()
    left_out = "" if include_party_claims else " (claims by the warring parties left out)"
    return (
        f"{claims.height} statements up to {day(end)}: "
        + ", ".join(f"{n} {label(k)}" for k, n in kinds) + f"{left_out}."
    )  # fmt: skip


def latest_figures(claims: pl.DataFrame) -> pl.DataFrame:
    """The latest running figure (series.claims.running_claims: not one for a single period) of
    each subject, kind and metric, with its bounds."""
    return latest(running_claims(claims), ["subject", "claim_kind", "metric"], "claim_date").select(
        "subject", "metric", "claim_kind", "claim_date", "claimant", "qualifier", "value",
        "value_low", "value_high", "source_id",
    )  # fmt: skip


def _figure(row: dict[str, object]) -> str:
    """A claimed figure in words: a range as low to high, else the value with its qualifier."""
    return figure(row["value"], str(row["qualifier"]), high=row["value_high"], low=row["value_low"])  # type: ignore[arg-type]


def latest_sentences(figures: pl.DataFrame) -> list[str]:
    """One sentence per latest killed / names-identified figure: value, kind, claimant, date."""
    chosen = figures.filter(pl.col("metric").is_in(["killed", "names_identified"]))
    return [
        f"{label(row['subject']).capitalize()}, {label(row['metric'])}: **{_figure(row)}** "
        f"({wording.kind_label(row['claim_kind']).lower()}, {row['claimant']}, {day(row['claim_date'])})."
        for row in chosen.iter_rows(named=True)
    ]


def matched(claims: pl.DataFrame | None, upstream: pl.DataFrame, subject: str) -> pl.DataFrame:
    """Official claims about `subject` with the nearest earlier independent count."""
    found = series.claims_vs_independent(claims, upstream, subject=subject)
    return found.filter(pl.col("independent_value").is_not_null()).sort("claim_date", "lag_days")


def against_independent(pairs: pl.DataFrame, subject: str) -> str:
    """The newest official claim beside the nearest earlier independent figure, and their ratio;
    each figure with its qualifier, an estimate "estimated", a range's ratio to its low end."""
    who = label(subject).capitalize()
    if not pairs.height:
        return f"{who}: no official claim with an earlier independent count."
    newest = pairs.filter(pl.col("claim_date") == pairs["claim_date"].max()).sort("lag_days")
    row = newest.row(0, named=True)
    said = figure(row["claim_value"], row["claim_qualifier"], high=row.get("claim_value_high"))
    quoted = row["independent_qualifier"]
    found = figure(row["independent_value"], quoted, high=row.get("independent_value_high"))
    verb = "estimated" if quoted in ("about", "range") else "counted"
    to = " to its low end" if quoted == "range" else ""
    return (
        f"{who}: on {day(row['claim_date'])} {row['claimant']} said {said}; "
        f"{wording.source_label(row['independent_source'])} {verb} {found} "
        f"by {day(row['independent_date'])}, a ratio of {row['ratio']:,.1f}{to}."
    )


def reconciled(events: pl.DataFrame, totals: pl.DataFrame, end: dt.date) -> pl.DataFrame:
    """Published running totals up to `end` against the ledger's sums."""
    return reconcile.reconcile(events, totals.filter(pl.col("as_of") <= end)).sort("as_of")


def reconciliation(gaps: pl.DataFrame) -> str:
    """How many published running totals match the ledger, are above it or below it."""
    statuses = dict(gaps.group_by("status").len().iter_rows())
    return (
        f"Of {gaps.height} published running totals, {statuses.get('ok', 0)} match the ledger "
        f"within {reconcile.TOLERANCE_PCT:g}%, {statuses.get('ledger_short', 0)} are above the "
        f"ledger's sum (events missing from the ledger) and {statuses.get('ledger_over', 0)} "
        "below it."
    )
