"""The reporting period and the kind of section each sentence of a document stands in.

Earnings releases and filings state a quarter's figures without naming the quarter in the
sentence ("Capital expenditures were $9.4 billion."): the period comes from the release's
own framing ("Acme Reports First Quarter 2026 Results", "for the quarterly period ended
June 30, 2026") or from the results heading above ("Second Quarter 2026 Other Results").
Legal sections (forward-looking statements, risk factors) state no views, whatever their
words. The patterns live in ``data/sections.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors import lexicon
from extractors.periods import Period, find_periods, nearest_year

HEADING_MAX_WORDS = 12
LABEL_MAX_WORDS = 6
FRAMING_WINDOW = 25  # the framing sentence sits near the top of a release or filing
_END_PUNCT = tuple(".!?:;,\"”’'")
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_QUARTERS["4th"] = 4


@dataclass(frozen=True)
class Section:
    """What holds for one sentence: the reporting period in force and whether it is legal."""

    year: int | None = None
    quarter: int | None = None
    boilerplate: bool = False

    def period(self) -> Period | None:
        """As a ``Period`` without a position, for facts that name none themselves."""
        if self.year is None:
            return None
        return Period(-1, -1, self.year, self.quarter)


def _rx(key: str) -> re.Pattern:
    return lexicon.pattern("sections", key)


def is_heading(text: str) -> bool:
    """A short line without closing punctuation, in title case unless very short.

    Why: a bullet that lost its full stop ("Investors are spooked by the capex bill") is
    still a statement; a heading capitalises its words ("The Energy Wall") or is a label of
    a few words ("The bear case").
    """
    if text.endswith(_END_PUNCT) or "|" in text or text.count(" ") > 4 * HEADING_MAX_WORDS:
        return False
    if "$" in text or "%" in text:  # "Capital spending: approximately $4.5 billion" is a
        return False  # bullet stating a figure, not a heading over the lines below
    if _COUNT_FIRST.match(text):  # "60 to 65 new restaurant openings": a bullet's count
        return False
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and any(c.isalpha() for c in text)
        and (len(words) <= LABEL_MAX_WORDS or _title_case(words))
    )


def _heading_period(
    text: str, doc: tuple | None, published: date | None, fye_month: int
) -> tuple[int, int | None] | None:
    """The period a results heading names; "Full year highlights" under a fourth-quarter
    release is the release's year without its quarter."""
    if not _rx("results_heading").search(text):
        return None
    named = period_named(text, published, fye_month, doc[0] if doc else None)
    if named is None and doc and _rx("full_year").search(text):
        return (doc[0], None)
    return named


def _label(text: str) -> bool:
    """A label line over a list ("Full year highlights:", "Outlook:"): a results heading
    for the period it sets, though its colon keeps ``is_heading`` from calling it one."""
    return text.endswith(":") and len(text.split()) <= LABEL_MAX_WORDS and "$" not in text


# A number opening a line that is neither a year ("2026 Outlook") nor a section number
# ("1. Overview").
_COUNT_FIRST = re.compile(r"(?!(?:19|20)\d{2}\b)\d[\d,.]*(?![.)]\s)\b")


def _title_case(words: list[str]) -> bool:
    """Every word of four or more letters starts with a capital (or is not a word)."""
    return all(not w[:1].isalpha() or w[:1].isupper() for w in words if len(w) >= 4)


def is_boilerplate(text: str) -> bool:
    """Safe-harbour and disclaimer language, wherever it stands."""
    return bool(_rx("boilerplate_sentence").search(text))


def period_named(
    text: str, published: date | None, fye_month: int = 12, default_year: int | None = None
) -> tuple[int, int | None] | None:
    """The (fiscal year, quarter) a framing line or heading names, or None.

    Why: headings split quarter and year ("Fourth Quarter and Full Year 2025"), or give
    the quarter alone under a release that named the year once.
    """
    periods = find_periods(text, None, fye_month)
    for p in periods:
        if p.year is not None and p.quarter is not None:
            return p.year, p.quarter
    quarter = _quarter(text)
    years = [p.year for p in periods if p.year is not None]
    if quarter is None:
        return (years[0], None) if years else None
    if years:
        return years[0], quarter
    if default_year is not None:
        return default_year, quarter
    year = nearest_year(quarter, published, fye_month) if published else None
    return (year, quarter) if year else None


def _quarter(text: str) -> int | None:
    m = _rx("quarter_word").search(text)
    if not m:
        return None
    if m.group("qw"):
        return _QUARTERS[m.group("qw").lower()]
    return int(m.group("q") or m.group("qn"))


def framing_patterns() -> tuple[re.Pattern, ...]:
    """The framing-line patterns (for the sentence prefilter)."""
    return lexicon.patterns("sections", "framing")


def document_period(
    title: str | None,
    sentences: list[str],
    published: date | None,
    fye_month: int = 12,
    framing: set[int] | None = None,
) -> tuple[int, int | None] | None:
    """The period the document reports on: from its title, else its first framing line.

    ``framing`` (sentence indexes) limits the search to lines the prefilter let through.
    """
    lines = [title or ""] + [
        s for k, s in enumerate(sentences[:FRAMING_WINDOW]) if framing is None or k in framing
    ]
    for text in lines:
        if _rx("framing").search(text) and (found := period_named(text, published, fye_month)):
            return found
    return None


def sections(
    sentences: list[str],
    title: str | None = None,
    published: date | None = None,
    fye_month: int = 12,
    framing: set[int] | None = None,
    legal_check: set[int] | None = None,
) -> list[Section]:
    """One ``Section`` per sentence, in order.

    A results heading that names a period sets it for the lines below; any other heading
    falls back to the document's own period. A legal heading makes its section boilerplate.
    ``framing`` and ``legal_check`` (sentence indexes) limit the framing-line search and
    the sentence-level boilerplate test to the sentences where they can matter.
    """
    doc = document_period(title, sentences, published, fye_month, framing)
    current, legal, out = doc, False, []
    last = Section(*(doc or (None, None)))  # a Section is frozen: runs of sentences share one
    for k, text in enumerate(sentences):
        if is_heading(text):
            legal = bool(_rx("boilerplate_heading").search(text))
            current = _heading_period(text, doc, published, fye_month) or doc
        elif _label(text) and _rx("results_heading").search(text):
            current = _heading_period(text, doc, published, fye_month) or doc
        elif text.endswith(":") and (named := period_named(text, published, fye_month)):
            current = named  # "The Company expects the following for full year 2026:"
        year, quarter = current if current else (None, None)
        check = legal_check is None or k in legal_check
        boilerplate = legal or (check and is_boilerplate(text))
        if (year, quarter, boilerplate) != (last.year, last.quarter, last.boilerplate):
            last = Section(year, quarter, boilerplate)
        out.append(last)
    return out
