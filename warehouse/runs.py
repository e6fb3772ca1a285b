"""Run bookkeeping: every pipeline run leaves a row saying what it did and what went wrong."""

from __future__ import annotations

import json
import os
import socket
import uuid

import duckdb

from warehouse.errors import RunNotFound
from warehouse.queries import named_queries
from warehouse.statements import run

_Q = named_queries("runs")


def start_run(con: duckdb.DuckDBPyConnection, params: dict) -> str:
    """Record a run as 'running' and return its new uuid.

    The host and process id go into ``params`` so that the next run can close the row of a
    run that was killed (SIGKILL, OOM, a lost worker) as 'abandoned' instead of leaving it
    'running' forever.
    """
    abandon_dead_runs(con)
    run_id = str(uuid.uuid4())
    owner = {"host": socket.gethostname(), "pid": os.getpid()}
    run(con, _Q["start"], {"run_id": run_id, "params": _json({**params, **owner})})
    return run_id


def abandon_dead_runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Close 'running' rows whose process on this host no longer exists; returns their ids."""
    here = socket.gethostname()
    dead = [
        (run_id, pid)
        for run_id, host, pid in run(con, _Q["running"])
        if host == here and pid is not None and not _alive(pid)
    ]
    for run_id, pid in dead:
        errors = _json([f"process {pid} ended without finishing the run"])
        run(con, _Q["abandon"], {"run_id": run_id, "errors": errors})
    return [run_id for run_id, _ in dead]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
