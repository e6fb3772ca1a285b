"""The stance component: bull and bear sentences and the document stance.

Kept apart from ``components.py`` because the stance method (cue lexicon, trained
classifier) changes on its own schedule; it reads the sentence index and cues that
``finclaims_amounts`` left on the Doc. The classifier is loaded once per pipeline and asked
only about candidate sentences (on the AI/capex topic, or right after one), all candidates
of a batch of documents in one ``nlp.pipe``, because it is the costliest step here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from extractors import lexicon
from extractors.components import sentences
from extractors.sentences import doc_text
from extractors.stance import document_stance, find_stance, is_candidate, is_strict

MODEL = Path(__file__).parent / "data" / "stance_model"
Candidates = list[tuple[int, str, str]]  # (sentence index, text, sentence before)


@cache
def load_classifier(path: Path = MODEL) -> Language:
    """The trained textcat pipeline (tokenizer + textcat only), from the repo, offline."""
    if not (path / "meta.json").is_file():
        raise FileNotFoundError(
            f"stance model not found at {path}; "
            "retrain with: python -m extractors.stance_training.train"
        )
    return spacy.load(path)


class StanceFinder:
    """Fills ``doc._.stances`` and the document stance ``doc._.stance``."""

    def __init__(self, classifier: Language | None = None):
        self.classifier = classifier
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
        found = [self._candidates(doc) for doc in docs]
        texts = [text for cands in found for _, text, _ in cands]
        probs = iter(self._classify(texts))
        for doc, cands in zip(docs, found, strict=True):
            self._label(doc, cands, [next(probs) for _ in cands])
        return docs

    def _classify(self, texts: list[str]) -> list[dict[str, float] | None]:
        if self.classifier is None or not texts:
            return [None] * len(texts)
        return [dict(d.cats) for d in self.classifier.pipe(texts, batch_size=256)]

    def _candidates(self, doc: Doc) -> Candidates:
        """Sentences worth judging: on topic (or after one), or holding a cue the cue
        index found; none in a long document that never names the topic."""
        full, offsets = doc_text(doc), doc._.sent_offsets or []
        texts = [full[s:e] for s, e in offsets]
        cued = {k for k, _ in (doc._.cues or {}).get("stance", [])}
        if not cued and not _on_topic(full, len(texts)):
            return []
        out = []
        for k, text in enumerate(texts):
            before = texts[k - 1] if k else ""
            if k in cued or is_candidate(text, before):
                out.append((k, text, before))
        return out

    def _label(self, doc: Doc, cands: Candidates, probs: list) -> None:
        keys = {k: [tuple(key) for key in ks] for k, ks in (doc._.cues or {}).get("stance", [])}
        strict = is_strict((doc._.context or {}).get("doc_type"))
        sents = sentences(doc, [k for k, _, _ in cands])
        doc._.stances = [
            s
            for sent, (k, _, before), p in zip(sents, cands, probs, strict=True)
            if (s := find_stance(sent, keys.get(k, []), before, strict, p))
        ]
        doc._.stance = document_stance([s["stance"] for s in doc._.stances])


def _on_topic(full: str, n_sentences: int) -> bool:
    """A short note is too short to show its topic; a longer text must name it once."""
    if n_sentences < int(lexicon.load("stance")["topic_min_sentences"]):
        return True
    return bool(lexicon.pattern("stance", "topic").search(full))


@Language.factory("finclaims_stances", default_config={"use_classifier": True})
def make_stances(nlp: Language, name: str, use_classifier: bool) -> StanceFinder:
    return StanceFinder(load_classifier() if use_classifier else None)
