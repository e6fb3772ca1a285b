"""Actual capex from XBRL company-facts documents (``form == XBRL_FORM``).

The ``edgar`` spider writes one document per 10-Q/10-K accession, one line per fact:

    TICKER reported|prior CONCEPT: USD 1,234 for START to END (fiscal FY FP), FORM
    accession ACCN filed DATE.

``reported`` is the filing's own year-to-date figure; ``prior`` the same fiscal year's
previous year-to-date figure, when there is one. Cash-flow statements are year-to-date,
so a quarter's capex is the difference of the two (Q4 = full year - nine months). A
company whose capex definition includes principal payments on finance leases (as
configured in ``data/xbrl_capex.yaml``) gets those added. Each fact's sentence is the
lines it was computed from, so the accession and both figures are its provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from finclaims.models import CapexFact, Document, Extraction

XBRL_FORM = "XBRL-CAPEX"
_CONFIG = Path(__file__).with_name("data") / "xbrl_capex.yaml"
_LINE = re.compile(
    r"^(?P<ticker>\S+) (?P<role>reported|prior) (?P<concept>\w+): USD (?P<value>[\d,]+) "
    r"for (?P<start>[\d-]+) to (?P<end>[\d-]+) \(fiscal (?P<fy>\d{4}) (?P<fp>Q[1-4]|FY)\), "
    r"(?P<form>\S+) accession (?P<accession>[\d-]+) filed (?P<filed>[\d-]+)\.$"
)
_QUARTER = {"Q1": 1, "Q2": 2, "Q3": 3}


@dataclass(frozen=True)
class _Line:
    concept: str
    role: str
    value: float
    fy: int
    fp: str
    start: int
    end: int  # character offsets of the line in the document text


@cache
def _config() -> dict:
    return yaml.safe_load(_CONFIG.read_text(encoding="utf-8")) or {}


def handles(document: Document) -> bool:
    return document.form == XBRL_FORM


def _lines(text: str) -> list[_Line]:
    found, offset = [], 0
    for raw in text.split("\n"):
        if match := _LINE.match(raw):
            value = float(match["value"].replace(",", ""))
            found.append(
                _Line(
                    match["concept"],
                    match["role"],
                    value,
                    int(match["fy"]),
                    match["fp"],
                    offset,
                    offset + len(raw),
                )
            )
        offset += len(raw) + 1
    return found


def _concepts(lines: list[_Line], ticker: str | None) -> list[str]:
    """The concepts that make up this company's capex, as reported in this document."""
    config = _config()
    reported = {line.concept for line in lines if line.role == "reported"}
    base = next((c for c in config.get("base_concepts", []) if c in reported), None)
    if base is None:
        return []
    leases = config.get("finance_lease_concept")
    if ticker in set(config.get("finance_leases_in_capex", [])) and leases in reported:
        return [base, leases]
    return [base]


def _fact(
    text: str, used: list[_Line], value: float, fy: int, quarter: int | None, ticker: str | None
) -> CapexFact:
    start, end = min(line.start for line in used), max(line.end for line in used)
    return CapexFact(
        company=ticker,
        fiscal_year=fy,
        fiscal_quarter=quarter,
        low_usd=value,
        high_usd=value,
        kind="actual",
        sentence=text[start:end],
        char_start=start,
        char_end=end,
    )


def capex_facts(document: Document) -> list[CapexFact]:
    """The actual capex figures one company-facts document states or implies."""
    lines = _lines(document.text)
    concepts = _concepts(lines, document.ticker)
    if not concepts:
        return []
    by_role: dict[str, dict[str, _Line]] = {"reported": {}, "prior": {}}
    for line in lines:
        if line.concept in concepts:
            by_role[line.role][line.concept] = line
    reported, prior = by_role["reported"], by_role["prior"]
    if set(reported) != set(concepts):
        return []
    fy, fp, ticker = reported[concepts[0]].fy, reported[concepts[0]].fp, document.ticker
    year_to_date = sum(reported[c].value for c in concepts)
    stated = list(reported.values())
    facts = []
    if fp in ("Q1", "FY"):
        quarter = 1 if fp == "Q1" else None
        facts.append(_fact(document.text, stated, year_to_date, fy, quarter, ticker))
    if fp != "Q1" and set(prior) == set(concepts):
        quarter = 4 if fp == "FY" else _QUARTER[fp]
        value = year_to_date - sum(prior[c].value for c in concepts)
        if value >= 0:
            used = [*stated, *prior.values()]
            facts.append(_fact(document.text, used, value, fy, quarter, ticker))
    return [f.model_copy(update={"document_id": document.id}) for f in facts]


def extract(document: Document, label: str | None = None) -> Extraction:
    """The Extraction of a company-facts document: actual capex only, no stances or ads."""
    return Extraction(
        document_id=document.id,
        document=label or document.url,
        published=document.published,
        capex=capex_facts(document),
    )
