"""Named SQL statements kept in ``queries/<module>.sql``, one ``-- name: x`` section each.

Keeping SQL in files (not f-strings) means no statement is ever assembled from input;
values always travel as bound parameters or registered Arrow tables.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

QUERIES_DIR = Path(__file__).with_name("queries")
_NAME_RE = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


@cache
def named_queries(module: str) -> dict[str, str]:
    """Parse ``queries/<module>.sql`` into ``{name: statement}``."""
    text = (QUERIES_DIR / f"{module}.sql").read_text(encoding="utf-8")
    parts = _NAME_RE.split(text)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}
