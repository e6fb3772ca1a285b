"""Documents from files on disk: text/markdown with an optional header, HTML, PDF.

A text file may open with ``key: value`` lines ended by a line that is exactly ``---``
(within the first 30 lines); the body is what follows. Without that line the whole file
is the body, so a plain note that happens to contain "Title: ..." loses nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError

from finclaims.errors import FinclaimsError
from finclaims.models import Document

HEADER_MAX_LINES = 30
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
DOC_TYPES = {
    "press_release": "press_release",
    "press-release": "press_release",
    "press release": "press_release",
    "pr": "press_release",
    "earnings release": "press_release",
    "transcript": "transcript",
    "earnings call": "transcript",
    "call transcript": "transcript",
    "8-k": "8-K",
    "8k": "8-K",
    "10-q": "10-Q",
    "10q": "10-Q",
    "10-k": "10-K",
    "10k": "10-K",
    "news": "news",
    "article": "news",
    "analysis": "news",
    "opinion": "news",
    "blog": "news",
}


class LocalFileError(FinclaimsError, ValueError):
    """A file that cannot become a Document; the message is one line naming the problem."""


def read_document(path: Path) -> Document:
    """The Document for ``path`` (source "local"; url from ``origin_url`` or ``file://``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _from_text(path)
    if suffix in HTML_SUFFIXES:
        return _from_html(path)
    if suffix == ".pdf":
        return _from_pdf(path)
    raise LocalFileError(
        f"{path}: unsupported file type {suffix or '(none)'!r}; "
        "expected .txt, .md, .html, .htm or .pdf"
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``(header, body)``; the header is empty when no ``---`` line ends it in time."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[: HEADER_MAX_LINES + 1]):
        if line.rstrip("\r\n") == "---":
            header = {}
            for raw in lines[:i]:
                key, sep, value = raw.partition(":")
                if sep and key.strip():
                    header[key.strip().lower()] = value.strip()
            return header, "".join(lines[i + 1 :])
    return {}, text


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LocalFileError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise LocalFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _from_text(path: Path) -> Document:
    header, body = split_header(_read_text(path))
    return _document(
        path,
        body,
        title=header.get("title") or None,
        published=_published(path, header.get("published")),
        url=header.get("origin_url") or None,
        publisher=header.get("publisher") or None,
        ticker=header.get("company") or None,
        doc_type=_doc_type(header.get("kind")),
    )


def _published(path: Path, value: str | None) -> date | None:
    if not value or value.lower() == "unknown":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise LocalFileError(
            f"{path}: header 'published' must be YYYY-MM-DD or 'unknown', got {value!r}"
        ) from exc


def _doc_type(kind: str | None) -> str:
    if not kind:
        return "news"
    return DOC_TYPES.get(kind.strip().lower(), "other")


def _from_html(path: Path) -> Document:
    from spiders.article import extract_article

    html = _read_text(path)
    article = extract_article(html, path.resolve().as_uri())
    if not article.text.strip():
        raise LocalFileError(f"{path}: no article text found in the page")
    return _document(
        path,
        article.text,
        title=article.title,
        published=article.published,
        url=None,
        publisher=article.publisher,
        author=article.author,
        language=article.language,
        html=html,
    )


def _from_pdf(path: Path) -> Document:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (OSError, PdfReadError, ValueError) as exc:
        raise LocalFileError(f"{path}: cannot read PDF ({exc})") from exc
    if not text.strip():
        raise LocalFileError(f"{path}: PDF has no extractable text (scanned image?)")
    return _document(path, text, title=(reader.metadata or {}).get("/Title"), url=None)


def _document(path: Path, text: str, url: str | None, **fields) -> Document:
    try:
        return Document(
            url=url or path.resolve().as_uri(),
            source="local",
            text=text,
            **{k: v for k, v in fields.items() if v is not None},
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(x) for x in problem["loc"])
        raise LocalFileError(f"{path}: invalid {where}: {problem['msg']}") from exc
