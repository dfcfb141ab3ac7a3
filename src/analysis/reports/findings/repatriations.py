"""What the repatriations report states: bodies per side, the asymmetry, delivery of an agreement."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import series
from analysis.reports.findings.common import data_to_note, day, figure, side
from analysis.reports.findings.common import scope as scope
from analysis.series import published
from analysis.wording import share_text


def cumulative(data: dict[str, pl.DataFrame], events: pl.DataFrame, types: list[str],
               start: dt.date, end: dt.date | None) -> tuple[pl.DataFrame, pl.DataFrame]:  # fmt: skip
    """The cumulative bodies per side to the data's end and the published totals beside them:
    from the war's start, the reconciled curve (its part not itemised) and the totals' marks;
    from a later start only the ledger's sums (a published total counts from the war's start)."""
    first = events.filter(pl.col("event_type").is_in(types))["date"].min()
    if first is not None and start <= first:
        frame = published.reconciled(events, data["totals"], "month", types, end, data["coverage"])
        return frame, published.published(data["totals"], published.matching(types), end)
    frame = series.cumulative(events, "month", types, start, end, data["coverage"])
    return frame, published.published(data["totals"], {}, end)


def side_totals(cumulative: pl.DataFrame, repatriations: int, window: str) -> str:
    """The bodies each side received in the window (a lower bound where a figure is missing),
    the data's end and, beside the published totals, the part the ledger does not itemise."""
    known = cumulative.drop_nulls("cumulative")  # periods outside coverage have no running total
    latest = known.group_by("received_by").agg(pl.all().sort_by("period").last())
    totals = {row["received_by"]: row for row in latest.iter_rows(named=True)}
    sentences = [
        f"{side(code)} received {figure(row['cumulative'], row['cumulative_qualifier'])} bodies"
        for code, row in sorted(totals.items(), reverse=True)
    ]
    said = f"In {repatriations} repatriations from {window}: " + "; ".join(sentences) + "."
    return said + data_to_note(cumulative) + _not_itemised(totals)


def _not_itemised(totals: dict[str, dict[str, object]]) -> str:
    """" About 2,100 bodies received by Ukraine were published but are not itemised ..." per side
    with a gap to its published totals (reconciled frames only), else ""."""
    parts = []
    for code, row in sorted(totals.items(), reverse=True):
        gap = row.get("not_itemised")
        if isinstance(gap, int) and gap > 0:
            parts.append(f" About {round(gap, -2 if gap >= 1000 else -1):,} bodies received by "
                         f"{side(code)} were published in running totals but are not itemised in "
                         "the ledger (the band on the chart).")  # fmt: skip
    return "".join(parts)


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


def delivery(
    delivered: pl.DataFrame, agreed: pl.DataFrame, agreement: str, end: dt.date
) -> list[str]:
    """One sentence per side: what was delivered of what was agreed, by the last delivery."""
    if not agreed.height:
        return [f"The agreement `{agreement}` is not in the ledger as of {day(end)}."]
    sentences = []
    for code in ("ukraine", "russia"):
        rows = delivered.filter(pl.col("received_by") == code)
        target = agreed.filter(pl.col("received_by") == code)["count"].sum()
        if not rows.height:
            sentences.append(
                f"No delivery to {side(code)} of the {target:,} bodies agreed is recorded by {day(end)}."
            )
            continue
        last = rows.row(-1, named=True)
        hidden = last["undisclosed_events"]
        more = f", plus {hidden} delivery(ies) without a number" if hidden else ""
        sentences.append(
            f"By {day(last['date'])}, {side(code)} had received {last['delivered']:,} of the "
            f"{last['agreed']:,} bodies agreed ({share_text(last['share'])}){more}."
        )
    return sentences
