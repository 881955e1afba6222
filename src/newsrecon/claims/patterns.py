"""Every pattern and word list the quantity parser and the attribution rules use, in one place."""

from __future__ import annotations

import re

# --- numbers -------------------------------------------------------------------------------------

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
    "lakh": 100_000,
    "crore": 10_000_000,
}
SCALE_ABBR = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 10**9,
    "b": 10**9,
    "tn": 10**12,
    "bln": 10**9,
    "tln": 10**12,
    "trn": 10**12,
}

_SMALL_WORD = "|".join(sorted(SMALL, key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_BASIC_WORD = rf"(?:(?:{_TENS_WORD})(?:[- ](?:{_SMALL_WORD}))?|{_SMALL_WORD})"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)"
_HALF = r"(?:[\s-]+and[\s-]+a[\s-]+half)"  # "one and a half", "one-and-a-half-page"
WORD_NUMBER = (
    rf"(?:(?:a|an|{_BASIC_WORD}){_HALF}?\s+{_SCALE_WORD}"
    rf"(?:\s+(?:and\s+)?{_BASIC_WORD}(?:\s+{_SCALE_WORD})?)*"
    rf"|(?:half\s+a|a\s+half|half\s+an?|half)\s+(?:dozen|{_SCALE_WORD})|a\s+dozen|{_BASIC_WORD}{_HALF}?)"
)
# Plural round numbers that say "many" without saying how many ("hundreds of billions" is one).
VAGUE_NUMBER = (
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|dozens|scores|hundreds|thousands|millions"
    r"|billions)"
)
# Digits with any thousands separator in use: 1,000  1 000 (also no-break and thin spaces)  1000  3.5,
# and "20, 000" as tokenised text writes it, when a group's leading zero says it cannot stand alone
DIGITS = (
    r"(?:\d{1,3}(?=(?:, \d{3})*, 0\d\d(?!\d))(?:, \d{3})+(?!\d)|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
    r"(?:\s+[1-9]/(?:2|3|4|8))?"  # 10 1/2
)
_ABBR_SPACED = "|".join(sorted((a for a in SCALE_ABBR if len(a) > 1), key=len, reverse=True))
_ABBR_TIGHT = "|".join(a for a in SCALE_ABBR if len(a) == 1)  # "10 m" is ten metres, "$10m" ten million
NUMBER = (
    rf"(?:{DIGITS}(?:(?:\s*|-)(?:{'|'.join(SCALES)})s?\b|\s?(?:{_ABBR_SPACED})\b|(?:{_ABBR_TIGHT})\b)?"
    rf"|{WORD_NUMBER}\b)"
)

# --- hedges --------------------------------------------------------------------------------------

# Phrase before a number -> which bound it sets: "low" (at least), "high" (at most), "approx".
HEDGES_BEFORE = {
    "more than": "low", "over": "low", "at least": "low", "no fewer than": "low", "no less than": "low",
    "in excess of": "low", "upwards of": "low", "just over": "low", "well over": "low", "above": "low",
    "well above": "low", "north of": "low", "a minimum of": "low", "at a minimum": "low",
    "up to": "high", "as many as": "high", "as much as": "high", "at most": "high", "no more than": "high",
    "fewer than": "high", "less than": "high", "under": "high", "just under": "high", "below": "high",
    "nearly": "high", "almost": "high", "a maximum of": "high", "not more than": "high",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "close to": "approx", "approx.": "approx",
    "circa": "approx", "nearly about": "approx", "an approximate": "approx", "somewhere around": "approx",
}  # fmt: skip
HEDGES_AFTER = {
    "or more": "low",
    "or so": "approx",
    "plus": "low",
    "-plus": "low",
    "-odd": "approx",  # "50-odd people"
    "or fewer": "high",
    "or less": "high",
}
_HEDGE_BEFORE = "|".join(re.escape(h) for h in sorted(HEDGES_BEFORE, key=len, reverse=True))
_HEDGE_AFTER = "|".join(re.escape(h) for h in sorted(HEDGES_AFTER, key=len, reverse=True))

# --- units ---------------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "₴": "UAH",
    "₽": "RUB",
    "₹": "INR",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "yuan": "CNY", "won": "KRW", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "hryvnia": "UAH", "hryvnias": "UAH", "hryvnias'": "UAH", "rupee": "INR", "rupees": "INR", "rupiah": "IDR",
    "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
UNITS = {
    # unit word (lower-case) -> (unit, kind)
    "square kilometers": ("km2", "area"), "square kilometres": ("km2", "area"), "sq km": ("km2", "area"),
    "sq. km": ("km2", "area"), "km2": ("km2", "area"), "km²": ("km2", "area"), "square miles": ("mi2", "area"),
    "sq miles": ("mi2", "area"), "square meters": ("m2", "area"), "square metres": ("m2", "area"),
    "hectares": ("ha", "area"), "acres": ("acre", "area"),
    "kilometers": ("km", "distance"), "kilometres": ("km", "distance"), "kilometer": ("km", "distance"),
    "kilometre": ("km", "distance"), "km": ("km", "distance"), "miles": ("mi", "distance"), "mile": ("mi", "distance"),
    "nautical miles": ("nmi", "distance"), "nautical mile": ("nmi", "distance"),
    "meters": ("m", "distance"), "metres": ("m", "distance"), "meter": ("m", "distance"), "metre": ("m", "distance"),
    "feet": ("ft", "distance"), "foot": ("ft", "distance"), "ft": ("ft", "distance"), "millimetres": ("mm", "distance"),
    "millimeters": ("mm", "distance"), "centimetres": ("cm", "distance"), "centimeters": ("cm", "distance"),
    "magnitude": ("magnitude", "magnitude"),
    "percent": ("%", "percent"), "per cent": ("%", "percent"), "%": ("%", "percent"),
    "percentage points": ("pp", "percent"),
    "seconds": ("s", "duration"), "minutes": ("min", "duration"), "hours": ("h", "duration"),
    "days": ("day", "duration"), "weeks": ("week", "duration"), "months": ("month", "duration"),
    "years": ("year", "duration"), "decades": ("decade", "duration"),
    "tonnes": ("t", "mass"), "tons": ("t", "mass"), "kilograms": ("kg", "mass"), "kg": ("kg", "mass"),
    "tonne": ("t", "mass"), "ton": ("t", "mass"), "kilogram": ("kg", "mass"),
    "hour": ("h", "duration"), "hrs": ("h", "duration"), "hr": ("h", "duration"), "minute": ("min", "duration"),
    "mins": ("min", "duration"), "secs": ("s", "duration"), "day": ("day", "duration"),
    "week": ("week", "duration"), "month": ("month", "duration"), "year": ("year", "duration"),
    "°c": ("°C", "temperature"), "degrees celsius": ("°C", "temperature"), "°f": ("°F", "temperature"),
    "degrees fahrenheit": ("°F", "temperature"), "degrees": ("°", "temperature"),
}  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_CURRENCY_WORD = "|".join(re.escape(u) for u in sorted(CURRENCY_WORDS, key=len, reverse=True))
PER_TIMES = ("month", "year", "week", "day", "hour")  # a rate per one of these is over time
PER = rf"(?:per|a|an|each|every)\s+(?:{'|'.join(PER_TIMES)}|person|head|soldier|capita)"

# --- the quantity expression ---------------------------------------------------------------------

QUANTITY = re.compile(
    rf"(?<![\w.,:/#@-])"
    rf"(?:(?P<hedge>{_HEDGE_BEFORE})\s+)?"
    rf"(?:(?P<between>between)\s+)?"
    rf"(?:(?P<magnitude_pre>magnitude)(?:\s+of)?[\s-]+)?"
    rf"(?P<currency>US\$|\$|€|£|¥|₩|₴|₽|₹)?\s?"
    rf"(?P<sign>minus\s+|-(?=\d))?"
    rf"(?P<num>{NUMBER})"
    rf"(?P<unit1>(?:\s*|-)(?:{_UNIT})(?![\w])(?=\s*(?:-|–|to|and)\s*-?\d))?"
    rf"(?:\s*(?P<range>(?(between)and|(?:-\s*to\b|-|–|—|to|or)))\s*(?:US\$|\$|€|£|¥|₩|₴|₽|₹)?\s?(?P<num2>{NUMBER}))?"
    rf"(?P<unit>(?:\s*|-)(?:{_UNIT})(?![\w]))?"
    rf"(?P<currency_word>\s+(?:{_CURRENCY_WORD})\b)?"
    rf"(?P<per>\s+{PER}\b)?"
    rf"(?:\s*(?P<hedge_after>{_HEDGE_AFTER})\b)?",
    re.IGNORECASE,
)
VAGUE_QUANTITY = re.compile(
    rf"(?<![\w-])(?:(?P<hedge>{_HEDGE_BEFORE})\s+)?(?P<num>{VAGUE_NUMBER})\b(?=\s+of\b|\s+\w)", re.IGNORECASE
)

# --- fractions and shares ------------------------------------------------------------------------

DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_DEN_ONE = "|".join(d for d in DENOMINATORS if d[-1] != "s")
_DEN_MANY = "|".join(d for d in DENOMINATORS if d[-1] == "s")
_NUMERATOR = "two|three|four|five|six|seven|eight|nine"
_RATIO_DEN = rf"(?:{_SMALL_WORD}|{_TENS_WORD}|an?\s+(?:hundred|thousand|million)|\d{{1,4}})"
# What "half" takes when it is a share: "half of the voters", "half the country", "half of them".
_WHOLE = r"(?:the|all|its|their|his|her|our|my|your|those|these|this|that|them|us|you)"
# A fraction's grammar: "one" takes the singular, two to nine the plural ("two-thirds"). Spaced it
# needs "of" ("a third of", "two thirds of"): "a third time", "two quarters" (of a year) are no shares.
# "... of a mile" is part of a unit, not a share; "... of a million" makes a number.
FRACTION = re.compile(
    rf"(?<![\w.,:/#@-])"
    rf"(?:(?P<hedge>{_HEDGE_BEFORE})\s+)?"
    rf"(?:(?P<frac>one-(?:{_DEN_ONE})|(?:{_NUMERATOR})-(?:{_DEN_MANY}))(?![\w-])"
    rf"|(?P<frac_spaced>(?:one|an?)\s+(?:{_DEN_ONE})|(?:{_NUMERATOR})\s+(?:{_DEN_MANY}))(?=\s+of\b)"
    rf"|(?<!\ba\s)(?<!\ban\s)(?P<half>half)(?=\s+(?:of\s+)?{_WHOLE}\b)"
    rf"|(?P<ratio_num>{_SMALL_WORD}|\d{{1,3}})\s+(?:in|out\s+of)\s+(?P<ratio_den>{_RATIO_DEN})"
    rf"(?![\w-]|[,.:/]\d|\s+(?:{_UNIT}|{_SCALE_WORD})(?!\w)))"
    rf"(?!\s+of\s+an?\s+(?!{_SCALE_WORD}\b))"
    rf"(?P<scale>\s+of\s+an?\s+{_SCALE_WORD}\b)?",
    re.IGNORECASE,
)

# A fraction of one unit: "half a mile", "a quarter mile", "a quarter of a mile", "a half-mile",
# "three quarters of an hour". The unit is one of UNITS written in the singular.
_ONE_UNIT = "|".join(
    re.escape(u)
    for u in sorted(UNITS, key=len, reverse=True)
    if u.isalpha() and not u.endswith("s") and len(u) > 3
)
UNIT_FRACTION = re.compile(
    rf"(?<![\w.,:/#@-])(?:(?P<hedge>{_HEDGE_BEFORE})\s+)?"
    rf"(?:(?P<half_a>half)\s+an?|(?:(?P<a>an?|one)[\s-]+)?(?P<part>half|quarter|third)"
    rf"|(?P<num>two|three)[\s-]+(?P<parts>quarters|thirds))"
    rf"(?:\s+of\s+an?)?[\s-]+(?P<unit>{_ONE_UNIT})\b",
    re.IGNORECASE,
)

# The second number of a pair "100/65" (a blood pressure, a ratio), not of a date "27/02/2025".
SLASH_PAIR = re.compile(r"/(?P<num2>\d{1,4})(?![\w/-]|[.,:]\d)")
# A pair right after a code or a company is a designation ("HP 9000/720", "Acme Co. 747-8"); not
# after a possessive, which votes take too ("the Senate's 97-1 vote").
DESIGNATION_BEFORE = re.compile(r"(?:\b[A-Z]+\d*|\w\d\w*|\b(?:Co|Inc|Corp|Ltd)\.)\s*$")
# A scale word or abbreviation ending a number: "22 million", "five million", "2bn".
SCALE_SUFFIX = re.compile(
    rf"\s*\b(?:{'|'.join(SCALES)})s?$|(?<=\d)\s?(?:{'|'.join(SCALE_ABBR)})$", re.IGNORECASE
)
# A side of a tally: a count as news writes it (no leading zero, no five-digit run: postcodes, parts).
TALLY_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|[1-9]\d{0,3}|0")

# --- what makes a number not a count -------------------------------------------------------------

MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_BEFORE = re.compile(rf"\b{MONTH}\s*$", re.IGNORECASE)
DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}(?!\w)", re.IGNORECASE)
# "19 Sept. 11 hijackers": the month has its day after it, so the number before it is no day.
MONTH_WITH_DAY = re.compile(
    rf"^(?:of\s+)?{MONTH}\s*(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\w:]|[.,]\d|,?\s*\d{{4}})",
    re.IGNORECASE,
)
# "15th", "21st", "2nd"; "twenty-first", "thirty-second" (word ordinals: the tens word is matched).
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
TENS_ORDINAL_AFTER = re.compile(r"^-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.I)
TENS_END = re.compile(rf"(?:{_TENS_WORD})$", re.IGNORECASE)
SCALE_ORDINAL_AFTER = re.compile(r"^\s+(?:hundred|thousand|million|billion)th\b", re.I)  # "one hundredth"
# "a 48-page indictment", "a five-term congressman": a number joined to the noun it counts. Words that
# follow a hyphen without being a counted noun: hedges ("50-odd"), links ("one-on-one"), participles.
COMPOUND_AFTER = re.compile(r"^-(?P<noun>[A-Za-z][a-z]+)\b(?!-)")
NOT_COUNTED_NOUNS = frozenset(
    "odd something ish fold plus and or to on in by for of off up out over way half old".split()
)
ADJECTIVE_ENDING = re.compile(r"(?:ed|ous|ful|less|ional|ical|ive)$")  # "two-pronged", "two-dimensional"
# "half" with a determiner before it is a part ("the first half of the season"), not a share.
HALF_AS_NOUN = re.compile(
    r"\b(?:the|a|an|this|that|each|my|your|his|her|its|our|their|first|second|latter|former|other|top|bottom"
    r"|upper|lower|back|front)\s+$",
    re.IGNORECASE,
)
TIME_AFTER = re.compile(
    r"^(?::\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT\b|UTC\b|h\d\d))", re.IGNORECASE
)
# "41-year-old", "41 years old", "a three-month-old baby" (an age, of a person or a thing).
AGE_AFTER = re.compile(
    r"^(?:-|\s)?(?:years?|yrs?|months?|weeks?|days?)\s*(?:-|\s)\s*olds?\b|^\s*years?\s+of\s+age\b",
    re.IGNORECASE,
)
# "aged 30", "aged from one to 12", "aged 11 and 14", "ages between 5 and 9": the second number too.
AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*(?:(?:from|between)\s+)?$", re.IGNORECASE)
# The second of two ages: "aged from one to 12", "aged 11 and 14," (not "aged 5 and 30 others").
AGE_PAIR_BEFORE = re.compile(
    rf"\b(?:aged|ages?)\s+(?:(?:from|between)\s+)?(?:\d+|{_BASIC_WORD})\s*(?:and|to|or|-|–)\s*$",
    re.IGNORECASE,
)
AGE_PAIR_AFTER = re.compile(
    r"^\s*(?:[,.;:)!?]|$|years?\b|(?:were|was|are|is|had|have|has|died)\b)", re.IGNORECASE
)
# "in their 20s", "the 1990s": a decade, not a count.
DECADE_AFTER = re.compile(r"^['’]?s\b")  # after a number ending in 0: "20s", "1990s", "'80s"
CALIBRE_AFTER = re.compile(r"^(?:-?mm|-millimet(?:er|re)|-?cal(?:iber|ibre)?|-?gauge)\b", re.IGNORECASE)
# "Arturo Velez, 67, was lifted ...", "... killing Benjamin Banky, 40.": an age after a name.
AGE_APPOSITION = (re.compile(r"[A-Z][\w'’-]+,\s*$"), re.compile(r"^\s*(?:[,)]|\.(?!\d)|$)"))
# "falling about 60m from a ridge": a tight "m" is metres, not millions, when no currency comes
# before it and a word of place or size follows ("60m." stays 60 million: "a population of 60m.").
METRES_AFTER = re.compile(
    r"^[\s-]*(?:from|into|down|above|below|beneath|high|long|deep|tall|wide|away|across|along|underground"
    r"|underwater)\b",
    re.IGNORECASE,
)
LABEL_BEFORE = re.compile(
    r"(?:\bno\.|\bnos\.|\bnumber|#|\barticle|\bchapter|\bsection|\bflight|\broute|\bhighway|\broom|\bpage|\bvol\."
    r"|\bvolume|\bgrade|\blevel|\bphase|\bcategory|\btype|\bmodel|\bversion|\bepisode|\bseason|\bstage|\bround"
    r"|\bgate|\bplatform|\bterminal|\bdivision|\bbrigade|\bregiment|\bbattalion|\bcorps|\bresolution|\bline"
    r"|\bpsalm|\bverse|\bgeneration)\s*$",
    re.IGNORECASE,
)
# A number that ends a name ("Interstate 75 near Troy"): right after a capitalised word inside a
# sentence (not a weekday, month or sentence opener), and followed by a word of where the named
# road or ship is. Punctuation or another word after it leaves it a figure ("told Reuters 15 had
# died", "Earthquake Kills 12", "Iraq 5.").
NAME_BEFORE = re.compile(
    r"(?<![.!?\n]\s)(?<=[a-z,;:'’\"(] )(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January"
    r"|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun"
    r"|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)[A-Z][A-Za-z]+ $"
)
NAME_ENDS_AFTER = re.compile(
    r"^(?:\s+(?:near|at|on|from|into|between|north|south|east|west|northbound|southbound|eastbound|westbound"
    r"|off|outside)\b|[\"”])"
)  # where a road, a channel or a ship is, or a quoted name's end ("the trawler "Ekawat Nava 5","); a
# count would go on to what it counts or what happened
# "on Interstate 75", "along Route 66", "aboard Flight 370": a name and its number after a word of
# travel or place, followed by nothing it counts (a punctuation mark or a word that is no noun of it).
ROUTE_BEFORE = re.compile(
    r"\b(?:on|along|onto|off|via|aboard|(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?[A-Z][A-Za-z]+ $"
)
ROUTE_ENDS_AFTER = re.compile(
    r"^(?:\s*[,.;:)]|\s*$|\s+(?:in|before|after|when|until|where|and|near|at|north|south|east|west"
    r"|northbound|southbound|eastbound|westbound|highway|freeway|motorway|expressway|road)\b)"
)
# After a four-digit clock time written without a colon: "1353 local time" alone; "hours", "local"
# or another zone's time ("at 1100 hours", "at 1353 local", "at 1353 (1023 GMT)") after "at" and
# the like ("worked 1100 hours" is a duration, "1500 local families" a count).
CLOCK_LOCAL_AFTER = re.compile(r"^\s*local\s+time\b", re.IGNORECASE)
CLOCK_AFTER_AT = re.compile(
    r"^\s*(?:hours\b|hrs\b|local\b|\(\s*\d{1,2}:?\d\d\s*(?:GMT|UTC)\b)", re.IGNORECASE
)
# "ranging from", "varied from", "spanning from": the two numbers after it bound one range.
SPREAD_FROM = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spann?(?:s|ed|ing)?)\s+from$")
CLOCK_BEFORE = re.compile(r"\b(?:at|by|until|till|from|before|after|since)\s+$", re.IGNORECASE)
READ_TIME_AFTER = re.compile(r"^[-\s]?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
YEAR_CONTEXT_BEFORE = re.compile(
    r"\b(?:in|since|of|by|from|until|till|before|after|during|early|late|mid|the|fall|spring|summer|winter|autumn|year|'s)\s*$",
    re.IGNORECASE,
)
# "called 911 and waited": a number dialled (three digits after a verb of calling, and the clause
# ends; "called 120 to testify" counts witnesses).
DIALLED = (
    re.compile(r"\b(?:call(?:s|ed|ing)?|dial(?:s|ed|led|ing|ling)?)\s+$", re.IGNORECASE),
    re.compile(r"^\s*(?:[.,;:)!?]|$|(?:and|or|but|after|when|because)\b)", re.IGNORECASE),
)
# Phone numbers have dashes, dots, brackets or a plus; digit groups split by spaces alone are thousands.
PHONE = re.compile(r"(?=[\d\s().+-]*[().+-])\(?\+?\d{1,3}\)?[\s.-]?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{3,4}\b")
DEFINITE_BEFORE = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|both|all|every|each|no|any|which)\s*$", re.IGNORECASE
)
