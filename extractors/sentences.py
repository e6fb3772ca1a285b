"""Sentence boundaries for financial text: lines are sentences, then punctuation splits.

News and filings put bullets ("- item"), markdown table rows and headings on their own
lines without end punctuation; spaCy's punctuation ``sentencizer`` would glue them to the
next line. ``line_breaks`` marks the first token after every newline as a sentence start
before the sentencizer runs (it keeps starts that are already set).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_BULLET = re.compile(r"^(?:[-*•·▪–]\s+|\d{1,2}[.)]\s+)")


@Language.component("finclaims_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Why: a line break in scraped text is nearly always a block boundary."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[i + 1].is_sent_start = True
    if len(doc):
        doc[0].is_sent_start = True
    return doc


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``doc.text``, whitespace and bullets trimmed."""
    out = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if bullet := _BULLET.match(text[start:end]):
            start += bullet.end()
        if end > start and any(c.isalnum() for c in text[start:end]):
            out.append((start, end))
    return out
