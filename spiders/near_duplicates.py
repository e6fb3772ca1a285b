"""Syndicated copies: the same article body published under several URLs.

A body is fingerprinted after extraction and boilerplate removal, by the hash of its
normalised words (exact copies) and by the hashes of its sentences (sentence shingles).
Aggregators add credit lines, share bars and related links, reflow paragraphs or edit a
sentence; what survives is most of the original's sentences word for word, so a body
that contains at least ``MIN_CONTAINMENT`` of the other's sentences is the same article.
The first copy is stored; the others are logged with its document id, which links every
URL to the one document.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from spiders.state import Fingerprint

MIN_CONTAINMENT = 0.8
MIN_SHARED = 3  # sentences; fewer is too little evidence (briefs, one-line notes)
MIN_SENTENCE_WORDS = 6  # shorter "sentences" are datelines, credits and captions
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _digest(words: list[str], size: int = 8) -> str:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=size).hexdigest()


def fingerprint(text: str, document_id: str, url: str) -> Fingerprint:
    sentences = {
        _digest(words)
        for part in _SENTENCE_END.split(text)
        if len(words := _words(part)) >= MIN_SENTENCE_WORDS
    }
    return Fingerprint(
        body_hash=_digest(_words(text), 32),
        sentences=sorted(sentences),
        document_id=document_id,
        url=url,
    )


class NearDuplicateIndex:
    """Fingerprints of stored bodies, searchable by body hash and by sentence hash."""

    def __init__(self, known: list[Fingerprint]) -> None:
        self.known = known
        self.by_hash: dict[str, Fingerprint] = {}
        self.by_sentence: dict[str, list[int]] = defaultdict(list)
        for position in range(len(known)):
            self._index(position)

    def _index(self, position: int) -> None:
        found = self.known[position]
        self.by_hash.setdefault(found.body_hash, found)
        for sentence in found.sentences:
            self.by_sentence[sentence].append(position)

    def match(self, text: str, url: str) -> Fingerprint | None:
        """The stored document this body copies, if any (never the same URL)."""
        probe = fingerprint(text, "", url)
        exact = self.by_hash.get(probe.body_hash)
        if exact is not None and exact.url != url:
            return exact
        shared = Counter(p for s in probe.sentences for p in self.by_sentence.get(s, ()))
        for position, count in shared.most_common():
            candidate = self.known[position]
            smaller = min(len(candidate.sentences), len(probe.sentences))
            if count < MIN_SHARED or candidate.url == url:
                continue
            if count / smaller >= MIN_CONTAINMENT:
                return candidate
        return None

    def add(self, text: str, url: str, document_id: str) -> None:
        self.known.append(fingerprint(text, document_id, url))
        self._index(len(self.known) - 1)
