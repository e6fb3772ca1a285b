"""Capex figures in plain-text and markdown tables, where the unit sits in a header.

Notes and trackers lay figures out as rows and columns: "($ in billions)" above the table
or in a header cell, periods as column labels ("2024A", "2025 guide", "FY2026", "Q3'25"),
and either a metric per row ("Capital expenditures | 64.6 | 72.0") or, under a caption
about capex, a company per row ("Meta | 39.2 | 70-72 | 115"). A cell is a number, a range
("70-72") or an approximate figure ("~125"); the row line is the fact's sentence. A
column label says the kind: "A"/"actual" is actual, "E"/"est"/"consensus" an estimate,
"guide"/"outlook" guidance; without one, a past period is actual and a later one guidance.
A prior and a new column for one year ("2026 prior | 2026 guide") make one guidance fact
with its prior range, beside the table's other period columns; a table captioned as earlier
guidance ("Prior 2026 guidance") holds the prior ranges of the outlooks the text gives.
A legend over a table ("E = our estimate; Cons. = consensus") says what its labels mean.
Statement tables take each date or year column's span ("Three Months (13 Weeks) Ended"),
and an outlook table headed "Current | Prior (August 2026)" gives the prose figure its prior.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from extractors import lexicon
from extractors.capex import compare_ranges, mentions_capex
from extractors.periods import (
    MONTH_NAMES,
    closing_month,
    find_periods,
    fiscal_quarter,
    fiscal_year_of,
    fye_month_of,
    latest_quarter,
)

_ROW = re.compile(r"^\s*\|?(.+?)\|?\s*$")
_RULE = re.compile(r"^[\s|:+-]+$")
_LABEL_WRAP = re.compile(r"\s*\n\s*")  # a row label wrapped onto a second line
_SPLIT_PLAIN = re.compile(r"\t+|\s{2,}")
_LABEL_THEN_FIGURE = re.compile(
    r"([A-Za-z][^$|]*?[A-Za-z)])\s(\$\s?[\d,.]+(?:\s*(?:to|-|–)\s*\$\s?[\d,.]+)?)"
)
_CELL = re.compile(
    r"^\s*(?P<approx>~|approx\.?|about|c\.)?\s*\$?\s*(?P<lo>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|–|—|to)\s*\$?\s*(?P<hi>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?))?"
    r"\s*(?P<plus>\+)?\s*(?P<scale>[kKmMbB]|bn|mn)?"
    # a tracker's kind suffix ("210A", "320-350G", "420E") and a footnote mark ("(1)", "*")
    r"(?P<tag>[AEG](?![a-z]))?\s*(?:\(\d\)|\*+|\((?P<note>[A-Za-z][\w ,'.-]{0,24})\))?\s*$"
)
# a cell's own note on its kind ("~125 (guide)", "88 (actual, FY26)")
_NOTE_KIND = (
    ("guidance", re.compile(r"\b(?:guide|guided|guidance|outlook)\b", re.I)),
    ("actual", re.compile(r"\b(?:actual|reported)\b", re.I)),
    ("estimate", re.compile(r"\b(?:est\.?|estimates?|consensus|cons\.)", re.I)),
)
# what a cell's kind suffix stands for ("Cell suffix: A = reported, G = company guide")
_TAG_KIND = {"A": "actual", "E": "estimate", "G": "guidance"}
_PERIOD_LABEL = re.compile(r"\b(?:(?:19|20)\d{2}|FY\s?'?\d{2}|[1-4]Q|Q[1-4])", re.I)
_DATE = re.compile(
    rf"(?P<mon>{MONTH_NAMES})\.?\s*(?P<day>\d{{1,2}}),?\s*(?P<y>(?:19|20)\d{{2}})",
    re.I,
)
# A period-end date in figures, month first ("8/30/2026", "08/24/25").
_NUM_DATE = re.compile(
    r"(?P<mon>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)?\d{2})"
)
_YEAR_CELL = re.compile(r"\s*(?:FY\s?)?(?:19|20)\d{2}\s*")
_MONTHS = {
    m: k
    for k, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
CAPTION_LINES = 6  # a unit or caption this close above a table belongs to it
LABEL_WORDS = 8  # a section label inside a statement is at most this long


@dataclass
class Line:
    start: int
    text: str


def _rx(key: str) -> re.Pattern:
    return lexicon.pattern("tables", key)


def table_capex(
    text: str,
    published: date | None,
    subject: str | None,
    mentions: list[tuple[int, int, str]],
    fye_month: int = 12,
    unit: float | None = None,
    local: bool = False,
) -> list[dict]:
    """Capex facts (CapexFact fields) read from the tables in ``text``; ``unit`` is the one
    a filing states once for all its figures ("Dollar amounts are in millions"), for a
    table that states none of its own. ``local``: the text's bare "$" is another dollar
    (``components.local_currency``), so only tables headed in US dollars are read."""
    facts = [] if local else _vertical_capex(text, published, subject, mentions, fye_month)
    if "|" not in text and "\t" not in text and "  " not in text:
        return facts
    return facts + _grid_capex(text, published, subject, mentions, fye_month, unit, local)


def _grid_capex(
    text: str,
    published: date | None,
    subject: str | None,
    mentions: list[tuple[int, int, str]],
    fye_month: int,
    unit: float | None = None,
    local: bool = False,
) -> list[dict]:
    """Rows of cells split by bars, tabs or wide gaps."""
    lines = _wrapped_labels(_lines(text))
    facts, header, prev_last = [], None, -1
    for first, last in _blocks(lines):
        owner = subject
        above = [ln.text for ln in lines[max(0, first - CAPTION_LINES) : first]]
        block = lines[first : last + 1]
        caption = [ln for ln in above if ln.strip()][-1:]  # the line right above the table
        dollar_rows = local and not _US_DOLLARS.search(" ".join([*caption, block[0].text]))
        if dollar_rows and not any(_US_DOLLARS.search(ln.text) for ln in block[1:]):
            continue  # a table in the text's own currency
        if _scale(" ".join(above)) is None:
            above += _notes_below(lines, last)
        if first and (named := _company_names_line(lines[first - 1], block[0], text, mentions)):
            # "SK hynix   Samsung(1)   UMC" over "2024A   12.7   38.5   2.9": names are no
            # figures, so the head was not read as a row of the block
            first -= 1
            above, block = above[:-1], [lines[first], *block]
            mentions = [*mentions, *named]
        if first >= 2 and (head := _two_line_head(lines[first - 2], lines[first - 1])):
            block, above = [head, *block], above[:-2]  # "2026 Guidance" over "(Updated)"
        elif len(block) > 2 and (head := _two_line_head(block[0], block[1])):
            block = [head, *block[2:]]
        if header is None and (lone := _lone_head(lines, first, published, fye_month)):
            # a head line standing alone over a company's name line ("3Q26  3Q25  9M26" over
            # "American Well" and its indented rows): the head of the rows below
            header = (lines[lone], [ln.text for ln in lines[max(0, lone - CAPTION_LINES) : lone]])
            prev_last = lone
        if _column_header(block[0], published, fye_month, above):
            header = (block[0], above)
        elif header and _section_labels_only(gap := lines[prev_last + 1 : first]):
            # the lines between ("(In millions)" under the years) belong to the head too
            # (a row of the same table in the gap is no caption line: it would cut off the
            # table's own caption, unit line and all, from the rows below)
            labels = [ln.text for ln in gap if len(_cells(ln.text) or []) < 2]
            block, above = [header[0], *block], header[1] + labels
            # "American Well" over its own indented lines: the company of the rows below
            owner = _name_line_company(gap, mentions) or subject
        else:
            header = None
        prev_last = last
        if dollar_rows:  # "Capital expenditures (US$ millions, at C$1.38)" under the C$ row
            block = [block[0], *(ln for ln in block[1:] if _US_DOLLARS.search(ln.text))]
        found = _read_block(block, above, published, owner, mentions, fye_month, unit)
        facts += _marked_rows_shifted(found, _footnote_shift(lines, last))
    return facts


def _lone_head(lines: list[Line], first: int, published: date | None, fye_month: int) -> int:
    """The index of a column head two lines above a block's first row with a label line
    between, or 0 when there is none."""
    k = first - 2
    if k < 1 or _cells(lines[first - 1].text) or not lines[first - 1].text.strip():
        return 0
    return k if _column_header(lines[k], published, fye_month, []) else 0


def _name_line_company(gap: list[Line], mentions: list) -> str | None:
    """The company a line between a table's rows names and nothing else ("LifeMD")."""
    named = [ln for ln in gap if ln.text.strip()]
    if len(named) != 1:
        return None
    line = named[0]
    start = line.start + len(line.text) - len(line.text.lstrip())
    end = line.start + len(line.text.rstrip())
    inside = {t for s, e, t in mentions if s == start and e == end}
    return inside.pop() if len(inside) == 1 else None


# A footnote mapping a calendar-year head to the marked rows' own fiscal year: '*MSFT (June
# year): ... so "2024A" is FY25'
_HEAD_IS_FY = re.compile(
    r"[\"“]?(?P<col>(?:19|20)\d\d)[AE]?[\"”]?\s+(?:is|means|=)\s+(?:FY\s?|fiscal\s+)'?(?P<fy>\d{2}|\d{4})\b"
)
_MARKED_ROW = re.compile(r"^[|\s]*[^|]*?\*\s*(?:\||\s{2,}|\t)")


def _footnote_shift(lines: list[Line], last: int) -> int:
    """Years to add to the rows marked "*" when the note under the table that opens with
    "*" says which fiscal year a calendar-year head is for them; else 0.

    Why: a tracker of calendar-year heads lists June- and May-year companies too, and says
    in a footnote that their "2024A" is their fiscal 2025."""
    for ln in lines[last + 1 : last + 1 + NOTE_LINES]:
        # ("E = our estimates. *BIOX's fiscal year ends June 30: for BIOX, 2024A is FY25")
        marked = ln.text.find("*")
        if marked >= 0 and (m := _HEAD_IS_FY.search(ln.text, marked)):
            fy = int(m.group("fy"))
            fy = fy + 2000 if fy < 100 else fy
            return fy - int(m.group("col"))
    return 0


def _marked_rows_shifted(facts: list[dict], shift: int) -> list[dict]:
    if shift:
        for fact in facts:
            if fact["fiscal_year"] is not None and _MARKED_ROW.match(fact["sentence"]):
                fact["fiscal_year"] += shift
    return facts


_BRACKETED_WORDS = re.compile(r"\([A-Za-z][A-Za-z .-]*\)")
# A second head line's word for an outlook column, with the day it was given or not
# ("Outlook", "Current", "Prior (July 22, 2026)")
_SUB_HEAD = re.compile(
    r"(?:outlook|guidance|current|prior|previous|updated|new|revised|original|initial"
    r"|preliminary)(?:\s*\([^()]{1,30}\))?",
    re.I,
)
# ... or the day an outlook was given, under a head that names it ("2026 Previous" over
# "(July 30, 2026)"): it follows its head
_DAY_SUB_HEAD = re.compile(r"\([^()]{0,20}\d[^()]{0,20}\)")


def _two_line_head(top: Line, sub: Line) -> Line | None:
    """A head written on two lines, the second of bracketed words under each column ("2026
    Guidance   2026 Guidance" over "(Updated)   (Previous)"), as one line of heads
    ("(Updated) 2026 Guidance"), which no figure row separates from its table."""
    subs = [c for c in _SPLIT_PLAIN.split(sub.text.strip()) if c]
    tops = [c for c in _SPLIT_PLAIN.split(top.text.strip()) if c]
    unit = ""
    if len(subs) == len(tops) + 1 and _scale(subs[0]) is not None:
        # "($ in millions)   Outlook   Current   Prior (July 22, 2026)" under "Q4 2026
        # Full-Year 2026   Full-Year 2026": the unit heads the label column
        unit, subs = subs[0], subs[1:]
    if len(subs) < 2 or not all(
        _BRACKETED_WORDS.fullmatch(c) or _SUB_HEAD.fullmatch(c) or _DAY_SUB_HEAD.fullmatch(c)
        for c in subs
    ):
        return None
    if (
        len(tops) != len(subs)
        or _cells(top.text)
        and any(_figure_cell(c) and not _YEAR_CELL.fullmatch(c) for c in tops)
    ):
        return None  # (years head columns: "2026   2026 Previous   2027")
    heads = "   ".join(
        f"{t} {s}" if _DAY_SUB_HEAD.fullmatch(s) else f"{s} {t}"
        for s, t in zip(subs, tops, strict=True)
    )
    return Line(top.start, f"{unit}   {heads}")


def _column_header(line: Line, published: date | None, fye_month: int, above: list[str]) -> bool:
    cells = _heads(_cells(line.text) or [])
    return len(cells) >= 2 and all(_column(c, published, fye_month, above) for c in cells)


def _heads(cells: list[str]) -> list[str]:
    """A header row's column heads, without the label column's empty head."""
    return cells[1:] if cells and not cells[0] else cells


def _span(above: list[str]) -> str:
    """The span line over a statement's date columns ("Six Months Ended"), or ""."""
    for text in reversed(above):
        if m := _rx("span").search(text):
            return m.group(0)
    return ""


def _section_labels_only(gap: list[Line]) -> bool:
    """Why: a statement splits one table with labels ("INVESTING ACTIVITIES:"); the rows
    under them still belong to the period header at the top."""
    texts = [ln.text.strip() for ln in gap if ln.text.strip()]
    return 0 < len(texts) <= 4 and all(
        t.endswith(":") or _cells(t) or _label(t) or _unread_row(t) for t in texts
    )


def _unread_row(text: str) -> bool:
    """A row whose figures no cell pattern reads ("Net loss per share   $(1.40) to $(1.00)
    $(1.55) to $(0.95)"): another metric's row of the same table, not the end of it."""
    parts = [p for p in _SPLIT_PLAIN.split(text) if p]
    return len(parts) >= 3 and text[:1].isalpha() and all(re.search(r"\d", p) for p in parts[1:])


def _label(text: str) -> bool:
    """A section label inside a statement ("Cash flows from investing activities"): a few
    words, no figure, no full stop."""
    return len(text.split()) <= LABEL_WORDS and not re.search(r"\d|[.!?]$", text)


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append(Line(pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _wrapped_labels(lines: list[Line]) -> list[Line]:
    """Why: a statement wraps a long row label ("Consolidated purchases of property, plant,"
    then "  and equipment   $ 573.9   $ 689.2"); the row is both lines, and its label is
    the two halves joined."""
    out: list[Line] = []
    for line in lines:
        if out and _continues(out[-1].text, line.text):
            out[-1] = Line(out[-1].start, f"{out[-1].text}\n{line.text}")
        else:
            out.append(line)
    return out


def _continues(head: str, line: str) -> bool:
    """``line`` is the indented second half of the label on ``head``, with the row's
    figures: "  and equipment    (182.4)    (149.7)" under a label cut at a comma or a word."""
    if "\n" in head or not head.strip() or _maybe_row(head) or re.search(r"\d|[.:;!?]\s*$", head):
        return False
    indent = len(line) - len(line.lstrip())
    if indent <= len(head) - len(head.lstrip()) or not re.match(r"\s+[a-z(]", line):
        return False
    cells = _cells(line)
    return bool(cells) and any(_figure_cell(c) for c in cells[1:])


def _cells(line: str) -> list[str] | None:
    """The cells of a table row, or None when the line is not one."""
    if "\n" in line:  # only a row joined by ``_wrapped_labels``
        line = _LABEL_WRAP.sub(" ", line)
    if line.count("|") >= 2:
        m = _ROW.match(line)
        return _merge_marks([c.strip() for c in m.group(1).split("|")]) if m else None
    if line.count("|") == 1:
        return _two_values(line)
    if "\t" not in line and "  " not in line.strip():  # plain columns need a wide gap
        return None
    # a leading gap is an empty label cell, unless a statement indents its row label
    # ("  Purchases of property and equipment   (58,412)")
    parts = [p.strip() for p in _SPLIT_PLAIN.split(line.rstrip())]
    if len(parts) > 2 and not parts[0] and _indented_label(parts[1], parts[2:]):
        parts = parts[1:]
    if len(parts) >= 2 and (glued := _LABEL_THEN_FIGURE.fullmatch(parts[0])):
        # a long label that left one space before its first figure ("Depreciation,
        # depletion and amortization $640 to $660      $635 to $665")
        parts = [glued.group(1), glued.group(2), *parts[1:]]
    if len(parts) < 3:
        return None
    numbers = sum(bool(_figure_cell(p) or _PCT_CELL.match(p)) for p in parts[1:])
    if numbers:  # "$4.75 - $5.5 billion    not provided": a cell left empty in words
        numbers += sum(bool(_NO_FIGURE.fullmatch(p)) for p in parts[1:])
    periods = sum(bool(_PERIOD_LABEL.search(p) or _MONTH_YEAR_HEAD.match(p)) for p in parts[1:])
    bounds = sum(bool(_BOUND.fullmatch(p)) for p in parts[1:])
    # "Current    Prior (August 2026)": the head of an outlook table with no period column
    outlooks = sum(
        bool(
            _NEW_COLUMN.fullmatch(p)
            or _PRIOR_COLUMN.match(p)
            or _DATED_OUTLOOK.fullmatch(p)
            or _HEAD_SECOND_LINE.fullmatch(p)
        )
        for p in parts[1:]
    )
    # "AMZN    GOOGL    META", "MSFT (Jun)    ORCL (May)": the head of a table whose
    # columns are companies
    tickers = sum(bool(_TICKER_HEAD.fullmatch(p)) for p in parts[1:])
    relative = sum(_row_relative_head(p) is not None for p in parts[1:])
    # "Prior FY (A)    Current FY guide    Next FY cons.": a tracker's heads relative to
    # each row's own fiscal year
    relative += sum(bool(_RELATIVE_HEAD.search(p)) for p in parts[1:])
    most = max(numbers, periods, bounds, outlooks, tickers, relative)
    return _merge_marks(parts) if most >= 2 else None


_TICKER_HEAD = re.compile(r"[A-Z]{1,5}(?:\.[A-Z])?(?:\s*\([A-Z][a-z]{2}\))?")


def _indented_label(cell: str, rest: list[str]) -> bool:
    """A row label a statement indents under its section: words, not a figure or a
    period heading, before figures (a header's column names are words too)."""
    if not re.match(r"[A-Za-z]", cell) or _PERIOD_LABEL.search(cell):
        return False
    return any(_figure_cell(p) for p in rest)


def _figure_cell(cell: str) -> bool:
    """A money figure: "1,147", "(1,147)", "70-72", "~$1.25 billion"."""
    return bool(
        _CELL.match(_outflow(cell))
        or _MONEY_CELL.match(cell)
        or _LOCAL_THEN_DOLLARS.fullmatch(cell)
    )


# The second line of a two-line outlook header ("Current / Guidance Range", "Prior /
# Guidance Range"): it keeps the first line in the block as the table's head.
_HEAD_SECOND_LINE = re.compile(r"(?:guidance|outlook|guide|forecast)(?:\s+range)?|range", re.I)


# A percentage or a range of them ("4% - 5%"): not a capex figure, but it keeps an outlook
# table's rows ("Organic Sales Growth") in one block with its header.
_PCT = r"~?\s*[-+]?\d+(?:\.\d+)?\s*%"
_PCT_CELL = re.compile(rf"^\s*{_PCT}(?:\s*(?:-|–|—|to)\s*{_PCT})?\s*$")
# A cell that stands for no figure ("n/a", "n.g." (not given), "not provided", "—").
_NO_FIGURE = re.compile(
    r"n/?a|n\.a\.|nm|n\.m\.|n\.?g\.?|none|tbd|[-–—]|not\s+(?:provided|given|available|applicable|meaningful)",
    re.I,
)
# Header cells of an outlook given as a range per row ("Period | Low | High").
_BOUND = re.compile(r"(?:low|high)(?:[- ]end)?|min(?:imum)?|max(?:imum)?", re.I)


def _merge_marks(cells: list[str]) -> list[str]:
    """ "$ | (1,234 | )": filings render the dollar sign and the closing parenthesis in cells
    of their own; they belong to the figure beside them."""
    out: list[str] = []
    dollar = False
    for k, cell in enumerate(cells):
        if k and cell == "$":
            dollar = True
        elif k > 1 and cell in (")", "%", ")%") and out:
            out[-1] += cell
        else:
            out.append(("$" if dollar else "") + cell)
            dollar = False
    return out


def _two_values(line: str) -> list[str] | None:
    """ "Jul 27, 2025 | Jul 28, 2024": a single bar between two value columns (dates or
    figures) is a row whose label cell is empty; prose with one bar in it is not."""
    cells = [c.strip() for c in line.split("|")]
    if not all(cells) or not all(_CELL.match(_outflow(c)) or _date_cell(c) for c in cells):
        return None
    return cells


def _dated_header(text: str) -> bool:
    """A header line of period-end dates or years only ("2024 | 2023 | 2022"): it often
    stands alone above a section label ("Cash flows from operating activities")."""
    cells = _heads(_cells(text) or [])
    return bool(cells) and all(_date_cell(c) or _YEAR_CELL.fullmatch(c) for c in cells)


def _maybe_row(text: str) -> bool:
    """A cheap test before the cell split: a bar, a tab or a wide gap inside the line."""
    return "|" in text or "\t" in text or "  " in text.strip()


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) line indexes of runs of table rows.

    Two rows at least, but a statement's date header ("Jul 27, 2025 | Jul 28, 2024")
    often stands alone above a section label ("Cash flows from operating activities:").
    """
    out, start = [], None
    for k, line in enumerate([*lines, Line(-1, "")]):
        is_row = _maybe_row(line.text) and bool(
            _RULE.match(line.text)
            or _cells(line.text)
            or (start is not None and _one_figure_row(line.text))
        )
        if is_row and start is None:
            start = k
        elif not is_row and start is not None:
            if k - start >= 2 or _dated_header(lines[start].text):
                out.append((start, k - 1))
            start = None
    return out


_US_DOLLARS = re.compile(r"US\s?\$|\bUSD\b|U\.S\.\s?(?:\$|dollars)|\bUS dollars", re.I)


def _one_figure_row(text: str) -> bool:
    """A row inside a table that fills one column only ("Free cash flow      ~$2,650" in a
    Low/High outlook table): it keeps the table going, though it gives no fact itself."""
    if "\t" not in text and "  " not in text.strip():
        return False
    parts = [p for p in _SPLIT_PLAIN.split(text.strip()) if p]
    return len(parts) == 2 and bool(re.match(r"[A-Za-z]", parts[0])) and _figure_cell(parts[1])


def _read_block(
    block: list[Line],
    above: list[str],
    published: date | None,
    subject: str | None,
    mentions: list[tuple[int, int, str]],
    fye_month: int,
    unit: float | None = None,
) -> list[dict]:
    rows = [(ln, _cells(ln.text)) for ln in block if not _RULE.match(ln.text)]
    if rows and rows[0][1] is None:  # a head of names only (``_company_names_line``)
        head = rows[0][0]
        names = [c for c in _SPLIT_PLAIN.split(head.text.strip()) if c]
        if _capex_scale([], names[:1]) is not None:  # "Capex (US$ bn)" heads the labels
            above, names = [*above, names[0]], names[1:]
        rows[0] = (head, ["", *names])
        rows = [rows[0], *((ln, _unindented(cells, len(names) + 1)) for ln, cells in rows[1:])]
    rows = [(ln, cells) for ln, cells in rows if cells]
    if len(rows) < 2:
        return []
    (head_line, header), body = rows[0], rows[1:]
    body = [(ln, _split_glued_year(cells, header)) for ln, cells in body]
    header, body = _joined_bounds(header, body)
    if _BRACKETED_DOLLARS.search(" ".join([*above[-CAPTION_LINES:], head_line.text])):
        # "¥bn, US$m in brackets": "41.0 (273)" is read as its dollars
        body = [(ln, [_bracketed_dollars(c) for c in cells]) for ln, cells in body]
    elif _OTHER_IN_BRACKETS.search(" ".join([*above[-CAPTION_LINES:], head_line.text])):
        # "US$m; C$m in brackets": "2,551 (3,520)" is read as its dollars, before the bracket
        body = [(ln, [_BRACKETED_TAIL.sub("", c) for c in cells]) for ln, cells in body]
    doc = (published, subject, mentions, fye_month)
    if companies := _company_heads(head_line, header, mentions) or _ticker_row(body):
        return _companies_as_columns(companies, body, above, header, doc)
    if _earlier_outlooks(header, above):
        return _earlier_block(header, body, above, doc)
    if (relative := _relative_columns(header, above)) is not None:
        return _relative_block(header, body, above, *relative, doc)
    if (quarters := _quarter_columns(header)) is not None:
        return _quarters_block(header, body, above, *quarters, doc)
    if (relative := _row_relative_columns(header)) is not None:
        return _row_relative_block(header, body, above, relative, doc)
    revised, pair = [], _outlook_columns(header)
    if pair:  # the pair is one fact; other period columns ("2025A", "2027E") are read below
        revised = _revised_block(header, body, above, doc)
    elif len(header) >= 3 and all(_BOUND.fullmatch(c) for c in header[-2:]):
        return _bounds_block(header, body, above, doc)
    columns = [_column(cell, published, fye_month, above) for cell in header]
    months = _month_columns(header, columns)
    columns = [
        _calendar_quarter(months[k], fye_month) if k in months else c for k, c in enumerate(columns)
    ]
    if pair:
        columns = [None if k in pair else c for k, c in enumerate(columns)]
    else:  # a prior outlook column without the new one ("2026 prior") is no fact either
        columns = [None if _prior_outlook(h) else c for h, c in zip(header, columns, strict=True)]
    columns = _corner_period(header, columns, published, fye_month, above)
    columns = [
        None if _rx("other_currency_head").search(h) else c
        for h, c in zip(header, columns, strict=True)
    ]
    shifted = all(len(c) == len(header) + 1 for _, c in body)
    heads = header
    if not pair and columns and columns[0] is not None and shifted:
        columns = [None, *columns]  # a header of periods only: rows carry a label before them
        heads = ["", *header]
    columns = _spanned(_dated_spans(header, columns, above, fye_month), above, fye_month, published)
    if not any(columns[1:]):
        return revised
    above = _own_caption(above)
    context = " ".join([*above, " ".join(header)])
    # the caption's unit before the head's, where one column names its own ("US$ millions
    # unless noted" over "| ... | Backlog (US$ bn) |"); a row label may give its own too
    scale = _scale(" ".join(above)) or _scale(" ".join(header)) or unit
    if scale is None and not any(_scale(_named(cells)) for _, cells in body):
        return revised
    if _point_in_time(above):
        return revised
    capex_table = mentions_capex(context)
    facts, above_company = revised, None
    dollar_lines = _has_dollar_unit_line(body)
    for line, cells in body:
        company = above_company = _row_owner(line, cells, header, mentions, above_company)
        if dollar_lines and _local_unit_line(cells):
            continue
        cells, metric = _company_and_metric(cells, header, columns)
        label = cells[0]
        named = _named(cells)
        if _rx("not_spent_row").search(named):
            continue
        if mentions_capex(named) or (capex_table and _rx("total_row").match(label)):
            company = company or subject
        elif metric or not (capex_table and company) or _rx("other_metric").search(named):
            continue
        row_scale = _scale(named) or scale
        if row_scale is None:
            continue
        january = bool(_JANUARY_ROW.search(label))
        own = _row_year(cells, heads, columns, (published, fye_month))
        row_fye = _row_fye(cells, company, subject, fye_month)
        for k, cell in enumerate(cells[1:], start=1):
            if k >= len(columns) or columns[k] is None:
                continue
            if _YEAR_CELL.fullmatch(cell) and k < len(heads) and _ASKS_YEAR.search(heads[k]):
                continue  # "| Dole (DOLE, Dec) | 2026 | ..." under "Guide FY": the row's year
            if k < len(heads) and _YEAR_AGO_QUARTER_HEAD.match(heads[k]):
                continue  # read with the latest quarter's (``_latest_quarter_cells``)
            column = _january_year(columns[k], header[k]) if january else columns[k]
            if k in months:  # "Mar-26": the quarter ending then in the row's own year
                column = _calendar_quarter(months[k], row_fye)
            if k < len(heads) and _header_year(heads[k]) is None and published is not None:
                column = _row_relative(column, heads[k], own, row_fye, (published, fye_month))
            if noted := _NOTED_SPAN.fullmatch(cell):  # "103.3 (39 wks)", "1.6 (1Q)"
                cell, quarter = noted.group("figure"), noted.group("q") or noted.group("q2")
                column = (column[0], int(quarter) if quarter else None, column[2])
            if fact := _fact(cell, row_scale, column, company, (published, fye_month), line):
                facts.append(fact)
                _changed(fact, heads, cells)
        if not pair and company:  # (an outlook pair's block reads this column itself)
            row = (row_scale, company, (published, fye_month), line)
            facts += _latest_quarter_cells(heads, cells, row, row_fye)
    return facts


def _unit_of(cells: list[str]) -> str | None:
    """The currency unit a row's second cell gives ("US$m", "€m", "C$m"), if it is one."""
    unit = cells[1].strip() if len(cells) > 1 else ""
    return unit if _UNIT_CELL.fullmatch(unit) else None


def _has_dollar_unit_line(body: list) -> bool:
    """Whether some row gives its figures in a US$ unit cell ("| | US$m | 2,610 | ...")."""
    return any((unit := _unit_of(cells)) and unit.startswith("US") for _, cells in body)


def _local_unit_line(cells: list[str]) -> bool:
    """A row whose unit cell names another currency ("| Ryanair (RYAAY) | €m | 2,250 | ...")
    in a table that gives a US$ line too (``_has_dollar_unit_line``): the dollar line is the
    figure, the local one is not."""
    unit = _unit_of(cells)
    return bool(unit) and not unit.startswith(("US", "$"))


_UNIT_CELL = re.compile(
    r"(?:US\$|USD|\$|C\$|A\$|NZ\$|HK\$|S\$|NT\$|R\$|€|£|¥|₩|₹|EUR|GBP|JPY|SEK|NOK|DKK|CHF"
    r"|CAD|AUD|INR|KRW|RMB|CNY|MXN|BRL)\s?(?:m|mn|bn|b|k|000s?|millions?|billions?)?"
)


def _row_owner(
    line: Line, cells: list[str], header: list[str], mentions: list, above: str | None
) -> str | None:
    """The company of a row: its label's, or, for a row with no label that opens with a unit
    ("| | US$m | 877 | ..." under "| Cenovus (CVE) | C$m | ..."), the row above's."""
    if not cells[0].strip() and _text_cell(cells[1:2]):
        return above
    return _row_company(line, cells[0], mentions) or _ticker_cell(header, cells[0])


def _named(cells: list[str]) -> str:
    """A row's label with the unit or name cell after it ("| Cenovus (CVE) | C$m | ...")."""
    return f"{cells[0]} {cells[1]}" if _text_cell(cells[1:2]) else cells[0]


def _joined_bounds(header: list[str], body: list) -> tuple[list[str], list]:
    """A range's ends in two columns ("FY guide low | FY guide high") read as one column of
    ranges ("FY guide": "170-190"), which is how the rest of a table's columns give them.
    A table ending in bare "Low | High" columns is read by ``_bounds_block`` instead."""
    for k in range(len(header) - 1):
        low, high = _HEAD_LOW.fullmatch(header[k]), _HEAD_HIGH.fullmatch(header[k + 1])
        if low and high and low.group(1).strip().lower() == high.group(1).strip().lower():
            if not low.group(1).strip():
                continue
            joined = []
            for line, cells in body:
                if len(cells) == len(header):
                    cells = [*cells[:k], _range_of(cells[k], cells[k + 1]), *cells[k + 2 :]]
                joined.append((line, cells))
            return [*header[:k], low.group(1).strip(), *header[k + 2 :]], joined
    return header, body


def _range_of(low: str, high: str) -> str:
    if not _figure_cell(low) or low.strip() == high.strip():
        return high if _figure_cell(high) else low
    return f"{low.strip()}-{high.strip()}" if _figure_cell(high) else low


_HEAD_LOW = re.compile(r"(.*?)[\s,(]*\b(?:low|lo|min)\b\)?\s*", re.I)
_HEAD_HIGH = re.compile(r"(.*?)[\s,(]*\b(?:high|hi|max)\b\)?\s*", re.I)


# A tracker's column saying how each row's outlook moved ("Change": "Raised", "Held", "New")
_CHANGE_HEAD = re.compile(r"^\s*(?:change|revision|move|vs\.? prior)\s*$", re.I)
_CHANGE_WORDS = {
    "raised": "raised", "increased": "raised", "lifted": "raised", "up": "raised",
    "lowered": "lowered", "cut": "lowered", "reduced": "lowered", "down": "lowered",
    "trimmed": "lowered", "narrowed": "narrowed", "widened": "widened",
    "held": "reaffirmed", "kept": "reaffirmed", "maintained": "reaffirmed",
    "reaffirmed": "reaffirmed", "reiterated": "reaffirmed", "unchanged": "reaffirmed",
}  # fmt: skip


def _changed(fact: dict, heads: list[str], cells: list[str]) -> None:
    """An outlook cell's revision from its row's "Change" cell; a held outlook is its own
    prior."""
    if fact["kind"] != "guidance" or fact["revision"] is not None:
        return
    for k, head in enumerate(heads):
        if k < len(cells) and _CHANGE_HEAD.match(head):
            revision = _CHANGE_WORDS.get(cells[k].strip().lower())
            if revision:
                fact["revision"] = revision
            if revision == "reaffirmed" and fact["prior_high_usd"] is None:
                fact["prior_low_usd"], fact["prior_high_usd"] = fact["low_usd"], fact["high_usd"]
            return


# A table whose caption says its dollar figures are the bracketed ones ("(¥bn, US$m in
# brackets)", "€ m (US$ m in brackets, my conversions)")
# ("C$ m (US$ m)": the unit of the bracketed figures written in brackets)
_BRACKETED_DOLLARS = re.compile(
    r"US\$\s?(?:m|mn|bn|million|billion)\s+(?:figures\s+)?(?:at\s+\S+\s+)?in\s+"
    r"(?:brackets|parenthes[ei]s)"
    r"|\S\s?(?:m|mn|bn)\s+\(US\$\s?(?:m|mn|bn)\)",
    re.I,
)
# a caption in US dollars that gives another currency in brackets ("US$m; C$m in brackets")
_OTHER_IN_BRACKETS = re.compile(
    r"US\$\s?(?:m|mn|bn|million|billion)\b[;,]?\s*(?:with\s+)?(?!US\$)(?:[A-Z]{1,2}\$|€|£|¥"
    r"|[A-Z]{3}\b)\s?(?:m|mn|bn|million|billion)?\s+in\s+(?:brackets|parenthes[ei]s)",
    re.I,
)
_BRACKETED_TAIL = re.compile(r"\s+\([\d,.]+(?:\s*[-–]\s*[\d,.]+)?\)\s*$")
_FIGURES = r"[\d,.]+(?:\s*[-–]\s*[\d,.]+)?"
_LOCAL_THEN_DOLLARS = re.compile(
    rf"\s*(?P<a1>~)?\s*-?{_FIGURES}\s*\(\s*(?P<a2>~)?\s*(?P<usd>-?{_FIGURES})\s*\)\s*"
)


def _bracketed_dollars(cell: str) -> str:
    """ "~165 (191)" in a table of local-currency figures with dollars in brackets: "~191"."""
    if not (m := _LOCAL_THEN_DOLLARS.fullmatch(cell)):
        return cell
    return ("~" if m.group("a1") or m.group("a2") else "") + m.group("usd")


# A head that asks for a year ("Guide FY", "Fiscal year"): its cells are no figures
_ASKS_YEAR = re.compile(r"\bFY\b|\byear\b", re.I)


# A row label run together with the year cell after it by a single space ("Crawford
# United (CRAWA, Dec) FY26  1.6A ...")
_GLUED_YEAR = re.compile(r"(?P<label>.*\S)\s(?P<year>(?:FY\s?)?'?(?:19|20)?\d{2})")


def _split_glued_year(cells: list[str], header: list[str]) -> list[str]:
    """A row one cell short of its head whose label ends with the year a year column asks
    for: the two cells, apart."""
    if len(cells) != len(header) - 1 or len(header) < 3 or not _ASKS_YEAR.search(header[1]):
        return cells
    if not (m := _GLUED_YEAR.fullmatch(cells[0])) or _figure_cell(m.group("label")):
        return cells
    return [m.group("label"), m.group("year"), *cells[1:]]


def _text_cell(cells: list[str]) -> bool:
    return bool(cells) and bool(re.match(r"[A-Za-z]", cells[0])) and not _figure_cell(cells[0])


# A metric's name in a label cell: words, one of them in lower case ("Net capex", "Share
# repurchases"), and no month (a fiscal year-end column)
_METRIC_CELL = re.compile(
    r"(?!.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$)"
    r"(?=.*[a-z]{3})[A-Za-z][\w&.,'() /-]*"
)


def _company_and_metric(
    cells: list[str], header: list[str], columns: list
) -> tuple[list[str], str]:
    """A row's cells and the metric a second label cell names, "" when there is none: "|
    HRI | Net capex | 1,017 |" under a head with a label column for each, or a plain-text
    row with one label cell more than its head ("LAD  Capex   512" under "   2025A"),
    whose two label cells become one."""
    if not _text_cell(cells[1:2]):
        return cells, ""
    if len(cells) == len(header) + 1 and not header[0]:
        return [f"{cells[0]} {cells[1]}", *cells[2:]], cells[1]
    if columns[1:2] == [None] and _METRIC_CELL.fullmatch(cells[1]):
        return cells, cells[1]  # (not "| Alphabet | GOOGL | 52.5 |", "| Oracle | May |")
    return cells, ""


# A row of a company whose fiscal year ends in January ("DY (Jan)"), in a table of
# calendar-year columns
_JANUARY_ROW = re.compile(r"\((?:FY\s*)?Jan(?:\s*FY)?\)\s*$")
_CALENDAR_HEAD = re.compile(r"(?<![\w'’])(?:19|20)\d{2}(?!\d)")


def _january_year(column: tuple, head: str) -> tuple:
    """The fiscal year of a calendar-year column for a January year-end: a year ending in
    January 2027 is mostly calendar 2026, and companies name it fiscal 2027."""
    year, quarter, kind = column
    if year is None or quarter is not None or not _CALENDAR_HEAD.search(head) or "FY" in head:
        return column
    return (year + 1, quarter, kind)


NOTE_LINES = 5  # lines under a table that can hold its unit and notes


def _notes_below(lines: list[Line], last: int) -> list[str]:
    """The notes under a table when they open with its unit ("US$ millions. A = reported;
    E = our estimates." and footnotes): a note puts there what a caption puts above."""
    below = [ln.text for ln in lines[last + 1 : last + 1 + NOTE_LINES] if ln.text.strip()]
    return below if below and _scale(below[0]) is not None and not _cells(below[0]) else []


def _unindented(cells: list[str] | None, size: int) -> list[str] | None:
    """A row's cells without the empty cell its indent made ("  2025A   2.1   1.5"), when
    that is one cell more than the head has."""
    if cells and len(cells) == size + 1 and not cells[0]:
        return cells[1:]
    return cells


def _company_names_line(line: Line, row: Line, text: str, mentions: list) -> list:
    """The mentions of a line of company names, one over each figure column of the row
    below it ("SK hynix   Samsung(1)   UMC   ASE(2)"); empty when it is not one. A name the
    gazetteer does not know counts when the text named the company so before ("UMC (UMC)",
    "ASE Technology (ASX)")."""
    cells = [c for c in _SPLIT_PLAIN.split(line.text.strip()) if c]
    below = _cells(row.text) or []
    if below and not below[0]:  # an indented row: its label is the first cell
        below = below[1:]
    if len(cells) == len(below) and _capex_scale([], cells[:1]) is not None:
        cells = cells[1:]  # "Capex (US$ bn)   Southwest   Alaska": the caption heads the labels
    if len(cells) < 2 or len(below) != len(cells) + 1 or "|" in line.text:
        return []
    known = _names_before_tickers(text, mentions)
    out = []
    for cell, (start, end) in zip(cells, _cell_spans(line, cells), strict=True):
        named = {t for s, _e, t in mentions if start <= s < end}
        name = _FOOTNOTE.sub("", cell).strip()
        ticker = named.pop() if len(named) == 1 else known.get(name)
        if ticker is None:
            return []
        out.append((start, end, ticker))
    return out


def _cell_spans(line: Line, cells: list[str]) -> list[tuple[int, int]]:
    """(start, end) in the text of each cell, found left to right on its line; (-1, -1)
    for a cell not found (a cell that ``_cells`` rewrote)."""
    out, cursor = [], 0
    for cell in cells:
        at = line.text.find(cell, cursor)
        if at < 0:
            out.append((-1, -1))
            continue
        cursor = at + len(cell)
        out.append((line.start + at, line.start + at + len(cell)))
    return out


def _names_before_tickers(text: str, mentions: list) -> dict[str, str]:
    """Names written before a bracketed ticker ("ASE Technology (ASX)"), whole and by their
    first word, and the names the gazetteer found, each with its ticker."""
    out = {text[s:e]: t for s, e, t in mentions}
    for s, e, t in mentions:  # "ASE(2)" over a column of ASE Technology's figures
        out.setdefault(text[s:e].split()[0], t)
    for s, _e, t in mentions:
        if s >= 2 and text[s - 1] == "(":
            before = re.split(r"[\n;:]|\.\s", text[max(0, s - 40) : s - 1])[-1]
            words = before.split()[-3:]
            while words and not words[0][:1].isupper():
                words = words[1:]
            if words:
                out.setdefault(" ".join(words), t)
                out.setdefault(words[0], t)
    return out


def _company_heads(line: Line, header: list[str], mentions: list) -> list[str] | None:
    """The company of each header cell when every cell names one ("AMZN  GOOGL  META",
    "MSFT (Jun)  ORCL (May)"): a table whose columns are companies and rows periods."""
    if header and (not header[0] or _scale(header[0])):  # the cell over the row labels,
        header = header[1:]  # empty or giving the unit ("($ in millions) | SIBN | PRCT |")
    if len(header) < 2:
        return None
    out = []
    for start, end in _cell_spans(line, header):
        if start < 0:
            return None
        named = {t for s, _e, t in mentions if start <= s < end}
        if len(named) != 1:
            return None
        out.append(named.pop())
    return out


def _ticker_row(body: list) -> list[str] | None:
    """The tickers a "| Ticker | AMT | CCI | VTR |" row gives columns headed by names the
    gazetteer may not read alone ("Alexandria", "Ventas"): the note says whose they are."""
    for _line, cells in body[:2]:
        if _TICKER_LABEL.fullmatch(cells[0].strip()) and len(cells) >= 3:
            tickers = [c.strip() for c in cells[1:]]
            if all(_TICKER_CELL.fullmatch(t) for t in tickers):
                return tickers
    return None


_TICKER_LABEL = re.compile(r"(?i)tickers?|symbols?")
_TICKER_CELL = re.compile(r"[A-Z]{1,5}(?:\.[A-Z])?")


def _companies_as_columns(
    companies: list[str], body: list, above: list[str], header: list[str], doc: tuple
) -> list[dict]:
    """Facts of a table with a company per column and a period per row ("2025A",
    "2026 guide", "FY27E", "2027E cons."), under a caption that names capex and its unit."""
    published, _subject, _mentions, _fye = doc
    if (scale := _capex_scale(above, header)) is None:
        return []
    facts, priors = [], {}
    for line, cells in body:
        values, label = cells[1:], cells[0]
        if len(values) != len(companies):
            continue
        if not mentions_capex(label) and _rx("other_metric").search(label):
            continue  # "Revenue, 3Q26": a metric row of a table whose other rows are capex
        # "FY26 capex guide, prior": the earlier outlook of the row of the same period
        superseded = _SUPERSEDED.search(label) or _PRIOR_GUIDE_ROW.match(label)
        label = label[: superseded.start()] if superseded else label
        for company, cell in zip(companies, values, strict=True):
            fye = fye_month_of(company)
            column = (
                _latest_row(label, published, fye)
                or _column(label, published, fye, above)
                or _relative_row(label, published, fye, above)
            )
            if column is None:
                break  # a row that is no period (a footnote, a total) has no facts
            if fact := _fact(cell, scale, column, company, (published, fye), line):
                if superseded:
                    priors[(company, column[:2])] = fact
                else:
                    facts.append(fact)
    for fact in facts:
        if fact["kind"] == "guidance" and (
            earlier := priors.get((fact["company"], (fact["fiscal_year"], fact["fiscal_quarter"])))
        ):
            _with_prior(fact, earlier)
    return facts


def _relative_row(label: str, published: date | None, fye: int, above: list[str]) -> tuple | None:
    """A row of each company's year named relative to the one under way ("Last FY (A)",
    "Current FY guide", "Next FY (cons.)"), in that company's calendar; an empty label is
    the current year's guide whose earlier outlook a "Prior guide" row gives."""
    if published is None:
        return None
    current = fiscal_year_of(published.year, published.month, fye)
    if not label.strip():  # what is left of "Prior guide" (``_PRIOR_GUIDE_ROW``)
        return (current, None, "guidance")
    if not (m := _RELATIVE_HEAD.match(label.strip())):
        return None  # (not "Advertising, last FY": another metric's row)
    shift = _SHIFT[m.group("which").lower()]
    kind = _legend_kind(label, above) or _kind_of(label) or ("actual" if shift < 0 else "guidance")
    return (current + shift, None, kind)


# "Prior guide", "Previous outlook": the earlier outlook of the row of the current year's guide
_PRIOR_GUIDE_ROW = re.compile(r"^\s*(?:prior|previous|old)\s+(?:guide|guidance|outlook)\s*$", re.I)


def _latest_row(label: str, published: date | None, fye: int) -> tuple | None:
    """A row of each company's last reported quarter ("Latest qtr capex (A)"), or of the
    same quarter a year before, in the company's own calendar."""
    latest = _LATEST_QUARTER_HEAD.match(label) or _YEAR_AGO_QUARTER_HEAD.match(label)
    if latest is None or published is None:
        return None
    year, quarter = latest_quarter(published, fye)
    return (year - (latest.re is _YEAR_AGO_QUARTER_HEAD), quarter, "actual")


def _with_prior(fact: dict, earlier: dict) -> None:
    """The earlier outlook's range as the fact's prior, and the revision the two show."""
    if None in (fact["low_usd"], fact["high_usd"]):
        return
    fact["prior_low_usd"], fact["prior_high_usd"] = earlier["low_usd"], earlier["high_usd"]
    if None not in (earlier["low_usd"], earlier["high_usd"]):
        fact["revision"] = compare_ranges(
            fact["low_usd"], fact["high_usd"], earlier["low_usd"], earlier["high_usd"]
        )


def _own_caption(above: list[str]) -> list[str]:
    """The lines above a table after the last row of the table before it: a capex table
    just above does not make the next table ("Revenue ($ in millions)") about capex."""
    rows = [k for k, text in enumerate(above) if len(_cells(text) or []) >= 2]
    return above[rows[-1] + 1 :] if rows else above


# Header cells of an outlook table that sets the new outlook beside the earlier one
# ("| | Current Outlook | Prior Outlook |").
# "2026 Prior", "FY3/27 plan (prior)" (the year ending in March 2027)
_COLUMN_YEAR = r"^(?:(?:FY|fiscal\s+|full[- ]year\s+)?'?(?:\d{1,2}/)?(?:19|20)?\d{2}\s+)?"
_YEAR_AFTER = r"(?:\s+(?:FY|fiscal\s+)?'?(?:19|20)?\d{2}\b)?"  # "Prior 2026"
_WHICH = r"(?:\s+(?:outlook|guidance|guide)(?:\s+range)?|\s+range)?"  # "Revised Guidance Range"
# "FY guide, prior ($m)", "Guidance (prior)": the outlook named first
_WHICH_FIRST = r"(?:(?:FY\s+)?(?:capex\s+)?(?:outlook|guidance|guide|range|plan|budget),?\s+)?"
_PRIOR_COLUMN = re.compile(
    _COLUMN_YEAR
    + _WHICH_FIRST
    + r"\(?(?:prior|previous|prev|original|initial|old|earlier"
    + r"|first(?=\s+(?:capex\s+)?(?:outlook|guidance|guide|range|plan|budget)\b))\b\.?\)?"
    + _YEAR_AFTER
    + _WHICH,
    re.I,
)
_NEW_COLUMN = re.compile(
    _COLUMN_YEAR
    + _WHICH_FIRST
    + r"\(?(?:current|curr|updated|new|revised|latest|raised|lowered|reaffirmed)\b\.?\)?"
    + _YEAR_AFTER
    + _WHICH,
    re.I,
)
_HEADER_YEAR = re.compile(
    r"(?:\b(?:19|20)|\bFY\s?'?(?:\d{1,2}/(?:20)?)?|')(\d{2})(?:[AEF]|\b)", re.I
)


def _header_year(cell: str) -> str | None:
    """The two last digits of the year a header cell names ("2026 prior", "FY26E"), if any."""
    m = _HEADER_YEAR.search(cell)
    return m.group(1) if m else None


def _prior_outlook(cell: str) -> bool:
    """A header cell of an earlier outlook ("2026 prior", "Prior guide"), not of an earlier
    period's figures ("Prior year")."""
    cell = cell.strip()
    return bool(_PRIOR_COLUMN.match(cell)) and bool(_header_year(cell) or _OUTLOOK.search(cell))


def _outlook_columns(header: list[str]) -> tuple[int, int] | None:
    """(new, prior) column indexes of a header naming both, else None.

    Why: beside a "Prior" column, the one other outlook column is the new view even when
    its label does not say "current" ("| Company | 2026 capex guide | Prior |"), and beside
    a prior column for a year, the one other column of that year is the new view
    ("| 2025A | 2026 prior | 2026 | 2027E |"). Columns of other years are periods of their
    own ("| 2026 prior guide | 2026 guide | 2027 guide |").
    """
    prior = [k for k, c in enumerate(header) if k and _PRIOR_COLUMN.match(c.strip())]
    if not prior:
        return _dated_outlooks(header)
    if len(prior) != 1:
        return None
    year = _header_year(header[prior[0]])
    others = [
        k
        for k, c in enumerate(header)
        if k and k != prior[0] and (year is None or _header_year(c) in (None, year))
    ]
    tests = (  # not "Latest qtr A": a column of actuals
        lambda c: bool(_NEW_COLUMN.match(c.strip())) and not _NO_OUTLOOK_HEAD.search(c),
        lambda c: bool(_OUTLOOK.search(c)),
        lambda c: year is not None and _header_year(c) == year,
    )
    for test in tests:
        new = [k for k in others if test(header[k])]
        if len(new) > 1:  # "Current guide" beside "Updated" (the day a row last changed)
            new = [k for k in new if not _UPDATED.fullmatch(header[k].strip())]
        if new:
            return (new[0], prior[0]) if len(new) == 1 else None
    return None


_OUTLOOK = re.compile(r"\b(?:guide|guidance|outlook|forecast|plan|budget)\b", re.I)
_NO_OUTLOOK_HEAD = re.compile(r"\bq(?:ua)?r?t(?:e)?r?\b|\bactuals?\b", re.I)
_UPDATED = re.compile(r"(?:last\s+)?updated?(?:\s+on)?", re.I)
# An outlook column headed by the day it was given ("Oct. 23 Guidance", "July 24 Outlook").
_DATED_OUTLOOK = re.compile(
    rf"(?:as of\s+)?(?P<mon>{MONTH_NAMES})\.?\s+"
    r"(?P<day>\d{1,2})(?:,?\s+(?:19|20)\d{2})?\s+(?:guidance|outlook|guide|forecast)",
    re.I,
)


def _dated_outlooks(header: list[str]) -> tuple[int, int] | None:
    """(new, prior) of two outlook columns headed by the days they were given: the later
    day's is the new view ("| | Oct. 23 Guidance | July 24 Guidance |")."""
    dated = []
    for k, cell in enumerate(header):
        if k and (m := _DATED_OUTLOOK.fullmatch(cell.strip())):
            dated.append(((_MONTHS[m.group("mon")[:3].lower()], int(m.group("day"))), k))
    if len(dated) != 2 or dated[0][0] == dated[1][0]:
        return None
    (_, earlier), (_, later) = sorted(dated)
    return later, earlier


def _revised_block(header: list[str], body: list, above: list[str], doc: tuple) -> list[dict]:
    """A capex row of a new-versus-prior outlook table: one guidance fact, its prior range
    and revision from the other column, for the period of the caption ("Fiscal 2025
    Outlook"). The prior column is not a fact of its own."""
    published, subject, mentions, fye_month = doc
    new, prior = _outlook_columns(header)
    above = _own_caption(above)
    # "| | 2026 Prior | 2026 Current |": the year in the header is the column's own; the
    # caption's ("Fiscal 2025 Outlook") serves when the header names none
    named = find_periods(header[new], published, fye_month) if published else []
    caption = {(p.year, p.quarter) for p in named if p.year}
    if len(caption) != 1:
        caption = _caption_period(above, published, fye_month)
        if any(q for _y, q in caption) and not _quarterly_outlook(above, published, fye_month):
            # "we show the latest quarter's land spend": a period the prose names for
            # another column; an outlook is a year's unless called the quarter's
            caption = set()
    year, quarter = caption.pop() if len(caption) == 1 else (None, None)
    # "2026E" beside "2026 prior" is an estimate revised, any other new column guidance
    label = _column(header[new], published, fye_month) if published else None
    kind = "estimate" if label and label[2] == "estimate" else "guidance"
    # the cells of other period columns ("2025A", "2027E") name no period of the row
    # (a head with no year of its own, "FY (end)", "Our FY est.", names the row's year or
    # holds figures, which name none)
    periods = {
        k
        for k, c in enumerate(header)
        if k and _header_year(c) and _column(c, published, fye_month)
    }
    # a tracker of several companies' capex outlooks: rows are companies, the caption names
    # capex and its unit ("Capex guidance changes ($bn)"), a cell may give each row's year
    tracker = mentions_capex(" ".join(above)) or mentions_capex(header[new])
    scale = _scale(" ".join([*above, " ".join(header)])) or 1.0  # the table's unit line
    facts, above_company = [], None
    dollar_lines = _has_dollar_unit_line(body)
    for line, cells in body:
        if len(cells) <= max(new, prior):
            continue
        company = above_company = _row_owner(line, cells, header, mentions, above_company)
        if dollar_lines and _local_unit_line(cells):
            continue
        if not mentions_capex(cells[0]) and not (tracker and company):
            continue
        if not mentions_capex(cells[0]) and _rx("other_metric").search(cells[0]):
            continue  # "Net income attributable to Deere & Company": another metric
        company = company or subject
        when = (published, fye_month)
        row_caption = (year, quarter)
        row_fye = _row_fye(cells, company, subject, fye_month)
        if row_fye != fye_month and published and not _header_year(header[new]):
            # "| APPF | Dec | 32-34 | 38-40 |" under "FY guide": that company's year
            row_caption = (_column(header[new], published, row_fye) or row_caption)[:2]
        row_year, row_quarter = _row_period(cells, {new, prior} | periods, row_caption, when)
        if _YEARS_OUTLOOK.search(header[new]):
            row_quarter = None  # "| 2Q FY27 | ... |" under "FY guide (now)": that quarter's year
        if row_year is None and tracker and published and company:
            # a tracker's "Current guide" with no year anywhere: each company's year under way
            row_year = fiscal_year_of(published.year, published.month, row_fye)
        column = (row_year, row_quarter, kind)
        new_cell, prior_cell = _money_cell(cells[new]), _money_cell(cells[prior])
        # "Capital expenditures ($ in billions)   $1.15 - $1.25": the row's own unit
        row_scale = _scale(cells[0]) or scale
        new_scale = 1.0 if _HAS_UNIT.search(cells[new]) else row_scale
        prior_scale = 1.0 if _HAS_UNIT.search(cells[prior]) else row_scale
        fact = _fact(new_cell, new_scale, column, company, when, line)
        earlier = _fact(prior_cell, prior_scale, column, None, when, line)
        if fact is None:
            continue
        if earlier is not None:
            _with_prior(fact, earlier)
        facts.append(fact)
        facts += _latest_quarter_cells(header, cells, (row_scale, company, when, line), row_fye)
    return facts


# an outlook column headed as the year's ("FY guide (now)", "Full-year outlook")
_YEARS_OUTLOOK = re.compile(r"\bFY\b|\bfull[- ]year\b|\bfiscal year\b|\bannual\b", re.I)
# A tracker's column of each company's last reported quarter ("Latest qtr A", "Last quarter")
_LATEST_QUARTER_HEAD = re.compile(
    r"^\s*(?:latest|last|most recent)\s+(?:qtr|quarter)(?:'s)?(?:\s+capex)?\b(?:\s*\(?A\)?)?\s*$",
    re.I,
)
# ... and of the same quarter a year before ("Year-ago qtr A")
_YEAR_AGO_QUARTER_HEAD = re.compile(
    r"^\s*(?:year[- ]ago|yr[- ]ago|prior[- ]year)\s+(?:qtr|quarter)(?:\s+capex)?\b"
    r"(?:\s*\(?A\)?)?\s*$",
    re.I,
)


def _latest_quarter_cells(header: list[str], cells: list[str], row: tuple, fye: int) -> list:
    """The actual of a row's last reported quarter, under an outlook tracker's "Latest qtr A"
    head: the quarter that ended last before the note, in the row company's fiscal year."""
    scale, company, (published, _fye), line = row
    if not published:
        return []
    out = []
    for k, head in enumerate(header):
        if not k or k >= len(cells):
            continue
        if column := _latest_row(head, published, fye):
            fact = _fact(_money_cell(cells[k]), scale, column, company, (published, fye), line)
            out += [fact] if fact else []
    return out


# A tracker whose rows give each company's own current fiscal year in a column ("| Company |
# Current FY | Prior FY (A) | Current FY guide | Our est. | Street | Next FY (E) |").
_ROW_YEAR_HEAD = re.compile(
    r"^\s*(?:current|curr?\.?|this)\s+(?:FY|fiscal(?:\s+year)?|year)\s*$", re.I
)
_RELATIVE_HEAD = re.compile(
    r"(?:\b|^)(?P<which>prior|previous|last|current|curr?\.|this|next)\s*(?:FY|fiscal(?:\s+year)?|year)\b",
    re.I,
)
_SHIFT = {
    "prior": -1, "previous": -1, "last": -1, "current": 0, "cur.": 0, "curr.": 0, "this": 0,
    "next": 1,
}  # fmt: skip
# A head qualified as the earlier figure after a comma or in brackets ("ours, Prior", "(old)")
_SUPERSEDED = re.compile(r"(?:,|\()\s*(?:prior|old|previous|prev\.?)\s*\)?\s*$", re.I)
# "11,000-11,500 (was 11,500-12,000)": a cell with the outlook it replaced
_WAS = re.compile(
    r"^(?P<new>.*?)\s*\(\s*(?:was|prior|prev\.?|previously)\s*:?\s*(?P<old>[^()]+)\)\s*$", re.I
)


def _relative_columns(header: list[str], above: list[str]) -> tuple[int, dict] | None:
    """For a tracker with a "Current FY" column, that column's index and the other columns
    as {index: (year shift, kind)}; None for any other table.

    Why: trackers of companies with different fiscal years name each row's year in a cell
    ("FY27 (Mar-27)") and head the figure columns relative to it ("Prior FY (A)",
    "Current FY guide", "Next FY (E)"); a head with no year of its own ("Our est.",
    "Street") is the current year's estimate."""
    rows_year = [k for k, c in enumerate(header) if k and _ROW_YEAR_HEAD.match(c)]
    if len(rows_year) > 1:
        return None
    if not rows_year and not all(_RELATIVE_HEAD.search(c) for c in header[1:]):
        return None  # with no year column, every head must name its year relative to the row's
    out = {}
    for k, cell in enumerate(header):
        if k == 0 or (rows_year and k == rows_year[0]):
            continue
        if _SUPERSEDED.search(cell):
            continue  # "Next FY ours, Prior": the estimate the "New" column replaces
        m = _RELATIVE_HEAD.search(cell)
        kind = _legend_kind(cell, above) or _kind_of(cell)
        if m is None and kind is None:
            continue
        shift = _SHIFT[m.group("which").lower()] if m else 0
        out[k] = (shift, kind or ("actual" if shift < 0 else "guidance"))
    return (rows_year[0] if rows_year else None, out) if out else None


_YEAR_HEAD = re.compile(r"^\s*(?:fiscal\s+year|FY|year|period)?\s*(?:\([^()]*\))?\s*$", re.I)
# "Q1", "1Q", "FQ1 (Aug)", "Sep qtr" (the quarter ending that month, in the company's own
# year), "FY", "Full year"
_QUARTER_HEAD = re.compile(
    r"^\s*(?:F?Q(?P<q>[1-4])|(?P<q2>[1-4])Q|(?P<fy>FY|full[- ]year|year)"
    rf"|(?P<mon>{MONTH_NAMES})\.?\s+(?:qtr|quarter))(?:\s*\([A-Za-z]{{3,9}}\.?\))?\s*$",
    re.I,
)


def _quarter_columns(header: list[str]) -> tuple[int, dict] | None:
    """For a tracker whose rows name their own fiscal year in a "Fiscal year" column and
    whose other columns are "Q1" to "Q4" and "FY", that column's index and {index:
    quarter or None}; None for any other table."""
    years = [k for k, c in enumerate(header) if _YEAR_HEAD.match(c)]
    if not years:  # ("Fiscal year | Q1 | ... | FY": the first names the row's year; the
        return None  # label column may, for a table of one company's years)
    out: dict = {}
    for k, cell in enumerate(header):
        if k in (0, years[0]):
            continue
        if not (m := _QUARTER_HEAD.match(cell)):
            return None
        if m.group("mon"):  # the month a quarter ends in, read with the row's calendar
            out[k] = ("month", _MONTHS[m.group("mon")[:3].lower()])
        else:
            out[k] = None if m.group("fy") else int(m.group("q") or m.group("q2"))
    quarters = [q for q in out.values() if q is not None]
    return (years[0], out) if quarters and len(quarters) >= 2 else None


def _quarters_block(
    header: list[str], body: list, above: list[str], where: int, columns: dict, doc: tuple
) -> list[dict]:
    """The rows of a tracker read by ``_quarter_columns``: each figure cell is its row's
    fiscal year, and the column's quarter. A cell's kind comes from its suffix ("88A",
    "125E") or, without one, from whether its period has ended."""
    published, subject, mentions, subject_fye = doc
    if (scale := _capex_scale(above, header)) is None:
        return []
    facts = []
    for line, cells in body:
        company = _row_company(line, cells[0], mentions) or _ticker_cell(header, cells[0])
        if where == 0:  # rows of one company's fiscal years ("| FY26 | 8.5A | 12.0A |")
            company = company or subject
        fye = subject_fye if company == subject else fye_month_of(company)
        named = find_periods(cells[where], published, fye) if len(cells) > where else []
        if company is None or not named or named[0].year is None:
            continue
        for k, quarter in columns.items():
            if isinstance(quarter, tuple):  # "Sep qtr": Microsoft's first (a June year)
                quarter = fiscal_quarter(quarter[1], fye)
            column = (named[0].year, quarter, None)
            if k < len(cells) and (
                fact := _fact(cells[k], scale, column, company, (published, fye), line)
            ):
                facts.append(fact)
    return facts


# Heads of columns dated by each row's own quarter ("Datadog (3Q26)"): that quarter, the
# same quarter a year before, and the fiscal year's outlook.
_ROW_QUARTER_HEAD = re.compile(
    r"^(?:(?:latest|last|current|this|reported)\s+)?(?:qtr|quarter)\.?$", re.I
)
_YEAR_AGO_WORDS = r"(?:year[- ]ago|yr[- ]ago|prior[- ]year|last[- ]year|a year earlier)"
_ROW_YEAR_AGO_HEAD = re.compile(rf"^{_YEAR_AGO_WORDS}(?:\s+(?:qtr|quarter))?\.?$", re.I)
_ROW_FY_HEAD = re.compile(
    r"^(?:FY|full[- ]year|year)\s*(?P<kind>guide|guidance|outlook|est\.?|estimate|cons\.?)?$", re.I
)


def _row_relative_head(cell: str) -> tuple[int, bool, str | None] | None:
    """(year shift, whether the row's quarter, kind) a head names relative to its row's
    quarter, or None."""
    cell = cell.strip()
    if _ROW_QUARTER_HEAD.match(cell):
        return (0, True, "actual")
    if _ROW_YEAR_AGO_HEAD.match(cell):
        return (-1, True, "actual")
    if m := _ROW_FY_HEAD.match(cell):
        word = (m.group("kind") or "").lower()
        kind = "guidance" if word.startswith(("guid", "outlook")) else "estimate" if word else None
        return (0, False, kind)
    return None


def _row_relative_columns(header: list[str]) -> dict | None:
    """{index: (shift, quarter?, kind)} when every head names a period relative to the row's
    own quarter ("Latest qtr | Year-ago | FY guide"); None otherwise."""
    out = {}
    for k, cell in enumerate(header[1:], start=1):  # the first heads the row labels
        if (head := _row_relative_head(cell)) is None:
            return None
        out[k] = head
    return out if len(out) >= 2 and any(quarter for _s, quarter, _k in out.values()) else None


def _row_relative_block(
    header: list[str], body: list, above: list[str], columns: dict, doc: tuple
) -> list[dict]:
    """The rows of a table read by ``_row_relative_columns``: each row names its company and
    its latest quarter ("Zscaler (1Q FY27)"), in the company's own fiscal calendar."""
    published, _subject, mentions, _fye = doc
    if (scale := _capex_scale(above, header)) is None:
        return []
    facts = []
    for line, cells in body:
        if cells and not cells[0]:  # a label indented under an empty head
            cells = cells[1:]
        company = _row_company(line, cells[0], mentions)
        fye = fye_month_of(company)
        named = [p for p in find_periods(cells[0], published, fye) if p.year and p.quarter]
        if company is None or len(named) != 1:
            continue
        for k, (shift, in_quarter, kind) in columns.items():
            column = (named[0].year + shift, named[0].quarter if in_quarter else None, kind)
            if k < len(cells) and (
                fact := _fact(cells[k], scale, column, company, (published, fye), line)
            ):
                facts.append(fact)
    return facts


def _capex_scale(above: list[str], header: list[str]) -> float | None:
    """The unit of a tracker whose own caption and head name capex and a unit; None when
    they do not (a table of some other metric, or one with no unit)."""
    context = " ".join([*_own_caption(above), " ".join(header)])
    scale = _scale(context)
    return scale if scale is not None and mentions_capex(context) else None


def _relative_block(
    header: list[str], body: list, above: list[str], where: int, columns: dict, doc: tuple
) -> list[dict]:
    """The rows of a tracker read by ``_relative_columns``: one fact per figure cell, its
    year the row's current fiscal year shifted by the column's head."""
    published, _subject, mentions, fye_month = doc
    if (scale := _capex_scale(above, header)) is None:
        return []
    when = (published, fye_month)
    facts = []
    for line, cells in body:
        company = _row_company(line, cells[0], mentions) or _ticker_cell(header, cells[0])
        year = _row_current_year(cells, where, published, fye_month)
        if company is None or year is None:
            continue
        for k, (shift, kind) in columns.items():
            if k >= len(cells):
                continue
            column = (year + shift, None, kind)
            was = _WAS.match(cells[k])
            fact = _fact(was.group("new") if was else cells[k], scale, column, company, when, line)
            if fact is None:
                continue
            old = _fact(was.group("old"), scale, column, None, when, line) if was else None
            if old is not None and None not in (
                fact["low_usd"],
                fact["high_usd"],
                old["low_usd"],
                old["high_usd"],
            ):
                fact["prior_low_usd"], fact["prior_high_usd"] = old["low_usd"], old["high_usd"]
                fact["revision"] = compare_ranges(
                    fact["low_usd"], fact["high_usd"], old["low_usd"], old["high_usd"]
                )
            facts.append(fact)
        row_fye = _row_fye(cells, company, None, fye_month)
        facts += _latest_quarter_cells(header, cells, (scale, company, when, line), row_fye)
    return facts


def _row_current_year(
    cells: list[str], where: int | None, published: date | None, fye_month: int
) -> int | None:
    """A tracker row's current fiscal year: from its year column ("FY27 (Mar-27)"), else from
    its label's year-end tag ("Nextracker (NXT, Mar)") and the publication date."""
    if where is not None:
        named = find_periods(cells[where], published, fye_month) if len(cells) > where else []
        return named[0].year if named and named[0].year is not None else None
    tag = _YEAR_END_IN_LABEL.search(cells[0])
    if tag is None or published is None:
        return None
    return fiscal_year_of(published.year, published.month, _MONTHS[tag.group("mon").lower()])


# "First Solar (FSLR, Dec)", "DY (Jan)": the month a row's fiscal year ends in
_MONTH_YEAR_LABEL = re.compile(r"\(FY\s?(?P<mon>\d{1,2})/\d{2}\)\s*$")
_YEAR_END_IN_LABEL = re.compile(
    r"\((?:[A-Z.]{1,6},\s*)?(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s*FY)?\)\s*(?:\*+|\(\d\)|[¹²³†‡])?\s*$"  # (a footnote mark after it)
)


def _caption_period(above: list[str], published: date | None, fye_month: int) -> set[tuple]:
    """The one period the lines over an outlook table name, else the one period of the
    nearest line that names any.

    Why: the heading and the prose right above an outlook table ("Fiscal 2027 Outlook",
    "Capital spending in fiscal 2027 is planned at ...") name its year, while a paragraph
    further up may be about the year just ended ("... in fiscal 2026").
    """
    if not published:
        return set()

    def named(text: str) -> set[tuple]:
        return {(p.year, p.quarter) for p in find_periods(text, published, fye_month) if p.year}

    periods = named(" ".join(above))
    if len(periods) != 1:
        for text in reversed(above):
            if found := named(text):
                return found
    return periods


def _quarterly_outlook(above: list[str], published: date | None, fye_month: int) -> bool:
    """A line over the table names a quarter and an outlook ("Fourth-Quarter 2026
    Outlook", "our guidance for the fourth quarter")."""
    return any(
        _OUTLOOK.search(text) and any(p.quarter for p in find_periods(text, published, fye_month))
        for text in above
    )


_HAS_UNIT = re.compile(r"\d\s*(?:billion|million|bn|mn|[bmk])\b", re.I)


# A cell giving the month a row's fiscal year ends in ("Dec", "Jun-27", "(Jan)")
_YEAR_END_CELL = re.compile(rf"\s*\(?(?P<mon>{MONTH_NAMES})\.?(?:[-\s']*\d{{2,4}})?\)?\s*", re.I)


def _corner_period(
    header: list[str], columns: list, published: date | None, fye_month: int, above: list[str]
) -> list:
    """Columns headed by units only ("| 2026 Guidance | Ps. million | US$ million |") take the
    period the label column's head names: the table gives one period in two units."""
    if len(header) < 2 or any(columns[1:]) or published is None:
        return columns
    if not all(_scale(h) is not None or _rx("other_currency_head").search(h) for h in header[1:]):
        return columns
    corner = _column(header[0], published, fye_month, above)
    return [None, *[corner] * (len(header) - 1)] if corner else columns


def _row_fye(cells: list[str], company: str | None, subject: str | None, fye_month: int) -> int:
    """The month a row's own fiscal year ends in: as its cell states it, else its company's
    (the subject's is ``fye_month``, as the document states it)."""
    if m := _YEAR_END_IN_LABEL.search(cells[0]):  # "Sleep Number (SNBR, Dec)": the label's
        return _MONTHS[m.group("mon").lower()]
    if (m := _MONTH_YEAR_LABEL.search(cells[0])) and 1 <= int(m.group("mon")) <= 12:
        return int(m.group("mon"))  # "Murata (FY3/27)": the year that ends in March 2027
    for cell in cells[1:]:
        if m := _YEAR_END_CELL.fullmatch(cell):
            return _MONTHS[m.group("mon")[:3].lower()]
    return fye_month if company in (None, subject) else fye_month_of(company)


def _row_relative(column: tuple, head: str, own: int | None, row_fye: int, when: tuple) -> tuple:
    """A column whose head names no year ("Our FY est.", "Cons. next FY") read for the row:
    relative to the year the row's cell names ("FY27 (Jun-27)"), or to the year under way
    for a company whose year ends in another month than the subject's ("| APPF | Dec |")."""
    published, fye_month = when
    if own is not None:
        # a quarter's head ("1Q", "4Q") is of the row's year; a year's ("Next FY") may shift
        shift = (
            0
            if column[1] is not None
            else column[0] - fiscal_year_of(published.year, published.month, fye_month)
        )
        return (own + shift, *column[1:])
    if row_fye != fye_month and (again := _column(head, published, row_fye)):
        return (again[0], *column[1:])
    return column


def _row_year(cells: list[str], heads: list[str], columns: list, when: tuple) -> int | None:
    """The fiscal year a row's own cell names ("| RLGT | FY27 (Jun-27) | Gross capex | ...")
    for the columns whose heads name none ("FY guide", "Our FY est."): trackers of companies
    with different fiscal years give each row's year in a cell."""
    figures = {
        k
        for k, c in enumerate(columns)
        if c is not None and k < len(heads) and _header_year(heads[k])
    }
    dated = [c if _header_year(c) else "" for c in cells]  # ("Dec" alone is a year-end month)
    year, quarter = _row_period(dated, figures, (None, None), when)
    return year if quarter is None else None


# A figure with a note of its span ("1.6 (1Q)", "103.3 (39 wks)"): no period of the row's
_NOTED_FIGURE = re.compile(r"\s*[~$]?\s*\d[\d,.]*\s*\(")
# The note of the part of the row's year a figure covers: a quarter ("1Q", "Q3") or the year
# so far ("9M", "1H", "39 wks", "YTD")
_NOTED_SPAN = re.compile(
    r"\s*(?P<figure>[~$]?\s*\d[\d,.]*)\s*\(\s*(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4])|[1-9]M|[12]H|H[12]"
    r"|(?:13|26|39|52)\s*(?:wks?|weeks)|YTD)\s*\)\s*",
    re.I,
)


def _row_period(cells: list[str], money: set[int], caption: tuple, when: tuple) -> tuple:
    """The one period named in a row's other cells ("| MSFT | FY26 | ~120 | ~130 |"), else
    the caption's."""
    published, fye_month = when
    named = {
        (p.year, p.quarter)
        for k, cell in enumerate(cells[1:], start=1)
        if k not in money and not _NOTED_FIGURE.match(cell)
        for p in find_periods(cell, published, fye_month)
        if p.year
    }
    return named.pop() if len(named) == 1 else caption


_MONEY_CELL = re.compile(
    r"^\s*(?P<approx>~|approx\.?|approximately|about)?\s*\$?\s*(?P<lo>[\d,.]+)"
    r"\s*(?P<s1>billion|million|bn|mn|[bmk])?\s*(?:(?:-|–|—|to)\s*\$?\s*(?P<hi>[\d,.]+))?"
    r"\s*(?P<s2>billion|million|bn|mn|[bmk])?\s*$",
    re.I,
)


def _money_cell(cell: str) -> str:
    """A cell written with its own scale ("$1.8 to $2.0 billion") as a number range in dollars
    that ``_fact`` reads with a unit of one."""
    m = _MONEY_CELL.match(cell)
    if not m:
        return cell
    scale = (m.group("s2") or m.group("s1") or "").lower()
    if not scale:  # "2.5", "about 2.4 to 2.6": in the table's unit, read by ``_fact``
        return ("~" if m.group("approx") else "") + cell[m.start("lo") :].strip()
    unit = {"b": 1e9, "billion": 1e9, "bn": 1e9, "m": 1e6, "million": 1e6, "mn": 1e6}.get(scale)
    unit = unit or {"k": 1e3}.get(scale, 1.0)
    lo = float(m.group("lo").replace(",", "")) * unit
    hi = float(m.group("hi").replace(",", "")) * unit if m.group("hi") else None
    approx = "~" if m.group("approx") else ""
    return f"{approx}{lo:.0f}" + (f"-{hi:.0f}" if hi is not None else "")


EARLIER = "earlier_outlook"  # marks a table fact that is an outlook given before


def merge_with_text(in_text: list[dict], in_tables: list[dict]) -> tuple[list[dict], list[dict]]:
    """(text facts, table facts) to keep, in that order.

    Text facts read from a table row that the table reader gave a prior outlook for go (the
    row's cells read as sentences give the prior as a fact of its own). A row of a table of
    earlier outlooks ("Prior 2026 guidance") is no fact of its own either: it becomes the
    prior range, and unless the text says otherwise the revision, of the guidance the text
    gives for the same company and period; the text's reading of that row goes too.
    """
    earlier = [f for f in in_tables if f.get(EARLIER)]
    revised = [f for f in in_tables if f["prior_low_usd"] is not None or f["prior_high_usd"]]
    spans = [(f["char_start"], f["char_end"]) for f in [*revised, *earlier]]
    text = [f for f in in_text if not any(s <= f["char_start"] < e for s, e in spans)]
    for row in revised:
        for fact in _same_figure(text, row):
            fact["prior_low_usd"], fact["prior_high_usd"] = (
                row["prior_low_usd"],
                row["prior_high_usd"],
            )
            fact["revision"] = fact["revision"] or row["revision"]
    for before in earlier:
        for fact in _outlooks_of(text, before):
            fact["prior_low_usd"], fact["prior_high_usd"] = before["low_usd"], before["high_usd"]
            ranges = (fact["low_usd"], fact["high_usd"], before["low_usd"], before["high_usd"])
            if fact["revision"] is None and None not in ranges:
                fact["revision"] = compare_ranges(*ranges)
    return text, [f for f in in_tables if not f.get(EARLIER)]


_KEY = ("company", "fiscal_year", "fiscal_quarter", "low_usd", "high_usd")


def _same_figure(text: list[dict], row: dict) -> list[dict]:
    """The text's guidance facts, with no prior, for the figure of an outlook table's row.

    Why: prose that gives the new outlook first ("Capital spending in fiscal 2027 is planned
    at about $1.25 billion") keeps the figure at its sentence, and the table beside it with a
    prior column ("Current | Prior (August 2026)") is where its prior is given.
    """
    return [
        f
        for f in text
        if f["kind"] == row["kind"]
        and all(f[k] == row[k] for k in _KEY)
        and f["prior_low_usd"] is None
        and f["prior_high_usd"] is None
    ]


def _outlooks_of(text: list[dict], before: dict) -> list[dict]:
    """The text's guidance facts, with no prior yet, that an earlier outlook is the prior
    of: same company and period, or the one such fact when the table named no period."""
    same = [
        f
        for f in text
        if f["kind"] == "guidance"
        and f["company"] == before["company"]
        and f["prior_low_usd"] is None
        and f["prior_high_usd"] is None
        and f["low_usd"] is not None
    ]
    if before["fiscal_year"] is None:
        return same if len(same) == 1 else []
    period = (before["fiscal_year"], before["fiscal_quarter"])
    return [f for f in same if (f["fiscal_year"], f["fiscal_quarter"]) == period]


def _earlier_outlooks(header: list[str], above: list[str]) -> bool:
    """Whether a table holds outlooks given before: its caption says so ("Prior 2026
    guidance (issued January 27, 2026)") or every figure column does ("| | Prior outlook |"),
    and no column holds the new one."""
    if _outlook_columns(header):
        return False
    caption = _caption_line(above)
    if any(p.search(caption) for p in lexicon.patterns("tables", "earlier_caption")):
        return not _rx("current_caption").search(caption)
    values = [c for c in header[1:] if c.strip()]
    return bool(values) and all(_PRIOR_COLUMN.match(c.strip()) for c in values)


def _caption_line(above: list[str]) -> str:
    """The last line of words right over a table, or ""."""
    texts = [t.strip() for t in _own_caption(above) if t.strip()]
    return texts[-1] if texts else ""


def _earlier_block(header: list[str], body: list, above: list[str], doc: tuple) -> list[dict]:
    """The capex rows of a table of earlier outlooks, as guidance facts marked ``EARLIER``
    for ``merge_with_text``: the period is the row label's ("FY2026 capital spending"),
    else the column's ("| | 2026 | 2027 |"), else the caption's ("Prior 2026 guidance")."""
    published, subject, mentions, fye_month = doc
    caption = _caption_line(above)
    named = [p for p in find_periods(caption, published, fye_month) if p.year]
    caption_period = (named[0].year, named[0].quarter) if named else (None, None)
    above = _own_caption(above)
    scale = _scale(" ".join([*above, " ".join(header)]))
    capex_table = mentions_capex(" ".join([caption, " ".join(header)]))
    when = (published, fye_month)
    facts = []
    for line, cells in body:
        label = cells[0]
        company = _row_company(line, label, mentions) or _ticker_cell(header, label)
        if not mentions_capex(label) and not (capex_table and company):
            continue
        if _rx("other_metric").search(label) and not mentions_capex(label):
            continue
        company = company or subject
        in_label = [p for p in find_periods(label, published, fye_month) if p.year]
        for k, cell in enumerate(cells[1:], start=1):
            column = _column(header[k], published, fye_month) if k < len(header) else None
            if column and column[2] == "actual":
                continue  # a reported figure beside the earlier outlooks
            if in_label:
                period = (in_label[0].year, in_label[0].quarter)
            else:
                period = column[:2] if column else caption_period
            unit = 1.0 if _HAS_UNIT.search(cell) else scale
            if unit is None:
                continue
            fact = _fact(_money_cell(cell), unit, (*period, "guidance"), company, when, line)
            if fact is not None:
                fact[EARLIER] = True
                facts.append(fact)
    return facts


def _bounds_block(header: list[str], body: list, above: list[str], doc: tuple) -> list[dict]:
    """An outlook table with a low and a high column ("Period | Low | High"): each row is
    one range, for the period its label names ("Q4 2025", "Full year 2025") or, on a
    capex row, the period of the caption ("2026 Outlook")."""
    published, subject, mentions, fye_month = doc
    above = _own_caption(above)
    context = " ".join([*above, " ".join(header)])
    scale = _scale(context)  # a row may give its own ("Capital expenditures ($ in millions)")
    capex_table = mentions_capex(context)
    # the caption, or the head of the label column ("2026 Full-Year Guidance | Low | High")
    named = " ".join([*above, header[0]])
    caption = [p for p in find_periods(named, published, fye_month) if p.year]
    # "FY27, the fiscal year ending January 30, 2027" names one period twice
    one_period = len({(p.year, p.quarter) for p in caption}) == 1
    facts = []
    for line, cells in body:
        label = cells[0]
        if len(cells) < 3 or not (capex_table or mentions_capex(label)):
            continue
        row_scale = _scale(label) or scale
        if row_scale is None:
            continue
        periods = [p for p in find_periods(label, published, fye_month) if p.year]
        if not periods and mentions_capex(label) and one_period:
            periods = caption[:1]
        if not periods:
            continue
        company = _row_company(line, label, mentions) or subject
        column = (periods[0].year, periods[0].quarter, "guidance")
        cell = f"{cells[-2]}-{cells[-1]}"
        if fact := _fact(cell, row_scale, column, company, (published, fye_month), line):
            facts.append(fact)
    return facts


def _dated_spans(header: list[str], columns: list, above: list[str], fye_month: int) -> list:
    """Date columns under several spans ("Three Months (13 Weeks) Ended | Nine Months (39
    Weeks) Ended", then "Oct. 3, 2026 | Sept. 27, 2025 | Oct. 3, 2026 | Sept. 27, 2025"):
    each group of columns takes its own span, so the first pair are quarters and the second
    year-to-date figures (their fiscal years)."""
    dated = [k for k, cell in enumerate(header) if _date_cell(cell)]
    spans = _span_line(above)
    if len(spans) < 2 or not dated or len(dated) % len(spans):
        return columns
    size, out = len(dated) // len(spans), list(columns)
    for n, k in enumerate(dated):
        out[k] = _dated_column(_date_cell(header[k]), spans[n // size], fye_month)
    return out


def _spanned(
    columns: list, above: list[str], fye_month: int, published: date | None = None
) -> list:
    """Year columns under their spans ("Three Months Ended | Twelve Months Ended", then
    "December 31, | December 31,", then "2025 | 2024 | 2025 | 2024"): each group of columns
    takes its span, so the first pair are fourth quarters and the second full years. One
    quarter's span over all of them ("Three Months Ended September 30," over "2026 | 2025")
    makes each the same quarter of its year."""
    years = [c for c in columns if c is not None]
    if len(years) < 2 or any(c[1] is not None for c in years):
        return columns
    spans, ends = (_span_line(above, 2) if len(years) >= 4 else []), " ".join(above)
    if not spans:  # one quarter's span over them all, in the table's own caption, with its
        # end date (a year's span leaves the years as written)
        spans, ends = _span_line(_own_caption(above), 1)[:1], _span_end(_own_caption(above))
        if spans and not _rx("quarter_span").search(spans[0]):
            # "For the Six Months Ended June 30, 2026 and 2025": spent, in the fiscal years
            # those ends fall in ("Six Months Ended August 31," is fiscal 2027 for a year
            # that ends in February)
            end = _MONTH_DAY.search(ends)
            if not end or _WHOLE_YEAR.search(spans[0]):  # a year is named as its end says
                return [c and (c[0], c[1], c[2] or "actual") for c in columns]
            month = _MONTHS[end.group("mon")[:3].lower()]
            return [
                c and (fiscal_year_of(c[0], month, fye_month), c[1], c[2] or "actual")
                for c in columns
            ]
        if not (spans and _MONTH_DAY.search(ends)):
            return columns
    if not spans or len(years) % len(spans):
        return columns
    # the dates over the columns are on one line of their own; a caption sentence above that
    # dates the quarter too ("..., the thirteen weeks ended November 1, 2026.") is not one
    rows = [text for text in above if len(_MONTH_DAY.findall(text)) >= 2]
    months = [
        (_MONTHS[m.group("mon")[:3].lower()], int(m.group("day")))
        for m in _MONTH_DAY.finditer(rows[-1] if rows else ends)
    ]
    size, out, k = len(years) // len(spans), [], 0
    for column in columns:
        if column is None:
            out.append(None)
            continue
        group = k // size
        span = spans[group]
        if len(months) == len(spans):
            month, day = months[group]
        elif len(months) == len(years):  # a date over each column ("Sept. 30, | Sept. 30,")
            month, day = months[k]
        else:  # no dates: the quarter the release reports, else the fiscal year's last
            month, day = _reported_quarter_end(published) or (fye_month, 28)
        k += 1
        year, month = closing_month(column[0], month, day)  # "November 1," closes October
        year = fiscal_year_of(year, month, fye_month)
        if _rx("quarter_span").search(span):
            out.append((year, fiscal_quarter(month, fye_month), column[2] or "actual"))
        else:
            out.append((year, None, column[2] or "actual"))
    return out


def _reported_quarter_end(published: date | None) -> tuple[int, int] | None:
    """(month, day) of the last calendar quarter that ended before ``published``: the one a
    release's undated "Three Months Ended | 2026 | 2025" columns report."""
    if published is None:
        return None
    month = (published.month - 1) // 3 * 3 or 12
    return month, 28


_WHOLE_YEAR = re.compile(r"\b(?:years?|twelve|12|fifty-(?:two|three)|5[23])\b", re.I)
_MONTH_DAY = re.compile(
    rf"(?P<mon>{MONTH_NAMES})\.?\s*(?P<day>\d{{1,2}}),?(?!\s*\d)",
    re.I,
)


def _span_line(above: list[str], least: int = 2) -> list[str]:
    """The spans named on the nearest line above that names ``least`` or more of them."""
    for text in reversed(above):
        found = [m.group(0) for m in _rx("span").finditer(text)]
        if len(found) >= least:
            return found
    # "For the three months    For the nine months" over "ended September 30,   ended ...":
    # a span whose "ended" is on the line below
    for k in range(len(above) - 2, -1, -1):
        heads = [m.group(0) for m in _SPAN_HEAD.finditer(above[k])]
        if len(heads) >= least and above[k + 1].lower().count("ended") >= len(heads):
            return [f"{head} ended" for head in heads]
    return []


_SPAN_HEAD = re.compile(
    r"\b(?:three|six|nine|twelve|3|6|9|12)[- ]months?\b(?!\s+ended)"
    r"|\b(?:thirteen|twenty-six|thirty-nine|fifty-two|13|26|39|52)[- ]weeks\b(?!\s+ended)",
    re.I,
)


def _span_end(above: list[str]) -> str:
    """The text after the last span named above ("September 30," in "Three Months Ended
    September 30,", or the line under it), where the span's closing date stands."""
    for k in range(len(above) - 1, -1, -1):
        found = list(_rx("span").finditer(above[k]))
        if found:
            return " ".join([above[k][found[-1].end() :], *above[k + 1 :]])
    return ""


def _point_in_time(above: list[str]) -> bool:
    """ "December 31," or "As of December 31," right over the header: a balance at a date
    (property and equipment, net; accrued purchases), not spending over a period."""
    texts = [t.strip() for t in above if t.strip()]
    return bool(texts) and bool(_rx("point_in_time").fullmatch(texts[-1]))


def _column(
    cell: str, published: date | None, fye_month: int, above: list[str] = ()
) -> tuple | None:
    """(year, quarter, kind or None) a header cell names, or None; ``above`` holds the
    lines over the table (a date column reads its span there)."""
    if day := _date_cell(cell):
        return _dated_column(day, _span(above), fye_month)
    periods = [p for p in find_periods(cell, published, fye_month) if p.year]
    if not periods and published is not None and _ESTIMATE_HEAD.fullmatch(cell.strip()):
        # "Our est.", "Cons.": an estimate for the year under way, or the row's own year
        return (fiscal_year_of(published.year, published.month, fye_month), None, "estimate")
    if not periods:
        return None
    p = periods[0]
    kind = _legend_kind(cell, above) or _kind_of(cell)
    if kind is None and (_ENDED.search(cell) or _rx("to_date_head").search(cell)):
        kind = "actual"  # "Nine Months Ended September 30, 2025", "9M26": a span so far
    return (p.year, p.quarter, kind)


# "Mar-26", "Jun 2026", "Sep. '26": the quarter that ends in that month
_MONTH_YEAR_HEAD = re.compile(
    rf"^\s*(?P<mon>{MONTH_NAMES})\.?(?:-['’]?|\s*['’]|[\s-](?=(?:19|20)\d{{2}}))"
    r"(?P<year>(?:19|20)?\d{2})\s*$",
    re.I,
)  # (not "October 31": a day; a two-digit year needs its dash or apostrophe)
# "FY total", "FY guide", "Full year": the year the month columns run through
_YEARLESS_FY_HEAD = re.compile(r"^\s*(?:FY|full[- ]year|year)\b(?!\s*['’]?\d)", re.I)


def _month_columns(
    header: list[str], columns: list
) -> dict[int, tuple[int, int, str | None, bool]]:
    """{index: (calendar year, month, kind, whole year)} for a tracker whose columns are
    calendar quarters named by their last month ("Mar-26 | Jun-26 | Sep-26 | Dec-26 | FY
    total"), each row a company with its own fiscal year; a year-less "FY ..." column after
    them is the whole fiscal year the last month column falls in. Two month columns at least."""
    out: dict[int, tuple[int, int, str | None, bool]] = {}
    for k, cell in enumerate(header):
        if columns[k] is None and (m := _MONTH_YEAR_HEAD.match(cell)):
            year = int(m.group("year"))
            month = _MONTHS[m.group("mon")[:3].lower()]
            out[k] = (year + 2000 if year < 100 else year, month, None, False)
    if len(out) < 2:
        return {}
    year, month, _kind, _whole = out[max(out)]
    for k in range(max(out) + 1, len(header)):
        if columns[k] is None and _YEARLESS_FY_HEAD.match(header[k]):
            out[k] = (year, month, _kind_of(header[k]), True)
    return out


def _calendar_quarter(month_column: tuple[int, int, str | None, bool], fye: int) -> tuple:
    """The (fiscal year, fiscal quarter, kind) of a ``_month_columns`` entry for a company
    whose fiscal year ends in month ``fye``."""
    year, month, kind, whole_year = month_column
    return (
        fiscal_year_of(year, month, fye),
        None if whole_year else fiscal_quarter(month, fye),
        kind,
    )


_ENDED = re.compile(r"\b(?:ended|ending)\b", re.I)
# A head naming an estimate and no period ("Our est.", "Cons.", "Street est.")
_ESTIMATE_HEAD = re.compile(
    r"(?:our|street|the street)\s+(?:est(?:imate)?s?\.?|view)|(?:street\s+)?cons(?:ensus|\.)?",
    re.I,
)


def _kind_of(text: str) -> str | None:
    """The kind a column label ("2026E", "Cons. FY26", "FY26 guide") or a legend's
    description ("Visible Alpha consensus") names, if any."""
    for label, pattern in lexicon.mapping("tables", "column_kind").items():
        if pattern.search(text):
            return label
    return None


# One entry of a legend over a table ("A = reported; E = our estimate; Cons. = consensus").
_LEGEND = re.compile(r"^\s*(?P<abbr>[A-Za-z][\w.']{0,11}?)\s*=\s*(?P<desc>\S.*?)\s*\.?\s*$")


def _legend_kind(cell: str, above: list[str]) -> str | None:
    """The kind that a legend above the table gives the abbreviation in a header cell.

    Why: a note says what its column labels mean ("guide = company guidance; E = our
    estimate; Cons. = Visible Alpha consensus"), and its own words outrank the usual
    reading of a label: "Cons." is the Street's figure, not a company's outlook.
    """
    for text in above:
        if "=" not in text:
            continue
        for piece in re.split(r"[;,()]|\.\s+(?=[A-Z])", text):
            m = _LEGEND.match(piece) if "=" in piece else None
            if not m or not (kind := _kind_of(m.group("desc"))):
                continue
            abbr = re.escape(m.group("abbr").rstrip("."))
            if re.search(rf"(?<![A-Za-z]){abbr}(?![A-Za-z])", cell):
                return kind
    return None


def _date_cell(cell: str) -> tuple[int, int, int] | None:
    """(month, day, year) of a cell that is a date and nothing else: "Jul 27, 2025" or, in
    releases, "8/30/2026"."""
    if m := _DATE.fullmatch(cell.strip()):
        return _MONTHS[m.group("mon")[:3].lower()], int(m.group("day")), int(m.group("y"))
    if m := _NUM_DATE.fullmatch(cell.strip()):
        year = int(m.group("y"))
        return int(m.group("mon")), int(m.group("day")), year + 2000 if year < 100 else year
    return None


def _dated_column(day_of: tuple[int, int, int], span: str, fye_month: int) -> tuple | None:
    """A statement column headed by its period-end date ("Jul 27, 2025").

    Why: the date alone names no span. Under "Three Months Ended" it is one fiscal
    quarter; under "Year Ended" or a year-to-date span ("Six Months Ended") it belongs to
    the fiscal year the date falls in, with no quarter (a six-month figure is neither a
    quarter nor a full year). Without a span line (a balance sheet) it is no period.
    The figures a statement reports for a period that has ended are actuals.
    """
    if not span:
        return None
    month, day, year = day_of
    year, month = closing_month(year, month, day)
    fiscal_year = fiscal_year_of(year, month, fye_month)
    quarter = fiscal_quarter(month, fye_month) if _rx("quarter_span").search(span) else None
    return (fiscal_year, quarter, "actual")


def _scale(context: str) -> float | None:
    for pattern in lexicon.patterns("tables", "unit"):
        if m := pattern.search(context):
            unit = m.group("unit").lower()
            if unit.startswith("tr"):
                return 1e12
            return {"b": 1e9, "m": 1e6}.get(unit[0], 1e3)  # "thousands" is not trillions
    return None


_TICKER = re.compile(r"[A-Z]{1,5}(?:\.[A-Z])?")


def _ticker_cell(header: list[str], label: str) -> str | None:
    """The row label under a "Ticker" (or "Symbol") column head: a ticker of any company,
    even one too short or too common to be read as one in prose ("T", "ETR")."""
    if not header or not _rx("ticker_head").fullmatch(header[0].strip()):
        return None
    label = _FOOTNOTE.sub("", label.strip().lstrip("$"))  # "MGNI (1)", "PUBM*"
    return label if _TICKER.fullmatch(label) else None


_FOOTNOTE = re.compile(r"\s*(?:\(\d\)|\*+|[†‡¹²³])$")
# a row label's fiscal year-end tag: "(Jan)", "(Sep FY)", "(FY Jun)"
_YEAR_END_TAG = re.compile(r"\s*\((?:FY\s*)?[A-Z][a-z]{2}(?:\s*FY)?\)$")


def _row_company(line: Line, label: str, mentions: list[tuple[int, int, str]]) -> str | None:
    """The company named in the row's label cell, or the ticker that is the whole label when
    the text names that company elsewhere ("| LH | 486 |" under "LH raised its guide"): a
    note's rows carry bare tickers that prose alone would not read as companies."""
    at = line.text.find(label)
    start, end = line.start + max(at, 0), line.start + max(at, 0) + len(label)
    for s, _e, ticker in mentions:
        if start <= s < end:
            return ticker
    bare = _YEAR_END_TAG.sub("", _FOOTNOTE.sub("", label.strip()))  # "DY (Jan)"
    if _TICKER.fullmatch(bare) and any(ticker == bare for _s, _e, ticker in mentions):
        return bare
    return None


def _fact(
    cell: str, scale: float, column: tuple, company: str | None, when: tuple, line: Line
) -> dict | None:
    m = _CELL.match(_outflow(cell))
    if not m:
        return None
    unit = scale
    if m.group("scale"):
        unit = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6}[m.group("scale").lower()]
    low = round(float(m.group("lo").replace(",", "")) * unit, 2)
    high = round(float(m.group("hi").replace(",", "")) * unit, 2) if m.group("hi") else low
    if m.group("plus"):
        high = None
    if high is not None and high < low:
        return None
    year, quarter, kind = column
    if m.group("tag"):
        if _YEAR_CELL.fullmatch(m.group("lo")) and not m.group("hi"):
            return None  # "2026E": a period's label, not a figure
        kind = _TAG_KIND[m.group("tag")]
    published, fye_month = when
    if note := m.group("note"):  # the cell's own note outranks its column's head
        kind = next((k for k, rx in _NOTE_KIND if rx.search(note)), kind)
        named = [p for p in find_periods(note, published, fye_month) if p.year]
        if named:
            year, quarter = named[0].year, named[0].quarter
    if kind is None:
        past = published is not None and (year, quarter or 4) < _current(published, fye_month)
        kind = "actual" if past else "guidance"
    sentence = line.text.strip()
    start = line.start + line.text.find(sentence)
    return {
        "company": company,
        "fiscal_year": year,
        "fiscal_quarter": quarter,
        "low_usd": low,
        "high_usd": high,
        "approximate": bool(m.group("approx")),
        "kind": kind,
        "revision": None,
        "prior_low_usd": None,
        "prior_high_usd": None,
        "sentence": sentence,
        "char_start": start,
        "char_end": start + len(sentence),
    }


def _outflow(cell: str) -> str:
    """ "(37,256)": a cash-flow statement prints money paid out in parentheses; the
    spending is the amount inside."""
    inner = cell.strip().lstrip("$").strip()
    if inner.startswith("(") and inner.endswith(")"):
        return inner[1:-1].replace("$", "", 1)
    return cell


def _current(published: date, fye_month: int) -> tuple[int, int]:
    """The fiscal (year, quarter) the publication date falls in."""
    year = fiscal_year_of(published.year, published.month, fye_month)
    return (year, fiscal_quarter(published.month, fye_month))


# One cell per line: filings rendered to text (8-K items, exhibits) put every cell of a
# table on its own line ("Investment in property, plant and equipment", "(29,298", ")").
_VERTICAL_HINT = re.compile(r"\(\s*(?:US\$|\$)?\s*in\s+(?:thousands|millions|billions)", re.I)
_PIECE = re.compile(
    r"^\s*(?:\$|\)|—|\(?\$?\s*\d[\d,]*(?:\.\d+)?\)?(?:\s*(?:-|–|—|to)\s*\$?\s*\d[\d,]*(?:\.\d+)?)?)\s*$"
)
# a value alone on its line ("$", "(29,298", "$3,000 - $3,500") somewhere after a unit line
_ONE_CELL = re.compile(r"\n[ \t]*(?:\$|\(?\$?[\d,.]+\)?(?:\s*[-–]\s*\$?[\d,.]+)?)[ \t]*\n")
HEADER_REACH = 8  # lines between a unit line and the first row label that can be headers
ROW_LABEL_WORDS = 15
UNIT_REACH = 30  # a row label this far under a unit line belongs to its table


def _vertical_capex(
    text: str,
    published: date | None,
    subject: str | None,
    mentions: list[tuple[int, int, str]],
    fye_month: int,
) -> list[dict]:
    """Capex rows of tables laid out one cell per line, under a unit line."""
    hints = [m.start() for m in _VERTICAL_HINT.finditer(text)]
    if not hints or not any(_ONE_CELL.search(text, h) for h in hints):
        return []
    lines = _lines(text)
    starts = [ln.start for ln in lines]
    near_unit = {
        j
        for h in hints
        for k in (bisect_right(starts, h) - 1,)
        for j in range(k + 1, min(k + UNIT_REACH, len(lines)))
    }
    facts = []
    for k in sorted(near_unit):
        line = lines[k]
        if not _row_label(line.text) or not mentions_capex(line.text):
            continue
        cells, last = _value_cells(lines, k + 1)
        unit_at = _unit_line(lines, k)
        if not cells or unit_at is None:
            continue
        scale = _scale(lines[unit_at].text)
        columns = _vertical_columns(lines, unit_at, published, fye_month)
        if scale is None or len(columns) != len(cells):
            continue
        company = _row_company(line, line.text.strip(), mentions) or subject
        end = lines[last].start + len(lines[last].text)
        row = Line(line.start, text[line.start : end])
        for cell, column in zip(cells, columns, strict=True):
            if fact := _fact(cell, scale, column, company, (published, fye_month), row):
                facts.append(fact)
    return facts


def _row_label(text: str) -> bool:
    """A line of words only, short and without a full stop: a table's row label."""
    s = text.strip()
    return (
        bool(s)
        and "|" not in s
        and len(s.split()) <= ROW_LABEL_WORDS
        and not re.search(r"\d|[.!?:]$", s)
    )


def _value_cells(lines: list[Line], k: int) -> tuple[list[str], int]:
    """The cells on the lines from ``k`` on ("$" and "2,604" make one cell, "(29,298" and
    ")" another) and the index of the last line they take."""
    cells: list[str] = []
    pending, last = "", k - 1
    while k < len(lines) and _PIECE.match(lines[k].text):
        piece = lines[k].text.strip()
        if piece == "$":
            pending = "$"
        elif piece == ")" and cells:
            cells[-1] += ")"
        else:
            cells.append(pending + piece)
            pending = ""
        last, k = k, k + 1
    return cells, last


def _unit_line(lines: list[Line], k: int) -> int | None:
    """The nearest unit line ("(In thousands)") above row ``k``, within its table."""
    for j in range(k - 1, max(-1, k - UNIT_REACH), -1):
        text = lines[j].text.strip()
        if _VERTICAL_HINT.search(text) and len(text.split()) <= 8:
            return j
        if text.endswith(".") and len(text.split()) > ROW_LABEL_WORDS:
            return None  # prose ends the table
    return None


def _vertical_columns(
    lines: list[Line], unit_at: int, published: date | None, fye_month: int
) -> list[tuple]:
    """The period columns named by the header lines around the unit line: below it up to
    the first row label ("2026 Guidance"; "2025", "2024"), else the short lines right above
    it read together ("First" and "Quarter")."""
    columns, above = [], [ln.text for ln in lines[max(0, unit_at - CAPTION_LINES) : unit_at]]
    for ln in lines[unit_at + 1 : unit_at + 1 + HEADER_REACH]:
        text = ln.text.strip()
        if _rx("span").search(text) or not text:
            continue
        column = _column(text, published, fye_month, above)
        if column is None and _row_label(text) and columns:
            break
        if column is not None:
            columns.append(column)
    if columns:
        return columns
    words = []
    for ln in reversed(lines[max(0, unit_at - 3) : unit_at]):
        text = ln.text.strip()
        if not text or len(text.split()) > 3 or text.endswith("."):
            break
        words.insert(0, text)
    column = _column(" ".join(words), published, fye_month) if words else None
    return [column] if column else []
