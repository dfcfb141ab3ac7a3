"""Vocabularies for `analysis.text.extract`: claimants, event and casualty words, relative dates.

Everything the extractor recognises in English, Ukrainian and Russian text is listed here, so
extending it means adding words, not code. Patterns are regex fragments matched case-insensitively
against clean text; word stems (``тіл``) are followed by ``\\w*`` where the case ending varies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Claimant:
    """A known claimant: the name written in the ledger, its side and the kind of its claims."""

    name: str
    side: str  # ukraine, russia or third_party
    kind: str  # claim_kind for casualty statements
    pattern: str
    weak: bool = False  # only used when no other claimant is named in the same sentence
    counts: str = ""  # whose losses its figures are when the text names no side (Mediazona: russia)


CLAIMANTS: tuple[Claimant, ...] = (
    Claimant("Coordination HQ", "ukraine", "official_claim",
             r"coordinat\w* (?:headquarters|hq)|координаційн\w* штаб\w*|коордштаб\w*|координационн\w* штаб\w*"),
    Claimant("Zelensky", "ukraine", "official_claim", r"zelensk\w*|зеленськ\w*|зеленск\w*"),
    Claimant("Lubinets", "ukraine", "official_claim", r"lubinets|лубін\w*|лубинц?\w*", counts="ukraine"),
    Claimant("Dobroserdov", "ukraine", "official_claim",
             r"dobroserdov|добросердов\w*|уповноважен\w* з питань (?:осіб, )?зниклих безвісти", counts="ukraine"),
    Claimant("Yermak", "ukraine", "official_claim", r"yermak|єрмак\w*|ермак\w*"),
    Claimant("Umerov", "ukraine", "official_claim", r"umerov|умєров\w*|умеров\w*"),
    Claimant("Budanov", "ukraine", "intelligence_estimate", r"budanov|буданов\w*"),
    Claimant("HUR", "ukraine", "intelligence_estimate",
             r"\bhur\b|main intelligence directorate|\bгур\b|\bгур мо\b|військов\w* розвідк\w*"),
    Claimant("Vereshchuk", "ukraine", "official_claim", r"vereshchuk|верещук\w*"),
    Claimant("Syrskyi", "ukraine", "official_claim", r"syrskyi|syrsky|сирськ\w*|сырск\w*"),
    Claimant("Ukrainian General Staff", "ukraine", "official_claim",
             r"(?<!russian )(?<!russia's )general staff|генштаб\w*(?: зсу| всу)?"
             r"|генеральн\w* штаб\w*(?: зсу| всу| збройних сил україни)?"),
    Claimant("regional military administration", "ukraine", "official_claim",
             r"\bова\b|\bода\b|обласн\w* (?:військов|державн)\w* адміністрац\w*", counts="ukraine"),
    Claimant("Medinsky", "russia", "official_claim", r"medinsky|мединск\w*|мединськ\w*"),
    Claimant("Russian MoD", "russia", "official_claim",
             r"russia(?:n|'s) (?:ministry of )?defen[cs]e ministry|russian mod|ministry of defen[cs]e of russia"
             r"|минобороны(?: россии| рф)?|міноборони (?:рф|росії)|министерств\w* обороны"),
    Claimant("Saraliyev", "russia", "official_claim", r"saraliyev|saraliev|саралі?єв\w*|саралиев\w*"),
    Claimant("Moskalkova", "russia", "official_claim", r"moskalkova|москальков\w*"),
    Claimant("Peskov", "russia", "official_claim", r"peskov|пєсков\w*|песков\w*"),
    Claimant("Kremlin", "russia", "official_claim", r"kremlin|кремл\w*", weak=True),
    Claimant("TASS", "russia", "official_claim", r"\btass\b|\bтасс\b", weak=True),
    Claimant("ICRC", "third_party", "monitoring",
             r"\bicrc\b|red cross|червон\w* хрест\w*|красн\w* крест\w*|мкчх|мккк"),
    Claimant("OHCHR", "third_party", "monitoring",
             r"ohchr|hrmmu|un human rights|human rights monitoring mission|моніторингов\w* місі\w*|мониторингов\w* мисси\w*",
             counts="ukraine"),
    Claimant("UN", "third_party", "monitoring", r"\bun\b|united nations|\bоон\b", counts="ukraine"),
    Claimant("UAE", "third_party", "official_claim", r"\buae\b|united arab emirates|\bоае\b|\bоаэ\b"),
    Claimant("Mediazona/BBC Russian", "third_party", "independent_count",
             r"mediazona(?:/| and )bbc russian|медиазон\w* (?:и|та) (?:bbc|би-би-си)", counts="russia"),
    Claimant("Mediazona", "third_party", "independent_count", r"mediazona|медиазон\w*|медіазон\w*",
             counts="russia"),
    Claimant("BBC Russian", "third_party", "independent_count",
             r"(?:русск\w* служб\w* )?би-би-си|bbc russian|русская служба bbc", counts="russia"),
    Claimant("independent tally by Russian media", "third_party", "independent_count",
             r"independent (?:tally|count) by russian media", counts="russia"),
    Claimant("UK Defence Intelligence", "third_party", "intelligence_estimate",
             r"british (?:defen[cs]e )?intelligence|uk (?:defen[cs]e intelligence|ministry of defen[cs]e)"
             r"|британськ\w* розвідк\w*|міноборони британії|міністерств\w* оборони (?:британії|великої британії)"),
    Claimant("US officials", "third_party", "intelligence_estimate",
             r"u\.s\. officials|us officials|pentagon|american officials"),
)  # fmt: skip

# Mediator phrases: the captured name is the mediator, and is not taken as a claimant.
MEDIATOR_PATTERNS: tuple[str, ...] = (
    r"(?P<name>uae|united arab emirates|turkey|qatar|saudi arabia|vatican|usa|united states)[- ](?:brokered|mediated)",
    r"brokered by (?:the )?(?P<name>uae|united arab emirates|turkey|qatar|saudi arabia|vatican|usa|united states)",
    r"mediat(?:ed|ion) (?:by|of) (?:the )?(?P<name>uae|united arab emirates|turkey|qatar|saudi arabia|vatican|usa|united states)",
    r"посередництв\w* (?P<name>оае|туреччини|катару|саудівської аравії|ватикану|сша)",
    r"посредничеств\w* (?P<name>оаэ|турции|катара|саудовской аравии|ватикана|сша)",
)  # fmt: skip
MEDIATOR_NAMES: dict[str, str] = {
    "uae": "UAE", "united arab emirates": "UAE", "оае": "UAE", "оаэ": "UAE",
    "turkey": "Turkey", "туреччини": "Turkey", "турции": "Turkey",
    "qatar": "Qatar", "катару": "Qatar", "катара": "Qatar",
    "saudi arabia": "Saudi Arabia", "саудівської аравії": "Saudi Arabia", "саудовской аравии": "Saudi Arabia",
    "vatican": "Vatican", "ватикану": "Vatican", "ватикана": "Vatican",
    "usa": "USA", "united states": "USA", "сша": "USA",
}  # fmt: skip

# --- what a number counts: nouns next to it ----------------------------------------------------

BODY_WORDS = (  # "полеглих оборонців": the fallen, returned as bodies
    r"bod(?:y|ies)|remains|fallen|тіл\w*|тел\b|тела|останк\w*|загибл\w* (?:захисник|військов|воїн)\w*"
    r"|погибш\w* (?:военн|солдат|бойц)\w*|павш\w*|вічн\w* спочин\w*|вечн\w* поко\w*|на щиті|на щите"
    r"|полегл\w* (?:\w+ )?(?:оборонц|захисник|воїн|геро|військов|солдат|бійц)\w*"
)  # "повернулися на вічний спочинок", "на щиті": came home dead
# Dead soldiers in a transfer are bodies: "Москва получила 35 погибших российских бойцов".
FALLEN_WORDS = r"(?:погибш|павш)\w* (?:(?:\w+ )?(?:военн|солдат|бойц|воин)|наш|своих)\w*"
PRISONER_WORDS = (
    r"prisoners?|pows?|captives?|servicem[ae]n|soldiers?|troops|defenders|fighters|marines|people|warriors"
    r"|heroes|citizens|person|persons|людин\w*|officers?|офіцер\w*|офицер\w*|громадян\w*|героїв|героев|граждан\w*|особового складу|личного состава"
    r"|бранц\w*|бранців|ukrainians|russians|personnel|military|человек\w*|люди|жител\w*|мешканц\w*|residents|військовополонен\w*|полонен\w*|захисник\w*|військов\w*"
    r"|оборонц\w*|воїн\w*|українц\w*|військовослужбовц\w*|осіб|людей|бійц\w*|военнопленн\w*|пленн\w*"
    r"|военнослужащ\w*|военн\w*|россиян\w*|украинц\w*|человек|бойц\w*|солдат\w*|гражда\w*"
    r"|men|women|man|woman|мужчин\w*|женщин\w*|servicepeople"
)
CIVILIAN_WORDS = (
    r"civilians?|цивільн\w*|мирн\w* (?:жител|мешканц)\w*|гражданск\w*|мирн\w*|жител\w*|мешканц\w*"
    r"|residents|курян\w*|куряне|белгородц\w*|брянц\w*|дорослих|дорослі|взрослых|взрослые|adults"
)
CHILD_WORDS = (
    r"children|child|kids|boys|girls|boy|girl|дітей|діти|дитин\w*|діток|діточ\w*|детей|дети|ребен\w*"
    r"|ребён\w*|детиш\w*"
)
WOUNDED_TRANSFER_WORDS = (
    r"(?:severely|seriously|heavily|badly) (?:wounded|injured)|тяжкопоранен\w*|тяжелораненн?\w*"
)
NAME_WORDS = r"names|surnames|імен\w*|имен\w*|личност\w*|особист\w*|фамили\w*"

# --- what happened: verbs and nouns of the sentence ---------------------------------------------

EXCHANGE_WORDS = (
    r"exchang\w*|swap\w*|repatriat\w*|returned|returning|handed over|hand over|transferred|freed|released"
    r"|hand(?:ed|s|ing)? back|gave back|given back|brings? (?:back|home)|bringing (?:back|home)"
    r"|came home|come home|coming home|going home|went home|head(?:ed|ing)? home|brought (?:back|home)|back home|received|are home|were home|got back"
    r"|transfer\w*|return|returns|gets? back|get back|забрал\w*|вернуть|повернути|передаст|передадут"
    r"|передасть|передадуть|верн[её]т|поверне"
    r"|обмін\w*|обмін|повернул\w*|повернен\w*|повернуто|повернувся|повернулися|передал\w*|передано"
    r"|передав|повернув|віддав|репатріац\w*|репатрі\w*|звільнен\w*|звільни\w*|визвол\w*|поверта\w*|вдома|удома|додому|отримал\w*"
    r"|обмен\w*|вернул\w*|возвращен\w*|вернулись|передал\w*|передано|передан\w*|передач\w*|репатриац\w*"
    r"|освобожден\w*|освободи\w*|получил\w*|получен\w*|домой|возвраща\w*"
)
COMPLETED_WORDS = (
    r"\b(?:has|have|had) (?:returned|received|handed|exchanged|swapped|repatriated|brought)|\breturned\b"
    r"|\breceived\b|\bhanded over\b|\bswapped\b|\bexchanged\b|\brepatriated\b|\bfreed\b|\breleased\b"
    r"|came home|are home|\bповерну\w*|\bпередал\w*|\bотримал\w*|\bзвільнил\w*|\bвернул\w*"
    r"|\bвозвращен\w*|\bполучил\w*|\bосвободил\w*|\bпередано|\bповернуто"
)
AGREEMENT_WORDS = (
    r"agree\w*|deal\b|accord\w*|будуть|буде|домовленіст\w*|домовил\w*|домовлен\w*|договорен\w*"
    r"|договорил\w*|соглашени\w*|will (?:exchange|return|hand)|передаст|передадут|передасть|передадуть"
    r"|верн[её]т|вернут|поверне|повернуть"
)
EACH_SIDE_WORDS = (
    r"each side|on each side|per side|both sides|each\b|кожн\w* сторон\w*|кожна|з кожного боку"
    r"|кажд\w* сторон\w*|с каждой стороны"
)
TOTAL_WORDS = (
    r"in total|the total|since the start|since the beginning|since 2022|since february 2022"
    r"|so far|to date|загалом|усього|всього|з початку|від початку|с начала|всего|в общей сложности"
    r"|за (?:\w+ )?(?:год|года|лет|рік|роки|років)|over the (?:past )?(?:year|\w+ years)"
    r"|since (?:\w+ )?(?:19|20)\d\d|на тот момент|к тому моменту|by then"
    r"|at that point|by that time"
    r"|since the (?:full-scale )?(?:war|invasion) (?:started|began)"  # "since the full-scale war started"
)
# A number after one of these is a part of a figure already counted ("including 12 civilians").
# Opening an exchange figure's sentence or in its clause: a count kept since some start, not one
# exchange; the same figure told elsewhere in the text is that total too ("Станом на зараз ... 891").
CUMULATIVE_WORDS = (
    r"станом на|по состоянию на|з початку|від початку|с начала|since the start|since the beginning"
    r"|to date|so far|over the (?:past )?week"
    r"|за (?:\w+ )?(?:тиждень|тижні|дні|днів|неделю|недели|дня|дней)(?! до (?:того|цього|этого|того))"
    r"|(?:з|с|from) \d{1,2} (?:по|до|to) \d{1,2}"  # a sum over a period: "З 9 по 15 червня", "за два дні"
)
# A number followed by these counts exchanges ("провів понад 70 обмінів"): that sentence and the
# next, when undated, sum up many exchanges ("З неволі визволено більше ніж 8 тисяч").
EXCHANGE_COUNT_WORDS = r"обмін\w*|обмен\w*|(?:prisoner |prisoner-of-war |pow )?(?:exchanges|swaps)"
SUBSET_WORDS = (
    r"including|among(?: \w+){0,2}|of whom|of them|of which|зокрема|серед(?: \w+)?|з них|з яких|із яких"
    r"|з-поміж(?: \w+){0,2}|з поміж(?: \w+){0,2}"
    r"|у тому числі|в том числе|среди(?: \w+)?|из них|из которых|included|includes|в их числе|в числе"
)
# A figure without a noun at the end of a transfer clause ("Russia received 84 in return",
# "Напередодні додому повернулися двісті") counts what the figure before it counted.
IN_RETURN = r"in return|in exchange|взамен|натомість|у відповідь|в ответ|в обмін|в обмен"
# A number followed by one of these is a part of a figure told before ("Eight of the returned").
PART_OF_WORDS = (
    r"of the|of those|of them|з них|із них|из них|из числа|серед них"
    r"|з (?:визволених|звільнених|повернених|врятованих)|зі звільнених"  # "68 з визволених воїнів"
)
# A number after one of these is a change of a running count, not a figure ("пополнился на 3 208").
CHANGE_WORDS = (
    r"(?:increased|grew|rose|went up|added|пополнил\w*|поповнив\w*|поповнил\w*|збільшил\w*|зріс|зросл\w*"
    r"|вырос\w*|увеличил\w*)(?: \w+)? (?:by|на)"
)
# A number directly followed by one of these counts papers or calls, not people ("9 тысяч обращений").
NOT_PEOPLE_WORDS = (
    r"appeals|requests|applications|inquiries|complaints|calls|letters|обращени\w*|звернен\w*|заяв\w*"
    r"|запит\w*|запрос\w*|дзвінк\w*|звонк\w*|скарг\w*|жалоб\w*"
)
# A date right after one of these is when a claim was made ("said in December that ... in 2025").
SAYING_WORDS = (
    r"said|says|stated|told|reported|estimated|announced|заяви\w*|повідоми\w*|сказа\w*|сообщи\w*"
    r"|оціни\w*|оцени\w*|заявля\w*|назива\w*|назвав\w*|называ\w*"
)
# ", а 19 серпня – ще тисячу": a date after these opens the next figure's clause.
NEXT_CLAUSE_WORDS = r"а|і|та|й|and|while|but|и|но"
# Words for Russia's forces whoever the claimant is ("взяли в полон 21 окупанта").
OCCUPIER_WORDS = r"окупант\w*|оккупант\w*|рашист\w*"
# "поповнюють «обмінний фонд»": the prisoners kept for exchanges, no transfer.
EXCHANGE_FUND = r"обмінн\w* фонд\w*|обменн\w* фонд\w*|exchange fund"
# People freed in an exchange: their wounds are not a casualty claim ("28 звільнених мають поранення").
RELEASED_WORDS = r"звільнен\w*|визволен\w*|повернен\w*|врятован\w*|released|freed"
# Armed forces named after "з/із": who the dead served in, not where from ("тіл загиблих із ЗСУ").
FORCE_WORDS = r"зсу|всу|afu|зс рф|вс рф"
# A Ukrainian-language sentence (letters Russian lacks): an impersonal "повернули" is to Ukraine.
UKRAINIAN_LETTERS = r"[іїєґ]"
IMPERSONAL_RETURN = (
    r"повернули|повернуто|повертаються|повернулися|повернувся|визволено|звільнено|отримали"
)
# After a transfer figure's people noun: citizens of a third country are neither side's
# ("п'ять громадян Великобританії, двоє громадян США"); foreigners likewise.
FOREIGN_AFTER = r"іноземц\w*|иностранц\w*|foreigners|foreign nationals"
CITIZEN_WORDS = r"громадян|громадяни|громадянина|граждан|гражданина|citizens|nationals"
# After a transfer figure: Ukrainian media's words for Ukraine's own soldiers ("300 захисників").
DEFENDER_WORDS = r"захисник\w*|захисниц\w*|оборонц\w*|оборониц\w*"
OUR_WORDS = r"\bour\b|\bнаш\w*"  # "our defenders": the claimant's own side
# Before a casualty figure: the speaker's own losses ("Ми – 340 втрат", "our losses").
OUR_LOSSES = r"our|we|наш\w*|ми|мы"
FROM_WORDS = r"from|by|з|із|від|из|от"  # "from Russian captivity", "deported by Russia": the other
HOME_WORDS = r"home|додому|домой|на батьківщину|на родину"

# --- casualty statements ------------------------------------------------------------------------

CASUALTY_METRICS: tuple[tuple[str, str], ...] = (
    ("casualties", r"casualties|killed (?:or|and) (?:wounded|injured)|killed, wounded or missing|killed and injured|losses|lost|the loss of|втрат\w*|потер\w*|лишил\w*|постраждал\w*|ліквідован\w*|ліквідува\w*|ликвидирован\w*|ликвидировал\w*"
                   r"|жертв\w*|[ву]битими (?:і|та|й) пораненими|убитыми и ранеными|особового складу|личного состава"),
    ("killed", r"killed|kills|killing|dead\b|died|погиб|погибла|погибло|погибли|deaths?|death toll|fatalities|загибел\w*|загибель|гибел\w*|гибель|загибл\w*|загину\w*|загинув|вбит\w*|погибш\w*|погибл\w*|убит\w*|скончал\w*"
               r"|двохсот(?:их|і|ий|ими)|двухсот(?:ых|ые|ый|ыми)|забрал\w* життя|забрал\w* жизн\w*|вбил\w*|вбив|убил\w*"),  # "двохсоті": the dead
    ("wounded", r"wounded|wounding|injured|injures|injuring|injuries|поранен\w*|ранен\w*|пострадавш\w*|пострадал\w*|поранил\w*|поранив"
                r"|трьохсот(?:их|і|ий|ими)|трехсот(?:ых|ые|ый|ыми)"),  # "трьохсоті": the wounded
    ("missing", r"missing|зникл\w*|безвісти|пропавш\w*|пропал\w*|без вести"),
    ("captured", r"captured|in (?:\w+ )?captivity|held captive|удержива\w*|удержани\w*|[ув] (?:\w+ )?полоні|в (?:\w+ )?плену|взято в полон|взяли [ув] полон|взяв [ув] полон"
                 r"|полонених"),  # "полонених – 200" in a losses list
)  # fmt: skip

# "died of wounds", "от полученных ранений скончался": a cause, not a wounded figure.
CAUSE_PHRASES = r"от (?:полученных )?ранений|of (?:his |her |their )?(?:wounds|injuries)|від (?:отриманих )?поранень"

# --- sides --------------------------------------------------------------------------------------

SIDE_WORDS: dict[str, str] = {
    "ukraine": r"ukrain\w*|kyiv|україн\w*|київ\w*|украин\w*|киев\w*|зсу|всу|afu",
    "russia": r"russia\w*|moscow|росі\w*|російськ\w*|росіян\w*|москв\w*|росси\w*|российск\w*|рф|зс рф|вс рф",
}
# "the enemy": the side opposite the claimant.
ENEMY_WORDS = r"enemy|adversary|противник\w*|ворог\w*|окупант\w*|супротивник\w*"
# An offer or demand is not an event: "ready to hand over", "proposed to exchange".
PROPOSAL_WORDS = r"ready to|offered|proposed|propose|demand\w*|готов\w*|запропонува\w*|пропону\w*|предлож\w*|предлага\w*"
# "X received", "X returned/handed over": a side name as the subject of a transfer verb.
RECEIVE_VERBS = r"received|repatriated|got back|gets? back|got|gets|забрал\w*|отримал\w*|отримав|получил\w*|получила|brings? (?:back|home)|brought (?:back|home)"
# Slavic "повернула/вернула" without an addressee: the claimant's own side brought its people back
# ("Тогда Россия вернула 43 тела" in a Russian report), else the other side gave them.
RETURN_VERBS = r"повернул\w*|повернув|вернул\w*"
GIVE_VERBS = (
    r"returned|handed over|frees|releases|has returned|gave back|transferred|повернул\w*|передал\w*"
    r"|вернул\w*|передала|передал|передав|повернув|віддав"
)
TO_SIDE = r"(?:to|до|в|у|на) "  # "returned to Ukraine", "повернуто до України"
# Most words a side and its transfer verb may be apart: "Russia said in a statement that it had
# received"; no other side may be named between them.
SUBJECT_GAP_WORDS = 12
# A country in the dative or after "to" next to a transfer verb receives: "Украине передали",
# "передали Україні", "в Россию возвращены".
SIDE_DATIVE: dict[str, str] = {
    "ukraine": r"україні|украине|києву|киеву|в україну|в украину|до україни|на україну",
    "russia": r"росії|россии|москві|москве|в росію|в россию|до росії|на росію|рф|российской федерации",
}
TRANSFER_VERBS = (
    r"передал\w*|передан\w*|передано|вернул\w*|возвращен\w*|повернул\w*|повернуто|повернен\w*"
    r"|отдал\w*|віддал\w*|передаст|передадут|передасть|передадуть|верн[её]т|поверне|передав|повернув|віддав"
)

# --- relative and named dates ---------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = (
    r"monday|понеділок|понеділка|понедельник",
    r"tuesday|вівторок|вівторка|вторник",
    r"wednesday|середу|середа|среду|среда",
    r"thursday|четвер|четверга|четверг",
    r"friday|п'ятницю|п'ятниця|пятницу|пятница",
    r"saturday|суботу|субота|субботу|суббота",
    r"sunday|неділю|неділя|воскресенье",
)
MONTHS: tuple[str, ...] = (
    r"january|jan|січ(?:ень|ня|ні)|январ[ьяе]",
    r"february|feb|лют(?:ий|ого|ому)|феврал[ьяе]",
    r"march|mar|берез(?:ень|ня|ні)|март[ае]?",
    r"april|apr|квіт(?:ень|ня|ні)|апрел[ьяе]",
    r"may|трав(?:ень|ня|ні)|ма[йяе]",
    r"june|jun|черв(?:ень|ня|ні)|июн[ьяе]",
    r"july|jul|лип(?:ень|ня|ні)|июл[ьяе]",
    r"august|aug|серп(?:ень|ня|ні)|август[ае]?",
    r"september|sept|sep|верес(?:ень|ня|ні)|сентябр[ьяе]",
    r"october|oct|жовт(?:ень|ня|ні)|октябр[ьяе]",
    r"november|nov|листопад[аі]?|ноябр[ьяе]",
    r"december|dec|груд(?:ень|ня|ні)|декабр[ьяе]",
)
DAY_OFFSETS: dict[str, int] = {
    r"today|сьогодні|сегодня|this morning|this evening|tonight": 0,
    r"yesterday|вчора|учора|вчера": 1,
}
# "the day before yesterday": two days before the article.
DAY_BEFORE_YESTERDAY = r"the day before yesterday|позавчора|позавчера|позаминулого дня"
LAST_WEEK = r"last week|минулого тижня|на минулому тижні|на прошлой неделе"
# "last Monday", "минулого понеділка", "в прошлый понедельник": the latest such day before the article.
LAST_WEEKDAY_PREFIX = r"last|минул\w*|в минулий|в минулу|прошл\w*|в прошлый|в прошлую"
# Offsets from the date of the figure told just before ("two days earlier", "напередодні");
# {n} stands for a number in digits or words (one day when there is none).
DAYS_BEFORE = (
    r"{n} days? (?:earlier|before|previously)|(?:the )?(?:previous|preceding) day|the day before"
    r"|a day earlier|напередодні|за (?:{n} )?д(?:ень|ні|нів) до (?:того|цього)|накануне|днем ранее"
    r"|днём ранее|за (?:{n} )?(?:день|дня|дней) до (?:этого|того)|{n} дн(?:я|ей) ранее"
)
DAYS_AFTER = (
    r"{n} days? later|the (?:next|following) day|a day later|наступного дня|через {n} дн\w*"
    r"|на следующий день|днем позже|днём позже"
)
LAST_MONTH = r"last month|минулого місяця|в прошлом месяце"
LAST_MONTH_NAMED = (
    r"last|минулого|прошлого"  # "Last April": the latest April before the article month
)
THIS_WEEK = r"earlier (?:in )?(?:this|the) week|на этой неделе|цього тижня"  # "~" the day before
THIS_MONTH = r"earlier this month|this month|цього місяця|в этом месяце"
LAST_YEAR = r"last year|минулого року|в прошлом году"
# A date after one of these starts a period ("since late 2022") and is not the figure's date.
PERIOD_START = r"since|from|з|із|від|с|от|начиная с"
PERIOD_TO = r"до|по|to|-|–|—"  # "з 1 до 17 квітня": the period's end
AS_OF = r"as of|as at|станом на|по состоянию на"
# A date in a clause opened by one of these starts a period ("since Putin launched his invasion on
# February 24") and is not the figure's date.
PERIOD_CLAUSE = r"since|с тех пор как|с момента|з того часу як|відтоді як|з моменту"
POSSESSIVE = r"'s\b"  # "last week's talks": the date belongs to another noun

# --- reading and sentences ------------------------------------------------------------------------

URL_LABELS = r"original url|url|source|джерело|источник"  # "Original url: https://..."
SKIP_LINES = r"related article|read also|see also|читайте також|читайте также|фото|photo"
TIME_ZONES = r"am|pm|utc|gmt"  # "June 11, 2025, 14:30 UTC"
TIME_PREFIX = r"at|в|о|об"  # "05 февраля 2026 в 16:09", "June 11, 2025 at 14:30"
# A full stop after one of these does not end a sentence.
ABBREVIATIONS = (
    r"mr|mrs|ms|dr|gen|lt|col|st|jan|feb|aug|sept|oct|nov|dec|no|vs|u\.s|u\.k|тис|тыс|млн|р|г|ст|им"
)

# --- date expressions -----------------------------------------------------------------------------

# Day offsets written as numbers or words ("two days earlier", "за три дні до того").
OFFSET_NUMBERS = (
    r"\d{1,2}|a|one|two|three|four|five|six|seven|ten|два|дві|три|чотири|п'ять|две|четыре|пять"
)
ORDINAL_SUFFIX = r"st|nd|rd|th"
DAY_SUFFIX = r"st|nd|rd|th|-?го"  # "2nd June", "2-го июня"
YEAR_WORDS = r"року|р\.|года|г\."  # "11 червня 2025 року"
YEAR_IN_WORDS = r"році|року|году|г\."  # "у 2025 році"
IN_WORDS = r"in|у|в|во"  # "in February", "у лютому"
ON_WORDS = r"on |в |у |во "  # "on Monday", "в понедельник"
MONTH_PART = r"early |late |mid-"  # "in late February"
# "на початку грудня", "в конце марта": part of a month (genitive).
MONTH_PART_OF = (
    r"на початку|наприкінці|в кінці|у кінці|в середині|у середині|в начале|в конце|в середине"
)
YEAR_PREFIX = r"in|у|в|during|late|early"  # "in 2025", "during 2024"
PERIOD_PART = r"late|early|mid|the end of|кінця|конца"  # "since late 2022"

# --- numbers ----------------------------------------------------------------------------------------

# Scale words after digits: "1.2K", "1,5 тис.", "2 million".
SCALE_AFTER_DIGITS = (
    r"thousand|million|тис\.|тис|тисяч[іау]?|тыс\.|тыс|тысяч[иау]?|млн\.?|мільйон\w*|миллион\w*"
)
RANGE_TO = r"-|–|—|to|до"  # "40-50", "700 до 750"
RANGE_AND = r"and|і|та|и"  # "between 1,000 and 1,200"
RANGE_START = r"between|from|між|від|от|между"
# "handed over 27" is not "over 27": "over" after one of these is a verb particle.
OVER_PARTICLE_VERBS = r"hand|handed|handing|hands|turned|passed|took|taken"

# --- sides and claims -------------------------------------------------------------------------------

SIDE_SUFFIX = r"'s| side| сторона"  # "Russia's", "Ukraine side", "українська сторона"
SIDE_NOUNS = r"side|сторона|сторони|стороны"  # "російська сторона — 38 тіл"
DATIVE_SIDE_NOUN = r"стороні|стороне"  # "украинской стороне переданы"
WITH_WORDS = r"with\s+(?:the\s+)?"  # "talks with Russia": not a side of the figure
# "each side returned 84", "Russia and Ukraine each released 150"
EACH_SIDE_BEFORE = r"each side|кожн\w* сторон|кажд\w* сторон|\beach (?:\w+ed(?: over| back)?|got|gave|swapped)\s*$"
INDEPENDENT_WORDS = r"independent|незалежн\w*|независим\w*"
FOR_WORDS = r"for|на"  # "84 for 84", "84 на 84"
