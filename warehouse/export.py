"""Parquet copies of the analysts' snapshot for notebooks and BI tools.

The analyst connection cannot write files (external access is off), so rows are fetched
as Arrow and written from Python; names come from DuckDB's own catalog, never from input.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from warehouse.analyst import analyst_connect
from warehouse.queries import named_queries
from warehouse.statements import run

_Q = named_queries("export")


def export_parquet(db: Path, out: Path) -> list[Path]:
    """One ``NAME.parquet`` per table and view of ``db`` in ``out``; returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    con = analyst_connect(db)
    written = []
    try:
        for (name,) in run(con, _Q["relations"]):
            quoted = name.replace('"', '""')
            table = con.sql(f'SELECT * FROM "{quoted}"').to_arrow_table()
            path = out / f"{name}.parquet"
            pq.write_table(table, path, compression="zstd")
            written.append(path)
    finally:
        con.close()
    return written
