"""The shared wording: figures with their qualifier, dates in words, labels, the latest row."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from analysis import wording
from analysis.charts import style


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [
        (1212, "exact", "1,212"),
        (1212.0, "at_least", "at least 1,212"),
        (500, "about", "about 500"),
        (50, "at_most", "up to 50"),
        (1_000_000, "exact", "1,000,000"),
        (0, "exact", "0"),
        (None, "exact", "undisclosed"),
        (None, "undisclosed", "undisclosed"),
        (12, "undisclosed", "undisclosed"),
    ],
)
def test_figure_text(value: float | None, qualifier: str, expected: str) -> None:
    assert wording.figure_text(value, qualifier) == expected


def test_figure_text_ranges() -> None:
    assert wording.figure_text(None, "range", low=1000, high=2500) == "1,000 to 2,500"
    assert wording.figure_text(1000, "range", high=2500) == "1,000 to 2,500"
    assert wording.figure_text(1000, "range") == "1,000"  # no upper end: the value alone


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [(1212, "exact", "1,212"), (1000, "at_least", "≥1,000"), (500, "about", "~500"),
     (50, "at_most", "≤50"), (None, "exact", "undisclosed")],
)  # fmt: skip
def test_format_count_is_the_compact_chart_form(value: float | None, qualifier: str, expected: str) -> None:
    assert wording.format_count(value, qualifier) == expected


def test_day_in_words() -> None:
    assert wording.day(dt.date(2025, 5, 16)) == "16 May 2025"
    assert wording.day(dt.date(2026, 12, 1)) == "1 December 2026"
    assert wording.day(dt.datetime(2026, 12, 1, 23, 59)) == "1 December 2026"
    assert wording.day(dt.date(2026, 12, 1), short=True) == "1 Dec 2026"


def test_labels() -> None:
    assert wording.side_label("ukraine") == "Ukraine"
    assert wording.side_label("third_party") == "Third party"
    assert wording.event_type_label("pow_exchange") == "POW exchange"
    assert wording.event_type_label("prisoner_swap") == "Prisoner swap"
    assert wording.subject_label("russia_military") == "Russia's military losses"
    assert wording.subject_label("ukraine_civilian") == "Ukraine's civilian losses"
    assert wording.metric_label("names_identified") == "names identified"
    assert wording.kind_label("official_claim") == "Claim by a warring party"
    assert wording.kind_label("confirmed_lower_bound") == "Confirmed (lower bound)"
    assert wording.kind_label("some_kind") == "Some kind"


def test_source_label_reads_the_label_of_the_sources_table() -> None:
    sources = pl.DataFrame({"source_id": ["ukrwarlosses_name_counts", "S1"],
                            "label": ["ukrainewarlosses.org", None]})  # fmt: skip
    assert wording.source_label("ukrwarlosses_name_counts", sources) == "ukrainewarlosses.org"
    assert wording.source_label("S1", sources) == "S1"  # no label: the id
    assert wording.source_label("ukrwarlosses_name_counts") == "ukrainewarlosses.org"  # registry
    assert wording.source_label("ukrwarlosses_name_counts", ["Name"]) == "ukrainewarlosses.org"
    assert wording.source_label("not_registered") == "not_registered"


def test_the_chart_style_uses_the_same_labels() -> None:
    assert style.event_type_label is wording.event_type_label
    assert style.SIDES is wording.SIDES
    assert style.CLAIM_KIND_STYLES["official_claim"]["label"] == "Claim by a warring party"


def test_latest_row_per_group() -> None:
    frame = pl.DataFrame({
        "side": ["russia", "ukraine", "russia", "ukraine", "ukraine"],
        "date": [dt.date(2025, 1, 3), dt.date(2025, 1, 1), dt.date(2025, 1, 1),
                 dt.date(2025, 1, 5), dt.date(2025, 1, 5)],
        "value": [3, 1, 2, 5, 6],
    })  # fmt: skip
    assert wording.latest(frame, "side", "date").rows() == [
        ("russia", dt.date(2025, 1, 3), 3),
        ("ukraine", dt.date(2025, 1, 5), 6),  # of two rows on the latest date, the last
    ]
    two = frame.with_columns(metric=pl.lit("killed"))
    assert wording.latest(two, ["side", "metric"], "date")["value"].to_list() == [3, 6]
