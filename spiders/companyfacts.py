"""XBRL company facts (``data.sec.gov/api/xbrl/companyfacts/``) as capex documents.

Reported capex lives in the cash-flow statement, tagged with a few us-gaap concepts. This
module picks, for every 10-Q/10-K accession, the facts of its own (current) period and
writes them as one small document per accession, one line per fact::

    GOOGL reported PaymentsToAcquirePropertyPlantAndEquipment: USD 63,596,000,000 for
    2025-01-01 to 2025-09-30 (fiscal 2025 Q3), 10-Q accession 0001652044-25-000091 filed
    2025-10-30.

Cash-flow figures are year-to-date, so each current line is preceded by a ``prior`` line
with the same fiscal year's previous year-to-date figure (from the earlier accession):
``extractors/xbrl.py`` turns the pair into the quarter's own figure. The line format is
the contract between the two; documents carry ``form = XBRL_FORM``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

XBRL_FORM = "XBRL-CAPEX"
CONCEPTS = (
    "PaymentsToAcquirePropertyPlantAndEquipment",
    "PaymentsToAcquireProductiveAssets",
    "FinanceLeasePrincipalPayments",
)
FORMS = ("10-Q", "10-K")
FISCAL_PERIODS = ("Q1", "Q2", "Q3", "FY")


def _line(ticker: str, role: str, concept: str, fact: dict) -> str:
    return (
        f"{ticker} {role} {concept}: USD {int(fact['val']):,} for {fact['start']} to "
        f"{fact['end']} (fiscal {fact['fy']} {fact['fp']}), {fact['form']} accession "
        f"{fact['accn']} filed {fact['filed']}."
    )


def _usd_facts(payload: dict, concept: str) -> list[dict]:
    units = payload.get("facts", {}).get("us-gaap", {}).get(concept, {}).get("units", {})
    wanted = ("start", "end", "val", "accn", "fy", "fp", "form", "filed")
    return [
        f
        for f in units.get("USD", [])
        if all(f.get(k) is not None for k in wanted)
        and f["form"] in FORMS
        and f["fp"] in FISCAL_PERIODS
    ]


def _current(facts: list[dict]) -> dict[str, dict]:
    """Per accession, the fact of the filing's own period: the latest-ending one, and of
    those the longest (the year-to-date figure rather than a three-month one)."""
    by_accession: dict[str, dict] = {}
    for fact in facts:
        best = by_accession.get(fact["accn"])
        if best is None or (fact["end"], _days(fact)) > (best["end"], _days(best)):
            by_accession[fact["accn"]] = fact
    return by_accession


def _days(fact: dict) -> int:
    return (date.fromisoformat(fact["end"]) - date.fromisoformat(fact["start"])).days


def _prior(facts: list[dict], current: dict) -> dict | None:
    """The same fiscal year's previous year-to-date figure (same start, earlier end), as
    reported by then: a later filing's comparative would date the document wrongly."""
    earlier = [
        f
        for f in facts
        if f["start"] == current["start"]
        and f["end"] < current["end"]
        and f["filed"] <= current["filed"]
    ]
    return max(earlier, key=lambda f: f["end"], default=None)


def capex_documents(
    payload: dict, ticker: str, url: str, since: date | None = None
) -> Iterator[dict]:
    """One document item per 10-Q/10-K accession that reports a capex concept."""
    lines: dict[str, list[str]] = defaultdict(list)
    filings: dict[str, dict] = {}
    for concept in CONCEPTS:
        facts = _usd_facts(payload, concept)
        for accession, fact in _current(facts).items():
            if since and date.fromisoformat(fact["filed"]) < since:
                continue
            if fact["fp"] != "Q1" and (prior := _prior(facts, fact)) is not None:
                lines[accession].append(_line(ticker, "prior", concept, prior))
            lines[accession].append(_line(ticker, "reported", concept, fact))
            filings[accession] = fact
    for accession, text_lines in sorted(lines.items(), key=lambda kv: filings[kv[0]]["filed"]):
        fact = filings[accession]
        yield {
            "url": url,
            "canonical_url": f"{url}#{accession}",
            "source": "edgar",
            "publisher": "SEC EDGAR",
            "title": f"{ticker} {fact['form']} XBRL capex facts (fiscal {fact['fy']} {fact['fp']})",
            "published": fact["filed"],
            "filing_date": fact["filed"],
            "doc_type": "other",
            "ticker": ticker,
            "form": XBRL_FORM,
            "accession": accession,
            "language": "en",
            "text": "\n".join(text_lines),
        }
