"""The spaCy pipeline, loaded once for the extraction tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from newsprism.extract.nlp import load_nlp

    return load_nlp()
