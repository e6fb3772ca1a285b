"""Read-only access for analysts: a locked-down connection and a one-statement query runner.

DuckDB has no privilege system, so safety comes from layers: the file is opened read-only,
file system access and extension loading are off and the configuration is locked, and
``run_query`` only accepts a single SELECT (temp tables would otherwise be allowed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.errors import QueryError, WarehouseBusy, WarehouseError, WarehouseMissing

ANALYST_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
}
_ALLOWED = {"SELECT", "EXPLAIN"}


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    table: pa.Table

    def to_arrow(self) -> pa.Table:
        """The result as Arrow, for the CLI to write csv/json/parquet from Python."""
        return self.table


def analyst_connect(db: Path) -> duckdb.DuckDBPyConnection:
    """Open the published snapshot read-only with external access and extensions disabled."""
    db = Path(db)
    if not db.exists():
        raise WarehouseMissing(f"no warehouse at {db}; run `finclaims run` first to publish one")
    try:
        con = duckdb.connect(str(db), read_only=True, config=ANALYST_CONFIG)
    except duckdb.IOException as exc:
        raise WarehouseBusy(f"cannot open {db} for reading: {_first_line(exc)}") from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {db}: {_first_line(exc)}") from exc
    con.execute("SET lock_configuration = true").fetchall()
    return con


def run_query(db: Path, sql: str) -> QueryResult:
    """Run one read-only SELECT against the published snapshot."""
    con = analyst_connect(db)
    try:
        _check_read_only(con, sql)
        table = con.sql(sql).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(_first_line(exc)) from exc
    finally:
        con.close()
    rows = list(zip(*(col.to_pylist() for col in table.columns), strict=True))
    return QueryResult(columns=table.column_names, rows=rows, table=table)


def _check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise QueryError(f"expected exactly one SQL statement, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in _ALLOWED:
        raise QueryError(f"only read-only SELECT queries are allowed, not {kind}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
