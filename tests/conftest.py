"""Shared fixtures: the read-only ``../shared`` data (skipped when absent) and CLI runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FINCLAIMS_SHARED", ROOT.parent / "shared"))
# Flows run in this process start Prefect's temporary server on a new Prefect home, whose
# database is built on first start: more than Prefect's 20 s default on a loaded machine.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared datasets; tests that need them skip on machines without them."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared datasets not found at {SHARED}")
    return SHARED


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 300):
    """The installed command as a user runs it, in its own process."""
    full_env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "finclaims.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def con(tmp_path):
    """A migrated warehouse database in a real DuckDB file, private to the test."""
    import duckdb

    from warehouse import migrate

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    yield con
    con.close()


def pytest_unconfigure(config):
    """Prefect stops its temporary API server from an exit hook, after pytest has closed the
    captured streams; its farewell log line would otherwise print a logging traceback."""
    import logging

    logging.raiseExceptions = False


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, loaded once for every test that only reads it."""
    import extractors

    return extractors.load()
