"""Bull and bear sentences, and the document stance rule.

Two judges look at each sentence. The weighted cue lists in ``data/stance.yaml`` give a
verdict where they can: a sentence takes the side with the larger cue total, ties are left
out, and a cue right after a negator counts for the other side, which keeps "not a risk"
from reading as bearish. A trained text classifier (``data/stance_model``, see
``stance_training``) gives bull/bear/none probabilities and decides the sentences the cue
lists are silent on, where it is confident. With ``classifier.cues_first`` off, the
classifier overrides the cue lists where confident instead; that was the old order, and on
text unlike its training sentences the bag of words was confidently wrong too often (bear
sentences of the dev set read as bull at 0.8-0.95). Legal boilerplate (forward-looking
statements, risk factors, and in filings any sentence naming what could go wrong) and
headings carry no stance however they are worded. The thresholds live in ``stance.yaml``
under ``classifier`` and were chosen by cross-validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

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
    bull, bear, cue, _, _ = _score(text, keys)
    return bull, bear, cue


def _score(
    text: str, keys: Iterable[tuple[str, int]] | None
) -> tuple[float, float, str | None, float, bool]:
    """``score`` plus the weight of the strongest single cue and whether a negator turned
    any cue around."""
    if keys is None:
        keys = [(side, k) for side in ("bull", "bear") for k in range(len(_cues(side)))]
    totals = {"bull": 0.0, "bear": 0.0}
    best: tuple[float, str | None] = (0.0, None)
    negated = False
    negator = lexicon.pattern("stance", "negators")
    for side, k in sorted(set(keys), key=_bull_first):  # on equal weights the first cue wins
        pattern, weight = _cues(side)[k]
        for m in pattern.finditer(text):
            flipped = bool(negator.search(text[max(0, m.start() - 30) : m.start()]))
            totals[_OTHER[side] if flipped else side] += weight
            negated = negated or flipped
            if weight > best[0]:
                best = (weight, m.group(0))
    return totals["bull"], totals["bear"], best[1], best[0], negated


_OTHER = {"bull": "bear", "bear": "bull"}


def _bull_first(key: tuple[str, int]) -> tuple[bool, int]:
    return key[0] != "bull", key[1]


def find_stance(
    sent: Sent,
    keys: Iterable[tuple[str, int]] | None = None,
    before: str = "",
    strict: bool = False,
    probs: dict[str, float] | None = None,
    questions: bool = False,
    headline: str = "",
) -> dict | None:
    """The stance of ``sent`` (Stance fields), or None when it has no clear one.

    ``before`` is the previous sentence's text: a strong cue often argues about what that
    sentence named ("Meta lifted its capex outlook. Bears argue ..."). ``strict`` is for
    filings and company releases, where evaluative words are house style. ``probs`` are the
    classifier's BULL/BEAR/NONE probabilities for the sentence (None: cue lists only).
    ``questions``: a question can state a view (an analyst's worried question on a call).
    ``headline``: the headline of a piece whose headline names the topic (else empty).
    """
    keys = None if keys is None else list(keys)
    if keys == []:  # the prefilter found no cue that could match: nothing to score
        cue, by_cues = None, None
    else:
        scored = _score(sent.text, keys)
        cue, by_cues = scored[2], cue_stance(sent, keys, before, strict, scored, headline)
        if scored[4] and by_cues is not None:
            probs = None  # a bag of words cannot read "not a risk"; the cue lists can
    label = decide(probs, by_cues, strict)
    if label is None or _states_no_view(sent, questions):  # the cheaper tests first
        return None
    return {
        "stance": label,
        "target": sent.company_at(0) if sent.mentions else sent.subject,
        "cue": cue,
        **sent.provenance(),
    }


def decide(probs: dict[str, float] | None, by_cues: str | None, strict: bool) -> str | None:
    """The label from the classifier where it is confident, else from the cue lists; with
    ``cues_first`` the cue lists' verdict comes first and the classifier only adds.

    Why the extra margin: filings and releases praise themselves in house style, so the
    classifier must be surer there.
    """
    if probs is None:
        return by_cues
    cfg = lexicon.load("stance")["classifier"]
    if by_cues is not None and cfg.get("cues_first", False):
        return by_cues  # a bag of words trained on few wordings is sure of itself too often
    side = "bull" if probs["BULL"] >= probs["BEAR"] else "bear"
    need = float(cfg["threshold"])
    if strict:
        need = max(need, float(cfg["strict_threshold"]))
    if probs[side.upper()] >= need:
        return side
    if by_cues is not None and probs["NONE"] < float(cfg["veto"]):
        return by_cues
    return None


def cue_stance(
    sent: Sent,
    keys: Iterable[tuple[str, int]] | None = None,
    before: str = "",
    strict: bool = False,
    scored: tuple[float, float, str | None, float, bool] | None = None,
    headline: str = "",
) -> str | None:
    """The cue lists' verdict on ``sent``: "bull", "bear" or None (``scored``: the
    sentence's ``_score`` when already computed).

    Where the topic may come from: the sentence itself; for a strong cue, also the sentence
    before or the ``headline``; for a weak cue, the sentence before only in a piece whose
    headline names the topic (``headline`` given), where "it" and "the company" are the bet.
    """
    bull, bear, cue, heaviest, _ = scored or _score(sent.text, keys)
    if abs(bull - bear) < MIN_MARGIN:
        return None
    threshold = float(lexicon.load("stance")["strong_cue"])
    strong = max(bull, bear) >= threshold
    # the anchor pattern is costly: the sentence's own test first, the borrowed ones only
    # where they could count
    if not (
        _anchored(sent.text)
        or ((strong or bool(headline)) and _anchored(before))
        or (strong and _anchored(headline))
        or _self_anchored(sent.text)
    ):
        return None
    if not strong and lexicon.pattern("stance", "factual").search(sent.text):
        return None  # a reported figure with a passing weak word states no view
    if strict and heaviest < threshold:  # one strong cue, not several weak ones
        return None
    if strict and lexicon.pattern("stance", "filing_risk").search(sent.text):
        return None  # a filing's risk factor names what could go wrong; it argues nothing
    if strict and bull > bear and lexicon.pattern("stance", "own_voice").search(sent.text):
        return None  # a company praising its own plan in its own release is house style
    if strict and not lexicon.pattern("stance", "others_view").search(sent.text):
        return None  # outside reported views, a filing's bear words are legal text
    return "bull" if bull > bear else "bear"


def is_strict(doc_type: str | None) -> bool:
    """Filings and releases praise themselves in boilerplate; they need strong cues."""
    return doc_type in lexicon.load("stance")["strict_doc_types"]


@lru_cache(maxsize=2048)
def _anchored(text: str) -> bool:
    """The text names the AI/capex bet a stance would be about. (Cached: a sentence is
    tested again as the one before the next, and a headline for every cue under it.)"""
    return bool(text) and bool(lexicon.pattern("stance", "anchor").search(text))


def _self_anchored(text: str) -> bool:
    return bool(lexicon.pattern("stance", "self_anchored").search(text))


def topic_pattern() -> re.Pattern:
    return lexicon.pattern("stance", "topic")


def asks_questions(doc_type: str | None) -> bool:
    """Documents (call transcripts) where a question is how a view is put."""
    return doc_type in lexicon.load("stance")["question_doc_types"]


def _states_no_view(sent: Sent, questions: bool = False) -> bool:
    """Legal boilerplate, headings (labels such as "The bear case"), skip patterns and,
    unless ``questions``, questions."""
    return (
        sent.section.boilerplate
        or is_boilerplate(sent.text)
        or is_heading(sent.text)
        or bool(lexicon.pattern("stance", "skip").search(sent.text))
        or (not questions and bool(lexicon.pattern("stance", "question").search(sent.text)))
    )


def document_stance(labels: list[str], mixed_share: float = 1 / 3) -> str:
    """FORMAT's rule: neutral with none, mixed when the smaller side has at least
    ``mixed_share`` of them (a third in FORMAT), else the larger side. The extractor reads its
    own labels with the lower share of ``stance.yaml`` (``document.mixed_share``): it misses
    about a quarter of the stance sentences, and one missed sentence of the smaller side
    turns a mixed document one-sided."""
    bull, bear = labels.count("bull"), labels.count("bear")
    if bull + bear == 0:
        return "neutral"
    if min(bull, bear) >= mixed_share * (bull + bear) - 1e-9:
        return "mixed"
    return "bull" if bull > bear else "bear"
