"""How every module talks to DuckDB: fully consumed results, transactions, Arrow tables.

DuckDB 2.0 refuses further work (e.g. ``register``) on a connection whose last result was
not read to the end, so every statement goes through ``run``, which always fetches all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa


def run(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> list[tuple]:
    """Execute one statement and return all its rows (DML returns its row count)."""
    return con.execute(sql, params).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> object:
    """The single value of a one-row, one-column result."""
    return run(con, sql, params)[0][0]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, or ROLLBACK and re-raise: a change lands whole or not at all."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[None]:
    """Expose Arrow tables to SQL under fixed names for the duration of one statement set.

    ``register`` is refused while the caller's last ``execute`` result is unread, which a
    following ``execute`` would simply finish; ``complete()`` does the same here.
    """
    con.complete()
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)
