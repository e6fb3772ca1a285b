"""US-dollar amounts in their written forms, as ``Amount`` values with char offsets.

Handles "$60 billion", "$60-65 billion", "$70–$72 billion", "$60 billion to $65 billion",
"between $60 and $65 billion", "$125B+", "USD 12bn", "12 billion dollars", and the
hedges before them ("approximately", "more than", "up to"). Whether an amount is
capital spending is decided elsewhere; this module only reads numbers.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from extractors.match_start import fast_start

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
}
# (not "C$", "A$", "HK$", "NZ$", "R$": other countries' dollars, read only through a
# conversion written beside them)
_CUR = r"(?:US\s?\$|U\.S\.\s?\$|(?<![A-Za-z])\$|USD)\s?"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = (
    r"(?:[\s-]?(?:trillion|billion|million|thousand|bln|mln)|\s?(?:tn|bn|mn)|(?:MM|mm|[kKmMbBT]))"
    r"(?![A-Za-z0-9])"
)
_AMOUNT = fast_start(
    re.compile(
        rf"(?P<cur1>{_CUR})(?P<n1>{_NUM})(?P<s1>{_SCALE})?"
        rf"(?:(?P<sep>\s*(?:-to-|-|–|—|to|and)\s*)(?P<cur2>{_CUR})?(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
        rf"(?P<plus>\+)?"
        rf"|(?:(?P<n4>{_NUM})(?P<s4>\s?(?:trillion|billion|million|bn|mn))?\s*(?:-|–|—|to)\s*)?"
        rf"(?P<n3>{_NUM})(?P<s3>\s?(?:trillion|billion|million|bn|mn))"
        r"\s(?:U\.?S\.?\s)?dollars"
    )
)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_APPROX = re.compile(
    r"(?:\b(?:approximately|approx\.|about|around|roughly|nearly|almost|some|circa|close to"
    r"|an estimated|estimated)\s*|~\s*)$",
    re.I,
)
_AT_LEAST = re.compile(
    r"\b(?:(?<!no )more than|over|at least|in excess of|north of|upwards of|above"
    r"|exceed(?:ing|s)?|surpass"
    r"(?:ing|es)?|top(?:ping)?|greater than"
    r"|no less than|a minimum of)\s*$|(?:>|≥|>=)\s*$",
    re.I,
)
_AT_MOST = re.compile(
    r"\b(?:up to|as much as|no more than|(?<!no )less than|under|below|at most"
    r"|not (?:to )?exceed(?:ing)?"
    r"|capped at|a (?:maximum|ceiling|cap) of)\s*$|(?:<|≤|<=)\s*$",
    re.I,
)
# "up to" before a range is a move ("FY27 capex guide up to $15-17M from $12-14M"): a
# ceiling is one figure
_UP_TO = re.compile(r"up to\s*", re.I)
_MOVE = re.compile(
    r"\b(?:rais|increas|lift|boost|hik|cut|lower|trim|reduc|slash|revis|rose|rise|grew|grow"
    r"|jump|climb|fell|fall|declin|drop|bump|upp|move|chang|went)\w*\b[^.;$]{0,60}\bfrom\b"
    r"(?:\s+(?:its|the|their|our|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:of|at))?\s*$",
    re.I,
)
_EARLIER_AFTER = re.compile(
    r"^\s*(?:previously|prior|before|earlier|(?:in|from) (?:the|its|our) (?:prior|previous|earlier)"
    r" (?:outlook|guidance|forecast|range))\b",
    re.I,
)
_BY_BEFORE = re.compile(r"\bby\s*$", re.I)
# "moved up to $45 billion", "revised the figure up to": a move up, not a ceiling ("up to").
_MOVED_UP = re.compile(
    r"\b(?:mov(?:e|es|ed|ing)|revis(?:e|es|ed|ing)|tak(?:e|es|en|ing)|took|ratchet(?:s|ed|ing)?"
    r"|bump(?:s|ed|ing)?|push(?:es|ed|ing)?|nudg(?:e|es|ed|ing)|tick(?:s|ed|ing)?"
    r"|step(?:s|ped|ping)?|edg(?:e|es|ed|ing)|inch(?:es|ed|ing)?|crept|creep(?:s|ing)?)"
    r"\s+(?:[\w'’-]+\s+){0,4}?up to\s*$",
    re.I,
)
# A figure in another currency and the opening of its dollar conversion, just before a dollar
# amount: "from 14 billion crowns ($1.46 billion)", "more than 380 billion yuan (about $53
# billion)", "from ¥600 billion, or $4.0 billion". The words before the foreign figure say
# what the dollar amount is.
_FOREIGN_MARK = (
    r"(?:[¥€£₩₹]\s?|\b(?:EUR|GBP|JPY|KRW|INR|CNY|RMB|SEK|NOK|DKK|CHF|HKD|TWD|AUD|CAD|SGD|BRL|MXN"
    r"|ZAR)\s?|\b(?:C|CA|A|AU|NZ|HK|S|SG|R|NT|MX)\$\s?)"
)
_FOREIGN_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|m|b|tn|crore|lakh)\b\.?"
# (a range may mark and scale both ends: "£500m-£550m (~$670m-$737m)", "~£2.0B (~$2.64B)")
_CONVERTED = re.compile(
    _FOREIGN_MARK + r"?\d[\d,.]*"
    r"(?:\s*(?:" + _FOREIGN_SCALE + r")?\s*(?:-|–|to)\s*" + _FOREIGN_MARK + r"?\d[\d,.]*)?"
    r"\s*(?:" + _FOREIGN_SCALE + r"\s*)?"
    r"(?:(?:[A-Z][a-z]+|Hong Kong|New Taiwan)\s+)?(?:euros?|pounds?(?: sterling)?|sterling|yen|won"
    r"|yuan|renminbi|rupees?|crowns?|kronor|krona|kroner|francs?|rand|reais|pesos?|ringgit|baht"
    r"|lira)?\s*(?:\(|,\s*(?=or\b|about\b|roughly\b|approximately\b))\s*(?:or\s+)?"
    r"(?:(?:about|approximately|roughly|around|some|~)\s*)?(?:US\s?)?$",
    re.I,
)


_DIGIT = re.compile(r"\d")
# The opening of a conversion: a bracket, or a comma and "or"/"about" (cheap to test first).
_OPENER = re.compile(
    r"(?:\(|,\s*(?=or\b|about\b|roughly\b|approximately\b))\s*(?:or\s+)?"
    r"(?:(?:about|approximately|roughly|around|some|~)\s*)?(?:US\s?)?$",
    re.I,
)


def without_conversion(before: str) -> str:
    """The text before a dollar amount that converts a foreign figure, without that figure
    and the conversion's opening ("trimmed it to 13 billion crowns ($1.36 billion) from 14
    billion crowns (" reads as "... from "); other text unchanged."""
    if not _OPENER.search(before[-30:]) or not _DIGIT.search(before, len(before) - 45):
        return before  # (a foreign figure ends within a few words of its conversion)
    tail = before[-120:]
    m = _CONVERTED.search(tail)
    return before[: len(before) - len(tail) + m.start()] if m else before


# A negation shortly before "above"/"more than"/"exceed" turns the floor into a ceiling.
_NOT_BEFORE = re.compile(r"(?:\bnot|n't|\bnever)\b[^.;:$]{0,30}$", re.I)
_OR_MORE = re.compile(r"^\s*(?:or (?:more|higher|above)|plus)\b|^-plus\b", re.I)
_OR_LESS = re.compile(r"^\s*or (?:less|lower|below|under)\b", re.I)


def has_money(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` can hold an amount at all (a cheap test before the regex)."""
    end = len(text) if end is None else end
    return (  # not any() over a generator: this runs on every sentence
        text.find("$", start, end) != -1
        or text.find("USD", start, end) != -1
        or text.find("dollars", start, end) != -1
    )


@dataclass
class Amount:
    start: int
    end: int
    low: float | None
    high: float | None
    approximate: bool = False
    scaled: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _value(num: str, scale: str | None) -> float:
    factor = SCALES[scale.strip().lstrip("-").lower()] if scale else 1.0
    return round(float(num.replace(",", "")) * factor, 4)


def find_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Every dollar amount in ``text``; offsets are shifted by ``offset``."""
    out, pos = [], 0
    while m := _AMOUNT.search(text, pos):
        amount = _from_match(m, text, 0)
        out.append(amount)
        pos = amount.end
    for a in out:
        a.start, a.end = a.start + offset, a.end + offset
    return out


def _from_match(m: re.Match, text: str, offset: int) -> Amount:
    # a conversion's bounds are the foreign figure's ("more than 380 billion yuan (about $53
    # billion)" is open-ended)
    raw = text[max(0, m.start() - 160) : m.start()]
    before = without_conversion(raw)[-40:]
    if m.group("n3"):  # "2.0 to 2.2 billion dollars", "44 million to 49 million dollars"
        low = high = _value(m.group("n3"), m.group("s3"))
        if (
            m.group("n4")
            and (first := _value(m.group("n4"), m.group("s4") or m.group("s3"))) <= high
        ):
            low = first
        end, scaled = m.end(), True
    elif m.group("n2") and _is_range(
        m, text[max(0, m.start() - 100) : m.start()], text[m.end() : m.end() + 30]
    ):
        s1, s2 = m.group("s1"), m.group("s2")
        low, high = _value(m.group("n1"), s1 or s2), _value(m.group("n2"), s2 or s1)
        end, scaled = m.end(), bool(s1 or s2)
        if high < low:  # "$1.5-2 billion" read right; a reversed pair is not a range
            low, high, end = low, low, m.end("s1") if s1 else m.end("n1")
    else:
        low = high = _value(m.group("n1"), m.group("s1"))
        end = m.end("s1") if m.group("s1") else m.end("n1")
        scaled = bool(m.group("s1"))
        if m.group("plus") and not m.group("n2"):
            end = m.end()
    after = text[end : end + 20]
    at_least = _AT_LEAST.search(before)
    if at_least and _NOT_BEFORE.search(before, 0, at_least.start()):
        low = None  # "we don't see capex going above $18.5 billion": an upper bound
    elif (
        (ceiling := _AT_MOST.search(before))
        and not _MOVED_UP.search(before)
        and not (low < high and _UP_TO.fullmatch(ceiling.group()))  # "guide up to $15-17M"
    ) or _OR_LESS.match(after):
        low = None  # ("no more than" holds "more than", so it is tested first)
    elif (m.group("plus") and end == m.end()) or at_least or _OR_MORE.match(after):
        high = None
    approximate = bool(_APPROX.search(raw[-40:]) or _APPROX.search(before))
    return Amount(m.start() + offset, end + offset, low, high, approximate, scaled)


def _is_range(m: re.Match, before: str, after: str = "") -> bool:
    """A second number is the top of a range only when it is written as money.

    "raised from $60B to $65B" is a move, unless the pair is the old outlook itself
    ("raised from $3.6 billion to $4.0 billion previously").
    """
    if not (m.group("s2") or m.group("cur2")):
        return False
    if m.group("s1") and not m.group("s2") and not m.group("cur2"):
        return False
    sep = m.group("sep").strip()
    moved = _MOVE.search(before) if sep == "to" else None
    if moved and not _EARLIER_AFTER.match(after) and "$" not in before[: moved.start()]:
        # (after a figure of its own, "an increase from our previous estimate of $2.3
        # billion to $2.5 billion" names the old range, not a move)
        return False
    if sep == "to" and _BY_BEFORE.search(before):
        return False  # "increased its forecast by $10 billion to $85 billion": a move
    return sep != "and" or bool(_BETWEEN.search(before))
