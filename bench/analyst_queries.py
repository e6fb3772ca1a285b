"""Latency of the analyst views and of the one-company report on a store of 1M facts.

Builds a synthetic store (500 companies, 10 years of documents; capex facts, ad claims and
stances adding up to ``--facts``) straight into a migrated DuckDB file with set-based
INSERTs, publishes it, then runs each analyst query ``--runs`` times on the read-only
analyst connection and prints p50/p95 per query. Targets: p95 < 200 ms per view, the report
for one company < 2 s.

    .venv/bin/python bench/analyst_queries.py [--facts 1000000] [--runs 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import warehouse  # noqa: E402
from finclaims.report import build_report  # noqa: E402

COMPANIES = 500
YEARS = 10
TARGET_VIEW_MS = 200
TARGET_REPORT_S = 2.0
ONE_COMPANY = "C042"
ONE_YEAR = 2024

# The synthetic store. A quarter of the documents are the company's own 8-Ks, the rest news
# from twenty wires; every fact points at a real document so joins behave as in production.
SEED_SQL = [
    """
    INSERT INTO companies
    SELECT printf('C%03d', i), lpad(CAST(1000000 + i AS VARCHAR), 10, '0'),
           printf('Company %03d Inc.', i), []
    FROM range($companies) t(i)
    """,
    """
    INSERT INTO documents (id, url, canonical_url, version, source, publisher, title, published,
                           fetched_at, doc_type, ticker, content_hash, text, stance, run_id,
                           extracted_run_id)
    SELECT printf('d%09d', i), printf('https://bench.example/%d', i),
           printf('https://bench.example/%d', i), 1, 'bench',
           CASE WHEN hash(i * 3) % 4 = 0 THEN printf('C%03d IR', i % $companies)
                ELSE printf('Wire %02d', i % 20) END,
           printf('Story %d', i), day,
           timezone('UTC', CAST(day AS TIMESTAMP) + INTERVAL 20 HOUR),
           CASE WHEN hash(i * 3) % 4 = 0 THEN '8-K' ELSE 'news' END,
           printf('C%03d', i % $companies), md5(CAST(i AS VARCHAR)),
           'Synthetic text of a capex story.', 'neutral', 'bench', 'bench'
    FROM (SELECT i, DATE '2016-01-01' + CAST(hash(i) % (365 * $years) AS INTEGER) AS day
          FROM range($docs) t(i))
    """,
    """
    INSERT INTO capex_facts (document_id, ordinal, company, fiscal_year, fiscal_quarter, low_usd,
                             high_usd, approximate, kind, sentence, char_start, char_end, run_id)
    SELECT d.id, CAST(r.i % 2 AS INTEGER), d.ticker, fy,
           CASE WHEN hash(r.i * 5) % 10 = 9 THEN 1 + CAST(hash(r.i) % 4 AS INTEGER) END,
           base * (1 + (hash(r.i * 7) % 9) / 40.0),
           CASE WHEN kind = 'guidance' THEN base * (1 + (hash(r.i * 7) % 9) / 40.0) + 5e9
                ELSE base * (1 + (hash(r.i * 7) % 9) / 40.0) END,
           false, kind,
           printf('We expect capital expenditures of $%d billion in %d.', CAST(base / 1e9 AS INT),
                  fy),
           0, 40, 'bench'
    FROM (SELECT i, i // 2 AS doc,
                 CASE WHEN hash(i * 13) % 20 < 14 THEN 'guidance'
                      WHEN hash(i * 13) % 20 < 17 THEN 'actual'
                      ELSE 'estimate' END AS kind
          FROM range($capex) t(i)) r
    JOIN documents d ON d.id = printf('d%09d', r.doc)
    CROSS JOIN LATERAL (SELECT year(d.published) + CAST(r.i % 2 AS INTEGER) AS fy)
    CROSS JOIN LATERAL (
        SELECT (5e9 + (hash(d.ticker) % 60) * 1e9) * pow(1.12, fy - 2016) AS base)
    """,
    """
    INSERT INTO ad_claims (document_id, ordinal, company, metric, direction, change_pct, period,
                           sentence, char_start, char_end, run_id)
    SELECT d.id, 0, d.ticker,
           ['roas', 'conversions', 'ad_price', 'ad_impressions', 'ad_revenue'][1 + r.i % 5],
           CASE WHEN hash(r.i) % 3 = 0 THEN 'down' ELSE 'up' END, CAST(hash(r.i) % 40 AS DOUBLE),
           CAST(year(d.published) AS VARCHAR), 'Return on ad spend rose.', 0, 24, 'bench'
    FROM range($ads) r(i)
    JOIN documents d ON d.id = printf('d%09d', r.i % $docs)
    """,
    """
    INSERT INTO stances (document_id, ordinal, stance, target, cue, sentence, char_start,
                         char_end, run_id)
    SELECT d.id, CAST(r.i % 2 AS INTEGER),
           CASE WHEN hash(r.i) % 5 < 3 THEN 'bull' ELSE 'bear' END, d.ticker, 'upside',
           'Analysts see upside in the shares.', 0, 34, 'bench'
    FROM range($stances) r(i)
    JOIN documents d ON d.id = printf('d%09d', r.i // 2)
    """,
    """
    INSERT INTO alerts (event_key, company, fiscal_year, fiscal_quarter, event, low_usd,
                        high_usd, prior_low_usd, prior_high_usd, document, url, published,
                        sentence, prior_document, created_at, run_id)
    SELECT md5(document_id || company || fiscal_year || coalesce(fiscal_quarter, 0) || low_usd),
           company, fiscal_year, fiscal_quarter, event, low_usd, high_usd, previous_low_usd,
           previous_high_usd, document_id, url, published, sentence, previous_document_id,
           timezone('UTC', CAST(published AS TIMESTAMP) + INTERVAL 1 DAY), 'bench'
    FROM (
        SELECT *, CASE WHEN previous_low_usd IS NULL THEN 'new'
                       WHEN low_usd > previous_low_usd THEN 'raised'
                       WHEN low_usd < previous_low_usd THEN 'lowered' END AS event
        FROM capex_guidance_history WHERE publisher LIKE '%IR'
    )
    WHERE event IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY md5(document_id || company || fiscal_year ||
        coalesce(fiscal_quarter, 0) || low_usd)) = 1
    """,
]

# What analysts ask of each view: one company, one fiscal year, and everything.
ONE_FY = f"FY{ONE_YEAR}"
COMPANY_YEAR = f"one company, FY{ONE_YEAR}"
FILTERS = {
    "one company": f"WHERE company = '{ONE_COMPANY}'",
    f"FY{ONE_YEAR}": f"WHERE fiscal_year = {ONE_YEAR}",
    COMPANY_YEAR: f"WHERE company = '{ONE_COMPANY}' AND fiscal_year = {ONE_YEAR}",
    "full scan": "",
}
ASOF = "DATE '2022-06-30'"
VIEWS: list[tuple[str, str, list[str]]] = [  # (view, FROM source, filters)
    ("capex_guidance_latest", "capex_guidance_latest", ["one company", ONE_FY, "full scan"]),
    ("capex_guidance_history", "capex_guidance_history", ["one company", COMPANY_YEAR, "full scan"]),  # noqa: E501
    ("capex_guidance_asof", f"capex_guidance_asof({ASOF})", ["one company", "full scan"]),
    ("capex_actuals", "capex_actuals", ["one company", "full scan"]),
    ("capex_actual_vs_guidance", "capex_actual_vs_guidance", ["one company", "full scan"]),
    ("claims_corroboration", "claims_corroboration", ["one company", f"FY{ONE_YEAR}", "full scan"]),
    ("stance_trend", "stance_trend", ["one company", "full scan"]),
    ("stances_daily", "stances_daily", ["one company", "full scan"]),
    ("ad_claims_v", "ad_claims_v", ["one company", "full scan"]),
    ("alerts_v", "alerts_v", ["one company", "full scan"]),
]  # fmt: skip
QUERIES = [
    (view, label, f"SELECT * FROM {source} {FILTERS[label]}".strip())
    for view, source, labels in VIEWS
    for label in labels
]


def build_store(db: Path, facts: int) -> dict[str, int]:
    """Fill a migrated work file and publish it; returns the row counts."""
    capex, stances = int(facts * 0.4), int(facts * 0.4)
    params = {
        "companies": COMPANIES,
        "years": YEARS,
        "docs": max(capex // 2, 1),
        "capex": capex,
        "ads": facts - capex - stances,
        "stances": stances,
    }
    with warehouse.writer(db) as con:
        for statement in SEED_SQL:
            used = {k: v for k, v in params.items() if f"${k}" in statement}
            con.execute(statement, used or None)
        counts = {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "capex_facts", "ad_claims", "stances", "alerts")
        }
    warehouse.publish(db)
    return counts


def available(con) -> set[str]:
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    macros = {
        r[0]
        for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro'"
        ).fetchall()
    }
    return views | macros


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def time_queries(db: Path, runs: int) -> list[tuple[str, str, float, float, int] | tuple]:
    con = warehouse.analyst_connect(db)
    results = []
    try:
        present = available(con)
        for view, label, sql in QUERIES:
            if view not in present:
                results.append((view, label, None, None, None))
                continue
            rows = con.sql(sql).to_arrow_table().num_rows  # warm-up
            samples = []
            for _ in range(runs):
                t0 = time.perf_counter()
                con.sql(sql).to_arrow_table()
                samples.append((time.perf_counter() - t0) * 1000)
            results.append((view, label, percentile(samples, 0.5), percentile(samples, 0.95), rows))
    finally:
        con.close()
    return results


def time_report(db: Path, out: Path, runs: int) -> tuple[list[float], float]:
    """In-process report times, and one cold run of the real command (imports included)."""
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build_report(db, out, company=ONE_COMPANY)
        samples.append(time.perf_counter() - t0)
    root = Path(__file__).resolve().parent.parent
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "finclaims.cli", "report", "--company", ONE_COMPANY,
         "--out", str(out), "--db", str(db)],
        check=True, cwd=root, capture_output=True,
    )  # fmt: skip
    return samples, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the store in DIR and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.duckdb"
        for stale in folder.glob("bench.*"):
            stale.unlink()
        t0 = time.perf_counter()
        counts = build_store(db, args.facts)
        facts = counts["capex_facts"] + counts["ad_claims"] + counts["stances"]
        print(
            f"store: {facts:,} facts ({counts['capex_facts']:,} capex, {counts['ad_claims']:,} "
            f"ad claims, {counts['stances']:,} stances), {counts['documents']:,} documents, "
            f"{counts['alerts']:,} alerts, {COMPANIES} companies, {YEARS} years; built and "
            f"published in {time.perf_counter() - t0:.1f}s ({db.stat().st_size / 1e6:.0f} MB)"
        )
        print(f"\n{'view':<26} {'query':<26} {'rows':>9} {'p50 ms':>8} {'p95 ms':>8}")
        misses = []
        for view, label, p50, p95, rows in time_queries(db, args.runs):
            if p50 is None:
                print(f"{view:<26} {label:<26} {'-':>9} {'absent from this schema':>17}")
                continue
            flag = "" if p95 < TARGET_VIEW_MS else "  MISS"
            if flag:
                misses.append(f"{view} ({label})")
            print(f"{view:<26} {label:<26} {rows:>9,} {p50:>8.1f} {p95:>8.1f}{flag}")
        samples, cold = time_report(db, folder / "report.html", max(3, args.runs // 3))
        print(
            f"\nreport --company {ONE_COMPANY}: p50 {statistics.median(samples):.2f}s, "
            f"p95 {percentile(samples, 0.95):.2f}s in process; {cold:.2f}s as a fresh "
            f"`finclaims report` process (target < {TARGET_REPORT_S:.0f}s)"
        )
        print(
            f"views over {TARGET_VIEW_MS} ms at p95: {', '.join(misses)}"
            if misses
            else f"every view query under {TARGET_VIEW_MS} ms at p95"
        )


if __name__ == "__main__":
    main()
