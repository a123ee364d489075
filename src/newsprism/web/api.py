"""The JSON API under /api/ (OpenAPI at /openapi.json): every page's data, and the writes.

Reads need a reader; ingest and feeds need an editor. A write authenticated by the session
cookie must send the CSRF token in `X-CSRF-Token` (GET /api/me gives it); a bearer token needs none.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from newsprism.web.app import Forbidden, State, require
from newsprism.web.auth import Principal, new_token, token_hash

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

class Problem(BaseModel):
    detail: str


_NOT_FOUND = {404: {"description": "no such item", "model": Problem}}
_LIMITED = {429: {"description": "too many URL fetches: wait a minute", "model": Problem}}


class EventRow(BaseModel):
    id: str
    title: str | None
    first: str | None
    last: str | None
    articles: int
    outlets: list[str]
    outlet_counts: dict[str, int]
    updated_at: str | None
    briefing_cached: bool


class ArticleRow(BaseModel):
    id: str
    outlet: str | None
    title: str | None
    published: str | None
    event: str | None


class SearchHit(ArticleRow):
    snippet: str


class EventDetail(BaseModel):
    id: str
    title: str | None
    articles: list[ArticleRow]
    briefing_cached: bool


class ArticleDetail(BaseModel):
    article: dict[str, Any] = Field(description="the articles[] record of the report contract")
    event: str | None


class SearchResult(BaseModel):
    query: str
    events: list[EventRow]
    articles: list[SearchHit]


class JobRecord(BaseModel):
    id: str
    kind: str
    user: str
    state: str
    message: str
    added: int
    present: int
    skipped: list[dict[str, str]]
    events: list[str]
    error: str | None
    created_at: str
    finished_at: str | None


class BriefingPending(BaseModel):
    job: JobRecord


class FeedIn(BaseModel):
    url: str = Field(max_length=2000, pattern=r"^https?://", description="an http or https URL on a public address")
    interval_minutes: int = Field(15, ge=1, le=10080)


class FeedRow(BaseModel):
    id: int
    url: str
    interval_s: int
    next_at: str
    last_fetch_at: str | None
    last_status: str | None
    last_error: str | None
    failures: int
    added_total: int
    created_by: str | None
    created_at: str


class Me(BaseModel):
    name: str
    role: str
    via: str
    csrf_token: str


class NewToken(BaseModel):
    token: str = Field(description="shown once; send it as Authorization: Bearer <token>")


def _state(request: Request) -> State:
    return request.app.state.np


def reader(request: Request) -> Principal:
    return require(request, "reader")


def _writer(role: str):
    def check(request: Request) -> Principal:
        principal = require(request, role)
        if principal.via != "token":  # cookies (or none, on a loopback server) are ambient: need the token
            _state(request).check_csrf(request, request.headers.get("x-csrf-token"))
        return principal

    return check


editor = _writer("editor")
any_writer = _writer("reader")

Reader = Annotated[Principal, Depends(reader)]
Editor = Annotated[Principal, Depends(editor)]


@router.get("/me", response_model=Me)
def me(request: Request, who: Reader):
    """Who you are, and the CSRF token for writes made with the session cookie."""
    return Me(name=who.name, role=who.role, via=who.via, csrf_token=_state(request).csrf_token(request))


@router.post("/tokens", response_model=NewToken, status_code=201)
def create_token(request: Request, who: Annotated[Principal, Depends(any_writer)],
                 label: Annotated[str, Form(max_length=200)] = ""):
    """A new API token for yourself (a signed-in user; not the anonymous local user)."""
    if who.via == "anonymous":
        raise Forbidden("tokens belong to users: add one with `newsprism user add`")
    from newsprism.web.worker import utc_now

    token = new_token()
    _state(request).stores.get().add_token(token_hash(token), who.name, label or None, utc_now())
    return NewToken(token=token)


def event_rows(state: State) -> list[EventRow]:
    """Events newest first with the figures the events page shows (titles as `newsprism events` gives them:
    the headline stored when the event last changed). A handful of queries, whatever the number of events."""
    from newsprism.web.briefings import cached_events

    store = state.stores.get()
    figures = store.event_figures()
    ready = cached_events(store)
    rows = []
    for row in store.events():
        extra = figures.get(row["id"], {"updated_at": None, "outlets": {}})
        rows.append(EventRow(**row, outlet_counts=extra["outlets"], updated_at=extra["updated_at"],
                             briefing_cached=row["id"] in ready))
    return rows


@router.get("/events", response_model=list[EventRow])
def events(request: Request, who: Reader):
    """Events, newest first."""
    return event_rows(_state(request))


def _event(state: State, event_id: str) -> str:
    found = state.stores.get().resolve_event(event_id)
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    return found


class NotFound(Exception):
    """A route's item does not exist: the app answers 404 (`app.py`), JSON under /api/."""


@router.get("/events/{event_id}", response_model=EventDetail, responses=_NOT_FOUND)
def event(request: Request, event_id: str, who: Reader):
    """One event: its articles, and whether its briefing is ready."""
    from newsprism.title import event_title
    from newsprism.web.briefings import is_cached

    state = _state(request)
    found = _event(state, event_id)
    store = state.stores.get()
    articles = store.event_articles(found)
    headline = store.event_headline(found)
    return EventDetail(id=found, title=event_title(articles) if headline is None else headline,
                       articles=[_article_row(a, found) for a in articles],
                       briefing_cached=is_cached(store, found))


@router.get("/events/{event_id}/briefing", responses={
    **_NOT_FOUND, 200: {"description": "the briefing: the newsprism.report/1 contract (schema/report.schema.json)",
                        "content": {"application/json": {"schema": {"type": "object"}}}},
    202: {"description": "being computed: poll the job", "model": BriefingPending}})
def briefing(request: Request, event_id: str, who: Reader):
    """The event's briefing as the JSON report; 202 with a job while it is computed."""
    from newsprism.web.briefings import cached

    state = _state(request)
    found = _event(state, event_id)
    content = cached(state.stores.get(), found, "json")
    if content is not None:  # the cached report as it was rendered: no parse and re-serialise
        return Response(content, media_type="application/json")
    job = state.worker.submit_briefing(who.name, found)
    return JSONResponse({"job": job.to_record()}, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


def _article_row(article, event_id: str | None) -> ArticleRow:
    return ArticleRow(id=article.id, outlet=article.outlet, title=article.title, published=article.published,
                      event=event_id)


@router.get("/articles", response_model=list[ArticleRow])
def articles(request: Request, who: Reader, limit: Annotated[int, Query(ge=1, le=500)] = 50,
             offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0):
    """Articles, last ingested first."""
    return [ArticleRow(**row) for row in _state(request).stores.get().recent_articles(limit, offset)]


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=_NOT_FOUND)
def article(request: Request, article_id: str, who: Reader):
    """One article: its record (cleaned body, metadata, removed boilerplate) and its event."""
    store = _state(request).stores.get()
    found = store.get(article_id)
    if found is None:
        raise NotFound(f"no article {article_id!r}")
    return ArticleDetail(article=found.to_record(), event=store.article_event(found.id))


def search_results(state: State, q: str) -> SearchResult:
    store = state.stores.get()
    words = [w.lower() for w in q.split() if w.strip()]
    hits = [SearchHit(**h) for h in store.search_articles(q)] if words else []
    hit_events = {h.event for h in hits}
    matching = [e for e in event_rows(state)
                if words and (e.id in hit_events or all(w in (e.title or "").lower() for w in words))]
    return SearchResult(query=q, events=matching, articles=hits)


@router.get("/search", response_model=SearchResult)
def search(request: Request, who: Reader, q: Annotated[str, Query(max_length=500)] = ""):
    """Articles (full-text) and events whose articles or title match every word."""
    return search_results(_state(request), q)


@router.post("/ingest", response_model=JobRecord, status_code=202, responses=_LIMITED)
def ingest(request: Request, who: Editor, text: Annotated[str, Form(max_length=2_000_000)] = "",
           urls: Annotated[str, Form(max_length=100_000)] = "",
           files: Annotated[list[UploadFile], File()] = []):  # noqa: B006 - FastAPI reads the default
    """Add articles: pasted text, files of any supported format, URLs (one a line). Returns the job."""
    state = _state(request)
    url_list = [u.strip() for u in urls.splitlines() if u.strip()]
    if url_list and not state.fetch_limit.take(who.name, len(url_list)):
        return JSONResponse({"detail": f"more than {state.config.fetches_per_minute} URL fetches a minute"},
                            status_code=429)
    texts = [("pasted text", text)] if text.strip() else []
    uploads = [(f.filename or "upload", f.file.read(state.read_options.max_bytes + 1)) for f in files]
    job = state.worker.submit_ingest(who.name, texts=texts, files=uploads, urls=url_list)
    return JSONResponse(job.to_record(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", response_model=JobRecord, responses=_NOT_FOUND)
def job(request: Request, job_id: str, who: Reader):
    """A job's state and progress."""
    found = _state(request).worker.job(job_id)
    if found is None:
        raise NotFound(f"no job {job_id!r}")
    return found.to_record()


@router.get("/feeds", response_model=list[FeedRow])
def feeds(request: Request, who: Reader):
    """Followed feeds with their last fetch, status and error."""
    return _state(request).stores.get().feeds()


def add_feed(state: State, who: Principal, url: str, interval_minutes: int) -> dict:
    """Follow a feed after the reader's URL checks; ValueError says why not."""
    from newsprism.errors import FetchError
    from newsprism.read.fetch import _check_url  # the reader's own scheme and address checks
    from newsprism.web.worker import utc_now

    url = url.strip()
    # Counted before the check: resolving a name is work a user could make us do in a loop.
    if not state.fetch_limit.take(who.name):
        raise PermissionError(f"more than {state.config.fetches_per_minute} URL fetches a minute")
    try:
        _check_url(url, state.config.allow_private)
    except FetchError as exc:
        raise ValueError(exc.reason) from None
    return state.stores.get().add_feed(url, interval_minutes * 60, who.name, utc_now())


@router.post("/feeds", response_model=FeedRow, status_code=201,
             responses={**_LIMITED, 400: {"description": "refused URL", "model": Problem}})
def create_feed(request: Request, who: Editor, feed: FeedIn):
    """Follow an RSS/Atom feed or a page; its first fetch is due now."""
    try:
        return add_feed(_state(request), who, feed.url, feed.interval_minutes)
    except ValueError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    except PermissionError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=429)


@router.delete("/feeds/{feed_id}", status_code=204, responses=_NOT_FOUND)
def delete_feed(request: Request, who: Editor, feed_id: Annotated[int, Field(ge=0, le=2**62)]):
    """Stop following a feed (its articles stay)."""
    if not _state(request).stores.get().remove_feed(feed_id):
        raise NotFound(f"no feed {feed_id}")
    return Response(status_code=204)
