"""What the periodic brief states: the period, what happened in it, the key numbers with their
sources and what changed. What it says about time (the data's end, coverage, staleness, what
entered the data since the previous brief) is in findings.timing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from analysis import series
from analysis.reports.findings.common import bound, day, label, latest, side

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
    """source_id → the publisher's name, else the URL."""
    return sources.select("source_id", pl.coalesce("publisher", "url").alias("source"))


def new_events(events: pl.DataFrame, sources: pl.DataFrame, p: Period) -> pl.DataFrame:
    """The headline figures of the events dated in the period, with their publisher."""
    return series.headline(events).filter(pl.col("date") >= p.first).join(
        publishers(sources), on="source_id", how="left"
    )


def happened(new: pl.DataFrame) -> str:
    """How many events of each kind are dated in the period."""
    if not new.height:
        return "No exchange or repatriation was recorded in this period."
    kinds = new.group_by("event_type").agg(pl.col("event_id").n_unique()).sort("event_type")
    return "New in this period: " + ", ".join(f"{n} {label(k)} event(s)" for k, n in kinds.iter_rows()) + "."  # fmt: skip


def ledger_sums(events: pl.DataFrame) -> str:
    """What each side has received in the ledger, by kind (a lower bound where figures are missing)."""
    lines = []
    for kind, noun in LEDGER_SUMS:
        totals = series.cumulative(events, "year", [kind]).sort("period").group_by("received_by").agg(pl.all().last())  # fmt: skip
        for row in totals.sort("received_by", descending=True).iter_rows(named=True):
            lines.append(
                f"- {side(row['received_by'])} has received {bound(row['cumulative_undisclosed_events'])}"
                f"**{row['cumulative']:,}** {noun} (ledger sum)."
            )
    return "\n".join(lines) or "No completed event in the ledger."


def published_totals(totals: pl.DataFrame, sources: pl.DataFrame, last: dt.date) -> pl.DataFrame:
    """The newest published running total of each series up to `last`, with its publisher."""
    newest = latest(totals.filter(pl.col("as_of") <= last), ["series"], "as_of")
    return newest.join(publishers(sources), on="source_id", how="left").sort("series")


def killed_claims(claims: pl.DataFrame, sources: pl.DataFrame, last: dt.date) -> pl.DataFrame:
    """The newest current 'killed' statement of each subject and kind up to `last`."""
    current = claims.filter(pl.col("is_current"), pl.col("claim_date") <= last, pl.col("metric") == "killed")  # fmt: skip
    newest = latest(current, ["subject", "claim_kind"], "claim_date")
    return newest.join(publishers(sources), on="source_id", how="left").sort("subject", "claim_kind")


def cited_sources(sources: pl.DataFrame, *frames: pl.DataFrame) -> pl.DataFrame:
    """The sources the frames cite: publisher, title, date and address."""
    cited = pl.concat([f["source_id"] for f in frames]).unique()
    return sources.filter(pl.col("source_id").is_in(cited.implode())).select(
        "publisher", "title", "published", "url"
    ).sort("published", "publisher", nulls_last=True)


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
    """What changed in the period, in one sentence."""
    return (
        f"Since {day(p.previous)}: {c.events} new event(s), {c.statements} new casualty "
        f"statement(s), {c.revised} revised ledger figure(s) and {c.corrections.height} upstream "
        "correction(s) (a running total that fell)."
    )
