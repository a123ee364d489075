"""Article stores: SQLite by default (PostgreSQL for a shared server comes later)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from newsprism.settings import default_db_path
from newsprism.store.sqlite import IngestResult, SqliteStore, StoreCheck, check_store

__all__ = ["IngestResult", "SqliteStore", "StoreCheck", "check_store", "open_store", "store_path"]


def open_store(path: str | Path | None = None, env: Mapping[str, str] = os.environ) -> SqliteStore:
    """The store at `path`, else at `$NEWSPRISM_DB` or the user data directory."""
    return SqliteStore.open(store_path(path, env))


def store_path(path: str | Path | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The store file `--db` names, else `$NEWSPRISM_DB`, else the one in the user data directory."""
    return Path(path) if path is not None else Path(default_db_path(env))
