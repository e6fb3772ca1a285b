"""Article extraction: body, metadata, canonical URL, dates and boilerplate cleaning."""

from __future__ import annotations

from datetime import date, timedelta

from spiders.article import clean_boilerplate, extract_article
from spiders.urls import canonicalize, host_allowed

BODY = """
<p>Meridian Search said on Thursday it expects capital expenditures of roughly $70 billion
in 2026, in line with the outlook it gave in October, as it keeps adding data center
capacity for its advertising and cloud businesses.</p>
<p>The company also said return on ad spend for its performance campaigns improved
by 12% in the quarter, helped by automated bidding tools that advertisers adopted
faster than expected.</p>
<p>Finance chief Tomas Lindqvist said the spending plan leaves room for share buybacks
and that the company does not expect to issue debt to fund construction this year.</p>
"""


def page(head: str = "", body_extra: str = "") -> str:
    return (
        f'<html lang="en"><head><meta charset="utf-8"><title>Meridian holds capex plan</title>'
        f"{head}</head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Meridian holds capex plan</h1>{BODY}{body_extra}</article></body></html>"
    )


def test_body_title_language_and_declared_metadata():
    html = page(
        '<meta property="og:site_name" content="Ledger Daily">'
        '<meta name="author" content="Ruth Okafor">'
        '<meta property="article:published_time" content="2026-01-15T08:00:00Z">'
    )
    article = extract_article(html, url="https://ledger.example.com/m/meridian.html")
    assert "roughly $70 billion" in article.text
    assert "Finance chief Tomas Lindqvist" in article.text
    assert "Home" not in article.text
    assert article.title == "Meridian holds capex plan"
    assert article.author == "Ruth Okafor"
    assert article.publisher == "Ledger Daily"
    assert article.published == date(2026, 1, 15)
    assert article.language == "en"
    assert article.text.count("\n") >= 2  # paragraphs kept apart


def test_no_date_stays_none_and_hostname_is_no_publisher():
    article = extract_article(page(), url="https://ledger.example.com/m/meridian.html")
    assert article.published is None
    assert article.publisher is None


def test_future_date_is_rejected():
    future = (date.today() + timedelta(days=40)).isoformat()
    html = page(f'<meta property="article:published_time" content="{future}T08:00:00Z">')
    assert extract_article(html, url="https://ledger.example.com/a").published is None


def test_canonical_link_wins_and_loses_tracking_params():
    html = page(
        '<link rel="canonical" href="/m/meridian.html?utm_source=x&amp;id=7&amp;fbclid=q">'
        '<meta property="og:url" content="https://other.example.com/ignored">'
    )
    article = extract_article(html, url="https://ledger.example.com/m/meridian.html?gclid=1")
    assert article.canonical_url == "https://ledger.example.com/m/meridian.html?id=7"


def test_canonical_falls_back_to_og_url_then_fetched_url():
    og = page('<meta property="og:url" content="https://ledger.example.com/m?utm_medium=s">')
    assert extract_article(og, url="https://x.example/a").canonical_url == (
        "https://ledger.example.com/m"
    )
    plain = extract_article(page(), url="https://Ledger.example.com/a?mc_cid=1#top")
    assert plain.canonical_url == "https://ledger.example.com/a"


def test_aggregator_boilerplate_removed_from_page():
    extra = (
        "<p>By</p><p>Share | Tweet | Email</p><p>Like: 👍</p>"
        "<p>Subscribe to the Morning Ledger newsletter for more stories like this.</p>"
        "<p>Read the Full Ledger Daily Article at: https://ledger.example.com/orig</p>"
        "<p>Meridian rivals lift budgets on: Tuesday, January 13th 2026 by: Ledger Daily</p>"
    )
    article = extract_article(page(body_extra=extra), url="https://agg.example.com/a")
    assert "roughly $70 billion" in article.text
    for junk in ("Tweet", "Like:", "newsletter", "Read the Full", "rivals lift"):
        assert junk not in article.text


def test_clean_boilerplate_rules():
    text = "\n".join(
        [
            "Capex will rise to $9 billion.",
            "By:",
            "Related: Five chip stocks to watch",
            "Reading time: 3 min",
            "Advertisement",
            "Shares rose 3% on the news.",
            "Read the Full Wire Article at:",
            "https://wire.example.com/story",
            "Other story on: Monday, March 2nd 2026 by: Wire",
        ]
    )
    assert clean_boilerplate(text) == "Capex will rise to $9 billion.\nShares rose 3% on the news."


def test_clean_boilerplate_keeps_ordinary_sentences():
    text = "Like many peers, the company cut spending.\nBy 2027 capex should fall."
    assert clean_boilerplate(text) == text


def test_garbage_input_gives_empty_text():
    assert extract_article("", url="https://x.example/").text == ""
    assert extract_article("<html><body></body></html>").text == ""


def test_url_helpers():
    assert canonicalize("HTTP://A.example/x?utm_term=1&q=2&gclid=3#f") == "http://a.example/x?q=2"
    assert host_allowed("http://news.example.com/a", ["example.com"])
    assert not host_allowed("http://badexample.com/a", ["example.com"])
    assert host_allowed("http://anything.example/a", [])


def test_headline_repeated_as_first_line_is_dropped():
    article = extract_article(page(), url="https://ledger.example.com/m/meridian.html")
    assert not article.text.startswith("Meridian holds capex plan")
    assert article.text.startswith("Meridian Search said on Thursday")
    assert article.title == "Meridian holds capex plan"


def test_first_line_kept_when_it_is_not_the_headline():
    from spiders.article import drop_repeated_title

    text = "Meridian Search said on Thursday it would spend more.\nSecond paragraph."
    assert drop_repeated_title(text, ["Meridian holds capex plan", None]) == text
    titles = ["Meridian holds capex plan | Ledger Daily"]
    assert drop_repeated_title("Meridian holds capex plan\nBody.", titles) == "Body."


def test_reprint_widgets_shortcodes_pitches_and_contact_lines_removed():
    text = "\n".join(
        [
            "Meridian Search kept its outlook.",
            "- Order Reprints",
            "Print Article",
            "This copy is for your personal, non-commercial use only. To order copies visit us.",
            '[button link="/submit/" type="big"] Send us YOUR story[/button]',
            "Tell us what YOU think...",
            "Get Ledger Monthly delivered through your letterbox every month. 12 issues for £9.",
            "Write to Ruth Okafor at ruth.okafor@ledger.example.com",
            "Updated at 1:23 p.m.",
            "Analysts expect the plan to hold through 2027.",
        ]
    )
    assert clean_boilerplate(text).splitlines() == [
        "Meridian Search kept its outlook.",
        "Analysts expect the plan to hold through 2027.",
    ]
