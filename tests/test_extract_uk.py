"""Classes of Ukrainian news text that `analysis extract` reads (issue 15's rounds on new texts).

Each test is one class of misses found on new texts written from stored Ukrainian pages
(docs/extract-rounds.md), with exact expected rows.
"""

from __future__ import annotations

import pytest

from analysis.text import extract
from extract_rows import candidate_rows


def article(body: str, headline: str = "Новина", date: str = "11 червня 2025") -> str:
    """A short article: headline, date line, body paragraphs."""
    return f"# {headline}\n\n{date}\n\n{body}\n\nOriginal url: https://example.org/uk/test\n"


def rows(text: str) -> set[tuple[str, ...]]:
    """(table, date, type or metric, side or subject, value, qualifier) of every candidate."""
    return candidate_rows(text)


DAY = "2025-06-11"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "жертви" are casualties (dead and wounded together)
        (
            "Управління Верховного комісара ООН з прав людини зафіксувало 22 904 жертви серед "
            "цивільного населення, з яких 8534 загиблих і 14 370 поранених.",
            {
                ("claims", DAY, "casualties", "ukraine_civilian", "22904", "exact"),
                ("claims", DAY, "killed", "ukraine_civilian", "8534", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "14370", "exact"),
            },
        ),
        # "вбитими та пораненими", "убитими й пораненими": casualties, not the last word's metric
        (
            "За минулу добу російська армія втратила вбитими та пораненими ще 1420 своїх "
            "солдатів, повідомив Генштаб ЗСУ.",
            {("claims", DAY, "casualties", "russia_military", "1420", "exact")},
        ),
        (
            "Армія РФ втратила ще 1 150 своїх військовослужбовців убитими й пораненими, "
            "повідомив Генштаб ЗСУ.",
            {("claims", DAY, "casualties", "russia_military", "1150", "exact")},
        ),
        # army slang: "двохсоті" are the dead, "трьохсоті" the wounded; "ми" the speaker's side
        (
            '«Ми – 340 втрат за добу: 18 "двохсотих" і 243 "трьохсотих"», – сказав Зеленський.',
            {
                ("claims", DAY, "casualties", "ukraine_military", "340", "exact"),
                ("claims", DAY, "killed", "ukraine_military", "18", "exact"),
                ("claims", DAY, "wounded", "ukraine_military", "243", "exact"),
            },
        ),
        # "втрат у Росії": Russia's losses ("у X" = X has), not losses in a place
        (
            "«Якщо точніше – 968 втрат у Росії», – сказав Зеленський.",
            {("claims", DAY, "casualties", "russia_military", "968", "exact")},
        ),
        # "вторгнення Росії": the invader, so the civilians are Ukraine's
        (
            "Із моменту вторгнення Росії в Україні загинули щонайменше 10 000 цивільних, "
            "повідомила Моніторингова місія ООН.",
            {("claims", DAY, "killed", "ukraine_civilian", "10000", "at_least")},
        ),
        # "одного загиблого": one dead
        (
            "У Харкові відомо про одного загиблого та 5 поранених, повідомив Олег Синєгубов.",
            {
                ("claims", DAY, "killed", "ukraine_civilian", "1", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "5", "exact"),
            },
        ),
        # "зросла до 9" is 9, not "up to 9"
        (
            "Кількість загиблих у Харкові зросла до 9, повідомив Ігор Терехов.",
            {("claims", DAY, "killed", "ukraine_civilian", "9", "exact")},
        ),
        # diminutive "діток"
        (
            "На підконтрольну територію повернули 6 українських діток, повідомив Лубінець.",
            {("events", DAY, "child_return", "ukraine", "6", "exact")},
        ),
        # "на вічний спочинок повернулися 254 захисники": bodies
        (
            "Додому на вічний спочинок повернулися 254 захисники, повідомили в Коордштабі.",
            {("events", DAY, "body_repatriation", "ukraine", "254", "exact")},
        ),
    ],
)
def test_ukrainian_figures_are_read(body: str, expected: set[tuple[str, ...]]) -> None:
    assert rows(article(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        # shares, ratios, equipment in a list, ages of named people
        "Понад 90% загиблих стали жертвами ракетних ударів, повідомили в ООН.",
        "Співвідношення втрат в особовому складі – один до трьох, заявив Зеленський.",
        "Втрати ворога: танки — 9419 (+20), бойові броньовані машини — 19192 (+36), повідомив Генштаб.",
        "Наймолодшому звільненому 26 років, найстаршому — 74, повідомили в Коордштабі.",
        "У Балаклії загинули два 70-річні та 57-річний чоловіки, постраждали три 34-річні, "
        "повідомив Синєгубов.",
        # a deal a stage belongs to is not the stage's figure
        "За словами президента, третю частину обміну у форматі 1000 на 1000 завершено.",
        # counts kept since some start
        "Станом на сьогодні в Україну вдалося повернути 308 дітей, викрадених росіянами.",
        "«Від початку вторгнення нам вдалося повернути додому вже більш ніж 7 тисяч наших людей», "
        "– наголосив Зеленський.",
    ],
)
def test_numbers_that_are_not_figures_give_nothing(body: str) -> None:
    assert rows(article(body)) == set()


def test_a_figure_the_text_calls_a_running_total_is_no_event_anywhere() -> None:
    body = (
        "Україна повернула додому 891 дитину, з яких 338 дітей були депортовані Росією, "
        "повідомив Лубінець.\n\n«Станом на зараз нам вдалося повернути 891 українську дитину», "
        "– розповів Лубінець.\n\nНа підконтрольну територію повернули 6 українських діток."
    )
    assert rows(article(body)) == {("events", DAY, "child_return", "ukraine", "6", "exact")}


def test_since_the_start_in_another_clause_is_no_running_total() -> None:
    body = (
        "Ukraine said 230 of its citizens came home on Wednesday in the biggest prisoner exchange "
        "since the start of the war, while Moscow said 248 Russian servicemen had been returned."
    )
    assert {(r[3], r[4]) for r in rows(article(body))} == {("ukraine", "230"), ("russia", "248")}


def test_a_stage_in_the_frame_of_a_deal_gives_only_the_stage() -> None:
    body = (
        "У рамках обміну «1000 на 1000» в Україну повернулися 390 полонених, повідомив Зеленський."
    )
    assert rows(article(body)) == {("events", DAY, "pow_exchange", "ukraine", "390", "exact")}


def test_a_figure_told_again_with_another_qualifier_is_one_figure() -> None:
    body = (
        "В Україні загинули щонайменше 10 000 цивільних осіб, повідомила Моніторингова місія ООН."
        "\n\n«10 000 загиблих цивільних осіб — це похмура віха», — заявила голова місії."
    )
    assert rows(article(body)) == {
        ("claims", DAY, "killed", "ukraine_civilian", "10000", "at_least")
    }


def test_the_end_of_a_period_does_not_date_a_claim() -> None:
    body = "З 1 до 17 квітня 2025 року ООН підтвердила 85 загиблих і 239 поранених цивільних."
    assert rows(article(body, date="19 квітня 2025")) == {
        ("claims", "2025-04-19", "killed", "ukraine_civilian", "85", "exact"),
        ("claims", "2025-04-19", "wounded", "ukraine_civilian", "239", "exact"),
    }


def test_then_refers_to_the_date_named_in_its_own_sentence() -> None:
    body = (
        "За минулу добу армія РФ втратила 1 150 військовослужбовців, повідомив Генштаб ЗСУ.\n\n"
        "Москва востаннє називала кількість убитих у вересні 2022 року — тоді заявляли про 5 937 "
        "загиблих."
    )
    assert ("claims", "2022-09", "killed", "russia_military", "5937", "exact") in rows(
        article(body, date="3 жовтня 2024")
    )


def test_a_heading_sum_of_the_bodys_claims_is_not_proposed() -> None:
    text = article(
        "З початку вторгнення в Україні загинули 12 654 цивільних, 29 392 отримали поранення, "
        "повідомила моніторингова місія ООН.",
        headline="ООН: жертвами війни стали понад 43 тисячі цивільних",
    )
    assert {r[4] for r in rows(text)} == {"12654", "29392"}


# --- round 2 -------------------------------------------------------------------------------------

OCT = "23 жовтня 2025"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a losses list: "полонених – 200" are captured; "Генштабу ЗСУ" names the claimant, no side
        (
            "За даними Генштабу ЗСУ, втрати Росії: в особовому складі – 5710 осіб, полонених – 200.",
            {
                ("claims", DAY, "casualties", "russia_military", "5710", "exact"),
                ("claims", DAY, "captured", "russia_military", "200", "exact"),
            },
        ),
        # "ліквідували 350 окупантів": the enemy's losses
        (
            "За минулу добу українські війська ліквідували ще 350 окупантів, повідомив Генштаб.",
            {("claims", DAY, "casualties", "russia_military", "350", "exact")},
        ),
        # a genitive country attacks only right after its noun: these are Russia's losses
        (
            "З початку повномасштабного вторгнення втрати Росії склали 48700 військових, "
            "повідомив Генштаб.",
            {("claims", DAY, "casualties", "russia_military", "48700", "exact")},
        ),
        # unit numbers count nothing, and a breakdown is found past them
        (
            "Додому повернулися 14 українських воїнів, повідомив Коордштаб. Вдалося повернути 10 "
            "захисників з 58 окремої механізованої бригади і чотирьох – з 30 ОМБр.",
            {("events", DAY, "pow_exchange", "ukraine", "14", "exact")},
        ),
        # the fallen, "бранці", "удома", "репатрійовано"
        (
            "В Україну повернули 254 полеглих оборонців, повідомив Коордштаб.",
            {("events", DAY, "body_repatriation", "ukraine", "254", "exact")},
        ),
        (
            "Україна повернула з полону 44 бранців, повідомив Єрмак.",
            {("events", DAY, "pow_exchange", "ukraine", "44", "exact")},
        ),
        (
            "49 українців і українок удома, повідомив Зеленський.",
            {("events", DAY, "pow_exchange", "ukraine", "49", "exact")},
        ),
        (
            "Вже 13 червня вдалося повернути ще 1200 тіл, а 19 серпня – ще тисячу. Про це "
            "повідомив Коордштаб.",
            {
                ("events", "2025-06-13", "body_repatriation", "ukraine", "1200", "exact"),
                ("events", "2025-08-19", "body_repatriation", "ukraine", "1000", "exact"),
            },
        ),
        # "цивільні – 20 наших людей": the noun before the dash
        (
            "Із захисниками також повертаються цивільні – 20 наших людей, зазначив Зеленський.",
            {("events", DAY, "civilian_return", "ukraine", "20", "exact")},
        ),
        # "понад чотири десятки": 40
        (
            "Понад чотири десятки громадян України повернулися додому, повідомив Лубінець.",
            {("events", DAY, "pow_exchange", "ukraine", "40", "at_least")},
        ),
        # the missing-persons commissioner counts Ukraine's
        (
            "Станом на сьогодні у Реєстрі зниклих безвісти перебувають 62 948 осіб, а тіла "
            "загиблих ідентифіковано у 10 291 випадку, повідомив Артур Добросердов.",
            {("claims", DAY, "missing", "ukraine_military", "62948", "exact")},
        ),
    ],
)
def test_ukrainian_figures_of_round_2_are_read(body: str, expected: set[tuple[str, ...]]) -> None:
    assert rows(article(body, date=OCT if "19 серпня" in body else "11 червня 2025")) == expected


@pytest.mark.parametrize(
    "body",
    [
        # sums over many exchanges or a period
        "«За чотири роки Координаційний штаб провів понад 70 обмінів полоненими. З російської "
        "неволі визволено більше ніж 8 тисяч громадян», – написав Буданов.",
        "З 9 по 15 червня в Україну повернули тіла 4812 загиблих громадян, повідомив Умєров.",
        "За два дні вдалося повернути 697 людей, повідомив Зеленський.",
        # the deal a day of exchanges belongs to
        "Це вже другий день обміну у форматі 1000 на 1000, про який домовилися в Туреччині.",
        # decades and forecasts
        "«Це та ж кількість людей, яку вони втратили в Афганістані у 1980-ті», – сказав Мур.",
        "За оцінками Міноборони Британії, через шість місяців втрати Росії можуть сягнути "
        "1 мільйона осіб.",
    ],
)
def test_sums_frames_decades_and_forecasts_give_nothing(body: str) -> None:
    assert rows(article(body)) == set()


def test_two_claimants_of_one_figure_are_two_claims_and_a_figure_noun_takes_the_last_metric() -> (
    None
):
    body = (
        "За оцінками Міністерства оборони Британії, втрати Росії в особовому складі перевищують "
        "750 тисяч вбитими і пораненими.\n\nГенсек НАТО Марк Рютте нещодавно називав цифру у 700 "
        "тисяч осіб.\n\nПро 750 тисяч російських втрат вбитими і пораненими на початку грудня "
        "казав Зеленський, деталізувавши, що майже 200 тисяч з них – це загиблі."
    )
    assert rows(article(body, date="19 грудня 2024")) == {
        ("claims", "2024-12-19", "casualties", "russia_military", "750000", "at_least"),
        ("claims", "2024-12-19", "casualties", "russia_military", "700000", "exact"),
        ("claims", "2024-12", "casualties", "russia_military", "750000", "exact"),
        ("claims", "2024-12", "killed", "russia_military", "200000", "about"),
    }


def test_a_headline_of_defenders_is_ukraines() -> None:
    text = article("Подробиці згодом.", headline="Додому повернулися 300 захисників")
    assert rows(text) == {("events", DAY, "pow_exchange", "ukraine", "300", "exact")}


# --- round 3 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "сотню": a hundred, broken down in the next sentence
        (
            "Сотню військових повернула Україна з російського полону, повідомив Коордштаб. "
            "Серед визволених – 49 воїнів Нацгвардії, 25 прикордонників, 26 військовослужбовців ЗСУ.",
            {("events", DAY, "pow_exchange", "ukraine", "100", "exact")},
        ),
        # released people's wounds and "68 з визволених" are parts of the exchange
        (
            "Україна звільнила з полону ще 106 захисників, повідомив Коордштаб. Щонайменше 28 "
            "звільнених мають поранення, 68 з визволених воїнів вважалися зниклими безвісти.",
            {("events", DAY, "pow_exchange", "ukraine", "106", "exact")},
        ),
        # a list after a colon breaks a figure down
        (
            "Також репатрійовано три тіла: двох іноземців та українки, повідомив Коордштаб.",
            {("events", DAY, "body_repatriation", "ukraine", "3", "exact")},
        ),
        # "загиблих із ЗСУ" served in the AFU; "полеглого російського солдата" is a body;
        # "передав" (masculine past)
        (
            "«Росія передала Україні 1000 тіл загиблих із ЗСУ. Українська сторона передала нам 31 "
            "полеглого російського солдата», – написав Мединський.",
            {
                ("events", DAY, "body_repatriation", "ukraine", "1000", "exact"),
                ("events", DAY, "body_repatriation", "russia", "31", "exact"),
            },
        ),
        (
            "За словами Мединського, Київ у свою чергу передав тіла 26 загиблих російських бійців.",
            {("events", DAY, "body_repatriation", "russia", "26", "exact")},
        ),
        # adults are civilians
        (
            "За посередництва Катару в Україну повернули ще 7 дітей і 4 дорослих, повідомив Лубінець.",
            {
                ("events", DAY, "child_return", "ukraine", "7", "exact"),
                ("events", DAY, "civilian_return", "ukraine", "4", "exact"),
            },
        ),
        # both sides' total while the sentence has a total word: no captured claim
        (
            "Україна і Росія провели третій етап обміну: загалом сторони обміняли 606 полонених. "
            "Додому повернулися 303 українські захисники, повідомив Зеленський.",
            {("events", DAY, "pow_exchange", "ukraine", "303", "exact")},
        ),
        # "з-поміж цих 28 тисяч – 2 тисячі": a subset of the captured
        (
            "У російському полоні перебувають 28 тисяч цивільних українців, заявив Лубінець. "
            "«Окремий список з-поміж цих 28 тисяч – це 2 тисячі громадян», – сказав він.",
            {
                ("claims", DAY, "captured", "ukraine_civilian", "28000", "exact"),
                ("claims", DAY, "captured", "ukraine_civilian", "2000", "exact"),
            },
        ),
        # one direction's share of the day's figure, told after it
        (
            "За минулу добу ворог втратив близько тисячі осіб, повідомив Генштаб ЗСУ. Найзапекліші "
            "бої тривають на Покровському напрямку, де противник втратив понад 300 військових.",
            {("claims", DAY, "casualties", "russia_military", "1000", "about")},
        ),
        # a direction's figure with nothing before it is the claim
        (
            "Сирський заявив, що на Курському напрямку противник втратив понад 20 тисяч військових "
            "убитими та пораненими.",
            {("claims", DAY, "casualties", "russia_military", "20000", "at_least")},
        ),
    ],
)
def test_ukrainian_figures_of_round_3_are_read(body: str, expected: set[tuple[str, ...]]) -> None:
    assert rows(article(body)) == expected


def test_an_impersonal_ukrainian_return_is_to_ukraine() -> None:
    text = article("Огляд подій тижня.", headline="Повернули 1000 тіл, 84 полонених і 6 дітей")
    assert rows(text) == {
        ("events", DAY, "body_repatriation", "ukraine", "1000", "exact"),
        ("events", DAY, "pow_exchange", "ukraine", "84", "exact"),
        ("events", DAY, "child_return", "ukraine", "6", "exact"),
    }


# --- round 4 -------------------------------------------------------------------------------------


def test_a_third_countrys_citizens_are_neither_sides() -> None:
    body = (
        "Україна повернула 215 військовополонених, повідомив Коордштаб. Зеленський заявив, що "
        "додому повернуться п'ять громадян Великобританії, двоє громадян США і 10 іноземців."
    )
    assert rows(article(body)) == {("events", DAY, "pow_exchange", "ukraine", "215", "exact")}


def test_a_previous_event_told_with_then_does_not_hide_todays_same_count() -> None:
    body = (
        "В Україну повернули тіла 1000 загиблих, повідомили в Координаційному штабі.\n\n"
        "Попередня репатріація відбулася 19 серпня, тоді в Україну також повернули тисячу тіл."
    )
    assert rows(article(body, date="18 вересня 2025")) == {
        ("events", "2025-09-18", "body_repatriation", "ukraine", "1000", "exact"),
        ("events", "2025-08-19", "body_repatriation", "ukraine", "1000", "exact"),
    }


def test_a_singular_person_with_an_age_after_a_subset_word_is_one() -> None:
    body = (
        "Кількість загиблих внаслідок удару по Харкову зросла до шести, серед них – 11-річна "
        "дівчинка, повідомив Синєгубов."
    )
    assert rows(article(body)) == {
        ("claims", DAY, "killed", "ukraine_civilian", "6", "exact"),
        ("claims", DAY, "killed", "ukraine_civilian", "1", "exact"),
    }


# --- round 5 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "випадків загибелі" count deaths; other "випадки" count nothing
        (
            "ООН зафіксувала щонайменше 10 тисяч випадків загибелі цивільних осіб.",
            {("claims", DAY, "killed", "ukraine_civilian", "10000", "at_least")},
        ),
        # "взяли в полон 21 окупанта": captured, Russia's; the "обмінний фонд" is no transfer
        (
            "Сили оборони поповнюють «обмінний фонд»: захисники взяли в полон 21 окупанта, "
            "повідомили в корпусі «Азов».",
            {("claims", DAY, "captured", "russia_military", "21", "exact")},
        ),
        # a bare pair after an exchange sentence, inside its deal's frame: only the stage
        (
            "23 травня звільнено 390 українців з російського полону. Наступні частини обміну "
            "«1000 на 1000» продовжаться у суботу та неділю.",
            {("events", "2025-05-23", "pow_exchange", "ukraine", "390", "exact")},
        ),
    ],
)
def test_ukrainian_figures_of_round_5_are_read(body: str, expected: set[tuple[str, ...]]) -> None:
    assert rows(article(body, date="23 травня 2025" if "390" in body else "11 червня 2025")) == (
        expected
    )


# --- round 6: precision (figures that are no ledger rows) ------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "забрали життя двох жителів": deaths, not two people taken in a handover
        (
            "«За минулу добу ворожі обстріли забрали життя двох жителів Херсонщини, ще десятеро "
            "осіб отримали поранення», – підсумував голова ОВА.",
            {
                ("claims", DAY, "killed", "ukraine_civilian", "2", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "10", "exact"),
            },
        ),
        # an exchange that "може відбутися" has not happened
        (
            "Сьогодні на батьківщину повернулися 200 українських захисників. За даними "
            "російської сторони, наступний обмін може відбутися за формулою 300 на 300.",
            {("events", DAY, "pow_exchange", "ukraine", "200", "exact")},
        ),
        # the children among evacuees are no casualty figure
        (
            "Три людини загинули внаслідок ударів по Донеччині, повідомив голова ОВА. З лінії "
            "фронту евакуйовано 1419 людей, у тому числі 143 дитини.",
            {("claims", DAY, "killed", "ukraine_civilian", "3", "exact")},
        ),
        # "Якщо точніше": the rough figures of the sentence before are not claims
        (
            "«У росіян тисяча втрат на добу, це 500 вбитих і 500 поранених. Якщо точніше – 968 "
            "втрат у Росії», – сказав Зеленський.",
            {("claims", DAY, "casualties", "russia_military", "968", "exact")},
        ),
        # a deal's "6000 на 6000" told as background is neither a casualty claim nor an event
        (
            "Росія передала Україні ще 1000 тіл загиблих, повідомили в Координаційному штабі. "
            "Україна та Росія домовилися про репатріацію тіл загиблих військових у "
            "співвідношенні «6000 на 6000».",
            {("events", DAY, "body_repatriation", "ukraine", "1000", "exact")},
        ),
        # a regional military administration is a Ukrainian claimant: its dead are Ukraine's
        (
            "Вранці ворог обстріляв Вугледар, повідомив голова Донецької ОВА Павло Кириленко. "
            "«В результаті обстрілу – 4 загиблих і 5 поранених», – зазначив він.",
            {
                ("claims", DAY, "killed", "ukraine_civilian", "4", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "5", "exact"),
            },
        ),
    ],
)
def test_ukrainian_figures_of_round_6_that_are_no_rows(
    body: str, expected: set[tuple[str, ...]]
) -> None:
    assert rows(article(body)) == expected


def test_a_heading_gives_its_exact_figure_to_a_round_bound_of_the_body() -> None:
    """'Понад чотири десятки' under a heading of 45: the row is 45 exact, told by the body's
    claimant; a heading's round figure (1 million) never replaces a less round bound (950,000)."""
    text = article(
        "Понад чотири десятки громадян України повернулися додому, повідомив Дмитро Лубінець.",
        headline="В Україну повернули 45 громадян",
    )
    found = extract.extract(text)
    assert [(c.row["count"], c.row["qualifier"], c.row["claimant"]) for c in found] == [
        ("45", "exact", "Lubinets")
    ]
    text = article(
        "Понад 950 тисяч росіян загинули або були поранені, повідомив Генштаб.",
        headline="Втрати росіян наближаються до 1 мільйона",
    )
    assert {r[4:] for r in rows(text)} == {("950000", "at_least")}


# --- round 7 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an active verb ("поранили", "вбили") names the metric; its subject is the attacker;
        # figures listed by place after a colon are parts of the figure before it
        (
            "«За 1 квітня росіяни поранили 5 жителів Донеччини: 3 в Торецьку та 2 у Бахмуті», "
            "- йдеться у повідомленні голови ОВА.",
            {("claims", "2025-04-01", "wounded", "ukraine_civilian", "5", "exact")},
        ),
        (
            "Росіяни вбили 3 мешканців Донеччини та поранили ще 7, повідомив голова ОВА.",
            {
                ("claims", DAY, "killed", "ukraine_civilian", "3", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "7", "exact"),
            },
        ),
        # a day's total, then a town's smaller figures: parts of the total
        (
            "Три людини загинули та п'ять дістали поранення внаслідок ударів по Донецькій "
            "області минулої доби, повідомив голова ОВА. У Гірнику росіяни вбили одну людину "
            "та поранили двох.",
            {
                ("claims", DAY, "killed", "ukraine_civilian", "3", "exact"),
                ("claims", DAY, "wounded", "ukraine_civilian", "5", "exact"),
            },
        ),
    ],
)
def test_ukrainian_figures_of_round_7_are_read(body: str, expected: set[tuple[str, ...]]) -> None:
    assert rows(article(body)) == expected


def test_a_total_told_after_its_parts_with_its_breakdown_is_the_figure() -> None:
    """'повернути чотирьох військових та двох цивільних', then 'шістьох — чотирьох морпіхів та
    двох цивільних': one exchange of 6, not two of 4 and 2 (stages add up without a breakdown)."""
    body = (
        "Додому вдалося повернути чотирьох військовослужбовців ЗСУ та двох цивільних, повідомив "
        "Андрій Єрмак. «Ми повернули шістьох наших людей — чотирьох морпіхів та двох "
        "цивільних», – йдеться у повідомленні."
    )
    assert rows(article(body)) == {("events", DAY, "pow_exchange", "ukraine", "6", "exact")}


def test_a_figure_that_completes_a_breakdown_is_a_part() -> None:
    """44 = 36 + 6 + 2: 'Також ми звільнили двох цивільних' after '36 рядових та 6 офіцерів' is
    the last part of the 44, not an exchange of its own."""
    body = (
        "Україна повернула 44 людини, повідомив Андрій Єрмак. «Серед них – 36 рядових та "
        "сержантів і 6 офіцерів. Також ми звільнили двох цивільних», – написав Єрмак."
    )
    assert rows(article(body)) == {("events", DAY, "pow_exchange", "ukraine", "44", "exact")}


def test_a_milestone_restating_a_figure_is_no_claim_but_a_first_milestone_is() -> None:
    """'Рубіж у 10 тисяч … було подолано 15 листопада' after the 10 thousand: no second claim;
    a milestone told with no figure before it is the claim."""
    body = (
        "ООН зафіксувала щонайменше 10 тисяч випадків загибелі цивільних осіб. Рубіж у 10 тисяч "
        "загиблих цивільних було подолано 15 листопада."
    )
    assert rows(article(body, date="21 листопада 2023")) == {
        ("claims", "2023-11-21", "killed", "ukraine_civilian", "10000", "at_least")
    }
    body = "Кількість загиблих цивільних перевищила позначку в 10 тисяч, повідомила ООН."
    assert {r[2:5] for r in rows(article(body))} == {("killed", "ukraine_civilian", "10000")}
