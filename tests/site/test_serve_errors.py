"""While ``mkdocs serve`` runs, a build that fails shows its messages in the browser: every
page is the error page, reloaded when the problem is fixed. A live server on a tiny site."""

from __future__ import annotations

from tests.conftest import TECHNIQUES, TOPICS, write_site
from tests.preview import fetch, serving, wait_for

ARTICLE = """\
---
title: Talks
outlet: Example Outlet
---

The talks went on without Moscow, said Scholz.
"""
NOTES = """\
questions: [Who is quoted?]
notes:
  - id: without-moscow
    kind: framing
    quote: went on without Moscow
    note: Who is left out.
    topics: [talks, plant]
    technique: Loaded_Language
"""


def site(root, notes: str = NOTES):
    write_site(root, {"talks": ARTICLE}, {"talks.yml": notes, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})


def test_a_failed_rebuild_shows_its_problems_on_every_page_until_fixed(tmp_path):
    site(tmp_path)
    notes = tmp_path / "annotations" / "talks.yml"
    with serving(tmp_path) as base:
        article = base + "articles/talks/"
        assert 'id="note-without-moscow"' in wait_for(article, "note-without-moscow")
        notes.write_text(NOTES.replace("went on without Moscow", "went on withuot Moscow"), encoding="utf-8")
        page = wait_for(article, "marginalia-build-failed")
        assert "annotations/talks.yml:5" in page and "quote not found in the article" in page
        assert "went on without Moscow" in page  # the hint: the closest passage
        assert "livereload" in page  # the preview's reload script, so the browser reloads by itself
        assert "marginalia-build-failed" in fetch(base)[1]  # every page, the home page too
        notes.write_text(NOTES, encoding="utf-8")
        assert "marginalia-build-failed" not in wait_for(article, 'id="note-without-moscow"')


def test_a_preview_started_with_a_broken_file_starts_and_shows_the_problems(tmp_path):
    site(tmp_path, NOTES.replace("    kind: framing", "\tkind: framing"))
    with serving(tmp_path) as base:
        page = wait_for(base + "articles/talks/", "marginalia-build-failed")
        assert "line 4 is indented with a tab" in page and "without-moscow" in page


def test_warnings_that_stop_a_strict_build_are_shown_too(tmp_path):
    """A page linking to a page that does not exist is a warning, which `serve --strict`
    treats as an error: the preview says so instead of going quiet."""
    site(tmp_path)
    home = tmp_path / "docs" / "index.md"
    with serving(tmp_path) as base:
        wait_for(base + "articles/talks/", "note-without-moscow")
        home.write_text("# Home\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
        page = wait_for(base + "articles/talks/", "marginalia-build-failed")
        assert "livereload" in page
        home.write_text("# Home\n", encoding="utf-8")
        wait_for(base + "articles/talks/", 'id="note-without-moscow"')


def test_any_other_failed_rebuild_shows_its_message_instead_of_a_hang(tmp_path):
    site(tmp_path)
    with serving(tmp_path) as base:
        wait_for(base + "articles/talks/", "note-without-moscow")
        config = tmp_path / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        config.write_text(good + "nav: [\n", encoding="utf-8")  # mkdocs.yml itself broken
        page = wait_for(base + "articles/talks/", "marginalia-build-failed")
        assert "livereload" in page
        config.write_text(good, encoding="utf-8")
        wait_for(base + "articles/talks/", 'id="note-without-moscow"')
