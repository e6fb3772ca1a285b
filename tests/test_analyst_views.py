"""The analyst's questions as views: point in time, actual vs guidance, corroboration, trend,
the ready queries in queries/, Parquet export, and the stock duckdb CLI reading the file."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import warehouse
from finclaims.models import CapexFact, Document, Extraction, Stance
from tests.conftest import ROOT, run_cli

B = 1e9


def _doc(url, text, published, doc_type="news", publisher="Wire"):
    fetched = datetime.combine(published, datetime.min.time(), tzinfo=UTC)
    return Document(
        url=url,
        source="t",
        text=text,
        published=published,
        fetched_at=fetched,
        doc_type=doc_type,
        publisher=publisher,
    )


def _capex(doc, low, high, kind="guidance", fy=2026):
    return CapexFact(
        document_id=doc.id,
        company="CRVA",
        fiscal_year=fy,
        low_usd=low * B,
        high_usd=high * B,
        kind=kind,
        sentence=doc.text,
        char_start=0,
        char_end=len(doc.text),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("views") / "finclaims.duckdb"
    jan = _doc(
        "https://ir/q4",
        "We expect 2026 capex of $60-65 billion.",
        date(2026, 2, 4),
        "press_release",
        "IR",
    )
    apr = _doc(
        "https://ir/q1",
        "We now expect 2026 capex of $66-70 billion.",
        date(2026, 4, 29),
        "press_release",
        "IR",
    )
    echo1 = _doc(
        "https://a.news/1",
        "CRVA sees 2026 capex of $66-70 billion.",
        date(2026, 4, 30),
        publisher="A News",
    )
    echo2 = _doc(
        "https://b.news/1",
        "Capex of $66-70 billion in 2026, CRVA said.",
        date(2026, 5, 1),
        publisher="B Daily",
    )
    wrong = _doc(
        "https://c.news/1",
        "CRVA plans $72 billion of 2026 capex.",
        date(2026, 5, 2),
        publisher="C Post",
    )
    late = _doc(
        "https://ir/q4-27",
        "2026 capital expenditures were $68 billion.",
        date(2027, 1, 30),
        "press_release",
        "IR",
    )
    after = _doc(
        "https://ir/q4-27b",
        "We expect 2026 capex of $80 billion.",
        date(2027, 2, 3),
        "press_release",
        "IR",
    )
    view1 = _doc(
        "https://a.news/2",
        "Bulls see the spending paying off.",
        date(2026, 5, 4),
        publisher="A News",
    )
    view2 = _doc(
        "https://b.news/2", "Bears warn of overbuilding.", date(2026, 5, 5), publisher="B Daily"
    )
    facts = [
        (jan, [_capex(jan, 60, 65)]),
        (apr, [_capex(apr, 66, 70)]),
        (echo1, [_capex(echo1, 66, 70)]),
        (echo2, [_capex(echo2, 66, 70)]),
        (wrong, [_capex(wrong, 72, 72)]),
        (late, [_capex(late, 68, 68, kind="actual")]),
        (after, [_capex(after, 80, 80)]),
    ]
    extractions = [Extraction(document_id=d.id, document=d.url, capex=f) for d, f in facts] + [
        Extraction(
            document_id=d.id,
            document=d.url,
            stances=[Stance(document_id=d.id, sentence=d.text, stance=s, target="CRVA")],
        )
        for d, s in ((view1, "bull"), (view2, "bear"))
    ]
    docs = [d for d, _ in facts] + [view1, view2]
    with warehouse.writer(path) as con:
        warehouse.load_batch(con, docs, extractions, [])
    warehouse.publish(path)
    return path


def _rows(db, sql):
    result = warehouse.run_query(db, sql)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2026-01-31", None),
        ("2026-03-01", (60, 65)),
        ("2026-04-29", (66, 70)),
        ("2027-03-01", (80, 80)),
    ],
)
def test_guidance_as_of_a_date(db, as_of, expected):
    rows = _rows(db, f"select low_usd, high_usd from capex_guidance_asof(DATE '{as_of}')")
    got = (rows[0]["low_usd"] / B, rows[0]["high_usd"] / B) if rows else None
    assert got == expected


def test_actual_against_guidance_known_before_it(db):
    (row,) = _rows(db, "select * from capex_actual_vs_guidance")
    assert row["actual_usd"] == 68 * B
    # the company's own outlook, not a news figure it never gave, nor one given afterwards
    assert (row["guidance_low_usd"], row["guidance_high_usd"]) == (66 * B, 70 * B)
    assert row["outcome"] == "within" and row["vs_midpoint_pct"] == 0
    assert row["guidance_url"] == "https://ir/q1"


def test_corroboration_counts_sources_and_flags_contradictions(db):
    rows = {
        (r["low_usd"] / B, r["high_usd"] / B): r
        for r in _rows(db, "select * from claims_corroboration where kind = 'guidance'")
    }
    repeated = rows[(66, 70)]
    assert repeated["sources"] == 3 and repeated["mentions"] == 3
    assert repeated["first_url"] == "https://ir/q1" and repeated["company_url"] == "https://ir/q1"
    assert not repeated["contradicts_company"]
    assert rows[(72, 72)]["contradicts_company"] and not rows[(72, 72)]["stated_by_company"]


def test_stance_trend_per_week_and_over_all_publishers(db):
    rows = _rows(db, "select * from stance_trend where week = DATE '2026-05-04' order by publisher")
    by_publisher = {r["publisher"]: (r["bull"], r["bear"], r["net"]) for r in rows}
    assert by_publisher == {"(all)": (1, 1, 0), "A News": (1, 0, 1), "B Daily": (0, 1, -1)}


@pytest.mark.parametrize("query", sorted((ROOT / "queries").glob("*.sql")), ids=lambda p: p.stem)
def test_ready_queries_run(db, query):
    assert query.read_text().startswith("--"), "each query says what it answers"
    result = run_cli("sql", "--file", str(query), "--format", "csv", "--db", str(db))
    assert result.returncode == 0, result.stderr


def test_export_writes_every_table_and_view(db, tmp_path):
    result = run_cli("export", "--format", "parquet", "--out", str(tmp_path / "x"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    files = {p.stem: p for p in (tmp_path / "x").glob("*.parquet")}
    assert {"documents", "capex_facts", "capex_guidance_latest", "stance_trend"} <= set(files)
    assert pq.read_table(files["capex_facts"]).num_rows == 7


def test_snapshot_opens_in_the_stock_duckdb_cli(db):
    cli = shutil.which("duckdb") or str(Path(ROOT / ".venv/bin/duckdb"))
    if not Path(cli).exists():
        pytest.skip("the duckdb command-line client is not installed")
    result = subprocess.run(
        [cli, "-readonly", "-csv", str(db), "-c", "select count(*) from capex_guidance_history"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "6"


def test_syndicated_copy_url_links_to_the_stored_document(tmp_path):
    from finclaims.models import CrawlLogEntry

    path = tmp_path / "f.duckdb"
    original = _doc("https://wire.example/a?utm_source=x", "Body of the story.", date(2026, 5, 1))
    original = original.model_copy(update={"canonical_url": "https://wire.example/a"})
    copy_log = CrawlLogEntry(
        url="https://other.example/reprint/a",
        spider="news",
        status="skipped",
        reason="near-duplicate of https://wire.example/a (syndicated copy, not stored again)",
        document_id=original.id,
    )
    with warehouse.writer(path) as con:
        warehouse.load_batch(con, [original], [], [copy_log])
    warehouse.publish(path)
    rows = _rows(path, "select url, relation from document_urls order by relation, url")
    assert [(r["url"], r["relation"]) for r in rows] == [
        ("https://wire.example/a", "canonical"),
        ("https://other.example/reprint/a", "copy"),
        ("https://wire.example/a?utm_source=x", "fetched"),
    ]
