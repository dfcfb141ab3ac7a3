"""Reader tables (analysis.reports.present): labels, qualifiers, dates, links, dashes, escaping."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis.reports import present

D = dt.date


def test_numbers_carry_their_qualifier() -> None:
    assert present.number(7982, "at_least") == "≥7,982"
    assert present.number(350000.0, "about") == "~350,000"
    assert present.number(50, "at_most") == "≤50"
    assert present.number(275000.0, "range", 325000.0) == "275,000–325,000"
    assert present.number(1245) == "1,245"
    assert present.number(None) is None
    assert present.number(5, "undisclosed") == "undisclosed"
    assert present.number(0.55) == "0.55"


def test_links_are_escaped_and_only_http_is_linked() -> None:
    assert present.link("https://a.example/x?a=1&b=2", "A & B") == (
        '<a href="https://a.example/x?a=1&amp;b=2">A &amp; B</a>'
    )
    assert present.link("https://www.kyivindependent.com/x") == (
        '<a href="https://www.kyivindependent.com/x">kyivindependent.com</a>'
    )
    assert present.link("javascript:alert(1)", "<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert present.link(None) is None


def test_a_frame_becomes_reader_text_without_internal_ids() -> None:
    frame = pl.DataFrame({
        "event_id": ["2025-06-02-body_repatriation-istanbul_agreement"], "source_id": ["S1"],
        "date": [D(2025, 6, 16)], "event_type": ["body_repatriation"], "received_by": ["russia"],
        "count": [27], "qualifier": ["at_least"], "series": ["bodies_returned_to_russia_istanbul_deal"],
        "status": ["ledger_short"], "url": ["https://tass.com/p"], "publisher": [None],
    }, schema_overrides={"publisher": pl.String})  # fmt: skip
    shown, markup = present.readable(frame)
    assert shown.columns == ["date", "event_type", "received_by", "count", "series", "status", "source"]
    assert shown.row(0) == (
        "16 Jun 2025", "Body repatriation", "Russia", "≥27",
        "Bodies returned to Russia, Istanbul deal", "Above the ledger",
        '<a href="https://tass.com/p">tass.com</a>',
    )
    assert markup == ["source"]


def test_a_range_shows_low_to_high_and_drops_the_bound_columns() -> None:
    frame = pl.DataFrame({"value": [275000.0], "value_low": [275000.0],
                          "value_high": [325000.0], "qualifier": ["range"]})  # fmt: skip
    shown, _ = present.readable(frame)
    assert shown.rows() == [("275,000–325,000",)]


def test_the_html_table_has_labels_a_footnoted_dash_and_no_markup_from_data() -> None:
    frame = pl.DataFrame({"claimant": ["<b>Medinsky</b>", None], "count": [78, None],
                          "qualifier": ["exact", "exact"]})  # fmt: skip
    html = present.table_html(frame, title="Bodies & more")
    assert "NaN" not in html and "None" not in html
    assert "&lt;b&gt;Medinsky&lt;/b&gt;" in html and "<b>Medinsky" not in html
    assert ">Stated by<" in html and ">Number<" in html
    assert html.count(">—<") == 2 and present.MISSING_NOTE in html
    assert 'data-label="Stated by"' in html and "Bodies &amp; more" in html
    assert present.table_html(frame) == present.table_html(frame)  # a stable id: same bytes


def test_source_links_list_each_cited_source_once_in_order() -> None:
    sources = pl.DataFrame({"source_id": ["a", "b"], "url": ["https://a.org/1", "https://b.org/2"],
                            "publisher": ["A", None]})  # fmt: skip
    cited = pl.DataFrame({"source_ids": ["b a", "a"]})
    assert present.source_links([cited, ["a", "zzz"]], sources) == (
        '<p class="report-sources"><strong>Sources (2):</strong> '
        '<a href="https://b.org/2">b.org</a> · <a href="https://a.org/1">A</a></p>'
    )
    assert present.source_links([["zzz"]], sources) == ""


def test_several_pages_of_one_publisher_are_numbered_links_under_its_name() -> None:
    sources = pl.DataFrame({"source_id": ["a", "b", "c"],
                            "url": ["https://kyiv.example/1", "https://x.org/2", "https://kyiv.example/3"],
                            "publisher": [None, "X", None]})  # fmt: skip
    assert present.source_links([["a", "b", "c"]], sources) == (
        '<p class="report-sources"><strong>Sources (3):</strong> kyiv.example '
        '<a href="https://kyiv.example/1">1</a> <a href="https://kyiv.example/3">2</a> · '
        '<a href="https://x.org/2">X</a></p>'
    )
