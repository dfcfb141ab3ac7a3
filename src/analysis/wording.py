"""Reader-facing words shared by charts, notebooks and reports: a figure with its qualifier
("at least 1,212"), dates in words ("16 May 2025"), the human labels of the tables' codes (sides,
event types, subjects, metrics, kinds of claim and series) and the latest row per group.

Notebooks call these instead of rebuilding sentences, so every sentence can be unit-tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

SIDES = ("ukraine", "russia")
SIDE_LABELS = {"ukraine": "Ukraine", "russia": "Russia"}
EVENT_TYPE_LABELS = {
    "pow_exchange": "POW exchange",
    "body_repatriation": "Body repatriation",
    "civilian_return": "Civilian return",
    "wounded_transfer": "Wounded transfer",
    "child_return": "Child return",
    "agreement": "Agreement",
    "other": "Other",
}
CLAIM_KIND_LABELS = {
    "independent_count": "Independent count",
    "monitoring": "Monitoring (UN)",
    "official_claim": "Claim by a warring party",
    "intelligence_estimate": "Intelligence estimate",
}
SERIES_KIND_LABELS = {
    "confirmed_lower_bound": "Confirmed (lower bound)",
    "claim": "Claim by a warring party",
    "estimate": "Estimate",
}
QUALIFIER_WORDS = {"at_least": "at least", "about": "about", "at_most": "up to"}
QUALIFIER_MARKS = {"at_least": "≥", "about": "~", "at_most": "≤"}
UNDISCLOSED = "undisclosed"


def _number(value: float) -> str:
    """A number with thousands separators and no decimals: 1,212."""
    return f"{value:,.0f}"


def figure_text(
    value: float | None,
    qualifier: str = "exact",
    *,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A figure in words with its qualifier: "1,212", "at least 1,212", "about 500", "up to 50",
    "1,000 to 2,000" (a range: `low`, else `value`, to `high`) or "undisclosed" (no value)."""
    if qualifier == "range" and high is not None:
        start = low if low is not None else value
        if start is not None:
            return f"{_number(start)} to {_number(high)}"
    if value is None or qualifier == UNDISCLOSED:
        return UNDISCLOSED
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {_number(value)}" if word else _number(value)


def format_count(value: float | None, qualifier: str = "exact") -> str:
    """A figure as a compact chart label: 1,212 · ≥1,000 · ~500 · ≤50 · undisclosed."""
    if value is None or qualifier == UNDISCLOSED:
        return UNDISCLOSED
    return f"{QUALIFIER_MARKS.get(qualifier, '')}{_number(value)}"


def day(date: dt.date | dt.datetime, short: bool = False) -> str:
    """A date in words: "16 May 2025" ("16 May 2025" with `short` month names: "1 Dec 2026")."""
    return f"{date:%-d %b %Y}" if short else f"{date:%-d %B %Y}"


def side_label(side: str) -> str:
    """The name of a side: ukraine → Ukraine; other codes as capitalised words."""
    return SIDE_LABELS.get(side, side.replace("_", " ").capitalize())


def event_type_label(event_type: str) -> str:
    """The name of an event type: pow_exchange → POW exchange."""
    return EVENT_TYPE_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def subject_label(subject: str) -> str:
    """Whose losses a subject counts: russia_military → Russia's military losses."""
    side, _, group = subject.partition("_")
    return f"{side_label(side)}'s {group} losses".replace("  ", " ")


def metric_label(metric: str) -> str:
    """A metric as words: names_identified → names identified."""
    return metric.replace("_", " ")


def kind_label(kind: str) -> str:
    """A kind of claim or series as words: official_claim → Claim by a warring party."""
    labels = {**SERIES_KIND_LABELS, **CLAIM_KIND_LABELS}
    return labels.get(kind, kind.replace("_", " ").capitalize())


def source_label(source_id: str, sources: pl.DataFrame | Sequence[str] | None = None) -> str:
    """A short reader-facing name for an upstream dataset: its `label` in the `sources` table
    when the table is given and has it (written from the registry at ingest), else the label in
    the upstream registry (a metadata-only leaf); an unknown id as it is."""
    if isinstance(sources, pl.DataFrame) and "label" in sources.columns:
        labels = sources.filter(pl.col("source_id") == source_id)["label"].drop_nulls()
        if labels.len():
            return str(labels[0])
    from analysis.ingest.adapters.registry import UPSTREAMS  # a leaf: imports nothing back

    entry = UPSTREAMS.get(source_id)
    return entry.label if entry else source_id


def latest(frame: pl.DataFrame, by: str | Sequence[str], on: str) -> pl.DataFrame:
    """The row with the greatest `on` in each group of `by`, groups in order of first appearance
    (the last such row when several share it)."""
    keys = [by] if isinstance(by, str) else list(by)
    return frame.group_by(keys, maintain_order=True).agg(pl.all().sort_by(on, maintain_order=True).last())


def share_text(share: float) -> str:
    """A share as a percentage: whole percents from 10%, one decimal below (0.4%, not 0%), so
    a chart's label and a sentence about the same delivery say the same."""
    return f"{share:.0%}" if share >= 0.1 else f"{share:.1%}"


def data_to(end: dt.date, short: bool = False) -> str:
    """The data's end, the last day the figures cover (one meaning on every chart and report):
    "Data to 6 March 2026"; `short` for a label at a line's end: "data to 6 Mar 2026"."""
    return f"data to {day(end, short=True)}" if short else f"Data to {day(end)}"


def published_on(date: dt.date) -> str:
    """The report's or chart's date, the day it is published: "Published 1 December 2026"."""
    return f"Published {day(date)}"


def dates_line(end: dt.date | None, published: dt.date | None) -> str:
    """Both named dates as one line: "Data to 6 March 2026 · Published 1 December 2026"."""
    return " · ".join(
        [*([data_to(end)] if end else []), *([published_on(published)] if published else [])]
    )
