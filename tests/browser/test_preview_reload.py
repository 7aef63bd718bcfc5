"""In a real browser, the preview's error page appears by itself when a saved change breaks
the build, and the article comes back by itself when the fix is saved: no reload by hand."""

from __future__ import annotations

from tests.browser.conftest import axe_violations, screenshot
from tests.preview import serving
from tests.site.test_serve_errors import NOTES, site


def test_the_open_page_turns_into_the_error_page_and_back(browser, tmp_path):
    site(tmp_path)
    notes = tmp_path / "annotations" / "talks.yml"
    with serving(tmp_path) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(base + "articles/talks/")
        page.wait_for_selector("#note-without-moscow", state="attached")
        notes.write_text(NOTES.replace("went on without Moscow", "went on withuot Moscow"), encoding="utf-8")
        heading = page.wait_for_selector("#marginalia-build-failed", timeout=60_000)
        assert "1 problem" in heading.inner_text()
        assert "quote not found in the article" in page.inner_text("main")
        assert axe_violations(page) == []
        screenshot(page, "preview-error-page-1440")
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "preview-error-page-390", full_page=True)
        notes.write_text(NOTES, encoding="utf-8")
        page.wait_for_selector("#note-without-moscow", state="attached", timeout=60_000)
        assert page.query_selector("#marginalia-build-failed") is None
        context.close()
