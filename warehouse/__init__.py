"""The DuckDB warehouse: schema migrations, bulk loading, guidance alerts, safe analyst access.

The nightly job writes through ``writer()`` and ``publish()``; analysts read the published
snapshot through ``analyst_connect()`` / ``run_query()``.
"""

from warehouse.alerts import list_alerts, mark_notified, pending_notifications
from warehouse.analyst import QueryResult, analyst_connect, run_query
from warehouse.errors import (
    LoadError,
    MigrationError,
    QueryError,
    RunNotFound,
    WarehouseBusy,
    WarehouseError,
    WarehouseMissing,
)
from warehouse.export import export_parquet
from warehouse.files import WarehousePaths, paths_for, publish, writer
from warehouse.guidance import classify_change, detect_guidance_changes
from warehouse.load import LoadStats, load_batch, upsert_companies
from warehouse.migrate import migrate, schema_version
from warehouse.runs import finish_run, start_run

__all__ = [
    "export_parquet",
    "LoadError",
    "LoadStats",
    "MigrationError",
    "QueryError",
    "QueryResult",
    "RunNotFound",
    "WarehouseBusy",
    "WarehouseError",
    "WarehouseMissing",
    "WarehousePaths",
    "analyst_connect",
    "classify_change",
    "detect_guidance_changes",
    "finish_run",
    "list_alerts",
    "load_batch",
    "mark_notified",
    "migrate",
    "paths_for",
    "pending_notifications",
    "publish",
    "run_query",
    "schema_version",
    "start_run",
    "upsert_companies",
    "writer",
]
