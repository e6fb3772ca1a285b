"""`finclaims sql`, `alerts` and `ingest` as an analyst uses them, against a real DuckDB file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import warehouse
from finclaims.models import CapexFact, Document, Extraction
from tests.conftest import ROOT, run_cli
from tests.test_cli_errors import assert_one_line_error

SENTENCE = "We expect 2026 capital expenditures to be in the range of $60 billion to $65 billion."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "finclaims.duckdb"
    doc = Document(url="http://127.0.0.1/pr1.htm", source="test", text=SENTENCE, ticker="NWCS")
    fact = CapexFact(
        document_id=doc.id,
        company="NWCS",
        fiscal_year=2026,
        low_usd=60e9,
        high_usd=65e9,
        kind="guidance",
        sentence=SENTENCE,
        char_start=0,
        char_end=len(SENTENCE),
    )
    extraction = Extraction(document_id=doc.id, document=doc.url, capex=[fact])
    with warehouse.writer(path) as con:
        warehouse.load_batch(con, [doc], [extraction], [])
        warehouse.detect_guidance_changes(con)
    warehouse.publish(path)
    return path


def test_sql_table_csv_json_and_out(db, tmp_path):
    query = "select company, low_usd, url from capex_guidance_latest"
    table = run_cli("sql", query, "--db", str(db))
    assert table.returncode == 0 and "NWCS" in table.stdout and "pr1.htm" in table.stdout
    csv_out = run_cli("sql", query, "--format", "csv", "--db", str(db))
    assert csv_out.stdout.splitlines() == [
        "company,low_usd,url",
        "NWCS,60000000000.0,http://127.0.0.1/pr1.htm",
    ]
    js = run_cli("sql", query, "--format", "json", "--db", str(db))
    assert json.loads(js.stdout) == {
        "company": "NWCS",
        "low_usd": 60e9,
        "url": "http://127.0.0.1/pr1.htm",
    }
    for suffix in (".parquet", ".csv", ".json"):
        out = tmp_path / f"result{suffix}"
        written = run_cli("sql", query, "--out", str(out), "--db", str(db))
        assert written.returncode == 0 and out.stat().st_size > 0


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO companies VALUES ('X', NULL, 'X', [])",
        "CREATE TABLE t AS SELECT 1",
        "COPY documents TO '/tmp/leak.csv'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
        "select * from nosuchtable",
        "selec 1",
    ],
)
def test_sql_rejections_are_one_line(db, statement):
    assert_one_line_error(run_cli("sql", statement, "--db", str(db)))


def test_alerts_listing(db):
    plain = run_cli("alerts", "--db", str(db))
    assert plain.returncode == 0 and "NWCS FY2026 capex guidance new: $60.0B–$65.0B" in plain.stdout
    lines = run_cli("alerts", "--json", "--db", str(db)).stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["event"] == "new"
    later = run_cli("alerts", "--json", "--since", "2100-01-01", "--db", str(db))
    assert later.returncode == 0 and later.stdout == ""


def test_ingest_while_another_run_writes_is_one_line(db, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time, warehouse
                from pathlib import Path
                with warehouse.writer(Path({str(db)!r})):
                    print("locked", flush=True)
                    time.sleep(60)
                """
            ),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        note = tmp_path / "note.txt"
        note.write_text("title: Note\n---\nCapex was $5 billion in 2025.\n")
        assert_one_line_error(
            run_cli("ingest", str(note), "--db", str(db)), "another finclaims run"
        )
    finally:
        holder.kill()
        holder.wait()


def test_ingest_local_release_raises_alert_with_provenance(tmp_path):
    db = tmp_path / "fresh.duckdb"
    release = tmp_path / "release.txt"
    release.write_text(
        "title: Northgate Q1 results\npublished: 2026-04-30\ncompany: MSFT\n"
        "origin_url: https://ir.example/q1\n---\n"
        "Microsoft reported results for the quarter. "
        "We expect fiscal 2027 capital expenditures of $140 billion to $150 billion.\n"
    )
    result = run_cli("ingest", str(release), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "MSFT FY2027 capex guidance new: $140.0B–$150.0B" in result.stdout
    rows = run_cli(
        "sql",
        "select company, fiscal_year, low_usd, url, published, sentence from capex_guidance_latest",
        "--format",
        "json",
        "--db",
        str(db),
    )
    got = json.loads(rows.stdout)
    assert got["url"] == "https://ir.example/q1" and got["published"] == "2026-04-30"
    assert got["sentence"].startswith("We expect fiscal 2027") and got["low_usd"] == 140e9
    again = run_cli("ingest", str(release), "--db", str(db))
    assert "alerts: 0" in again.stdout
    counts = run_cli(
        "sql",
        "select (select count(*) from documents), (select count(*) from capex_facts), "
        "(select count(*) from runs)",
        "--format",
        "csv",
        "--db",
        str(db),
    )
    assert counts.stdout.splitlines()[1] == "1,1,2"
