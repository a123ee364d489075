"""newsprism: one story, many outlets — the event itself, with every statement cited."""

from __future__ import annotations

import logging

from newsprism.errors import NewsprismError, ReadError
from newsprism.model import Article, Boilerplate, RawDocument, Skipped

__all__ = ["Article", "Boilerplate", "NewsprismError", "RawDocument", "ReadError", "Skipped", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
