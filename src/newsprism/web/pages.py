"""The pages: Jinja2 templates rendered on the server (autoescaped: article text is always text).

The event page is the briefing the HTML renderer makes for `newsprism analyze --format html`,
served from the store's cache with a bar of links above it; an event not yet analysed shows
the job computing it. Every form carries the CSRF token and every post checks it.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from newsprism.web.app import Forbidden, State, require
from newsprism.web.auth import SESSION_COOKIE, hash_password, new_token, role_at_least, token_hash, verify_password

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)

SEEN_COOKIE = "np_seen"
_PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac"]
# Verifying a password against no user still costs an argon2 check, so a wrong name and a wrong
# password take as long.
_DUMMY_HASH = None


def _marks(text: str) -> Markup:
    """A search snippet: escaped, then the store's \\x02 ... \\x03 match markers as <mark>."""
    return Markup(str(escape(text)).replace("\x02", "<mark>").replace("\x03", "</mark>"))


_env = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["marks"] = _marks


def _state(request: Request) -> State:
    return request.app.state.np


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    who = getattr(request.state, "principal", None)
    context.setdefault("q", "")
    html = _env.get_template(name).render(who=who, csrf=_state(request).csrf_token(request),
                                          can_edit=bool(who and role_at_least(who, "editor")), **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status,
                heading={403: "Not allowed", 404: "Not found"}.get(status, str(status)), message=message)


def _colour(outlet: str) -> str:
    return _PALETTE[int(hashlib.sha256(outlet.encode()).hexdigest(), 16) % len(_PALETTE)]


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request):
    from newsprism.web.api import event_rows

    require(request)
    seen = request.cookies.get(SEEN_COOKIE, "")
    rows = []
    for e in event_rows(_state(request)):
        row = e.model_dump()
        row["new"] = bool(seen) and (e.updated_at or "") > seen
        row["segments"] = [(o, n, _colour(o)) for o, n in sorted(e.outlet_counts.items(), key=lambda x: -x[1])]
        rows.append(row)
    response = page(request, "events.html", events=rows)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    response.set_cookie(SEEN_COOKIE, now, max_age=365 * 86400, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
    return response


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    from newsprism.web.briefings import cached

    who = require(request)
    state = _state(request)
    store = state.stores.get()
    found = store.resolve_event(event_id)
    if found is None:
        return error_page(request, 404, "No such event.")
    content = cached(store, found, "html")
    if content is None:
        job = state.worker.submit_briefing(who.name, found)
        return page(request, "job.html", heading="Analysing this event", job=job, next_url=f"/events/{found}")
    bar = _event_bar(store.event_article_outlets(found))
    return HTMLResponse(content.replace("<body>", "<body>" + bar, 1))


def _event_bar(articles) -> str:
    """Links above the briefing: back to the app, and each article's own page."""
    links = " · ".join(f'<a style="color:#bfdbfe" href="/articles/{escape(a)}">{escape(o or "article")}</a>'
                       for a, o in articles)
    return ('<div id="np-bar" style="background:#111827;color:#e5e7eb;padding:6px 28px;font:13px system-ui,sans-serif">'
            '<a style="color:#fff;font-weight:700;margin-right:14px" href="/">newsprism</a>'
            '<a style="color:#bfdbfe;margin-right:14px" href="/">Events</a>'
            '<a style="color:#bfdbfe;margin-right:14px" href="/search">Search</a>'
            f'Articles: {links}</div>')


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    require(request)
    store = _state(request).stores.get()
    article = store.get(article_id)
    if article is None:
        return error_page(request, 404, "No such article.")
    event = store.article_event(article.id)
    spans = _article_marks(_state(request), store, event, article) if event else None
    record = article.to_record()
    url = record.get("url")
    record["url"] = url if url and urlsplit(url).scheme in ("http", "https") else None
    return page(request, "article.html", article=record, event=event, marked=spans is not None,
                pieces=_pieces(article.body, spans or []))


# Articles whose marks are kept in memory: a report is parsed once per version, not per view.
_MARK_CACHE_SIZE = 256


def _article_marks(state: State, store, event: str, article):
    """The article's marks from its event's cached report (None when not yet computed), memoised by
    the report's fingerprint."""
    from newsprism.web.briefings import cached, current_key

    key = (article.id, current_key(store, event))
    memo = state.marks
    if key in memo:
        return memo[key]
    report = cached(store, event, "json")
    if report is None:
        return None
    spans = _marks_of(json.loads(report), article)
    if len(memo) >= _MARK_CACHE_SIZE:
        memo.pop(next(iter(memo)))
    memo[key] = spans
    return spans


def _marks_of(report: dict, article) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, tip) of what the event's report found in this article."""
    spans = []
    for q in report.get("quotes", []):
        if q.get("article") == article.id:
            spans.append((q["start"], q["end"], "m-quote", f"quote: {q.get('speaker') or 'unknown speaker'}"))
    for q in report.get("quantities", []):
        if q.get("article") == article.id:
            spans.append((q["start"], q["end"], "m-number", f"number: {q.get('of') or ''}"))
    framing = report.get("framing", {}).get(article.id, {})
    for kind in ("scare_quotes", "labels", "unnamed_sources"):
        for item in framing.get(kind, []):
            # Items found in the headline carry field "title": their offsets are not into the body.
            if (isinstance(item, dict) and item.get("field", "body") == "body" and isinstance(item.get("start"), int)
                    and isinstance(item.get("end"), int)):
                spans.append((item["start"], item["end"], "m-label", kind.replace("_", " ")))
    body = article.body
    for actor in report.get("actors", []):
        for name in {actor.get("name"), *actor.get("aliases", [])} - {None, ""}:
            if len(name) < 3:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body):
                spans.append((match.start(), match.end(), "m-actor", f"actor: {actor.get('name')}"))
    return [s for s in spans if 0 <= s[0] < s[1] <= len(body)]


def _pieces(body: str, spans) -> list[tuple[str, str, str]]:
    """The body cut at every mark's edges: (text, classes, tooltip) for the template to escape."""
    edges = sorted({0, len(body)} | {p for s, e, _, _ in spans for p in (s, e)})
    pieces = []
    for start, end in zip(edges, edges[1:]):
        covering = [(k, t) for s, e, k, t in spans if s <= start and end <= e]
        pieces.append((body[start:end], " ".join(sorted({k for k, _ in covering})),
                       "; ".join(dict.fromkeys(t for _, t in covering))))
    return pieces


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = ""):
    from newsprism.web.api import search_results

    require(request)
    q = q[:500]
    return page(request, "search.html", q=q, result=search_results(_state(request), q) if q.strip() else None)


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request):
    require(request, "editor")
    return page(request, "add.html")


@router.post("/add")
def add_post(request: Request, csrf_token: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
             urls: Annotated[str, Form()] = "", files: Annotated[list[UploadFile], File()] = []):  # noqa: B006
    who = require(request, "editor")
    state = _state(request)
    state.check_csrf(request, csrf_token)
    url_list = [u.strip() for u in urls.splitlines() if u.strip()]
    if url_list and not state.fetch_limit.take(who.name, len(url_list)):
        return page(request, "add.html", status=429,
                    message=f"More than {state.config.fetches_per_minute} URL fetches a minute: wait and try again.")
    uploads = [(f.filename or "upload", f.file.read(state.read_options.max_bytes + 1)) for f in files if f.filename]
    texts = [("pasted text", text)] if text.strip() else []
    if not (texts or uploads or url_list):
        return page(request, "add.html", status=400, message="Paste a text, choose files or enter URLs.")
    job = state.worker.submit_ingest(who.name, texts=texts, files=uploads, urls=url_list)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str):
    require(request)
    job = _state(request).worker.job(job_id)
    if job is None:
        return error_page(request, 404, "No such job (the server may have restarted).")
    return page(request, "job.html", heading="Adding articles", job=job, next_url="")


@router.get("/feeds", response_class=HTMLResponse)
def feeds_page(request: Request, message: str = ""):
    require(request)
    return page(request, "feeds.html", feeds=_state(request).stores.get().feeds(), message=message[:300])


@router.post("/feeds")
def feeds_post(request: Request, csrf_token: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
               interval_minutes: Annotated[int, Form(ge=1, le=10080)] = 15):
    from newsprism.web.api import add_feed

    who = require(request, "editor")
    state = _state(request)
    state.check_csrf(request, csrf_token)
    try:
        add_feed(state, who, url[:2000], interval_minutes)
    except (ValueError, PermissionError) as exc:
        return page(request, "feeds.html", status=400, feeds=state.stores.get().feeds(), message=str(exc))
    return RedirectResponse("/feeds", status_code=303)


@router.post("/feeds/{feed_id}/delete")
def feed_delete(request: Request, feed_id: int, csrf_token: Annotated[str, Form()] = ""):
    require(request, "editor")
    state = _state(request)
    state.check_csrf(request, csrf_token)
    state.stores.get().remove_feed(feed_id)
    return RedirectResponse("/feeds", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return page(request, "login.html", next=_local_path(next))


@router.post("/login")
def login_post(request: Request, csrf_token: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
               password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"):
    global _DUMMY_HASH
    state = _state(request)
    state.check_csrf(request, csrf_token)
    user = state.stores.get().user(name[:200])
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not a password")
    ok = verify_password(user["password_hash"] if user else _DUMMY_HASH, password[:1000]) and user is not None
    if not ok:
        return page(request, "login.html", status=401, next=_local_path(next), message="Wrong name or password.")
    response = RedirectResponse(_local_path(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, state.sessions.cookie_for(user), httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", max_age=14 * 86400, path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = ""):
    _state(request).check_csrf(request, csrf_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request):
    require(request)
    return page(request, "account.html", token=None)


@router.post("/account/tokens", response_class=HTMLResponse)
def account_token(request: Request, csrf_token: Annotated[str, Form()] = "", label: Annotated[str, Form()] = ""):
    from newsprism.web.worker import utc_now

    who = require(request)
    state = _state(request)
    state.check_csrf(request, csrf_token)
    if who.via == "anonymous":
        raise Forbidden("tokens belong to users: add one with `newsprism user add`")
    token = new_token()
    state.stores.get().add_token(token_hash(token), who.name, label[:200] or None, utc_now())
    return page(request, "account.html", token=token)


def _local_path(target: str) -> str:
    """Only a path on this server is a place to go after signing in (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return quote(target, safe="/?=&%-_.~")


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    return Response(status_code=204)
