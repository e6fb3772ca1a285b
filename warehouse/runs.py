"""Run bookkeeping: every pipeline run leaves a row saying what it did and what went wrong."""

from __future__ import annotations

import json
import uuid

import duckdb

from warehouse.errors import RunNotFound
from warehouse.queries import named_queries
from warehouse.statements import run

_Q = named_queries("runs")


def start_run(con: duckdb.DuckDBPyConnection, params: dict) -> str:
    """Record a run as 'running' and return its new uuid."""
    run_id = str(uuid.uuid4())
    run(con, _Q["start"], {"run_id": run_id, "params": _json(params)})
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    counts: dict,
    errors: list[str],
) -> None:
    """Close a run with its final status, counts and every error message it collected."""
    params = {"run_id": run_id, "status": status, "counts": _json(counts), "errors": _json(errors)}
    if not run(con, _Q["finish"], params):
        raise RunNotFound(f"no run {run_id!r} in the warehouse; start_run() creates runs")


def _json(value: object) -> str:
    """Dates, paths and other non-JSON values become strings rather than failing the run."""
    return json.dumps(value, default=str, sort_keys=True)
