"""English and Russian extraction classes found on fresh texts (issue 15, x-enru rounds).

Each test is one class of miss seen on a round of new texts, written in general form: the
sentences here are new, not the corpus texts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.text import extract, parse

DAY = dt.date(2025, 10, 23)  # a Thursday


def rows(text: str, day: dt.date | None = DAY) -> set[tuple[str, ...]]:
    """(table, date, type or metric, side or subject, value, qualifier) of each candidate."""
    out = set()
    for c in extract.extract(text, day):
        r = c.row
        if c.table == "events":
            out.add(
                ("events", r["date"], r["event_type"], r["received_by"], r["count"], r["qualifier"])
            )
        else:
            out.add(
                ("claims", r["claim_date"], r["metric"], r["subject"], r["value"], r["qualifier"])
            )
    return out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("полмиллиона", 500_000),
        ("пів мільйона", 500_000),
        ("полтора миллиона", 1_500_000),
    ],
)
def test_fractions_of_a_thousand_or_million_are_read(text: str, value: int) -> None:
    assert parse.parse_number(text) == value


def test_half_a_million_is_not_a_million() -> None:
    text = "Nearly half a million Russian soldiers have been killed, British intelligence said."
    assert rows(text) == {("claims", "2025-10-23", "killed", "russia_military", "500000", "about")}


def test_a_date_line_with_a_clock_time_gives_the_article_date() -> None:
    text = "05 февраля 2026 в 16:09\n\nИз плена возвращены 157 российских военнослужащих."
    assert rows(text, None) == {("events", "2026-02-05", "pow_exchange", "russia", "157", "exact")}


def test_a_forecast_is_not_a_claim() -> None:
    text = (
        "Russia will likely pass 1 million casualties this summer, the think tank said. "
        "Around 250,000 Russian soldiers have died, CSIS said."
    )
    assert rows(text) == {("claims", "2025-10-23", "killed", "russia_military", "250000", "about")}


def test_units_of_measure_are_not_counts() -> None:
    text = 'Kyiv brought home 189 prisoners on Monday, Zelensky said. "I lost 20 kg," one said.'
    assert rows(text) == {("events", "~2025-10-20", "pow_exchange", "ukraine", "189", "exact")}


def test_the_side_that_started_the_war_is_the_attacker() -> None:
    text = (
        "Civilian casualties since February 24, 2022, when Russia started the war, reached "
        "18,817 civilians, including 7,155 killed, the UN said. Among the 11,662 injured were 339 boys."
    )
    subjects = {(r[2], r[3], r[4]) for r in rows(text)}
    assert subjects == {
        ("casualties", "ukraine_civilian", "18817"),
        ("killed", "ukraine_civilian", "7155"),
        ("wounded", "ukraine_civilian", "11662"),
        ("wounded", "ukraine_civilian", "339"),
    }


def test_coming_home_after_an_ordinal_swap_is_an_exchange_of_the_subject() -> None:
    text = (
        "Ukraine carried out a prisoner exchange with Russia on Thursday, the third such swap "
        "since the start of the war, and 12 soldiers are coming home, Vereshchuk said."
    )
    assert rows(text) == {("events", "2025-10-23", "pow_exchange", "ukraine", "12", "exact")}


def test_a_sentence_dating_an_exchange_dates_the_next_sentence() -> None:
    text = (
        "Украине передали 1000 тел, России — 35, сообщил Мединский. "
        "Прошлый обмен телами состоялся 29 сентября. "
        "Российская сторона передала Украине 1000 тел, а получила 38 тел."
    )
    assert rows(text) == {
        ("events", "2025-10-23", "body_repatriation", "ukraine", "1000", "exact"),
        ("events", "2025-10-23", "body_repatriation", "russia", "35", "exact"),
        ("events", "2025-09-29", "body_repatriation", "ukraine", "1000", "exact"),
        ("events", "2025-09-29", "body_repatriation", "russia", "38", "exact"),
    }


def test_a_total_of_stages_told_after_them_is_no_event() -> None:
    text = (
        "22 октября из плена возвращены 200 российских военных, сообщило Минобороны. "
        "23 октября возвращены еще 300 российских военнослужащих. "
        "Обмен по формуле 500 на 500 стал возможен после переговоров."
    )
    found = {(r[1], r[3], r[4]) for r in rows(text)}
    assert found == {("2025-10-22", "russia", "200"), ("2025-10-23", "russia", "300")}


def test_the_same_day_region_demonyms_fallen_and_returning_civilians() -> None:
    text = (
        "20 октября Москалькова встретилась с родными. В тот же день Киев передал России "
        "восемь курян. Украинская сторона передала нам 31 павшего солдата, написал Мединский. "
        "Помимо военных, в Россию возвращаются трое гражданских лиц."
    )
    assert rows(text) == {
        ("events", "~2025-10-20", "civilian_return", "russia", "8", "exact"),
        ("events", "2025-10-23", "body_repatriation", "russia", "31", "exact"),
        ("events", "2025-10-23", "civilian_return", "russia", "3", "exact"),
    }


def test_perhaps_is_about_and_killed_or_injured_is_casualties() -> None:
    text = (
        "US intelligence estimates 15,000 Russian soldiers killed and perhaps 45,000 wounded. "
        "Around 1,000 Russian troops are killed or injured every day, US officials said."
    )
    assert rows(text) == {
        ("claims", "2025-10-23", "killed", "russia_military", "15000", "exact"),
        ("claims", "2025-10-23", "wounded", "russia_military", "45000", "about"),
        ("claims", "2025-10-23", "casualties", "russia_military", "1000", "about"),
    }
