"""An article imported from a saved page, and the articles index, as a reader sees them in
Chromium at 1440 and 390 px: screenshots to look at, no sideways scrolling, notes where they
belong, no axe violation. (test-output/screenshots/imported-*.png, index-*.png)"""

from __future__ import annotations

import shutil
import socket
from contextlib import contextmanager

import pytest

from marginalia.cli import main as marginalia
from tests.browser.conftest import axe_violations, screenshot, serve
from tests.conftest import DEMO, FIXTURES, SUBPATH, build_for, site_with_content

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def imported_url(tmp_path_factory):
    """The demo site with a saved page imported (with notes) and a pasted text (without)."""
    root = site_with_content(tmp_path_factory.mktemp("imported") / "project", DEMO)
    assert marginalia(["import", str(FIXTURES / "pages" / "news-site.html"), "--slug", "flood-wall",
                       "--docs", str(root / "docs")]) == 0
    assert marginalia(["import", str(FIXTURES / "pages" / "blog-post.html"), "--docs", str(root / "docs")]) == 0
    shutil.copy(FIXTURES / "notes" / "flood-wall.yml", root / "annotations" / "flood-wall.yml")
    with open(root / "annotations" / "topics.yml", "a", encoding="utf-8") as topics:
        topics.write((FIXTURES / "notes" / "flood-defence-topic.yml").read_text(encoding="utf-8"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = build_for(root, tmp_path_factory.mktemp("imported-site") / "site", f"http://127.0.0.1:{port}{SUBPATH}")
    served = serve(site, port)
    yield next(served)
    next(served, None)


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@contextmanager
def shown(browser, url: str, width: int, name: str):
    """The page at ``url`` loaded at ``width``, with a full-page screenshot ``name``-``width``."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        screenshot(page, f"{name}-{width}", full_page=True)
        yield page
        assert no_sideways_scrolling(page)
        assert axe_violations(page) == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [1440, 390])
def test_the_articles_index_lists_every_article_and_reads_at_both_widths(browser, imported_url, width):
    with shown(browser, imported_url + "articles/", width, "index") as page:
        items = page.locator(".md-content li").all_inner_texts()
        assert len(items) == 4, "the two demo articles and the two imported ones"
        assert [item.split("\n")[0] for item in items] == [
            "Putin’s peace plan is actually a call for Ukraine’s capitulation",  # 7 January 2025
            "Harbour council approves flood wall after heated debate",  # 14 May 2024
            "Western Countries in ‘Peace Talks’ Without Russia",  # 1 April 2024
            "Why I stopped trusting step counters"]  # 2 November 2023
        assert items[1].split("\n")[1] == "The Coastal Courier · 14 May 2024 · 1 framing, 1 sourcing, 1 claim"
        assert items[3].split("\n")[1] == "Notes from a Slow Runner · 2 November 2023 · not yet annotated"


@pytest.mark.parametrize("width", [1440, 390])
def test_an_imported_article_reads_like_any_other(browser, imported_url, width):
    with shown(browser, imported_url + "articles/flood-wall/", width, "imported") as page:
        body = page.locator(".mg-article__body")
        assert body.locator("h2").inner_text() == "Residents divided"
        assert body.locator("blockquote").count() == 1 and body.locator("ul li").count() == 3
        assert page.locator(".mg-article .mg-note").count() == 3
        visible = page.locator(".mg-article .mg-note").evaluate_all("ns => ns.filter(n => n.checkVisibility()).length")
        assert visible == (3 if width >= 960 else 0), "margin notes on a wide screen, behind buttons on a phone"
