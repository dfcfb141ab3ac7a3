"""What the periodic brief states: the period, the key numbers with who stated them, when, how
strong the evidence is and where to read it (published totals beside the ledger's sums, and why
they differ), and what changed. What it says about time (the data's end, coverage, staleness,
what entered the data since the previous brief) is in findings.timing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from analysis import reconcile, series
from analysis.reports.findings.common import day, figure, latest, side

LEDGER_NOTE = "Ledger sums add up the sourced events listed in this project's ledger."
TOTALS_TITLE = "Published running totals beside the ledger's sum at the same date"
CLAIMS_TITLE = "Statements on the number killed (the newest of each kind)"
LEDGER_SUMS = (("pow_exchange", "people in prisoner exchanges"), ("body_repatriation", "bodies"))


@dataclass(frozen=True)
class Period:
    """The brief's period: first and last day, its length in words, the previous brief's end."""

    first: dt.date
    last: dt.date
    length: str

    @property
    def previous(self) -> dt.date:
        """The last day the previous brief covered."""
        return self.first - dt.timedelta(days=1)


def period(last: dt.date, length: str) -> Period:
    """The week or 30 days to `last`."""
    days = 7 if length == "week" else 30
    return Period(last - dt.timedelta(days=days - 1), last, length)


def period_line(p: Period) -> str:
    """The period in words."""
    return f"**Period:** {day(p.first)} – {day(p.last)} (one {p.length})."


def publishers(sources: pl.DataFrame) -> pl.DataFrame:
    """source_id → the source's address and publisher (tables link the publisher to the page)."""
    return sources.select("source_id", "url", "publisher")


def new_events(events: pl.DataFrame, sources: pl.DataFrame, p: Period) -> pl.DataFrame:
    """The headline figures of the events dated in the period, with their source."""
    return series.headline(events).filter(pl.col("date") >= p.first).join(
        publishers(sources), on="source_id", how="left"
    )


def last_year(chart_data: pl.DataFrame) -> str:
    """The twelve months the chart shows (living people returned), summed per side from the
    chart's own data; periods the data does not cover are not counted as none."""
    if "covered" in chart_data.columns and chart_data.height and not chart_data["covered"].any():
        return "The data does not cover the twelve months charted: nothing can be said of them."
    sums = chart_data.group_by("received_by").agg(pl.col("count").sum()).sort("received_by", descending=True)  # fmt: skip
    parts = [f"{side(r['received_by'])} **{r['count']:,}**" for r in sums.iter_rows(named=True)]
    if not parts:
        return "No completed return of living people in the twelve months to the end of the period."
    return "In the twelve months charted, people returned alive: " + ", ".join(parts) + "."


def ledger_rows(events: pl.DataFrame) -> pl.DataFrame:
    """What each side has received by kind, summed from the ledger (one row per side and kind)."""
    rows = []
    for kind, noun in LEDGER_SUMS:
        totals = series.cumulative(events, "year", [kind]).sort("period").group_by("received_by").agg(pl.all().last())  # fmt: skip
        counted = series.headline(events).filter(pl.col("status") == "completed", pl.col("event_type") == kind)  # fmt: skip
        for row in totals.sort("received_by", descending=True).iter_rows(named=True):
            mine = counted.filter(pl.col("received_by") == row["received_by"])
            hidden = row["cumulative_undisclosed_events"]
            rows.append({
                "what": f"{noun.capitalize()} received by {side(row['received_by'])}",
                "value": row["cumulative"], "qualifier": row["cumulative_qualifier"],
                "claimant": "This ledger (sum)", "as_of": mine["date"].max(),
                "evidence": f"Sum of {mine['event_id'].n_unique()} sourced events"
                + (f", {hidden} without a number" if hidden else ""),
            })  # fmt: skip
    return pl.DataFrame(rows, schema={"what": pl.String, "value": pl.Int64, "qualifier": pl.String,
                                      "claimant": pl.String, "as_of": pl.Date, "evidence": pl.String})  # fmt: skip


def ledger_sums(rows: pl.DataFrame) -> str:
    """The ledger's sums as a list, each number as its table states it."""
    lines = [f"- {r['what']}: **{figure(r['value'], r['qualifier'])}** (ledger sum)." for r in rows.iter_rows(named=True)]  # fmt: skip
    return "\n".join(lines) or "No completed event in the ledger."


WHY = {
    "ok": "They agree (within 1%).",
    "ledger_short": "The ledger misses events or numbers counted here",
    "ledger_over": "This figure leaves out events the ledger has, or is older",
    "bound_satisfied": "A bound the ledger's sum meets.",
    "not_comparable": "A stock: not a sum of events.",
}


def _why(status: str, hidden: int | None) -> str:
    """Why a published total and the ledger's sum at its date differ."""
    text = WHY.get(status, "")
    if status in ("ledger_short", "ledger_over"):
        text += f" ({hidden} without a number)." if hidden else "."
    return text


def _age(date: pl.Expr, last: dt.date, max_age_days: int) -> pl.Expr:
    """'N days old' when a figure is older than the limit at the end of the period, else ''."""
    days = (pl.lit(last) - date).dt.total_days()
    return (pl.when((days > max_age_days) & (max_age_days > 0)).then(pl.format("{} days old", days)).otherwise(pl.lit(""))
            .alias("age"))  # fmt: skip


def published_totals(
    events: pl.DataFrame, totals: pl.DataFrame, sources: pl.DataFrame, p: Period, max_age_days: int
) -> pl.DataFrame:
    """The newest published running total of each series, beside the ledger's sum at its date,
    why they differ, its age when older than `max_age_days`, and its source."""
    newest = latest(totals.filter(pl.col("as_of") <= p.last), ["series"], "as_of")
    compared = reconcile.reconcile(events, newest).sort("series")
    why = pl.struct("status", "undisclosed_events").map_elements(
        lambda r: _why(r["status"], r["undisclosed_events"]), return_dtype=pl.String
    )
    return compared.join(publishers(sources), on="source_id", how="left").select(
        "series", pl.col("published").alias("value"), "value_high", "qualifier", "claimant", "as_of",
        "ledger_cumulative", why.alias("why"),
        _age(pl.col("as_of"), p.last, max_age_days), "url", "publisher",
    )  # fmt: skip


def killed_claims(
    claims: pl.DataFrame, sources: pl.DataFrame, p: Period, max_age_days: int
) -> pl.DataFrame:
    """The newest current 'killed' statement of each subject and kind, with its evidence level,
    its age when older than the limit, and its source."""
    current = claims.filter(pl.col("is_current"), pl.col("claim_date") <= p.last, pl.col("metric") == "killed")  # fmt: skip
    newest = latest(current, ["subject", "claim_kind"], "claim_date")
    return newest.join(publishers(sources), on="source_id", how="left").sort("subject", "claim_kind").select(
        "subject", "claim_kind", "value", "value_low", "value_high", "qualifier", "claimant",
        "claim_date", _age(pl.col("claim_date"), p.last, max_age_days), "url", "publisher",
    )  # fmt: skip


@dataclass(frozen=True)
class Changes:
    """What changed in the period: events, statements, revisions, upstream corrections."""

    events: int
    statements: int
    revised: int
    corrections: pl.DataFrame


def changes(data: dict[str, pl.DataFrame], new: pl.DataFrame, p: Period) -> Changes:
    """Count what changed in the period."""
    inside = [p.first, p.last]
    revised = data["events"].filter(pl.col("supersedes").is_not_null(), pl.col("date").is_between(*inside))  # fmt: skip
    statements = data["claims"].filter(pl.col("claim_date").is_between(*inside))
    fell = data["series"].filter(pl.col("flag") == "correction", pl.col("date").is_between(*inside))  # fmt: skip
    return Changes(new["event_id"].n_unique(), statements.height, revised.height, fell)


def changes_line(c: Changes, p: Period) -> str:
    """What is dated in the period, in one sentence (what entered the data late, whatever its
    date, is timing.entered_note)."""
    return (
        f"Dated in the period: {c.events} new event(s), {c.statements} new casualty "
        f"statement(s), {c.revised} revised ledger figure(s) and {c.corrections.height} upstream "
        "correction(s) (a running total that fell)."
    )
