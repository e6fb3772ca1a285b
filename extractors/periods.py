"""Fiscal years and quarters named in a sentence, relative ones resolved against a date.

Each mention is a ``Period(start, end, year, quarter)``; a year inside a calendar date
("January 29, 2025") is not a period, because it dates the statement, not the spending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QWORD = r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_PATTERNS = [
    # Q4 2024, Q4'24, Q4 FY25, Q3 fiscal 2025
    r"\bQ(?P<q>[1-4])\s?(?:of\s)?(?:FY\s?|fiscal\s(?:year\s)?|CY\s?)?'?(?P<yy>(?:19|20)?\d{2})\b",
    # 4Q24, 4Q 2024
    r"\b(?P<q>[1-4])Q\s?'?(?P<yy>(?:19|20)?\d{2})\b",
    # fourth quarter of 2024, fourth-quarter 2024, fourth quarter of fiscal 2025
    rf"\b{_QWORD}[- ]quarter(?:\sof)?(?:\s(?:fiscal|calendar)(?:\syear)?)?,?\s{_YEAR}\b",
    # fiscal 2025 fourth quarter, 2024 fourth-quarter
    rf"\b(?:fiscal\s(?:year\s)?)?{_YEAR}\s{_QWORD}[- ]quarter\b",
    # FY2026, FY26, FY 2026
    r"\bFY\s?'?(?P<yy>(?:19|20)?\d{2})\b",
    # fiscal 2025, fiscal year 2025, full year 2025, full-year 2025, calendar 2025
    rf"\b(?:fiscal|full[- ]year|calendar)(?:\syear)?\s{_YEAR}\b",
    rf"(?<![\d$.,/-]){_YEAR}(?![\d%,.]\d|\d|%| billion| million)",
    # quarter without a year
    rf"\b(?:the\s|this\s|its\s|our\s){_QWORD}[- ]quarter\b",
]
_RXS = [re.compile(p, re.I) for p in _PATTERNS]
_REL_YEAR = re.compile(
    r"\b(?P<this>this year|the current year|this fiscal year|the current fiscal year|this calendar"
    r" year)\b|\b(?P<next>next year|the coming year|next fiscal year|the next fiscal year)\b"
    r"|\b(?P<last>last year|the prior year|the previous year|a year ago|a year earlier"
    r"|the year-ago|year-ago|prior-year)\b",
    re.I,
)
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


def find_periods(text: str, published: date | None = None) -> list[Period]:
    """Periods in ``text``; relative ones only when ``published`` is known."""
    found: list[Period] = []
    for rx in _RXS:  # most specific first: a span already read is not read again
        for m in rx.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            if period := _from_match(m, text, published):
                found.append(period)
    if published is not None:
        for m in _REL_YEAR.finditer(text):
            shift = 0 if m.group("this") else 1 if m.group("next") else -1
            found.append(Period(m.start(), m.end(), published.year + shift, relative=True))
    return sorted(found, key=lambda p: p.start)


def _from_match(m: re.Match, text: str, published: date | None) -> Period | None:
    g = m.groupdict()
    quarter = int(g["q"]) if g.get("q") else _Q.get((g.get("qw") or "").lower())
    if g.get("yy"):
        year = _yy(g["yy"])
    elif g.get("y"):
        year = int(g["y"])
        if quarter is None and _DATE_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            return None
    else:
        year = _nearest_year(quarter, published) if published else None
    if year is None and quarter is None:
        return None
    return Period(m.start(), m.end(), year, quarter)


def _nearest_year(quarter: int | None, published: date) -> int | None:
    """The year that puts this quarter closest to the publication date."""
    if quarter is None:
        return None
    mid_month = quarter * 3 - 1
    candidates = [published.year - 1, published.year, published.year + 1]
    return min(
        candidates, key=lambda y: abs((y - published.year) * 12 + mid_month - published.month)
    )
