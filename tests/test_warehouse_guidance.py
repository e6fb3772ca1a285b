"""Guidance-change alerts: classification, ordering, and exactly-once storage/notification."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from warehouse_helpers import billions, document, guidance_doc

from finclaims.models import CapexFact, Company, Document, Extraction
from flows import steps
from warehouse import (
    classify_change,
    detect_guidance_changes,
    list_alerts,
    load_batch,
    mark_notified,
    pending_notifications,
)

B = 1e9


@pytest.mark.parametrize(
    ("new", "prior", "event"),
    [
        ((100, 105), (None, None), "new"),
        ((100, 105), (100, 105), "reaffirmed"),
        ((100.3, 105.2), (100, 105), "reaffirmed"),  # within 0.5%
        ((110, 115), (100, 105), "raised"),
        ((90, 95), (100, 105), "lowered"),
        ((101, 104), (100, 105), "narrowed"),
        ((100, 104), (100, 105), "narrowed"),
        ((95, 110), (100, 105), "widened"),
        ((103, 103), (100, 105), "narrowed"),  # a point inside the old range
        ((107, 107), (105, 105), "raised"),
        ((125, None), (100, 105), "raised"),  # open-ended: compare its low
        ((100, None), (100, 105), "widened"),  # "$100B+" contains 100-105
        ((100, None), (100, None), "reaffirmed"),
        ((100, 120), (125, None), "lowered"),
    ],
)
def test_classify_change(new, prior, event):
    def scale(x):
        return None if x is None else x * B

    assert classify_change(*map(scale, new), *map(scale, prior)) == event


def _load(con, *pairs):
    load_batch(con, [d for d, _ in pairs], [e for _, e in pairs], [])


def test_each_event_against_the_previous_statement(con):
    steps = [
        ((60, 65), date(2026, 1, 29), "new"),
        ((64, 70), date(2026, 4, 24), "raised"),
        ((64, 70), date(2026, 5, 2), "reaffirmed"),
        ((65, 68), date(2026, 7, 30), "narrowed"),
        ((62, 72), date(2026, 9, 1), "widened"),
        ((55, 58), date(2026, 10, 29), "lowered"),
    ]
    seen = []
    for (low, high), published, _ in steps:
        _load(con, guidance_doc("META", 2026, low, high, published))
        seen.extend(a.event for a in detect_guidance_changes(con, run_id="r"))
    assert seen == [event for *_, event in steps]

    raised = list_alerts(con)[1]
    first_doc = con.execute("SELECT id, url FROM documents WHERE published = '2026-01-29'")
    assert (raised.prior_document, raised.prior_url) == first_doc.fetchone()
    assert (raised.prior_low_usd, raised.prior_high_usd) == (60 * B, 65 * B)
    assert raised.sentence.startswith("META said")


def test_news_repeating_the_outlook_is_not_an_event(con):
    _load(con, guidance_doc("CRVA", 2026, 44, 48, date(2026, 4, 29)))
    detect_guidance_changes(con)
    echo = guidance_doc("CRVA", 2026, 44, 48, date(2026, 4, 30), url="https://n/1", doc_type="news")
    _load(con, echo)
    assert detect_guidance_changes(con) == []
    report = guidance_doc(
        "CRVA", 2026, 46, 50, date(2026, 5, 2), url="https://n/2", doc_type="news"
    )
    _load(con, report)
    assert [a.event for a in detect_guidance_changes(con)] == ["raised"]


def test_late_loaded_documents_are_ordered_by_published_date(con):
    april = guidance_doc("MSFT", 2026, 80, 80, date(2026, 4, 30))
    january = guidance_doc("MSFT", 2026, 70, 70, date(2026, 1, 29))
    _load(con, april, january)  # arrive together, newest first
    alerts = {a.published: a for a in detect_guidance_changes(con)}
    assert alerts[date(2026, 1, 29)].event == "new"
    assert alerts[date(2026, 4, 30)].event == "raised"
    assert alerts[date(2026, 4, 30)].prior_document == january[0].id


def test_periods_and_companies_are_tracked_separately(con):
    _load(
        con,
        guidance_doc("GOOGL", 2026, 75, 75, date(2026, 2, 4)),
        guidance_doc("GOOGL", 2027, 90, 90, date(2026, 2, 5)),
        guidance_doc("GOOGL", 2026, 20, 20, date(2026, 2, 6), fq=2),
        guidance_doc("AMZN", 2026, 75, 75, date(2026, 2, 7)),
    )
    assert {a.event for a in detect_guidance_changes(con)} == {"new"}


def test_first_statement_in_a_document_wins(con):
    text = (
        "Alphabet raised its 2026 capital expenditure outlook to $91 billion to $93 billion. "
        "Earlier in the year it had guided to $85 billion."
    )
    doc = document("https://news.example/googl-raise", text, date(2026, 7, 24))
    facts = [
        CapexFact(
            sentence=text[:84],
            company="GOOGL",
            fiscal_year=2026,
            kind="guidance",
            low_usd=billions(91),
            high_usd=billions(93),
        ),
        CapexFact(
            sentence=text[85:],
            company="GOOGL",
            fiscal_year=2026,
            kind="guidance",
            low_usd=billions(85),
            high_usd=billions(85),
        ),
    ]
    load_batch(con, [doc], [Extraction(document_id=doc.id, document=doc.url, capex=facts)], [])
    alerts = detect_guidance_changes(con)
    assert [(a.event, a.low_usd) for a in alerts] == [("new", 91 * B)]


def test_facts_without_company_or_year_or_not_guidance_raise_no_alert(con):
    text = "Capital expenditures were $14.9 billion in the quarter, and the company sees more."
    doc = document("https://sec.example/10-q", text, date(2026, 4, 30), doc_type="10-Q")
    facts = [
        CapexFact(
            sentence=text,
            company="MSFT",
            fiscal_year=2026,
            fiscal_quarter=3,
            kind="actual",
            low_usd=billions(14.9),
            high_usd=billions(14.9),
        ),
        CapexFact(
            sentence=text,
            company=None,
            fiscal_year=2026,
            kind="guidance",
            low_usd=billions(80),
            high_usd=billions(80),
        ),
        CapexFact(
            sentence=text,
            company="MSFT",
            fiscal_year=None,
            kind="guidance",
            low_usd=billions(80),
            high_usd=billions(80),
        ),
    ]
    load_batch(con, [doc], [Extraction(document_id=doc.id, document=doc.url, capex=facts)], [])
    assert detect_guidance_changes(con) == []


def test_detection_and_reloads_never_store_an_event_twice(con):
    pair = guidance_doc("AMZN", 2026, 100, 105, date(2026, 2, 6))
    _load(con, pair)
    assert len(detect_guidance_changes(con)) == 1
    assert detect_guidance_changes(con) == []
    _load(con, pair)  # reload re-queues the document for examination
    assert detect_guidance_changes(con) == []
    assert con.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1


def test_re_extracted_figure_is_a_new_event(con):
    doc, extraction = guidance_doc("AMZN", 2026, 100, 105, date(2026, 2, 6))
    _load(con, (doc, extraction))
    detect_guidance_changes(con)
    corrected = extraction.capex[0].model_copy(update={"low_usd": 118 * B, "high_usd": 125 * B})
    load_batch(con, [], [extraction.model_copy(update={"capex": [corrected]})], [])
    assert [(a.event, a.low_usd) for a in detect_guidance_changes(con)] == [("new", 118 * B)]


def test_notification_happens_exactly_once(con):
    _load(con, guidance_doc("ORCL", 2026, 25, 25, date(2026, 3, 10)))
    _load(con, guidance_doc("ORCL", 2026, 25, 25, date(2026, 6, 11)))
    _load(con, guidance_doc("ORCL", 2026, 35, 35, date(2026, 9, 9)))
    detect_guidance_changes(con)

    pending = pending_notifications(con, include_reaffirmed=False)
    assert [a.event for _, a in pending] == ["new", "raised"]
    assert len(pending_notifications(con, include_reaffirmed=True)) == 3

    sent_id = pending[0][0]  # the second send "fails": only the first is marked
    assert mark_notified(con, [sent_id]) == 1
    assert mark_notified(con, [sent_id]) == 0
    retry = pending_notifications(con, include_reaffirmed=False)
    assert [a.event for _, a in retry] == ["raised"]
    mark_notified(con, [retry[0][0]])
    assert pending_notifications(con, include_reaffirmed=False) == []
    assert mark_notified(con, []) == 0


def test_list_alerts_since(con):
    _load(con, guidance_doc("NVDA", 2027, 5, 6, date(2026, 2, 25)))
    detect_guidance_changes(con)
    today = date.today()
    assert len(list_alerts(con, since=today - timedelta(days=1))) == 1
    assert list_alerts(con, since=today + timedelta(days=2)) == []
    assert len(list_alerts(con, None)) == 1


def test_same_day_release_is_the_source_of_its_news(con):
    report = guidance_doc(
        "CRVA", 2027, 55, 60, date(2026, 10, 28), url="https://n/3", doc_type="news"
    )
    release = guidance_doc("CRVA", 2027, 55, 60, date(2026, 10, 28), url="https://ir/pr")
    _load(con, report)  # the story is crawled first ...
    _load(con, release)  # ... the release minutes later
    alerts = detect_guidance_changes(con)
    assert [(a.event, a.url) for a in alerts] == [("new", "https://ir/pr")]


# Primary sources outrank news; a figure heard twice is announced once.

NWCS = Company(ticker="NWCS", name="Northwind Cloud, Inc.", aliases=["Northwind Cloud"])
RELEASES = [
    (
        date(2026, 1, 29),
        "Northwind Cloud, Inc. (NASDAQ: NWCS) today reported results for the quarter ended "
        "December 31, 2025.\n\nOutlook\n\nFor the full year 2026, we expect capital "
        "expenditures to be in the range of $60 billion to $65 billion, driven by data center "
        "construction and servers.",
    ),
    (
        date(2026, 4, 28),
        "Northwind Cloud, Inc. (NASDAQ: NWCS) today reported results for the quarter ended "
        "March 31, 2026.\n\nOutlook\n\nWe now expect 2026 capital expenditures to be in the "
        "range of $66 billion to $72 billion, up from our prior outlook of $60 billion to "
        "$65 billion.",
    ),
    (
        date(2026, 7, 29),
        "Northwind Cloud, Inc. (NASDAQ: NWCS) today reported results for the quarter ended "
        "June 30, 2026.\n\nOutlook\n\nWe now expect 2026 capital expenditures of $67 billion "
        "to $70 billion, as we have better visibility into server deliveries.",
    ),
    (
        date(2026, 10, 28),
        "Northwind Cloud, Inc. (NASDAQ: NWCS) today reported results for the quarter ended "
        "September 30, 2026.\n\nOutlook\n\nWe now expect 2026 capital expenditures to be in "
        "the range of $74 billion to $78 billion, reflecting additional data center leases.",
    ),
    (
        date(2027, 1, 28),
        "Northwind Cloud, Inc. (NASDAQ: NWCS) today reported results for the quarter ended "
        "December 31, 2026.\n\nOutlook\n\nFor the full year 2027, we expect capital "
        "expenditures to be in the range of $85 billion to $90 billion.",
    ),
]


def _release(published: date, text: str, url: str | None = None) -> Document:
    return Document(
        url=url or f"https://ir.northwind.example/releases/{published}",
        source="test-ir",
        doc_type="press_release",
        publisher="Northwind Cloud",
        title=f"Northwind Cloud results ({published})",
        published=published,
        ticker="NWCS",
        text=text,
    )


def _ingest(con, *documents: Document) -> list:
    """Real extraction of the texts, then load and detect, as a nightly run does."""
    extractions = steps.extract(list(documents), [NWCS])
    load_batch(con, list(documents), extractions, [])
    return detect_guidance_changes(con, run_id="r")


def test_quarterly_releases_yield_the_expected_events_and_priors(con):
    got = []
    for published, text in RELEASES:
        got += [
            (
                a.fiscal_year,
                a.event,
                a.low_usd / B,
                a.high_usd / B,
                a.prior_low_usd,
                a.prior_high_usd,
            )
            for a in _ingest(con, _release(published, text))
        ]
    assert got == [
        (2026, "new", 60, 65, None, None),
        (2026, "raised", 66, 72, 60 * B, 65 * B),
        (2026, "narrowed", 67, 70, 66 * B, 72 * B),
        (2026, "raised", 74, 78, 67 * B, 70 * B),
        (2027, "new", 85, 90, None, None),
    ]
    raised = list_alerts(con)[3]
    assert raised.prior_url == "https://ir.northwind.example/releases/2026-07-29"
    assert raised.unconfirmed is False
    # a second night over the same documents announces nothing
    for published, text in RELEASES:
        assert _ingest(con, _release(published, text)) == []
    assert len(list_alerts(con)) == 5


def test_news_before_the_company_is_unconfirmed_then_confirmed(con):
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29)))
    detect_guidance_changes(con)
    scoop = guidance_doc(
        "NWCS", 2026, 70, 75, date(2026, 4, 20), url="https://n/scoop", doc_type="news"
    )
    _load(con, scoop)
    (alert,) = detect_guidance_changes(con)
    assert (alert.event, alert.unconfirmed) == ("raised", True)
    assert (alert.prior_low_usd, alert.prior_high_usd) == (60 * B, 65 * B)
    # a second outlet repeating the scoop is not news
    _load(
        con,
        guidance_doc("NWCS", 2026, 70, 75, date(2026, 4, 21), url="https://n/2", doc_type="news"),
    )
    assert detect_guidance_changes(con) == []
    # the company then states the same figure: the scoop is confirmed, nothing re-announced
    release = guidance_doc("NWCS", 2026, 70, 75, date(2026, 4, 28), url="https://ir/q1")
    _load(con, release)
    assert detect_guidance_changes(con) == []
    row = con.execute(
        "SELECT unconfirmed, confirmed_by, confirmed_url FROM alerts_v WHERE event = 'raised'"
    )
    assert row.fetchone() == (True, release[0].id, "https://ir/q1")
    # the company's next change is measured against its own last figure
    _load(con, guidance_doc("NWCS", 2026, 72, 74, date(2026, 7, 29), url="https://ir/q2"))
    (narrowed,) = detect_guidance_changes(con)
    assert (narrowed.event, narrowed.unconfirmed, narrowed.prior_url) == (
        "narrowed",
        False,
        "https://ir/q1",
    )


def test_news_before_any_company_figure_is_new_and_unconfirmed(con):
    _load(
        con,
        guidance_doc("NWCS", 2027, 85, 90, date(2026, 12, 1), url="https://n/x", doc_type="news"),
    )
    (alert,) = detect_guidance_changes(con)
    assert (alert.event, alert.unconfirmed, alert.prior_document) == ("new", True, None)


def test_company_figure_differing_from_the_scoop_is_its_own_event(con):
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29)))
    _load(
        con,
        guidance_doc("NWCS", 2026, 70, 75, date(2026, 4, 20), url="https://n/s", doc_type="news"),
    )
    detect_guidance_changes(con)
    _load(con, guidance_doc("NWCS", 2026, 68, 72, date(2026, 4, 28), url="https://ir/q1"))
    (alert,) = detect_guidance_changes(con)
    assert (alert.event, alert.unconfirmed, alert.prior_low_usd) == ("raised", False, 60 * B)


def test_same_guidance_from_a_second_primary_source_is_not_reannounced(con):
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29), url="https://sec/ex99"))
    detect_guidance_changes(con)
    # the same day's release on the company's own site, and a later edit of the 8-K page
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29), url="https://ir/pr"))
    doc, extraction = guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 30), url="https://sec/ex99")
    edited = doc.model_copy(update={"text": doc.text + " ", "content_hash": "", "id": ""})
    edited = Document.model_validate(edited.model_dump())
    _load(con, (edited, extraction.model_copy(update={"document_id": edited.id})))
    assert detect_guidance_changes(con) == []
    assert [a.event for a in list_alerts(con)] == ["new"]


def test_redetection_after_reload_keeps_unconfirmed_alert_once(con):
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29)))
    scoop = guidance_doc(
        "NWCS", 2026, 70, 75, date(2026, 4, 20), url="https://n/s", doc_type="news"
    )
    _load(con, scoop)
    assert len(detect_guidance_changes(con)) == 2
    _load(con, scoop)  # the same story crawled again the next night
    assert detect_guidance_changes(con) == []
    assert con.execute("SELECT count(*) FROM alerts").fetchone()[0] == 2


def test_late_crawled_scoop_of_an_announced_figure_is_old_news(con):
    _load(con, guidance_doc("NWCS", 2026, 60, 65, date(2026, 1, 29)))
    _load(con, guidance_doc("NWCS", 2026, 70, 75, date(2026, 4, 28), url="https://ir/q1"))
    assert [a.event for a in detect_guidance_changes(con)] == ["new", "raised"]
    late = guidance_doc("NWCS", 2026, 70, 75, date(2026, 4, 20), url="https://n/s", doc_type="news")
    _load(con, late)
    assert detect_guidance_changes(con) == []
