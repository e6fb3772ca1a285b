"""Cue lists and patterns, read once from the YAML files in ``data/``.

Keeping the words in data files lets analysts extend a lexicon without touching code;
every pattern is compiled here so a bad one fails loudly at load time, naming its file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from extractors.match_start import fast_start, unguarded

DATA = Path(__file__).parent / "data"


class LexiconError(ValueError):
    """A cue file is missing, malformed, or holds a pattern that does not compile."""


@cache
def load(name: str) -> dict:
    """The parsed ``data/<name>.yaml``."""
    path = DATA / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def compile_one(name: str, pattern: str, flags: int = re.I) -> re.Pattern:
    """The pattern compiled, with a guard saying where its matches can start (see
    ``match_start``; ``unguarded`` gives the source as written)."""
    try:
        return fast_start(re.compile(pattern, flags))
    except re.error as exc:
        raise LexiconError(f"data/{name}.yaml: bad pattern {pattern!r}: {exc}") from exc


_PART = re.compile(r"<<(\w+)>>")


def expand(name: str, pattern: str) -> str:
    """``<<key>>`` stands for the pattern under ``key`` in the same file, as a group.

    Why: one word list (what counts as AI infrastructure) serves several patterns, and the
    prefilter reads it too; written once, they cannot drift apart.
    """

    def part(m: re.Match) -> str:
        value = load(name).get(m.group(1))
        if not isinstance(value, str):
            raise LexiconError(f"data/{name}.yaml: <<{m.group(1)}>> names no pattern string")
        return f"(?:{expand(name, value)})"

    return _PART.sub(part, pattern)


@cache
def words(filename: str) -> tuple[str, ...]:
    """The entries of a plain word list in ``data/`` (one per line, ``#`` starts a comment
    line), stripped, in file order."""
    path = DATA / filename
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def patterns(name: str, key: str) -> tuple[re.Pattern, ...]:
    """The compiled patterns listed under ``key`` (a string or a list of strings)."""
    value = load(name).get(key)
    if value is None:
        raise LexiconError(f"data/{name}.yaml: missing key {key!r}")
    items = [value] if isinstance(value, str) else list(value)
    return tuple(compile_one(name, expand(name, p)) for p in items)


@cache
def pattern(name: str, key: str) -> re.Pattern:
    """One alternation of everything listed under ``key``."""
    return compile_one(name, "|".join(f"(?:{unguarded(p)})" for p in patterns(name, key)))


@cache
def mapping(name: str, key: str) -> dict[str, re.Pattern]:
    """A ``label -> pattern`` table, in file order (the first label that matches wins)."""
    table = load(name).get(key)
    if not isinstance(table, dict):
        raise LexiconError(f"data/{name}.yaml: {key!r} must be a mapping")
    return {label: compile_one(name, expand(name, p)) for label, p in table.items()}
