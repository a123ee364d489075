"""Articles read in forked copies of the process: the same extraction as one process gives, and a copy
that fails, dies or hangs loses nothing (its share is read by the process itself)."""

from __future__ import annotations

import os
import sys
import time

import pytest

import newsprism.extract.event as event
from newsprism.model import Article

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="copies are forked on Linux only")


def test_copies_give_the_same_extraction_as_one_process(nlp, seed_articles):
    articles = list(seed_articles.values())
    alone = event.extract(articles, nlp)
    shared = event.extract(articles, nlp, processes=3)
    assert shared == alone
    assert len(alone.claims) > 100 and len(alone.quotes) > 20


def _articles(count: int) -> list[Article]:
    return [Article(id=f"a{n}", source=f"a{n}.txt", body="x" * (100 * (n + 1))) for n in range(count)]


def _reader(parent: int, in_copy):
    """A `read` that names who read each article, and does `in_copy()` first when it runs in a copy."""
    def read(share):
        if os.getpid() != parent:
            in_copy()
        who = "copy" if os.getpid() != parent else "parent"
        return {a.id: who for a in share if a.id != "a2"}, {a.id: "ValueError: no text" for a in share if a.id == "a2"}
    return read


def test_shares_are_about_equal_and_every_article_is_read_once():
    articles = _articles(5)
    shares = event._shares(articles, 2)
    assert sorted(a.id for s in shares for a in s) == [a.id for a in articles]
    sizes = [sum(len(a.body) for a in s) for s in shares]
    assert abs(sizes[0] - sizes[1]) <= 100
    assert len(event._shares(articles[:1], 4)) == 1  # no empty share
    readings, failures = event._read_in_copies(articles, 2, _reader(os.getpid(), lambda: None))
    assert sorted(readings) == ["a0", "a1", "a3", "a4"]
    assert failures == {"a2": "ValueError: no text"}  # a failure in a copy comes back with its reason
    assert {"copy", "parent"} == set(readings.values())


@pytest.mark.parametrize("in_copy", [lambda: os._exit(3), lambda: 1 / 0, lambda: os.kill(os.getpid(), 9)],
                         ids=["exits", "raises", "is killed"])
def test_a_copy_that_fails_or_dies_leaves_its_share_to_the_process(in_copy):
    readings, failures = event._read_in_copies(_articles(4), 2, _reader(os.getpid(), in_copy))
    assert sorted(readings) == ["a0", "a1", "a3"] and set(readings.values()) == {"parent"}
    assert failures == {"a2": "ValueError: no text"}


def test_a_copy_that_does_not_answer_in_time_is_stopped(monkeypatch):
    monkeypatch.setattr(event, "_COPY_PATIENCE", 0.5)
    started = time.monotonic()
    readings, _ = event._read_in_copies(_articles(4), 2, _reader(os.getpid(), lambda: time.sleep(60)))
    assert time.monotonic() - started < 10
    assert sorted(readings) == ["a0", "a1", "a3"] and set(readings.values()) == {"parent"}


def test_no_copy_is_left_behind_when_the_process_fails_in_its_own_share(monkeypatch):
    parent = os.getpid()
    started: list[int] = []
    real_start = event._start_copy

    def start(share, read):
        copy = real_start(share, read)
        started.append(copy[0])
        return copy

    def read(share):
        if os.getpid() != parent:
            time.sleep(60)
            return {}, {}
        raise MemoryError("out of memory in the parent's own share")

    monkeypatch.setattr(event, "_start_copy", start)
    with pytest.raises(MemoryError):
        event._read_in_copies(_articles(4), 2, read)
    assert started
    for pid in started:  # stopped and reaped: no such child any more
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
