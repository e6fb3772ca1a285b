"""Fiscal years and quarters named in a sentence, relative ones resolved against a date.

Each mention is a ``Period(start, end, year, quarter)``; a year inside a calendar date
("January 29, 2025") is not a period, because it dates the statement, not the spending.
Filings name their periods by the date they end on ("three months ended September 30,
2026"); those resolve to a fiscal quarter through the company's fiscal year-end month.
A relative year that is the base of a comparison ("rose 18% from a year earlier") is not
the period of the figure, so it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from extractors import lexicon
from extractors.match_start import fast_start

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# The month names dates and quarter labels are written with (tables read them too).
MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATE = (
    r"(?P<mon>" + MONTH_NAMES + r")\.?\s+(?P<day>\d{1,2})(?!\d)"  # not "20" of "March 2027"
    r"(?:,?\s+(?P<ey>(?:19|20)\d{2}))?"
)
# "three months ended June 30, 2025", "quarter ended ...", "fiscal year ended ...", also
# named by the date they run to ("the 12 months to June 30", "the six months through
# March 31") or, ahead, will end on ("the fiscal year ending January 29, 2027")
_ENDED = fast_start(
    re.compile(
        r"\b(?:(?P<qtr>three[- ]months?|3 months|thirteen weeks|13 weeks"
        r"|(?:fiscal |calendar )?quarters?(?:ly periods?)?)"
        r"|(?P<yr>(?:fiscal |calendar |full |financial )?years?|twelve months|12 months"
        r"|fifty-(?:two|three) weeks|5[23] weeks)|(?P<ytd>(?:six|nine|6|9)[- ]months?"
        r"|(?:twenty-six|thirty-nine|26|39)[- ]weeks)),?\s+(?:(?:which|that)\s+)?(?:then\s+)?"
        r"(?:(?P<ending>ending)|ended|to|through),?\s+"
        r"(?:(?P<in>in)\s+)?"
        + _DATE.replace(r"\s+(?P<day>\d{1,2})(?!\d)", r"(?:\s+(?P<day>\d{1,2})(?!\d))?"),
        re.I,
    )
)
_ENDED_WORDS = ("ended", "ending", " to ", "through")


def names_an_end(text: str) -> bool:
    """Whether ``text`` may name a period by the date it ends (a cheap test before the
    regex): such a date reads differently in each fiscal calendar."""
    lower = text.lower()
    return any(w in lower for w in _ENDED_WORDS)


# "... ended December 31, 2025 and 2024": the further years of a plural span.
_MORE_YEARS = re.compile(r"(?:,?\s+and\s+|,\s*)((?:19|20)\d{2})\b")
# "... ended July 31, 2026 and August 1, 2025": the further end dates of a plural span.
_MORE_DATES = re.compile(
    r"(?:,?\s+and\s+|,\s*)(?P<mon>" + MONTH_NAMES + r")\.?\s+(?P<day>\d{1,2}),?\s+"
    r"(?P<ey>(?:19|20)\d{2})\b",
    re.I,
)
_BASELINE_BEFORE = re.compile(
    r"\b(?:from|than|versus|vs\.?|compared (?:with|to)|against|over|in line with"
    r"|(?:flat|level) with|similar to|unchanged from)\s+$",
    re.I,
)
_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QWORD = r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
# a full year, or one written short with an apostrophe ("'26", "’26"), where the words before
# it already say it is a year ("fiscal '26", "the fourth quarter of '25")
_YEAR_OR_YY = rf"(?:{_YEAR}\b|['’](?P<yy>\d{{2}})\b)"
# "FY", "9M", "1H", "H2" before the year they are part of ("FY26", "1H 2025", "9M'25")
# ("FY3/27" and "FY March 2027": the fiscal year that ends in that month, as Japanese and
# Indian companies write it)
_SPAN_HEAD = (
    r"(?:FY\s?(?:(?:0?[1-9]|1[0-2])/|(?:" + MONTH_NAMES + r")\.?[\s-]?)?|[69]M|[12]H|H[12])\s?['’]?"
)
_PATTERNS = [
    # Q4 2024, Q4'24, Q4 FY25, Q3 fiscal 2025
    # (a fiscal quarter written "FQ3" too: "FQ3'26", "FQ3 FY26")
    r"\bF?Q(?P<q>[1-4])\s?(?:of\s)?(?:FY\s?|fiscal\s(?:year\s)?|CY\s?)?['’]?(?P<yy>(?:19|20)?\d{2})[EA]?\b",
    # 4Q24, 4Q 2024 (an "E" or "A" after the year marks an estimate or an actual: "4Q26E")
    # (a fiscal quarter written "F1Q26" too, and with its year named: "1Q FY27", "1QFY27")
    r"\bF?(?P<q>[1-4])Q\s?(?:FY\s?|fiscal\s(?:year\s)?)?['’]?(?P<yy>(?:19|20)?\d{2})[EA]?\b",
    # the year first: "FY27 Q1", "FY2027 1Q"
    r"\bFY\s?['’]?(?P<yy>(?:19|20)?\d{2})\s(?:Q(?P<q>[1-4])|(?P<qn>[1-4])Q)\b",
    # fourth quarter of 2024, fourth-quarter 2024, fourth quarter of fiscal 2025 (or '25)
    rf"\b{_QWORD}[- ]quarter(?:\sof)?(?:\s(?:fiscal|calendar)(?:\syear)?)?,?\s{_YEAR_OR_YY}",
    # fiscal 2025 fourth quarter, 2024 fourth-quarter, fiscal '25 fourth quarter
    rf"\b(?:(?:fiscal\s(?:year\s)?)?{_YEAR}|fiscal\s(?:year\s)?['’](?P<yy>\d{{2}}))"
    rf"\s{_QWORD}[- ]quarter\b",
    # FY2026, FY26, FY 2026; year-to-date and half-year spans of a year: 9M25, 1H25, H1 2025
    r"(?<![$\d.,])\b" + _SPAN_HEAD + r"(?P<yy>(?:19|20)?\d{2})[EA]?\b",
    # fiscal 2025, fiscal year 2025, full year 2025, full-year 2025, calendar 2025; a year
    # written short after these words names it as well ("fiscal '26", "calendar ’27")
    rf"\b(?:fiscal|full[- ]year|calendar)(?:\syear)?\s{_YEAR_OR_YY}",
    # a year written short after a preposition ("$10.8 billion of capex for '27", "in ’26")
    r"\b(?:for|in|by|through)\s['’](?P<yy>\d{2})\b(?!['’])",
    # a bare year, not an amount's digits nor a report's name ("in our 2025 Form 10-K")
    # (from 1990, the first year the store keeps: "the Securities Exchange Act of 1934" is
    # no period)
    r"(?<![\d$.,/-])(?P<y>199\d|20\d{2})(?![\d%,.]\d|\d|%| billion| million"
    r"|\s+(?:Form\s+)?10-[KQ]\b|\s+(?:annual|proxy|sustainability) (?:report|statement))",
    # quarter without a year ("the third quarter", or opening the sentence: "Third-quarter")
    rf"(?:\b(?:the|this|its|our|their|a)\s(?:fiscal\s)?(?:(?:1[34]|thirteen|fourteen)-week\s)?|^)"
    rf"{_QWORD}[- ]quarter\b",
    # the adjective form names a quarter wherever it stands ("expect second-quarter capex"),
    # and without its hyphen before the spending it dates ("implies fourth quarter capital
    # expenditures of")
    rf"\b{_QWORD}-quarter\b",
    rf"\b{_QWORD} quarter(?=\s+(?:capital|capex|spending|investments?|expenditures?)\b)",
    # a bare "Q4" or "4Q" (no year): the nearest such quarter
    # (also opening a clause: "FY26 capex $30bn; 2Q implied ~$8bn", or compared: "vs 4Q")
    r"(?:^|\b(?:in|for|during|of|the|vs\.?|versus|implied|implies|implying)\s|(?<=[;:,(])\s*"
    r"|\b(?=F?(?:Q[1-4]|[1-4]Q)\s+(?:capex|capital|spend)))"
    r"(?:F?Q(?P<q>[1-4])|F?(?P<qn>[1-4])Q)\b(?![\s'-]?\d)",
]
_RXS = [re.compile(p, re.I) for p in _PATTERNS]
_BARE_QUARTER = _RXS[-1]
_BARE_HINT = re.compile(r"q[1-4]|[1-4]q")
# A word each pattern above cannot match without (lower case): a substring test is far
# cheaper than a regex scan, and most sentences name no period at all.
_NEEDS = [
    ("q",), ("q",), ("fy",), ("quarter",), ("quarter",), ("fy", "9m", "6m", "1h", "2h", "h1", "h2"),
    ("fiscal", "full", "calendar"),
    ("'", "’"),
    ("19", "20"), ("quarter",), ("quarter",), ("quarter",), ("q",),
]  # fmt: skip
_REL_YEAR = re.compile(
    r"\b(?P<this>this year|this yr|(?:the|its|their|our) current (?:fiscal |calendar )?year"
    r"|this fiscal year|this calendar year"
    r"|(?<=for )the full (?:fiscal )?year(?![- ]\d| (?:fiscal |calendar )?(?:19|20|['’])\d)"
    r"|(?<![\w-])full[- ]year(?![- ]?\d| (?:fiscal |calendar )?(?:19|20|['’])\d| results)"
    r"|(?<=for )the year(?![- ](?:ended|ending|to|ago|earlier|before)))\b"
    r"|\b(?P<next>next year|next yr|the coming year|next fiscal year|the next fiscal year)\b"
    r"|\b(?P<last>last year|last yr|the prior year|the previous year|a year ago|a year earlier"
    r"|a yr ago|a yr earlier|yr-ago"
    r"|the year-ago|year-ago|the year-earlier|year-earlier|prior-year"
    r"|the (?:fiscal )?year (?:that )?just ended|the just-ended (?:fiscal )?year"
    r"|last fiscal year|the (?:prior|previous) fiscal year)\b",
    re.I,
)
_FISCAL_OWN = re.compile(r"\bfiscal\b|\bfull year\b", re.I)
# "its most recent quarter", "the latest quarter", "last quarter": the last fiscal quarter
# that ended before the publication date.
_RECENT_QUARTER = re.compile(
    r"\b(?:(?:its|their|our|the)\s+(?:most recent|latest|last|just[- ](?:ended|completed)"
    r"|recently (?:ended|completed))|last)\s+(?:fiscal\s+)?quarter\b",
    re.I,
)
# "next quarter", "the current quarter": the quarter under way at publication (the one after
# the last that ended).
_NEXT_QUARTER = re.compile(
    r"\b(?:next|the (?:coming|current|upcoming)|this coming)\s+(?:fiscal\s+)?quarter\b", re.I
)
# "the first nine months", "the first half" ("first-half spending"), "the first three
# quarters", "the first 36 weeks", "year to date" (not
# "... of 2025", not "... ended"): a span of the current fiscal year, not a single quarter.
_YEAR_TO_DATE = re.compile(
    r"\b(?:first\s+(?:six|nine|6|9)\s+months|first[\s-]+half|first\s+(?:two|three|2|3)\s+quarters"
    r"|first\s+(?:24|28|36|40|twenty-four|twenty-eight|thirty-six|forty)\s+weeks)"
    r"(?:\s+of\s+(?:the|this)\s+(?:fiscal\s+)?year)?\b(?!\s+(?:of|ended)\b)"
    r"|\byear[- ]to[- ]date\b|\bYTD\b"
    # "Nine-month capex is $161M", "for the nine months was $742 million" (not "the nine
    # months ended ...", "... of 2025", nor "the three and nine months")
    r"|(?<![\w-])(?:nine|six)[- ]month(?=\s+(?:capex|capital|spending|outlays)\b)"
    r"|(?<=\bthe )(?:nine|six) months\b(?!\s+(?:of|ended|ending|to|through)\b)"
    r"|\b(?:1H|H1)\s?(?:FY\s?)?'?(?:20)?\d{2}\b",  # "1H26 capex $1.88bn"
    re.I,
)
_YTD_LABEL = re.compile(r"[69]M\b", re.I)


def is_to_date(text: str, pos: int) -> bool:
    """Whether the period at ``pos`` of ``text`` is the year so far ("YTD", "the first
    half", "9M"): money stated for it has been spent."""
    return bool(_YEAR_TO_DATE.match(text, pos) or _YTD_LABEL.match(text, pos))


# "9M capex of $64.6bn": the first nine (or six) months of the fiscal year under way.
_BARE_YTD = re.compile(r"\b(?:[69]M|H1|1H)\b(?![\s']?\d)")
# "FY" with no year after it ("FY guide", "FY capex"): the fiscal year under way, or the one
# after or before it ("Cons. next FY", "prior FY actual").
_BARE_FY = re.compile(r"(?<![\w$.-])FY(?![\s'-]?\d|\w)", re.I)
_FY_SHIFT = re.compile(r"\b(?:(?P<next>next)|prior|previous|last)\s+$", re.I)


def _fy_shift(text: str, start: int) -> int:
    m = _FY_SHIFT.search(text, max(0, start - 10), start)
    return 0 if m is None else 1 if m.group("next") else -1


_DATE_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s(?:\d{1,2},?\s)?$"
)


@dataclass
class Period:
    start: int
    end: int
    year: int | None
    quarter: int | None = None
    relative: bool = False


def _yy(value: str) -> int:
    y = int(value)
    return y if y >= 100 else 2000 + y


# "in the third quarters of 2026 and 2025": one quarter in each year, each year its period
_QUARTERS_OF_YEARS = re.compile(
    rf"\b{_QWORD}[- ]quarters\s+of\s+(?:fiscal\s+)?(?P<y1>(?:19|20)\d{{2}})\s+and\s+"
    r"(?:fiscal\s+)?(?P<y2>(?:19|20)\d{2})\b",
    re.I,
)


def _quarters_of_years(text: str, found: list[Period]) -> list[Period]:
    out = []
    for m in _QUARTERS_OF_YEARS.finditer(text):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        quarter = _Q[m.group("qw").lower()]
        out.append(Period(m.start(), m.end("y1"), int(m.group("y1")), quarter))
        out.append(Period(m.start("y2"), m.end("y2"), int(m.group("y2")), quarter))
    return out


# "its fiscal second quarter, which ended on Sept. 30": the date sets the company's year
_FISCAL_QUARTER_ENDED = re.compile(
    r"\bfiscal\s+(?P<q>first|second|third|fourth)[ -]quarter,?\s+(?:which|that)\s+ended"
    r"\s+(?:on\s+)?" + _DATE,
    re.I,
)


def _fiscal_quarters_ended(text: str, published: date | None) -> list[Period]:
    """A fiscal quarter named with the day it ended: the quarter's number and end month give
    the year-end month, whatever the company's calendar is known to be here."""
    out = []
    for m in _FISCAL_QUARTER_ENDED.finditer(text):
        quarter = _Q[m.group("q").lower()]
        month = _MONTHS[m.group("mon")[:3].lower()]
        if m.group("ey"):
            year = int(m.group("ey"))
        elif published is not None:  # the last such day on or before publication
            year = published.year - (month > published.month)
        else:
            continue
        fye = (month - 1 + 3 * (4 - quarter)) % 12 + 1
        if fye in (1, 2):
            continue  # years ending in January are named after their start by some, their end
            # by others: the company's own calendar says which (``fiscal_year_ends.yaml``)
        out.append(Period(m.start(), m.end(), year + (fye < month), quarter))
    return out


def find_periods(
    text: str, published: date | None = None, fye_month: int = 12, doc_type: str | None = None
) -> list[Period]:
    """Periods in ``text``; relative ones only when ``published`` is known.

    ``fye_month`` is the month the company's fiscal year ends in (12 for calendar years).
    ``doc_type`` (``Document.doc_type``) says who speaks: in a company's own call, release
    or filing, "last quarter" is the one before the quarter being reported.
    """
    lower = text.lower()
    found = _fiscal_quarters_ended(text, published) if "fiscal" in lower else []
    if names_an_end(text):
        found += [
            p
            for p in _ended_periods(text, published, fye_month)
            if not any(p.start < f.end and f.start < p.end for f in found)
        ]
    if published is not None and "(to " in lower:
        found += _quarters_to_month(text, published)
    if "quarter" in lower or "qtr" in lower or "period" in lower or "half" in lower:
        found += _month_quarters(text, published, fye_month, found)
    if "quarters of" in lower:
        found += _quarters_of_years(text, found)
    for rx, needs in zip(_RXS, _NEEDS, strict=True):  # most specific first: a span
        if needs[0] not in lower and not (len(needs) > 1 and any(n in lower for n in needs[1:])):
            continue  # already read is not read again
        if rx is _BARE_QUARTER and not _BARE_HINT.search(lower):
            continue
        for m in rx.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            if period := _from_match(m, text, published, fye_month):
                found.append(period)
    if published is not None and (
        "quarter" in lower
        or "first" in lower
        or " to" in lower
        or "to-date" in lower
        or "ytd" in lower
        or "nine" in lower
        or "six" in lower
    ):
        found += _relative_spans(text, lower, published, fye_month, found, doc_type)
    if published is not None and ("9m" in lower or "6m" in lower or "h1" in lower or "1h" in lower):
        found += [
            Period(m.start(), m.end(), _current_year(published, fye_month)[0], None, True)
            for m in _BARE_YTD.finditer(text)
            if not any(m.start() < f.end and f.start < m.end() for f in found)
            and not any(f.start - m.end() in (1, 2) and not f.relative for f in found)
        ]  # ("1H FY3/27", "H1 fiscal 2027": the half of the year written after it)
    if published is not None and ("quarter" in lower or "q" in lower and "y" in lower):
        found = _quarter_of_relative_year(text, published, fye_month, found)
    if published is not None and _BARE_HINT.search(lower):
        found = _quarters_of_the_span(text, found)
    if published is not None and "fy" in lower:
        found += [  # "FY guide $4.0-4.4B unchanged": the fiscal year under way
            Period(
                m.start(),
                m.end(),
                _current_year(published, fye_month)[0] + _fy_shift(text, m.start()),
                None,
                True,
            )
            for m in _BARE_FY.finditer(text)
            if not any(m.start() < f.end and f.start < m.end() for f in found)
        ]
    if published is not None and ("year" in lower or "yr" in lower):
        for m in _REL_YEAR.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue  # "the first quarter of last year": read with its quarter
            if (
                m.group("last")
                and _BASELINE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
                and text[m.end() : m.end() + 2] not in ("'s", "’s")  # "from last year's $1.2B"
            ):
                continue
            shift = 0 if m.group("this") else 1 if m.group("next") else -1
            if _FULL_YEAR.match(m.group()) and (
                year := _one_explicit_year(_same_clause_or_before(found, text, m.end()), text)
            ):
                found.append(Period(m.start(), m.end(), year))  # "Q4 2025 and the full year"
                continue
            base = published.year
            if fye_month != 12 and (
                _FISCAL_OWN.search(m.group()) or not _CALENDAR.search(m.group())
            ):
                # the company's own year, not the calendar's: news writes "Oracle expects to
                # spend $50 billion this year" of the fiscal year under way
                base = fiscal_year_of(published.year, published.month, fye_month)
            found.append(Period(m.start(), m.end(), base + shift, relative=True))
    return sorted(found, key=lambda p: p.start)


# "FQ3 (to Jun)", "3Q (to Feb)": a fiscal quarter with the month it ended in
_QUARTER_TO = re.compile(
    r"\b(?:F?Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s*\(to\s+(?P<mon>" + MONTH_NAMES + r")\.?\)", re.I
)


def _quarters_to_month(text: str, published: date) -> list[Period]:
    """ "FQ3 (to Jun) capex was $17m" in August 2026: the quarter ended in the last June
    before publication, and a third quarter ending in June is in the fiscal year ending in
    September, whatever the company (the note says which year without naming the company's
    year end)."""
    out = []
    for m in _QUARTER_TO.finditer(text):
        quarter, month = int(m.group("q") or m.group("q2")), _MONTHS[m.group("mon")[:3].lower()]
        year = published.year - (1 if month >= published.month else 0)
        fye = (month + 3 * (4 - quarter) - 1) % 12 + 1
        out.append(Period(m.start(), m.end(), fiscal_year_of(year, month, fye), quarter))
    return out


_FULL_YEAR = re.compile(r"(?:the )?full[- ](?:fiscal )?year", re.I)
_SPAN_LABEL = re.compile(_SPAN_HEAD + r"\d", re.I)


def _quarters_of_the_span(text: str, found: list[Period]) -> list[Period]:
    """ "1H26 capex was US$24.6bn (1Q US$11.2bn, 2Q US$13.4bn)": bare quarters in a
    bracket after a shorthand year or half are that year's, not the nearest to the date."""
    spans = [p for p in found if p.quarter is None and _SPAN_LABEL.match(text, p.start)]
    if not spans:
        return found
    out = []
    for p in found:
        before = [s for s in spans if s.end <= p.start]
        if p.relative and p.quarter and before and _bracketed_after(text, before[-1], p):
            p = Period(p.start, p.end, before[-1].year, p.quarter, False)
        out.append(p)
    return out


def _bracketed_after(text: str, span: Period, p: Period) -> bool:
    """A bare quarter in a bracket opened after the span ("1H26 ... (1Q ..., 2Q ...)"),
    not one in a later clause ("higher than FY25 ... plus 2Q capex of $37.5bn")."""
    between = text[span.end : p.start]
    return p.start > span.end and "(" in between and ")" not in between.rsplit("(", 1)[1]


# Between clauses: "widened its full-year range to $2.3 billion to $2.7 billion, and said
# capex in 2027 would be ...": the later clause's year is its own.
_CLAUSE_BREAK = re.compile(
    r";|,\s*(?:and|but|while|whereas|although|though)\b|\band (?:said|says|added|noted)\b",
    re.I,
)


def _same_clause_or_before(found: list[Period], text: str, pos: int) -> list[Period]:
    """The periods that start before ``pos``, or after it with no clause break and no other
    figure between ("for the full year as we build a campus, a $900 million project we
    expect to finish in 2028": 2028 is the project's), and not owning a figure after it
    ("2025's")."""
    return [
        p
        for p in found
        if p.start < pos
        or not (
            _CLAUSE_BREAK.search(text, pos, p.start)
            or "$" in text[pos : p.start]
            or text.startswith(("'s", "’s"), p.end)  # "a bit above 2025's $78 million"
        )
    ]


_CALENDAR = re.compile(r"\bcalendar\b", re.I)


def fiscal_year_of(year: int, month: int, fye_month: int = 12) -> int:
    """The fiscal year that calendar ``month`` of ``year`` falls in.

    ``fye_month`` 1-12 is the month a year named after the calendar year it ends in ends
    in (Walmart's fiscal 2026 ends in January 2026). 13 is January for a year named after
    the calendar year it starts in (Home Depot's fiscal 2025 ends in January or early
    February 2026).
    """
    if fye_month > 12:
        return year - 1 if month <= fye_month - 12 else year
    return year if month <= fye_month else year + 1


# "the first quarter of last year", "the fourth quarter of this fiscal year", "Q1 of last
# year", "Q1 last year", "the third quarter last year": a quarter of a relative year, one period.
_QUARTER_OF_YEAR = re.compile(
    rf"\b(?:{_QWORD}[- ]quarter(?:\s+of)?|F?(?:Q(?P<qn>[1-4])|(?P<nq>[1-4])Q)(?:\s+(?:of|in))?)\s+"
    r"(?:(?P<this>this|the current)|(?P<next>next)"
    r"|(?P<last>last|the prior|the previous))\s+(?:fiscal\s+|calendar\s+)?(?:year|yr)\b(?!['’]s)",
    re.I,
)
# "last year's second quarter", "this fiscal year's fourth quarter": the same, possessive.
_YEARS_QUARTER = re.compile(
    r"\b(?:(?P<this>this|the current)|(?P<next>next)|(?P<last>last|the prior|the previous))"
    rf"\s+(?:fiscal\s+|calendar\s+)?year['’]s\s+(?:fiscal\s+)?{_QWORD}[- ]quarter\b",
    re.I,
)


def _quarter_of_relative_year(
    text: str, published: date, fye_month: int, found: list[Period]
) -> list[Period]:
    if " of " not in text and "year" not in text and " yr" not in text:
        return found
    out = list(found)
    for m in [*_QUARTER_OF_YEAR.finditer(text), *_YEARS_QUARTER.finditer(text)]:
        shift = 0 if m.group("this") else 1 if m.group("next") else -1
        base = (
            published.year
            if fye_month == 12 or "calendar" in m.group().lower()
            else (fiscal_year_of(published.year, published.month, fye_month))
        )
        out = [f for f in out if not (f.start < m.end() and m.start() < f.end)]
        named = m.groupdict()
        quarter = _Q[named["qw"].lower()] if named["qw"] else int(named["qn"] or named["nq"])
        same = [f for f in out if f.end <= m.start() and f.quarter == quarter and f.year]
        if shift == -1 and same:
            # "FQ4 capex $212M vs $148M in FQ4 last yr": the year before the quarter named
            # first, whatever the date makes "last year"
            base, shift = same[-1].year, -1
        out.append(Period(m.start(), m.end(), base + shift, quarter, True))
    return out


_MON = f"(?:{MONTH_NAMES})"
# A quarter named by the month it ends in ("the June quarter", "its September-quarter",
# "the Sept qtr") or by its three months ("the April-to-June quarter", "the July-September
# quarter"), with or without a year ("the June 2025 quarter", "the December quarter of
# fiscal 2026"): a fiscal quarter in the company's own calendar. Its months with "period"
# name a quarter too ("the April-June period"), or a span from the start of the fiscal year
# ("the January-June period"): that year, without a quarter.
_MONTH_QUARTER = fast_start(
    re.compile(
        rf"(?P<det>\b(?:the|its|their|our|this|that)\s+)?(?:(?:fiscal|calendar)\s+)?"
        rf"(?:(?P<first>{_MON})\.?\s*(?:[-–—/]|[-\s]+(?:to|through|thru)[-\s]+)\s*)?"
        rf"\b(?P<mon>{_MON})\.?(?:\s+(?P<y1>(?:19|20)\d{{2}}|'\d{{2}}))?"
        r"(?P<join>[- ]|\s+)(?:quarter|qtr|(?P<span>period|months|half(?:[- ]year)?))\b"
        rf"(?:\s+of\s+(?:(?P<fis>fiscal\s+(?:year\s+)?)|calendar\s+(?:year\s+)?)?"
        rf"(?P<y2>(?:19|20)\d{{2}})\b)?",
        re.I,
    )
)
# Words that make a sentence an outlook: a month's quarter named there is the next one to
# end, not the last one that ended ("For the December quarter, we expect ..." in October).
_OUTLOOK = re.compile(
    r"\b(?:expect\w*|anticipat\w*|outlook|guid(?:e|es|ed|ing|ance)|forecast\w*|project(?:ed|ing|ions?)"
    r"|plan(?:s|ned|ning)?|will|would|should|intends?|sees?|looking ahead|going forward"
    r"|(?:I|we|you)['’]d|think (?:of|about)|call it|pencil\w* in)\b",
    re.I,
)
# Words of money already spent or reported, which outweigh an outlook word further away.
_REPORTED = re.compile(
    r"\b(?:was|were|spent|totall?ed|came in|amounted|invested|reported|rose|fell|grew)\b", re.I
)


def _month_quarters(
    text: str, published: date | None, fye_month: int, found: list[Period]
) -> list[Period]:
    out = []
    for m in _MONTH_QUARTER.finditer(text):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        if not m.group("det") and m.group("join") != "-" and m.start() > 0:
            continue  # "in May quarterly sales ...": only "the June quarter" or "June-quarter"
        month = _MONTHS[m.group("mon")[:3].lower()]
        quarter: int | None = fiscal_quarter(month, fye_month)
        if m.group("first"):
            first = _MONTHS[m.group("first")[:3].lower()]
            months = (month - first) % 12 + 1
            if months != 3 and not (
                m.group("span") and months in (6, 9, 12) and first == fye_month % 12 + 1
            ):
                continue  # "the March-June quarter": no quarter at all
            if months != 3:
                quarter = None  # "the January-June period": the first half of the year
        elif m.group("span"):
            continue  # "the June period": no span named
        start = m.start("det") if m.group("det") else m.start()
        if m.group("y2") and m.group("fis"):
            out.append(Period(start, m.end(), int(m.group("y2")), quarter))
            continue
        if year_text := m.group("y2") or m.group("y1"):
            year = _yy(year_text.lstrip("'"))
            out.append(Period(start, m.end(), fiscal_year_of(year, month, fye_month), quarter))
            continue
        if published is None:
            continue
        if _is_outlook(text, m.start(), m.end()):  # the next such quarter to end
            year = published.year if month >= published.month else published.year + 1
        else:  # the last such quarter that ended before publication
            year = published.year if month < published.month else published.year - 1
        out.append(Period(start, m.end(), fiscal_year_of(year, month, fye_month), quarter, True))
    return out


_CLAUSE_STOP = re.compile(r";|\.(?=\s|$)|,\s+(?:and|but|while|whereas)\b")


def _is_outlook(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` looks ahead: its nearest outlook word
    is nearer than its nearest word of money spent."""
    stops = [m.end() for m in _CLAUSE_STOP.finditer(text)]
    left = max((i for i in stops if i <= start), default=0)
    right = min((i for i in stops if i > end), default=len(text))

    def nearest(rx: re.Pattern) -> int | None:
        gaps = [
            start - m.end() if m.end() <= start else m.start() - end
            for m in rx.finditer(text, left, right)
        ]
        return min(gaps) if gaps else None

    ahead = nearest(_OUTLOOK)
    if ahead is None:
        return False
    spent = nearest(_REPORTED)
    return spent is None or ahead < spent


# Before a year: it dates a comparison base ("compared with $17.1 billion in 2024").
_BASE_YEAR = re.compile(
    r"\b(?:compared (?:with|to)|versus|vs\.?|from|than)\s+(?:the\s+)?\$?[\d.,]+\s*"
    r"(?:[a-z]+\s+){0,2}?(?:in|for|during)\s+(?:the\s+)?(?:fiscal\s+|calendar\s+)?$",
    re.I,
)


def _one_explicit_year(found: list[Period], text: str = "") -> int | None:
    years = {
        p.year
        for p in found
        if p.year and not p.relative and not _BASE_YEAR.search(text[max(0, p.start - 60) : p.start])
    }
    return years.pop() if len(years) == 1 else None


def _relative_spans(
    text: str,
    lower: str,
    published: date,
    fye_month: int,
    found: list[Period],
    doc_type: str | None = None,
) -> list[Period]:
    """The latest quarter and year-to-date spans, resolved against the publication date."""
    out = []
    spans = (
        (("quarter",), _PRIOR_QUARTER, previous_quarter),
        (("quarter",), _RECENT_QUARTER, latest_quarter),
        (("quarter",), _NEXT_QUARTER, quarter_under_way),
        (("first", "to-date", "to date", "ytd", "nine", "six"), _YEAR_TO_DATE, _current_year),
    )
    for words, rx, resolve in spans:
        if not any(w in lower for w in words):
            continue
        for m in rx.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found + out):
                continue
            own_last = doc_type in OWN_VOICE and _BARE_LAST.match(m.group())
            # in a call just after the quarter, "last quarter" is the one before it
            year, quarter = (previous_quarter if own_last else resolve)(published, fye_month)
            out.append(Period(m.start(), m.end(), year, quarter, relative=True))
    return out


# Documents in a company's own voice, published just after the quarter they report: there
# "this quarter" is the quarter just reported and "last quarter" the one before it.
OWN_VOICE = frozenset({"transcript", "press_release", "8-K", "10-Q", "10-K"})
_BARE_LAST = re.compile(r"last\s+(?:fiscal\s+)?quarter$", re.I)
# "the prior quarter", "the previous fiscal quarter": the quarter before the one reported.
_PRIOR_QUARTER = re.compile(
    r"\b(?:the\s+)?(?:prior|previous|preceding)\s+(?:fiscal\s+)?quarter\b"
    r"(?!\s+(?:ended|ending|of)\b)",
    re.I,
)


def previous_quarter(published: date, fye_month: int = 12) -> tuple[int, int]:
    """The fiscal (year, quarter) before the last one that ended before ``published``."""
    year, quarter = latest_quarter(published, fye_month)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def latest_quarter(published: date, fye_month: int = 12) -> tuple[int, int]:
    """The fiscal (year, quarter) of the last quarter that ended before ``published``.

    Why: "in its most recent quarter" in a story of January 30 is Apple's December quarter,
    its fiscal 2026 first quarter.
    """
    for back in range(1, 4):
        month = (published.month - back - 1) % 12 + 1
        if (month - fye_month) % 3 == 0:
            year = published.year - (1 if month >= published.month else 0)
            return fiscal_year_of(year, month, fye_month), fiscal_quarter(month, fye_month)
    raise AssertionError("every third month ends a fiscal quarter")


def quarter_under_way(published: date, fye_month: int = 12) -> tuple[int, int]:
    """The fiscal (year, quarter) after the last one that ended before ``published``."""
    year, quarter = latest_quarter(published, fye_month)
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def _current_year(published: date, fye_month: int = 12) -> tuple[int, None]:
    return fiscal_year_of(published.year, published.month, fye_month), None


def _from_match(
    m: re.Match, text: str, published: date | None, fye_month: int = 12
) -> Period | None:
    g = m.groupdict()
    quarter = int(g.get("q") or g.get("qn") or 0) or _Q.get((g.get("qw") or "").lower())
    if g.get("yy"):
        year = _yy(g["yy"])
    elif g.get("y"):
        year = int(g["y"])
        if quarter is None and _DATE_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            return None
    else:  # a quarter named without its year: resolved against the date, so relative
        year = nearest_year(quarter, published, fye_month) if published else None
        return Period(m.start(), m.end(), year, quarter, True) if quarter else None
    if year is None and quarter is None:
        return None
    return Period(m.start(), m.end(), year, quarter)


def nearest_year(quarter: int | None, published: date, fye_month: int = 12) -> int | None:
    """The fiscal year that puts this fiscal quarter closest to the publication date.

    Why: Microsoft's "second quarter" said in October is October-December, which is in its
    fiscal 2026; a calendar-year company's is April-June of the same year.
    """
    if quarter is None:
        return None
    now = published.year * 12 + published.month

    def distance(fiscal_year: int) -> int:
        year, month = period_end(fiscal_year, quarter, fye_month)  # when the quarter ends
        return abs(year * 12 + month - 1 - now)

    candidates = [published.year - 1, published.year, published.year + 1, published.year + 2]
    return min(candidates, key=distance)


def _ended_periods(text: str, published: date | None, fye_month: int) -> list[Period]:
    """Periods named by their end date ("three months ended September 30, 2025"); a
    year-to-date span ("nine months ended") is its fiscal year without a quarter, and a
    plural span ("years ended December 31, 2025 and 2024", "six months ended July 31, 2026
    and August 1, 2025") gives one period per year or date."""
    out = []
    for m in _ENDED.finditer(text):
        if not (m.group("day") or m.group("in") or m.group("ey")):
            continue  # "ended May" is too loose; "ended in May", "the year to March 2027" are not
        month = _MONTHS[m.group("mon")[:3].lower()]
        day = int(m.group("day")) if m.group("day") else 28  # "the quarter ended in September"
        if m.group("ey"):
            year = int(m.group("ey"))
        elif m.group("ending"):  # "the quarter ending March 31": the next such date
            year = _next_year_with(month, published)
        else:
            year = _last_year_with(month, published)
        if year is None:
            continue
        qtr = bool(m.group("qtr"))
        out.append(_ended_on(m.start(), m.end(), year, month, day, fye_month, qtr))
        pos = m.end()
        while m.group("ey"):
            if more := _MORE_DATES.match(text, pos):  # "... and August 1, 2025"
                other = _MONTHS[more.group("mon")[:3].lower()]
                out.append(
                    _ended_on(
                        more.start("mon"), more.end(), int(more.group("ey")), other,
                        int(more.group("day")), fye_month, qtr,
                    )
                )  # fmt: skip
            elif more := _MORE_YEARS.match(text, pos):  # "... and 2024"
                p = _ended_on(
                    more.start(1), more.end(1), int(more.group(1)), month, day, fye_month, qtr
                )
                out.append(p)
            else:
                break
            pos = more.end()
    return out


def _ended_on(
    start: int, end: int, year: int, month: int, day: int, fye_month: int, quarter: bool
) -> Period:
    """The fiscal year (and quarter, for a quarter) of a span that ends on ``day`` of
    ``month`` in calendar ``year``."""
    year, month = closing_month(year, month, day)
    q = fiscal_quarter(month, fye_month) if quarter else None
    return Period(start, end, fiscal_year_of(year, month, fye_month), q)


def closing_month(year: int, month: int, day: int) -> tuple[int, int]:
    """(calendar year, month) that a period ending on ``day`` of ``month`` closes: 52/53-week
    years end in the first days of the next month ("February 1" closes January)."""
    if day > 7:
        return year, month
    return (year - 1, 12) if month == 1 else (year, month - 1)


def fiscal_quarter(end_month: int, fye_month: int = 12) -> int:
    """The fiscal quarter that ends in ``end_month`` for a year ending in ``fye_month``."""
    return (end_month - fye_month - 1) % 12 // 3 + 1


def _last_year_with(month: int, published: date | None) -> int | None:
    """Why: "the three months ended March 31" in a report means the latest such March."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _next_year_with(month: int, published: date | None) -> int | None:
    """Why: "the quarter ending March 31" said in February is the March about to come."""
    if published is None:
        return None
    return published.year if month >= published.month else published.year + 1


@cache
def _fiscal_year_ends() -> dict[str, int]:
    return {str(k).upper(): int(v) for k, v in lexicon.load("fiscal_year_ends").items()}


def fye_month_of(ticker: str | None, stated: Mapping[str, int] | None = None) -> int:
    """The month ``ticker``'s fiscal year ends in: as the document ``stated`` it for a
    company the table does not list (see ``fiscal_calendar.py``), else from the table (12
    for companies in neither)."""
    key = (ticker or "").upper()
    return (stated or {}).get(key) or _fiscal_year_ends().get(key, 12)


def listed_year_ends() -> Mapping[str, int]:
    """The hand-kept table of fiscal year-ends (``data/fiscal_year_ends.yaml``)."""
    return _fiscal_year_ends()


def period_end(year: int, quarter: int | None, fye_month: int = 12) -> tuple[int, int]:
    """(calendar year, month) in which fiscal ``year`` (or its ``quarter``) ends."""
    index = year * 12 + fye_month - 1 - 3 * (4 - (quarter or 4))
    return index // 12, index % 12 + 1


_COMMA = re.compile(r"[,;]")


def leads_next_amount(text: str, after: int, period: Period, next_amount: int) -> bool:
    """Whether ``period``, found after an amount ending at ``after``, opens the clause of the
    next amount (starting at ``next_amount``) rather than dating the one before it.

    Why: "$1.52 billion, below the midpoint of the target, bringing first-half spending to
    $3.05 billion": the first half is the later figure's, in its own clause.
    """
    if next_amount >= len(text) or period.end > next_amount:
        return False
    if (
        _LABEL_IN_BRACKET.fullmatch(text, period.end, next_amount)
        and text.rfind("(", after, period.start) >= 0
    ):
        return True  # "$456m in the quarter (F1Q26: $398m)": the bracket's label is its figure's
    return bool(_COMMA.search(text, after, period.start)) and not _COMMA.search(
        text, period.end, next_amount
    )


_LABEL_IN_BRACKET = re.compile(r"\s*[:=]\s*(?:~\s*)?(?:US\s?)?")
