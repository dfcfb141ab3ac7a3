"""Chart text in three languages: every message exists in each with the same placeholders,
numbers and dates follow the language (Babel), and every glyph drawn is in the font."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

import charts_frames as frames
from analysis import charts
from analysis.charts import i18n
from analysis.charts.messages import MESSAGES

FONT_PATH = font_manager.findfont(font_manager.FontProperties(family=["DejaVu Sans"]))


def _fields(template: str) -> set[str]:
    """The placeholders of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_exists_in_every_language_with_the_same_placeholders() -> None:
    problems = [
        f"{key}: {sorted(set(i18n.LANGUAGES) ^ set(texts))}"
        for key, texts in MESSAGES.items()
        if set(texts) != set(i18n.LANGUAGES) or not all(texts.values())
    ]
    problems += [
        f"{key}: placeholders differ"
        for key, texts in MESSAGES.items()
        if len({frozenset(_fields(text)) for text in texts.values()}) != 1
    ]
    assert problems == []


def test_every_glyph_of_the_catalogue_is_in_the_font() -> None:
    font = FT2Font(FONT_PATH)
    covered = set(font.get_charmap())
    text = "".join(t for texts in MESSAGES.values() for t in texts.values())
    text += "".join(i18n.number(1212, lang) + i18n.day(dt.date(2025, m, 1), lang)
                    + i18n.month(dt.date(2025, m, 1), lang) + i18n.period(dt.date(2025, m, 1), "quarter", lang)
                    for lang in i18n.LANGUAGES for m in range(1, 13))  # fmt: skip
    missing = sorted({c for c in text if ord(c) not in covered and c not in "\n"})
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "number", "date", "figure"),
    [
        ("en", "1,212", "16 May 2025", "at least 1,212"),
        ("uk", "1\xa0212", "16 травня 2025", "щонайменше 1\xa0212"),
        ("ru", "1\xa0212", "16 мая 2025", "не менее 1\xa0212"),
    ],
)
def test_numbers_dates_and_figures_follow_the_language(lang: str, number: str, date: str,
                                                       figure: str) -> None:  # fmt: skip
    assert i18n.number(1212, lang) == number
    assert i18n.day(dt.date(2025, 5, 16), lang) == date
    assert i18n.figure(1212, "at_least", lang) == figure
    assert i18n.count(1000, "at_least", lang) == "≥" + i18n.number(1000, lang)
    assert i18n.count(189000, "range", lang, high=273000) == (
        f"{i18n.number(189000, lang)}–{i18n.number(273000, lang)}"
    )  # a range is never labelled by its low end alone


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'; languages are en, uk, ru"):
        charts.per_period(frames.per_period(), lang="de")


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_a_chart_draws_every_text_in_its_language(lang: str) -> None:
    chart = charts.per_period(frames.per_period(), sources=["Ukrinform"], lang=lang)
    chart.fig.canvas.draw()
    ax = chart.fig.axes[0]
    drawn = [t.get_text() for t in chart.fig.texts] + [t.get_text() for t in ax.get_legend().get_texts()]
    drawn += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert i18n.t("people.title", lang, freq=i18n.t("freq.month", lang)) in drawn
    assert i18n.t("side.ukraine", lang) in drawn and i18n.t("side.russia", lang) in drawn
    assert i18n.t("source.one", lang, names="Ukrinform") in drawn
    assert i18n.t("data_to", lang, date=i18n.day(dt.date(2024, 4, 1), lang)) in drawn
    assert i18n.number(1000, lang) in drawn  # the value axis groups digits the language's way
    assert i18n.month(dt.date(2024, 2, 1), lang) in drawn  # month ticks in the language
    english = {"Ukraine", "Russia", "Undisclosed counts", "Source: Ukrinform", "Feb", "Mar"}
    assert english.isdisjoint(drawn)
