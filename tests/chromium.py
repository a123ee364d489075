"""A headless Chromium for the browser tests: Debian's, driven by Playwright (a fixture for conftest.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quality import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium reaches for Google's services, which this network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(os.environ.get("NEWSPRISM_SCREENSHOTS", ROOT / "build" / "screenshots"))


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; in CI a missing browser or Playwright fails the test, elsewhere skips it."""
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
