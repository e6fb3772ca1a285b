"""Announce capex-guidance alerts: one message per alert and channel, through the outbox.

The message says what changed and where it came from, e.g.
``META raised FY2026 capex guidance to $125–145B (prior $115–135B) — 8-K 2026-04-29,
EX-99.1 <url> — "We anticipate ..."``. Delivery never raises: a channel that fails keeps
its alerts pending for the next attempt and the problem is returned for the run's record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from finclaims.models import Alert
from flows.channels import Channel
from warehouse.alerts import (
    AlertSource,
    Delivery,
    deliveries,
    enqueue,
    mark_announced,
    record_delivery,
)

SENTENCE_CHARS = 240
_VERBS = {
    "new": "set {period} capex guidance at {range}",
    "raised": "raised {period} capex guidance to {range}",
    "lowered": "lowered {period} capex guidance to {range}",
    "narrowed": "narrowed {period} capex guidance to {range}",
    "widened": "widened {period} capex guidance to {range}",
    "reaffirmed": "reaffirmed {period} capex guidance of {range}",
}
_EXHIBIT = re.compile(r"\bEX-\d+(?:\.\d+)?\b", re.IGNORECASE)


@dataclass
class DeliveryReport:
    """What one delivery pass did; ``problems`` go into the run's error list."""

    queued: int = 0
    sent: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def money_range(low: float | None, high: float | None) -> str:
    """``$125–145B``, ``$45.5B``, ``$125B+`` — the way analysts write capex ranges."""

    def bn(value: float) -> str:
        return f"{value / 1e9:,.2f}".rstrip("0").rstrip(".")

    if high is None:
        return f"${bn(low or 0)}B+"
    if low is None or abs(high - low) < 1e-6 * max(high, 1.0):
        return f"${bn(high)}B"
    return f"${bn(low)}–{bn(high)}B"


def alert_title(alert: Alert) -> str:
    tag = " (unconfirmed)" if alert.unconfirmed else ""
    return f"{alert.company} {_period(alert)} capex guidance {alert.event}{tag}"


def alert_message(alert: Alert, source: AlertSource | None = None) -> str:
    """One line: what changed, from what, where it was read, and the sentence itself."""
    text = f"{alert.company} " + _VERBS[alert.event].format(
        period=_period(alert), range=money_range(alert.low_usd, alert.high_usd)
    )
    if alert.event not in ("new", "reaffirmed") and (
        alert.prior_low_usd is not None or alert.prior_high_usd is not None
    ):
        text += f" (prior {money_range(alert.prior_low_usd, alert.prior_high_usd)})"
    if alert.unconfirmed:
        text += ", unconfirmed: reported by news, not yet stated by the company"
    sentence = " ".join(alert.sentence.split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1].rstrip() + "…"
    return f'{text} — {source_label(alert, source)} {alert.url} — "{sentence}"'


def source_label(alert: Alert, source: AlertSource | None) -> str:
    """``8-K 2026-04-29, EX-99.1`` for filings, ``The Ledger Brief 2026-04-30`` for news."""
    day = alert.published.isoformat() if alert.published else "undated"
    if source is None:
        return day
    if source.form:
        label = f"{source.form} {(source.filing_date or alert.published or day)}"
        exhibit = _EXHIBIT.search(source.title or "")
        return f"{label}, {exhibit.group(0).upper()}" if exhibit else label
    who = source.publisher or (source.doc_type or "source").replace("_", " ")
    return f"{who} {day}"


def deliver(
    con: duckdb.DuckDBPyConnection,
    channels: Sequence[Channel],
    *,
    include_reaffirmed: bool = False,
    created_since: datetime | None = None,
) -> DeliveryReport:
    """Queue unannounced alerts for every channel, then send what each channel still owes.

    Each outcome is recorded right after its attempt, so a crash re-sends at most the one
    message in flight (with the same idempotency key). After a channel's first failure the
    rest of its queue waits for the next attempt, keeping each channel's order.
    """
    report = DeliveryReport()
    if not channels:
        return report
    by_id = {c.id: c for c in channels}
    report.queued = enqueue(
        con, [(c.id, c.label) for c in channels], include_reaffirmed, created_since
    )
    down: set[str] = set()
    for item in deliveries(con, list(by_id)):
        if item.channel in down:
            continue
        error = _send(by_id[item.channel], item)
        record_delivery(con, item, error)
        if error is None:
            report.sent += 1
        else:
            report.failed += 1
            down.add(item.channel)
            report.problems.append(
                f"notification failed for {item.alert.company} FY{item.alert.fiscal_year} "
                f"{item.alert.event} ({error}); will retry on the next run"
            )
    mark_announced(con, list(by_id))
    return report


def _send(channel: Channel, item: Delivery) -> str | None:
    try:
        return channel.send(
            alert_title(item.alert), alert_message(item.alert, item.source), item.idempotency_key
        )
    except Exception as exc:  # a channel bug must not lose the other channels' deliveries
        return f"{channel.label}: {type(exc).__name__}: {exc}"


def _period(alert: Alert) -> str:
    return f"FY{alert.fiscal_year}" + (f" Q{alert.fiscal_quarter}" if alert.fiscal_quarter else "")
