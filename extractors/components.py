"""The spaCy components: companies, sentences-with-context, capex, ad claims, stances.

Document context (published date, subject ticker, doc_type) enters through the
``doc._.context`` extension, set on the Doc before the pipeline runs (see
``extractors.make_doc``); every other extension holds plain msgpack-friendly values
(dicts, lists, strings), so docs survive ``nlp.pipe(n_process=2)`` and ``DocBin``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors import lexicon
from extractors.adclaims import find_ad_claims
from extractors.capex import find_capex
from extractors.context import Sent
from extractors.gazetteer import Gazetteer, MentionFinder
from extractors.money import Amount, find_amounts
from extractors.periods import Period, find_periods
from extractors.sections import Section, sections
from extractors.sentences import sentence_offsets
from extractors.stance import document_stance, find_stance
from finclaims.models import Company

for _name, _default in (
    ("context", None),
    ("companies", None),
    ("subject", None),
    ("sent_offsets", None),
    ("amounts", None),
    ("periods", None),
    ("sections", None),
    ("capex", None),
    ("ad_claims", None),
    ("stances", None),
    ("stance", "neutral"),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class CompanyMentions:
    """Fills ``doc._.companies`` ([start, end, ticker]) and ``doc._.subject``."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.gazetteer = Gazetteer.default()
        self.finder = MentionFinder(nlp.vocab, self.gazetteer)

    def add_companies(self, companies: list[Company]) -> None:
        """Why: the warehouse or an EDGAR filer may know companies the snapshot lacks."""
        for company in companies:
            self.gazetteer.add(company, short=True)
        self.finder = MentionFinder(self.nlp.vocab, self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder(doc)
        doc._.companies = [list(m) for m in mentions]
        hint = (doc._.context or {}).get("ticker")
        doc._.subject = hint or _dominant([m[2] for m in mentions])
        return doc


def _dominant(tickers: list[str]) -> str | None:
    """Most-mentioned company; on a tie the one named first."""
    if not tickers:
        return None
    counts = Counter(tickers)
    top = max(counts.values())
    return next(t for t in tickers if counts[t] == top)


def _published(doc: Doc) -> date | None:
    value = (doc._.context or {}).get("published")
    return date.fromisoformat(value) if isinstance(value, str) else value


@cache
def _fye_months() -> dict[str, int]:
    return {str(k).upper(): int(v) for k, v in lexicon.load("fiscal_year_ends").items()}


def fye_month(ticker: str | None) -> int:
    """Why: filings date quarters by their end; only the fiscal year-end makes that a quarter."""
    return _fye_months().get(ticker or "", 12)


class AmountsAndPeriods:
    """Fills ``doc._.sent_offsets``, ``doc._.amounts``, ``doc._.periods`` (absolute) and
    ``doc._.sections`` ([year, quarter, boilerplate] per sentence)."""

    def __call__(self, doc: Doc) -> Doc:
        offsets = sentence_offsets(doc)
        published = _published(doc)
        fye = fye_month(doc._.subject)
        amounts, periods, full = [], [], doc.text
        for start, end in offsets:
            text = full[start:end]
            amounts += [_shift(asdict(a), start) for a in find_amounts(text)]
            periods += [_shift(asdict(p), start) for p in find_periods(text, published, fye)]
        title = (doc._.context or {}).get("title")
        found = sections([full[s:e] for s, e in offsets], title, published, fye)
        doc._.sent_offsets = [list(o) for o in offsets]
        doc._.amounts, doc._.periods = amounts, periods
        doc._.sections = [[x.year, x.quarter, x.boilerplate] for x in found]
        return doc


def _shift(item: dict, by: int) -> dict:
    return {**item, "start": item["start"] + by, "end": item["end"] + by}


def sentences(doc: Doc) -> list[Sent]:
    """The doc's sentences with their context, in sentence-relative offsets."""
    published = _published(doc)
    out, full = [], doc.text
    marks = doc._.sections or []
    for k, (start, end) in enumerate(doc._.sent_offsets or []):

        def local(items, start=start, end=end):
            return [
                {**i, "start": i["start"] - start, "end": i["end"] - start}
                for i in items
                if i["start"] >= start and i["end"] <= end
            ]

        mentions = [
            (s - start, e - start, t)
            for s, e, t in doc._.companies or []
            if s >= start and e <= end
        ]
        out.append(
            Sent(
                full[start:end],
                start,
                doc._.subject,
                published,
                mentions,
                [Amount(**a) for a in local(doc._.amounts or [])],
                [Period(**p) for p in local(doc._.periods or [])],
                Section(*marks[k]) if k < len(marks) else Section(),
            )
        )
    return out


class CapexFinder:
    """Fills ``doc._.capex``: one dict per distinct figure, first sentence kept."""

    def __call__(self, doc: Doc) -> Doc:
        capex, seen = [], set()
        for sent in sentences(doc):
            for fact in find_capex(sent):
                key = tuple(
                    fact[k]
                    for k in ("company", "fiscal_year", "fiscal_quarter", "low_usd", "high_usd")
                )
                if key not in seen:
                    seen.add(key)
                    capex.append(fact)
        doc._.capex = capex
        return doc


class AdClaimFinder:
    """Fills ``doc._.ad_claims``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ad_claims = [c for sent in sentences(doc) for c in find_ad_claims(sent)]
        return doc


class StanceFinder:
    """Fills ``doc._.stances`` and the document stance ``doc._.stance``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.stances = [s for sent in sentences(doc) if (s := find_stance(sent))]
        doc._.stance = document_stance([s["stance"] for s in doc._.stances])
        return doc


@Language.factory("finclaims_companies")
def make_companies(nlp: Language, name: str) -> CompanyMentions:
    return CompanyMentions(nlp)


@Language.factory("finclaims_amounts")
def make_amounts(nlp: Language, name: str) -> AmountsAndPeriods:
    return AmountsAndPeriods()


@Language.factory("finclaims_capex")
def make_capex(nlp: Language, name: str) -> CapexFinder:
    return CapexFinder()


@Language.factory("finclaims_ad_claims")
def make_ad_claims(nlp: Language, name: str) -> AdClaimFinder:
    return AdClaimFinder()


@Language.factory("finclaims_stances")
def make_stances(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder()
