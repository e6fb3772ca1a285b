"""Readable text of an SEC filing's HTML (8-K, 10-Q, 10-K, exhibits, inline XBRL).

Extractors find sentences and figures in this text and cite character offsets into it,
so paragraphs must stay apart, table rows must stay on one line each (with cells kept in
order, "$" and ")" glued to their numbers), and the hidden inline-XBRL header must not
leak its context ids and booleans into the prose.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_DROP_TAGS = ("script", "style", "head", "title", "noscript", "ix:header", "template")
_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "section",
        "article",
        "center",
        "blockquote",
        "pre",
        "hr",
        "header",
        "footer",
        "body",
        "dl",
    ]
)
_LINE_TAGS = frozenset(["br", "li", "tr", "dt", "dd"])
_SOURCE_SPACE = re.compile(r"\s+")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u200a\u202f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_PREFIX_CELLS = frozenset({"$", "(", "$(", "($", "€", "£", "¥"})
_SUFFIX_CELLS = re.compile(r"^(\)|%|\)%|%\)|\)\s*%)$")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _merge_cells(cells: list[str]) -> list[str]:
    """Glue currency signs and closing parentheses back onto the numbers they belong to."""
    merged: list[str] = []
    pending = ""
    for cell in cells:
        if cell in _PREFIX_CELLS:
            pending += cell
            continue
        if _SUFFIX_CELLS.match(cell) and merged:
            merged[-1] += cell
            continue
        merged.append(pending + cell)
        pending = ""
    if pending:
        merged.append(pending)
    return merged


def _row_text(row: lxml.html.HtmlElement) -> str:
    cells = [_clean(cell.text_content()) for cell in row if cell.tag in ("td", "th")]
    return " | ".join(_merge_cells([c for c in cells if c]))


def _render_table(table: lxml.html.HtmlElement) -> str:
    rows = (_row_text(row) for row in table.iter("tr"))
    return "\n".join(row for row in rows if row)


def _replace_with_text(element: lxml.html.HtmlElement, text: str) -> None:
    """Swap ``element`` for a block holding ``text``, keeping its tail."""
    block = lxml.html.Element("div")
    block.text = "\n" + text + "\n" if text else ""
    block.tail = element.tail
    element.getparent().replace(element, block)


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and el.tag in _DROP_TAGS]
    doomed += [el for el in root.iter("*") if _HIDDEN_STYLE.search(el.get("style") or "")]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _collapse_whitespace(root: lxml.html.HtmlElement) -> None:
    """Source line breaks are layout of the HTML file, not of the document: make them spaces."""
    for element in root.iter():
        if element.tag == "pre":
            continue
        if element.text:
            element.text = _SOURCE_SPACE.sub(" ", element.text)
        if element.tail:
            element.tail = _SOURCE_SPACE.sub(" ", element.tail)


def _mark_blocks(root: lxml.html.HtmlElement) -> None:
    """Put newlines where block elements start and end, so text_content keeps the layout."""
    for element in root.iter("*"):
        if element.tag in _PARAGRAPH_TAGS:
            sep = "\n\n"
        elif element.tag in _LINE_TAGS:
            sep = "\n"
        else:
            continue
        if element.tag != "br":  # a void element: its "text" would be a second break
            element.text = sep + (element.text or "")
        element.tail = sep + (element.tail or "")


def _normalise_lines(text: str) -> str:
    lines = [_clean(line) for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()


def parse_html(html: str | bytes) -> lxml.html.HtmlElement:
    """Parse filing HTML, including XHTML inline-XBRL files that declare an XML encoding."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    html = _CONTROL.sub("", _XML_DECL.sub("", html, count=1))
    return lxml.html.document_fromstring(html if html.strip() else "<html/>")


def filing_text(html: str | bytes) -> str:
    """Plain text of a filing: paragraphs separated by blank lines, table rows on own lines."""
    try:
        root = parse_html(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    _drop_invisible(root)
    _collapse_whitespace(root)
    for table in reversed(list(root.iter("table"))):
        _replace_with_text(table, _render_table(table))
    _mark_blocks(root)
    return _normalise_lines(root.text_content())


def looks_like_html(body: str) -> bool:
    """SEC serves some primary documents as plain text; those need no HTML parsing."""
    return bool(re.search(r"<(html|body|div|p|table|document)\b", body[:5000], re.I))
