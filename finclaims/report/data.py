"""What the report shows, read from the analysts' read-only snapshot and nothing else.

The report is an analyst like any other: it opens the published file through
``warehouse.analyst_connect`` so it can never change the store or see a half-loaded run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from finclaims.errors import FinclaimsError

ALERTS_SHOWN = 12
_NAME_RE = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class GuidancePoint:
    """One guidance statement; ``previous_*`` is the range stated just before it."""

    fiscal_year: int
    fiscal_quarter: int | None
    low_usd: float | None
    high_usd: float | None
    approximate: bool
    previous_low_usd: float | None
    previous_high_usd: float | None
    stated_revision: str | None
    day: date
    url: str
    title: str | None
    publisher: str | None
    sentence: str


@dataclass(frozen=True)
class ActualPoint:
    fiscal_year: int
    fiscal_quarter: int | None
    low_usd: float | None
    high_usd: float | None
    day: date
    url: str
    title: str | None
    publisher: str | None
    form: str | None
    sentence: str


@dataclass(frozen=True)
class StanceWeek:
    week: date
    publisher: str | None
    bull: int
    bear: int


@dataclass(frozen=True)
class AlertRow:
    company: str
    fiscal_year: int
    fiscal_quarter: int | None
    event: str
    low_usd: float | None
    high_usd: float | None
    prior_low_usd: float | None
    prior_high_usd: float | None
    url: str
    published: date | None
    sentence: str
    created_at: datetime
    title: str | None
    publisher: str | None
    unconfirmed: bool = False


@dataclass
class CompanyPicture:
    """Everything the report draws for one company."""

    ticker: str
    name: str
    guidance: list[GuidancePoint] = field(default_factory=list)
    actuals: list[ActualPoint] = field(default_factory=list)
    stance_weeks: list[StanceWeek] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.guidance or self.actuals or self.stance_weeks or self.alerts)


@cache
def _queries() -> dict[str, str]:
    text = Path(__file__).with_name("queries.sql").read_text(encoding="utf-8")
    parts = _NAME_RE.split(text)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    cursor = con.execute(_queries()[name], params or None)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def known_companies(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Ticker -> name for every company with at least one claim or alert."""
    return {row["ticker"]: row["name"] for row in _rows(con, "companies")}


def select_companies(known: dict[str, str], wanted: str | None) -> list[tuple[str, str]]:
    """All companies, or the one asked for; an unknown ticker is the user's mistake."""
    if wanted is None:
        return list(known.items())
    ticker = wanted.strip().upper()
    if ticker not in known:
        sample = ", ".join(list(known)[:8]) or "none yet"
        more = " …" if len(known) > 8 else ""
        raise FinclaimsError(
            f"unknown company {wanted!r}: the store has no claims for it (known: {sample}{more})"
        )
    return [(ticker, known[ticker])]


def company_picture(con: duckdb.DuckDBPyConnection, ticker: str, name: str) -> CompanyPicture:
    """Guidance history, actuals, weekly stances and latest alerts of one company."""
    guidance = [GuidancePoint(**r) for r in _rows(con, "guidance", company=ticker)]
    guidance.sort(key=lambda g: (g.day, g.fiscal_year, g.fiscal_quarter or 0))
    return CompanyPicture(
        ticker=ticker,
        name=name,
        guidance=guidance,
        actuals=[ActualPoint(**r) for r in _rows(con, "actuals", company=ticker)],
        stance_weeks=_stance_weeks(con, ticker),
        alerts=_alerts(con, ticker),
    )


def _stance_weeks(con: duckdb.DuckDBPyConnection, ticker: str) -> list[StanceWeek]:
    """Prefer the weekly view; stores from before it existed fall back to the daily one."""
    has_weekly = con.execute(_queries()["has_stance_trend"]).fetchone()[0]
    name = "stance_trend" if has_weekly else "stance_weeks_from_daily"
    return [
        StanceWeek(
            week=_as_date(r["week"]),
            publisher=r["publisher"],
            bull=int(r["bull"] or 0),
            bear=int(r["bear"] or 0),
        )
        for r in _rows(con, name, company=ticker)
    ]


def _alerts(con: duckdb.DuckDBPyConnection, ticker: str) -> list[AlertRow]:
    wanted = set(AlertRow.__dataclass_fields__)
    rows = _rows(con, "alerts", company=ticker, limit=ALERTS_SHOWN)
    return [AlertRow(**{k: v for k, v in r.items() if k in wanted}) for r in rows]


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
