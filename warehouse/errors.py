"""Warehouse failures, each a one-line message that says what went wrong and what to do.

They share one base class, itself a ``FinclaimsError``, so the CLI prints any warehouse
problem as its one line instead of a traceback.
"""

from __future__ import annotations

from finclaims.errors import FinclaimsError


class WarehouseError(FinclaimsError):
    """Base class: ``str()`` is always a single line, safe to print as-is."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class WarehouseBusy(WarehouseError):
    """Another process holds the writer lock, so this run must not touch the work file."""


class WarehouseMissing(WarehouseError):
    """The published database does not exist yet (no run has published one)."""


class QueryError(WarehouseError):
    """An analyst query was rejected or failed; the message is DuckDB's first line."""


class MigrationError(WarehouseError):
    """A schema migration failed; it was rolled back and the version is unchanged."""


class LoadError(WarehouseError):
    """A batch could not be loaded; the transaction was rolled back, nothing was written."""


class RunNotFound(WarehouseError):
    """``finish_run`` was given a run id that ``start_run`` never created."""
