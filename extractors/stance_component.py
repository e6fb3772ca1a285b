"""The stance component: bull and bear sentences and the document stance.

Kept apart from ``components.py`` because the stance method (cue lexicon, trained
classifier) changes on its own schedule; it reads the sentence index and cues that
``finclaims_amounts`` left on the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components import sentences
from extractors.sentences import doc_text
from extractors.stance import document_stance, find_stance, is_strict


class StanceFinder:
    """Fills ``doc._.stances`` and the document stance ``doc._.stance``."""

    def __call__(self, doc: Doc) -> Doc:
        found = (doc._.cues or {}).get("stance", [])
        sents = sentences(doc, [k for k, _ in found])
        strict = is_strict((doc._.context or {}).get("doc_type"))
        full, offsets = doc_text(doc), doc._.sent_offsets or []
        doc._.stances = [
            s
            for sent, (k, keys) in zip(sents, found, strict=True)
            if (
                s := find_stance(
                    sent, [tuple(key) for key in keys], _before(full, offsets, k), strict
                )
            )
        ]
        doc._.stance = document_stance([s["stance"] for s in doc._.stances])
        return doc


def _before(full: str, offsets: list, k: int) -> str:
    """The sentence before sentence ``k`` (empty for the first)."""
    if k <= 0 or k > len(offsets):
        return ""
    start, end = offsets[k - 1]
    return full[start:end]


@Language.factory("finclaims_stances")
def make_stances(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder()
