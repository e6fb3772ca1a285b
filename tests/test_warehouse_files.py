"""Writer/analyst split on real files and real processes: locking, crash safety, publishing,
and the read-only guard analysts query through."""

from __future__ import annotations

import signal

import duckdb
import pytest
from warehouse_helpers import batch, file_counts, start_child, wait_for

from finclaims.errors import FinclaimsError
from warehouse import (
    QueryError,
    WarehouseBusy,
    WarehouseError,
    WarehouseMissing,
    analyst_connect,
    load_batch,
    paths_for,
    publish,
    run_query,
    writer,
)

DOCS = "SELECT count(*) FROM documents"


def _write_and_publish(db, start, count):
    with writer(db) as con:
        load_batch(con, *batch(start, count))
    publish(db)


def test_paths_sit_beside_the_published_file(tmp_path):
    paths = paths_for(tmp_path / "finclaims.duckdb")
    assert paths.work == tmp_path / "finclaims.work.duckdb"
    assert paths.lock == tmp_path / "finclaims.duckdb.lock"


def test_writer_works_privately_until_publish(tmp_path):
    db = tmp_path / "data" / "finclaims.duckdb"
    with writer(db) as con:
        load_batch(con, *batch(0, 4))
    assert not db.exists()
    with pytest.raises(WarehouseMissing, match="run `finclaims run` first") as missing:
        run_query(db, DOCS)
    assert isinstance(missing.value, FinclaimsError)  # the CLI prints it as one line
    assert publish(db) == db
    assert run_query(db, DOCS).rows == [(4,)]
    assert not list(db.parent.glob("*.tmp"))


def test_missing_work_file_starts_from_the_published_snapshot(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    _write_and_publish(db, 0, 3)
    paths_for(db).work.unlink()
    _write_and_publish(db, 3, 2)
    assert run_query(db, DOCS).rows == [(5,)]


def test_publish_inside_the_writer_block_is_refused(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    with writer(db), pytest.raises(WarehouseError, match="after the writer"):
        publish(db)


def test_second_writer_is_told_the_warehouse_is_busy(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    child = start_child(
        f"""
import time
from pathlib import Path
from warehouse import writer
with writer(Path({str(db)!r})):
    Path("holding").touch()
    while not Path("release").exists():
        time.sleep(0.05)
""",
        tmp_path,
    )
    wait_for(tmp_path / "holding", child)
    try:
        busy = pytest.raises(WarehouseBusy, match="another finclaims run holds")
        with busy as info, writer(db, wait_seconds=0.2):
            pass
        assert str(paths_for(db).lock) in str(info.value)
        assert f"pid {child.pid}" in str(info.value)
        with pytest.raises(WarehouseBusy):
            publish(db)
    finally:
        (tmp_path / "release").touch()
        assert child.wait(timeout=60) == 0
    with writer(db, wait_seconds=5) as con:  # free again once the first run ends
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]


def test_killed_load_leaves_previous_state_and_next_run_completes(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    _write_and_publish(db, 0, 10)
    before = file_counts(paths_for(db).work)
    child = start_child(
        f"""
import time
from pathlib import Path
import warehouse.load as load
from warehouse import writer
from warehouse_helpers import batch

real = load._replace_facts
def replace_then_stall(con, params):
    real(con, params)  # documents and facts are written, the transaction is still open
    Path("inside").touch()
    time.sleep(120)
load._replace_facts = replace_then_stall

with writer(Path({str(db)!r})) as con:
    load.load_batch(con, *batch(10, 400))
""",
        tmp_path,
    )
    wait_for(tmp_path / "inside", child)
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL

    assert file_counts(paths_for(db).work) == before
    with writer(db, wait_seconds=5) as con:
        stats = load_batch(con, *batch(10, 5))
    assert stats.documents_new == 5
    publish(db)
    assert run_query(db, DOCS).rows == [(15,)]


def test_analyst_reads_while_a_writer_runs_and_publishes(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    _write_and_publish(db, 0, 6)
    analyst = analyst_connect(db)
    child = start_child(
        f"""
import time
from pathlib import Path
from warehouse import load_batch, publish, writer
from warehouse_helpers import batch
db = Path({str(db)!r})
with writer(db) as con:
    load_batch(con, *batch(6, 4))
    Path("loaded").touch()
    while not Path("go").exists():
        time.sleep(0.05)
publish(db)
""",
        tmp_path,
    )
    try:
        wait_for(tmp_path / "loaded", child)
        assert analyst.execute(DOCS).fetchall() == [(6,)]  # writer holds the work file
    finally:
        (tmp_path / "go").touch()
    assert child.wait(timeout=60) == 0, child.stderr.read()
    assert analyst.execute(DOCS).fetchall() == [(6,)]  # open analyst keeps its snapshot
    analyst.close()
    assert run_query(db, DOCS).rows == [(10,)]  # a new analyst sees the completed run


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    db = tmp_path_factory.mktemp("published") / "finclaims.duckdb"
    _write_and_publish(db, 0, 3)
    return db


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO companies VALUES ('X', NULL, 'X Corp', [])",
        "CREATE TABLE t AS SELECT 1",
        "CREATE TEMP TABLE scratch AS SELECT * FROM documents",
        "COPY documents TO 'leak.csv'",
        "COPY (SELECT 1) TO '/tmp/leak.parquet' (FORMAT parquet)",
        "ATTACH 'other.duckdb' AS other",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
        "DELETE FROM documents",
        "SELECT 1; DROP TABLE documents",
        "SELEC nonsense",
        "SELECT no_such_column FROM documents",
    ],
)
def test_read_only_guard_rejects(published, sql):
    with pytest.raises(QueryError) as info:
        run_query(published, sql)
    assert "\n" not in str(info.value)
    assert run_query(published, DOCS).rows == [(3,)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
        "INSERT INTO companies VALUES ('X', NULL, 'X Corp', [])",
        "INSTALL httpfs",
    ],
)
def test_analyst_connection_itself_is_locked_down(published, sql):
    con = analyst_connect(published)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(sql)
    finally:
        con.close()


def test_query_result_exposes_columns_rows_and_arrow(published):
    result = run_query(published, "SELECT url, version FROM documents ORDER BY url LIMIT 2")
    assert result.columns == ["url", "version"]
    assert len(result.rows) == 2 and result.rows[0][1] == 1
    assert result.to_arrow().num_rows == 2
    assert result.to_arrow().column_names == ["url", "version"]
