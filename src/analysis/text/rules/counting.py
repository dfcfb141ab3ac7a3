"""Vocabularies for what a number counts and whose losses: numbers that are not counts (ages,
years, equipment), parts and breakdowns, background sentences, military or civilian, attackers,
places."""

from __future__ import annotations

# --- numbers that are not counts, parts and background -------------------------------------------

# After a number: an age, a duration or an ordinal ("21 рік", "майже 4 роки", "12-річна", "70-й").
TIME_UNITS = (
    r"years?|year-old|months?|weeks?|days?|hours?|років|роки|рік|року|місяц\w*|тижн\w*|дн(?:і|ів|я)"
    r"|годин\w*|лет|года?|месяц\w*|недел\w*|дней|дня|час(?:а|ов)?"
)
AGE_SUFFIX = r"-(?:річн\w*|летн\w*|year-old|years?-old|й|го|ий|ого|та|ти|ті|тих|х)"  # "1980-ті"
# Before a number: an age or an average ("aged 8", "в возрасте до 25", "averaged 1,286").
NOT_COUNT_BEFORE = (
    r"peaked at|a peak of|record of|(?:daily |record )?high of|кроме|помимо|besides|apart from|крім|окрім|рекорд\w*|пиков\w*|aged|age of|ages of|віці(?: до| від)?|возрасте(?: до| от)?|averag\w*|в середньому|в среднем"
    r"|старше|молодше|младше|older than|younger than|average of|(?:mother|father|parents|mum|mom) of"
    r"|мать|отец|наймолодш\w*|найстарш\w*|youngest|oldest"
    r"|самому (?:молодому|старшему)|младшему|старейшему"
    r"|(?:woman|man|girl|boy|pensioner|men|women) of"  # "a woman of 70": an age
    r"|сягнути|сягне|сягнуть|досягти|досягне|досягнуть|достичь|достигнет|достигнут"  # forecasts
)
# A people noun, one of these, then a number under 100 is an age bound ("soldiers under 25").
AGE_BOUND = r"under|over|до|старше|молодше|младше"
# A year after one of these is a date, not a count ("in captivity since 2022").
YEAR_BEFORE = r"since|in|from|until|by|of|з|із|у|в|с|від|до|от|since early|since late"
# "каждая сторона вернула по 84": distributive "по" before a number means each side.
EACH_DISTRIBUTIVE = r"по"
# "Russia ... and received the bodies of 30": a coordinated verb whose subject opens the clause.
COORDINATION = r"and|і|й|та|и"
# Side words that name an armed force or its country as an adjective: attackers next to "strike".
ATTACKER_FORMS = (
    r"russian|ukrainian|russia's|ukraine's|росій\w*|українськ\w*|российск\w*|украинск\w*|зсу|всу"
    r"|зс рф|вс рф|рф|російської федерації|российской федерации"
)
# A country in the genitive attacks only right after its attack noun: "вторгнення Росії"
# ("з початку вторгнення втрати Росії" are Russia's losses).
ATTACKER_GENITIVE = r"росії|россии|україни|украины"
# Nouns after a number that are not people: exchanges, stages, sides, new entries of a list.
# Equipment within the first words after a number: "1,400 main battle tanks", "14 танків".
EQUIPMENT_WORDS = (
    r"tanks?|armou?red|vehicles|artillery|systems|drones|aircraft|helicopters|missiles|shells|танк\w*"
    r"|бронемашин\w*|систем\w*|безпілотник\w*|беспилотник\w*|літак\w*|самол[её]т\w*|вертол[её]т\w*"
    r"|гелікоптер\w*|ракет\w*|снаряд\w*|гармат\w*|орудий|одиниц\w*|единиц\w*|бпла|машин\w*|автомобіл\w*"
)
NOT_PEOPLE_AFTER = (
    r"exchanges|swaps|rounds|stages|times|sides?|countries|обмін\w*|обмен\w*|етап\w*|этап\w*"
    r"|раз(?:и|ів|а)?|сторон\w*|країн\w*|стран\w*|new|нов\w*|випадк\w*(?! (?:загибел|поранен|смерт))|случа(?:ях|ев|е|я)(?! (?:гибел|ранен|смерт))"
    r"|окрем\w*|омбр|бригад\w*|полк\w*|батальйон\w*|батальон\w*|дивізі\w*|дивизи\w*"  # units
)
# After a number: one person of a list described by age ("загинули два 70-річні та 57-річний").
AGE_WORD_AFTER = r"\d+-(?:річн\w*|летн\w*)|\w+річн\w*|\w+летн\w*"
# After a number: a share, not a count ("понад 90%").
PERCENT_WORDS = r"%|відсот\w*|процент\w*|percent|per cent"
# A ratio "one to three" ("співвідношення один до трьох"): the number after it is no count.
RATIO_BEFORE = r"(?:один|одна|1|one)\s+(?:до|к|to)"
# "зросла до 9": "до"/"to" after a verb of rising is the new level, not "up to".
RISE_VERBS = r"зросл\w*|зріс|збільшил\w*|вирос\w*|выросл?\w*|увеличил\w*|rose|risen|grew|increased"
# A paired figure after these is the frame a stage belongs to ("у межах обміну «1000 на 1000»").
FRAME_WORDS = (
    r"у межах|в межах|у рамках|в рамках|частин\w*|етап\w*|этап\w*|as part of|part of|stage of|within"
    r"|(?:перш|друг|трет|четверт|останн)\w* (?:день|дня)|(?:first|second|third|last) day"
)
# "називав цифру у 700 тисяч осіб": a figure of people without a metric takes the last claim's.
FIGURE_NOUNS = r"цифр\w*|figure|число|числа"
# Units of measure after a number: "I lost 20 kg", "40 km", "15%".
MEASURE_UNITS = (
    r"kg|kilo\w*|pounds|lbs|km|miles?|met(?:re|er)s?|percent|per cent|%|кг|км|кілометр\w*"
    r"|километр\w*|відсот\w*|процент\w*|hectares?|гектар\w*|dollars|euros|hryvnias?|r[ou]+bles"
    r"|рубл\w*|гривен\w*|гривн\w*|доларів|долларов|євро|евро"
)
# A rate per area after a number's noun: "167 casualties per square kilometer".
PER_AREA = r"per (?:square )?(?:kilomet\w*|km|mile\w*)|на (?:квадратн\w* )?(?:километр|км|кілометр)"
CURRENCY_SIGNS = "$€£₴₽"  # "$200 million" is money
# Deported people are not returned: "Росія депортувала понад 19 тисяч дітей".
DEPORTED_WORDS = r"deport\w*|депортува\w*|депортирова\w*|вивез\w*|вывез\w*|викрал\w*|похищ\w*"
# A singular person after a subset word counts one: "серед них дитина", "в том числе ребенок".
SINGULAR_PERSON = (
    r"дитина|ребенок|ребёнок|a child|one child|підліток|подросток|жінка|женщина|дівчинка|хлопчик"
    r"|девочка|мальчик|немовля|младенец|an? (?:woman|man|girl|boy|teenager|pensioner)"
)
# An age adjective between a subset word and its person: "серед них – 11-річна дівчинка".
AGE_ADJECTIVE = r"\d+-(?:річн|летн)\w*|\w+(?:річн|летн)\w*|an? [\w-]+-year-old"
# One person named by a singular noun next to a casualty verb ("погиб мирный житель", "мужчина
# скончался", "a civilian was killed"): a figure of 1 ({n} is the noun).
SINGULAR_NOUNS = (
    r"житель|жительница|мужчина|женщина|ребенок|ребёнок|подросток|второй|вторая"
    r"|civilian|man|woman|child|boy|girl|teenager|resident|боец|военнослужащий"
    r"|another(?=\s*[,.;]|\s+(?:was|has|had)\s)"  # "killed one and wounded another"
)
SINGULAR_CASUALTY = (
    r"(?:погиб|погибла|скончал\w*|ранен|ранена|пострадал|пострадала|killed|injured|wounded"
    r"|получил\w* (?:\w+ )?ранени\w*|ранени\w* получил\w*)\s+"  # "ранения получил мужчина"
    r"(?:один\s+|одна\s+)?(?:(?:мирн|местн)\w+\s+|an?\s+(?:[\w-]+-year-old\s+)?)?(?P<n>{n}|человек)"
    r"|(?:(?:мирн|местн)\w+\s+|an?\s+(?:[\w-]+-year-old\s+)?)?(?P<m>{n})\s+"
    r"(?:погиб|погибла|скончал\w*|получил\w* ранени\w*|(?:was|has been) (?:killed|injured|wounded))"
)
# "Three boys ... and a 17-year-old girl": "and a" before a person noun is 1 after a number.
AND_A_PERSON = r"and (?P<n>an?) (?:[\w-]+ ){0,2}?(?:girl|boy|woman|man|child|teenager)"
# After the word "one": a person ("killed one woman", "одна людина загинула").
ONE_PERSON_WORDS = (
    r"woman|man|person|child|людина|жінка|чоловік|дитина|женщин\w*|мужчин\w*|ребенок|жител\w*"
    r"|загибл\w*|поранен\w*|постраждал\w*|вбит\w*|погибш\w*|ранен\w*|пострадавш\w*|убит\w*"
)  # "одного загиблого": one dead
# "307 of its soldiers", "своих военных": the clause's own side.
OWN_AFTER = r"of (?:its|their) (?:own )?|своих|своїх|своїми|своими"
# A verb of a total's subject ("Число погибших превысило 100 тысяч"): the subject names the count.
TOTAL_VERBS = (
    r"превысил\w*|перевищил\w*|перевищив|exceeded|reached|topped|passed|составил\w*|склал\w*"
    r"|достиг\w*|досягл\w*|досяг|зросл\w* до|увеличил\w* до|rose to|risen to"
)
# A casualty figure after one of these is a forecast, not a claim ("will likely pass 1 million").
FORECAST_WORDS = (
    r"will (?:likely |probably |soon )?(?:pass|surpass|exceed|reach|top|hit|rise to)"
    r"|(?:may|could|might) (?:soon )?(?:cross|pass|surpass|top)"
    r"|(?:is|are) (?:expected|projected|forecast|on track|set) to|превысит|достигнет|перевищить"
    r"|досягне|сягне"
)
# "the third such swap since the start of the war": an ordinal of an exchange, not a total.
ORDINAL_EXCHANGE = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|\d+(?:st|nd|rd|th)"
    r"|\d+-(?:й|го|ий|ий|ого)|очередн\w*|черговий|чергов\w*)\s+(?:\w+\s+)?"
    r"(?:exchange|swap|prisoner swap|обмін\w*|обмен\w*)"
)
# "the final phase of a 1000-for-1000 exchange": an "N for N" after this names the whole exchange
# a phase belongs to, not an event of its own.
PHASE_OF = (
    r"(?:phase|stage|round|part)\s+of\s+(?:a|an|the)\s+(?:\w+\s+){0,2}"
    r"|(?:етап\w*|этап\w*)\s+(?:\w+\s+){0,2}(?:обмін\w*|обмен\w*)\s+"
    r"(?:(?:за|по|в)\s+(?:формул\w*|формат\w*)\s+)?"
)
# "the biggest exchange since the start of the war", "крупнейший с начала войны": a record, not a
# running total; removed before looking for total words.
RECORD_SINCE = (
    r"(?:biggest|largest|first|latest|deadliest|second|third|\d+(?:st|nd|rd|th)|крупнейш\w*)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:since|с)\s+(?:the\s+)?(?:start|beginning|начала)(?:\s+of)?"
    r"(?:\s+(?:the\s+)?[\w-]+)?"
)
# A part of an average is an average too: "an average of 1,140 per day, of whom nearly 975 ...".
AVERAGE_WORDS = r"averag\w*|в среднем|в середньому|среднесуточн\w*|середньодобов\w*"
# "передала Украине 1 тыс., а получила обратно 38 тел": a bare figure before a contrasted clause.
CLAUSE_BUT = r"а|but|and|while|і|и"
# A clause opening with one of these continues the clause before ("..., while another 536 ...").
CLAUSE_JOINERS = r"while|whereas|а также|а ще|and another"
# "a prisoner exchange that included 86 soldiers": what an exchange included is its figure.
EXCHANGE_NOUNS = r"exchange|swap|deal|agreement|обмен\w*|обмін\w*"
# A sentence opening with one of these gives a change since an earlier report, not figures.
DELTA_OPENERS = r"compared (?:to|with)|по сравнению с|в сравнении с|порівняно з"
# A sentence opening with one of these and giving no date tells an earlier, undated event.
BACKGROUND_OPENERS = r"earlier|previously|before that|раніше|до цього|до того|ранее|до этого|прежде"
# "then"/"тоді": the date of the sentence before ("Тогда Россия вернула 43 тела").
THEN_WORDS = (
    r"then|at the time|тоді|того (?:ж|же|самого) дня|тогда|в тот раз|that day|(?:on )?the same day"
    r"|that same day|в тот же день|в тот день|в той же день|у той (?:же|самий) день"
)
# Both sides as the subject of an exchange: its figure is their combined total ({side}: a side).
BOTH_SIDES = (
    r"(?:{side})\s+(?:and|і|та|и)\s+(?:{side})|(?:the )?two sides|both sides|обидві сторони"
    r"|обе стороны|(?:сторони|стороны)\s+(?:обміня|обменя|передали одн|передали друг)\w*"
)
# "повернула з полону": a give verb followed by this means the subject got its people back.
FROM_CAPTIVITY = (
    r"(?:з|із|из|from)\s+(?:\w+\s+)?(?:полону|плена|captivity|неволі)"
    r"|from (?:the )?territory controlled by|с подконтрольной (?:\w+ )?территории"
)
# A casualty figure for one area of the front is a part of the day's total ("в зоне «Север»").
AREA_PARTS = (
    r"в зоне «|в зоні «|зоне ответственности|зоні відповідальності|in the area of|группировк\w*"
    r'|группировок(?: войск)? [«"]'
    r"|угрупован\w*|grouping|group of forces|найбільше|больше всего|the most"
    r"|областях|на территории, контролируемой|на подконтрольной|в других (?:\w+ )?регионах"
    r"|in (?:government|ukrainian|kyiv)-controlled territory|in other regions"
)
# One direction of the front after a claim for the whole front: its share ("За добу ворог втратив
# близько тисячі … на Покровському напрямку, де противник втратив понад 300").
DIRECTION_PARTS = r"напрямку|напрямі"
# "в форматі «146 на 146»": a pair of figures without a noun counts people only with these.
FORMAT_WORDS = r"formula|format|формул\w*|формат\w*"
# "тіла тисячі загиблих": a lone genitive thousand after a body noun is 1,000.
GENITIVE_THOUSAND = r"тисячі|тысячи"
THOUSAND_AFTER = (
    r"тіла|тіл|тел|тела|останки|останків|останков|более|понад|больше|свыше|около|близько|майже"
    r"|почти|більше|менее|менше|стороне|стороні|передач\w*|возвращени\w*"
)  # "более тысячи военнослужащих": after a qualifier too

# --- whose losses --------------------------------------------------------------------------------

# Nouns that make a casualty figure military, or civilian (with CIVILIAN_WORDS and CHILD_WORDS).
MILITARY_WORDS = (
    r"soldiers?|troops?|servicem[ae]n|servicepeople|military|personnel|officers?|fighters|army|mercenar\w*"
    r"|військов\w*|військовослужбовц\w*|воїн\w*|бійц\w*|боец|офіцер\w*|оборонц\w*|захисник\w*"
    r"|мобілізован\w*|найманц\w*|военн\w*|военнослужащ\w*|солдат\w*|бойц\w*|офицер\w*"
    r"|мобилизованн\w*|наемник\w*|особового складу|личного состава|зсу|всу|окупант\w*"
)
CIVILIAN_MORE = (
    r"residents|жител\w*|мешкан\w*|дівчат\w*|хлопч\w*|девоч\w*|мальчик\w*|women|жінок|женщин\w*"
    r"|мужчин\w*"
)
# An attack named next to a side makes that side the attacker, not the victim.
ATTACK_WORDS = (
    r"strikes?|attacks?|shelling|shells?|bombing|bombs?|raids?|missiles?|drones?|air|debris|удар\w*"
    r"|обстріл\w*|уламк\w*|обломк\w*"
    r"|атак\w*|ракет\w*|дрон\w*|агресі\w*|обстрел\w*|бомб\w*|авіа\w*"
)
# An aggression named next to a side also makes it the attacker ("since Russia's invasion").
AGGRESSION_WORDS = (
    r"invasion|offensive|counteroffensive|counter-offensive|aggression|(?<!of )war|вторгнен\w*|вторжени\w*"
    r"|наступ\w*|контрнаступ\w*|агресі\w*|агресси\w*|войн\w*|війн\w*"
)
# A side doing one of these is the aggressor: "when Russia started the war", "Россия напала".
AGGRESSION_VERBS = (
    r"started|launched|began|unleashed|invaded|attacked|развязала|напала|вторглась"
    r"|розпочала|розв'язала|вторглася"
    r"|вбил\w*|вбив|убил\w*|поранил\w*|поранив|ранил\w*"  # "росіяни вбили одну людину"
)
LOCATION_BEFORE = r"in|across|inside|в|у|на|по"  # "killed in Ukraine": a place, not whose losses
# A loss noun, "у"/"в", a side: the side's losses (Ukrainian/Russian "у X" = X has: "968 втрат у Росії").
LOSS_NOUNS = r"втрат\w*|потер\w*"
# Places that locate civilian casualties on one side.
PLACE_WORDS: dict[str, str] = {
    "ukraine": r"kharkiv|odesa|odessa|kherson|zaporizhzhia|dnipro|lviv|sumy|chernihiv|zhytomyr"
               r"|mykolaiv|poltava|kramatorsk|харків\w*|харьков\w*|одес\w*|херсон\w*|запоріж\w*"
               r"|запорож\w*|дніпр\w*|днепр\w*|львів\w*|чернігів\w*|черніг\w*|чернигов\w*"
               r"|житомир\w*|миколаїв\w*|николаев\w*|полтав\w*|краматорськ\w*|харков\w*"
               r"|donetsk|luhansk|донецк\w*|донецьк\w*|луганск\w*|луганськ\w*|горлівк\w*|горловк\w*"
               r"|донеччин\w*|луганщин\w*|харківщин\w*|херсонщин\w*|сумщин\w*|чернігівщин\w*"
               r"|дніпропетровщин\w*|миколаївщин\w*|одещин\w*|запоріжж\w*",
    "russia": r"belgorod|kursk region|bryansk|белгород\w*|брянск\w*|бєлгород\w*|курской области|курян\w*",
}  # fmt: skip
# Words after a side that make it the speaker, not the subject ("Kyiv said", "Москва заявила").
SPEAKER_VERBS = r"said|says|claims?|claimed|reported|заяви\w*|повідоми\w*|сообщи\w*|заявля\w*"
# "обстріли забрали життя двох жителів": lives taken are deaths, not people taken in a handover.
LIVES_TAKEN = r"забрал\w* життя|забрав життя|обірвал\w* життя|забрал\w* жизн\w*|унесл\w* жизн\w*"
# "евакуйовано 1419 людей, у тому числі 143 дитини": people moved to safety, no casualty figure.
EVACUATED_WORDS = r"евакуйова\w*|евакуюва\w*|эвакуирова\w*|evacuated"
# "наступний обмін може відбутися за формулою 300 на 300": an exchange that may happen, not one that did.
MAY_HAPPEN = (
    r"може відбутися|можуть відбутися|може пройти|может состояться|могут состояться"
    r"|может пройти|may take place|could take place|might take place"
)
# "Якщо точніше – 968 втрат": the sentence corrects the rough figures of the sentence before it.
PRECISELY_OPENERS = (
    r"якщо точніше|точніше|а точніше|если точнее|точнее|а точнее|to be (?:more )?precise"
    r"|more precisely"
)
# "поранили 5 жителів: 3 в Торецьку та 2 у Бахмуті": a figure followed by a place is a part of a
# larger figure told before a colon (a list by place), not a claim of its own.
PLACE_PREPOSITIONS = r"в|у|на|во|in|at"
# "загинули троє людей … минулої доби", then "У Гірнику росіяни вбили одну людину": a day's total
# for a region; the smaller figures of later sentences are its parts, town by town.
DAY_TOTAL_WORDS = (
    r"за добу|минулої доби|за минулу добу|протягом (?:минулої )?доби|упродовж (?:минулої )?доби"
    r"|за сутки|за минувшие сутки|за прошедшие сутки|минувших суток|in the past 24 hours"
    r"|over the past day"
)
# "Рубіж у 10 тисяч загиблих було подолано 15 листопада": a milestone of a figure told before it
# (the day it was passed), not another claim.
MILESTONE_BEFORE = r"рубіж\w* у|рубеж\w* в|позначк\w* (?:у|в)|отметк\w* в|планк\w* (?:у|в)"
