"""A corrected note in Chromium: its correction is seen in the margin, on a phone and in print,
and the Corrections page leads to the note. Checked on a tiny site of its own, so that the test
holds for any content (a fork's notes may have no corrections at all)."""

from __future__ import annotations

import functools
import socket
import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.browser.conftest import _SubPathHandler, axe_violations, screenshot
from tests.conftest import SUBPATH, TECHNIQUES, TOPICS, run_build, write_site

pytestmark = pytest.mark.browser

ARTICLE = """\
---
title: Talks without Moscow
outlet: Example News
published: 2024-04-01
---

{filler}

The Kiev regime said that observation missions have visited the plant, proving the allegations.

{filler}
"""
FILLER = " ".join(["This paragraph is here so that the article is long enough to scroll."] * 6)
NOTES = """\
questions:
  - Who is quoted?
notes:
  - id: regime
    kind: framing
    quote: The Kiev regime
    note: A label used in Russian official statements; a neutral report would say "the Ukrainian government".
    topics: [talks]
    technique: Loaded_Language
  - id: missions
    kind: claim
    quote: observation missions
    note: |
      **Claim:** international missions confirmed the allegations. **Evidence:** the only
      mission on site is the IAEA's, and its reports say who was hit, not who fired.
    topics: [plant]
    sources:
      - title: Update 215
        publisher: IAEA
        date: 2024-03-28
    corrections:
      - date: 2026-12-01
        change: The note said the IAEA blamed neither side "ever"; it now says "up to this article's date".
        reason: Later reports are not evidence about what was known when the article appeared.
"""
CORRECTION = "Corrected 2026-12-01:"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The tiny site, built with --strict and served under the sub-path like the real one.

    It stands in for the real site's ``base_url``, so ``open_page`` opens this site's pages."""
    root = tmp_path_factory.mktemp("corrected-site")
    write_site(root, {"talks": ARTICLE.format(filler=FILLER)},
               {"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    built = run_build(root)
    assert built.returncode == 0, built.output
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_SubPathHandler, directory=str(built.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}{SUBPATH}"
    server.shutdown()


def correction_inside_note(page) -> bool:
    """The correction is drawn, and inside its note's box."""
    return page.evaluate("""() => {
        const note = document.getElementById('note-missions');
        const fix = note.querySelector('.mg-note__corrections');
        const n = note.getBoundingClientRect(), f = fix.getBoundingClientRect();
        return fix.checkVisibility() && f.height > 0 && f.top >= n.top - 0.5 && f.bottom <= n.bottom + 0.5
            && f.left >= n.left - 0.5 && f.right <= n.right + 0.5;
    }""")


def test_in_the_margin_the_whole_note_shows_its_correction(open_page):
    page = open_page("articles/talks/", 1440)
    note = page.locator("#note-missions")
    more = note.locator(".mg-more")
    if more.is_visible():  # a note cut to a preview (no room for all of it): "More" shows the rest
        more.click()
    assert CORRECTION in note.inner_text()
    text_right = page.evaluate("document.querySelector('.mg-article__body p').getBoundingClientRect().right")
    assert note.bounding_box()["x"] >= text_right, "the note, correction included, stays in the margin"
    assert correction_inside_note(page)
    note.scroll_into_view_if_needed()
    screenshot(page, "corrected-note-1440")


def test_on_a_phone_the_opened_note_shows_its_correction(open_page):
    page = open_page("articles/talks/", 390, height=800)
    note = page.locator("#note-missions")
    assert not note.is_visible()
    page.locator(".mg-toggle[aria-controls='note-missions']").click()
    assert note.is_visible() and CORRECTION in note.inner_text()
    assert correction_inside_note(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    note.scroll_into_view_if_needed()
    screenshot(page, "corrected-note-390")
    assert axe_violations(page) == []


def test_in_print_the_note_shows_its_correction(open_page):
    page = open_page("articles/talks/", 1000)
    page.emulate_media(media="print")
    note = page.locator("#note-missions")
    assert note.is_visible() and correction_inside_note(page)
    note.scroll_into_view_if_needed()
    screenshot(page, "corrected-note-print")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_corrections_page_leads_to_the_corrected_note(open_page, width):
    page = open_page("corrections/", width)
    screenshot(page, f"corrections-page-{width}")
    assert axe_violations(page) == []
    page.locator(".md-content a[href$='#note-missions']").click()
    page.wait_for_url("**/articles/talks/#note-missions")
    note = page.locator("#note-missions")
    note.wait_for(state="visible")  # on a phone, the link opens the note
    assert "mg-target" in note.get_attribute("class")
    assert CORRECTION in note.inner_text()
