"""Text of PDF documents (investor presentations, reports linked from news sites)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PyPdfError


class PdfTextError(ValueError):
    """The PDF could not be read."""


def pdf_text(body: bytes) -> tuple[str, str | None]:
    """(text with pages separated by blank lines, document title or None)."""
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise PdfTextError(f"unreadable PDF: {exc}") from exc
    return "\n\n".join(p for p in pages if p), (str(title).strip() or None) if title else None


def is_pdf(content_type: str, body: bytes) -> bool:
    return "application/pdf" in content_type or body[:5] == b"%PDF-"
