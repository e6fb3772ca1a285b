"""One run of a flow at a time per database, whatever started it (schedule, hand, CLI).

The deployment's concurrency limit covers runs Prefect starts; this lock also covers a
``finclaims run`` on the same host. It is an ``flock``, so a killed run frees it at once.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from finclaims.errors import FinclaimsError

_POLL_SECONDS = 0.2


class RunInProgress(FinclaimsError):
    """Another run of the same flow on the same database is still going."""


@contextmanager
def run_lock(db: Path, flow: str, wait_seconds: float = 0) -> Iterator[None]:
    """Hold ``<db>.<flow>.run.lock``; wait up to ``wait_seconds``, then raise RunInProgress."""
    path = Path(db).with_name(f"{Path(db).name}.{flow}.run.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                    raise RunInProgress(
                        f"another {flow} run (pid {holder}) is still working on {db}; "
                        f"this run exits without doing anything (waited {wait_seconds:g} s)"
                    ) from None
                time.sleep(_POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
