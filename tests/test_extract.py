"""Tests for analysis.extract (rules), analysis.review (interactive append) and `analysis extract`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from analysis.config import Paths
from analysis.errors import InputError
from analysis.text import extract, review
from cli_runner import run

SEED_URL = "https://www.themoscowtimes.com/2025/06/11/ukraine-says-russia-returned-more-than-12k-bodies-of-killed-soldiers-a89411"
ARTICLE = dt.date(2025, 6, 11)  # a Wednesday


@pytest.fixture
def seed(shared_reference: Path) -> Path:
    """The seed story in ../shared/seeds (fails under CI when missing)."""
    path = shared_reference.parent / "seeds" / "000_9452108eebbe08aa.txt"
    assert path.exists()
    return path


def keyed(candidates: list[extract.Candidate]) -> set[tuple[str, ...]]:
    """(table, date, type/metric, side/subject, value, qualifier, status or claim_kind, claimant)."""
    out = set()
    for c in candidates:
        r = c.row
        if c.table == "events":
            out.add(("events", r["date"], r["event_type"], r["received_by"], r["count"],
                     r["qualifier"], r["status"], r["claimant"]))  # fmt: skip
        else:
            out.add(("claims", r["claim_date"], r["metric"], r["subject"], r["value"],
                     r["qualifier"], r["claim_kind"], r["claimant"]))  # fmt: skip
    return out


SEED_ROWS = {
    ("events", "2025-06-11", "body_repatriation", "ukraine", "1212", "exact", "completed", "Coordination HQ; Saraliyev"),
    ("events", "2025-06-11", "body_repatriation", "russia", "27", "exact", "completed", "Medinsky"),
    ("events", "2025-06-02", "body_repatriation", "ukraine", "6000", "exact", "agreed", "Kremlin"),
    ("events", "2025-06-02", "body_repatriation", "russia", "6000", "exact", "agreed", "Kremlin"),
    ("claims", "2025-02", "killed", "ukraine_military", "46000", "at_least", "official_claim", "Zelensky"),
    ("claims", "2025-06-11", "names_identified", "russia_military", "111000", "at_least", "independent_count",
     "independent tally by Russian media"),
}  # fmt: skip


def test_seed_story_gives_exactly_the_expected_rows_with_defaults_from_the_text(seed: Path) -> None:
    candidates = extract.extract(seed.read_text(encoding="utf-8"))
    assert keyed(candidates) == SEED_ROWS
    assert {c.row["source_urls"] for c in candidates} == {SEED_URL}
    ukraine = next(c for c in candidates if c.row.get("count") == "1212")
    assert ukraine.row["event_id"] == "2025-06-11-body_repatriation"
    assert ukraine.row["claimant_side"] == "ukraine" and ukraine.row["id"] == ""
    assert ukraine.sentence.startswith("Russia has returned the bodies of 1,212 Ukrainian soldiers")
    assert ukraine.confidence == 0.85  # claimant read from the next sentence


def test_seed_story_date_and_url_options_override_the_text(seed: Path) -> None:
    candidates = extract.extract(
        seed.read_text(encoding="utf-8"), dt.date(2025, 6, 12), "https://x.org/a"
    )
    rows = keyed(candidates)
    assert (
        "events",
        "~2025-06-11",
        "body_repatriation",
        "russia",
        "27",
        "exact",
        "completed",
        "Medinsky",
    ) in rows
    assert ("claims", "2025-06-12", "names_identified", "russia_military", "111000", "at_least",
            "independent_count", "independent tally by Russian media") in rows  # fmt: skip
    assert {c.row["source_urls"] for c in candidates} == {"https://x.org/a"}


def test_text_without_a_date_needs_the_date_option() -> None:
    with pytest.raises(InputError, match="no article date found: give --date YYYY-MM-DD"):
        extract.extract("Russia returned 100 prisoners of war to Ukraine.")
    found = extract.extract("Russia returned 100 prisoners of war to Ukraine.", ARTICLE)
    assert keyed(found) == {
        ("events", "2025-06-11", "pow_exchange", "ukraine", "100", "exact", "completed", "")
    }
    assert found[0].confidence == 0.5  # claimant unknown (0.4) and date assumed (0.1)


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("Ukraine received 1 212 bodies of fallen soldiers.", "1212", "exact"),
        ("Ukraine received 1.2K bodies of fallen soldiers.", "1200", "exact"),
        ("Ukraine received some 1,200 bodies of fallen soldiers.", "1200", "about"),
        ("Ukraine received more than a thousand bodies of fallen soldiers.", "1000", "at_least"),
        ("Ukraine received up to two hundred bodies of fallen soldiers.", "200", "at_most"),
        ("Russia handed over 909 bodies of fallen soldiers to Ukraine.", "909", "exact"),
    ],
)
def test_numbers_and_qualifiers(sentence: str, value: str, qualifier: str) -> None:
    (candidate,) = extract.extract(sentence, ARTICLE)
    assert (candidate.row["count"], candidate.row["qualifier"], candidate.row["received_by"]) == (
        value, qualifier, "ukraine")  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "date"),
    [
        ("on Wednesday", "2025-06-11"),
        ("on Monday", "~2025-06-09"),
        ("yesterday", "~2025-06-10"),
        ("last week", "~2025-06-04"),
        ("in May", "2025-05"),
        ("in September", "2024-09"),
        ("on June 2", "2025-06-02"),
        ("on 20 December", "2024-12-20"),
        ("last month", "2025-05"),
        ("last Monday", "~2025-06-09"),
        ("on Wednesday last week", "~2025-06-04"),
        ("on Monday of last week", "~2025-06-02"),
        ("the day before yesterday", "~2025-06-09"),
        ("позавчера", "~2025-06-09"),
        ("в прошлую среду", "~2025-06-04"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(phrase: str, date: str) -> None:
    (candidate,) = extract.extract(
        f"Russia returned 84 prisoners of war to Ukraine {phrase}.", ARTICLE
    )
    assert candidate.row["date"] == date
    assert candidate.row["event_id"] == f"{date.lstrip('~')}-pow_exchange"


@pytest.mark.parametrize(
    ("second", "date"),
    [
        ("Two days earlier, Ukraine received 909 bodies of fallen soldiers.", "~2025-06-07"),
        ("The previous day, Ukraine received 909 bodies of fallen soldiers.", "~2025-06-08"),
        ("The day before, Ukraine received 909 bodies of fallen soldiers.", "~2025-06-08"),
        ("A day later, Ukraine received 909 bodies of fallen soldiers.", "~2025-06-10"),
        ("Напередодні Україна отримала тіла 909 загиблих воїнів.", "~2025-06-08"),
        ("Накануне Украине были переданы тела 909 погибших.", "~2025-06-08"),
        ("За два дні до того Україна отримала тіла 909 загиблих воїнів.", "~2025-06-07"),
    ],
)
def test_offsets_count_from_the_date_of_the_figure_before(second: str, date: str) -> None:
    first = "Russia returned 84 prisoners of war to Ukraine on June 9, Zelensky said."
    found = {c.row["count"]: c.row["date"] for c in extract.extract(f"{first} {second}", ARTICLE)}
    assert found == {"84": "2025-06-09", "909": date}


def test_offsets_without_a_figure_before_count_from_the_article_date() -> None:
    (candidate,) = extract.extract("Накануне Украине были переданы тела 909 погибших.", ARTICLE)
    assert candidate.row["date"] == "~2025-06-10"


def test_a_claim_is_dated_when_it_was_said_not_by_its_period() -> None:
    text = "Syrskyi said in December that Russian forces had lost more than 418,000 troops killed and wounded in 2025."
    (candidate,) = extract.extract(text, dt.date(2026, 1, 14))
    assert (candidate.row["claim_date"], candidate.row["metric"]) == ("2025-12", "casualties")


def test_two_part_dateline_gives_the_article_date() -> None:
    text = "KYIV, Ukraine, May 24, 2025\n\nUkraine received 390 prisoners of war on Friday."
    (candidate,) = extract.extract(text)
    assert candidate.row["date"] == "~2025-05-23"


def test_ukrainian_and_russian_number_words_are_read() -> None:
    text = (
        "Сьогодні з полону повернулися двісті наших захисників, повідомив Лубінець. "
        "Украине передали двадцать тяжелораненых военнопленных."
    )
    rows = {
        (c.row["event_type"], c.row["received_by"], c.row["count"])
        for c in extract.extract(text, ARTICLE)
    }
    assert rows == {("pow_exchange", "ukraine", "200"), ("wounded_transfer", "ukraine", "20")}


def test_a_figure_only_in_the_headline_is_proposed_a_repeated_one_is_not() -> None:
    text = (
        "# Ukraine brings home 84 soldiers; 1.2K bodies returned\n\n"
        "Russia returned the bodies of 1,212 Ukrainian soldiers, Zelensky said."
    )
    rows = {(c.row["event_type"], c.row["count"]) for c in extract.extract(text, ARTICLE)}
    assert rows == {("body_repatriation", "1212"), ("pow_exchange", "84")}


def test_changes_of_a_count_and_counts_of_appeals_give_nothing() -> None:
    text = (
        "За две недели список Медиазоны пополнился на 3 208 имен погибших военных. "
        "Москалькова получила более 9 тысяч обращений от родственников пропавших военнослужащих."
    )
    assert extract.extract(text, ARTICLE) == []


def test_period_starts_and_possessives_do_not_date_a_figure() -> None:
    text = "Since late 2022, after last week's talks, Zelensky said more than 46,000 Ukrainian soldiers had been killed."
    (candidate,) = extract.extract(text, ARTICLE)
    assert candidate.row["claim_date"] == "2025-06-11"


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Повернуто тіла 1200 загиблих захисників, повідомив Координаційний штаб.", "ukraine"),
        ("Сегодня из украинского плена возвращены 84 российских военнослужащих.", "russia"),
        ("Украина передала России тела 41 погибшего военнослужащего, сообщил Мединский.", "russia"),
        ("Russia said it received the remains of 27 soldiers.", "russia"),
        ("Ukraine handed over 27 bodies, Medinsky said.", "russia"),
        ("Russia said it had received 200 of its servicemen in the swap.", "russia"),
        (
            "Russia's defence ministry said in a statement that it had received back 146 soldiers.",
            "russia",
        ),
        ("Kyiv said Moscow had handed over 146 soldiers.", "ukraine"),
        ("Накануне Украине были переданы тела 1000 погибших.", "ukraine"),
        ("Позавчера в Россию возвращены тела 31 военнослужащего.", "russia"),
    ],
)
def test_receiving_side_in_three_languages(sentence: str, side: str) -> None:
    (candidate,) = extract.extract(sentence, ARTICLE)
    assert candidate.row["received_by"] == side


def test_figures_about_drones_money_and_totals_give_nothing() -> None:
    text = (
        "Russia launched 479 drones overnight, the Air Force said. The EU pledged 2.5 billion euros. "
        "In total, 5,757 Ukrainians have been returned through exchanges since 2022."
    )
    assert extract.extract(text, ARTICLE) == []


def test_ranges_become_range_claims_with_value_high() -> None:
    (candidate,) = extract.extract(
        "Between 190,000 and 270,000 Russian soldiers have been killed, Mediazona said.", ARTICLE
    )
    assert (candidate.row["value"], candidate.row["value_high"], candidate.row["qualifier"]) == (
        "190000", "270000", "range")  # fmt: skip
    assert candidate.row["claim_kind"] == "independent_count"


def test_html_input_reads_meta_date_and_canonical_url() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2025-06-11T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/a"><script>var x = 500;</script></head>'
        "<body><h1>1,000 bodies back</h1><p>Ukraine received 1,000 bodies of fallen soldiers "
        "on Wednesday, the Coordination Headquarters said.</p></body></html>"
    )
    (candidate,) = extract.extract(html)
    assert (
        candidate.row["date"] == "2025-06-11"
        and candidate.row["source_urls"] == "https://example.org/a"
    )
    assert candidate.row["claimant"] == "Coordination HQ" and candidate.confidence == 1.0


# --- CLI and review ---------------------------------------------------------------------------


def test_cli_out_writes_two_files_in_ledger_format(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(["extract", str(seed), "--out", str(tmp_path / "cand.csv")], capsys)
    assert result.code == 0, result.output
    events = list(csv.DictReader((tmp_path / "cand-events.csv").open(encoding="utf-8")))
    claims = list(csv.DictReader((tmp_path / "cand-claims.csv").open(encoding="utf-8")))
    assert len(events) == 4 and len(claims) == 2
    assert list(events[0]) == [*extract.EVENT_COLUMNS, "sentence", "confidence"]
    assert list(claims[0]) == [*extract.CLAIM_COLUMNS, "sentence", "confidence"]
    assert "4 candidate(s) in" in result.output


def test_cli_rejects_a_bad_date(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", str(seed), "--date", "11/06/2025"], capsys)
    assert code == 2
    assert err == "error: --date '11/06/2025' is not a date (YYYY-MM-DD)\n"


def _ledger_lines(paths: Paths, name: str) -> list[str]:
    return (paths.ledger / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture
def changed_seed(seed: Path, tmp_path: Path) -> Path:
    """The seed story with 1,212 → 1,213 and 46,000 → 47,000 (conflicts with E0012 and C0001)
    and 111,000 → 112,000 (new: the ledger's C0002 has another claimant)."""
    text = seed.read_text(encoding="utf-8")
    for old, new in (("1,212", "1,213"), ("46,000", "47,000"), ("111,000", "112,000")):
        text = text.replace(old, new)
    path = tmp_path / "changed" / "seed.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_review_walks_only_new_and_conflicting_and_appends_after_confirmation(
    project: Paths, changed_seed: Path
, capsys: pytest.CaptureFixture[str]) -> None:
    before_events = _ledger_lines(project, "events.csv")
    before_claims = _ledger_lines(project, "claims.csv")
    # shown: 1213 (conflict E0012): accept; 47000 (conflict C0001): edit, accept; 112000: skip.
    answers = "a\ne value=47500\na\ns\ny\n"
    result = run(["extract", str(changed_seed), "--review"], capsys, stdin=answers)
    assert result.code == 0, result.output
    for known in ("E0013", "E0010", "E0011"):
        assert f"known {known}, not shown" in result.output
    assert "[1/3] conflict E0012 (1212 exact)" in result.output
    assert "[2/3] conflict C0001 (46000 at_least)" in result.output
    assert "[3/3] new" in result.output
    e1, c1 = f"E{len(before_events):04d}", f"C{len(before_claims):04d}"
    events = _ledger_lines(project, "events.csv")
    claims = _ledger_lines(project, "claims.csv")
    assert events[: len(before_events)] == before_events
    assert events[len(before_events) :] == [
        f"{e1},2025-06-11-body_repatriation,,2025-06-11,body_repatriation,ukraine,1213,exact,completed,,Coordination HQ; Saraliyev,ukraine,{SEED_URL},,,",
    ]  # fmt: skip
    assert claims[len(before_claims) :] == [
        f"{c1},2025-02,,ukraine_military,killed,47500,,at_least,Zelensky,official_claim,,{SEED_URL},,"
    ]
    assert "appended 1 to events.csv, 1 to claims.csv" in result.output
    check = run(["check"], capsys)
    assert check.code == 0, check.output


def test_review_writes_nothing_without_confirmation(
    project: Paths, changed_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _ledger_lines(project, "events.csv")
    result = run(["extract", str(changed_seed), "--review"], capsys, stdin="a\nq\nn\n")
    assert result.code == 0, result.output
    assert _ledger_lines(project, "events.csv") == before
    assert "not confirmed, the ledger is unchanged" in result.output


def test_review_refuses_a_row_the_ledger_would_reject(
    project: Paths, changed_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _ledger_lines(project, "events.csv")
    answers = "e qualifier=undisclosed\na\ne field\ns\nq\n"
    result = run(["extract", str(changed_seed), "--review"], capsys, stdin=answers)
    assert result.code == 0, result.output
    assert ("refused, the ledger would reject this row: count: count must be empty exactly when "
            "qualifier is 'undisclosed'") in result.output  # fmt: skip
    assert "cannot edit 'field': write field=value" in result.output
    assert "nothing accepted, the ledger is unchanged" in result.output
    assert _ledger_lines(project, "events.csv") == before


def test_review_needs_a_url_for_a_candidate_without_one(project: Paths) -> None:
    (candidate,) = extract.extract(
        "Ukraine received 1,000 bodies, the Coordination HQ said.", ARTICLE
    )
    assert candidate.row["source_urls"] == ""
    with pytest.raises(review.ReviewError, match="review needs the article's URL"):
        review.review([candidate], project, "", ask=input, say=print)


def test_editing_the_claimant_updates_its_side_and_a_side_guessed_from_it() -> None:
    (event,) = extract.extract("Ukraine received 1,000 bodies, the Coordination HQ said.", ARTICLE)
    assert review.edit(event, "claimant=Russian MoD") is None
    assert (event.row["claimant"], event.row["claimant_side"], event.row["received_by"]) == (
        "Russian MoD",
        "russia",
        "ukraine",
    )  # fmt: skip  (the side was read, not guessed)
    (guessed,) = extract.extract("Today 390 prisoners came home, Zelensky said.", ARTICLE)
    assert guessed.row["received_by"] == "ukraine" and "side_fallback" in guessed.notes
    review.edit(guessed, "claimant=Russian MoD")
    assert (guessed.row["claimant_side"], guessed.row["received_by"]) == ("russia", "russia")
    (claim,) = extract.extract("More than 46,000 Ukrainian soldiers were killed, Zelensky said.", ARTICLE)
    review.edit(claim, "claimant=Mediazona")
    assert (claim.row["claim_kind"], claim.row["subject"]) == (
        "independent_count",
        "ukraine_military",
    )
    review.edit(claim, "claimant=Someone Unknown")
    assert (
        claim.row["claimant"] == "Someone Unknown"
        and claim.row["claim_kind"] == "independent_count"
    )


def test_next_id_follows_the_highest_id() -> None:
    assert review.next_id("events", ["E0001", "E0015", "E0009", "junk"]) == "E0016"
    assert review.next_id("claims", []) == "C0001"


def test_review_shows_nothing_when_every_figure_is_known(
    project: Paths, seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _ledger_lines(project, "events.csv")
    result = run(["extract", str(seed), "--review"], capsys, stdin="")
    assert result.code == 0, result.output
    for known in ("E0012", "E0013", "E0010", "E0011", "C0001", "C0002"):
        assert f"known {known}, not shown" in result.output
    assert "nothing accepted, the ledger is unchanged" in result.output
    assert _ledger_lines(project, "events.csv") == before


def test_a_conflict_is_skipped_by_an_empty_answer(
    project: Paths, changed_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(["extract", str(changed_seed), "--review"], capsys, stdin="\n\ns\n")
    assert result.code == 0, result.output
    assert "conflicts with ledger row E0012 (same event and side, another figure)" in result.output
    assert "[s]kip (default)" in result.output
    assert "nothing accepted, the ledger is unchanged" in result.output


def test_duplicates_match_current_rows_only(project: Paths, seed: Path) -> None:
    candidates = extract.extract(seed.read_text(encoding="utf-8"))
    by_value = {c.row.get("count") or c.row.get("value"): c for c in candidates}
    events = review.current_rows(project, "events")
    claims = review.current_rows(project, "claims")
    assert review.duplicate_of(by_value["1212"], events) == "E0012"
    agreed = sorted(
        review.duplicate_of(c, events) or "" for c in candidates if c.row.get("count") == "6000"
    )
    assert agreed == ["E0010", "E0011"]  # the agreed 6,000 per side, one row per receiving side
    # the candidate says "in February" (2025-02): the ledger's 2025-02-16 is in that month
    assert review.duplicate_of(by_value["46000"], claims) == "C0001"
    correction = {**events[11], "id": "E0099", "count": "1213", "supersedes": "E0012"}
    assert events[11]["id"] == "E0012"
    assert review.duplicate_of(by_value["1212"], [r for r in events if r["id"] != "E0012"]) is None
    review._append(project.ledger / "events.csv", [correction])
    assert "E0012" not in {r["id"] for r in review.current_rows(project, "events")}
    assert review.duplicate_of(by_value["1212"], review.current_rows(project, "events")) is None
    approximate = extract.Candidate(
        "events", {**by_value["1212"].row, "date": "~2025-06-11"}, "", 1
    )
    assert review.duplicate_of(approximate, events) == "E0012"
