"""Reading local files into Documents: headers, bodies, HTML, PDF and errors."""

from datetime import date

import pytest

from finclaims.localfiles import LocalFileError, read_document, split_header


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_fields_fill_the_document(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        "title: Q3 call notes\npublished: 2025-10-30\n"
        "origin_url: https://news.example/q3\npublisher: Example Wire\ncompany: msft\n"
        "kind: transcript\nmood: ignored\n---\nBody line one.\nBody line two.\n",
    )
    doc = read_document(path)
    assert (doc.title, doc.published, doc.url, doc.publisher, doc.ticker, doc.doc_type) == (
        "Q3 call notes",
        date(2025, 10, 30),
        "https://news.example/q3",
        "Example Wire",
        "MSFT",
        "transcript",
    )
    assert doc.text == "Body line one.\nBody line two.\n" and doc.source == "local"


def test_unknown_published_and_file_url(tmp_path):
    path = write(tmp_path, "b.md", "published: unknown\nkind: analysis\n---\nText.")
    doc = read_document(path)
    assert doc.published is None and doc.url == path.resolve().as_uri()
    assert doc.doc_type == "news"


def test_unmapped_kind_is_other(tmp_path):
    assert read_document(write(tmp_path, "c.txt", "kind: podcast\n---\nx")).doc_type == "other"


def test_no_separator_means_whole_file_is_body(tmp_path):
    text = "Title: not a header\nJust prose.\n"
    doc = read_document(write(tmp_path, "d.txt", text))
    assert doc.text == text and doc.title is None


def test_separator_after_line_30_is_body():
    text = "".join(f"line {i}\n" for i in range(31)) + "---\nrest\n"
    assert split_header(text) == ({}, text)


def test_bad_published_is_named(tmp_path):
    path = write(tmp_path, "e.txt", "published: 30/10/2025\n---\nx")
    with pytest.raises(LocalFileError, match="published.*YYYY-MM-DD"):
        read_document(path)


def test_unsupported_suffix(tmp_path):
    with pytest.raises(LocalFileError, match="unsupported file type '.docx'"):
        read_document(write(tmp_path, "f.docx", "x"))


def test_missing_file(tmp_path):
    with pytest.raises(LocalFileError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


def test_not_utf8(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes(b"caf\xe9 \xff")
    with pytest.raises(LocalFileError, match="not UTF-8"):
        read_document(path)


def test_broken_pdf(tmp_path):
    path = tmp_path / "h.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(LocalFileError, match="PDF"):
        read_document(path)


def test_html_uses_the_article_extractor(tmp_path):
    pytest.importorskip("spiders.article", reason="article extractor not available yet")
    body = " ".join(["Meta expects capital expenditures of $70 billion in 2025."] * 8)
    html = (
        f"<html lang='en'><head><title>Capex note</title></head><body><article><h1>Capex "
        f"note</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    doc = read_document(write(tmp_path, "i.html", html))
    assert "capital expenditures" in doc.text and doc.html == html
    assert doc.url.startswith("file://") and doc.source == "local"
