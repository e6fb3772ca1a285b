"""The README's promise: `finclaims run --demo` crawls, extracts, loads and alerts, and the
analyst sees guidance with its source URL. Runs the real CLI, Prefect flow, Scrapy
subprocesses over loopback HTTP, spaCy and DuckDB.
"""

from __future__ import annotations

import json
import socket

import pytest

from tests.conftest import run_cli
from tests.test_demo_site import readme_events

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    db = tmp_path_factory.mktemp("demo") / "finclaims.duckdb"
    with socket.socket() as probe:  # a free port, the same for both runs
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PREFECT_HOME": str(home),
        "FINCLAIMS_NOTIFY_URLS": "",
        "FINCLAIMS_DEMO_PORT": str(port),
    }
    first = run_cli("run", "--demo", "--db", str(db), env=env, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_cli("run", "--demo", "--db", str(db), env=env, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    return db, first, second


def test_demo_summary_names_facts_and_alerts(demo_db):
    db, first, _ = demo_db
    out = first.stdout
    assert "database:" in out and str(db.name) in out
    assert "alerts: 0" not in out
    assert "capex guidance" in out


def test_guidance_latest_has_source_urls(demo_db):
    db, _, _ = demo_db
    result = run_cli(
        "sql",
        "select company, fiscal_year, low_usd, high_usd, url, sentence "
        "from capex_guidance_latest order by company, fiscal_year",
        "--format",
        "json",
        "--db",
        str(db),
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "the demo must produce capex guidance"
    for row in rows:
        assert row["url"].startswith("http://127.0.0.1:")
        assert row["sentence"] and row["high_usd"] or row["low_usd"]


def test_alerts_json_fields(demo_db):
    db, _, _ = demo_db
    result = run_cli("alerts", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert alerts
    assert list(alerts[0]) == [
        "company", "fiscal_year", "fiscal_quarter", "event", "low_usd", "high_usd",
        "prior_low_usd", "prior_high_usd", "document", "url", "published", "sentence",
        "created_at",
    ]  # fmt: skip

    def billions(value):
        return f"{value / 1e9:g}"

    got = [
        (a["company"], str(a["fiscal_year"]), a["event"], f"{billions(a['low_usd'])}-"
         f"{billions(a['high_usd'])}", a["url"].rsplit("/", 2)[-2])
        for a in sorted(alerts, key=lambda a: (a["published"], a["company"], a["fiscal_year"]))
    ]  # fmt: skip
    expected = [
        (e["company"], e["year"], e["event"], e["range"], e["acc"].replace("-", ""))
        for e in readme_events()
    ]
    assert got == expected, "the demo's story (finclaims/demo/README.md) is what alerts tell"


def test_second_run_adds_nothing(demo_db):
    db, first, second = demo_db
    assert "alerts: 0" in second.stdout, second.stdout
    counts = run_cli(
        "sql",
        "select (select count(*) from documents) - count(distinct canonical_url || content_hash) "
        "as dupes, (select count(*) from runs) as runs from documents",
        "--format",
        "csv",
        "--db",
        str(db),
    )
    assert counts.stdout.splitlines()[1] == "0,2"
