"""Tests for analysis.normalise: numbers, qualifiers, figures, dates and sides."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text.parse import (
    NUMBER_WORDS,
    QUALIFIERS,
    DateValue,
    Figure,
    NormaliseError,
    clean_text,
    parse_date,
    parse_figure,
    parse_number,
    parse_qualifier,
    parse_side,
)

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
THIN = "\u2009"


def quoted(text: str) -> str:
    """Regex matching the repr of ``text`` inside an error message."""
    return re.escape(repr(text))


# --- clean_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a  b  ", "a b"),
        (f"1{NBSP}212", "1 212"),
        (f"1{NARROW_NBSP}212", "1 212"),
        (f"1{THIN}212", "1 212"),
        ("a\tb\n c", "a b c"),
        ("\ufeffabc\u200b", "abc"),
        ("", ""),
        ("и\u0306", "й"),  # decomposed short i composes under NFC
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


# --- parse_number -----------------------------------------------------------------------------

NUMBER_CASES: list[tuple[str, float]] = [
    ("1212", 1212),
    ("1,212", 1212),
    ("1 212", 1212),
    (f"1{NBSP}212", 1212),
    (f"1{NARROW_NBSP}212", 1212),
    (f"1{THIN}212", 1212),
    ("1,212,000", 1_212_000),
    ("1 212 000", 1_212_000),
    ("1.212", 1212),
    ("1.212.000", 1_212_000),
    ("1,212.5", 1212.5),
    ("1.212,5", 1212.5),
    ("1,5", 1.5),
    ("1.5", 1.5),
    ("0", 0),
    ("1.2K", 1200),
    ("1.2k", 1200),
    ("1.2 k", 1200),
    ("1.2 thousand", 1200),
    ("12 thousand", 12_000),
    ("1.2 million", 1_200_000),
    ("1.2m", 1_200_000),
    ("2.5 mln", 2_500_000),
    ("1.212 million", 1_212_000),
    ("1 212 thousand", 1_212_000),
    ("Seventy-five", 75),
    ("seventy five", 75),
    ("One hundred and one", 101),
    ("one hundred five", 105),
    ("twelve hundred", 1200),
    ("one thousand two hundred and twelve", 1212),
    ("a thousand", 1000),
    ("a dozen", 12),
    ("two dozen", 24),
    ("zero", 0),
    ("thousand", 1000),
    ("five hundred thousand", 500_000),
    ("two million five hundred thousand", 2_500_000),
    ("1,5 тис.", 1500),
    ("1 тис.", 1000),
    ("1,2 тис.", 1200),
    ("1,2 тис", 1200),
    ("2 тис.", 2000),
    ("тисяча", 1000),
    ("2 тисячі", 2000),
    ("1,5 тисячі", 1500),
    ("5 тисяч", 5000),
    ("1 тысячу", 1000),
    ("1 тысяча", 1000),
    ("2 тысячи", 2000),
    ("3 тыс.", 3000),
    ("тысяча", 1000),
    ("1 млн", 1_000_000),
    ("2,5 млн", 2_500_000),
    ("мільйон", 1_000_000),
    ("2 мільйони", 2_000_000),
    ("миллион", 1_000_000),
    ("3 миллиона", 3_000_000),
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_CASES)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "dozens",
        "thousands",
        "тисячі",
        "a",
        "k",
        "five five",
        "twenty thirty",
        "one hundred hundred",
        "thousand thousand",
        "1,2,3",
        "1..2",
        "-5",
        "12 apples",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"cannot parse number: {quoted(text)}"):
        parse_number(text)


def test_parse_number_error_example() -> None:
    with pytest.raises(NormaliseError, match=re.escape("cannot parse number: 'abc'")):
        parse_number("abc")


@pytest.mark.parametrize(
    "text", ["more than 5", "about 5", "~5", "5+", "up to 5", "понад 5", "около 5"]
)
def test_parse_number_rejects_qualifiers(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"qualifier not allowed.*{quoted(text)}"):
        parse_number(text)


def test_normalise_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_number("nope")


# --- parse_qualifier --------------------------------------------------------------------------

AT_LEAST_WORDS = [
    "more than",
    "over",
    "at least",
    "upwards of",
    "in excess of",
    "no fewer than",
    "понад",
    "більше",
    "більш ніж",
    "щонайменше",
    "не менше",
    "более",
    "больше",
    "свыше",
    "не менее",
    "как минимум",
]
ABOUT_WORDS = [
    "about",
    "around",
    "approximately",
    "approx.",
    "some",
    "roughly",
    "nearly",
    "almost",
    "estimated",
    "an estimated",
    "~",
    "близько",
    "майже",
    "приблизно",
    "около",
    "почти",
    "примерно",
    "порядка",
]
AT_MOST_WORDS = [
    "up to",
    "no more than",
    "fewer than",
    "less than",
    "under",
    "до",
    "не більше",
    "не более",
    "менее",
]
QUALIFIER_WORDS: list[tuple[str, str]] = (
    [(w, "at_least") for w in AT_LEAST_WORDS]
    + [(w, "about") for w in ABOUT_WORDS]
    + [(w, "at_most") for w in AT_MOST_WORDS]
)


@pytest.mark.parametrize(("word", "expected"), QUALIFIER_WORDS)
def test_parse_qualifier_words(word: str, expected: str) -> None:
    assert parse_qualifier(word) == expected
    assert parse_qualifier(f"  {word.upper()} ") == expected


@pytest.mark.parametrize("name", QUALIFIERS)
def test_parse_qualifier_canonical_names(name: str) -> None:
    assert parse_qualifier(name) == name


@pytest.mark.parametrize(
    ("word", "expected"),
    [("", "exact"), ("  ", "exact"), ("+", "at_least"), ("not disclosed", "undisclosed")],
)
def test_parse_qualifier_special(word: str, expected: str) -> None:
    assert parse_qualifier(word) == expected


@pytest.mark.parametrize("word", ["maybe", "at_lest", "over-ish"])
def test_parse_qualifier_rejects(word: str) -> None:
    with pytest.raises(NormaliseError, match=f"unknown qualifier: {quoted(word)}"):
        parse_qualifier(word)


# --- parse_figure -----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "expected"), QUALIFIER_WORDS)
def test_parse_figure_prefixed_qualifiers(word: str, expected: str) -> None:
    assert parse_figure(f"{word} 1,212") == Figure(1212, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,212", Figure(1212, "exact")),
        ("1.2K", Figure(1200, "exact")),
        ("seventy-five", Figure(75, "exact")),
        ("1,000+", Figure(1000, "at_least")),
        ("1000 +", Figure(1000, "at_least")),
        ("~500", Figure(500, "about")),
        ("approx.300", Figure(300, "about")),
        ("more than 1.2 thousand", Figure(1200, "at_least")),
        ("понад 1,5 тис.", Figure(1500, "at_least")),
        ("свыше 2 тысяч", Figure(2000, "at_least")),
        ("an estimated 40 thousand", Figure(40_000, "about")),
        ("estimated 40", Figure(40, "about")),
        ("up to a dozen", Figure(12, "at_most")),
        ("до 500", Figure(500, "at_most")),
        ("не більше 1 млн", Figure(1_000_000, "at_most")),
        ("More Than 1,212", Figure(1212, "at_least")),
    ],
)
def test_parse_figure_single(text: str, expected: Figure) -> None:
    assert parse_figure(text) == expected


def rng(low: float, high: float) -> Figure:
    """Expected range figure."""
    return Figure(low, "range", low, high)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between 40 and 50", rng(40, 50)),
        ("between forty and fifty thousand", rng(40_000, 50_000)),
        ("40-50", rng(40, 50)),
        ("40–50", rng(40, 50)),
        ("40 – 50", rng(40, 50)),
        ("40 to 50", rng(40, 50)),
        ("from 40 to 50", rng(40, 50)),
        ("від 40 до 50", rng(40, 50)),
        ("от 40 до 50", rng(40, 50)),
        ("між 40 і 50", rng(40, 50)),
        ("40-50 thousand", rng(40_000, 50_000)),
        ("40–50 тис.", rng(40_000, 50_000)),
        ("1.5-2 million", rng(1_500_000, 2_000_000)),
        ("2,500–3,000", rng(2500, 3000)),
        ("1.2K-1.5K", rng(1200, 1500)),
        ("500 to 1 thousand", rng(500, 1000)),
        ("twenty-five to thirty", rng(25, 30)),
        ("5-5", rng(5, 5)),
    ],
)
def test_parse_figure_range(text: str, expected: Figure) -> None:
    figure = parse_figure(text)
    assert figure == expected
    assert figure.value == figure.low


@pytest.mark.parametrize(
    "text", ["", "   ", "undisclosed", "Not disclosed", "n/a", "N/A", "не розголошується"]
)
def test_parse_figure_undisclosed(text: str) -> None:
    assert parse_figure(text) == Figure(None, "undisclosed")


@pytest.mark.parametrize(
    "text", ["abc", "dozens", "more than dozens", "over 5+", "about", "thousands", "2023-02-30"]
)
def test_parse_figure_rejects(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"cannot parse figure: {quoted(text)}"):
        parse_figure(text)


@pytest.mark.parametrize("text", ["50-40", "between 3,000 and 2,500", "від 10 до 5"])
def test_parse_figure_rejects_inverted_range(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"range low exceeds high: {quoted(text)}"):
        parse_figure(text)


def test_figure_rejects_unknown_qualifier() -> None:
    with pytest.raises(NormaliseError, match=quoted("roughly")):
        Figure(1.0, "roughly")


def test_figure_rejects_inverted_range() -> None:
    with pytest.raises(NormaliseError, match="invalid range"):
        Figure(5.0, "range", 5.0, 1.0)


# --- parse_date -------------------------------------------------------------------------------

JUNE_11 = DateValue(datetime.date(2025, 6, 11), "day")
JUNE = DateValue(datetime.date(2025, 6, 1), "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-11", JUNE_11),
        ("June 11, 2025", JUNE_11),
        ("june 11 2025", JUNE_11),
        ("June 11th, 2025", JUNE_11),
        ("Jun 11, 2025", JUNE_11),
        ("Jun. 11, 2025", JUNE_11),
        ("11 June 2025", JUNE_11),
        ("11 Jun 2025", JUNE_11),
        ("11.06.2025", JUNE_11),
        ("11/06/2025", JUNE_11),
        ("11-06-2025", JUNE_11),
        ("1/6/2025", DateValue(datetime.date(2025, 6, 1), "day")),
        ("11 червня 2025", JUNE_11),
        ("11 червня 2025 року", JUNE_11),
        ("11 июня 2025", JUNE_11),
        ("11 июня 2025 г.", JUNE_11),
        (f"11{NBSP}June{NBSP}2025", JUNE_11),
        ("2025-06", JUNE),
        ("June 2025", JUNE),
        ("Jun 2025", JUNE),
        ("червень 2025", JUNE),
        ("июнь 2025", JUNE),
        ("2025", DateValue(datetime.date(2025, 1, 1), "year")),
        ("29 Feb 2024", DateValue(datetime.date(2024, 2, 29), "day")),
    ],
)
def test_parse_date(text: str, expected: DateValue) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "31.04.2025", "29 Feb 2023", "2025-13"])
def test_parse_date_rejects_impossible(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"invalid date: {quoted(text)}"):
        parse_date(text)


def test_parse_date_rejects_unknown_month() -> None:
    with pytest.raises(NormaliseError, match=f"unknown month name: {quoted('11 Juno 2025')}"):
        parse_date("11 Juno 2025")


@pytest.mark.parametrize("text", ["", "yesterday", "2025/06/11", "11 06 2025", "25"])
def test_parse_date_rejects_unparseable(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"cannot parse date: {quoted(text)}"):
        parse_date(text)


def test_date_value_rejects_misaligned_month() -> None:
    with pytest.raises(NormaliseError, match="not aligned"):
        DateValue(datetime.date(2025, 6, 11), "month")


# --- parse_side -------------------------------------------------------------------------------

UKRAINE_NAMES = [
    "Ukraine",
    "ukrainian",
    "Ukrainians",
    "UA",
    "UKR",
    "Kyiv",
    "Kiev",
    "Україна",
    "України",
    "українські",
    "ЗСУ",
    "ВСУ",
    "Украина",
]
RUSSIA_NAMES = [
    "Russia",
    "Russian",
    "RU",
    "RUS",
    "Russian Federation",
    "Moscow",
    "RF",
    "Росія",
    "РФ",
    "Россия",
    "российские",
    "ВС РФ",
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, "ukraine") for n in UKRAINE_NAMES] + [(n, "russia") for n in RUSSIA_NAMES],
)
def test_parse_side(name: str, expected: str) -> None:
    assert parse_side(name) == expected
    assert parse_side(f"  {name.upper()}\t") == expected
    assert parse_side(name.lower()) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("russian   federation", "russia"), ("ВСРФ", "russia"), (f"ВС{NBSP}РФ", "russia")],
)
def test_parse_side_whitespace_insensitive(name: str, expected: str) -> None:
    assert parse_side(name) == expected


@pytest.mark.parametrize("name", ["", "Belarus", "Ukraine and Russia", "Rus sia?"])
def test_parse_side_rejects(name: str) -> None:
    with pytest.raises(NormaliseError, match=f"unknown side: {quoted(name)}"):
        parse_side(name)


# --- property-based round trips ---------------------------------------------------------------

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int) -> str:
    """English words for 0 < n < 100, hyphenating compound tens."""
    if n < 20:
        return _UNITS[n]
    tens, units = divmod(n, 10)
    return _TENS[tens] if units == 0 else f"{_TENS[tens]}-{_UNITS[units]}"


def _below_thousand(n: int) -> str:
    """English words for 0 < n < 1000, British 'and' after hundreds."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        parts += ["and", _below_hundred(rest)] if hundreds else [_below_hundred(rest)]
    return " ".join(parts)


def to_words(n: int) -> str:
    """English words for 0 <= n < 1,000,000."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{_below_thousand(thousands)} thousand"] if thousands else []
    if rest:
        parts.append(_below_thousand(rest))
    return " ".join(parts)


def number_styles(n: int) -> list[str]:
    """All supported spellings of the integer ``n``."""
    grouped = f"{n:,}"
    styles = [str(n), grouped] + [
        grouped.replace(",", sep) for sep in (" ", NBSP, NARROW_NBSP, THIN)
    ]
    if n % 100 == 0 and n >= 1000:
        styles += [f"{n // 1000}.{n // 100 % 10}K", f"{n // 1000}.{n // 100 % 10}k"]
    if n % 1000 == 0 and n > 0:
        styles += [f"{n // 1000:,} thousand", f"{n // 1000} тис."]
    if n % 100_000 == 0 and n > 0:
        styles.append(f"{n // 1_000_000}.{n // 100_000 % 10} million")
    if n < 1_000_000:
        styles.append(to_words(n))
    return styles


QUALIFIER_PHRASES: list[tuple[str, str]] = [("", "exact"), *QUALIFIER_WORDS]

numbers = st.one_of(
    st.integers(0, 10_000_000),
    st.integers(1, 10_000).map(lambda k: k * 1000),
    st.integers(1, 100).map(lambda k: k * 100_000),
)


@given(n=numbers, data=st.data())
def test_round_trip_figure(n: int, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(number_styles(n)), label="text")
    phrase, qualifier = data.draw(st.sampled_from(QUALIFIER_PHRASES), label="qualifier")
    assert parse_figure(f"{phrase} {text}") == Figure(float(n), qualifier)


@given(n=numbers, data=st.data())
def test_round_trip_plus_suffix(n: int, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(number_styles(n)), label="text")
    assert parse_figure(f"{text}+") == Figure(float(n), "at_least")


@given(n=numbers, data=st.data())
def test_round_trip_number(n: int, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(number_styles(n)), label="text")
    assert parse_number(text) == n


@given(low=st.integers(0, 1_000_000), width=st.integers(0, 1_000_000), data=st.data())
def test_round_trip_range(low: int, width: int, data: st.DataObject) -> None:
    high = low + width
    template = data.draw(
        st.sampled_from(["{} - {}", "{}–{}", "between {} and {}", "from {} to {}", "від {} до {}"])
    )
    assert parse_figure(template.format(f"{low:,}", f"{high:,}")) == Figure(low, "range", low, high)


_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS_UK_GENITIVE = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]
_MONTHS_UK = [
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
]
_MONTHS_RU_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def date_styles(d: datetime.date) -> list[tuple[str, DateValue]]:
    """Every supported spelling of ``d`` with the DateValue it should parse to."""
    day = DateValue(d, "day")
    month = DateValue(d.replace(day=1), "month")
    year = DateValue(datetime.date(d.year, 1, 1), "year")
    name, abbr = _MONTHS_EN[d.month - 1], _MONTHS_EN[d.month - 1][:3]
    return [
        (d.isoformat(), day),
        (f"{name} {d.day}, {d.year}", day),
        (f"{abbr} {d.day}, {d.year}", day),
        (f"{d.day} {name} {d.year}", day),
        (f"{d.day} {abbr} {d.year}", day),
        (f"{d.day:02d}.{d.month:02d}.{d.year}", day),
        (f"{d.day:02d}/{d.month:02d}/{d.year}", day),
        (f"{d.day} {_MONTHS_UK_GENITIVE[d.month - 1]} {d.year}", day),
        (f"{d.day} {_MONTHS_RU_GENITIVE[d.month - 1]} {d.year}", day),
        (f"{d.year}-{d.month:02d}", month),
        (f"{name} {d.year}", month),
        (f"{abbr} {d.year}", month),
        (f"{_MONTHS_UK[d.month - 1]} {d.year}", month),
        (str(d.year), year),
    ]


@given(
    d=st.dates(datetime.date(2014, 1, 1), datetime.date(2030, 12, 31)),
    data=st.data(),
)
def test_round_trip_date(d: datetime.date, data: st.DataObject) -> None:
    text, expected = data.draw(st.sampled_from(date_styles(d)), label="text")
    assert parse_date(text) == expected


# --- Ukrainian and Russian number words --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("двісті", 200),
        ("тисячу", 1000),
        ("сто", 100),
        ("п'ятдесят", 50),
        ("п’ятдесят", 50),  # typographic apostrophe
        ("п'ятдесяти", 50),  # genitive
        ("тридцять п'ять", 35),
        ("дві тисячі триста сорок", 2340),
        ("двісті тисяч", 200_000),
        ("сто восемьдесят пять", 185),
        ("тысяча двести", 1200),
        ("двадцать", 20),
        ("пятеро", 5),  # collective numeral
        ("двухсот", 200),
        ("девятьсот девяносто девять", 999),
        ("три миллиона", 3_000_000),
        ("Двісті", 200),
    ],
)
def test_parse_number_reads_ukrainian_and_russian_words(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["сто сто", "двадцать тридцать", "пять двадцать", "тысяч", "миллионов", "сто двісті"]
)
def test_parse_number_rejects_ill_formed_slavic_words(text: str) -> None:
    with pytest.raises(NormaliseError, match=f"cannot parse number: {quoted(text)}"):
        parse_number(text)


def test_number_words_lists_every_word_longest_first() -> None:
    assert {"двісті", "тысячу", "п'ятдесят", "hundred", "twenty"} <= set(NUMBER_WORDS)
    assert [len(w) for w in NUMBER_WORDS] == sorted((len(w) for w in NUMBER_WORDS), reverse=True)
