"""Stored guidance alerts and their outbox: who still has to hear about which alert.

Delivery is at-least-once per channel: ``enqueue`` gives every announceable alert one
outbox row per configured channel, a sender takes ``deliveries``, sends each with its
idempotency key and records the outcome at once with ``record_delivery``. A channel that
is down keeps its rows pending for the next attempt while the others are done; the key
lets a receiver drop the one duplicate a crash between "sent" and "recorded" could cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pyarrow as pa

from finclaims.models import Alert
from warehouse.queries import named_queries
from warehouse.statements import registered, run, scalar, transaction

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
    "unconfirmed",
]
_CHANNELS_SCHEMA = pa.schema([("channel", pa.string()), ("label", pa.string())])


@dataclass(frozen=True)
class AlertSource:
    """Where the alert's figure was read, as a message names it (``8-K 2026-04-29, EX-99.1``)."""

    doc_type: str | None
    form: str | None
    filing_date: date | None
    title: str | None
    publisher: str | None


@dataclass(frozen=True)
class Delivery:
    """One alert still owed to one channel."""

    alert_id: int
    channel: str
    idempotency_key: str
    attempts: int
    alert: Alert
    source: AlertSource


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


def enqueue(
    con: duckdb.DuckDBPyConnection,
    channels: Sequence[tuple[str, str]],
    include_reaffirmed: bool,
    created_since: datetime | None = None,
) -> int:
    """Queue each unannounced alert for each ``(channel id, label)``; returns rows added."""
    if not channels:
        return 0
    params = {"include_reaffirmed": include_reaffirmed, "created_since": created_since}
    with registered(con, {"batch_channels": _channels_table(channels)}), transaction(con):
        return len(run(con, _Q["enqueue"], params))


def deliveries(con: duckdb.DuckDBPyConnection, channels: Sequence[str]) -> list[Delivery]:
    """Pending outbox rows of the configured channels, oldest alert first."""
    table = _channels_table([(c, c) for c in channels])
    with registered(con, {"batch_channels": table}):
        rows = run(con, _Q["deliveries"])
    return [
        Delivery(
            alert_id=row[0],
            channel=row[1],
            idempotency_key=row[2],
            attempts=row[3],
            alert=_alert(row[4:20]),
            source=AlertSource(*row[20:25]),
        )
        for row in rows
    ]


def record_delivery(
    con: duckdb.DuckDBPyConnection, delivery: Delivery, error: str | None = None
) -> None:
    """Record one attempt right after it was made: sent when ``error`` is None."""
    params = {"alert_id": delivery.alert_id, "channel": delivery.channel}
    if error is None:
        run(con, _Q["delivered"], params)
    else:
        run(con, _Q["delivery_failed"], {**params, "error": error[:500]})


def mark_announced(con: duckdb.DuckDBPyConnection, channels: Sequence[str]) -> int:
    """Stamp ``notified_at`` on alerts that no configured channel still waits for."""
    table = _channels_table([(c, c) for c in channels])
    with registered(con, {"batch_channels": table}):
        return int(scalar(con, _Q["mark_announced"]))


def _channels_table(channels: Sequence[tuple[str, str]]) -> pa.Table:
    return pa.Table.from_pydict(
        {"channel": [c for c, _ in channels], "label": [label for _, label in channels]},
        schema=_CHANNELS_SCHEMA,
    )


def _alert(values: tuple) -> Alert:
    return Alert(**dict(zip(ALERT_COLUMNS, values, strict=True)))


def settle_run(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Mark a run's alerts as owed to nobody (a backfill's history is not news)."""
    return int(scalar(con, _Q["settle_run"], {"run_id": run_id}))


def known_accessions(con: duckdb.DuckDBPyConnection, accessions: Sequence[str]) -> set[str]:
    """Which of these filings are already stored, so a poll fetches only what is new."""
    rows = run(con, _Q["known_accessions"], {"accessions": list(accessions)})
    return {row[0] for row in rows}


def company_ciks(con: duckdb.DuckDBPyConnection, tickers: Sequence[str]) -> dict[str, str]:
    """``{cik: ticker}`` for the tickers the warehouse already knows."""
    rows = run(con, _Q["company_ciks"], {"tickers": list(tickers)})
    return {str(cik).zfill(10): ticker for cik, ticker in rows}
