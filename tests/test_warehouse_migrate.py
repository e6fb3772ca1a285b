"""Schema migrations on real DuckDB files: fresh, older, repeated and failing."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from warehouse import MigrationError, migrate, schema_version
from warehouse.migrate import MIGRATIONS_DIR, available_migrations

CORE_TABLES = {
    "documents",
    "capex_facts",
    "ad_claims",
    "stances",
    "companies",
    "runs",
    "crawl_log",
    "alerts",
    "guidance_examined",
    "schema_version",
}
VIEWS = {
    "capex_guidance_latest",
    "capex_guidance_history",
    "capex_actuals",
    "ad_claims_v",
    "stances_daily",
    "alerts_v",
}


def _names(con, kind: str) -> set[str]:
    table = "duckdb_tables()" if kind == "table" else "duckdb_views() WHERE NOT internal"
    return {r[0] for r in con.execute(f"SELECT {kind}_name FROM {table}").fetchall()}


def test_empty_database_gets_every_table_and_view(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    latest = len(available_migrations())
    assert migrate(con) == latest
    assert _names(con, "table") >= CORE_TABLES
    assert _names(con, "view") >= VIEWS
    rows = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, latest + 1))
    assert rows[0][1] == "core"


def test_rerun_is_a_no_op(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    first = migrate(con)
    stamps = con.execute("SELECT applied_at FROM schema_version ORDER BY version").fetchall()
    assert migrate(con) == first
    assert (
        con.execute("SELECT applied_at FROM schema_version ORDER BY version").fetchall() == stamps
    )


def test_older_database_is_brought_forward(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, upto=1) == 1
    assert not VIEWS & _names(con, "view")
    con.execute("INSERT INTO companies VALUES ('NVDA', '0001045810', 'NVIDIA Corp', ['NVIDIA'])")
    con.close()

    con = duckdb.connect(str(path))
    assert schema_version(con) == 1
    assert migrate(con) == len(available_migrations())
    assert _names(con, "view") >= VIEWS
    assert con.execute("SELECT name FROM companies").fetchall() == [("NVIDIA Corp",)]


def test_failing_migration_is_rolled_back_and_named(tmp_path):
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    n = len(available_migrations())
    (migrations / f"{n + 1:03d}_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nSELEC nonsense;\n"
    )
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(MigrationError, match=f"{n + 1:03d}_broken.sql") as info:
        migrate(con, directory=migrations)
    assert "\n" not in str(info.value)
    assert schema_version(con) == n
    assert "half_done" not in _names(con, "table")


def test_badly_named_migration_file_is_refused(tmp_path):
    (tmp_path / "1_core.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="1_core.sql"):
        available_migrations(tmp_path)
