"""Capex-guidance change detection: compare each new statement with the last known one.

Documents are examined once (re-extraction re-queues them) and every alert carries an
event key, so re-running detection or re-loading a batch never announces an event twice.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime

import duckdb
import pyarrow as pa

from finclaims.models import Alert, GuidanceEvent, utcnow
from warehouse.queries import named_queries
from warehouse.statements import registered, run, transaction

_Q = named_queries("guidance")
TOLERANCE = 0.005  # relative; the same 0.5% the extraction scorer uses for "equal"

_CANDIDATE_FIELDS = [
    "company",
    "fiscal_year",
    "fiscal_quarter",
    "low_usd",
    "high_usd",
    "document",
    "url",
    "published",
    "sentence",
    "prior_document",
    "prior_url",
    "prior_low_usd",
    "prior_high_usd",
    "from_company",
]

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


def detect_guidance_changes(
    con: duckdb.DuckDBPyConnection, run_id: str | None = None
) -> list[Alert]:
    """Classify guidance in not-yet-examined documents; store and return only new alerts."""
    created_at = utcnow()
    with transaction(con):
        rows = run(con, _Q["candidates"])
        alerts = [a for a in (_to_alert(row, created_at) for row in rows) if a is not None]
        examined = [r[0] for r in run(con, _Q["unexamined_guidance_documents"])]
        tables = {
            "batch_alerts": _alerts_table(alerts),
            "batch_examined": pa.table({"document_id": pa.array(examined, pa.string())}),
        }
        with registered(con, tables):
            inserted = run(con, _Q["insert_alerts"], {"run_id": run_id})
            run(con, _Q["mark_examined"], {"run_id": run_id})
    stored = {row[0] for row in inserted}
    return [a for a in alerts if event_key(a) in stored]


def _to_alert(row: tuple, created_at: datetime) -> Alert | None:
    """The event a statement makes, or None for a third party repeating the current outlook.

    Only the company can reaffirm its guidance; a story repeating the outlook corroborates
    it, while a story reporting a *different* figure is still an event.
    """
    c = dict(zip(_CANDIDATE_FIELDS, row, strict=True))
    from_company = c.pop("from_company")
    c["event"] = classify_change(
        c["low_usd"], c["high_usd"], c["prior_low_usd"], c["prior_high_usd"]
    )
    if c["event"] == "reaffirmed" and not from_company:
        return None
    return Alert(created_at=created_at, **c)


def _alerts_table(alerts: list[Alert]) -> pa.Table:
    columns = {f.name: [getattr(a, f.name, None) for a in alerts] for f in _ALERT_SCHEMA}
    columns["event_key"] = [event_key(a) for a in alerts]
    return pa.Table.from_pydict(columns, schema=_ALERT_SCHEMA)
