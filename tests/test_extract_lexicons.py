"""Every pattern in the cue files compiles.

Patterns are compiled on first use, so a bad one in a rarely used key would otherwise only
show up as a per-document extraction problem on the first text that reaches it.
"""

from __future__ import annotations

import re

import pytest

from extractors import lexicon

# Keys read item by item (``lexicon.patterns``), whose items may share group names.
PER_ITEM = {"tables": ("unit",)}
FILES = sorted(p.stem for p in lexicon.DATA.glob("*.yaml") if p.stem != "fiscal_year_ends")


def _pattern_keys(name: str) -> list[str]:
    """Keys whose value is a pattern string, a list of them, or a label -> pattern table."""
    data = lexicon.load(name)
    keys = []
    for key, value in data.items():
        if isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            keys.append(key)
    return keys


@pytest.mark.parametrize("name", ["capex", "ad_claims", "sections", "tables"])
def test_every_pattern_of_a_cue_file_compiles(name):
    assert name in FILES
    for key in _pattern_keys(name):
        for pattern in lexicon.patterns(name, key):
            assert isinstance(pattern, re.Pattern)
        if key not in PER_ITEM.get(name, ()):
            lexicon.pattern(name, key)  # read as one alternation (``rx``): that compiles too
    for key, value in lexicon.load(name).items():
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            assert lexicon.mapping(name, key)
