"""Sentence boundaries for financial text: lines are sentences, then punctuation splits.

News and filings put bullets ("- item"), markdown table rows and headings on their own
lines without end punctuation; spaCy's punctuation ``sentencizer`` would glue them to the
next line. ``finclaims_sentencizer`` splits where spaCy's sentencizer does and, besides,
before the first token after every newline, in one pass over the token arrays.
(``finclaims_line_breaks`` followed by spaCy's ``sentencizer`` gives the same sentences,
four times slower.)

Both functions work on the Doc's token arrays rather than on Token objects: building a
Python object per token costs more than the tokenizer itself.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LENGTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from extractors import lexicon

_BULLET = re.compile(r"(?:[-*•·▪–]\s+|\d{1,2}[.)]\s+)")
_BULLET_FIRST = frozenset("-*•·▪–0123456789")
_ALNUM = re.compile(r"[^\W_]")
_TEXT_KEY = "finclaims.text"
_NEWLINE = re.compile("\n")


def keep_abbreviations(tokenizer) -> None:
    """Make each abbreviation of ``data/abbreviations.txt`` (why they matter: see that file),
    and its capitalised form, a single token."""
    for word in lexicon.words("abbreviations.txt"):
        for form in {word, word[0].upper() + word[1:]}:
            tokenizer.add_special_case(form, [{"ORTH": form}])


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it token by token on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or len(text) != _char_length(doc):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _char_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def remember_text(doc: Doc, text: str) -> Doc:
    """Record the text a Doc was made from, so ``doc_text`` need not rebuild it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def token_starts(doc: Doc) -> np.ndarray:
    """Character offset of every token, as int64."""
    return doc.to_array(IDX).astype(np.int64)


@Language.component("finclaims_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Why: a line break in scraped text is nearly always a block boundary."""
    if not len(doc):
        return doc
    text = doc_text(doc)
    doc[0].is_sent_start = True
    if "\n" not in text:
        return doc
    starts = token_starts(doc)
    newlines = np.fromiter(
        (m.start() for m in _NEWLINE.finditer(text)), dtype=np.int64, count=text.count("\n")
    )
    following = np.searchsorted(starts, newlines, side="right")
    marks = doc.to_array([SENT_START])
    marks[following[following < len(doc)]] = 1
    doc.from_array([SENT_START], marks)  # setting Token.is_sent_start one by one rescans
    return doc  # the whole Doc each time


@Language.component("finclaims_sentencizer")
def sentencizer(doc: Doc) -> Doc:
    """spaCy's punctuation rule plus line breaks, vectorised.

    Why: spaCy's sentencizer builds a Python Token per token, which costs more than the
    tokenizer. Its rule: a token that is not punctuation starts a sentence when a
    sentence-final character ("." "!" "?" ...) stands since the last such token.
    """
    n = len(doc)
    if not n:
        return doc
    arr = doc.to_array([lexeme_flag(doc.vocab, is_final), IS_PUNCT, IDX, LENGTH])
    final = arr[:, 0] != 0
    word = ~(final | (arr[:, 1] != 0))
    words = np.flatnonzero(word)
    finals_before = np.concatenate(([0], np.cumsum(final)))  # finals among tokens [0, i)
    previous = np.concatenate(([-1], words[:-1]))
    since = finals_before[words] - finals_before[previous + 1]
    marks = np.full(n, -1, dtype=np.int64)
    marks[0] = 1
    marks[words[since > 0]] = 1
    text = doc_text(doc)
    if "\n" in text:
        newlines = np.fromiter(
            (m.start() for m in _NEWLINE.finditer(text)), dtype=np.int64, count=text.count("\n")
        )
        following = np.searchsorted(arr[:, 2].astype(np.int64), newlines, side="right")
        marks[following[following < n]] = 1
    # -1 wraps round in uint64, which is how spaCy reads it back
    doc.from_array([SENT_START], marks.astype(np.uint64).reshape(-1, 1))
    starts = arr[:, 2].astype(np.int64)
    spans = _trimmed(text, starts, starts + arr[:, 3].astype(np.int64), np.flatnonzero(marks == 1))
    doc.user_data[_SPANS_KEY] = (n, spans)  # read back by ``sentence_offsets``
    return doc


_SPANS_KEY = "finclaims.sentence_spans"


_FINAL_CHARS = frozenset(Sentencizer.default_punct_chars)


def is_final(text: str) -> bool:
    """Lexeme flag getter: the token is one of spaCy's sentence-final characters, or a
    figure in shorthand that keeps its full stop ("$5B." is one token, like an initial)."""
    return text in _FINAL_CHARS or text in _SCALE_ENDS or bool(_SHORTHAND_END.fullmatch(text))


# "5B.", "40M.", "$4B-$5B.", "1.2bn.": the tokenizer leaves the stop on a scale letter
_SHORTHAND_END = re.compile(r"(?:.*\W)?\d[\d.,]*(?:[KMBT]|bn|mn|mm|k)\.")
# "$17m.": a lower-case scale letter becomes a token of its own, with the stop, like an
# initial (upper-case "M." stays one: it is a middle initial far more often)
_SCALE_ENDS = frozenset({"m.", "mm.", "k."})


def lexeme_flag(vocab, getter) -> int:
    """The lexeme flag computed by ``getter``, added to ``vocab`` the first time.

    Why: spaCy computes a flag once per word type, when the word enters the vocabulary,
    and ``Doc.to_array`` reads it for every token in C; asking per token in Python costs
    more than the tokenizer. ``getter`` must be a module-level function (pickled by name).
    """
    for flag, known in vocab.lex_attr_getters.items():
        if known is getter:
            return flag
    return vocab.add_flag(getter)


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in the text, whitespace and bullets trimmed."""
    if not len(doc):
        return []
    known = doc.user_data.get(_SPANS_KEY)
    if known is not None and known[0] == len(doc):  # left by ``finclaims_sentencizer``
        return list(known[1])
    arr = doc.to_array([IDX, LENGTH, SENT_START]).astype(np.int64)
    first = np.flatnonzero(arr[:, 2] == 1)
    if not len(first) or first[0] != 0:
        first = np.concatenate(([0], first))
    return _trimmed(doc_text(doc), arr[:, 0], arr[:, 0] + arr[:, 1], first)


def _trimmed(text: str, starts: np.ndarray, ends: np.ndarray, first: np.ndarray) -> list:
    """Sentence spans from their first tokens' indexes, trimmed; empty ones dropped."""
    last = np.concatenate((first[1:] - 1, [len(starts) - 1]))
    out = []
    for start, end in zip(starts[first].tolist(), ends[last].tolist(), strict=True):
        start, end = _trim(text, start, end)
        if end > start:
            out.append((start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Whitespace and a leading bullet off; nothing left when no letter or digit remains."""
    if start < end and text[start].isalpha() and not text[end - 1].isspace():
        return start, end  # (most sentences: nothing to strip, and a letter is kept)
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return start, start
    start += len(piece) - len(piece.lstrip())
    end = start + len(stripped)
    if stripped[0] in _BULLET_FIRST and (bullet := _BULLET.match(text, start, end)):
        start = bullet.end()
    if not _ALNUM.search(text, start, end):
        return start, start
    return start, end
