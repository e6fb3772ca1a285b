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
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from extractors import lexicon
from extractors.match_start import unguarded

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\w*")
_NON_WORD = re.compile(r"\W+")
MAX_STEMS = 256  # a pattern that fans out further is cut where it stands
MIN_STEM = 1
MIN_REQUIRED = 2
CACHE_WORDS = 200_000  # bounded, so a long stream of new words cannot grow it forever


def first_stems(pattern: re.Pattern | str) -> frozenset[str] | None:
    """Lower-case stems one of which starts the first word of every match, or None.

    None means the first word is not knowable from the pattern: it does not start at a
    word boundary or it starts with a symbol.
    """
    alts = alternatives(pattern)
    if any(a.stems is None for a in alts):
        return None
    return frozenset().union(*(a.stems for a in alts))


@dataclass(frozen=True)
class Alternative:
    """One way a pattern can match: how its first word starts, and text it must contain.

    ``stems`` is None when the first word is not knowable; ``required`` lists groups of
    lower-case strings, one of each group appearing in every match.
    """

    stems: frozenset[str] | None
    required: tuple[frozenset[str], ...] = ()

    def holds(self, lower: str) -> bool:
        """Whether ``lower`` contains one string of every required group."""
        for group in self.required:
            for s in group:
                if s in lower:
                    break
            else:
                return False
        return True


MAX_ALTERNATIVES = 64
_NONE: frozenset[int] = frozenset()


def alternatives(pattern: re.Pattern | str) -> list[Alternative]:
    """The pattern split at its leading alternation, each part read as an ``Alternative``."""
    source = unguarded(pattern)  # the pattern as written, its alternation at the top
    try:
        tree = P.parse(source, re.I)
    except re.error:
        return [Alternative(None)]
    return _merge([_read(seq) for seq in _split(list(tree))])


def _merge(alts: list[Alternative]) -> list[Alternative]:
    """Alternatives looked up by the same stems become one, requiring what they share.

    Why: "(first|second|third|fourth) quarter results" split four ways would otherwise
    test four alternatives on every sentence that says "quarter".
    """
    by_stems: dict[frozenset[str] | None, list[Alternative]] = {}
    for alt in alts:
        by_stems.setdefault(alt.stems, []).append(alt)
    out = []
    for stems, group in by_stems.items():
        if stems is None or len(group) == 1:
            out.extend(group)
            continue
        shared = set(group[0].required).intersection(*(a.required for a in group[1:]))
        out.append(Alternative(stems, tuple(g for g in group[0].required if g in shared)))
    return out


def _split(seq: list) -> list[list]:
    """Leading groups inlined and leading branches multiplied out (up to a limit)."""
    if not seq:
        return [seq]
    op, av = seq[0]
    if op is C.SUBPATTERN:
        return _split(list(av[-1]) + seq[1:])
    if op is C.BRANCH:
        parts = [x for alt in av[1] for x in _split(list(alt) + seq[1:])]
        return parts if len(parts) <= MAX_ALTERNATIVES else [seq]
    if (op, av) == (C.AT, C.AT_BOUNDARY) and len(seq) > 1:
        return [[seq[0], *rest] for rest in _split(seq[1:])]
    return [seq]


def _read(seq: list) -> Alternative:
    """Required text and the most selective word slot of one alternative."""
    required, slots = _walk(seq)
    slots = [s for s in slots if s and min(len(x) for x in s) >= MIN_STEM]
    if not slots:
        return Alternative(None, required)
    best = min(slots, key=_commonness)
    implied = [g for g in required if all(any(r in stem for r in g) for stem in best)]
    return Alternative(best, tuple(g for g in required if g not in implied))


def _commonness(stems: frozenset[str]) -> tuple:
    """Lower is rarer: stop words and short stems open too many sentences to be triggers."""
    common = sum(1 for s in stems if len(s) < 4 or s in _common_words())
    return (common, -min(len(s) for s in stems), len(stems))


@cache
def _common_words() -> frozenset[str]:
    listed = {w.lower() for w in lexicon.words("common_words.txt")}
    return frozenset(STOP_WORDS) | frozenset(listed)


def _walk(seq: list) -> tuple[tuple[frozenset[str], ...], list[frozenset[str]]]:
    """(required text groups, word-start stem slots) of a sequence that cannot be skipped.

    A slot is a set of stems one of which starts a word of every match: it is read where
    the pattern stands at a word start (after ``\\b``, a space or ``\\s+``).
    """
    required: list[frozenset[str]] = []
    slots: list[frozenset[str]] = []
    run, run_at_word, at_word = "", False, False

    def flush() -> None:
        if len(run) >= MIN_REQUIRED:
            required.append(frozenset([run]))
        slots.extend(frozenset([w]) for w in _word_starts(run, run_at_word))

    for op, av in seq:
        if op is C.LITERAL:
            if not run:
                run_at_word = at_word
            run += chr(av).lower()
            at_word = not _is_word_char(run[-1])
            continue
        if joined := _joined_slot(run, run_at_word, op, av):
            slots.append(joined)  # "b" + (ulls?|ears?): the word starts "bull" or "bear"
        flush()
        run = ""
        if op is C.AT:
            at_word = av is C.AT_BOUNDARY or at_word
            continue
        found = _opening(op, av)
        if found:
            if min(len(x) for x in found) >= MIN_REQUIRED:
                required.append(frozenset(found))
            if at_word:
                cut = frozenset(_WORD_START.match(x).group() for x in found)
                slots.append(cut if "" not in cut else frozenset())
        at_word = _spacey(op, av) or (at_word and _optional(op, av) and _ends_spaced(op, av))
    flush()
    return tuple(required), slots


def _joined_slot(run: str, run_at_word: bool, op, av) -> frozenset[str] | None:
    """Stems of a word that a literal run begins and the next element goes on with.

    Why: the regex parser factors a shared prefix out of an alternation
    (``bulls?|bears?`` becomes ``b(?:ulls?|ears?)``), which would leave "b" as the stem.
    """
    if not run or not _is_word_char(run[-1]):
        return None
    pieces = _NON_WORD.split(run)
    if len(pieces) == 1 and not run_at_word:
        return None
    found = _opening(op, av)
    if not found:
        return None
    joined = frozenset(_WORD_START.match(pieces[-1] + x).group() for x in found)
    return joined if "" not in joined else None


def _word_starts(run: str, at_word: bool) -> list[str]:
    """The words of a literal run that begin at a word start (after any non-word
    character, or at the run's start when the run itself opens a word)."""
    pieces = _NON_WORD.split(run)
    return [p for k, p in enumerate(pieces) if p and (k or at_word)]


def _opening(op, av) -> set[str] | None:
    """Text every match of a mandatory element starts with, or None."""
    if op in (C.SUBPATTERN, C.BRANCH):
        found, _ = _prefixes([(op, av)])
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        found, _ = _prefixes(av[2])
    else:
        return None
    return found if found and "" not in found else None


def _optional(op, av) -> bool:
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _spacey(op, av) -> bool:
    """A mandatory element that always ends with a non-word character (``\\s+``,
    ``[- ]``, ``\\W``), so whatever word follows it starts a word."""
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _all_space(av[2])
    if op is C.IN:
        return _all_space([(op, av)])
    return False


def _all_space(items) -> bool:
    items = list(items)
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is C.LITERAL:
        return not _is_word_char(chr(av))
    if op is C.IN:
        return all(
            (o is C.CATEGORY and a in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD))
            or (o is C.LITERAL and not _is_word_char(chr(a)))
            for o, a in av
        )
    return False


def _ends_spaced(op, av) -> bool:
    """An optional element whose every way of matching ends with white space."""
    return _seq_ends_spaced(av[2])


def _seq_ends_spaced(items) -> bool:
    items = list(items)
    if not items:
        return False
    op, av = items[-1]
    if op is C.LITERAL:
        return not _is_word_char(chr(av))
    if op is C.SUBPATTERN:
        return _seq_ends_spaced(av[-1])
    if op is C.BRANCH:
        return all(_seq_ends_spaced(a) for a in av[1])
    return _spacey(op, av)


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


def _keys(alt: Alternative) -> tuple[frozenset[str], frozenset[str]] | None:
    """(stems, parts) to index an alternative under: a word of the sentence starting with
    one of the stems, or containing one of the parts, must be there for it to match.

    Its own stems, or one word from each string of one required group, whichever holds
    the fewest everyday keys. Why: "has yet to deliver" opens on "has", so keyed there
    nearly every sentence would be tested. A word of a required string starts a word of
    the sentence when a non-word character precedes it in the string (a stem), and sits
    inside one otherwise (a part).
    """
    options = [(alt.stems, frozenset())] if alt.stems is not None else []
    options += [keys for group in alt.required if (keys := _group_keys(group))]
    return min(options, key=_cost) if options else None


def _cost(option: tuple[frozenset[str], frozenset[str]]) -> tuple[int, int, int]:
    """Everyday keys first, then parts (a part is found inside more words than a stem
    starts), then the number of keys."""
    stems, parts = option
    return _everyday_count(option), len(parts), len(stems)


def _everyday_count(option: tuple[frozenset[str], frozenset[str]]) -> int:
    stems, parts = option
    return sum(map(_everyday, stems)) + sum(map(_everyday_part, parts))


def _group_keys(group: frozenset[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """One word of each string of a required group, as a stem or a part: the least
    everyday one, then a stem before a part, then the longest ("before demand" gives
    "demand")."""
    stems, parts = set(), set()
    for text in group:
        choices = []
        for m in WORD.finditer(text):
            stem = m.start() > 0 and not _is_word_char(text[m.start() - 1])
            everyday = _everyday(m.group()) if stem else _everyday_part(m.group())
            choices.append((everyday, not stem, -len(m.group()), m.group()))
        if not choices:
            return None
        _, part, _, word = min(choices)
        (parts if part else stems).add(word)
    return frozenset(stems), frozenset(parts)


def _gate(alts: list[Alternative]) -> tuple[str, ...] | None:
    """Strings of which a text must hold one for any of ``alts`` to match: the smallest
    distinctive required group of each (None when one of them requires nothing).

    Checked with ``in`` one by one: a regex alternation of phrases is tried phrase by
    phrase at every position of the text, which costs far more."""
    strings: set[str] = set()
    for alt in alts:
        groups = [g for g in alt.required if _distinctive(g)] or list(alt.required)
        if not groups:
            return None
        strings |= min(groups, key=len)
    return tuple(sorted(strings))


def _distinctive(group: frozenset[str]) -> bool:
    """Each string of the group is a phrase or holds a word that is not everyday
    ("has yet to ", "default"): few documents hold one, unlike "used" or "when "."""
    return all(
        len(words := WORD.findall(text)) >= 2 or any(not _everyday_part(w) for w in words)
        for text in group
    )


def _everyday(word: str) -> bool:
    """A stop word or a letter: a stem most sentences hold ("ad" and "ai" are not).

    Narrower than ``_common_words`` on purpose: that list ranks the stems a pattern
    already has; here an everyday key sends a cue to the per-document gate, and with
    that list twice as many cues went there and extraction ran about 4% slower."""
    return len(word) <= 1 or word in STOP_WORDS


def _everyday_part(part: str) -> bool:
    """Short or a stop word: found inside too many words ("ear" in "year", "ow" in "now")."""
    return len(part) <= 4 or part in STOP_WORDS


@dataclass
class TriggerIndex:
    """Cue patterns by group, and which of them a sentence can match.

    Keys are ``(group, index)`` pairs. A sentence is a candidate for a key when one of its
    words starts with a stem of one of the key's alternatives and the sentence holds that
    alternative's required text. An alternative without stems that must contain a word
    string ("impression") is opened by any word containing it. The rest, and those whose
    only keys are everyday words ("has yet to"), are tested on every sentence of a
    document that holds their required text anywhere (``everywhere``), which few do.
    """

    alts: list[tuple[tuple[str, int], Alternative]] = field(default_factory=list)
    stems: dict[str, set[int]] = field(default_factory=dict)
    always: list[int] = field(default_factory=list)
    inner: dict[str, set[int]] = field(default_factory=dict)
    _lengths: list[int] = field(default_factory=list)
    _cache: dict[str, frozenset[int]] = field(default_factory=dict)
    _heads: set[str] = field(default_factory=set)
    _parts: re.Pattern = field(default=re.compile("(?!)"))
    _gate: tuple[str, ...] | None = None
    _checks: list[tuple[tuple[str, int], tuple[tuple[str, ...], ...]]] = field(default_factory=list)

    @classmethod
    def build(cls, groups: dict[str, Iterable[re.Pattern | str]]) -> TriggerIndex:
        index = cls()
        for group, patterns in groups.items():
            for i, pattern in enumerate(patterns):
                for alt in alternatives(pattern):
                    n = len(index.alts)
                    index.alts.append(((group, i), alt))
                    keys = _keys(alt)
                    if keys is None or (
                        _everyday_count(keys) and any(map(_distinctive, alt.required))
                    ):
                        index.always.append(n)
                        continue
                    for stem in keys[0]:
                        index.stems.setdefault(stem, set()).add(n)
                    for part in keys[1]:
                        index.inner.setdefault(part, set()).add(n)
        index._lengths = sorted({len(s) for s in index.stems})
        index._heads = {s[:2] for s in index.stems}
        index._parts = re.compile("|".join(map(re.escape, sorted(index.inner))) or "(?!)")
        index._gate = _gate([index.alts[n][1] for n in index.always])
        index._checks = [(key, tuple(map(tuple, alt.required))) for key, alt in index.alts]
        return index

    def word_alts(self, word: str) -> frozenset[int]:
        """The alternatives a (lower-case) word can open; cached, as words repeat."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if (
            word[:2] not in self._heads
            and word[:1] not in self._heads
            and not self._parts.search(word)
        ):
            return _NONE  # most words (and every number) open nothing: no cache entry
        found: set[int] = set()
        for n in self._lengths:
            if n > len(word):
                break
            found.update(self.stems.get(word[:n], ()))
        for part, opened in self.inner.items():
            if part in word:
                found.update(opened)
        if len(self._cache) >= CACHE_WORDS:
            self._cache.clear()
        hit = self._cache[word] = frozenset(found)
        return hit

    def everywhere(self, lower: str) -> frozenset[int]:
        """The alternatives to test on every sentence of the text ``lower``: those not
        keyed on a word whose required strings all occur somewhere in it."""
        if self._gate is not None and not any(s in lower for s in self._gate):
            return _NONE  # no such alternative can match anywhere in the text
        return frozenset(n for n in self.always if self.alts[n][1].holds(lower))

    def keys(self, words: Iterable[str], lower: str) -> set[tuple[str, int]]:
        """The patterns the lower-case sentence ``lower`` (whose words are ``words``) can
        match."""
        candidates = set(self.everywhere(lower))
        for w in words:
            candidates |= self.word_alts(w)
        return self.matching(candidates, lower)

    def matching(self, candidates: Iterable[int], lower: str) -> set[tuple[str, int]]:
        """The patterns of the alternatives ``candidates`` that can match the lower-case
        sentence ``lower`` (its required strings are in it)."""
        out: set[tuple[str, int]] = set()
        checks = self._checks  # (key, required groups as tuples): read on every sentence
        for n in candidates:
            key, required = checks[n]
            if key in out:
                continue
            for group in required:
                for s in group:
                    if s in lower:
                        break
                else:
                    break  # no string of this group: the alternative cannot match
            else:
                out.add(key)
        return out
