"""Analyst views and run bookkeeping, read back from a real DuckDB file."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta

import pytest
from warehouse_helpers import BASE_FETCH, billions, document, guidance_doc

from finclaims.models import AdClaim, CapexFact, Extraction, Stance
from warehouse import RunNotFound, finish_run, load_batch, start_run


def _rows(con, sql):
    return con.execute(sql).fetchall()


def _load(con, *pairs):
    load_batch(con, [d for d, _ in pairs], [e for _, e in pairs], [])


def test_guidance_latest_and_history_follow_published_order(con):
    _load(
        con,
        guidance_doc("META", 2026, 70, 72, date(2026, 7, 30)),
        guidance_doc("META", 2026, 60, 65, date(2026, 1, 29)),
        guidance_doc("META", 2026, 64, 72, date(2026, 4, 24)),
        guidance_doc("META", 2025, 38, 40, date(2025, 2, 1)),
    )
    latest = _rows(
        con,
        "SELECT fiscal_year, low_usd, published, url IS NOT NULL, sentence LIKE 'META%' "
        "FROM capex_guidance_latest ORDER BY fiscal_year",
    )
    assert latest == [
        (2025, billions(38), date(2025, 2, 1), True, True),
        (2026, billions(70), date(2026, 7, 30), True, True),
    ]
    history = _rows(
        con,
        "SELECT published, low_usd, previous_low_usd, previous_high_usd "
        "FROM capex_guidance_history WHERE fiscal_year = 2026",
    )
    assert history == [
        (date(2026, 1, 29), billions(60), None, None),
        (date(2026, 4, 24), billions(64), billions(60), billions(65)),
        (date(2026, 7, 30), billions(70), billions(64), billions(72)),
    ]


def test_history_keeps_the_revision_stated_in_the_text(con):
    text = "Microsoft raised its fiscal 2026 capex outlook to $85 billion from $80 billion."
    doc = document("https://news.example/msft-raise", text, date(2026, 4, 30))
    fact = CapexFact(
        sentence=text,
        company="MSFT",
        fiscal_year=2026,
        kind="guidance",
        low_usd=billions(85),
        high_usd=billions(85),
        revision="raised",
        prior_low_usd=billions(80),
        prior_high_usd=billions(80),
    )
    load_batch(con, [doc], [Extraction(document_id=doc.id, document=doc.url, capex=[fact])], [])
    row = _rows(con, "SELECT stated_revision, stated_prior_low_usd FROM capex_guidance_history")
    assert row == [("raised", billions(80))]


def test_actuals_ad_claims_and_daily_stances(con):
    text = (
        "Capital expenditures were $22.6 billion in the quarter. "
        "Advantage+ lifted ROAS by 22% for advertisers. "
        "We stay bullish on Meta. Still, the spending is a risk."
    )
    doc = document("https://news.example/meta-q2", text, date(2026, 7, 31), publisher="Street")
    undated = document(
        "https://blog.example/meta",
        "Bullish on Meta again.",
        published=None,
        fetched_at=BASE_FETCH + timedelta(days=3),
        publisher="Blog",
    )
    extraction = Extraction(
        document_id=doc.id,
        document=doc.url,
        stance="mixed",
        capex=[
            CapexFact(
                sentence=text[:55],
                company="META",
                fiscal_year=2026,
                fiscal_quarter=2,
                kind="actual",
                low_usd=billions(22.6),
                high_usd=billions(22.6),
            )
        ],
        ad_claims=[
            AdClaim(
                sentence=text[56:103],
                company="META",
                metric="roas",
                direction="up",
                change_pct=22.0,
            )
        ],
        stances=[
            Stance(sentence="We stay bullish on Meta.", stance="bull", target="META"),
            Stance(sentence="Still, the spending is a risk.", stance="bear", target="META"),
        ],
    )
    undated_x = Extraction(
        document_id=undated.id,
        document=undated.url,
        stance="bull",
        stances=[Stance(sentence=undated.text, stance="bull", target="META")],
    )
    load_batch(con, [doc, undated], [extraction, undated_x], [])

    assert _rows(con, "SELECT fiscal_quarter, low_usd, url FROM capex_actuals") == [
        (2, billions(22.6), doc.url)
    ]
    assert _rows(con, "SELECT metric, change_pct, publisher, published FROM ad_claims_v") == [
        ("roas", 22.0, "Street", date(2026, 7, 31))
    ]
    assert _rows(
        con, "SELECT company, day, publisher, bull, bear FROM stances_daily ORDER BY day"
    ) == [
        ("META", date(2026, 2, 4), "Blog", 1, 0),
        ("META", date(2026, 7, 31), "Street", 1, 1),
    ]
    assert _rows(con, "SELECT stance FROM documents ORDER BY publisher") == [("bull",), ("mixed",)]


def test_runs_record_params_counts_and_errors(con):
    run_id = start_run(con, {"since_days": 1, "day": date(2026, 2, 1)})
    assert _rows(con, "SELECT status, finished_at FROM runs") == [("running", None)]
    finish_run(con, run_id, "partial", {"documents": 4}, ["https://x.example: HTTP 500"])
    status, params, counts, errors, finished = _rows(
        con, "SELECT status, params, counts, errors, finished_at FROM runs"
    )[0]
    assert status == "partial" and finished is not None
    recorded = json.loads(params)
    assert recorded.pop("pid") == os.getpid() and recorded.pop("host")  # who ran it
    assert recorded == {"day": "2026-02-01", "since_days": 1}
    assert json.loads(counts) == {"documents": 4}
    assert json.loads(errors) == ["https://x.example: HTTP 500"]
    with pytest.raises(RunNotFound, match="no run 'nope'"):
        finish_run(con, "nope", "ok", {}, [])
