"""`newsprism user` and `--db postgresql://...` through the real command line, on both stores."""

from __future__ import annotations

import subprocess
import sys


def newsprism(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism", *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


def test_user_add_list_token_remove_and_events_on_the_store(store_url):
    added = newsprism("user", "add", "ada", "--role", "editor", "--password-stdin", "--db", store_url,
                      stdin="long enough password\n")
    assert added.returncode == 0, added.stderr
    assert "added ada (editor)" in added.stdout and "***" not in store_url
    assert newsprism("user", "add", "bob", "--password-stdin", "--db", store_url, stdin="short\n").returncode == 2
    assert newsprism("user", "add", "bob", "--role", "boss", "--password-stdin", "--db", store_url,
                     stdin="long enough password\n").returncode == 2
    assert newsprism("user", "list", "--db", store_url).stdout.split()[:2] == ["ada", "editor"]
    token = newsprism("user", "token", "ada", "--db", store_url).stdout.strip()
    assert token.startswith("np_") and len(token) > 40
    events = newsprism("events", "--db", store_url, "--format", "json")
    assert events.returncode == 0 and events.stdout.strip() == "[]", events.stderr
    assert newsprism("user", "remove", "ada", "--db", store_url).returncode == 0
    assert newsprism("user", "list", "--db", store_url).stdout.strip() == ""
