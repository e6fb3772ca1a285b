"""`finclaims report` on a real DuckDB store, and the page as headless Chromium draws it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest

import warehouse
from finclaims.errors import FinclaimsError
from finclaims.models import CapexFact, Company, Document, Extraction, Stance
from finclaims.report import build_report
from finclaims.report.build import render_html
from finclaims.report.charts import NOTES, guidance_figure
from finclaims.report.data import AlertRow, CompanyPicture, GuidancePoint
from tests.conftest import run_cli
from tests.test_cli_errors import assert_one_line_error

IR = "https://ir.northwind.example/news"
WIRE = "https://wire.example/markets"


def _document(url, published, text, *, doc_type="press_release", publisher=None, title=None):
    return Document(
        url=url,
        source="test",
        publisher=publisher,
        title=title,
        published=published,
        fetched_at=datetime(2026, 8, 1, tzinfo=UTC),
        doc_type=doc_type,
        ticker="NWCS" if doc_type != "news" else None,
        text=text,
    )


def _capex(doc, sentence, year, low, high, kind="guidance", **extra):
    start = doc.text.index(sentence)
    return CapexFact(
        document_id=doc.id,
        company=extra.pop("company", "NWCS"),
        fiscal_year=year,
        low_usd=low,
        high_usd=high,
        kind=kind,
        sentence=sentence,
        char_start=start,
        char_end=start + len(sentence),
        **extra,
    )


def _stance(doc, sentence, label, target):
    start = doc.text.index(sentence)
    return Stance(
        document_id=doc.id,
        stance=label,
        target=target,
        cue="downgrade" if label == "bear" else "upside",
        sentence=sentence,
        char_start=start,
        char_end=start + len(sentence),
    )


Q3_25 = "We expect fiscal 2026 capital expenditures of $60 billion to $65 billion."
Q4_25 = "We now expect 2026 capital expenditures of $70 billion to $75 billion."
ACTUAL = "Capital expenditures for fiscal 2025 were $52.3 billion."
Q1_26 = "We now expect 2026 capital expenditures of $66 billion to $70 billion."
Q2_26 = "For 2027 we expect capital expenditures of $80 billion to $90 billion."
BULL = "Northwind's data-center build-out gives the shares ample upside, analysts said."
BEAR = "A broker cut Northwind to sell, warning the capex bill will crush free cash flow."
BEAR_VRDA = "Verdant Ads faces a downgrade as advertisers pull back their budgets."
HOSTILE_TITLE = "Northwind <script>alert('x')</script> capex story"


def _store_documents():
    """Northwind sets, raises and cuts its 2026 outlook and sets 2027; news argues both ways."""
    releases = [
        (f"{IR}/2025-q3", date(2025, 10, 29), f"Northwind third quarter results. {Q3_25}"),
        (f"{IR}/2025-q4", date(2026, 1, 28), f"Fourth quarter results. {ACTUAL} {Q4_25}"),
        (f"{IR}/2026-q1", date(2026, 4, 29), f"First quarter results. {Q1_26}"),
        (f"{IR}/2026-q2", date(2026, 7, 29), f"Second quarter results. {Q2_26}"),
    ]
    docs = [
        _document(u, d, t, publisher="Northwind IR", title=f"Northwind results {d}")
        for u, d, t in releases
    ]
    news = [
        _document(
            f"{WIRE}/nwcs-upside",
            date(2026, 1, 29),
            f"{BULL} {BEAR_VRDA}",
            doc_type="news",
            publisher="Example Wire",
            title="Cloud builders keep spending",
        ),
        _document(
            "https://ledger.example/nwcs-capex",
            date(2026, 1, 30),
            f"{BEAR}",
            doc_type="news",
            publisher="Ledger Daily",
            title="Northwind's capex bill",
        ),
        _document(
            f"{WIRE}/nwcs-bear",
            date(2026, 5, 4),
            f"{BEAR}",
            doc_type="news",
            publisher="Example Wire",
            title="Northwind cut to sell",
        ),
    ]
    q3, q4, q1, q2 = docs
    bull, hostile, bear = news
    extractions = [
        Extraction(document_id=q3.id, document=q3.url, capex=[_capex(q3, Q3_25, 2026, 60e9, 65e9)]),
        Extraction(
            document_id=q4.id,
            document=q4.url,
            capex=[
                _capex(q4, ACTUAL, 2025, 52.3e9, 52.3e9, kind="actual"),
                _capex(q4, Q4_25, 2026, 70e9, 75e9, revision="raised"),
            ],
        ),
        Extraction(document_id=q1.id, document=q1.url, capex=[_capex(q1, Q1_26, 2026, 66e9, 70e9)]),
        Extraction(document_id=q2.id, document=q2.url, capex=[_capex(q2, Q2_26, 2027, 80e9, 90e9)]),
        Extraction(
            document_id=bull.id,
            document=bull.url,
            stances=[_stance(bull, BULL, "bull", "NWCS"), _stance(bull, BEAR_VRDA, "bear", "VRDA")],
        ),
        Extraction(
            document_id=hostile.id,
            document=hostile.url,
            stances=[_stance(hostile, BEAR, "bear", "NWCS")],
        ),
        Extraction(
            document_id=bear.id, document=bear.url, stances=[_stance(bear, BEAR, "bear", "NWCS")]
        ),
    ]
    return docs + news, extractions


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "finclaims.duckdb"
    documents, extractions = _store_documents()
    with warehouse.writer(path) as con:
        warehouse.upsert_companies(
            con,
            [
                Company(ticker="NWCS", name="Northwind Cloud Systems"),
                Company(ticker="VRDA", name="Verdant Ads"),
            ],
        )
        warehouse.load_batch(con, documents, extractions, [])
        warehouse.detect_guidance_changes(con)
    warehouse.publish(path)
    return path


def _figures(html: str) -> dict[str, dict]:
    found = re.findall(
        r'<script type="application/json" class="figure" data-target="([^"]+)">(.*?)</script>',
        html,
        re.S,
    )
    return {target: json.loads(body) for target, body in found}


def test_report_for_one_company_draws_guidance_actuals_and_revisions(store, tmp_path):
    out = tmp_path / "nwcs.html"
    result = run_cli("report", "--company", "nwcs", "--out", str(out), "--db", str(store))
    assert result.returncode == 0, result.stderr
    assert "report on 1 companies (2 charts" in result.stderr
    html = out.read_text(encoding="utf-8")
    figures = _figures(html)
    assert set(figures) == {"guidance-NWCS", "stance-NWCS"}

    traces = {t["name"]: t for t in figures["guidance-NWCS"]["data"] if t.get("showlegend", True)}
    assert set(traces) == {"FY2026 guidance", "FY2027 guidance", "FY2025 actual"}
    fy26 = traces["FY2026 guidance"]
    assert fy26["type"] == "bar"
    assert fy26["base"] == [60, 70, 66]  # floating bars start at each stated low ($B)
    assert fy26["y"] == [5, 5, 4]  # and rise to its high
    assert [x[:10] for x in fy26["x"]] == ["2025-10-29", "2026-01-28", "2026-04-29"]
    assert traces["FY2025 actual"]["y"] == [52.3]
    assert traces["FY2025 actual"]["marker"]["symbol"] == "star"

    layout = figures["guidance-NWCS"]["layout"]
    assert "rangeselector" not in layout["xaxis"]  # nine months fit without a window
    notes = [a["text"] for a in layout["annotations"]]
    assert notes == ["▲ FY2026 raised +$10.0B", "▼ FY2026 lowered −$4.5B"]


def test_report_stance_trend_is_weekly_net_of_all_publishers(store, tmp_path):
    out = tmp_path / "nwcs.html"
    build_report(store, out, company="NWCS")
    stance = {t["name"]: t for t in _figures(out.read_text())["stance-NWCS"]["data"]}
    weeks = [x[:10] for x in stance["bull sentences"]["x"]]
    assert weeks == ["2026-01-26", "2026-05-04"]  # Mondays of the two weeks with coverage
    assert stance["bull sentences"]["y"] == [1, 0]
    assert stance["bear sentences"]["y"] == [-1, -1]  # Ledger Daily's bear, then the downgrade
    assert stance["net (bull − bear)"]["y"] == [0, -1]
    assert "Example Wire: +1 / −0" in stance["bull sentences"]["customdata"][0]


def test_report_lists_latest_alerts_with_links_and_escapes_stored_text(store, tmp_path):
    out = tmp_path / "all.html"
    result = build_report(store, out)
    assert result.companies == ["NWCS", "VRDA"] and result.charts == 3
    html = out.read_text(encoding="utf-8")
    alerts = re.findall(r'<a class="source" href="([^"]+)"', html)
    assert alerts[:4] == [f"{IR}/2026-q2", f"{IR}/2026-q1", f"{IR}/2025-q4", f"{IR}/2025-q3"]
    assert '<span class="pill lowered">lowered</span>' in html
    assert "No full-year capex guidance or actuals stored for VRDA." in html


def test_stored_text_cannot_inject_markup_or_script_links():
    picture = CompanyPicture(
        ticker="NWCS",
        name="Northwind <b>Cloud</b>",
        alerts=[
            AlertRow(
                company="NWCS", fiscal_year=2026, fiscal_quarter=None, event="raised",
                low_usd=70e9, high_usd=75e9, prior_low_usd=60e9, prior_high_usd=65e9,
                url="javascript:alert(1)", published=date(2026, 1, 28), sentence=HOSTILE_TITLE,
                created_at=datetime(2026, 1, 29, tzinfo=UTC), title=HOSTILE_TITLE,
                publisher="Ledger </script> Daily",
            )
        ],
    )  # fmt: skip
    html, charts = render_html([picture], db_name="x.duckdb")
    assert charts == 0
    assert "<script>alert(" not in html and "</script> Daily" not in html
    assert 'href="javascript:' not in html
    assert "Northwind &lt;b&gt;Cloud&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_report_needs_nothing_from_the_network(store, tmp_path):
    out = tmp_path / "offline.html"
    build_report(store, out, company="NWCS")
    html = out.read_text(encoding="utf-8")
    assert re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html) is None
    assert "Plotly.newPlot" in html and len(html) > 3_000_000  # plotly.js itself is inlined


def test_unknown_company_and_missing_database_are_one_line(store, tmp_path):
    unknown = run_cli(
        "report", "--company", "ZZZZ", "--out", str(tmp_path / "r.html"), "--db", str(store)
    )
    assert_one_line_error(unknown, "unknown company 'ZZZZ'", "NWCS")
    missing = run_cli("report", "--db", str(tmp_path / "absent.duckdb"))
    assert_one_line_error(missing, "absent.duckdb")
    assert not (tmp_path / "r.html").exists()
    with pytest.raises(FinclaimsError, match="is a directory"):
        build_report(store, tmp_path, company="NWCS")


def test_empty_store_still_writes_a_page(tmp_path):
    db = tmp_path / "empty.duckdb"
    with warehouse.writer(db):
        pass
    warehouse.publish(db)
    result = build_report(db, tmp_path / "empty.html")
    assert result.companies == [] and result.charts == 0
    assert "The store holds no claims yet" in (tmp_path / "empty.html").read_text()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=10000",
    "--window-size=1280,2000",
]


def _chromium(tmp_path, *args):
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_charts_render_in_headless_chromium(store, tmp_path):
    out = tmp_path / "report.html"
    build_report(store, out)
    dom = _chromium(tmp_path, "--dump-dom", out.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    body = re.search(r"<body[^>]*>", dom.stdout).group(0)
    assert 'data-charts="3"' in body and 'data-charts-expected="3"' in body
    assert "data-js-errors" not in re.search(r"<html[^>]*>", dom.stdout).group(0)
    assert dom.stdout.count('class="main-svg"') >= 6  # plotly draws two svg layers per chart
    assert len(re.findall(r'class="point"', dom.stdout)) >= 4  # the guidance bars themselves
    console_errors = [
        line for line in dom.stderr.splitlines() if "Uncaught" in line or ":ERROR:CONSOLE" in line
    ]
    assert console_errors == []

    shot = tmp_path / "report.png"
    taken = _chromium(tmp_path, f"--screenshot={shot}", out.as_uri())
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_weekly_view_is_preferred_and_its_rollup_rows_not_double_counted(tmp_path):
    db = tmp_path / "weekly.duckdb"
    documents, extractions = _store_documents()
    with warehouse.writer(db) as con:
        warehouse.load_batch(con, documents, extractions, [])
        con.execute(
            """
            CREATE OR REPLACE VIEW stance_trend AS
            SELECT 'NWCS' AS company, DATE '2026-03-02' AS week, 'Desk' AS publisher,
                   7 AS bull, 2 AS bear, 5 AS net
            UNION ALL
            SELECT 'NWCS', DATE '2026-03-02', '(all)', 7, 2, 5
            """
        )
    warehouse.publish(db)
    build_report(db, tmp_path / "weekly.html", company="NWCS")
    stance = {
        t["name"]: t
        for t in _figures((tmp_path / "weekly.html").read_text())["stance-NWCS"]["data"]
    }
    assert stance["bull sentences"]["y"] == [7] and stance["bear sentences"]["y"] == [-2]
    assert stance["bull sentences"]["customdata"] == ["Desk: +7 / −2"]


def test_long_history_opens_on_recent_years_with_the_latest_moves_annotated():
    points = []
    for i in range(24):  # six years of quarterly restatements, alternately raised and cut
        low = (60 + (i % 2) * 10) * 1e9
        prev = (60 + ((i - 1) % 2) * 10) * 1e9 if i else None
        points.append(
            GuidancePoint(
                fiscal_year=2020 + i // 4, fiscal_quarter=None, low_usd=low, high_usd=low + 5e9,
                approximate=False, previous_low_usd=prev if i % 4 else None,
                previous_high_usd=prev + 5e9 if prev and i % 4 else None, stated_revision=None,
                day=date(2020, 1, 15) + timedelta(days=91 * i), url=f"{IR}/{i}", title=None,
                publisher="Northwind IR", sentence="We expect capital expenditures to rise.",
            )
        )  # fmt: skip
    figure = guidance_figure(CompanyPicture("NWCS", "Northwind", guidance=points))
    layout = figure.to_plotly_json()["layout"]
    notes = layout["annotations"]
    assert len(notes) == NOTES
    assert [n["text"][:16] for n in notes[-2:]] == ["▼ FY2025 lowered", "▲ FY2025 raised "]
    assert [b["label"] for b in layout["xaxis"]["rangeselector"]["buttons"]] == [
        "1y", "2y", "5y", "all"
    ]  # fmt: skip
    assert str(layout["xaxis"]["range"][0])[:4] == "2023"
