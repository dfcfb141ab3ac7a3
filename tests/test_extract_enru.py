"""English and Russian extraction classes found on fresh texts (issue 15, x-enru rounds).

Each test is one class of miss seen on a round of new texts, written in general form: the
sentences here are new, not the corpus texts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.text import extract, parse
from extract_rows import candidate_rows

DAY = dt.date(2025, 10, 23)  # a Thursday


def rows(text: str, day: dt.date | None = DAY) -> set[tuple[str, ...]]:
    """(table, date, type or metric, side or subject, value, qualifier) of each candidate."""
    return candidate_rows(text, day)


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


# --- round 2 ---------------------------------------------------------------------------------


def test_kills_and_injures_in_a_strike_are_civilian_claims() -> None:
    text = "Russian missile, drone attack kills 12, injures over 60. At least 11 people in Kyiv were hurt."
    assert rows(text) == {
        ("claims", "2025-10-23", "killed", "ukraine_civilian", "12", "exact"),
        ("claims", "2025-10-23", "wounded", "ukraine_civilian", "60", "at_least"),
    }


def test_a_dashed_range_after_between_and_its_headline_rounding() -> None:
    text = (
        "# Killed and wounded Russian troops near 300,000\n\n"
        "British intelligence estimates Russia has suffered between 150,000-190,000 permanent "
        "casualties, and in all 240,000-290,000 casualties."
    )
    assert {(r[2], r[4], r[5]) for r in rows(text)} == {
        ("casualties", "150000", "range"),
        ("casualties", "240000", "range"),
    }


def test_own_troops_of_the_speaker_and_dates_in_a_since_clause() -> None:
    text = (
        "Russia says 498 of its troops have been killed in Ukraine, its first toll since Putin "
        "launched his invasion on February 24. The United Nations has recorded at least 227 "
        "civilian deaths."
    )
    assert rows(text) == {
        ("claims", "2025-10-23", "killed", "russia_military", "498", "exact"),
        ("claims", "2025-10-23", "killed", "ukraine_civilian", "227", "at_least"),
    }


def test_a_breakdown_between_dashes_does_not_hide_the_verb() -> None:
    text = "While 105 victims were released, 14 persons - 13 men and one woman - were found dead, the UN said."
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("killed", "ukraine_civilian", "14"),
        ("killed", "ukraine_civilian", "13"),
        ("killed", "ukraine_civilian", "1"),
    }


def test_money_kinship_and_averages_are_not_counts() -> None:
    text = (
        "The WFP has disbursed more than $200 million in cash transfers to displaced Ukrainians. "
        "A mother of two girls was killed in Zaporizhzhia. Ukraine's General Staff gave a daily "
        "average of 776 Russian casualties."
    )
    assert rows(text) == set()


def test_an_agent_after_by_and_the_home_region_of_returned_residents() -> None:
    text = (
        "Four children who were deported by Russia have returned to Ukraine, Yermak wrote. "
        "Минобороны сообщило, что освобождены трое гражданских жителей Курской области."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("child_return", "ukraine", "4"),
        ("civilian_return", "russia", "3"),
    }


def test_records_since_the_start_are_not_totals_but_since_a_year_is() -> None:
    text = (
        "Ukraine said 230 of its citizens came home in the biggest exchange since the start of "
        "the war, while Moscow said 248 Russian servicemen had been returned. The headquarters "
        "said 5,757 prisoners had been returned through exchanges since March 2022, while "
        "another 536 had come back by other means."
    )
    assert {(r[3], r[4]) for r in rows(text)} == {("ukraine", "230"), ("russia", "248")}


def test_a_phase_of_an_n_for_n_exchange_and_a_total_of_two_kinds() -> None:
    text = (
        "Ukraine brought home 303 prisoners on Thursday in the final phase of a 1000-for-1000 "
        "exchange, Zelensky said. A total of 270 Ukrainian soldiers and 120 civilians returned "
        "home on Friday. Zelensky said 390 Ukrainians had returned on Friday."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("pow_exchange", "ukraine", "303"),
        ("pow_exchange", "ukraine", "270"),
        ("civilian_return", "ukraine", "120"),
    }


def test_and_a_girl_completes_a_breakdown_after_an_age_list() -> None:
    text = (
        "Four children have returned to Ukraine, Yermak wrote. "
        "Three boys (aged six, three and nine) and a 17-year-old girl returned."
    )
    assert rows(text) == {("events", "2025-10-23", "child_return", "ukraine", "4", "exact")}


def test_a_singular_person_next_to_a_casualty_verb_is_one() -> None:
    text = (
        "В Белгороде при ударе дрона ВСУ погиб мирный житель, сообщил Гладков. "
        "От полученных ранений мужчина скончался на месте. "
        "A civilian was killed in Kharkiv, the governor said."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("killed", "russia_civilian", "1"),
        ("killed", "ukraine_civilian", "1"),
    }


def test_a_rounded_lead_gives_way_to_the_exact_figure() -> None:
    text = (
        "В Белгородской области более 20 человек пострадали в результате атак ВСУ, сообщил "
        "Гладков. «Ранено 23 мирных жителя, среди которых трое детей», — написал он."
    )
    assert {(r[2], r[4], r[5]) for r in rows(text)} == {
        ("wounded", "23", "exact"),
        ("wounded", "3", "exact"),
    }


def test_front_area_parts_in_the_genitive_plural_give_no_claim() -> None:
    text = (
        "ВСУ за сутки потеряли около 1 305 человек, сообщили в Минобороны РФ. В результате "
        "действий группировок «Юг» и «Центр» потери украинских войск составили до 225 и более "
        "440 военнослужащих соответственно."
    )
    assert rows(text) == {
        ("claims", "2025-10-23", "casualties", "ukraine_military", "1305", "about")
    }


def test_civilians_named_anywhere_in_the_sentence_and_captives_held_in_a_place() -> None:
    text = (
        "Свыше 200 убитыми и 1100 ранеными — такие потери среди гражданского населения назвал "
        "белгородский губернатор. Мединский сообщил, что на Украине удерживаются 12 мирных жителей."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("killed", "russia_civilian", "200"),
        ("wounded", "russia_civilian", "1100"),
        ("captured", "russia_civilian", "12"),
    }


def test_totals_at_that_point_are_not_events() -> None:
    text = (
        "Галузин сообщал, что на тот момент Москва передала украинской стороне около 12 тысяч "
        "тел. Сегодня Украине переданы тела 1000 погибших, сообщил Мединский."
    )
    assert rows(text) == {("events", "2025-10-23", "body_repatriation", "ukraine", "1000", "exact")}


# --- round 3 ---------------------------------------------------------------------------------


def test_returned_from_the_territory_controlled_by_the_other_side_is_received() -> None:
    text = (
        "Russia has returned 205 servicepeople from the territory controlled by Kiev, and another "
        "205 prisoners of war have been handed over to Ukraine, the Russian Defense Ministry said."
    )
    assert {(r[3], r[4]) for r in rows(text)} == {("russia", "205"), ("ukraine", "205")}


def test_rates_per_area_and_parts_of_an_average_are_not_counts() -> None:
    text = (
        "Russian forces sustain an average casualty rate of 1,140 personnel per day, of whom "
        "nearly 975 are killed in action, ISW said. Palisa said Russia lost roughly 167 "
        "casualties per square kilometer of advance."
    )
    assert rows(text) == set()


def test_may_cross_is_a_forecast_and_a_bound_is_kept_before_it() -> None:
    text = (
        "Around 250,000 Russian soldiers were killed, with over 950,000 total casualties, CSIS "
        "said. Total Russian casualties may cross the 1 million mark by this summer."
    )
    assert {(r[2], r[4], r[5]) for r in rows(text)} == {
        ("killed", "250000", "about"),
        ("casualties", "950000", "at_least"),
    }


def test_russias_war_makes_civilians_ukraines_and_deltas_give_nothing() -> None:
    text = (
        "Civilian casualties after the start of Russia's full-scale war against Ukraine amounted "
        "to 25,671 people, the OHCHR said. Compared to June 30, two children were killed."
    )
    assert rows(text) == {
        ("claims", "2025-10-23", "casualties", "ukraine_civilian", "25671", "exact")
    }


def test_an_exchange_that_included_a_figure_and_last_named_month() -> None:
    text = (
        "Last April, Moskalkova announced a prisoner exchange that included 86 soldiers from "
        "each side."
    )
    assert rows(text) == {
        ("events", "2025-04", "pow_exchange", "ukraine", "86", "exact"),
        ("events", "2025-04", "pow_exchange", "russia", "86", "exact"),
    }


def test_earlier_this_week_dates_a_background_figure_and_repatriated_is_received() -> None:
    text = (
        "Earlier in the week, Ukraine had already repatriated 1,212 bodies of servicemen who died "
        "since Russia's full-scale invasion began in February 2022."
    )
    assert rows(text) == {
        ("events", "~2025-10-22", "body_repatriation", "ukraine", "1212", "exact")
    }


def test_receipt_from_a_side_and_a_lone_thousand_after_a_dative_side() -> None:
    text = (
        "Украинская сторона сообщила о получении из России 1200 неопознанных тел. "
        "Мединский опубликовал кадры передачи украинской стороне тысячи тел погибших солдат ВСУ."
    )
    assert {(r[3], r[4]) for r in rows(text)} == {("ukraine", "1200"), ("ukraine", "1000")}


def test_a_bare_n_for_n_after_a_sentence_about_an_exchange() -> None:
    text = "Мединский: «Состоялся обмен военнопленными. На сей раз - 152 на 152»."
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("pow_exchange", "ukraine", "152"),
        ("pow_exchange", "russia", "152"),
    }


def test_one_civilian_killed_a_second_wounded_and_at_least_in_russian() -> None:
    text = (
        "«Погиб один мирный житель, второй получил ранения», — написал Гладков о Белгороде. "
        "По меньшей мере 870 российских военных погибли при отражении контрнаступления ВСУ, "
        "сообщила «Медиазона»."
    )
    assert {(r[2], r[3], r[4], r[5]) for r in rows(text)} == {
        ("killed", "russia_civilian", "1", "exact"),
        ("wounded", "russia_civilian", "1", "exact"),
        ("killed", "russia_military", "870", "at_least"),
    }


def test_captives_after_a_civilian_return_are_civilians() -> None:
    text = (
        "Трое жителей Курской области были возвращены на родину, сообщила Москалькова. "
        "По ее словам, на территории Украины до сих пор удерживаются ещё семеро россиян."
    )
    assert {(r[0], r[3], r[4]) for r in rows(text)} == {
        ("events", "russia", "3"),
        ("claims", "russia_civilian", "7"),
    }


def test_a_final_stage_of_an_n_for_n_exchange_in_russian() -> None:
    text = (
        "Сегодня на родину из украинского плена вернулись 303 наших военнослужащих, сообщила "
        "Москалькова. Это завершающий этап обмена 1000 на 1000."
    )
    assert rows(text) == {("events", "2025-10-23", "pow_exchange", "russia", "303", "exact")}


# --- round 4 ---------------------------------------------------------------------------------


def test_the_same_count_weeks_earlier_is_another_exchange_not_a_repeat() -> None:
    text = (
        "Россия передала Украине тела 1000 погибших военнослужащих ВСУ, сообщил Мединский. "
        "В предыдущий раз, 29 сентября, Россия также передала 1000 тел и получила обратно 38."
    )
    assert {(r[1], r[3], r[4]) for r in rows(text)} == {
        ("2025-10-23", "ukraine", "1000"),
        ("2025-09-29", "ukraine", "1000"),
        ("2025-09-29", "russia", "38"),
    }


def test_an_undated_repeat_of_a_figure_dated_this_week_is_still_dropped() -> None:
    text = (
        "Ukraine received 84 soldiers on Tuesday, the Coordination Headquarters said. "
        "The 84 Ukrainian soldiers returned home after two years in captivity."
    )
    assert rows(text) == {("events", "~2025-10-21", "pow_exchange", "ukraine", "84", "exact")}


def test_a_figure_told_again_a_day_apart_is_one_event() -> None:
    text = (
        "Ninety defenders returned to Ukraine, Zelensky said on Wednesday evening. "
        '"Today, another 90 of our people returned home," he wrote.'
    )
    assert rows(text) == {("events", "~2025-10-22", "pow_exchange", "ukraine", "90", "exact")}


def test_an_uneven_formula_gives_no_figures_of_its_own() -> None:
    text = (
        "Коц сообщил, что обмен телами состоялся по формуле «1000 на 24». Украине были переданы "
        "1000 погибших солдат, Москва получила 24 тела военнослужащих."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("body_repatriation", "ukraine", "1000"),
        ("body_repatriation", "russia", "24"),
    }


def test_a_bare_figure_before_a_contrasted_clause_and_fallen_soldiers_received() -> None:
    text = (
        "Так, Россия передала Украине 1 тыс., а получила обратно 38 тел, сообщил Саралиев. "
        "Киеву передали тела 500 украинских военных, взамен Москва получила 35 погибших "
        "российских бойцов."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("body_repatriation", "ukraine", "1000"),
        ("body_repatriation", "russia", "38"),
        ("body_repatriation", "ukraine", "500"),
        ("body_repatriation", "russia", "35"),
    }


def test_dead_soldiers_named_without_a_transfer_stay_a_names_claim() -> None:
    text = "Журналисты Би-би-си установили 8 712 имен погибших российских военных."
    assert rows(text) == {
        ("claims", "2025-10-23", "names_identified", "russia_military", "8712", "exact")
    }


# --- round 5 ---------------------------------------------------------------------------------


def test_a_daily_high_and_a_back_reference_after_besides_are_not_counts() -> None:
    text = (
        "Russian losses reached a record in November, with a daily high of 2,030 troops lost, "
        "Ukraine's General Staff said. По данным ООН, погибли не менее 104 детей. Кроме 104 "
        "детей погибли также 236 мужчин."
    )
    assert {(r[3], r[4], r[5]) for r in rows(text)} == {
        ("ukraine_civilian", "104", "at_least"),
        ("ukraine_civilian", "236", "exact"),
    }


def test_the_loss_of_soldiers_and_victims_among_civilians_are_casualties() -> None:
    text = (
        "Ukraine's General Staff reported the loss of 530 Russian soldiers within a single day. "
        "ООН зафиксировала 26 384 жертвы среди гражданского населения Украины."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("casualties", "russia_military", "530"),
        ("casualties", "ukraine_civilian", "26384"),
    }


def test_regional_shares_of_a_monitors_total_give_no_claim() -> None:
    text = (
        "С начала войны погиб 4731 мирный житель, 5900 ранены, сообщило Управление ООН по правам "
        "человека. В Донецкой и Луганской областях убиты 2773 мирных жителя, 3256 ранены. Из них "
        "на территории, контролируемой ДНР и ЛНР, погиб 191 человек, 777 ранены."
    )
    assert {(r[2], r[4]) for r in rows(text)} == {("killed", "4731"), ("wounded", "5900")}


def test_the_russian_general_staff_is_not_ukraines() -> None:
    text = (
        "The deputy chief of the Russian General Staff said 1,351 Russian servicemen were killed."
    )
    (candidate,) = extract.extract(text, DAY)
    assert candidate.row["claimant"] == ""


# --- round 6 ---------------------------------------------------------------------------------


def test_bbc_russian_counts_russias_dead_and_surnames_are_names() -> None:
    text = (
        "«Русская служба Би-би-си» установила личности 92 военных, погибших в Макеевке. "
        "Список издания «Idel.Реалии» содержит 83 фамилии."
    )
    assert {(r[2], r[3], r[4]) for r in rows(text)} == {
        ("names_identified", "russia_military", "92"),
        ("names_identified", "russia_military", "83"),
    }


def test_our_dead_received_from_the_other_side_are_bodies() -> None:
    text = "«С той стороны получено 78 погибших наших», — написал Мединский."
    assert rows(text) == {("events", "2025-10-23", "body_repatriation", "russia", "78", "exact")}


# --- round 7 (x-enru2) ------------------------------------------------------------------------

D = "2025-10-23"


def test_a_subset_aside_between_a_figure_and_its_verb_keeps_the_verb() -> None:
    """'N civilians, including M children, have been killed': both are killed (UN phrasing)."""
    got = rows("At least 12,000 civilians, including over 700 children, have been killed, the UN said.")
    assert got == {
        ("claims", D, "killed", "ukraine_civilian", "12000", "at_least"),
        ("claims", D, "killed", "ukraine_civilian", "700", "at_least"),
    }


def test_the_same_figure_twice_from_claimants_sharing_a_name_is_one_claim() -> None:
    """'UN' then 'UN; OHCHR' with another qualifier: one figure, the first told."""
    text = (
        "More than 7,000 civilians have been killed in the war, the United Nations said. "
        "The UN's Human Rights Monitoring Mission in Ukraine (HRMMU) said it was able to confirm "
        "that 7,000 civilians had been killed."
    )
    assert rows(text) == {("claims", D, "killed", "ukraine_civilian", "7000", "at_least")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "a woman of 70" is one person, not 70
            "A Russian drone hit the village, killing four people, including a man of 65, the governor said.",
            {("killed", "4"), ("killed", "1")},
        ),
        (  # an English age adjective between the article and the person
            "Russian shelling killed a 71-year-old woman in Kherson, the governor said.",
            {("killed", "1")},
        ),
        (  # "wounded another": one more person
            "A Russian strike on Kherson killed one civilian and wounded another, the governor said.",
            {("killed", "1"), ("wounded", "1")},
        ),
        (  # "wounding three more": the gerund is a casualty verb
            "A Russian missile hit Odesa, killing two people and wounding six more, officials said.",
            {("killed", "2"), ("wounded", "6")},
        ),
        (  # "cases of civilian injuries"
            "The mission has also verified more than 21,000 cases of civilian injuries in Ukraine.",
            {("wounded", "21000")},
        ),
    ],
)
def test_english_singular_persons_ages_and_wound_words(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert {(r[2], r[4]) for r in rows(text) if r[3] == "ukraine_civilian"} == expected
    assert all(r[3] == "ukraine_civilian" for r in rows(text))


def test_each_handed_over_gives_both_sides_and_a_rounded_event_lead_gives_way() -> None:
    """'each handed over 205' is 205 for each side; 'More than 200 ... released' told before it
    rounds the exact 205 (an event lead, like a claim's)."""
    text = (
        "More than 200 Ukrainian soldiers have been released by Russia in a prisoner swap. "
        "Russia and Ukraine each handed over 205 captured soldiers, Zelensky said."
    )
    assert rows(text) == {
        ("events", D, "pow_exchange", "ukraine", "205", "exact"),
        ("events", D, "pow_exchange", "russia", "205", "exact"),
    }


def test_small_figures_told_for_separate_incidents_are_separate_claims() -> None:
    """Two wounded in one attack and two in another (unquoted sentences) are two claims; the
    same small figure told again in a quote is the same one."""
    separate = (
        "Russian shelling of Kharkiv injured two men, the governor said. "
        "In Nikopol, two people were wounded in another attack overnight, Lysak said."
    )
    assert sorted(r[4] for r in rows(separate) if r[2] == "wounded") == ["2"]  # one key ...
    assert [c.row["value"] for c in extract.extract(separate, DAY)] == ["2", "2"]  # ... two rows
    quoted = (
        "A Russian strike on Kharkiv killed two people, the governor said. "
        '"According to preliminary data, two people were killed," he wrote.'
    )
    assert [c.row["value"] for c in extract.extract(quoted, DAY)] == ["2"]


# --- round 8 (x-enru2) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 500,000 to 600,000", 500_000, 600_000),  # "between ... to"
        ("roughly 500,000–600,000", 500_000, 600_000),  # an approximate range is a range
        ("an estimated 100,000 to 140,000", 100_000, 140_000),
    ],
)
def test_english_ranges_with_to_or_an_approximate_start(text: str, low: int, high: int) -> None:
    from analysis.text.extract.figures import find_figures

    (figure,) = [m.figure for m in find_figures(f"Ukraine suffered {text} casualties.")]
    assert (figure.qualifier, figure.low, figure.high) == ("range", low, high)


def test_troop_deaths_are_military_and_a_range_is_one_claim() -> None:
    text = (
        "Ukraine had suffered between 400,000 to 450,000 military casualties, including up to "
        "90,000 troop deaths, the CSIS report said."
    )
    assert rows(text) == {
        ("claims", D, "casualties", "ukraine_military", "400000", "range"),
        ("claims", D, "killed", "ukraine_military", "90000", "at_most"),
    }


@pytest.mark.parametrize(
    "text",
    [  # running totals: no event
        "A total of 2,100 bodies of fallen defenders have been returned to Ukraine since the "
        "full-scale war started.",
        "Forty prisoner swaps have been carried out. A total of 2,000 people were released from "
        "Russian captivity.",
        "The headquarters has conducted more than 60 prisoner exchanges, and more than 5,000 "
        "citizens have been freed from Russian captivity.",
    ],
)
def test_english_running_totals_of_exchanges_give_no_event(text: str) -> None:
    assert rows(text) == set()


def test_an_ordinal_exchange_since_the_start_is_one_exchange_not_a_total() -> None:
    text = (
        "On October 2, 2025, the 60th exchange of prisoners of war since the beginning of the "
        "full-scale war took place: 185 Ukrainian soldiers were released."
    )
    assert rows(text) == {("events", "2025-10-02", "pow_exchange", "ukraine", "185", "exact")}


def test_a_military_word_anywhere_in_the_sentence_beats_the_previous_civilian_claim() -> None:
    """A strike's civilians, then a study's figure whose military noun is only in its aside."""
    text = (
        "Russian strikes on Kyiv killed three people on Thursday. "
        "The report said Russia suffered 1.1 million casualties, including up to 300,000 troop "
        "deaths, between 2022 and 2025."
    )
    assert ("claims", D, "casualties", "russia_military", "1100000", "exact") in rows(text)
    assert ("claims", D, "killed", "ukraine_civilian", "3", "exact") in rows(text)


# --- round 9 (x-enru2, Russian) ------------------------------------------------------------------


def test_a_small_figure_restated_without_its_own_attack_is_the_lead_again() -> None:
    text = (
        "Ракетный удар по Белгороду привел к гибели двух человек, сообщил Гладков. "
        "Погибли двое мужчин."
    )
    assert [c.row["value"] for c in extract.extract(text, DAY)] == ["2"]


def test_russian_singular_wounded_with_ranenia_poluchil() -> None:
    """'ранения получил мужчина' and 'получил множественные ранения боец' are one wounded each."""
    got = rows("Второй дрон ударил по машине в Белгороде, в результате ранения получил мужчина.")
    assert got == {("claims", D, "wounded", "russia_civilian", "1", "exact")}
    got = rows("В селе Графовка получил множественные ранения боец подразделения «Орлан».")
    assert {(r[2], r[4]) for r in got} == {("wounded", "1")}
