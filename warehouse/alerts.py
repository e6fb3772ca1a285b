"""Reading stored guidance alerts and recording that they were announced.

Notification is exactly-once by construction: a sender reads ``pending_notifications``,
sends, then calls ``mark_notified`` with the ids that went out; a failed send leaves its
alert pending for the next run.
"""

from __future__ import annotations

from datetime import date

import duckdb

from finclaims.models import Alert
from warehouse.queries import named_queries
from warehouse.statements import run, scalar

_Q = named_queries("alerts")
ALERT_COLUMNS = [
    "company",
    "fiscal_year",
    "fiscal_quarter",
    "event",
    "low_usd",
    "high_usd",
    "prior_low_usd",
    "prior_high_usd",
    "document",
    "url",
    "published",
    "sentence",
    "prior_document",
    "prior_url",
    "created_at",
]


def pending_notifications(
    con: duckdb.DuckDBPyConnection, include_reaffirmed: bool
) -> list[tuple[int, Alert]]:
    """Alerts not yet announced, oldest first, each with the id ``mark_notified`` needs."""
    rows = run(con, _Q["pending"], {"include_reaffirmed": include_reaffirmed})
    return [(row[0], _alert(row[1:])) for row in rows]


def mark_notified(con: duckdb.DuckDBPyConnection, alert_ids: list[int]) -> int:
    """Record the alerts as announced; returns how many were newly marked."""
    if not alert_ids:
        return 0
    return int(scalar(con, _Q["mark_notified"], {"ids": [int(i) for i in alert_ids]}))


def list_alerts(con: duckdb.DuckDBPyConnection, since: date | None = None) -> list[Alert]:
    """Every stored alert detected on or after ``since`` (UTC date), oldest first."""
    rows = run(con, _Q["since"], {"since": since})
    return [_alert(row[1:]) for row in rows]


def _alert(values: tuple) -> Alert:
    return Alert(**dict(zip(ALERT_COLUMNS, values, strict=True)))
