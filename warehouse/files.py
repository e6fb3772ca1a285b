"""One writer, many readers: the nightly job builds a private work file, then publishes it.

DuckDB lets one process write a file *or* several read it, never both. So the writer works
on ``<name>.work.duckdb`` under an exclusive ``flock``, and ``publish`` swaps a complete
copy onto the analysts' file with ``os.replace``: an open analyst keeps its old snapshot,
the next one sees the new run, and nobody ever sees a half-written file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseBusy, WarehouseError, WarehouseMissing
from warehouse.migrate import migrate

_POLL_SECONDS = 0.05
_HELD: set[Path] = set()  # lock files this process holds, to catch publish() inside writer()


@dataclass(frozen=True)
class WarehousePaths:
    db: Path  # published snapshot that analysts open read-only
    work: Path  # the writer's private read-write file
    lock: Path  # flock target serialising writers


def paths_for(db: Path) -> WarehousePaths:
    """``data/x.duckdb`` -> work ``data/x.work.duckdb`` and lock ``data/x.duckdb.lock``."""
    db = Path(db)
    suffix = db.suffix or ".duckdb"
    stem = db.name[: -len(db.suffix)] if db.suffix else db.name
    return WarehousePaths(
        db=db, work=db.with_name(f"{stem}.work{suffix}"), lock=db.with_name(f"{db.name}.lock")
    )


# Files are written in the v1.4 storage format so the stock duckdb CLI, DBeaver and
# notebooks on DuckDB 1.4/1.5 open the analysts' snapshot; DuckDB 2.x reads it too.
STORAGE_CONFIG = {"storage_compatibility_version": "v1.4.0"}


@contextmanager
def writer(db: Path, wait_seconds: float = 0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Exclusive read-write connection to the migrated work file; checkpointed on exit."""
    paths = paths_for(db)
    paths.db.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(paths.lock, wait_seconds):
        _seed_work_file(paths)
        con = duckdb.connect(str(paths.work), config=STORAGE_CONFIG)
        try:
            migrate(con)
            yield con
            con.execute("CHECKPOINT").fetchall()
        finally:
            con.close()


def publish(db: Path, wait_seconds: float = 0) -> Path:
    """Atomically replace the analysts' file with a copy of the work file; returns its path."""
    paths = paths_for(db)
    if paths.lock.resolve() in _HELD:
        raise WarehouseError("publish() must be called after the writer() block has closed")
    with _exclusive(paths.lock, wait_seconds):
        if not paths.work.exists():
            raise WarehouseMissing(f"no work database at {paths.work}; run `finclaims run` first")
        _fold_wal(paths.work)
        _atomic_copy(paths.work, paths.db)
    return paths.db


@contextmanager
def _exclusive(lock: Path, wait_seconds: float) -> Iterator[None]:
    """Hold ``flock(LOCK_EX)`` on ``lock``; the kernel drops it if the process dies."""
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, lock, wait_seconds)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _HELD.add(lock.resolve())
        try:
            yield
        finally:
            _HELD.discard(lock.resolve())
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, lock: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + max(wait_seconds, 0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                raise WarehouseBusy(
                    f"another finclaims run holds {lock} (pid {holder}); "
                    "wait for it to finish or retry with a longer wait"
                ) from None
            time.sleep(_POLL_SECONDS)


def _seed_work_file(paths: WarehousePaths) -> None:
    """A fresh work file starts from the last published snapshot, if there is one."""
    if not paths.work.exists() and paths.db.exists():
        _atomic_copy(paths.db, paths.work)


def _fold_wal(path: Path) -> None:
    """A killed writer can leave committed changes only in the WAL; checkpoint them in."""
    if Path(f"{path}.wal").exists():
        con = duckdb.connect(str(path))
        try:
            con.execute("CHECKPOINT").fetchall()
        finally:
            con.close()


def _atomic_copy(src: Path, dst: Path) -> None:
    """Copy to a temp file beside ``dst``, fsync, then rename over it in one step."""
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, length=1 << 20)
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(src, tmp)  # mkstemp's 0600 would lock other analysts out
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(dst.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
