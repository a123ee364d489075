"""The newsroom flow in headless Chromium (Debian's, driven by Playwright) on a real server over
each store: sign in, follow a local feed carrying the five seeds, see one event with all five
outlets, open it, click a summary citation and see its passage highlighted, open an article,
search for "Lugansk". Then the same data through the JSON API, checked against the report schema."""

from __future__ import annotations

import json

import pytest

from chromium import SCREENSHOTS
from quality import ROOT
from webserver import new_db, start_site, stop_site, wait_for

# Reading the feed, clustering and the first analysis (models loading) on 2 shared cores.
EVENT_TIMEOUT_S = 240


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request):
    db = new_db(request.param, request)
    site, handle = start_site(db, {"ed": "editor", "rita": "reader"}, allow_private=True)
    site.kind = request.param
    yield site
    stop_site(handle)


def test_newsroom_flow_in_chromium(site, browser, feed_server):
    shots = SCREENSHOTS / f"serve-{site.kind}"
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, elsewhere = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(site.base) else None)
    page.set_default_timeout(30_000)

    page.goto(site.base + "/")
    assert "/login" in page.url
    page.fill("input[name=name]", "ed")
    page.fill("input[name=password]", "correct horse battery")
    page.screenshot(path=str(shots / "1-login.png"))
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(site.base + "/")

    page.click("header a:has-text('Feeds')")
    page.fill("input[name=url]", feed_server + "/seeds.xml")
    page.fill("input[name=interval_minutes]", "60")
    page.click("button:has-text('Follow')")
    page.wait_for_selector("#feeds .feed-row")

    def event_with_five_outlets():
        page.goto(site.base + "/")
        rows = page.locator(".event-row")
        return rows.count() == 1 and "5:" in rows.first.locator("td").nth(3).inner_text()

    wait_for(event_with_five_outlets, EVENT_TIMEOUT_S, "one event with all five outlets", every=2)
    outlets = page.locator(".event-row .outlets").inner_text()
    for name in ("Daily Mail", "National File", "NDTV", "The Moscow Times", "Mehr News Agency"):
        assert name in outlets
    page.screenshot(path=str(shots / "2-events.png"))

    page.click(".event-row a")
    page.wait_for_selector("#sec-0 a.cite", timeout=EVENT_TIMEOUT_S * 1000)  # the job page moves on when done
    page.screenshot(path=str(shots / "3-event.png"))
    citation = page.locator("#sec-0 a.cite").first
    span = citation.get_attribute("data-span")
    citation.click()
    highlighted = page.locator(".seg.hl")
    assert highlighted.count() >= 1
    assert span in highlighted.first.get_attribute("data-spans").split()
    assert highlighted.first.is_visible()
    assert highlighted.first.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)",
                                                                                          "transparent")
    page.screenshot(path=str(shots / "4-citation.png"))

    page.click("#np-bar a:has-text('The Moscow Times')")
    page.wait_for_selector("#article-body")
    assert page.locator("#article-body .m-quote").count() >= 1
    assert page.locator("#article-body .m-actor").count() >= 1
    page.screenshot(path=str(shots / "5-article.png"))

    page.fill("header input[name=q]", "Lugansk")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#article-hits")
    hits = page.locator("#article-hits li a")
    assert hits.count() >= 2  # The Moscow Times and Mehr write Lugansk; the others Luhansk
    assert page.locator("#article-hits mark").first.inner_text().lower() == "lugansk"
    assert page.locator("#event-hits li a").count() == 1
    page.screenshot(path=str(shots / "6-search.png"), full_page=True)
    assert errors == []
    assert elsewhere == []
    page.close()


def test_the_same_data_through_the_api(site, feed_server):
    """Every page's data from /api, with a reader's token; the briefing is the report contract."""
    import jsonschema

    from newsprism.store import open_store
    from newsprism.web.auth import new_token, token_hash

    token = new_token()
    with open_store(site.db) as store:
        store.add_token(token_hash(token), "rita", "test", "2026-01-01T00:00:00+00:00")
        if not store.feeds():  # when run alone, without the browser test
            store.add_feed(feed_server + "/seeds.xml", 3600, "ed", "2026-01-01T00:00:00+00:00")
    client = site.client(headers={"Authorization": f"Bearer {token}"})
    events = wait_for(lambda: client.get("/api/events").json(), EVENT_TIMEOUT_S, "the event")
    assert len(events) == 1 and events[0]["articles"] == 5 and len(events[0]["outlets"]) == 5
    event_id = events[0]["id"]

    def briefing():
        response = client.get(f"/api/events/{event_id}/briefing")
        assert response.status_code in (200, 202)
        return response.json() if response.status_code == 200 else None

    report = wait_for(briefing, EVENT_TIMEOUT_S, "the briefing")
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert len(report["articles"]) == 5 and report["summary"]
    detail = client.get(f"/api/events/{event_id[:8]}").json()
    assert detail["id"] == event_id and len(detail["articles"]) == 5
    article = client.get(f"/api/articles/{detail['articles'][0]['id']}").json()
    assert article["event"] == event_id and article["article"]["body"]
    assert len(client.get("/api/articles").json()) == 5
    found = client.get("/api/search", params={"q": "Lugansk"}).json()
    assert len(found["articles"]) >= 2 and [e["id"] for e in found["events"]] == [event_id]
    feeds = client.get("/api/feeds").json()
    assert feeds[0]["last_status"] == "ok" and feeds[0]["added_total"] == 5
    # The cached page is the renderer's own, served again without recomputing.
    page = client.get(f"/events/{event_id}")
    assert page.status_code == 200 and 'id="sec-0"' in page.text and "np-bar" in page.text
    # A reader reads, but may not add.
    assert client.post("/api/ingest", data={"text": "A new article."}).status_code == 403
