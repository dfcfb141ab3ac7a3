"""Vocabularies for `analysis.text.parse`: number words, scale words, qualifiers, months, sides."""

from __future__ import annotations

# --- parsing: numbers, qualifiers, months and sides (`analysis.text.parse`) ------------------------
# Forms are written "form form ..." (space-separated) or "phrase|phrase" when phrases have spaces.

QUALIFIER_PHRASES: dict[str, str] = {
    "at_least": "more than|over|at least|upwards of|in excess of|no fewer than|no less than|понад"
                "|більше|більше ніж|більш ніж|щонайменше|не менше|не менше ніж|более|более чем|больше"
                "|больше чем|свыше|не менее|как минимум|по меньшей мере|по крайней мере|превысило|превысил|превысила|превысили"
                "|перевищила|перевищив|перевищило|перевищили|перевищують|перевищує|превышают|превышает"
                "|exceeded|topped|exceeds|exceed",
    "about": "about|around|approximately|approx.|approx|some|roughly|nearly|almost|estimated|close to"
             "|an estimated|circa|perhaps|possibly|probably|~|≈|близько|майже|приблизно|около|почти|примерно|порядка",
    "at_most": "up to|as many as|at most|no more than|fewer than|less than|under|до|не більше|не більше ніж"
               "|менше|менше ніж|менш ніж|не более|менее|меньше",
}  # fmt: skip
UNDISCLOSED_WORDS = "|undisclosed|not disclosed|n/a|не розголошується|не разглашается"
SCALE_WORDS: dict[int, str] = {
    1_000: "k thousand тис тисяча тисячі тисяч тисячу тыс тысяча тысячу тысячи тысяч",
    1_000_000: "m mn mln million млн мільйон мільйона мільйони мільйонів миллион миллиона миллионов",
}
# English units and teens (1-19, in order) and tens (20-90, in order).
UNIT_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen"
)
TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
GROUP_WORDS: dict[int, str] = {100: "hundred", 12: "dozen"}
# Ukrainian and Russian number words, nominative/accusative and genitive forms; collective
# numerals ("п'ятеро", "пятеро") count people. Hundreds are words of their own ("двісті").
SLAVIC_SMALL_WORDS: dict[int, str] = {
    1: "один одна одне одно одного однієї одной", 2: "два дві две двох двух двоє двое",
    3: "три трьох трех трёх троє трое", 4: "чотири четыре чотирьох четырех четырёх четверо",
    5: "п'ять пять п'яти пяти п'ятеро пятеро", 6: "шість шесть шести шістьох шестеро",
    7: "сім семь семи сімох семеро", 8: "вісім восемь восьми вісьмох восьмеро",
    9: "дев'ять девять дев'яти девяти дев'ятеро девятеро", 10: "десять десяти десятеро",
    11: "одинадцять одиннадцать одинадцяти одиннадцати", 12: "дванадцять двенадцать дванадцяти двенадцати",
    13: "тринадцять тринадцать тринадцяти тринадцати",
    14: "чотирнадцять четырнадцать чотирнадцяти четырнадцати",
    15: "п'ятнадцять пятнадцать п'ятнадцяти пятнадцати",
    16: "шістнадцять шестнадцать шістнадцяти шестнадцати",
    17: "сімнадцять семнадцать сімнадцяти семнадцати",
    18: "вісімнадцять восемнадцать вісімнадцяти восемнадцати",
    19: "дев'ятнадцять девятнадцать дев'ятнадцяти девятнадцати",
    20: "двадцять двадцать двадцяти двадцати", 30: "тридцять тридцать тридцяти тридцати",
    40: "сорок сорока", 50: "п'ятдесят пятьдесят п'ятдесяти пятидесяти",
    60: "шістдесят шестьдесят шістдесяти шестидесяти", 70: "сімдесят семьдесят сімдесяти семидесяти",
    80: "вісімдесят восемьдесят вісімдесяти восьмидесяти", 90: "дев'яносто девяносто дев'яноста девяноста",
}  # fmt: skip
SLAVIC_HUNDRED_WORDS: dict[int, str] = {
    100: "сто ста сотню сотня", 200: "двісті двести двохсот двухсот", 300: "триста трьохсот трехсот",
    400: "чотириста четыреста чотирьохсот четырехсот", 500: "п'ятсот пятьсот п'ятисот пятисот",
    600: "шістсот шестьсот шестисот", 700: "сімсот семьсот семисот",
    800: "вісімсот восемьсот восьмисот", 900: "дев'ятсот девятьсот дев'ятисот девятисот",
}  # fmt: skip
BIG_WORDS: dict[int, str] = {
    10: "десятки десятків десятка десятков",  # "понад чотири десятки": 40
    1_000: "thousand тисяча тисячу тисячі тисяч тысяча тысячу тысячи тысяч",
    1_000_000: "million мільйон мільйона мільйони мільйонів миллион миллиона миллионов",
}
# Fractions of a thousand or million: "half a million", "a quarter of a million", "полмиллиона",
# "півмільйона", "полтора миллиона" (value: forms).
FRACTION_WORDS: dict[str, str] = {
    "0.5": "half пол пів", "0.25": "quarter четверть чверть", "1.5": "полтора полторы півтора",
}  # fmt: skip
# Alone, a plural scale word means "thousands"/"millions", not a number.
PLURAL_ALONE = "тисячі тисяч тысячи тысяч мільйони мільйонів миллиона миллионов десятки десятків десятка десятков"
# Month names in every form `parse_date` reads, January first.
MONTH_NAMES: tuple[str, ...] = (
    "january jan січень січня январь января", "february feb лютий лютого февраль февраля",
    "march mar березень березня март марта", "april apr квітень квітня апрель апреля",
    "may травень травня май мая", "june jun червень червня июнь июня",
    "july jul липень липня июль июля", "august aug серпень серпня август августа",
    "september sep sept вересень вересня сентябрь сентября",
    "october oct жовтень жовтня октябрь октября", "november nov листопад листопада ноябрь ноября",
    "december dec грудень грудня декабрь декабря",
)  # fmt: skip
YEAR_SUFFIX = r"р|року|рік|г|года|год"  # "11 червня 2025 року", "11 июня 2025 г."
# Country, demonym, capital and armed-forces names of each side (`parse_side`).
SIDE_NAMES: dict[str, str] = {
    "ukraine": "ukraine|ukrainian|ukrainians|ua|ukr|kyiv|kiev|afu|україна|україни|україні|україну"
               "|український|українська|українські|українці|українців|київ|зсу|всу|украина|украины"
               "|украине|украину|украинский|украинская|украинские|украинцы|украинцев|киев",
    "russia": "russia|russian|russians|ru|rus|rf|russian federation|moscow|росія|росії|росію"
              "|російський|російська|російські|росіяни|рф|зс рф|москва|россия|россии|россию"
              "|российский|российская|российские|россияне|вс рф",
}  # fmt: skip
