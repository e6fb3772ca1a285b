"""Overlapping runs: a second run on the same database waits, then exits with a message."""

from __future__ import annotations

import threading
import time

import pytest

from flows.nightly import nightly_ingest
from flows.runlock import RunInProgress, run_lock


def test_second_run_exits_with_a_clear_message(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    busy = pytest.raises(RunInProgress, match=r"another nightly-ingest run \(pid \d+\)")
    with run_lock(db, "nightly-ingest"), busy:
        nightly_ingest.fn(sources=str(tmp_path / "none.yaml"), db=str(db))
    with run_lock(db, "nightly-ingest"):  # released: the next run proceeds
        pass


def test_second_run_waits_for_the_first_when_asked(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    held = threading.Event()

    def first() -> None:
        with run_lock(db, "nightly-ingest"):
            held.set()
            time.sleep(0.5)

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    started = time.monotonic()
    with run_lock(db, "nightly-ingest", wait_seconds=10):
        waited = time.monotonic() - started
    thread.join()
    assert 0.2 < waited < 5


def test_different_flows_do_not_block_each_other(tmp_path):
    db = tmp_path / "finclaims.duckdb"
    with run_lock(db, "nightly-ingest"), run_lock(db, "guidance-watch"):
        pass
