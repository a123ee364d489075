"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl from Debian's `postgresql`
package into a temporary folder, on a free port of 127.0.0.1, stopped at the end of the session.

`make test` installs the package. Without its binaries the PostgreSQL half of the store and web
tests is skipped with the reason, except under CI=true, where that is a failure. PostgreSQL
refuses to run as root, so as root (CI) the server runs as the `postgres` user the package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

__all__ = ["PgServer", "postgres_server", "store_kind", "store_url"]


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and Path(found).resolve().with_name("initdb").exists():
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One running server: `url(dbname)` and `new_database()`."""

    def __init__(self, bindir: Path, root: Path, port: int, as_user: list[str]) -> None:
        self.bindir, self.root, self.port, self._as = bindir, root, port, as_user
        self.data, self.log = root / "data", root / "server.log"

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as, *args], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "newsprism", "-E", "UTF8",
                 "--locale=C", "--no-sync")
        # Durability is not under test here: no fsync makes CREATE DATABASE and commits fast.
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                 "-t", "60", "start")

    def stop(self) -> None:
        subprocess.run([*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True, timeout=60)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://newsprism@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """A fresh, empty database's URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is missing: make test installs Debian's postgresql package (apt-get)")
        pytest.skip("PostgreSQL binaries not found (make test installs Debian's postgresql package)")
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    if os.geteuid() == 0:  # initdb and postgres refuse root; the package made a `postgres` user
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PgServer(bindir, root, _free_port(), as_user)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
        pytest.fail(f"could not start PostgreSQL: {exc.stderr or exc}\n{log}")
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param


@pytest.fixture
def store_url(store_kind, request, tmp_path) -> str:
    """An empty store of each kind: a SQLite file path, or a fresh PostgreSQL database's URL."""
    if store_kind == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_server").new_database()
