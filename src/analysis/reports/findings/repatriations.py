"""What the repatriations report states: bodies per side, the asymmetry, delivery of an agreement."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import series
from analysis.reports.findings.common import bound, day, side
from analysis.reports.findings.common import scope as scope


def side_totals(cumulative: pl.DataFrame, repatriations: int, window: str) -> str:
    """The bodies each side received in the window (a lower bound where a figure is missing)."""
    latest = cumulative.group_by("received_by").agg(pl.all().sort_by("period").last())
    totals = {row["received_by"]: row for row in latest.iter_rows(named=True)}
    sentences = [
        f"{side(code)} received {bound(row['cumulative_undisclosed_events'])}{row['cumulative']:,} bodies"
        for code, row in sorted(totals.items(), reverse=True)
    ]
    return f"In {repatriations} repatriations from {window}: " + "; ".join(sentences) + "."


def asymmetry(table: pl.DataFrame) -> str:
    """Bodies each side received in the repatriations where both gave a number, and the ratio."""
    both = table.filter(
        pl.col("to_ukraine").is_not_null() & pl.col("to_russia").is_not_null()
        & (pl.col("to_russia") > 0)
    )  # fmt: skip
    if not both.height:
        return "No repatriation in this window has numbers from both sides."
    to_ukraine, to_russia = both["to_ukraine"].sum(), both["to_russia"].sum()
    return (
        f"In the {both.height} repatriations where both sides gave a number, Ukraine received "
        f"{to_ukraine:,} bodies and Russia {to_russia:,}: "
        f"{to_ukraine / to_russia:,.0f} for every one Russia received."
    )


def agreed(events: pl.DataFrame, agreement: str) -> pl.DataFrame:
    """The agreed figures of an agreement (empty when it is not in the ledger)."""
    return series.headline(events).filter(
        pl.col("status") == "agreed", pl.col("event_id") == agreement
    )


def cited(events: pl.DataFrame, agreement: str) -> pl.DataFrame:
    """The agreement's rows and its deliveries' rows: the sources a delivery chart cites."""
    return series.headline(events).filter(
        (pl.col("event_id") == agreement) | (pl.col("agreement_id") == agreement)
    )


def delivery(delivered: pl.DataFrame, agreed: pl.DataFrame, agreement: str, end: dt.date) -> list[str]:
    """One sentence per side: what was delivered of what was agreed, by the last delivery."""
    if not agreed.height:
        return [f"The agreement `{agreement}` is not in the ledger as of {day(end)}."]
    sentences = []
    for code in ("ukraine", "russia"):
        rows = delivered.filter(pl.col("received_by") == code)
        target = agreed.filter(pl.col("received_by") == code)["count"].sum()
        if not rows.height:
            sentences.append(f"No delivery to {side(code)} of the {target:,} bodies agreed is recorded by {day(end)}.")
            continue
        last = rows.row(-1, named=True)
        hidden = last["undisclosed_events"]
        more = f", plus {hidden} delivery(ies) without a number" if hidden else ""
        sentences.append(
            f"By {day(last['date'])}, {side(code)} had received {last['delivered']:,} of the "
            f"{last['agreed']:,} bodies agreed ({last['share']:.0%}){more}."
        )
    return sentences
