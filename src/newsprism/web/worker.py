"""Long work off the request path.

- `Worker`: one thread runs jobs one at a time (ingest with clustering, briefings), since the
  models are heavy and the machine small; a job's state and progress are polled by the pages.
  The heavy part of each job (reading and cleaning, clustering, analysis) runs in one worker
  *process* (spawned, kept between jobs with its models and store connection), so the server's
  own process, which answers readers, never waits on the analysis for Python's lock. After an
  ingest, the briefings of the events it changed are computed, so the next view is cached.
- `FeedFollower`: a thread that finds feeds due, claims each in the store (so several servers on
  one database fetch a feed once), fetches them in a small pool with the reader's address checks,
  size caps and timeouts, and hands what they carry to the worker. A failure pushes that feed's
  next fetch back (doubling per failure in a row, at most a day); the others go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from newsprism.model import Article, Skipped
from newsprism.web.briefings import compute_briefings

__all__ = ["FeedFollower", "Job", "Worker", "read_documents", "read_inputs", "utc_now"]

log = logging.getLogger("newsprism.web")

# Jobs kept for polling; older finished ones are forgotten.
MAX_JOBS = 500
# Feed fetches at once: enough that a slow feed does not hold the others up.
FEED_FETCHERS = 4
# Backoff after failures in a row: interval × 2^failures, at most this.
MAX_BACKOFF = timedelta(days=1)
FEED_POLL_S = 1.0


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Job:
    """One piece of long work, as the job page and `/api/jobs/{id}` show it."""

    id: str
    kind: str  # ingest, feed or briefing
    user: str
    state: str = "queued"  # queued, running, done, failed
    message: str = "waiting for the worker"
    added: int = 0
    present: int = 0
    skipped: list[dict] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    error: str | None = None
    created_at: str = field(default_factory=utc_now)
    finished_at: str | None = None

    def to_record(self) -> dict:
        return {k: getattr(self, k) for k in ("id", "kind", "user", "state", "message", "added", "present", "skipped",
                                              "events", "error", "created_at", "finished_at")}


def read_inputs(texts: list[tuple[str, str]], files: list[tuple[str, bytes]], urls: list[str], options):
    """Pasted texts (name, text), uploaded files (name, bytes) and URLs, read and cleaned: the
    articles (each once) and what was skipped, as `pipeline.read_articles` gives for paths."""
    from newsprism.errors import ReadError
    from newsprism.read import read_bytes, read_one

    items: list = []
    for name, text in texts:
        try:
            items += read_bytes(text.encode("utf-8"), name, fmt="text", options=options)
        except ReadError as exc:
            items.append(Skipped(name, exc.reason))
    for name, data in files:
        if len(data) > options.max_bytes:
            items.append(Skipped(name, f"{len(data) / 1e6:.1f} MB is over the {options.max_bytes / 1e6:.0f} MB cap"))
            continue
        try:
            items += read_bytes(data, name, options=options)
        except ReadError as exc:
            items.append(Skipped(name, exc.reason))
    for url in urls:
        items += read_one(url, options)
    return read_documents(items)


class Worker:
    """Runs jobs on one thread; `submit_*` return at once with the job to poll."""

    def __init__(self, stores, options) -> None:
        self._stores, self._options = stores, options
        self._queue: queue.Queue = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._pending_briefings: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsprism-worker", daemon=True)
        self._stale: set[str] = set()  # events changed by ingests whose briefings were deferred
        self._process: ProcessPoolExecutor | None = None

    def start(self) -> None:
        self._process = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker_process, initargs=(os.getpid(),))
        self._process.submit(_warm_up)  # models load while the first request is still being typed
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._queue.put(None)
        self._thread.join(timeout=10)
        if self._process is not None:
            # A job still analysing would outlive the server: end the process, not only its queue.
            processes = list(getattr(self._process, "_processes", {}).values())
            self._process.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)

    def _call(self, fn, *args):
        """`fn(*args)` in the worker process (or here when the worker was never started)."""
        if self._process is None:
            return fn(*args)
        return self._process.submit(fn, *args).result()

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _new(self, kind: str, user: str) -> Job:
        job = Job(uuid.uuid4().hex, kind, user)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
        return job

    def submit_ingest(self, user: str, texts=(), files=(), urls=(), kind: str = "ingest", on_done=None) -> Job:
        job = self._new(kind, user)
        self._queue.put((job, lambda: self._ingest(job, list(texts), list(files), list(urls)), on_done))
        return job

    def submit_articles(self, user: str, articles, skipped, kind: str = "feed", on_done=None) -> Job:
        job = self._new(kind, user)
        self._queue.put((job, lambda: self._store(job, tuple(articles), tuple(skipped)), on_done))
        return job

    def submit_briefing(self, user: str, event_id: str) -> Job:
        """The briefing of one event; an event already queued returns its job."""
        with self._lock:
            pending = self._pending_briefings.get(event_id)
            if pending and pending.state in ("queued", "running"):
                return pending
        job = self._new("briefing", user)
        job.events = [event_id]
        with self._lock:
            self._pending_briefings[event_id] = job
        self._queue.put((job, lambda: self._briefings(job, [event_id]), None))
        return job

    def _run(self) -> None:
        while not self._stop.is_set():
            item = self._queue.get()
            if item is None:
                break
            job, work, on_done = item
            job.state = "running"
            try:
                work()
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - a failed job is reported on its page, the worker goes on
                log.exception("job %s failed", job.id)
                job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
                job.message = "failed"
            job.finished_at = utc_now()
            if on_done:
                try:
                    on_done(job)
                except Exception:  # noqa: BLE001
                    log.exception("after job %s", job.id)

    def _ingest(self, job: Job, texts, files, urls) -> None:
        job.message = f"reading {len(texts) + len(files) + len(urls)} inputs"
        articles, skipped = self._call(read_inputs, texts, files, urls, self._options)
        self._store(job, articles, skipped)

    def _store(self, job: Job, articles, skipped) -> None:
        job.skipped = [s.to_record() for s in skipped]
        if not articles:
            job.message = "nothing could be read" if skipped else "nothing to add"
            return
        job.message = f"storing {len(articles)} articles and placing them in events"
        added, present, events = self._call(_ingest_in_worker, self._stores.target, articles, skipped, utc_now())
        job.added, job.present, job.events = added, present, events
        # While more articles wait in the queue, an event's briefing would be stale at once: analyse
        # the changed events after the last queued ingest instead.
        self._stale.update(events)
        if not self._queue.empty():
            job.message = "stored; briefings wait for the articles queued after these"
            return
        stale, self._stale = sorted(self._stale), set()
        self._briefings(job, stale)

    def _briefings(self, job: Job, events: list[str]) -> None:
        for n, event_id in enumerate(events, 1):
            job.message = f"analysing event {n} of {len(events)}: quotes, facts, conflicts, framing"
            self._call(_briefings_in_worker, self._stores.target, event_id)
        job.message = "done"


# --- in the worker process -------------------------------------------------------------

_WORKER: dict = {}  # the worker process's store connection and clusterer, kept between jobs
# The worker process yields the CPU to the server's readers: analysis can wait, a page should not.
WORKER_NICENESS = 10
# How often the worker process checks that the server that spawned it is still there.
PARENT_CHECK_S = 1.0


def _start_worker_process(server_pid: int) -> None:
    """Initializer of the worker process: lower priority, and exit when the server is gone.

    A server killed without its shutdown (SIGKILL, a crash) leaves no one to stop this process;
    it would finish its analysis for nobody. A daemon thread notices the parent is gone and exits.
    """
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not permitted here: run at the server's priority
        pass

    def watch() -> None:
        while os.getppid() == server_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="newsprism-parent-watch", daemon=True).start()


def _warm_up() -> None:
    import onnxruntime  # noqa: F401
    import spacy  # noqa: F401
    import tokenizers  # noqa: F401


def _worker_store(target):
    if "store" not in _WORKER:
        _warm_up()
        from newsprism.store import open_store

        _WORKER["store"] = open_store(target)
    return _WORKER["store"]


def _ingest_in_worker(target, articles, skipped, now: str) -> tuple[int, int, list[str]]:
    from newsprism.pipeline import event_clusterer

    store = _worker_store(target)
    if "cluster" not in _WORKER:
        _WORKER["cluster"] = event_clusterer()
    result = store.ingest(articles, skipped, now=now, cluster=_WORKER["cluster"])
    events = list(dict.fromkeys(e for e in (store.article_event(a) for a in result.added) if e))
    return len(result.added), len(result.present), events


def _briefings_in_worker(target, event_id: str) -> None:
    store = _worker_store(target)
    if store.resolve_event(event_id) == event_id:  # not merged away meanwhile
        compute_briefings(store, event_id)


class FeedFollower:
    """Fetches due feeds on their own schedule and hands their articles to the worker."""

    def __init__(self, stores, worker: Worker, options) -> None:
        self._stores, self._worker, self._options = stores, worker, options
        self._pool = ThreadPoolExecutor(FEED_FETCHERS, thread_name_prefix="newsprism-feed")
        self._stop = threading.Event()
        self._busy: set[int] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="newsprism-feeds", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self) -> None:
        while not self._stop.wait(FEED_POLL_S):
            try:
                self.poll()
            except Exception:  # noqa: BLE001 - a store hiccup: try again at the next poll
                log.exception("feed poll failed")

    def poll(self) -> None:
        store = self._stores.get()
        now = datetime.now(timezone.utc)
        for feed in store.due_feeds(now.isoformat(timespec="seconds")):
            with self._lock:
                if feed["id"] in self._busy:
                    continue
            # Held for the fetch's worst case; the result sets the real next time.
            if not store.claim_feed(feed, (now + timedelta(minutes=10)).isoformat(timespec="seconds")):
                continue
            with self._lock:
                self._busy.add(feed["id"])
            self._pool.submit(self._fetch, feed)

    def _fetch(self, feed: dict) -> None:
        from newsprism.read import read_one

        try:
            items = read_one(feed["url"], self._options)
            whole = [i for i in items if isinstance(i, Skipped) and i.source == feed["url"]]
            if whole:
                self._record(feed, ok=False, error=whole[0].reason, added=0)
                return
            articles, skipped = read_documents(items)
            self._worker.submit_articles(f"feed {feed['id']}", articles, skipped, kind="feed",
                                         on_done=lambda job: self._record(feed, ok=job.state == "done",
                                                                          error=job.error, added=job.added))
        except Exception as exc:  # noqa: BLE001 - one broken feed never stops the others
            self._record(feed, ok=False, error=f"{type(exc).__name__}: {exc}", added=0)

    def _record(self, feed: dict, *, ok: bool, error: str | None, added: int) -> None:
        try:
            store = self._stores.get()
            now = datetime.now(timezone.utc)
            current = store.feed(feed["id"])
            if current is None:  # removed meanwhile
                return
            wait = timedelta(seconds=current["interval_s"])
            if not ok:
                wait = min(wait * 2 ** min(current["failures"] + 1, 16), MAX_BACKOFF)
            store.record_feed_fetch(feed["id"], now=now.isoformat(timespec="seconds"),
                                    next_at=(now + wait).isoformat(timespec="seconds"), ok=ok,
                                    error=(error or "")[:500] or None, added=added)
        finally:
            with self._lock:
                self._busy.discard(feed["id"])


def read_documents(items):
    """Reader output (documents and skips) cleaned into articles, each once."""
    from newsprism.clean import clean, unusable
    from newsprism.model import RawDocument

    articles: dict[str, Article] = {}
    skipped = []
    for item in items:
        if not isinstance(item, RawDocument):
            skipped.append(item)
            continue
        article = clean(item)
        reason = unusable(article)
        if reason:
            skipped.append(Skipped(item.source, reason))
        else:
            articles.setdefault(article.id, article)
    return tuple(articles.values()), tuple(skipped)
