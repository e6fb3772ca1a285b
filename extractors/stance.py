"""Bull and bear sentences, and the document stance rule.

Sentences are scored with the weighted cue lists in ``data/stance.yaml``; a sentence takes
the side with the larger total, and ties are left out. A cue right after a negator counts
for the other side, which keeps "not a risk" from reading as bearish. Legal boilerplate
(forward-looking statements, risk factors) carries no stance however it is worded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from extractors import lexicon
from extractors.context import Sent
from extractors.sections import is_boilerplate, is_heading

MIN_MARGIN = 1.0


@cache
def _cues(side: str) -> tuple[tuple[re.Pattern, float], ...]:
    return tuple(
        (lexicon.compile_one("stance", p), float(w)) for p, w in lexicon.load("stance")[side]
    )


def cue_patterns(side: str) -> tuple[re.Pattern, ...]:
    """The cue patterns of one side, in file order (for the sentence prefilter)."""
    return tuple(p for p, _ in _cues(side))


def score(
    text: str, keys: Iterable[tuple[str, int]] | None = None
) -> tuple[float, float, str | None]:
    """(bull, bear, strongest cue) totals for one sentence.

    ``keys`` ((side, index) pairs) limits scoring to the cues the prefilter found possible;
    the others cannot match, so the result is the same, only sooner.
    """
    wanted = None if keys is None else set(keys)
    totals = {"bull": 0.0, "bear": 0.0}
    best: tuple[float, str | None] = (0.0, None)
    negator = lexicon.pattern("stance", "negators")
    for side, other in (("bull", "bear"), ("bear", "bull")):
        for k, (pattern, weight) in enumerate(_cues(side)):
            if wanted is not None and (side, k) not in wanted:
                continue
            for m in pattern.finditer(text):
                flipped = bool(negator.search(text[max(0, m.start() - 30) : m.start()]))
                totals[other if flipped else side] += weight
                if weight > best[0]:
                    best = (weight, m.group(0))
    return totals["bull"], totals["bear"], best[1]


def find_stance(sent: Sent, keys: Iterable[tuple[str, int]] | None = None) -> dict | None:
    """The stance of ``sent`` (Stance fields), or None when it has no clear one."""
    bull, bear, cue = score(sent.text, keys)
    if abs(bull - bear) < MIN_MARGIN or _states_no_view(sent):
        return None
    if max(bull, bear) < float(lexicon.load("stance")["strong_cue"]) and not _anchored(sent):
        return None
    label = "bull" if bull > bear else "bear"
    return {
        "stance": label,
        "target": sent.company_at(0) if sent.mentions else sent.subject,
        "cue": cue,
        **sent.provenance(),
    }


def _anchored(sent: Sent) -> bool:
    """The sentence names a company or the topic, so a weak cue can be about it."""
    return (
        bool(sent.mentions)
        or bool(topic_pattern().search(sent.text))
        or bool(lexicon.pattern("stance", "anchor").search(sent.text))
    )


def topic_pattern() -> re.Pattern:
    return lexicon.pattern("stance", "topic")


def _states_no_view(sent: Sent) -> bool:
    """Legal boilerplate, headings (labels such as "The bear case") and skip patterns."""
    return (
        sent.section.boilerplate
        or is_boilerplate(sent.text)
        or is_heading(sent.text)
        or bool(lexicon.pattern("stance", "skip").search(sent.text))
    )


def document_stance(labels: list[str]) -> str:
    """FORMAT's rule: neutral with none, mixed when the smaller side has >= 1/3, else larger."""
    bull, bear = labels.count("bull"), labels.count("bear")
    if bull + bear == 0:
        return "neutral"
    if min(bull, bear) * 3 >= bull + bear:
        return "mixed"
    return "bull" if bull > bear else "bear"
