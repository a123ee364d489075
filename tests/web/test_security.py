"""Who may do what, on a real server over each store with users (login on) and the default
address policy: anonymous requests refused everywhere, CSRF on every form, hostile article text
rendered as text on every page, private feed addresses refused, readers may not add."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fastapi.routing import APIRoute

from webserver import PASSWORD, csrf_of, new_db, start_site, stop_site, wait_for

# The only routes open to anyone: the sign-in form and its post (CSRF-checked), and an empty favicon.
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/favicon.ico")}
TITLE = "Payload <script>alert('t')</script> headline"
BODY = ("Officials in Lugansk said <img src=x onerror=alert('b')> the convoy moved at dawn. "
        "<script>document.title='owned'</script> Residents reported tanks on the road.\n\n"
        "A spokesman said \"<svg onload=alert(1)>\" was painted on a wall in Donetsk.")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request):
    db = new_db(request.param, request)
    site, handle = start_site(db, {"ed": "editor", "rita": "reader", "ada": "admin"}, fetches_per_minute=20)
    yield site
    stop_site(handle)


def _routes(app):
    """Every route the app serves: the API and page routers' own, and the OpenAPI document."""
    from newsprism.web import api, pages

    yield "GET", "/openapi.json"
    for route in [*api.router.routes, *pages.router.routes]:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, route.path


def test_every_page_and_api_route_refuses_an_anonymous_request(site):
    client = site.client()
    checked = 0
    for method, path in _routes(site.app):
        if (method, path) in PUBLIC:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.request(method, url, follow_redirects=False)
        if path.startswith("/api/") or path == "/openapi.json":
            assert response.status_code == 401, (method, path, response.status_code)
        elif method == "GET":
            assert response.status_code == 303 and response.headers["location"].startswith("/login"), (method, path)
        else:  # a form post: refused for the missing CSRF token, or sent to sign in
            assert response.status_code in (303, 403), (method, path, response.status_code)
            assert response.status_code == 403 or response.headers["location"].startswith("/login")
        checked += 1
    assert checked >= 20
    # A bad token or a forged session cookie is no better than none.
    assert client.get("/api/events", headers={"Authorization": "Bearer np_forged"}).status_code == 401
    client.cookies.set("np_session", "eyJ1IjoiYWRhIiwidiI6MX0.forged.sig")
    assert client.get("/api/events").status_code == 401


def test_session_cookies_are_httponly_and_samesite(site):
    client = site.client()
    client.get("/login")
    response = client.post("/login", data={"csrf_token": csrf_of(client.get("/login").text), "name": "ed",
                                           "password": PASSWORD, "next": "//evil.example/"})
    assert response.status_code == 303 and response.headers["location"] == "/"  # no open redirect
    cookie = [c for c in response.headers.get_list("set-cookie") if c.startswith("np_session=")][0].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "default-src 'none'" in response.headers["content-security-policy"]
    wrong = client.post("/login", data={"csrf_token": csrf_of(client.get("/login").text), "name": "ed",
                                        "password": "wrong password"})
    assert wrong.status_code == 401


def test_a_form_post_without_the_csrf_token_is_refused(site):
    client = site.login("ed")
    for path, data in (("/feeds", {"url": "https://example.org/rss"}), ("/add", {"text": "An article."}),
                       ("/feeds/1/delete", {}), ("/account/tokens", {"label": "x"}), ("/logout", {})):
        assert client.post(path, data=data, follow_redirects=False).status_code == 403, path
        assert client.post(path, data={**data, "csrf_token": "0" * 64}, follow_redirects=False).status_code == 403
    # The login form too (login CSRF), and an API write made with the session cookie.
    assert site.client().post("/login", data={"name": "ed", "password": PASSWORD}).status_code == 403
    assert client.post("/api/feeds", json={"url": "https://example.org/rss"}).status_code == 403
    token = client.get("/api/me").json()["csrf_token"]
    assert client.post("/api/ingest", data={"text": ""}, headers={"X-CSRF-Token": token}).status_code == 202
    assert client.get("/feeds").status_code == 200  # still signed in: the refused posts changed nothing


def test_a_feed_on_a_private_address_is_refused(site):
    client = site.login("ed")
    token = client.get("/api/me").json()["csrf_token"]
    for url in ("http://127.0.0.1:9/feed.xml", "http://localhost/rss", "http://10.1.2.3/rss", "http://[::1]/rss",
                "http://169.254.169.254/latest/meta-data", "file:///etc/passwd"):
        response = client.post("/api/feeds", json={"url": url}, headers={"X-CSRF-Token": token})
        assert response.status_code == (422 if url.startswith("file:") else 400), url  # 422: not http(s) by the spec
        page = client.post("/feeds", data={"url": url, "csrf_token": csrf_of(client.get("/feeds").text)})
        assert page.status_code == 400 and "refused" in page.text
    assert client.get("/api/feeds").json() == []


def test_a_reader_cannot_add_articles_or_feeds(site):
    client = site.login("rita")
    token = client.get("/api/me").json()["csrf_token"]
    assert client.get("/add").status_code == 403
    assert client.post("/add", data={"text": "x", "csrf_token": csrf_of(client.get("/").text)}).status_code == 403
    assert client.post("/api/ingest", data={"text": "x"}, headers={"X-CSRF-Token": token}).status_code == 403
    assert client.post("/api/feeds", json={"url": "https://example.org/rss"},
                       headers={"X-CSRF-Token": token}).status_code == 403
    assert "Add articles" not in client.get("/").text


def test_what_does_not_exist_is_a_404_in_json_under_the_api_and_a_page_elsewhere(site):
    client = site.login("ed")
    token = client.get("/api/me").json()["csrf_token"]
    for method, path, detail in (("GET", "/api/events/0000000000", "no event '0000000000'"),
                                 ("GET", "/api/events/0000000000/briefing", "no event '0000000000'"),
                                 ("GET", "/api/articles/0000000000", "no article '0000000000'"),
                                 ("GET", "/api/jobs/nojob", "no job 'nojob'"),
                                 ("DELETE", "/api/feeds/999999", "no feed 999999")):
        response = client.request(method, path, headers={"X-CSRF-Token": token})
        assert (response.status_code, response.json()) == (404, {"detail": detail}), path
    page = client.get("/events/0000000000")
    assert page.status_code == 404 and "Not found" in page.text


def test_url_fetches_are_rate_limited_per_user(site):
    from newsprism.store import open_store
    from newsprism.web.auth import new_token, token_hash

    token = new_token()
    with open_store(site.db) as store:
        store.add_token(token_hash(token), "ada", None, "2026-01-01T00:00:00+00:00")
    client = site.client(headers={"Authorization": f"Bearer {token}"})
    codes = [client.post("/api/feeds", json={"url": f"http://127.0.0.1:9/{n}"}).status_code for n in range(22)]
    assert codes[:20] == [400] * 20 and codes[20:] == [429, 429]  # refused, but each counted; then limited


def test_hostile_article_text_renders_as_text_on_every_page(site):
    client = site.login("ed")
    token = client.get("/api/me").json()["csrf_token"]
    job = client.post("/api/ingest", data={"text": f"{TITLE}\n\n{BODY}"}, headers={"X-CSRF-Token": token}).json()
    done = wait_for(lambda: (j := client.get(f"/api/jobs/{job['id']}").json())["state"] in ("done", "failed") and j,
                    240, "the ingest and briefing job")
    assert done["state"] == "done" and done["added"] == 1, done
    event_id = done["events"][0]
    article_id = client.get("/api/articles").json()[0]["id"]
    pages = ["/", f"/events/{event_id}", f"/articles/{article_id}", "/search?q=Lugansk", "/search?q=%3Cscript%3E",
             f"/jobs/{job['id']}"]
    for path in pages:
        text = client.get(path).text
        for raw in ("<script>alert", "<img src=x", "<svg onload", "<script>document"):
            assert raw not in text, (path, raw)
    article_page = client.get(f"/articles/{article_id}").text
    assert "&lt;img src=x onerror=alert(" in article_page and "&lt;script&gt;" in article_page
    assert "&lt;script&gt;" in client.get(f"/events/{event_id}").text
    assert "&lt;script&gt;" in client.get("/").text or "Payload" not in client.get("/").text


def test_serve_refuses_a_public_address_without_users(tmp_path):
    db = str(tmp_path / "s.db")
    result = subprocess.run([sys.executable, "-m", "newsprism", "serve", "--db", db, "--host", "0.0.0.0",
                             "--port", "1"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0 without users" in result.stderr
