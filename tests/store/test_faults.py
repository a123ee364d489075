"""The store under faults, on real files and a real size-limited filesystem: a damaged or
truncated file is refused with its name and never written; a full disk rolls the ingest back."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import uuid

import pytest

from newsprism.clean import article_id
from newsprism.errors import StoreError
from newsprism.model import Article
from newsprism.store import SqliteStore, check_store
from quality import ROOT, SEEDS

NOW = "2026-01-01T00:00:00+00:00"


def make(body: str, outlet: str | None = "Example") -> Article:
    return Article(id=article_id(body, outlet), source=f"{body[:8]}.txt", body=body, outlet=outlet)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, cwd=ROOT,
                          timeout=600, env={k: v for k, v in os.environ.items() if k != "NEWSPRISM_DEBUG"})


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store_file(tmp_path):
    """A closed store with a few hundred articles: several pages of data."""
    path = tmp_path / "s.db"
    rng = random.Random(3)
    words = ["troops", "border", "minister", "said", "the", "on", "Monday", "talks", "ceasefire", "city"]
    with SqliteStore.open(path) as store:
        store.ingest([make(" ".join(rng.choice(words) for _ in range(300)) + f" {i}.") for i in range(300)],
                     now=NOW)
    assert not (tmp_path / "s.db-wal").exists()
    return path


def _assert_refused_untouched(path, before: str) -> None:
    with pytest.raises(StoreError) as caught:
        SqliteStore.open(path)
    assert str(path) in str(caught.value)
    for command in (["events", "--db", str(path)], ["ingest", str(SEEDS / "001_94ffce3bbbc09872.txt"),
                                                   "--db", str(path), "--quiet"], ["check", "--db", str(path)]):
        result = cli(*command)
        err = result.stderr.decode()
        assert result.returncode == 1, (command, err)
        assert str(path) in err and "Traceback" not in err, (command, err)
    assert digest(path) == before


def test_a_truncated_store_is_refused_and_left_as_it_is(store_file):
    data = store_file.read_bytes()
    store_file.write_bytes(data[:len(data) // 2])
    before = digest(store_file)
    _assert_refused_untouched(store_file, before)
    assert "truncated" in " ".join(check_store(store_file).problems)


def test_a_store_cut_inside_its_header_is_refused(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"SQLite for")
    _assert_refused_untouched(path, digest(path))


def test_random_bytes_are_refused_and_left_as_they_are(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(random.Random(1).randbytes(200_000))
    _assert_refused_untouched(path, digest(path))


def test_a_damaged_page_gives_a_clear_error_and_check_finds_it(store_file):
    data = bytearray(store_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3:page * 6] = random.Random(2).randbytes(page * 3)  # three pages of the articles table
    store_file.write_bytes(bytes(data))
    before = digest(store_file)
    found = check_store(store_file)
    assert not found.ok and found.problems
    result = cli("check", "--db", str(store_file))
    assert result.returncode == 1 and "damaged" in result.stderr.decode()
    with pytest.raises(StoreError, match=str(store_file)):
        with SqliteStore.open(store_file) as store:
            store.articles()
    assert digest(store_file) == before


def test_check_reports_a_sound_store(store_file):
    result = cli("check", "--db", str(store_file))
    assert result.returncode == 0, result.stderr.decode()
    assert "ok (300 articles, 0 events" in result.stdout.decode()
    assert cli("check", "--db", str(store_file.parent / "missing.db")).returncode == 1


def test_store_from_a_newer_version_is_refused_by_every_command(store_file):
    conn = sqlite3.connect(store_file)
    with conn:
        conn.execute("INSERT INTO migrations VALUES ('0099_future', 'now')")
    conn.close()
    before = digest(store_file)
    for command in ("events", "check"):
        result = cli(command, "--db", str(store_file))
        assert result.returncode == 1 and "newer newsprism" in result.stderr.decode(), command
    assert digest(store_file) == before


# --- a full disk: a real tmpfs of a few megabytes --------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs mounted for the test (needs root, as on CI); skipped with the reason elsewhere."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a size-limited filesystem needs root to mount (tmpfs); not root here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _integrity(path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_a_full_disk_mid_ingest_rolls_back_with_a_clear_error(small_disk):
    path = small_disk / "s.db"
    rng = random.Random(5)
    with SqliteStore.open(path) as store:
        store.ingest([make(f"First article {i}: the talks resumed on Monday.") for i in range(5)], now=NOW)
    big = [make(" ".join(rng.choice(["troops", "talks", "said", "border"]) + str(rng.random())
                         for _ in range(10_000))) for _ in range(20)]  # about 4 MB of text: more than the disk
    with SqliteStore.open(path) as store:
        with pytest.raises(StoreError) as caught:
            store.ingest(big, now=NOW)
    message = str(caught.value)
    assert "full" in message and str(path) in message and "rolled back" in message
    with SqliteStore.open(path) as store:
        assert store.count() == 5 and len(store.ingests()) == 1
    assert _integrity(path) == "ok"


def test_a_full_disk_during_the_ingest_command_leaves_the_store_as_before(small_disk, tmp_path):
    path = small_disk / "s.db"
    first = cli("ingest", str(SEEDS / "001_94ffce3bbbc09872.txt"), "--db", str(path), "--quiet")
    assert first.returncode == 0, first.stderr.decode()
    folder = tmp_path / "big"
    folder.mkdir()
    rng = random.Random(6)
    for i in range(12):
        words = " ".join(rng.choice(["troops", "talks", "said", "border", "Kyiv"]) + str(rng.randrange(10**6))
                         for _ in range(40_000))
        (folder / f"{i}.txt").write_text(f"Talks resume in Kyiv number {i}\n\n{words}.\n")
    result = cli("ingest", str(folder), "--db", str(path), "--quiet")
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "full" in err and str(path) in err and "Traceback" not in err
    with SqliteStore.open(path) as store:
        assert store.count() == 1
    assert _integrity(path) == "ok"
    assert cli("check", "--db", str(path)).returncode == 0
