"""Where can a match of a pattern start? A guard read from its parse tree, set before it.

Python's regex engine tries a pattern at every position of the text, and a cue list of
twenty phrases each opening with ``\\b`` costs twenty failed tries at every character of
a sentence. Almost every position can be ruled out by two cheap tests that the phrases
share: a word boundary, and the first character. ``fast_start`` reads both out of the
pattern and puts them in front (``\\b(?=[cp])(?:...)``), so the guarded pattern finds
exactly the same matches; the longest cue lists ran about three times faster
(bench/extract_speed.py). The guard is built under the pattern's own flags, so case
folding treats it as it treats the pattern.

Code that reads a pattern's structure (the trigger index) takes its source from
``unguarded``.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_CLASS_ESCAPES = {
    C.CATEGORY_DIGIT: "\\d",
    C.CATEGORY_NOT_DIGIT: "\\D",
    C.CATEGORY_SPACE: "\\s",
    C.CATEGORY_NOT_SPACE: "\\S",
    C.CATEGORY_WORD: "\\w",
    C.CATEGORY_NOT_WORD: "\\W",
}
_BROAD = {"\\D", "\\S", "\\w", "\\W"}
_DEPTH = 40  # nesting read before giving up: such a pattern keeps no guard

# guarded source -> the source it guards (``unguarded``)
_SOURCES: dict[str, str] = {}


class _Unknown(Exception):
    """The start of some match cannot be read: the pattern is left unguarded."""


def fast_start(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` with a guard in front saying where its matches can start, or
    ``pattern`` itself when nothing can be read (a match may be empty, start with any
    character, or the pattern uses a construct not read here)."""
    if not isinstance(pattern.pattern, str) or pattern.pattern in _SOURCES:
        return pattern  # (guarded already)
    try:
        boundary, items = _start(list(P.parse(pattern.pattern, pattern.flags).data), False, 0)
    except (_Unknown, re.error, RecursionError):
        return pattern
    if items and items & _BROAD:
        items = None  # nearly every character: a lookahead would only cost time
    guard = ("\\b" if boundary else "") + (f"(?=[{''.join(sorted(items))}])" if items else "")
    if not guard:
        return pattern
    source = f"{guard}(?:{pattern.pattern})"
    try:
        guarded = re.compile(source, pattern.flags)
    except re.error:  # global inline flags, say, must open the pattern: keep it as it is
        return pattern
    if guarded.groupindex != pattern.groupindex or guarded.groups != pattern.groups:
        return pattern  # pragma: no cover - non-capturing groups change neither
    _SOURCES[source] = pattern.pattern
    return guarded


def unguarded(pattern: re.Pattern | str) -> str:
    """The source of ``pattern`` as written, without a guard ``fast_start`` set."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return _SOURCES.get(source, source)


def _start(ops: list, after_non_word: bool, depth: int) -> tuple[bool, set[str] | None]:
    """(every match starts at a word boundary, class items of its first character or
    None) for the sequence ``ops``; raises ``_Unknown`` when even the boundary cannot be
    read and the first character can be anything."""
    if depth > _DEPTH:
        raise _Unknown
    boundary = False
    for i, (op, av) in enumerate(ops):
        rest = ops[i + 1 :]
        if op is C.AT:
            if av is not C.AT_BOUNDARY:  # an anchor: the engine already tries few places
                raise _Unknown
            boundary = True
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            if op is C.ASSERT and direction < 0 and _ends_non_word(sub):
                after_non_word = True  # "(?<=maintenance )capital": a boundary before
        elif op is C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown
            return _merge(boundary, [_start(list(sub.data) + rest, after_non_word, depth + 1)])
        elif op is C.BRANCH:
            branches = av[1]
            found = [_start(list(b.data) + rest, after_non_word, depth + 1) for b in branches]
            return _merge(boundary, found)
        elif op in _REPEATS:
            low, _, item = av
            found = [_start(list(item.data) + rest, after_non_word, depth + 1)]
            if low == 0:
                found.append(_start(rest, after_non_word, depth + 1))
            return _merge(boundary, found)
        else:
            items = _first_items(op, av)
            if items is None:
                if not boundary:
                    raise _Unknown
                return True, None
            return boundary or (after_non_word and _all_word(op, av)), items
    raise _Unknown  # the match can be empty: it can start anywhere


def _merge(boundary: bool, found: list[tuple[bool, set[str] | None]]) -> tuple[bool, set | None]:
    items: set[str] | None = set()
    for _, i in found:
        items = None if items is None or i is None else items | i
    return boundary or all(b for b, _ in found), items


def _first_items(op, av) -> set[str] | None:
    """Character-class items matching what ``op`` consumes first, or None."""
    if op is C.LITERAL:
        return {_char(av)}
    if op is not C.IN:
        return None
    items = set()
    for kind, value in av:
        if kind is C.LITERAL:
            items.add(_char(value))
        elif kind is C.RANGE:
            items.add(f"{_char(value[0])}-{_char(value[1])}")
        elif kind is C.CATEGORY and value in _CLASS_ESCAPES:
            items.add(_CLASS_ESCAPES[value])
        else:  # a negated class and the rest: not read
            return None
    return items


def _char(code: int) -> str:
    """The character as an escape, which means the same inside any class and any flags."""
    return f"\\U{code:08x}"


def _all_word(op, av) -> bool:
    """Every character ``op`` can consume first is a word character."""
    if op is C.LITERAL:
        return _is_word(av)
    return all(
        (kind is C.LITERAL and _is_word(value))
        or (kind is C.RANGE and all(_is_word(c) for c in range(value[0], value[1] + 1)))
        or (kind is C.CATEGORY and value is C.CATEGORY_WORD)
        for kind, value in av
    )


def _is_word(code: int) -> bool:
    """A word character under any flags (ASCII only: ``re.ASCII`` narrows ``\\w``)."""
    return code < 0x80 and (chr(code).isalnum() or code == ord("_"))


def _ends_non_word(sub) -> bool:
    """A lookbehind whose last character is a fixed non-word character ("maintenance ")."""
    if not sub.data:
        return False
    op, av = sub.data[-1]
    return op is C.LITERAL and not _is_word(av)
