"""Capex-guidance change detection: compare each new statement with the last known one.

Primary sources (the company's 8-K, release, call or report) outrank news: a company
statement is compared with the company's previous one, and news only raises an
*unconfirmed* event when it reports a figure no one has given yet. Documents are examined
once (re-extraction re-queues them) and every alert carries an event key, so re-running
detection, re-loading a batch or hearing a figure again never announces an event twice.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

import duckdb
import pyarrow as pa

from finclaims.models import Alert, GuidanceEvent, utcnow
from warehouse.queries import named_queries
from warehouse.statements import registered, run, transaction

_Q = named_queries("guidance")
TOLERANCE = 0.005  # relative; the same 0.5% the extraction scorer uses for "equal"

_ALERT_SCHEMA = pa.schema(
    [
        ("event_key", pa.string()),
        ("company", pa.string()),
        ("fiscal_year", pa.int32()),
        ("fiscal_quarter", pa.int32()),
        ("event", pa.string()),
        ("low_usd", pa.float64()),
        ("high_usd", pa.float64()),
        ("prior_low_usd", pa.float64()),
        ("prior_high_usd", pa.float64()),
        ("document", pa.string()),
        ("url", pa.string()),
        ("published", pa.date32()),
        ("sentence", pa.string()),
        ("prior_document", pa.string()),
        ("prior_url", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("unconfirmed", pa.bool_()),
    ]
)
_CONFIRMATION_SCHEMA = pa.schema(
    [
        ("news_document", pa.string()),
        ("company", pa.string()),
        ("fiscal_year", pa.int32()),
        ("fiscal_quarter", pa.int32()),
        ("confirmed_by", pa.string()),
        ("confirmed_url", pa.string()),
    ]
)


def classify_change(
    low: float | None,
    high: float | None,
    prior_low: float | None,
    prior_high: float | None,
) -> GuidanceEvent:
    """Name the move from the prior range to the new one (a missing high is open-ended)."""
    if prior_low is None and prior_high is None:
        return "new"
    new = _interval(low, high)
    old = _interval(prior_low, prior_high)
    if _close(new[0], old[0]) and _close(new[1], old[1]):
        return "reaffirmed"
    if _within(new, old):
        return "narrowed"
    if _within(old, new):
        return "widened"
    return "raised" if _midpoint(new) > _midpoint(old) else "lowered"


def _interval(low: float | None, high: float | None) -> tuple[float, float]:
    """``(low, high)`` with an open high as +inf and a missing low taken from the high."""
    lo = low if low is not None else high
    hi = high if high is not None else math.inf
    return float(lo), float(hi)


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _within(inner: tuple[float, float], outer: tuple[float, float]) -> bool:
    lo_ok = inner[0] >= outer[0] or _close(inner[0], outer[0])
    hi_ok = inner[1] <= outer[1] or _close(inner[1], outer[1])
    return lo_ok and hi_ok


def _midpoint(interval: tuple[float, float]) -> float:
    lo, hi = interval
    return lo if math.isinf(hi) else (lo + hi) / 2


def event_key(alert: Alert) -> str:
    """Identity of an event: this figure for this period in this document."""
    parts = (
        alert.document,
        alert.company,
        alert.fiscal_year,
        alert.fiscal_quarter,
        alert.low_usd,
        alert.high_usd,
    )
    return hashlib.sha256("|".join(map(repr, parts)).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Statement:
    """One document's first guidance figure for one period, with what ranks its source."""

    company: str
    fiscal_year: int
    fiscal_quarter: int | None
    low_usd: float | None
    high_usd: float | None
    sentence: str
    document: str
    url: str
    canonical_url: str
    published: date | None
    day: date
    from_company: bool
    examined: bool

    @property
    def period(self) -> tuple[str, int, int | None]:
        return (self.company, self.fiscal_year, self.fiscal_quarter)

    def same_figure(self, other: Statement) -> bool:
        return classify_change(self.low_usd, self.high_usd, other.low_usd, other.high_usd) == (
            "reaffirmed"
        )


@dataclass(frozen=True)
class Confirmation:
    """A company document stating the figure a news report gave first."""

    news: Statement
    primary: Statement


@dataclass
class _PeriodState:
    """What is known about one period while its statements are walked in time order."""

    last_primary: Statement | None = None
    seen: list[Statement] = field(default_factory=list)
    unconfirmed: list[Statement] = field(default_factory=list)


def judge_period(
    statements: list[Statement], created_at: datetime
) -> tuple[list[Alert], list[Confirmation]]:
    """Walk one period's statements in time order; events only for unexamined documents.

    The company's own documents (8-K, release, call) are compared with its previous own
    statement. News is an event only when it gives a figure nobody has given before, and
    then it is marked unconfirmed; when the company later states that figure, the news
    alert is confirmed instead of a second alert going out.
    """
    state = _PeriodState()
    alerts: list[Alert] = []
    confirmations: list[Confirmation] = []
    for statement in statements:
        if statement.from_company:
            alert, confirmed = _judge_primary(statement, state, created_at)
        else:
            alert, confirmed = _judge_news(statement, state, created_at), None
        state.seen.append(statement)
        if statement.examined:
            continue
        if alert is not None and not _already_announced(statement, statements):
            alerts.append(alert)
        if confirmed is not None:
            confirmations.append(confirmed)
    return alerts, confirmations


def _judge_primary(
    s: Statement, state: _PeriodState, created_at: datetime
) -> tuple[Alert | None, Confirmation | None]:
    prior = state.last_primary
    reported = next((n for n in state.unconfirmed if s.same_figure(n)), None)
    state.last_primary, state.unconfirmed = s, []
    if reported is not None:
        return None, Confirmation(news=reported, primary=s)
    alert = _alert(s, prior, created_at, unconfirmed=False)
    if alert.event == "reaffirmed" and _same_announcement(s, prior):
        return None, None
    return alert, None


def _already_announced(s: Statement, statements: list[Statement]) -> bool:
    """A late-crawled copy of a figure already examined: old news, or the same announcement.

    Time order can put a late arrival before statements examined on earlier nights; their
    alerts went out already, so the copy must not announce the figure a second time.
    """
    return any(
        other.examined
        and s.same_figure(other)
        and (not s.from_company or other.day == s.day or other.canonical_url == s.canonical_url)
        for other in statements
    )


def _same_announcement(s: Statement, prior: Statement | None) -> bool:
    """The same day, or a new version of the same page, is one announcement, not two."""
    return prior is not None and (prior.day == s.day or prior.canonical_url == s.canonical_url)


def _judge_news(s: Statement, state: _PeriodState, created_at: datetime) -> Alert | None:
    if any(s.same_figure(earlier) for earlier in state.seen):
        return None  # a report repeating a figure already given is not news
    prior = state.last_primary or (state.seen[-1] if state.seen else None)
    state.unconfirmed.append(s)
    return _alert(s, prior, created_at, unconfirmed=True)


def _alert(
    s: Statement, prior: Statement | None, created_at: datetime, *, unconfirmed: bool
) -> Alert:
    return Alert(
        company=s.company,
        fiscal_year=s.fiscal_year,
        fiscal_quarter=s.fiscal_quarter,
        event=classify_change(
            s.low_usd,
            s.high_usd,
            prior.low_usd if prior else None,
            prior.high_usd if prior else None,
        ),
        low_usd=s.low_usd,
        high_usd=s.high_usd,
        prior_low_usd=prior.low_usd if prior else None,
        prior_high_usd=prior.high_usd if prior else None,
        document=s.document,
        url=s.url,
        published=s.published,
        sentence=s.sentence,
        prior_document=prior.document if prior else None,
        prior_url=prior.url if prior else None,
        unconfirmed=unconfirmed,
        created_at=created_at,
    )


def detect_guidance_changes(
    con: duckdb.DuckDBPyConnection, run_id: str | None = None
) -> list[Alert]:
    """Judge guidance in not-yet-examined documents; store and return only new alerts."""
    created_at = utcnow()
    with transaction(con):
        statements = [Statement(*row) for row in run(con, _Q["statements"])]
        alerts: list[Alert] = []
        confirmations: list[Confirmation] = []
        for _, group in groupby(statements, key=lambda s: s.period):
            found, confirmed = judge_period(list(group), created_at)
            alerts += found
            confirmations += confirmed
        examined = [r[0] for r in run(con, _Q["unexamined_guidance_documents"])]
        tables = {
            "batch_alerts": _alerts_table(alerts),
            "batch_examined": pa.table({"document_id": pa.array(examined, pa.string())}),
            "batch_confirmations": _confirmations_table(confirmations),
        }
        with registered(con, tables):
            inserted = run(con, _Q["insert_alerts"], {"run_id": run_id})
            run(con, _Q["confirm_alerts"])
            run(con, _Q["mark_examined"], {"run_id": run_id})
    stored = {row[0] for row in inserted}
    return [a for a in alerts if event_key(a) in stored]


def _alerts_table(alerts: list[Alert]) -> pa.Table:
    columns = {f.name: [getattr(a, f.name, None) for a in alerts] for f in _ALERT_SCHEMA}
    columns["event_key"] = [event_key(a) for a in alerts]
    return pa.Table.from_pydict(columns, schema=_ALERT_SCHEMA)


def _confirmations_table(confirmations: list[Confirmation]) -> pa.Table:
    return pa.Table.from_pydict(
        {
            "news_document": [c.news.document for c in confirmations],
            "company": [c.news.company for c in confirmations],
            "fiscal_year": [c.news.fiscal_year for c in confirmations],
            "fiscal_quarter": [c.news.fiscal_quarter for c in confirmations],
            "confirmed_by": [c.primary.document for c in confirmations],
            "confirmed_url": [c.primary.url for c in confirmations],
        },
        schema=_CONFIRMATION_SCHEMA,
    )
