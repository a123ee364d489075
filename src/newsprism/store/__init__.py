"""Article stores: SQLite by default (PostgreSQL for a shared server comes later)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from newsprism.settings import default_db_path
from newsprism.store.sqlite import IngestResult, SqliteStore

__all__ = ["IngestResult", "SqliteStore", "open_store"]


def open_store(path: str | Path | None = None, env: Mapping[str, str] = os.environ) -> SqliteStore:
    """The store at `path`, else at `$NEWSPRISM_DB` or the user data directory."""
    return SqliteStore.open(path if path is not None else default_db_path(env))
