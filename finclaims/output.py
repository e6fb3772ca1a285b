"""Printing and writing query results and alerts for people and for other programs."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from finclaims.models import Alert
from finclaims.summary import describe_alert

ALERT_FIELDS = (
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
    "created_at",
)


def _plain(value: Any) -> Any:
    """JSON-safe form of what DuckDB returns (dates, decimals, lists)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def print_result(result, fmt: str) -> None:
    """A query result as a table for people, or CSV / JSON lines for pipes."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows([[_plain(v) for v in row] for row in result.rows])
    elif fmt == "json":
        for row in result.rows:
            record = dict(zip(result.columns, (_plain(v) for v in row), strict=True))
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        table = Table(show_header=True, header_style="bold", show_lines=False)
        for column in result.columns:
            table.add_column(column, overflow="fold")
        for row in result.rows:
            table.add_row(*("" if v is None else str(_plain(v)) for v in row))
        Console(width=max(Console().width, 160)).print(table)
        Console(stderr=True).print(f"[dim]{len(result.rows)} rows[/dim]")


def write_result(result, out: Path) -> None:
    """Write in Python, never from SQL: the analysts' connection has no file access."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = result.to_arrow()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".parquet":
        pq.write_table(table, out, compression="zstd")
    elif out.suffix == ".csv":
        pacsv.write_csv(table, out)
    else:
        with out.open("w", encoding="utf-8") as fh:
            for row in result.rows:
                record = dict(zip(result.columns, (_plain(v) for v in row), strict=True))
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def alert_record(alert: Alert) -> dict[str, Any]:
    """The ``finclaims alerts --json`` object: the issue's field list, in order."""
    data = alert.model_dump(mode="json")
    return {field: data[field] for field in ALERT_FIELDS}


def print_alerts(alerts: list[Alert], as_json: bool) -> None:
    if as_json:
        for alert in alerts:
            sys.stdout.write(json.dumps(alert_record(alert), ensure_ascii=False) + "\n")
        return
    console = Console()
    if not alerts:
        console.print("no capex-guidance alerts")
    for alert in alerts:
        console.print(f"{alert.created_at:%Y-%m-%d %H:%M}  {describe_alert(alert)}")
        console.print(f"    [dim]{alert.url}[/dim]")
        console.print(f"    “{alert.sentence}”")
