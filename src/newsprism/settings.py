"""Settings read from the environment, kept apart so stages never read it themselves."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["CACHE_ENV", "DB_ENV", "cache_dir", "default_db_path"]

DB_ENV = "NEWSPRISM_DB"
CACHE_ENV = "NEWSPRISM_CACHE"


def default_db_path(env: Mapping[str, str] = os.environ) -> Path:
    """`$NEWSPRISM_DB`, else `newsprism.db` in the user's data directory."""
    if env.get(DB_ENV):
        return Path(env[DB_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism", appauthor=False)) / "newsprism.db"


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """`$NEWSPRISM_CACHE`, else newsprism's folder in the user's cache directory: what is built from the
    installed models (the e5 graph, the table of word vectors), rebuilt when missing."""
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsprism"))
