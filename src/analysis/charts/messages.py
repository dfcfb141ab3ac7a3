"""The message catalogue of chart text: every key in English, Ukrainian and Russian.

Placeholders in braces are filled by `analysis.charts.i18n.t`; every language of a key uses the
same placeholders (tests/test_charts_i18n.py checks both).
"""

from __future__ import annotations


def _m(en: str, uk: str, ru: str) -> dict[str, str]:
    """One message in the three languages."""
    return {"en": en, "uk": uk, "ru": ru}


MESSAGES: dict[str, dict[str, str]] = {
    # figures
    "figure.at_least": _m("at least {n}", "щонайменше {n}", "не менее {n}"),
    "figure.about": _m("about {n}", "близько {n}", "около {n}"),
    "figure.at_most": _m("up to {n}", "до {n}", "до {n}"),
    "figure.range": _m("{low} to {high}", "від {low} до {high}", "от {low} до {high}"),
    "figure.undisclosed": _m("undisclosed", "не розкрито", "не раскрыто"),
    "figure.no_figure": _m("no figure", "немає даних", "нет данных"),
    "figure.no_data": _m("no data (not zero)", "немає даних (не нуль)", "нет данных (не ноль)"),
    "coverage.no_data": _m(" No data", " Немає даних", " Нет данных"),
    "coverage.legend": _m("No data (not zero)", "Немає даних (не нуль)", "Нет данных (не ноль)"),
    "coverage.partial": _m("Partial period", "Неповний період", "Неполный период"),
    # the frame of every chart
    "source.one": _m("Source: {names}", "Джерело: {names}", "Источник: {names}"),
    "source.many": _m("Sources: {names}", "Джерела: {names}", "Источники: {names}"),
    "source.more": _m("{names} and {n} more", "{names} та ще {n}", "{names} и ещё {n}"),
    "source.none": _m("Source: not given", "Джерело: не вказано", "Источник: не указан"),
    "as_of": _m("As of {date}", "Станом на {date}", "По состоянию на {date}"),
    "data_to.short": _m("data to {date}", "дані до {date}", "данные до {date}"),
    "not_itemised": _m("about {n} not itemised", "близько {n} без деталізації",
                       "около {n} без детализации"),  # fmt: skip
    "legend.published_total": _m("Published total", "Оприлюднений підсумок", "Опубликованный итог"),
    "legend.not_itemised": _m("Published, not itemised", "Оприлюднено, без деталізації",
                              "Опубликовано, без детализации"),  # fmt: skip
    "data_to": _m("Data to {date}", "Дані до {date}", "Данные до {date}"),
    "published": _m("Published {date}", "Опубліковано {date}", "Опубликовано {date}"),
    # sides and codes
    "side.ukraine": _m("Ukraine", "Україна", "Украина"),
    "side.russia": _m("Russia", "Росія", "Россия"),
    "received_by.ukraine": _m("Received by Ukraine", "Отримала Україна", "Получила Украина"),
    "received_by.russia": _m("Received by Russia", "Отримала Росія", "Получила Россия"),
    "losses.ukraine_military": _m("Ukraine's military losses", "Втрати армії України",
                                  "Потери армии Украины"),  # fmt: skip
    "losses.russia_military": _m("Russia's military losses", "Втрати армії Росії",
                                 "Потери армии России"),  # fmt: skip
    "losses.ukraine_civilian": _m("Ukraine's civilian losses", "Втрати цивільних в Україні",
                                  "Потери мирных жителей Украины"),  # fmt: skip
    "losses.russia_civilian": _m("Russia's civilian losses", "Втрати цивільних у Росії",
                                 "Потери мирных жителей России"),  # fmt: skip
    "event.pow_exchange": _m("POW exchange", "Обмін полоненими", "Обмен пленными"),
    "event.body_repatriation": _m("Body repatriation", "Репатріація тіл", "Репатриация тел"),
    "event.civilian_return": _m("Civilian return", "Повернення цивільних",
                                "Возвращение гражданских"),  # fmt: skip
    "event.wounded_transfer": _m("Wounded transfer", "Передача поранених", "Передача раненых"),
    "event.child_return": _m("Child return", "Повернення дітей", "Возвращение детей"),
    "event.agreement": _m("Agreement", "Угода", "Соглашение"),
    "event.other": _m("Other", "Інше", "Другое"),
    "metric.killed": _m("Killed", "Загиблі", "Погибшие"),
    "metric.names_identified": _m("Names identified", "Встановлені імена", "Установленные имена"),
    "metric.personnel": _m("Personnel losses", "Втрати особового складу",
                           "Потери личного состава"),  # fmt: skip
    "metric.killed_or_wounded": _m("Killed or wounded", "Загиблі або поранені",
                                   "Погибшие или раненые"),  # fmt: skip
    "metric.wounded": _m("Wounded", "Поранені", "Раненые"),
    "metric.missing": _m("Missing", "Зниклі безвісти", "Пропавшие без вести"),
    "kind.independent_count": _m("Independent count", "Незалежний підрахунок",
                                 "Независимый подсчёт"),  # fmt: skip
    "kind.monitoring": _m("Monitoring (UN)", "Моніторинг (ООН)", "Мониторинг (ООН)"),
    "kind.official_claim": _m("Claim by a warring party", "Заява сторони війни",
                              "Заявление стороны войны"),  # fmt: skip
    "kind.intelligence_estimate": _m("Intelligence estimate", "Оцінка розвідки",
                                     "Оценка разведки"),  # fmt: skip
    "kind.confirmed_lower_bound": _m("Confirmed (lower bound)", "Підтверджено (нижня межа)",
                                     "Подтверждено (нижняя граница)"),  # fmt: skip
    "kind.claim": _m("Claim by a warring party", "Заява сторони війни", "Заявление стороны войны"),
    "kind.estimate": _m("Estimate", "Оцінка", "Оценка"),
    "freq.week": _m("week", "тиждень", "неделю"),
    "freq.month": _m("month", "місяць", "месяц"),
    "freq.quarter": _m("quarter", "квартал", "квартал"),
    "freq.year": _m("year", "рік", "год"),
    "unit.people": _m("people", "осіб", "человек"),
    "unit.bodies": _m("bodies", "тіл", "тел"),
    # legends and notes
    "legend.undisclosed_counts": _m("Undisclosed counts", "Кількість не розкрито",
                                    "Число не раскрыто"),  # fmt: skip
    "legend.undisclosed": _m("Undisclosed", "Не розкрито", "Не раскрыто"),
    "legend.exact": _m("Exact", "Точно", "Точно"),
    "legend.bound": _m("At least / about", "Щонайменше / близько", "Не менее / около"),
    "legend.other_side": _m("Other side's figure", "Дані іншої сторони", "Данные другой стороны"),
    "legend.delivered": _m("Delivered", "Передано", "Передано"),
    "legend.agreed": _m("Agreed", "Погоджено", "Согласовано"),
    "note.period_at_least": _m(
        "↑ At least: the period includes counts stated as 'at least'.",
        "↑ Щонайменше: період містить дані, подані як «щонайменше».",
        "↑ Не менее: период включает данные, указанные как «не менее».",
    ),
    "note.lower_bound": _m(
        "↑ A lower bound: some counts were stated as 'at least' or not disclosed.",
        "↑ Нижня межа: частину даних подано як «щонайменше» або не розкрито.",
        "↑ Нижняя граница: часть данных указана как «не менее» или не раскрыта.",
    ),
    "note.bounds": _m("↑ at least · ↓ at most · bar: stated range",
                      "↑ щонайменше · ↓ щонайбільше · смуга: вказаний діапазон",
                      "↑ не менее · ↓ не более · полоса: указанный диапазон"),  # fmt: skip
    "note.not_shown": _m("not shown: {what}", "не показано: {what}", "не показано: {what}"),
    "note.per_period_left_out": _m("not shown: {n} per-period figure(s)",
                                   "не показано показників за окремий період: {n}",
                                   "не показано показателей за отдельный период: {n}"),  # fmt: skip
    "note.personnel": _m(
        "Personnel losses count killed, wounded and captured; named-dead counts list only the "
        "dead identified by name. The two are different measures.",
        "«Втрати особового складу» охоплюють загиблих, поранених і полонених; списки імен "
        "містять лише загиблих, встановлених поіменно. Це різні показники.",
        "«Потери личного состава» включают погибших, раненых и пленных; списки имён содержат "
        "только погибших, установленных поимённо. Это разные показатели.",
    ),
    "no_figures": _m("no figures", "немає даних", "нет данных"),
    # default titles
    "people.title": _m("People returned alive, by {freq}", "Повернені живими, за {freq}",
                       "Возвращённые живыми, за {freq}"),  # fmt: skip
    "bodies.title": _m("Bodies repatriated, by {freq}", "Репатрійовані тіла, за {freq}",
                       "Репатриированные тела, за {freq}"),  # fmt: skip
    "people.what": _m("Prisoners of war, civilians and children", "Полонені, цивільні та діти",
                      "Пленные, гражданские и дети"),  # fmt: skip
    "bodies.what": _m("Bodies of the fallen", "Тіла загиблих", "Тела погибших"),
    "per_period.mirrored": _m(
        "{what} received each {freq}: Ukraine above the line, Russia below",
        "{what}, отримані за {freq}: Україна над лінією, Росія під нею",
        "{what}, полученные за {freq}: Украина над линией, Россия под ней",
    ),
    "per_period.grouped": _m("{what} received each {freq}, by receiving side",
                             "{what}, отримані за {freq}, за стороною, що отримала",
                             "{what}, полученные за {freq}, по получившей стороне"),  # fmt: skip
    "per_period.one_side": _m("{what} received by {side} each {freq}",
                              "{what}, отримані за {freq}; отримувач: {side}",
                              "{what}, полученные за {freq}; получатель: {side}"),  # fmt: skip
    "cumulative.people.title": _m("People returned alive in exchanges",
                                  "Повернені живими під час обмінів",
                                  "Возвращённые живыми при обменах"),  # fmt: skip
    "cumulative.bodies.title": _m("Bodies repatriated", "Репатрійовані тіла",
                                  "Репатриированные тела"),  # fmt: skip
    "cumulative.subtitle": _m("Cumulative number of {what} received since {date}, by receiving side",
                              "Кількість {what} наростаючим підсумком з {date}, за стороною, що отримала",
                              "Число {what} нарастающим итогом с {date}, по получившей стороне"),  # fmt: skip
    "personnel.title": _m("Claimed Russian personnel losses and the named dead",
                          "Заявлені втрати особового складу Росії та поіменно встановлені загиблі",
                          "Заявленные потери личного состава России и поимённо установленные погибшие"),  # fmt: skip
    "personnel.subtitle": _m(
        "Ukraine's General Staff claim (dashed) against independent counts of named dead",
        "Заява Генштабу ЗСУ (пунктир) і незалежні підрахунки загиблих за іменами",
        "Заявление Генштаба ВСУ (пунктир) и независимые подсчёты погибших по именам",
    ),
    "claims.title": _m("Claims and independent counts", "Заяви та незалежні підрахунки",
                       "Заявления и независимые подсчёты"),  # fmt: skip
    "claims.subtitle": _m(
        "Military losses as stated, one panel per measure: claims by warring parties are hollow",
        "Втрати армій за заявами, панель на показник: заяви сторін війни порожні",
        "Потери армий по заявлениям, панель на показатель: заявления сторон войны полые",
    ),
    "timeline.title": _m("Exchanges and repatriations", "Обміни та репатріації", "Обмены и репатриации"),
    "timeline.subtitle": _m(
        "One dot per event and receiving side; area shows the number of people or bodies",
        "Одна точка на подію та сторону, що отримала; площа показує кількість людей або тіл",
        "Одна точка на событие и получившую сторону; площадь показывает число людей или тел",
    ),
    "asymmetry.title": _m("What each side received", "Що отримала кожна сторона",
                          "Что получила каждая сторона"),  # fmt: skip
    "asymmetry.subtitle": _m(
        "People or bodies received per event: Ukraine (left) and Russia (right)",
        "Люди або тіла, отримані за подію: Україна (ліворуч) і Росія (праворуч)",
        "Люди или тела, полученные за событие: Украина (слева) и Россия (справа)",
    ),
    "note.latest_rows": _m("The latest {n} of {of} rows.", "Останні {n} з {of} рядків.",
                           "Последние {n} из {of} строк."),  # fmt: skip
    "note.disputed": _m(
        "* The two sides gave different figures; the chart shows the receiving side's.",
        "* Сторони навели різні дані; на графіку дані сторони, що отримала.",
        "* Стороны привели разные данные; на графике данные получившей стороны.",
    ),
    "note.hatched": _m("Hatched: figure not disclosed.", "Штрихування: кількість не розкрито.",
                       "Штриховка: число не раскрыто."),  # fmt: skip
    "note.agreement": _m("Agreement: {name}", "Угода: {name}", "Соглашение: {name}"),
    "delivery.title": _m("Delivery of the agreed exchanges", "Виконання погоджених обмінів",
                         "Выполнение согласованных обменов"),  # fmt: skip
    "delivery.subtitle": _m(
        "People or bodies delivered against the number agreed, by receiving side",
        "Передані люди або тіла порівняно з погодженою кількістю, за стороною, що отримала",
        "Переданные люди или тела по сравнению с согласованным числом, по получившей стороне",
    ),
    "delivery.of": _m("{delivered} of {agreed} ({share})", "{delivered} з {agreed} ({share})",
                      "{delivered} из {agreed} ({share})"),  # fmt: skip
    "delivery.none_agreed": _m("{delivered} (none agreed)", "{delivered} (не погоджено)",
                               "{delivered} (не согласовано)"),  # fmt: skip
    "delivery.undisclosed": _m("+ {n} undisclosed", "+ {n} не розкрито", "+ {n} не раскрыто"),
    "small_multiples.title": _m("Returns by kind of event", "Повернення за видом події",
                                "Возвращения по виду события"),  # fmt: skip
    "small_multiples.subtitle": _m(
        "Cumulative number received, by receiving side",
        "Кількість наростаючим підсумком, за стороною, що отримала",
        "Число нарастающим итогом, по получившей стороне",
    ),
    "claims.latest": _m("{who}: {value}", "{who}: {value}", "{who}: {value}"),
    "claims.legend.warring": _m("Claim by a warring party (hollow)", "Заява сторони війни (порожні)",
                                "Заявление стороны войны (полые)"),  # fmt: skip
    # tooltips, data files, pages
    "tip.point": _m("{when}: {value} ({who})", "{when}: {value} ({who})", "{when}: {value} ({who})"),
    "tip.events": _m("{n} events", "подій: {n}", "событий: {n}"),
    "column.date": _m("Date", "Дата", "Дата"),
    "column.period": _m("Period", "Період", "Период"),
    "column.notes": _m("Notes", "Примітки", "Примечания"),
    "column.value": _m("Value", "Значення", "Значение"),
    "column.claimant": _m("Who said it", "Хто заявив", "Кто заявил"),
    "column.source": _m("Source", "Джерело", "Источник"),
    "column.series": _m("Series", "Ряд", "Ряд"),
    "notes.undisclosed": _m("{side}: {n} event(s) with an undisclosed figure",
                            "{side}: подій з нерозкритою кількістю — {n}",
                            "{side}: событий с нераскрытым числом — {n}"),  # fmt: skip
    "notes.at_least": _m("{side}: includes figures stated as 'at least'",
                         "{side}: містить дані «щонайменше»",
                         "{side}: включает данные «не менее»"),  # fmt: skip
    "page.data": _m("The data behind the chart", "Дані графіка", "Данные графика"),
    # alt text (charts.describe): whole sentences, read aloud by screen readers
    "alt.covers": _m("The chart covers {start} to {end}.", "Графік охоплює період з {start} по {end}.",
                     "График охватывает период с {start} по {end}."),
    "alt.highest": _m("Highest: {value} ({when}).", "Найбільше: {value} ({when}).",
                      "Наибольшее: {value} ({when})."),
    "alt.lowest": _m("Lowest: {value} ({when}).", "Найменше: {value} ({when}).",
                     "Наименьшее: {value} ({when})."),
    "alt.latest": _m("Latest value: {items}.", "Останнє значення: {items}.",
                     "Последнее значение: {items}."),
    "alt.on": _m("{value} on {when}", "{value} станом на {when}", "{value} на {when}"),
    "alt.partial_when": _m("{when}, a partial period: {span}", "{when}, неповний період: {span}",
                           "{when}, неполный период: {span}"),
    "alt.span": _m("{since} to {through}", "з {since} по {through}", "с {since} по {through}"),
    "alt.only": _m("{date} only", "лише {date}", "только {date}"),
    "alt.outside": _m(
        "{n} period(s) from {start} to {end} are outside the data's coverage and not drawn: no "
        "data, not zero.",
        "Періодів поза охопленням даних (не показано): {n}, з {start} по {end}; це відсутність "
        "даних, а не нуль.",
        "Периодов вне охвата данных (не показаны): {n}, с {start} по {end}; это отсутствие "
        "данных, а не ноль.",
    ),
    "alt.partial": _m("Partial period(s), not every day covered: {spans}.",
                      "Неповні періоди, охоплено не всі дні: {spans}.",
                      "Неполные периоды, охвачены не все дни: {spans}."),  # fmt: skip
    "alt.published": _m("Published totals, drawn as diamonds: {items}.",
                        "Оприлюднені підсумки, показані ромбами: {items}.",
                        "Опубликованные итоги, показанные ромбами: {items}."),  # fmt: skip
    "alt.published_item": _m("{who} {value} on {when} ({claimant})",
                             "{who} {value} станом на {when} ({claimant})",
                             "{who} {value} на {when} ({claimant})"),  # fmt: skip
    "alt.not_itemised": _m(
        "{who}: about {n} published but not itemised in the ledger, drawn as a band above its line.",
        "{who}: близько {n} оприлюднено, але не деталізовано в реєстрі; показано смугою над лінією.",
        "{who}: около {n} опубликовано, но не детализировано в реестре; показано полосой над линией.",
    ),
    "alt.flagged": _m("{n} day(s) without a value ({flags}) are marked at the baseline.",
                      "Днів без значення ({flags}), позначених на базовій лінії: {n}.",
                      "Дней без значения ({flags}), отмеченных на базовой линии: {n}."),  # fmt: skip
    "alt.hidden": _m("{n} plotted figure(s) were not disclosed and are shown hatched.",
                     "Нерозкритих показників, заштрихованих на графіку: {n}.",
                     "Нераскрытых показателей, заштрихованных на графике: {n}."),  # fmt: skip
}
