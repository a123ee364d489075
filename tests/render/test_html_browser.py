"""The HTML briefing in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import pytest

from chromium import SCREENSHOTS
from newsprism.brief import brief
from newsprism.render import render


@pytest.fixture(scope="module")
def page_file(seed_analysis, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(brief(seed_analysis), "html"), encoding="utf-8")
    return path


def test_page_opens_without_errors_or_network_and_a_citation_highlights_its_passage(browser, page_file):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    assert [u for u in requests if u != page_file.as_uri()] == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report-top.png"))
    citation = page.locator("#sec-0 a.cite").first
    span = citation.get_attribute("data-span")
    citation.click()
    highlighted = page.locator(".seg.hl")
    assert highlighted.count() >= 1
    assert span in highlighted.first.get_attribute("data-spans").split()
    assert highlighted.first.is_visible()
    colour = highlighted.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SCREENSHOTS / "report-citation.png"))
    assert errors == []
    page.close()
