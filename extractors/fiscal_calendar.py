"""Fiscal year-ends a document states for companies the hand-kept table does not list.

Why: a filing or a story dates a quarter by the day it ended ("the fiscal first quarter,
which ended Sept. 27"), and only the company's fiscal year-end turns that day into its own
quarter and year. ``data/fiscal_year_ends.yaml`` lists the large companies; a smaller one
is read as a calendar-year company unless the text itself says otherwise, which writers
usually do for exactly these companies: "whose fiscal year ends in June", "fiscal 2027,
which ends in early February", or a numbered fiscal quarter beside the day it ended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from extractors.match_start import fast_start
from extractors.periods import _MONTHS, MONTH_NAMES, _yy, closing_month

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINAL = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd)"
_MONTH = r"(?P<early>early|late|mid-?)?\s*(?P<mon>" + MONTH_NAMES + r")\b\.?"
# "February 1, 2027": the day and the year the fiscal year ends on, when written
_DAY_YEAR = r"(?:\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>20\d\d)\b)?)?"

# "whose fiscal year also ends in June", "a fiscal year that ended in late January",
# "fiscal 2027, which ends in early February", "its fiscal year ending June 30"
_YEAR_ENDS = re.compile(
    r"fiscal (?:(?:year\s+)?(?P<named>20\d\d|'?\d\d)|year)\b,?\s+"
    # "fiscal 2026, the year that ended on Sept. 30", "fiscal 2026, a 53-week year that ended"
    r"(?:(?:the|a) (?:5[23]-week |fiscal |financial )?year\s+)?(?:(?:which|that)\s+)?"
    r"(?:also\s+)?(?P<verb>ends?|ended|ending|closes|closed|runs? (?:through|to)"
    # "fiscal 2027, which began on Oct. 1": the year ends the month before
    r"|(?P<began>began|begins|beginning|started|starts|starting))\s+"
    r"(?:in\s+|on\s+)?" + _MONTH + _DAY_YEAR,
    re.I,
)
# "the fiscal first quarter, which ended Sept. 27", "its first quarter of fiscal 2027,
# ended August 30", "fiscal second quarter ending Dec. 28"
_QUARTER_ENDED = fast_start(
    re.compile(
        r"\b(?:fiscal\s+"
        + _ORDINAL
        + r"[- ]quarter(?:\s+of\s+(?P<named3>(?:20)?\d\d))?|"
        + _ORDINAL.replace("ord", "ord2")
        + r"[- ]quarter\s+of\s+(?:its\s+)?fiscal\s+(?:year\s+)?(?P<named>(?:20)?\d\d))"
        r",?\s+(?:(?:which|that)\s+)?"
        r"(?:the\s+(?:quarter|(?:thirteen|fourteen|1[34])[- ]weeks?)\s+)?"
        r"(?:ended|ending|ends)\s+(?:on\s+)?"
        r"(?P<mon>" + MONTH_NAMES + r")\.?\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>20\d\d)\b)?",
        re.I,
    )
)
# "its capital expenditure forecast for the year to June 2027", "the financial year ending
# March 2027": a year named by the month it ends in
_YEAR_TO_MONTH = fast_start(
    re.compile(
        r"\b(?:the|its|their|our)\s+(?:fiscal\s+|financial\s+)?year\s+(?:to|ending)\s+"
        r"(?P<mon>" + MONTH_NAMES + r")\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}\b",
        re.I,
    )
)
# "Braze's year ends Jan 31", "their FY ends March 31": a company's own year, with no
# "fiscal" before it
_OWN_YEAR_ENDS = fast_start(
    re.compile(
        r"(?:['’]s|\b(?:its|their|our))\s+(?:(?:fiscal\s+|financial\s+)?year|FY)\s+"
        r"(?:ends|closes)\s+(?:in\s+|on\s+)?(?P<mon>" + MONTH_NAMES + r")\b\.?"
        r"(?:\s+(?P<day>\d{1,2})\b)?",
        re.I,
    )
)
# A filer's 52/53-week year: "Our fiscal year is the 52- or 53-week period ending on the
# Saturday closest to the last day of April", "the fiscal year ends on the Sunday nearest
# June 30": the month the year closes in
_WEEKDAY_YEAR_END = re.compile(
    r"\byear\b[^.;]{0,60}?\b(?:ends?|ending|ended|closes|closing)\s+on\s+the\s+(?:last\s+)?"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:closest|nearest)(?:\s+to)?\s+"
    r"(?:the\s+(?:last|final)\s+day\s+of\s+)?(?P<mon>" + MONTH_NAMES + r")\b\.?"
    r"(?:\s+(?P<day>\d{1,2})\b)?",
    re.I,
)
# "in the September quarter, the first quarter of its 2027 financial year": a month's quarter
# and its place in the fiscal year
_MONTH_QUARTER_IS = fast_start(
    re.compile(
        r"\b(?P<mon>"
        + MONTH_NAMES
        + r")\s+quarter,\s+(?:the\s+|its\s+)?"
        + _ORDINAL
        + r"\s+quarter\s+of\s+(?:its|the|their|our)\s+(?:(?:19|20)?\d{2}\s+)?"
        r"(?:fiscal|financial)\s+year\b",
        re.I,
    )
)
# "our Modine FY27E capex (March year)", "its September fiscal year": a note's shorthand
# for a year that ends in that month
_MONTH_YEAR = re.compile(
    r"\b(?P<mon>" + MONTH_NAMES + r")[- ](?:fiscal[- ])?year\b(?![- ]end)", re.I
)
_MONTH_BEFORE_YEAR = re.compile(r"\b(?P<mon>" + MONTH_NAMES + r")[- ](?:fiscal[- ])?$", re.I)
_FY_MONTH = fast_start(
    re.compile(
        r"\bFY\s?(?:(?P<m>0?[1-9]|1[0-2])/|(?P<mon>" + MONTH_NAMES + r")\.?[\s-]?)(?:20)?\d{2}E?\b"
    )
)


def names_year_end_month(text: str) -> bool:
    """Whether ``text`` writes a fiscal year with the month it ends in ("FY3/27")."""
    return bool(_FY_MONTH.search(text))


# a 10-Q's cover names the quarter's end, its text the fiscal quarter it is
_PERIOD_ENDED = re.compile(
    r"\bquarterly period ended\s+(?P<mon>" + MONTH_NAMES + r")\.?\s+(?P<day>\d{1,2})\b", re.I
)
_NUMBERED_QUARTER = re.compile(
    r"\b" + _ORDINAL + r" quarters? of fiscal (?:year )?(?:20)?\d\d\b", re.I
)

# a call's or a release's title: "Q1 fiscal 2027 earnings call", "F2Q27 results", "Fiscal
# 2026 Fourth Quarter", "first quarter of fiscal 2027"
_TITLED_YEAR = r"(?:(?:fiscal|FY)\s*(?:year\s+)?'?(?P<y>20\d\d|\d\d)\b|(?P<y2>\d\d)\b)"
_TITLED_QUARTER = re.compile(
    r"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|F(?P<q3>[1-4])Q(?=\d\d)|"
    + _ORDINAL.replace("ord", "ord3")
    + r"[- ]quarter(?:\s+of)?)\s*"
    + _TITLED_YEAR
    + r"|\bfiscal\s+(?P<y3>20\d\d)\s+"
    + _ORDINAL.replace("ord", "ord4")
    + r"\s+quarter\b"
    # "Fiscal Q1 2027 Earnings Call": a four-digit year the word "fiscal" makes fiscal
    + r"|\bfiscal\s+(?:Q(?P<q5>[1-4])|(?P<q6>[1-4])Q)\s+(?P<y5>20\d\d)\b",
    re.I,
)
# a call or a release comes some five weeks after the quarter it reports ends
REPORTING_LAG_DAYS = 35

Mention = tuple[int, int, str]  # (start, end, ticker) in the text


def stated_year_ends(
    text: str,
    mentions: Iterable[Mention],
    subject: str | None,
    known: Mapping[str, int],
    title: str = "",
    published: date | None = None,
) -> dict[str, int]:
    """{ticker: month its fiscal year ends} for companies ``known`` does not list, as
    ``text`` states it; a statement is the company's named first before it in its sentence,
    else the ``subject`` (give only one the document is known to be about: a filer, an
    issuer, a header's ticker). A filing's ``title`` may name the quarter's end date."""
    named = sorted(mentions)
    out: dict[str, int] = {}
    statements = _statements(text, title, published)
    if published is not None and (month := _titled_quarter(title, published)):
        statements.append((-1, month))
    for pos, month in statements:
        ticker = (_owner(named, text, pos) if pos >= 0 else None) or subject
        if ticker and ticker not in known and ticker not in out:
            out[ticker] = month
    if subject in out and out[subject] == 1 and published is not None:
        out[subject] = _titled_january_naming(title, published)
    return out


def _titled_january_naming(title: str, published: date) -> int:
    """13 when a January year's results title names its year after the one it starts in
    ("Q3 fiscal 2026 earnings call" in December 2026, the year ending in January 2027, as
    retailers and restaurant chains name theirs), else 1.

    Why: "before the fiscal year ends in January" gives the month but not the naming, and the
    two namings put every quarter of the text a year apart."""
    titled = _titled(title)
    if titled is None:
        return 1
    named = titled[1]
    ended = published - timedelta(days=REPORTING_LAG_DAYS)
    year_ends = ended.year + (ended.month >= 2)  # the January the quarter's year ends in
    return 13 if named == year_ends - 1 else 1


def _statements(text: str, title: str = "", published: date | None = None) -> list[tuple[int, int]]:
    """(position, year-end month) of every statement of a fiscal calendar in ``text``; a
    statement that pairs the ``title``'s end date with the text's quarter is at -1."""
    found: list[tuple[int, int]] = []
    lower = text.lower()
    # each pattern is tried only where its first word is: a regex scan of a long text for a
    # word costs more than ``str.find``
    fiscal = _positions(lower, "fiscal ")
    quarters = (
        list(_QUARTER_ENDED.finditer(text))
        if fiscal and "quarter" in lower and ("ende" in lower or "ends" in lower)
        else []
    )
    # "the third quarter of fiscal 2027, which ended Nov. 1": the quarter ended, not the year
    inside = [(q.start(), q.end()) for q in quarters]
    year_ends = [
        m
        for pos in fiscal
        if (m := _YEAR_ENDS.match(text, pos)) and not any(a <= pos < b for a, b in inside)
    ]
    for m in year_ends:
        named_month = _MONTHS[m.group("mon")[:3].lower()]
        early_late = (m.group("early") or "").lower()
        if m.group("began"):  # the month before the one it began in ("began on Oct. 1"),
            # or that month when it began late in it ("began in late September")
            late = early_late == "late" or int(m.group("day") or 1) >= 20
            found.append((m.start(), named_month if late else (named_month - 2) % 12 + 1))
            continue
        # "early February", "February 1": a January year
        day = 1 if early_late == "early" else int(m.group("day") or 28)
        _, month = closing_month(2000, named_month, day)
        year = int(m.group("year")) if m.group("year") else None
        ended = year or _year_it_ends(month, m.group("verb"), published)
        found.append((m.start(), _named_by_start(month, m.group("named"), ended)))
    for m in quarters:
        quarter = _ORDINALS[(m.group("ord") or m.group("ord2")).lower()]
        month = _year_end(quarter, m.group("mon"), int(m.group("day")))
        # the year ends in the calendar year after the quarter's when its month comes first
        ended = (
            int(m.group("year")) + (month < _MONTHS[m.group("mon")[:3].lower()])
            if m.group("year")
            else None
        )
        found.append(
            (m.start(), _named_by_start(month, m.group("named") or m.group("named3"), ended))
        )
    if "fy" in lower:  # "FY3/27", "FY March 2027": the month the year ends in
        for m in _FY_MONTH.finditer(text):
            month = int(m.group("m")) if m.group("m") else _MONTHS[m.group("mon")[:3].lower()]
            found.append((m.start(), month))
    if " year" in lower:  # read back from each "year": a regex scan for month names costs more
        for pos in _positions(lower, "year"):
            m = _MONTH_BEFORE_YEAR.search(text, max(0, pos - 20), pos)
            if m and m.group("mon")[:1].isupper() and _MONTH_YEAR.match(text, m.start()):
                found.append((m.start(), _MONTHS[m.group("mon")[:3].lower()]))
    if "year to" in lower or "year ending" in lower:
        for m in _YEAR_TO_MONTH.finditer(text):
            found.append((m.start(), _MONTHS[m.group("mon")[:3].lower()]))
    if "year ends" in lower or "year closes" in lower or "fy ends" in lower:
        for m in _OWN_YEAR_ENDS.finditer(text):
            named_month = _MONTHS[m.group("mon")[:3].lower()]
            found.append(
                (m.start(), closing_month(2000, named_month, int(m.group("day") or 28))[1])
            )
    if "quarter," in lower:
        for m in _MONTH_QUARTER_IS.finditer(text):
            quarter = _ORDINALS[m.group("ord").lower()]
            found.append((m.start(), _year_end(quarter, m.group("mon"), 28)))
    cover = _PERIOD_ENDED.search(title) or (
        _PERIOD_ENDED.search(text) if "quarterly period" in lower else None
    )
    if cover and (numbered := _NUMBERED_QUARTER.search(text)):
        quarter = _ORDINALS[numbered.group("ord").lower()]
        month = _year_end(quarter, cover.group("mon"), int(cover.group("day")))
        found.append((-1 if cover.string is title else cover.start(), month))
    if "closest" in lower or "nearest" in lower:  # after the others, which may say more
        for m in _WEEKDAY_YEAR_END.finditer(text):
            named_month = _MONTHS[m.group("mon")[:3].lower()]
            month = closing_month(2000, named_month, int(m.group("day") or 28))[1]
            if month != 1:  # a January year's statement does not say how the year is named
                found.append((m.start(), month))
    return found


def _year_it_ends(month: int, verb: str, published: date | None) -> int | None:
    """The calendar year of the year-end a sentence speaks of without writing its year: the
    next such month for "ends", the last one for "ended" ("fiscal 2026, which ends in early
    February", written in December 2026, ends in 2027)."""
    if published is None:
        return None
    if verb.lower().startswith(("ended", "closed")):
        return published.year if published.month >= month else published.year - 1
    return published.year if published.month <= month else published.year + 1


def _named_by_start(month: int, named: str | None, ended: int | None) -> int:
    """13 for a January year named after the year it starts in ("fiscal year 2026, which
    ends February 1, 2027", as retailers name theirs), else ``month``; ``ended`` is the
    calendar year it ends in."""
    if month != 1 or not named or not ended:
        return month
    return 13 if ended == _yy(named.lstrip("'")) + 1 else month


def _positions(lower: str, word: str) -> list[int]:
    out, pos = [], lower.find(word)
    while pos >= 0:
        if pos == 0 or not lower[pos - 1].isalnum():
            out.append(pos)
        pos = lower.find(word, pos + 1)
    return out


def _titled_quarter(title: str, published: date) -> int | None:
    """The year-end month implied by a results title that numbers a fiscal quarter ("Q1
    fiscal 2027") and by the publication date: the quarter ended about five weeks before.
    None when that does not make the quarter fall in the fiscal year the title names (a
    retailer naming its year after the one it starts in, a piece written months later)."""
    titled = _titled(title)
    if titled is None:
        return None
    quarter, year = titled
    ended = published - timedelta(days=REPORTING_LAG_DAYS)
    if ended.day <= 15:  # quarters end at a month's end: the nearest one
        ended -= timedelta(days=ended.day)
    months_on = ended.month - 1 + 3 * (4 - quarter)  # from the quarter's end to the year's
    if ended.year + months_on // 12 != year:
        return None
    return months_on % 12 + 1


def _titled(title: str) -> tuple[int, int] | None:
    """(fiscal quarter, fiscal year) a results title numbers ("Q1 fiscal 2027 earnings
    call"), or None."""
    m = _TITLED_QUARTER.search(title)
    if not m:
        return None
    g = m.groupdict()
    quarter = (
        int(g["q"] or g["q2"] or g["q3"] or g["q5"] or g["q6"] or 0)
        or _ORDINALS[(g["ord3"] or g["ord4"]).lower()]
    )
    return quarter, _yy(g["y"] or g["y2"] or g["y3"] or g["y5"])


def _year_end(quarter: int, month_name: str, day: int) -> int:
    """The fiscal year-end month of a year whose ``quarter`` ended on that day; a quarter
    of a 52/53-week year that ends in a month's first week belongs to the month before."""
    _, month = closing_month(2000, _MONTHS[month_name[:3].lower()], day)
    return (month - 1 + 3 * (4 - quarter)) % 12 + 1


def _owner(named: list[Mention], text: str, pos: int) -> str | None:
    """The company named first in the sentence of ``pos``, before it: the sentence's
    subject ("Applied Digital Corp, which leases its campuses to CoreWeave, ... in its fiscal
    2027, which ends in May"). A sentence that names none but opens by referring back ("The
    San Jose-based maker ...", "It ...") is about the one company the sentence before names;
    otherwise none: the company named last before is often another."""
    opened = _sentence_start(text, pos)
    here = [t for s, _, t in named if opened <= s < pos]
    if here:
        return here[0]
    back = _REFERS_BACK.match(text, opened)
    if not back or (back.group() == "The" and "\n\n" in text[max(0, opened - 4) : opened]):
        return None  # a description opening a paragraph of a roundup often brings in the
        # next company ("The other Iowa furniture maker kept ... its fiscal 2027, which ends
        # in June"), not the one the paragraph before named
    ended = len(text[:opened].rstrip())
    before = {t for s, _, t in named if _sentence_start(text, ended) <= s < ended}
    return before.pop() if len(before) == 1 else None


def _sentence_start(text: str, pos: int) -> int:
    stop = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    start = stop + 1
    while start < pos and text[start].isspace():
        start += 1
    return start


_REFERS_BACK = re.compile(r"(?:The|It|Its)\b")
