"""The sentences the reports state (analysis.reports.findings), with their exact wording."""

from __future__ import annotations

import datetime as dt

import polars as pl

import charts_frames as frames
from analysis.reports.findings import brief, casualty_claims, common, exchanges, repatriations
from analysis.reports.findings import upstream_series as upstream

D = dt.date
WINDOW = "24 February 2022 to 1 December 2026"


def _cumulative(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    """Cumulative rows: period, side, running total, events without a number so far, and the
    total's qualifier (at least once an event gave no number)."""
    schema = {"period": pl.Date, "received_by": pl.String, "cumulative": pl.Int64,
              "cumulative_undisclosed_events": pl.UInt32}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row").pipe(_qualified)


def _qualified(frame: pl.DataFrame) -> pl.DataFrame:
    """cumulative_qualifier as series.cumulative gives it for exact and undisclosed figures."""
    hidden = pl.col("cumulative_undisclosed_events") > 0
    return frame.with_columns(
        cumulative_qualifier=pl.when(hidden).then(pl.lit("at_least")).otherwise(pl.lit("exact"))
    )


CUMULATIVE = _cumulative([
    (D(2025, 1, 1), "ukraine", 100, 0), (D(2025, 2, 1), "ukraine", 7982, 5),
    (D(2025, 1, 1), "russia", 90, 0), (D(2025, 2, 1), "russia", 5660, 26),
])  # fmt: skip


def test_common_wording() -> None:
    assert common.day(D(2026, 12, 1)) == "1 December 2026"
    assert common.span(D(2022, 2, 24), D(2026, 12, 1)) == WINDOW
    assert common.figure(7982, "at_least") == "at least 7,982"
    assert common.figure(350000.0, "about") == "about 350,000"
    assert common.figure(1245) == "1,245"
    assert (common.bound(3), common.bound(0), common.bound(None)) == ("at least ", "", "")
    assert common.label("pow_exchange") == "pow exchange"
    assert common.side("ukraine") == "Ukraine"


def test_latest_takes_the_last_row_of_each_group_whatever_the_input_order() -> None:
    frame = pl.DataFrame({"g": ["b", "a", "b", "a"], "d": [2, 9, 1, 3], "v": [20, 90, 10, 30]})
    assert common.latest(frame, ["g"], "d").rows() == [("a", 9, 90), ("b", 2, 20)]


def test_busiest_period_sums_both_sides_and_breaks_ties_by_the_earlier_period() -> None:
    per_period = frames.per_period()  # January 402, April 2,000
    assert exchanges.busiest_period(per_period, "month", WINDOW) == (
        f"From {WINDOW}, the busiest month began on 1 April 2024: 2,000 people were returned "
        "to both sides together."
    )
    tied = per_period.with_columns(count=pl.lit(5))
    assert "began on 1 January 2024: 10 people" in exchanges.busiest_period(tied, "month", "W")
    nothing = per_period.with_columns(count=pl.lit(0))
    assert exchanges.busiest_period(nothing, "week", "W") == (
        "No exchange with a disclosed number from W."
    )


def test_side_totals_are_lower_bounds_when_an_event_gave_no_number() -> None:
    assert exchanges.side_totals(CUMULATIVE, WINDOW) == (
        f"From {WINDOW}: Ukraine received at least 7,982 people (5 event(s) without a number); "
        "Russia received at least 5,660 people (26 event(s) without a number)."
    )
    exact = CUMULATIVE.with_columns(cumulative_undisclosed_events=pl.lit(0, pl.UInt32)).pipe(_qualified)
    assert exchanges.side_totals(exact, "W") == (
        "From W: Ukraine received 7,982 people; Russia received 5,660 people."
    )
    about = exact.with_columns(cumulative_qualifier=pl.lit("about"))
    assert exchanges.side_totals(about, "W") == (
        "From W: Ukraine received about 7,982 people; Russia received about 5,660 people."
    )


def _figures(mediators: list[str | None], disputed: list[bool]) -> pl.DataFrame:
    """Headline figures, one event per mediator given."""
    n = len(mediators)
    return pl.DataFrame({
        "event_id": [f"e{i}" for i in range(n)], "date": [D(2025, 1, i + 1) for i in range(n)],
        "received_by": ["ukraine"] * n, "count": [10 * (i + 1) for i in range(n)],
        "claimant": ["Coordination HQ"] * n, "alt_count": [None] * n, "alt_claimant": [None] * n,
        "mediator": mediators, "disputed": disputed, "stage": [None] * n,
    }, schema_overrides={"alt_count": pl.Int64, "alt_claimant": pl.String, "stage": pl.String})  # fmt: skip


def test_mediators_counts_events_naming_one_and_the_most_named() -> None:
    figures = _figures(["UAE", "UAE", None, "Qatar"], [False] * 4)
    counts = exchanges.by_mediator(figures)
    assert counts.rows() == [("UAE", 2), ("Qatar", 1), ("none named", 1)]
    assert exchanges.mediators(counts, figures, "W") == (
        "3 of the 4 events from W name a mediator; **UAE** is named most often (2)."
    )
    none = _figures([None], [False])
    assert exchanges.mediators(exchanges.by_mediator(none), none, "W") == (
        "No event from W names a mediator."
    )


def test_asymmetry_counts_events_with_both_numbers_and_disputed_handovers() -> None:
    figures = _figures(["UAE", None], [True, False])
    assert exchanges.asymmetry(frames.asymmetry(), figures) == (
        "Of 3 events, 2 have numbers from both sides; in 2 of them the two sides received "
        "different numbers. In 1 event(s) Ukrainian and Russian statements give different "
        "figures for the same handover; the receiving side's own figure is used."
    )
    sources = pl.DataFrame({"source_id": ["S1"], "url": ["https://a.example/x"], "publisher": ["A"]})
    shown = exchanges.disputed(figures.with_columns(source_id=pl.lit("S1")), sources)
    assert shown.select("count", "url", "publisher").rows() == [(10, "https://a.example/x", "A")]


def test_staged_exchanges_sum_each_side_over_the_stages() -> None:
    figures = pl.DataFrame({
        "event_id": ["x", "x", "x", "y"], "stage": ["1", "1", "2", None],
        "date": [D(2025, 5, 23), D(2025, 5, 23), D(2025, 5, 25), D(2025, 6, 1)],
        "received_by": ["ukraine", "russia", "ukraine", "ukraine"], "count": [390, 390, 307, 5],
    })  # fmt: skip
    staged = exchanges.staged(figures)
    assert staged.rows() == [("x", D(2025, 5, 23), D(2025, 5, 25), 2, 697, 390)]
    assert exchanges.stages(staged, "W") == "1 exchange(s) from W were carried out in stages."
    assert exchanges.stages(staged.clear(), "W") == "No exchange from W was carried out in stages."


def test_repatriation_totals_and_the_ratio_where_both_sides_gave_a_number() -> None:
    exact = CUMULATIVE.with_columns(
        cumulative_undisclosed_events=pl.Series([0, 0, 0, 2], dtype=pl.UInt32)
    ).pipe(_qualified)
    assert repatriations.side_totals(exact, 33, WINDOW) == (
        f"In 33 repatriations from {WINDOW}: Ukraine received 7,982 bodies; "
        "Russia received at least 5,660 bodies."
    )
    assert repatriations.asymmetry(frames.asymmetry()) == (
        "In the 2 repatriations where both sides gave a number, Ukraine received 1,419 bodies "
        "and Russia 222: 6 for every one Russia received."
    )
    none = frames.asymmetry().filter(pl.col("to_russia").is_null())
    assert repatriations.asymmetry(none) == (
        "No repatriation in this window has numbers from both sides."
    )


def test_delivery_states_the_share_delivered_per_side() -> None:
    agreed = pl.DataFrame({"received_by": ["ukraine", "russia"], "count": [6000, 6000]})
    assert repatriations.delivery(frames.delivery(), agreed, "deal", D(2025, 7, 1)) == [
        "By 14 June 2025, Ukraine had received 2,424 of the 6,000 bodies agreed (40%).",
        "By 14 June 2025, Russia had received 51 of the 6,000 bodies agreed (0.9%), plus 1 "
        "delivery(ies) without a number.",
    ]
    only_ukraine = frames.delivery().filter(pl.col("received_by") == "ukraine")
    assert repatriations.delivery(only_ukraine, agreed, "deal", D(2025, 7, 1))[1] == (
        "No delivery to Russia of the 6,000 bodies agreed is recorded by 1 July 2025."
    )
    assert repatriations.delivery(only_ukraine, agreed.clear(), "deal", D(2025, 7, 1)) == [
        "The agreement `deal` is not in the ledger as of 1 July 2025."
    ]


def test_casualty_statements_and_latest_figures() -> None:
    claims = frames.claims()
    assert casualty_claims.statements(claims, D(2026, 12, 1), True) == (
        "4 statements up to 1 December 2026: 2 independent count, 2 official claim."
    )
    assert casualty_claims.statements(claims.head(0), D(2026, 12, 1), False) == (
        "0 statements up to 1 December 2026:  (claims by the warring parties left out)."
    )
    latest = casualty_claims.latest_figures(claims)
    assert casualty_claims.latest_sentences(latest) == [
        "Russia military, killed: **189,000 to 273,000** (independent count, Mediazona/BBC "
        "Russian, 8 August 2025).",
        "Russia military, names identified: **at least 111,000** (independent count, "
        "Mediazona/BBC Russian, 11 June 2025).",
        "Russia military, killed: **about 95,000** (claim by a warring party, Ukrainian General "
        "Staff, 1 March 2025).",
        "Ukraine military, killed: **at least 46,000** (claim by a warring party, Zelensky, "
        "16 February 2025).",
    ]


def test_claim_against_the_nearest_earlier_independent_count() -> None:
    pairs = pl.DataFrame({
        "claim_date": [D(2025, 3, 1), D(2025, 3, 1)], "claimant": ["General Staff"] * 2,
        "claim_value": [95000.0] * 2, "claim_qualifier": ["about"] * 2,
        "independent_source": ["Mediazona", "CSIS"],
        "independent_date": [D(2025, 1, 1), D(2024, 6, 1)], "independent_value": [90000.0, 80000.0],
        "independent_qualifier": ["at_least", "exact"], "lag_days": [59, 273],
        "ratio": [95000 / 90000, 95000 / 80000],
    })  # fmt: skip
    assert casualty_claims.against_independent(pairs, "russia_military") == (
        "Russia military: on 1 March 2025 General Staff said about 95,000; Mediazona counted at "
        "least 90,000 by 1 January 2025, a ratio of 1.1."
    )
    estimate = pairs.head(1).with_columns(
        claim_qualifier=pl.lit("exact"), independent_qualifier=pl.lit("range"),
        independent_value=pl.lit(60000.0), independent_value_high=pl.lit(100000.0),
        ratio=pl.lit(95000 / 60000), independent_source=pl.lit("CSIS"),
    )  # fmt: skip
    assert casualty_claims.against_independent(estimate, "russia_military") == (
        "Russia military: on 1 March 2025 General Staff said 95,000; CSIS estimated 60,000 to "
        "100,000 by 1 January 2025, a ratio of 1.6 to its low end."
    )
    assert casualty_claims.against_independent(pairs.clear(), "ukraine_military") == (
        "Ukraine military: no official claim with an earlier independent count."
    )


def test_reconciliation_counts_each_status() -> None:
    gaps = pl.DataFrame({"status": ["ok", "ledger_short", "ledger_short", "ledger_over", "n/a"]})
    assert casualty_claims.reconciliation(gaps) == (
        "Of 5 published running totals, 1 match the ledger within 1%, 2 are above the ledger's "
        "sum (events missing from the ledger) and 1 below it."
    )


def test_upstream_series_sentences() -> None:
    values = frames.upstream_series().with_columns(pl.col("flag").cast(pl.String))
    assert upstream.running_totals(values) == [
        "killed (russia military): at least 112,000 by 1 July 2025 (confirmed lower bound)."
    ]
    daily = values.with_columns(delta_mean_7d=pl.Series([None, 12.25, 13.5]))
    assert upstream.rolling_means(daily, 7) == [
        "killed (russia military): 13.5 a day on average over the 7 days to 1 July 2025."
    ]
    assert upstream.correction_note(values.clear(), D(2022, 2, 24)) == (
        "The running total never fell: no corrections."
    )
    fell = values.head(2)
    assert upstream.correction_note(fell, D(2022, 2, 24)) == (
        "The running total fell 2 time(s) from 24 February 2022: those days are flagged as "
        "corrections and their daily value is left out."
    )
    assert upstream.no_data("nosuch", ["personnel"], ["oryx"]) == (
        "**No upstream data from nosuch and metrics personnel.** Sources present: oryx. "
        "Fetch a snapshot with `analysis fetch` (or drop one into `data/raw/upstream/`), then "
        "run `analysis ingest`."
    )


def test_the_daily_series_is_the_first_metric_asked_for_in_its_newest_vintage() -> None:
    daily = pl.DataFrame({
        "subject": ["russia_military"] * 4, "metric": ["tanks", "tanks", "personnel", "personnel"],
        "vintage": ["v1", "v1", "v1", "v2"], "date": [D(2025, 1, d) for d in (1, 2, 1, 2)],
    })  # fmt: skip
    one = upstream.first_series(daily, daily, ["personnel"])
    assert one.rows() == [("russia_military", "personnel", "v2", D(2025, 1, 2))]
    assert upstream.first_series(daily, daily, [])["metric"].unique().to_list() == ["personnel"]


def test_brief_period_and_its_lines() -> None:
    week = brief.period(D(2026, 12, 1), "week")
    assert (week.first, week.previous) == (D(2026, 11, 25), D(2026, 11, 24))
    assert brief.period(D(2026, 12, 1), "month").first == D(2026, 11, 2)
    assert brief.period_line(week) == "**Period:** 25 November 2026 – 1 December 2026 (one week)."
    changes = brief.Changes(2, 1, 0, pl.DataFrame({"x": [1]}))
    assert brief.changes_line(changes, week) == (
        "Dated in the period: 2 new event(s), 1 new casualty statement(s), 0 revised ledger "
        "figure(s) and 1 upstream correction(s) (a running total that fell)."
    )


def test_ledger_sums_state_the_numbers_their_table_shows() -> None:
    rows = pl.DataFrame({"what": ["Bodies received by Ukraine", "Bodies received by Russia"],
                         "value": [21727, 511], "qualifier": ["exact", "at_least"]})  # fmt: skip
    assert brief.ledger_sums(rows) == (
        "- Bodies received by Ukraine: **21,727** (ledger sum).\n"
        "- Bodies received by Russia: **at least 511** (ledger sum)."
    )
    assert brief.ledger_sums(rows.clear()) == "No completed event in the ledger."


def test_a_published_total_says_why_it_differs_from_the_ledger() -> None:
    assert brief._why("ledger_short", 2) == (
        "The ledger misses events or numbers counted here (2 without a number)."
    )
    assert brief._why("ledger_over", 0) == (
        "This figure leaves out events the ledger has, or is older."
    )
    assert brief._why("bound_satisfied", 0) == "A bound the ledger's sum meets."
    assert brief._why("not_comparable", None) == "A stock: not a sum of events."


def test_the_last_year_sentence_sums_the_charts_own_data() -> None:
    data = pl.DataFrame({"period": [D(2026, 1, 1)] * 2 + [D(2026, 2, 1)] * 2,
                         "received_by": ["ukraine", "russia"] * 2, "count": [1000, 30, 2662, 656]})  # fmt: skip
    assert brief.last_year(data) == (
        "In the twelve months charted, people returned alive: Ukraine **3,662**, Russia **686**."
    )
    assert brief.last_year(data.clear()) == (
        "No completed return of living people in the twelve months to the end of the period."
    )
    uncovered = data.with_columns(covered=pl.lit(False), count=pl.lit(None, pl.Int64))
    assert brief.last_year(uncovered) == (
        "The data does not cover the twelve months charted: nothing can be said of them."
    )
