"""Shared parsing of figures, dates and side names found in news text and curated CSVs.

Every public function raises :class:`NormaliseError` (a ``ValueError``) on input it cannot
interpret, and the message always quotes the offending input with ``repr``.

Number conventions (documented decisions for ambiguous forms):

* ``1,212`` / ``1 212`` / ``1.212``: a separator followed by groups of exactly three digits is a
  thousands separator, so all three are 1212. A dot is only treated this way when no scale word
  follows, so ``1.212 million`` is 1,212,000 while ``1.212`` is 1212.
* Any other single comma or dot is a decimal mark: ``1,5`` is 1.5 and ``1,5 тис.`` is 1500.
* In a range only the high end carries a scale word (``40-50 thousand``); the scale is applied to
  the low end too when that keeps ``low <= high`` (so ``500 to 1 thousand`` stays 500..1000).
* ``nearly`` / ``almost`` count as ``about``; vague plurals (``dozens``, ``thousands``,
  ``тисячі`` on its own) are not numbers.

Dates written with numbers only (``11.06.2025``, ``11/06/2025``) are read day first.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from analysis.errors import NormaliseError
from analysis.text import rules

QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "about", "at_most", "range", "undisclosed")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
SIDES: tuple[str, ...] = ("ukraine", "russia")


@dataclass(frozen=True)
class Figure:
    """A reported number with its qualifier.

    ``value`` is the point value (exact/about) or the bound (at_least/at_most). For a range,
    ``value`` equals ``low`` and ``low``/``high`` hold both ends. ``undisclosed`` has no value.
    """

    value: float | None
    qualifier: str
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        """Reject unknown qualifiers and inconsistent ranges."""
        if self.qualifier not in QUALIFIERS:
            raise NormaliseError(f"unknown qualifier: {self.qualifier!r}")
        if self.qualifier == "range" and not _is_valid_range(self.low, self.high):
            raise NormaliseError(f"invalid range: {self.low!r} to {self.high!r}")


@dataclass(frozen=True)
class DateValue:
    """A date with its precision; month precision uses day 1, year precision uses 1 January."""

    date: datetime.date
    precision: str

    def __post_init__(self) -> None:
        """Reject unknown precisions and dates not aligned to their precision."""
        if self.precision not in PRECISIONS:
            raise NormaliseError(f"unknown precision: {self.precision!r}")
        if self.precision != "day" and self.date.day != 1:
            raise NormaliseError(f"date not aligned to {self.precision}: {self.date!r}")
        if self.precision == "year" and self.date.month != 1:
            raise NormaliseError(f"date not aligned to year: {self.date!r}")


# --- text -------------------------------------------------------------------------------------

_WHITESPACE_RE = re.compile(r"\s+")  # Unicode-aware: covers NBSP, U+202F, U+2009, tabs
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff]")  # zero-width space, word joiner, BOM


def clean_text(text: str) -> str:
    """NFC-normalise, drop zero-width characters and collapse all whitespace to single spaces."""
    normalised = unicodedata.normalize("NFC", text)
    return _WHITESPACE_RE.sub(" ", _INVISIBLE_RE.sub("", normalised)).strip()


def _key(text: str) -> str:
    """Cleaned, case-folded form of ``text`` used for look-ups."""
    return clean_text(text).casefold()


# --- qualifiers -------------------------------------------------------------------------------

_PREFIX_QUALIFIERS: dict[str, str] = {
    phrase: qualifier
    for qualifier, phrases in rules.QUALIFIER_PHRASES.items()
    for phrase in phrases.split("|")
}
_UNDISCLOSED_WORDS: frozenset[str] = frozenset(rules.UNDISCLOSED_WORDS.split("|"))
_AT_LEAST_SUFFIX = "+"


def _alternation(phrases: list[str]) -> str:
    """Regex alternation of literal phrases, longest first so longer phrases win."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_QUALIFIER_PREFIX_RE = re.compile(
    rf"^(?P<q>{_alternation(list(_PREFIX_QUALIFIERS))})(?:\s+|(?=\d))"
)


def parse_qualifier(text: str) -> str:
    """Map a qualifier word or canonical name to its canonical name; empty text means exact."""
    key = _key(text)
    if key in QUALIFIERS:
        return key
    if key == "":
        return "exact"
    if key in _PREFIX_QUALIFIERS:
        return _PREFIX_QUALIFIERS[key]
    if key == _AT_LEAST_SUFFIX:
        return "at_least"
    if key in _UNDISCLOSED_WORDS:
        return "undisclosed"
    raise NormaliseError(f"unknown qualifier: {text!r}")


# --- numbers ----------------------------------------------------------------------------------


def _forms(table: dict[int, str]) -> dict[str, int]:
    """{'word': value} from {value: 'form form ...'}."""
    return {form: value for value, forms in table.items() for form in forms.split()}


_SCALE_WORDS: dict[str, int] = _forms(rules.SCALE_WORDS)
# A digit-or-word mantissa followed by a scale word: "1.2k", "1,5 тис.", "fifty thousand".
_SCALE_SUFFIX_RE = re.compile(
    rf"^(?P<num>.*?)(?:(?<=\d)|\s+)(?P<scale>{_alternation(list(_SCALE_WORDS))})\.?$"
)
_GROUPED_INT_RE = re.compile(r"^\d{1,3}(?P<sep>[ ,.])\d{3}(?:(?P=sep)\d{3})*$")
_GROUPED_DOT_DECIMAL_RE = re.compile(r"^\d{1,3}(?P<sep>[ ,])\d{3}(?:(?P=sep)\d{3})*\.\d+$")
_GROUPED_COMMA_DECIMAL_RE = re.compile(r"^\d{1,3}(?P<sep>[ .])\d{3}(?:(?P=sep)\d{3})*,\d+$")
_PLAIN_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")

_SMALL_WORDS: dict[str, int] = {
    **{word: value for value, word in enumerate(rules.UNIT_WORDS.split(), start=1)},
    **{
        word: value for value, word in zip(range(20, 100, 10), rules.TEN_WORDS.split(), strict=True)
    },
}
_GROUP_WORDS: dict[str, int] = _forms(rules.GROUP_WORDS)


_SLAVIC_SMALL_WORDS: dict[str, int] = _forms(rules.SLAVIC_SMALL_WORDS)
_SLAVIC_HUNDRED_WORDS: dict[str, int] = _forms(rules.SLAVIC_HUNDRED_WORDS)
_BIG_WORDS: dict[str, int] = _forms(rules.BIG_WORDS)
_PLURAL_ALONE: frozenset[str] = frozenset(rules.PLURAL_ALONE.split())  # alone: "thousands"
# Every word a number can be written with, longest first (for regexes in other modules).
NUMBER_WORDS: tuple[str, ...] = tuple(
    sorted(
        {*_SMALL_WORDS, *_GROUP_WORDS, *_BIG_WORDS, *_SLAVIC_SMALL_WORDS, *_SLAVIC_HUNDRED_WORDS},
        key=lambda w: (-len(w), w),
    )
)
_FRACTIONS: dict[str, Decimal] = {
    form: Decimal(value) for value, forms in rules.FRACTION_WORDS.items() for form in forms.split()
}
# "half a million", "a quarter of a million", "полмиллиона": a fraction of a big word.
FRACTION_PATTERN = (
    rf"(?:a\s+)?(?P<f>{_alternation(list(_FRACTIONS))})(?:\s+of)?(?:\s+a)?[\s-]*"
    rf"(?P<big>{_alternation(list(_BIG_WORDS))})"
)
_FRACTION_RE = re.compile(rf"^{FRACTION_PATTERN}$")
_APOSTROPHES_RE = re.compile("[’ʼ‘`]")
_WORD_SPLIT_RE = re.compile(r"[\s\-‐–]+")


def _digits_to_decimal(text: str, scaled: bool) -> Decimal | None:
    """Read digits with thousands separators and/or a decimal mark; None if malformed."""
    grouped = _GROUPED_INT_RE.match(text)
    if grouped and not (scaled and grouped["sep"] == "."):
        return Decimal(text.replace(grouped["sep"], ""))
    if _GROUPED_DOT_DECIMAL_RE.match(text):
        return Decimal(text.replace(",", "").replace(" ", ""))
    if _GROUPED_COMMA_DECIMAL_RE.match(text):
        return Decimal(text.replace(".", "").replace(" ", "").replace(",", "."))
    if _PLAIN_NUMBER_RE.match(text):
        return Decimal(text.replace(",", "."))
    return None


def _can_append(current: int, value: int) -> bool:
    """Whether a units/teens/tens word may follow the words already read in this group."""
    rest = current % 100
    if value >= 10:
        return rest == 0
    return rest == 0 or (rest >= 20 and rest % 10 == 0)


def _words_to_decimal(text: str) -> Decimal | None:
    """Read number words ('one hundred and one', 'a dozen', 'двісті', 'тысяча двести'); None if not one."""
    tokens = [t for t in _WORD_SPLIT_RE.split(_APOSTROPHES_RE.sub("'", text)) if t]
    if tokens == ["zero"]:
        return Decimal(0)
    if len(tokens) == 1 and tokens[0] in _PLURAL_ALONE:
        return None
    if tokens[:1] == ["a"] and len(tokens) > 1:
        tokens[0] = "one"
    total, current, last_big = 0, 0, None
    for index, token in enumerate(tokens):
        if token == "and" and 0 < index < len(tokens) - 1:
            continue
        small = _SMALL_WORDS.get(token) or _SLAVIC_SMALL_WORDS.get(token)
        if small and _can_append(current, small):
            current += small
        elif token in _SLAVIC_HUNDRED_WORDS and current == 0:
            current = _SLAVIC_HUNDRED_WORDS[token]
        elif token in _GROUP_WORDS and current < 100:
            current = (current or 1) * _GROUP_WORDS[token]
        elif token in _BIG_WORDS and (last_big is None or _BIG_WORDS[token] < last_big):
            last_big = _BIG_WORDS[token]
            total, current = total + (current or 1) * last_big, 0
        else:
            return None
    return Decimal(total + current) if tokens else None


def _number_decimal(key: str) -> Decimal | None:
    """Value of a cleaned, case-folded bare number; None if it is not one."""
    fraction = _FRACTION_RE.match(key)
    if fraction:
        return _FRACTIONS[fraction["f"]] * _BIG_WORDS[fraction["big"]]
    scaled = _SCALE_SUFFIX_RE.match(key)
    if scaled and scaled["num"][:1].isdigit():
        mantissa = _digits_to_decimal(scaled["num"], scaled=True)
        return None if mantissa is None else mantissa * _SCALE_WORDS[scaled["scale"]]
    if key[:1].isdigit():
        return _digits_to_decimal(key, scaled=False)
    return _words_to_decimal(key)


def _trailing_scale(key: str) -> int:
    """Multiplier of the scale word ending ``key`` ('50 thousand' -> 1000), else 1."""
    scaled = _SCALE_SUFFIX_RE.match(key)
    return _SCALE_WORDS[scaled["scale"]] if scaled else 1


def parse_number(text: str) -> float:
    """Parse a bare number ('1 212', '1.2K', '2,5 млн', 'seventy-five'); qualifiers raise."""
    key = _key(text)
    if _QUALIFIER_PREFIX_RE.match(key) or key.endswith(_AT_LEAST_SUFFIX):
        raise NormaliseError(f"qualifier not allowed in bare number: {text!r}")
    value = _number_decimal(key)
    if value is None:
        raise NormaliseError(f"cannot parse number: {text!r}")
    return float(value)


# --- figures ----------------------------------------------------------------------------------

_RANGE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:between|між|между)\s+(?P<low>.+?)\s+(?:and|і|та|и)\s+(?P<high>.+)$"),
    re.compile(r"^(?:from|від|от)\s+(?P<low>.+?)\s+(?:to|до)\s+(?P<high>.+)$"),
    re.compile(r"^(?P<low>[^-–—−]*\d[^-–—−]*?)\s*[-–—−]\s*(?P<high>\d[^-–—−]*)$"),
    re.compile(r"^(?P<low>.+?)\s+to\s+(?P<high>.+)$"),
)


def _is_valid_range(low: float | None, high: float | None) -> bool:
    """Whether both range ends are present and ordered."""
    return low is not None and high is not None and low <= high


def _split_range(key: str) -> tuple[str, str] | None:
    """Split a range expression into its (low, high) texts, or None if it is not a range."""
    for pattern in _RANGE_RES:
        match = pattern.match(key)
        if match:
            return match["low"], match["high"]
    return None


def _single_figure(original: str, number_key: str, qualifier: str) -> Figure:
    """Figure for one number with a known qualifier."""
    value = _number_decimal(number_key)
    if value is None:
        raise NormaliseError(f"cannot parse figure: {original!r}")
    return Figure(float(value), qualifier)


def _range_figure(original: str, low_key: str, high_key: str) -> Figure:
    """Range figure; a scale word on the high end also scales an unscaled low end."""
    low, high = _number_decimal(low_key), _number_decimal(high_key)
    if low is None or high is None:
        raise NormaliseError(f"cannot parse figure: {original!r}")
    scale = _trailing_scale(high_key)
    if _trailing_scale(low_key) == 1 and low * scale <= high:
        low *= scale
    if low > high:
        raise NormaliseError(f"range low exceeds high: {original!r}")
    return Figure(float(low), "range", float(low), float(high))


def parse_figure(text: str) -> Figure:
    """Parse a number with an optional qualifier ('more than 1,000', '40-50 thousand').

    Ranges give ``Figure(value=low, qualifier="range", low=low, high=high)``; empty text and
    'undisclosed'/'not disclosed'/'n/a' give ``Figure(None, "undisclosed")``.
    """
    key = _key(text)
    if key in _UNDISCLOSED_WORDS:
        return Figure(None, "undisclosed")
    prefix = _QUALIFIER_PREFIX_RE.match(key)
    if prefix:
        return _single_figure(text, key[prefix.end() :], _PREFIX_QUALIFIERS[prefix["q"]])
    if key.endswith(_AT_LEAST_SUFFIX):
        return _single_figure(text, key[:-1].rstrip(), "at_least")
    bounds = _split_range(key)
    if bounds:
        return _range_figure(text, *bounds)
    return _single_figure(text, key, "exact")


# --- dates ------------------------------------------------------------------------------------

_MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(rules.MONTH_NAMES, start=1)
    for name in names.split()
}
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"), "day"),
    (re.compile(r"^(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})$"), "day"),
    (
        re.compile(rf"^(?P<month>[^\W\d_]+)\.? (?P<day>\d{{1,2}}){_ORDINAL},? (?P<year>\d{{4}})$"),
        "day",
    ),
    (
        re.compile(rf"^(?P<day>\d{{1,2}}){_ORDINAL} (?P<month>[^\W\d_]+)\.?,? (?P<year>\d{{4}})$"),
        "day",
    ),
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<month>[^\W\d_]+)\.?,? (?P<year>\d{4})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})$"), "year"),
)
_YEAR_SUFFIX_RE = re.compile(rf"\s+(?:{rules.YEAR_SUFFIX})\.?$")  # "2025 року"


def _month_number(token: str) -> int | None:
    """Month number from digits or an English/Ukrainian/Russian month name."""
    return int(token) if token.isdigit() else _MONTH_NAMES.get(token)


def _date_from_match(original: str, match: re.Match[str], precision: str) -> DateValue:
    """Build a DateValue from a matched date pattern, validating the calendar date."""
    fields = match.groupdict()
    month = _month_number(fields.get("month") or "1")
    if month is None:
        raise NormaliseError(f"unknown month name: {original!r}")
    try:
        date = datetime.date(int(fields["year"]), month, int(fields.get("day") or 1))
    except ValueError as err:
        raise NormaliseError(f"invalid date: {original!r}") from err
    return DateValue(date, precision)


def parse_date(text: str) -> DateValue:
    """Parse ISO, English, Ukrainian or Russian dates at day, month or year precision.

    Numeric dates are day first: '11/06/2025' and '11.06.2025' are 11 June 2025.
    """
    key = _YEAR_SUFFIX_RE.sub("", _key(text))
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.match(key)
        if match:
            return _date_from_match(text, match, precision)
    raise NormaliseError(f"cannot parse date: {text!r}")


# --- sides ------------------------------------------------------------------------------------


def _side_key(text: str) -> str:
    """Case-folded text with all whitespace removed."""
    return _WHITESPACE_RE.sub("", _key(text))


_SIDE_ALIASES: dict[str, str] = {
    _side_key(name): side for side, names in rules.SIDE_NAMES.items() for name in names.split("|")
}


def parse_side(text: str) -> str:
    """Map a country, demonym, capital or armed-forces name to 'ukraine' or 'russia'."""
    side = _SIDE_ALIASES.get(_side_key(text))
    if side is None:
        raise NormaliseError(f"unknown side: {text!r}")
    return side
