"""Errors newsprism raises at run time.

Programming mistakes stay built-in exceptions; everything a user can cause by
what they feed the tool derives from NewsprismError::

    NewsprismError
    ├── ReadError            an input could not be read as an article (it is skipped)
    │   ├── InputTooLarge    over the size cap
    │   ├── NotText          binary or undecodable bytes
    │   └── FetchError       a URL could not be fetched (refused, timed out, bad status)
    ├── StoreError           the article store cannot be opened or written
    ├── UsageError           options that do not fit together
    └── AnalysisError        no article could be analysed (each failure is skipped first)

Each error carries a stable code (NP1xx reading, NP2xx store, NP3xx usage, NP4xx analysis) so
messages can be searched for and documented.
"""

from __future__ import annotations

__all__ = [
    "NewsprismError",
    "ReadError",
    "InputTooLarge",
    "NotText",
    "FetchError",
    "StoreError",
    "UsageError",
    "AnalysisError",
]


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    code = "NP000"


class ReadError(NewsprismError):
    """An input could not be read as one or more articles."""

    code = "NP100"

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source


class InputTooLarge(ReadError):
    """An input is larger than the configured size cap."""

    code = "NP101"


class NotText(ReadError):
    """An input is binary or cannot be decoded as text."""

    code = "NP102"


class FetchError(ReadError):
    """A URL could not be fetched, or was refused by policy."""

    code = "NP103"


class StoreError(NewsprismError):
    """The article store cannot be opened, migrated or written."""

    code = "NP200"


class UsageError(NewsprismError):
    """Command-line options that do not fit together."""

    code = "NP300"


class AnalysisError(NewsprismError):
    """The analysis could not be completed for any of the articles read."""

    code = "NP400"
