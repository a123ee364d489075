"""`newsprism serve` as a real process: its worker process ends with it, however the server ends."""

from __future__ import annotations

import os
from pathlib import Path
import signal
import subprocess
import sys
import time

import httpx
import psutil
import pytest
from webserver import csrf_of, free_port, wait_for

SEEDS = sorted((Path(__file__).parents[2] / "examples" / "seeds").iterdir())


def _serve(tmp_path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", str(tmp_path / "np.sqlite"),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    wait_for(lambda: _answers(port), timeout=90, what="newsprism serve answering")
    return server, port


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _worker_processes(server: subprocess.Popen) -> list[psutil.Process]:
    """The server's spawned children that run our worker (not multiprocessing's resource tracker)."""
    def is_worker(child: psutil.Process) -> bool:
        try:
            return "resource_tracker" not in " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            return False

    found: list[psutil.Process] = []
    wait_for(lambda: found.extend(c for c in psutil.Process(server.pid).children() if is_worker(c)) or found,
             timeout=60, what="the worker process")
    return found


def _gone(processes: list[psutil.Process]) -> bool:
    return all(not p.is_running() or p.status() == psutil.STATUS_ZOMBIE for p in processes)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["term", "int", "kill"])
def test_the_worker_process_ends_with_the_server(tmp_path, how):
    server, port = _serve(tmp_path)
    workers = _worker_processes(server)
    try:
        # The worker is busy (reading, clustering, briefings of the seeds) when the server is told to go.
        files = [("files", (path.name, path.read_bytes(), "application/octet-stream")) for path in SEEDS]
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            token = csrf_of(client.get("/add").text)
            accepted = client.post("/api/ingest", files=files, headers={"X-CSRF-Token": token})
        assert accepted.status_code == 202, accepted.text
        os.kill(server.pid, how)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while not _gone(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(workers), f"worker processes {[p.pid for p in workers]} outlived the server ({how.name})"
    finally:
        for process in workers:
            if process.is_running():
                process.kill()
        if server.poll() is None:
            server.kill()
