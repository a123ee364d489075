"""Property tests: whatever bytes a reader is given, it returns documents or raises ReadError."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean
from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read import READERS, read_bytes

_words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
_markup = st.builds(lambda a, b: f"<html><body><p>{a}</p><div>{b}</div></body></html>".encode(), _words, _words)
_jsonish = st.builds(lambda xs: "\n".join(xs).encode(),
                     st.lists(st.one_of(_words, st.builds(lambda t: json.dumps({"title": t, "text": t}), _words)),
                              max_size=5))
_feedish = st.builds(lambda t: f"<?xml version='1.0'?><rss><channel><item><title>{t}</title>"
                               f"<description>{t}</description></item></channel></rss>".encode(), _words)
_inputs = st.one_of(st.binary(max_size=4000), _markup, _jsonish, _feedish, _words.map(str.encode))
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result):
    assert isinstance(result, list)
    for item in result:
        assert isinstance(item, (RawDocument, Skipped))
        if isinstance(item, RawDocument):
            clean(item)  # cleaning never raises on what a reader returns


@pytest.mark.parametrize("fmt", sorted(READERS))
@_SETTINGS
@given(data=_inputs)
def test_reader_raises_only_read_errors(fmt, data):
    try:
        _check(READERS[fmt](data, "input"))
    except ReadError:
        pass


@_SETTINGS
@given(data=_inputs)
def test_dispatch_raises_only_read_errors(data):
    try:
        _check(read_bytes(data, "input.bin"))
    except ReadError:
        pass
