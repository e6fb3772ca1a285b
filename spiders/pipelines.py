"""Item pipeline: every item becomes a validated :class:`Document` or is dropped with why.

Spiders yield plain dicts; validation happens once, here, so a page that produced a bad
field (an unparsable date, an empty body) is recorded as failed instead of reaching
the warehouse.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from scrapy.exceptions import DropItem

from finclaims.models import Document


def _describe(error: ValidationError) -> str:
    parts = []
    for err in error.errors():
        field = ".".join(str(p) for p in err["loc"]) or "document"
        parts.append(f"{field}: {err['msg']}")
    return "; ".join(parts)


class DocumentValidationPipeline:
    """Validate as ``Document``; emit its JSON form so dates keep their ISO format."""

    def process_item(self, item: Any) -> dict:
        data = dict(item)
        try:
            document = Document.model_validate(data)
        except ValidationError as exc:
            raise DropItem(_describe(exc)) from exc
        if not document.text.strip():
            raise DropItem("text: no text could be extracted")
        return document.model_dump(mode="json")
