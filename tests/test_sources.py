"""sources.yaml: valid entries load, bad ones are reported by line, non-YAML is fatal."""

from __future__ import annotations

import pytest

from spiders.sources import SEC_ARCHIVES, SourcesError, load_sources

GOOD = """\
news:
  - name: demo-news
    publisher: Demo Wire
    allowed_domains: [news.example.com]
    feeds: ["https://news.example.com/feed.xml"]
    sitemaps: ["https://news.example.com/sitemap.xml"]
    urls: ["https://news.example.com/a.html"]
edgar:
  user_agent: "Acme Research ops@example.com"
  tickers: [nwcs, hrbl]
  forms: ["8-K"]
  items: ["2.02"]
  exhibits: ["EX-99.1"]
  endpoints:
    submissions: "http://127.0.0.1:8000/submissions"
"""


def _write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads_everything(tmp_path):
    config = load_sources(_write(tmp_path, GOOD))
    assert config.problems == []
    [source] = config.news
    assert source.name == "demo-news" and source.publisher == "Demo Wire"
    assert source.feeds == ["https://news.example.com/feed.xml"]
    assert config.edgar.tickers == ["NWCS", "HRBL"]
    assert config.edgar.endpoints.submissions == "http://127.0.0.1:8000/submissions/"
    assert config.edgar.endpoints.archives == SEC_ARCHIVES


def test_bad_entries_reported_with_line_and_rest_kept(tmp_path):
    text = GOOD.replace(
        "edgar:",
        "  - name: second\n"
        "    feeds: [not-a-url]\n"  # line 9
        "  - name: third\n"
        "    colour: blue\n"  # line 11
        "  - name: demo-news\n"  # line 12: duplicate
        "edgar:",
    )
    config = load_sources(_write(tmp_path, text))
    assert [s.name for s in config.news] == ["demo-news"]
    assert config.edgar is not None
    found = [(p.line, p.message) for p in config.problems]
    assert found[0][0] == 9 and "news.1.feeds" in found[0][1] and "not-a-url" in found[0][1]
    assert found[1][0] == 11 and "colour" in found[1][1]
    assert found[2][0] == 12 and "duplicate name 'demo-news'" in found[2][1]
    assert str(config.problems[0]).startswith("line 9: ")


def test_bad_edgar_section_is_dropped_with_its_line(tmp_path):
    text = GOOD.replace('  forms: ["8-K"]', "  forms: 8-K-and-more\n  bogus: 1")
    config = load_sources(_write(tmp_path, text))
    assert config.edgar is None and len(config.news) == 1
    lines = {p.line: p.message for p in config.problems}
    assert "edgar.forms" in lines[11]
    assert "edgar.bogus" in lines[12]


def test_unknown_top_level_key(tmp_path):
    config = load_sources(_write(tmp_path, GOOD + "extras: true\n"))
    assert [(p.line, p.message) for p in config.problems] == [
        (16, "unknown top-level key 'extras'")
    ]


@pytest.mark.parametrize("text", ["news: [a, b\n  - : :", "just a sentence", "- a\n- b\n"])
def test_not_yaml_or_wrong_shape_raises_one_line(tmp_path, text):
    with pytest.raises(SourcesError) as info:
        load_sources(_write(tmp_path, text))
    message = str(info.value)
    assert "sources.yaml" in message and "\n" not in message


def test_missing_file_raises(tmp_path):
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "nope.yaml")


def test_companyfacts_endpoint_defaults_beside_submissions():
    from spiders.sources import SEC_COMPANYFACTS, EdgarEndpoints

    assert EdgarEndpoints().companyfacts == SEC_COMPANYFACTS
    mirror = EdgarEndpoints(submissions="http://127.0.0.1:8765/edgar/submissions/")
    assert mirror.companyfacts == "http://127.0.0.1:8765/edgar/api/xbrl/companyfacts/"
    explicit = EdgarEndpoints(companyfacts="http://127.0.0.1:9/facts")
    assert explicit.companyfacts == "http://127.0.0.1:9/facts/"
