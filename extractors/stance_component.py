"""The stance component: bull and bear sentences and the document stance.

Kept apart from ``components.py`` because the stance method (cue lexicon, trained
classifier) changes on its own schedule; it reads the sentence index and cues that
``finclaims_amounts`` left on the Doc. The classifier is loaded once per pipeline and asked
only about candidate sentences (on the AI/capex topic, or holding a cue), and reads the
Doc's own tokens (``WordWeights``) rather than tokenizing those sentences again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from extractors import lexicon
from extractors.components import sentences
from extractors.context import Sent
from extractors.sections import is_heading
from extractors.sentences import doc_text
from extractors.stance import (
    asks_questions,
    document_stance,
    find_stance,
    is_strict,
)

MODEL = Path(__file__).parent / "data" / "stance_model"
# (sentence index, text, sentence before)
Candidate = tuple[int, str, str]


@cache
def load_classifier(path: Path = MODEL) -> Language:
    """The trained textcat pipeline (tokenizer + textcat only), from the repo, offline."""
    if not (path / "meta.json").is_file():
        raise FileNotFoundError(
            f"stance model not found at {path}; "
            "retrain with: python -m extractors.stance_training.train"
        )
    return spacy.load(path)


class WordWeights:
    """The bag-of-words classifier applied to sentences of an already tokenized Doc.

    Why: the model is a linear score over the words of a sentence, so each word's share
    can be read from the model once (its own ``sparse_linear`` layer on that one word) and
    a sentence's score is a sum over tokens the pipeline already made, instead of
    tokenizing every candidate sentence a second time. Same model, same probabilities.
    """

    def __init__(self, classifier: Language):
        pipe = classifier.get_pipe("textcat")
        layers = {layer.name: layer for layer in pipe.model.walk()}
        if layers["extract_ngrams"].attrs["ngram_size"] != 1:
            raise ValueError("WordWeights reads a unigram bag-of-words textcat only")
        self.attr = layers["extract_ngrams"].attrs["attr"]
        self.linear = layers["sparse_linear"]
        self.labels = list(pipe.labels)
        self.bias = self._scores(np.zeros(0, dtype="uint64"), np.zeros(1, dtype="int32"))[0]
        strings = classifier.vocab.strings
        words = np.unique(np.asarray([strings[w] for w in strings] or [0], dtype="uint64"))
        self._keys = words  # sorted keys of the words seen in training
        self._table = (  # their shares, same order
            self._scores(words, np.ones(len(words), dtype="int32")) - self.bias
        ).astype("f")

    def _scores(self, keys: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        values = np.ones(len(keys), dtype="f")
        return np.asarray(self.linear.predict((keys, values, lengths)))

    def _shares(self, keys: np.ndarray) -> np.ndarray:
        """Each key's contribution to the class scores, bias left out.

        Words the model was trained on are looked up by binary search in a table built
        once; other words (new names, figures) are scored by the model on the spot and
        not kept, so the table never grows over a long stream."""
        at = np.searchsorted(self._keys, keys).clip(max=len(self._keys) - 1)
        known = self._keys[at] == keys
        out = self._table[at]
        if not known.all():
            unseen = keys[~known]
            out[~known] = self._scores(unseen, np.ones(len(unseen), dtype="int32")) - self.bias
        return out

    def sentences(self, doc: Doc, spans: list[tuple[int, int]]) -> list[dict[str, float]]:
        """Class probabilities of the character spans ``spans`` of ``doc``, by label."""
        return [self.as_dict(row) for row in self.probabilities(doc, spans)]

    def as_dict(self, row: np.ndarray) -> dict[str, float]:
        return dict(zip(self.labels, row.tolist(), strict=True))

    def probabilities(self, doc: Doc, spans: list[tuple[int, int]]) -> np.ndarray:
        """One row of class probabilities (in ``labels`` order) per character span."""
        if not spans or not len(doc):
            return np.full((len(spans), len(self.labels)), 1 / len(self.labels), dtype="f")
        arr = doc.to_array([self.attr, IDX])
        keys, idx = arr[:, 0].astype("uint64"), arr[:, 1].astype(np.int64)
        bounds = np.asarray(spans, dtype=np.int64)
        first = np.searchsorted(idx, bounds[:, 0], side="left")
        last = np.searchsorted(idx, bounds[:, 1], side="left")
        # only the spans' own tokens are scored, laid end to end (gathered in one step: an
        # index range per span cost more than the scoring)
        sizes = last - first
        last = np.cumsum(sizes)
        keys = keys[np.arange(last[-1]) + np.repeat(first - (last - sizes), sizes)]
        first = last - sizes
        per_token = self._shares(keys)
        running = np.vstack([np.zeros((1, per_token.shape[1]), "f"), np.cumsum(per_token, 0)])
        scores = running[last] - running[first] + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)


class StanceFinder:
    """Fills ``doc._.stances`` and the document stance ``doc._.stance``."""

    def __init__(self, classifier: Language | None = None):
        self.weights = WordWeights(classifier) if classifier is not None else None
        self._on_error: Callable = raise_error

    def __call__(self, doc: Doc) -> Doc:
        (done,) = self._batch([doc])
        return done

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """One classifier pass per batch; a document that fails is reported and dropped."""
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            try:
                yield from self._batch(batch)
            except Exception:  # noqa: BLE001 - find the culprit document by document
                for doc in batch:
                    try:
                        yield from self._batch([doc])
                    except Exception as exc:  # noqa: BLE001 - reported, the stream goes on
                        self._on_error("finclaims_stances", self, [doc], exc)

    def set_error_handler(self, handler: Callable) -> None:
        self._on_error = handler

    def get_error_handler(self) -> Callable:
        return self._on_error

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        for doc in docs:
            spans = judged_spans(doc_text(doc), doc._.sent_offsets or [])  # read once per Doc
            self._label(doc, self._candidates(doc, spans), spans)
        return docs

    def _candidates(
        self, doc: Doc, offsets: list[tuple[int, int]]
    ) -> list[tuple[Candidate, dict | None]]:
        """Sentences worth judging, with the classifier's probabilities: those holding a
        cue the cue index found, and those the classifier is confident about; none in a
        long document that never names the topic.

        Why every sentence of a document on the topic: most stance sentences the cue lists
        miss argue without naming the topic ("We think that advantage compounds rather
        than erodes."), and pipeline cross-validation over the build documents gained
        0.03 macro-F1 when the classifier was asked about them too (stance_training
        README). Scoring every sentence is one sum over the Doc's tokens. The spans judged
        are the sentences with a leading speaker label cut off (``judged_spans``:
        ``offsets``), and a headline is never one of them."""
        full, ext = doc_text(doc), doc._  # each ``doc._`` builds a new accessor
        raw, cues = ext.sent_offsets or [], ext.cues or {}
        if not cues.get("on_topic", True):
            return []
        first = 1 if raw and is_headline(full, raw) else 0  # a headline is never judged
        cued = {k for k, _ in cues.get("stance", []) if k >= first}
        asked = list(range(first, len(offsets)))
        probs: dict[int, dict | None] = {}
        confident: set[int] = set()
        if not cues.get("topic_named", True):
            # the classifier judges only in a text that names the topic: a short one that does
            # not ("The chief executive took the optimistic view after shareholders approved
            # the merger.") is about something else, whatever its evaluative words
            asked = []
        if self.weights is not None and asked:
            table = self.weights.probabilities(doc, [offsets[k] for k in asked])
            floor = float(lexicon.load("stance")["classifier"]["threshold"])
            sides = [self.weights.labels.index(label) for label in ("BULL", "BEAR")]
            sure = table[:, sides].max(axis=1) >= floor
            confident = {k for k, yes in zip(asked, sure.tolist(), strict=True) if yes}
            probs = {k: self.weights.as_dict(table[k - first]) for k in cued | confident}
        return [
            ((k, full[offsets[k][0] : offsets[k][1]], _before(full, offsets, k)), probs.get(k))
            for k in sorted(cued | confident)
        ]

    def _label(
        self,
        doc: Doc,
        found: list[tuple[Candidate, dict | None]],
        spans: list[tuple[int, int]],
    ) -> None:
        """Judges the candidates ``found``; ``spans`` are the Doc's ``judged_spans``."""
        ext = doc._  # each ``doc._`` builds a new accessor; one per call is enough
        keys = {k: [tuple(key) for key in ks] for k, ks in (ext.cues or {}).get("stance", [])}
        doc_type = (ext.context or {}).get("doc_type")
        strict, questions = is_strict(doc_type), asks_questions(doc_type)
        full = doc_text(doc)
        offsets = ext.sent_offsets or []
        # a piece whose headline names the topic is about it throughout: its cues may take
        # the topic from the headline or, for weak ones, from the sentence before
        head = full[offsets[0][0] : offsets[0][1]] if found and offsets else ""
        head = head if _is_topic_headline(head) else ""
        which = [c[0] for c, _ in found]
        sents = [
            _cut(sent, spans[k][0]) for sent, k in zip(sentences(doc, which), which, strict=True)
        ]
        judged = {
            k: s
            for sent, ((k, _, before), p) in zip(sents, found, strict=True)
            if (
                s := find_stance(
                    sent, keys.get(k, []), before, strict, p, questions, head if k else ""
                )
            )
        }
        stances = []
        for k, s in judged.items():
            host = tail_host(full, spans, k)
            if host is None:
                stances.append(s)
            elif host not in judged:  # a rating piece ("Stay UW.") speaks for its line's view
                (sent,) = sentences(doc, [host])
                stances.append({**s, **_cut(sent, spans[host][0]).provenance()})
        ext.stances = sorted(stances, key=lambda s: s["char_start"])
        share = float(lexicon.load("stance")["document"]["mixed_share"])
        ext.stance = document_stance([s["stance"] for s in ext.stances], share)


def _before(full: str, spans: list, k: int) -> str:
    """The sentence before sentence ``k``, passing over a label line between them ("Andy
    Jassy -- President and Chief Executive Officer"): an answer continues the question."""
    j = k - 1
    if j > 0 and is_heading(full[spans[j][0] : spans[j][1]]):
        j -= 1
    return full[spans[j][0] : spans[j][1]] if j >= 0 else ""


def judged_spans(full: str, offsets: list) -> list[tuple[int, int]]:
    """The sentence spans a stance is judged on: a sentence that opens a line with a
    speaker label ("Brian Nowak, Morgan Stanley:", "Operator:") starts after the label.

    Why: the label names people and firms, which tell the bag of words nothing about the
    view and tip it; the gold quote is a piece of what the speaker said."""
    out = []
    rx = _speaker_rx()
    for start, end in offsets:
        if (
            full[start : start + 1].isupper()
            and full.find(":", start, end) >= 0  # every label ends with one; few lines have it
            and (m := rx.match(full, start, end))
            and m.end() < end
            and len(full[full.rfind("\n", 0, start) + 1 : start].strip()) <= 2
        ):
            start = m.end()
        out.append((start, end))
    return out


def is_headline(full: str, spans: list) -> bool:
    """The document opens with a headline: a first line of at most 25 words without
    closing punctuation, not a bullet, with more text after it. Gold never labels a
    headline, whatever its case ("chip suppliers rally as ...")."""
    start, end = spans[0]
    if len(spans) < 2 or "\n" not in full[end : spans[1][0]]:
        return False
    line = full[full.rfind("\n", 0, start) + 1 : end].strip()
    text = full[start:end]
    return (
        line == text
        and not text.endswith((".", "!", "?", ";", '"', "\u201d"))
        and len(text.split()) <= 25
    )


def tail_host(full: str, spans: list, k: int) -> int | None:
    """For a short piece that ends a line after a sentence ("Stay UW.", "Add on weakness."),
    the index of the sentence it follows; None for any other sentence.

    Why: shorthand notes put a rating or an action after the view it rests on; the piece
    alone is not the stance sentence, the view before it is."""
    if k == 0:
        return None
    start, end = spans[k]
    if len(full[start:end].split()) > int(lexicon.load("stance")["tail_max_words"]):
        return None
    if "\n" in full[spans[k - 1][1] : start]:
        return None
    return k - 1


def _cut(sent: Sent, start: int) -> Sent:
    """``sent`` from ``start`` (a document offset) on, its mentions moved along."""
    cut = start - sent.start
    if cut <= 0:
        return sent
    mentions = [(a - cut, b - cut, *rest) for a, b, *rest in sent.mentions if a >= cut]
    return replace(sent, text=sent.text[cut:], start=start, mentions=mentions)


@cache
def _speaker_rx() -> re.Pattern:
    return re.compile(lexicon.load("stance")["speaker_label"])


def _is_topic_headline(text: str) -> bool:
    """A title line (no closing punctuation, at most 25 words) that names the topic; a
    document that opens with a sentence has no headline."""
    text = text.strip()
    return (
        bool(text)
        and not text.endswith((".", "!", "?", ":", ";", '"', "”"))
        and len(text.split()) <= 25
        and bool(lexicon.pattern("stance", "topic").search(text))
    )


@Language.factory("finclaims_stances", default_config={"use_classifier": True})
def make_stances(nlp: Language, name: str, use_classifier: bool) -> StanceFinder:
    return StanceFinder(load_classifier() if use_classifier else None)
