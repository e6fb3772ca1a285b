"""Versioned schema migrations: ``migrations/NNN_name.sql`` applied in order, once each.

A database created by an older release is brought forward by applying only the files it
has not seen; each file runs in its own transaction so a failure leaves the previous
version intact and recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.errors import MigrationError
from warehouse.statements import run, scalar

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_FILE_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""
_APPLIED = "SELECT version FROM schema_version"
_RECORD = "INSERT INTO schema_version (version, name) VALUES (?, ?)"
_CURRENT = "SELECT coalesce(max(version), 0) FROM schema_version"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in version order; a gap or duplicate number is a packaging bug."""
    found = []
    for path in directory.glob("*.sql"):
        match = _FILE_RE.match(path.name)
        if match is None:
            raise MigrationError(f"migration file {path.name} is not named NNN_name.sql")
        found.append(Migration(int(match[1]), match[2], path))
    found.sort(key=lambda m: m.version)
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise MigrationError(f"migrations in {directory} are not numbered 1..{len(found)}")
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration, 0 for a database that has never been migrated."""
    run(con, _CREATE_VERSION_TABLE)
    return int(scalar(con, _CURRENT))


def migrate(
    con: duckdb.DuckDBPyConnection,
    upto: int | None = None,
    directory: Path = MIGRATIONS_DIR,
) -> int:
    """Apply every pending migration (or those up to ``upto``); return the schema version."""
    run(con, _CREATE_VERSION_TABLE)
    applied = {row[0] for row in run(con, _APPLIED)}
    for migration in available_migrations(directory):
        if migration.version in applied or (upto is not None and migration.version > upto):
            continue
        _apply(con, migration)
    return schema_version(con)


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    sql = migration.path.read_text(encoding="utf-8")
    con.begin()
    try:
        con.execute(sql).fetchall()
        run(con, _RECORD, [migration.version, migration.name])
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MigrationError(
            f"migration {migration.path.name} failed and was rolled back: {first_line}"
        ) from exc
