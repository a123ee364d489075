"""The HTML briefing in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsprism.brief import brief
from newsprism.render import render
from quality import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium reaches for Google's services, which this network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(os.environ.get("NEWSPRISM_SCREENSHOTS", ROOT / "build" / "screenshots"))


@pytest.fixture(scope="module")
def page_file(seed_analysis, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(brief(seed_analysis), "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: make test installs it with apt-get")
        pytest.skip("chromium not installed (make test installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing: make test installs requirements-test.txt")
        pytest.skip("playwright not installed (make test installs requirements-test.txt)")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


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
