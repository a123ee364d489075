"""Bad input: each gives one clear reason, the good inputs beside it are still read."""

from __future__ import annotations

import gzip
import io
import os

import pytest

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read import ReadOptions, read_bytes, read_sources

ARTICLE = "Storm closes schools\n\nSchools across the region closed on Friday as the storm hit the coast.\n"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>y</description></item></channel></rss>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&x;</title></channel></rss>"""


def _warc(pages: int = 3, gzip: bool = True, extra: tuple = ()) -> bytes:
    """A WARC of `pages` HTML responses, then `extra` (status, content type, body) responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    records = [("200 OK", "text/html", _html_page(i)) for i in range(pages)] + list(extra)
    for i, (status, content_type, payload) in enumerate(records):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    return buffer.getvalue()


def _html_page(i: int) -> bytes:
    body = "".join(f"<p>Paragraph {j} of page {i}, with enough words to count as article text here.</p>"
                   for j in range(8))
    return f"<html><head><title>Page {i}</title></head><body><article>{body}</article></body></html>".encode()


def reason_for(data: bytes, name: str) -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    return info.value.reason


def test_empty():
    assert "empty" in reason_for(b"", "a.txt")
    assert "empty" in reason_for(b"  \n\n ", "a.txt")


def test_binary():
    assert "binary" in reason_for(b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "photo.txt")


def test_truncated_gzip():
    data = gzip.compress(ARTICLE.encode() * 50)
    assert "truncated" in reason_for(data[: len(data) // 2], "a.txt.gz")


def test_gzip_reads_when_whole():
    docs = read_bytes(gzip.compress(ARTICLE.encode()), "a.txt.gz")
    assert isinstance(docs[0], RawDocument)


def test_truncated_warc_keeps_the_records_before_the_break():
    data = _warc(3)
    docs = read_bytes(data[: int(len(data) * 0.8)], "crawl.warc.gz")
    pages = [d for d in docs if isinstance(d, RawDocument)]
    skips = [d for d in docs if isinstance(d, Skipped)]
    assert 1 <= len(pages) < 3
    assert len(skips) == 1 and "truncated" in skips[0].reason


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_cut_in_half(gzip):
    data = _warc(3, gzip=gzip)  # three records: the middle of the file is inside the second
    docs = read_bytes(data[: len(data) // 2], "crawl.warc.gz" if gzip else "crawl.warc")
    pages = [d for d in docs if isinstance(d, RawDocument)]
    assert [d.url for d in pages] == ["https://example.org/0", "https://example.org/1"][: len(pages)]
    assert pages and pages[-1].text.endswith("article text here.")  # no half-read page
    assert isinstance(docs[-1], Skipped) and docs[-1].reason.startswith("truncated WARC after")


@pytest.mark.parametrize("cut", [8, 300])
def test_warc_cut_in_the_last_record_headers_or_gzip_trailer(cut):
    whole = _warc(2, gzip=cut == 8)
    one = _warc(1, gzip=cut == 8)
    # cut 8 bytes: the second gzip member loses its trailer; cut 300: the second record its headers
    data = whole[: len(whole) - cut] if cut == 8 else whole[: len(one) + 40]
    docs = read_bytes(data, "crawl.warc")
    assert isinstance(docs[0], RawDocument) and isinstance(docs[-1], Skipped)
    assert "truncated" in docs[-1].reason


def test_truncated_warc_without_a_whole_page():
    data = _warc(1, gzip=False)
    assert "truncated or corrupt WARC" in reason_for(data[: len(data) // 2], "crawl.warc")


def test_warc_without_html_responses():
    data = _warc(0, extra=[("200 OK", "image/png", b"\x89PNG" + bytes(200))])
    assert reason_for(data, "crawl.warc.gz") == "no HTML responses in WARC file"


def test_warc_ignores_redirects_and_error_pages():
    data = _warc(1, extra=[("301 Moved Permanently", "text/html", b"<html><body><p>Moved here.</p></body></html>"),
                           ("404 Not Found", "text/html", b"<html><body><p>Page not found.</p></body></html>")])
    docs = read_bytes(data, "crawl.warc.gz")
    assert [type(d).__name__ for d in docs] == ["RawDocument"]


def test_warc_broken_at_the_start():
    assert "WARC" in reason_for(b"WARC/1.0\r\nWARC-Type: resp", "crawl.warc")


def test_malformed_xml_feed():
    assert "malformed XML" in reason_for(b"<rss><channel><item><title>x</item></rss>", "feed.xml")


def test_xml_bomb_is_refused():
    assert "entit" in reason_for(BOMB, "feed.rss")


def test_external_entities_are_refused():
    assert "entit" in reason_for(EXTERNAL, "feed.rss")


def test_feed_that_is_not_a_feed():
    assert "no entries" in reason_for(b"<?xml version='1.0'?><note><to>A</to></note>", "feed.xml")


def test_feed_in_a_multibyte_legacy_encoding():
    feed = ("<?xml version='1.0' encoding='Shift_JIS'?><rss version='2.0'><channel><title>日本の新聞</title>"
            "<item><title>地震</title><description>東京で地震がありました。</description></item></channel></rss>")
    docs = read_bytes(feed.encode("shift_jis"), "feed.rss")
    assert (docs[0].text, docs[0].outlet) == ("東京で地震がありました。", "日本の新聞")


def test_malformed_html_still_reads_its_text():
    page = b"<html><body><div><p>Rain fell on the city for a third day and the river rose.<p>Roads closed."
    docs = read_bytes(page, "page.html")
    assert "river rose" in docs[0].text


def test_html_page_too_short_for_trafilatura_still_reads():
    docs = read_bytes(b"<html><head><title>Quake</title></head><body><pre>A quake hit.</pre></body></html>", "p.html")
    assert docs[0].text == "A quake hit." and docs[0].title == "Quake"


def test_html_in_a_declared_legacy_charset():
    page = ("<html><head><meta charset='windows-1251'></head><body><article>"
            "<p>Президент подписал указ в понедельник, сообщили в Кремле.</p></article></body></html>")
    assert "Президент" in read_bytes(page.encode("cp1251"), "p.html")[0].text


def test_html_without_text():
    assert "no article text" in reason_for(b"<html><body><script>var x=1;</script></body></html>", "p.html")


def test_json_lines_with_one_bad_line():
    data = b'{"title": "A", "text": "First story."}\n{not json}\n{"title": "C", "body": "Third story."}\n'
    docs = read_bytes(data, "x.jsonl")
    assert [type(d).__name__ for d in docs] == ["RawDocument", "Skipped", "RawDocument"]
    assert docs[1].source == "x.jsonl#2" and "line 2" in docs[1].reason


def test_json_lines_with_only_one_line_that_is_bad():
    assert "malformed JSON" in reason_for(b'{"title": "A", "text": \n', "x.jsonl")


def test_json_with_a_number_too_long_for_python():
    assert "malformed JSON" in reason_for(b'{"text": "x", "n": ' + b"9" * 5000 + b"}", "x.json")


def test_csv_with_a_bad_row():
    data = b'title,body\nA,"First story body."\nB,"Second",extra,cells\nC,"Third story body."\n'
    docs = read_bytes(data, "x.csv")
    assert [type(d).__name__ for d in docs] == ["RawDocument", "Skipped", "RawDocument"]
    assert docs[1].source == "x.csv#2" and "more cells" in docs[1].reason


def test_json_record_without_text():
    docs = read_bytes(b'{"title": "Only a title"}', "x.json")
    assert isinstance(docs[0], Skipped) and "no text" in docs[0].reason


def test_size_cap(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    items = list(read_sources([str(big)], ReadOptions()))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "size cap" in items[0].reason and "--max-size" in items[0].reason


def test_folder_with_good_and_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "good.jsonl").write_text('{"title": "B", "text": "Second story body."}\n')
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bomb.rss").write_bytes(BOMB)
    (tmp_path / "broken.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: resp")
    (tmp_path / "binary.html").write_bytes(os.urandom(3000).replace(b"<", b"x"))
    items = list(read_sources([str(tmp_path)]))
    good = [i for i in items if isinstance(i, RawDocument)]
    bad = {os.path.basename(i.source): i.reason for i in items if isinstance(i, Skipped)}
    assert len(good) == 2
    assert set(bad) == {"empty.txt", "bomb.rss", "broken.warc", "binary.html"}
    assert all(reason for reason in bad.values())


@pytest.mark.parametrize("encoding, text", [
    ("cp1251", "Президент подписал указ в понедельник, сообщили в Кремле. Депутаты одобрили его."),
    ("latin-1", "Le président a déclaré à la télévision que la réforme était nécessaire à Zürich."),
])
def test_legacy_encodings(encoding, text):
    assert read_bytes(text.encode(encoding), "legacy.txt")[0].text == text


def test_missing_paths_and_empty_globs(tmp_path):
    items = list(read_sources([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert [i.reason for i in items] == ["no such file or folder", "pattern matches no files"]


def test_malformed_json_says_where():
    assert reason_for(b'{"title": "A",\n "text": "x" "y"}', "x.json") == \
        "malformed JSON: Expecting ',' delimiter: line 2 column 14"
    docs = read_bytes(b'{"title": "A", "text": "First story."}\n{"title": "B", "text": "cut off\n', "x.jsonl")
    assert docs[1].reason == "line 2: malformed JSON: Unterminated string starting at: column 24"
