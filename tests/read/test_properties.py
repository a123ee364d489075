"""Property tests: whatever bytes a reader is given, it returns documents or raises ReadError."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean
from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read import READERS, read_bytes
from newsprism.read.html import html_to_paragraphs
from newsprism.read.records import iso_date


def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i in range(2):
        page = f"<html><body><p>Page {i}: the river rose overnight and roads were closed.</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    return buffer.getvalue()


_WARC = _warc_bytes()
_words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
_markup = st.builds(lambda a, b: f"<html><body><p>{a}</p><div>{b}</div></body></html>".encode(), _words, _words)
_jsonish = st.builds(lambda xs: "\n".join(xs).encode(),
                     st.lists(st.one_of(_words, st.builds(lambda t: json.dumps({"title": t, "text": t}), _words)),
                              max_size=5))
_feedish = st.builds(lambda t: f"<?xml version='1.0'?><rss><channel><item><title>{t}</title>"
                               f"<description>{t}</description></item></channel></rss>".encode(), _words)
_doctype = st.builds(lambda t: f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY e '{t}'>]><rss><channel>"
                               f"<item><title>&e;</title></item></channel></rss>".encode(), _words)
_csvish = st.builds(lambda rows: ("title,body\n" + "\n".join(rows)).encode(),
                    st.lists(st.text(st.sampled_from('ab ,;"\n\t\r'), max_size=40), max_size=6))


_truncated_warc = st.integers(0, len(_WARC)).map(lambda n: _WARC[:n])


@st.composite
def _mutated_warc(draw) -> bytes:
    """A real WARC cut short, or with bytes overwritten: the damage crawls really have."""
    if draw(st.booleans()):
        return draw(_truncated_warc)
    data = bytearray(_WARC)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


_inputs = st.one_of(st.binary(max_size=4000), _markup, _jsonish, _feedish, _doctype, _csvish,
                    _mutated_warc(), _words.map(str.encode))
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result, fmt: str | None = None):
    assert isinstance(result, list)
    for item in result:
        assert isinstance(item, (RawDocument, Skipped))
        if isinstance(item, RawDocument):
            # The text reader (has_header) returns an empty document for input that
            # decodes to nothing, such as a lone UTF-16 byte-order mark; the others never do.
            assert item.text.strip() or fmt == "text" or item.has_header
            clean(item)  # cleaning never raises on what a reader returns


@pytest.mark.parametrize("fmt", sorted(READERS))
@_SETTINGS
@given(data=_inputs)
def test_reader_raises_only_read_errors(fmt, data):
    try:
        _check(READERS[fmt](data, "input"), fmt)
    except ReadError:
        pass


@_SETTINGS
@given(data=_inputs)
def test_dispatch_raises_only_read_errors(data):
    try:
        _check(read_bytes(data, "input.bin"))
    except ReadError:
        pass


@_SETTINGS
@given(data=_truncated_warc)
def test_truncated_warc_keeps_whole_pages_only(data):
    try:
        docs = READERS["warc"](data, "crawl.warc")
    except ReadError:
        return
    pages = [d for d in docs if isinstance(d, RawDocument)]
    assert all(d.text.endswith("roads were closed.") for d in pages)  # never half a page
    second = _WARC.index(b"WARC/1.0", 1)
    if second < len(data) < len(_WARC) - 4:  # cut inside the second record, not in the blank lines after it
        assert isinstance(docs[-1], Skipped) and "truncated" in docs[-1].reason


@_SETTINGS
@given(value=st.one_of(_words, st.from_regex(r"\A\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?\Z"),
                       st.from_regex(r"\A[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\Z")))
def test_dates_are_iso_or_none(value):
    day = iso_date(value)
    assert day is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)


@_SETTINGS
@given(fragment=st.one_of(_words, _markup.map(bytes.decode)))
def test_html_fragments_give_paragraphs(fragment):
    text = html_to_paragraphs(fragment)
    assert "\n\n\n" not in text and text == text.strip()
