"""The guard ``fast_start`` sets before a pattern changes no match, only how soon the
engine gives up at a position."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import lexicon
from extractors.match_start import fast_start, unguarded

# Words and signs the cue patterns are made of, so that random texts do match them
_PIECES = [
    "capex",
    "capital",
    "expenditures",
    "spending",
    "maintenance",
    "growth",
    " ",
    " ",
    ". ",
    "$",
    "US$",
    "1.2",
    "billion",
    "2026",
    "fiscal",
    "quarter",
    "guidance",
    "raised",
    "from",
    "(",
    ")",
    "-",
    "–",
    ",",
    "\n",
    "ad",
    "ROAS",
    "bull",
    "bear",
    "not",
    "data",
    "centers",
    "PP&E",
    "of",
    "on",
    "in",
    "the",
    "Q3",
    "FY27",
    "expects",
    "about",
    "~",
    "é",
    "İ",
    "K",
]


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _lexicon_patterns() -> list[re.Pattern]:
    out = []
    for name in ("capex", "ad_claims", "stance", "sections", "tables"):
        for key, value in lexicon.load(name).items():
            if isinstance(value, str) or (
                isinstance(value, list) and value and all(isinstance(v, str) for v in value)
            ):
                try:
                    out.append(lexicon.pattern(name, key))
                except lexicon.LexiconError:
                    continue
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_lexicon_patterns_find_the_same_spans_as_written(text: str) -> None:
    for pattern in _lexicon_patterns():
        as_written = re.compile(unguarded(pattern), pattern.flags)
        assert _spans(pattern, text) == _spans(as_written, text), pattern.pattern[:80]


def test_the_longest_cue_list_is_guarded_and_still_finds_its_words() -> None:
    capex = lexicon.pattern("capex", "capex")
    assert capex.pattern != unguarded(capex)
    text = "Maintenance capital was $1.2 billion; capex rose, and the index exited."
    assert _spans(capex, text) == _spans(re.compile(unguarded(capex), capex.flags), text)
    assert [text[s:e].lower() for s, e in _spans(capex, text)][:2] == ["capital", "capex"]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # one branch may start inside a word: no boundary may be assumed for the whole
        (r"\bcapex|ex\w+", "capex index exit"),
        # a lookbehind ending in a space puts a boundary before the word after it
        (r"(?:(?<=maintenance )|(?<=growth ))capital", "maintenance capital, xcapital"),
        # an optional first part: the first character comes from either side
        (r"\b(?:US)?\$\d+", "US$12 and $7 and X$3"),
        (r"(?:ab)*c", "abababc c xc"),
        (r"\d+(?:\.\d+)?%", "up 12.5% and 3%"),
    ],
)
def test_guarded_patterns_match_as_written(source: str, text: str) -> None:
    pattern = re.compile(source, re.I)
    assert _spans(fast_start(pattern), text) == _spans(pattern, text)


def test_what_cannot_be_read_is_left_as_it_is() -> None:
    for source in (r"^capex", r"(?m)^\s*-", r"a*", r"[^x]y", r"(?i:capex)|opex"):
        pattern = re.compile(source)
        assert fast_start(pattern) is pattern, source


def test_unguarded_gives_the_source_as_written_and_guards_once() -> None:
    pattern = re.compile(r"\bcapex\b|\bcapital spending\b", re.I)
    guarded = fast_start(pattern)
    assert guarded.pattern.startswith("\\b(?=[")
    assert unguarded(guarded) == pattern.pattern
    assert fast_start(guarded) is guarded
    assert unguarded("plain text") == "plain text"
