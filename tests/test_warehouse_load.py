"""Batch loading into a real DuckDB file: idempotency, versions, re-extraction, rollback."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest
from warehouse_helpers import BASE_FETCH, batch, counts, document, guidance_doc

from finclaims.models import CapexFact, Company, CrawlLogEntry, Extraction, Stance
from warehouse import LoadError, load_batch, upsert_companies


def test_loading_the_same_batch_twice_changes_nothing(con):
    docs, extractions, log = batch(0, 20)
    first = load_batch(con, docs, extractions, log, run_id="r1")
    assert (first.documents_new, first.documents_updated, first.documents_unchanged) == (20, 0, 0)
    assert (first.capex, first.ad_claims, first.stances, first.crawl_log) == (60, 60, 60, 20)
    after_first = counts(con)

    second = load_batch(con, docs, extractions, log, run_id="r2")
    assert (second.documents_new, second.documents_unchanged, second.crawl_log) == (0, 20, 0)
    assert counts(con) == after_first
    for table in ("documents", "capex_facts", "ad_claims", "stances", "crawl_log"):
        distinct = con.execute(f"SELECT count(DISTINCT id) FROM {table}").fetchone()[0]
        assert distinct == after_first[table]


def test_duplicates_inside_one_batch_are_stored_once(con):
    docs, extractions, log = batch(0, 5)
    stats = load_batch(con, docs + docs, extractions + extractions, log + log)
    assert (stats.documents_new, stats.capex, stats.crawl_log) == (5, 15, 5)
    assert counts(con)["documents"] == 5
    assert counts(con)["capex_facts"] == 15


def test_changed_article_is_a_new_version_of_its_url(con):
    url = "https://news.example/meta-capex"
    v1 = document(url, "Meta sees 2026 capex of $115 billion to $135 billion.")
    v2 = document(
        url,
        "Meta sees 2026 capex of $115 billion to $135 billion. Updated with analyst comment.",
        fetched_at=BASE_FETCH + timedelta(hours=5),
    )
    load_batch(con, [v1], [], [])
    stats = load_batch(con, [v2], [], [])
    assert (stats.documents_new, stats.documents_updated, stats.documents_unchanged) == (0, 1, 0)
    rows = con.execute(
        "SELECT version, content_hash FROM documents WHERE canonical_url = ? ORDER BY version",
        [url],
    ).fetchall()
    assert [r[0] for r in rows] == [1, 2]
    assert rows[0][1] != rows[1][1]
    latest = con.execute("SELECT id FROM documents_latest WHERE canonical_url = ?", [url])
    assert latest.fetchone()[0] == v2.id


def test_two_new_versions_in_one_batch_are_numbered_by_fetch_time(con):
    url = "https://news.example/live-blog"
    early = document(url, "Live: Alphabet capex $75 billion.", fetched_at=BASE_FETCH)
    late = document(url, "Live: Alphabet capex $85 billion.", fetched_at=BASE_FETCH + timedelta(1))
    stats = load_batch(con, [late, early], [], [])
    assert (stats.documents_new, stats.documents_updated) == (1, 1)
    versions = dict(con.execute("SELECT id, version FROM documents").fetchall())
    assert versions == {early.id: 1, late.id: 2}


def test_re_extraction_replaces_the_facts_of_a_document(con):
    doc, extraction = guidance_doc("AMZN", 2026, 100, 105, date(2026, 2, 6))
    load_batch(con, [doc], [extraction], [])
    better = Extraction(
        document_id=doc.id,
        document=doc.url,
        stance="bear",
        capex=[extraction.capex[0].model_copy(update={"low_usd": 1.0e11, "high_usd": 1.1e11})],
        stances=[Stance(sentence=doc.text, stance="bear", target="AMZN", cue="spending spree")],
    )
    stats = load_batch(con, [], [better], [])
    assert (stats.documents_new, stats.documents_unchanged, stats.capex) == (0, 0, 1)
    rows = con.execute("SELECT low_usd, high_usd FROM capex_facts").fetchall()
    assert rows == [(1.0e11, 1.1e11)]
    assert con.execute("SELECT stance FROM documents").fetchone()[0] == "bear"
    assert counts(con)["stances"] == 1


def test_facts_keep_provenance_to_sentence_and_url(con):
    doc, extraction = guidance_doc("GOOGL", 2026, 91, 93, date(2026, 2, 4))
    load_batch(con, [doc], [extraction], [], run_id="run-7")
    row = con.execute(
        "SELECT f.document_id, f.char_start, f.char_end, f.run_id, d.url, "
        "substr(d.text, f.char_start + 1, f.char_end - f.char_start) = f.sentence "
        "FROM capex_facts f JOIN documents d ON d.id = f.document_id"
    ).fetchone()
    assert row == (doc.id, 0, len(doc.text), "run-7", doc.url, True)


def test_extraction_for_an_unknown_document_rolls_back_the_whole_batch(con):
    docs, extractions, log = batch(0, 3)
    stray = Extraction(document_id="no-such-document", document="file:///tmp/x.txt")
    with pytest.raises(LoadError, match="no-such-document"):
        load_batch(con, docs, extractions + [stray], log)
    assert counts(con) == dict.fromkeys(counts(con), 0)


def test_fact_naming_another_document_is_rejected(con):
    doc, extraction = guidance_doc("ORCL", 2026, 25, 25, date(2026, 3, 10))
    wrong = CapexFact(sentence="x", company="ORCL", low_usd=1.0, kind="actual", document_id="zzz")
    bad = extraction.model_copy(update={"capex": [wrong]})
    with pytest.raises(LoadError, match="names document zzz"):
        load_batch(con, [doc], [bad], [])
    assert counts(con)["documents"] == 0


def test_database_error_mid_batch_rolls_back(con):
    docs, extractions, log = batch(0, 3)
    con.execute("CREATE UNIQUE INDEX one_failure_per_url ON crawl_log (url)")
    load_batch(con, docs[:1], extractions[:1], log[:1])
    before = counts(con)
    retry = CrawlLogEntry(url=docs[0].url, spider="markets", status="failed", reason="timeout")
    with pytest.raises(duckdb.ConstraintException):
        load_batch(con, docs, extractions, log + [retry])
    assert counts(con) == before


def test_crawl_log_records_every_outcome(con):
    doc, extraction = guidance_doc("META", 2026, 115, 135, date(2026, 1, 29))
    log = [
        CrawlLogEntry(
            url=doc.url, spider="wire", status="stored", http_status=200, document_id=doc.id
        ),
        CrawlLogEntry(
            url="https://news.example/gone",
            spider="wire",
            status="failed",
            http_status=404,
            reason="HTTP 404",
        ),
    ]
    stats = load_batch(con, [doc], [extraction], log, run_id="r1")
    assert stats.crawl_log == 2
    rows = con.execute("SELECT status, reason, run_id FROM crawl_log ORDER BY id").fetchall()
    assert rows == [("stored", None, "r1"), ("failed", "HTTP 404", "r1")]


def test_upsert_companies_updates_by_ticker(con):
    upsert_companies(con, [Company(ticker="msft", cik="789019", name="Microsoft", aliases=["MS"])])
    upsert_companies(
        con,
        [
            Company(ticker="MSFT", cik="0000789019", name="Microsoft Corp", aliases=["Microsoft"]),
            Company(ticker="NVDA", name="NVIDIA", aliases=[]),
        ],
    )
    rows = con.execute("SELECT ticker, cik, name, aliases FROM companies ORDER BY 1").fetchall()
    assert rows == [
        ("MSFT", "0000789019", "Microsoft Corp", ["Microsoft"]),
        ("NVDA", None, "NVIDIA", []),
    ]


def test_a_killed_runs_row_is_closed_by_the_next_run(tmp_path):
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    from warehouse import start_run, writer

    db = tmp_path / "w.duckdb"
    child = textwrap.dedent(
        f"""
        import os, warehouse
        from pathlib import Path
        with warehouse.writer(Path({str(db)!r})) as con:
            warehouse.start_run(con, {{"flow": "killed"}})
        os._exit(0)  # the process ends without finish_run, as a SIGKILL would leave it
        """
    )
    subprocess.run([sys.executable, "-c", child], check=True, cwd=Path(__file__).parents[1])
    with writer(db) as con:
        start_run(con, {"flow": "next"})
        rows = con.execute("SELECT status, errors FROM runs ORDER BY started_at").fetchall()
    assert rows[0][0] == "abandoned" and "ended without finishing" in rows[0][1]
    assert rows[1][0] == "running"
