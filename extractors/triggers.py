"""Which sentences can a cue pattern match at all? A word-level prefilter, derived from the
patterns themselves.

Running every cue regex over every sentence costs far more than tokenizing. Almost every
cue starts at a word boundary with a known word stem ("spook", "capital", "roas"), so a
sentence can only match it if one of its words starts with that stem. ``first_stems``
reads the stems out of the compiled regex (its parse tree), so the prefilter never
disagrees with the data files: a sentence it rules out cannot match the pattern. A pattern
whose first word cannot be read this way (it starts with a symbol or an optional part) is
checked on every sentence instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\w*")
MAX_STEMS = 256  # a pattern that fans out further is cut where it stands
MIN_STEM = 1
CACHE_WORDS = 200_000  # bounded, so a long stream of new words cannot grow it forever


def first_stems(pattern: re.Pattern | str) -> frozenset[str] | None:
    """Lower-case stems one of which starts the first word of every match, or None.

    None means the first word is not knowable from the pattern: it does not start at a
    word boundary or it starts with a symbol.
    """
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    try:
        tree = P.parse(source, re.I)
    except re.error:
        return None
    stems = _branch_stems([list(tree)])
    if stems is None:
        return None
    cut = {_WORD_START.match(s).group() for s in stems}
    if not cut or min(len(s) for s in cut) < MIN_STEM:
        return None
    return frozenset(cut)


def _branch_stems(alternatives: list[list]) -> set[str] | None:
    """Stems for a choice between sequences, each of which must open at a boundary."""
    out: set[str] = set()
    for seq in alternatives:
        seq = list(seq)
        if seq and seq[0][0] is C.SUBPATTERN:
            inner = seq[0][1][-1]
            stems = _branch_stems([list(inner) + seq[1:]]) if _opens_bounded(inner) else None
        elif seq and seq[0][0] is C.BRANCH:
            stems = _branch_stems([list(a) + seq[1:] for a in seq[0][1][1]])
        elif seq and seq[0] == (C.AT, C.AT_BOUNDARY):
            stems, _ = _prefixes(seq[1:])
        else:
            return None
        if stems is None:
            return None
        out |= stems
    return out


def _opens_bounded(inner) -> bool:
    """A group may carry the boundary inside it: ``(?:\\bfoo|\\bbar)``."""
    items = list(inner)
    if not items:
        return False
    op, av = items[0]
    if (op, av) == (C.AT, C.AT_BOUNDARY):
        return True
    if op is C.BRANCH:
        return all(list(a) and _opens_bounded(a) for a in av[1])
    if op is C.SUBPATTERN:
        return _opens_bounded(av[-1])
    return False


def _prefixes(items: Sequence) -> tuple[set[str] | None, bool]:
    """(literal prefixes every match of ``items`` starts with, whether they are whole)."""
    out = {""}
    items = list(items)
    for k, (op, av) in enumerate(items):
        if op is C.LITERAL:
            out = {p + chr(av).lower() for p in out}
            continue
        if op is C.IN:
            chars = _chars(av)
            if chars is None or len(chars) * len(out) > MAX_STEMS:
                return out, False
            out = {p + c for p in out for c in chars}
            continue
        if op is C.SUBPATTERN:
            sub, whole = _prefixes(av[-1])
        elif op is C.BRANCH:
            sub, whole = _alternatives(av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            sub, _ = _prefixes(av[2])
            whole = False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):  # optional: its text or what follows
            body, _ = _prefixes(av[2])
            rest, _ = _prefixes(items[k + 1 :])
            sub = None if body is None or rest is None else body | rest
            whole = False
        else:
            return out, False
        if sub is None or len(sub) * len(out) > MAX_STEMS:
            return out, False
        out = {p + q for p in out for q in sub}
        if not whole:
            return out, False
    return out, True


def _alternatives(branches) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    whole = True
    for alt in branches:
        sub, w = _prefixes(list(alt))
        if sub is None:
            return None, False
        out |= sub
        whole = whole and w
    return out, whole


def _chars(av) -> set[str] | None:
    chars: set[str] = set()
    for op, a in av:
        if op is C.LITERAL:
            chars.add(chr(a).lower())
        elif op is C.RANGE and a[1] - a[0] < 26:
            chars |= {chr(c).lower() for c in range(a[0], a[1] + 1)}
        else:
            return None
    return chars


@dataclass
class TriggerIndex:
    """Cue patterns by group, and which of them a set of words can trigger.

    ``keys`` are ``(group, index)`` pairs; a key whose pattern has no knowable stems is in
    ``always`` and is reported for every sentence.
    """

    stems: dict[str, set[tuple[str, int]]] = field(default_factory=dict)
    always: set[tuple[str, int]] = field(default_factory=set)
    _lengths: list[int] = field(default_factory=list)
    _cache: dict[str, frozenset[tuple[str, int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, groups: dict[str, Iterable[re.Pattern | str]]) -> TriggerIndex:
        index = cls()
        for group, patterns in groups.items():
            for i, pattern in enumerate(patterns):
                found = first_stems(pattern)
                if found is None:
                    index.always.add((group, i))
                    continue
                for stem in found:
                    index.stems.setdefault(stem, set()).add((group, i))
        index._lengths = sorted({len(s) for s in index.stems})
        return index

    def word_keys(self, word: str) -> frozenset[tuple[str, int]]:
        """The patterns a (lower-case) word can open; cached, as words repeat."""
        hit = self._cache.get(word)
        if hit is None:
            keys: set[tuple[str, int]] = set()
            for n in self._lengths:
                if n > len(word):
                    break
                keys.update(self.stems.get(word[:n], ()))
            if len(self._cache) >= CACHE_WORDS:
                self._cache.clear()
            hit = self._cache[word] = frozenset(keys)
        return hit

    def trigger_words(self, words: Iterable[str]) -> set[str]:
        """The words (of a document) that open at least one pattern."""
        return {w for w in words if self.word_keys(w)}

    def keys(self, words: Iterable[str]) -> set[tuple[str, int]]:
        """Every pattern the words can open, plus the ones checked everywhere."""
        out = set(self.always)
        for w in words:
            out |= self.word_keys(w)
        return out
