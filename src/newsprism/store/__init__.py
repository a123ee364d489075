"""Article stores: SQLite by default, PostgreSQL (a `postgresql://` URL) for a shared server."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from newsprism.settings import default_db_path
from newsprism.store.sqlite import IngestResult, SqliteStore, StoreCheck, check_store

__all__ = ["IngestResult", "SqliteStore", "StoreCheck", "check_store", "open_store", "store_path", "store_target"]


def open_store(path: str | Path | None = None, env: Mapping[str, str] = os.environ):
    """The store at `path`, else at `$NEWSPRISM_DB` or the user data directory; a `postgresql://`
    URL opens the PostgreSQL store (same interface)."""
    target = store_target(path, env)
    if isinstance(target, str):
        from newsprism.store.postgres import PostgresStore

        return PostgresStore.open(target)
    return SqliteStore.open(target)


def store_target(path: str | Path | None = None, env: Mapping[str, str] = os.environ) -> str | Path:
    """A PostgreSQL URL as given (`--db` or `$NEWSPRISM_DB`), else the SQLite file `store_path` names."""
    given = str(path) if path is not None else env.get("NEWSPRISM_DB", "")
    if given.startswith(("postgresql://", "postgres://")):
        return given
    return store_path(path, env)


def store_path(path: str | Path | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The store file `--db` names, else `$NEWSPRISM_DB`, else the one in the user data directory."""
    return Path(path) if path is not None else Path(default_db_path(env))
