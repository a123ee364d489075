"""Settings read from the environment, kept apart so stages never read it themselves."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["DB_ENV", "default_db_path"]

DB_ENV = "NEWSPRISM_DB"


def default_db_path(env: Mapping[str, str] = os.environ) -> Path:
    """`$NEWSPRISM_DB`, else `newsprism.db` in the user's data directory."""
    if env.get(DB_ENV):
        return Path(env[DB_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism", appauthor=False)) / "newsprism.db"
