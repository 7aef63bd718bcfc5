"""Publishing: served under a sub-path, private, accessible, and usable offline from the file system.

The properties (every link resolves under the sub-path, no request leaves the site, no axe
violation) are checked on the project's own site, whatever its articles; the behaviours
(instant navigation, the offline copy) on the demo site (see tests/conftest.py)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.conftest import MKDOCS, ROOT, SUBPATH
from tests.linkcheck import _Links
from tests.realsite import article_files

pytestmark = pytest.mark.browser


def pages_of(built_site) -> list[str]:
    """Every page of the site, as paths relative to its root."""
    pages = []
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_every_page_link_script_stylesheet_and_image_resolves_under_the_sub_path(real_site, real_base_url):
    base_url = real_base_url
    checked: dict[str, int] = {}
    for page in pages_of(real_site):
        if page == "404.html":
            continue
        url = base_url + page
        parser = _Links()
        with urllib.request.urlopen(url, timeout=10) as response:
            parser.feed(response.read().decode("utf-8"))
        for link in parser.links:
            absolute = urljoin(url, link).split("#")[0]
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base_url).netloc:
                continue  # links to other sites are a reader's choice, not a request the page makes
            assert parts.path.startswith(SUBPATH), f"{page}: {link} escapes {SUBPATH}"
            if absolute not in checked:
                checked[absolute] = status(absolute)
            assert checked[absolute] == 200, f"{page}: {link} -> {checked[absolute]}"
    assert len(checked) > 20


def test_the_404_page_works_under_the_sub_path(browser, base_url):
    assert status(base_url + "no/such/page/") == 404
    failed: list[str] = []
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(base_url + "no/such/page/")
    page.wait_for_load_state("networkidle")
    assert "404" in page.locator(".md-content").inner_text()
    page.locator(".md-header__title").wait_for()
    styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in ("sticky", "fixed"), "the theme's stylesheet loaded from the sub-path"
    assert failed == []
    page.close()


def search_word(site) -> str:
    """A word that the site's search finds whatever the articles: the first of its name."""
    title = re.search(r"<title>([^<]+)</title>", (site / "index.html").read_text(encoding="utf-8")).group(1)
    return max(re.findall(r"\w{3,}", title), key=len)


def test_no_request_leaves_the_site(browser, real_base_url, real_site):
    """Visit every page: every request the browser makes goes to the site's own origin."""
    base_url, built_site = real_base_url, real_site
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[tuple[str, str]] = []
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: requests.append((page.url, request.url)))
    try:
        for path in pages_of(built_site):
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
        page.goto(base_url)
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially(search_word(real_site), delay=10)
        page.locator(".md-search-result__item").first.wait_for()
    finally:
        context.close()
    foreign = [(where, url) for where, url in requests
               if not url.startswith(origin) and not url.startswith(("data:", "blob:"))]
    assert foreign == []
    assert len({url for _, url in requests}) > 20


@pytest.mark.parametrize("width", [1440, 390])
def test_the_real_sites_home_index_and_article_pages_have_no_axe_violations(browser, real_base_url, width):
    paths = ["", "articles/", *(f"articles/{a.slug}/" for a in article_files(ROOT))]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for path in paths:
            page.goto(real_base_url + path)
            page.wait_for_load_state("networkidle")
            assert axe_violations(page) == [], (path, width)
    finally:
        context.close()


def test_instant_navigation_stays_instant_across_pages(open_page):
    page = open_page("", 1440)
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")  # gone if any click loads a new document
    for link in [".md-content a[href$='articles/western-peace-talks-without-russia/']",
                 ".md-nav a[href$='topics/']", ".md-nav a[href$='glossary/']"]:
        page.locator(link).locator("visible=true").first.click()
        page.wait_for_load_state("networkidle")
    assert page.url.endswith("glossary/")
    assert page.evaluate("window.__sameDocument") is True


def test_offline_copy_works_from_the_file_system(browser, offline_site):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    requested: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto((offline_site / "index.html").as_uri())
        page.locator(".md-content a[href='articles/western-peace-talks-without-russia.html']").click()
        page.wait_for_url(re.compile(r"western-peace-talks-without-russia\.html$"))
        assert page.locator(".mg-article .mg-note").count() >= 15
        note = page.locator(".mg-note", has=page.locator(".mg-related a[href*='putin-peace-plan']")).first
        if note.locator(".mg-more").is_visible():  # a note the margin cannot show whole
            note.locator(".mg-more").click()
        link = note.locator(".mg-related a[href*='putin-peace-plan']").first
        target = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(re.compile(rf"putin-peace-plan-capitulation\.html#{target}$"))
        page.wait_for_function("id => document.getElementById(id).classList.contains('mg-target')", arg=target)
        screenshot(page, "offline-crosslink-1440")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("Zaporizhzhia", delay=10)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "file://" in page.url
        page.keyboard.press("Escape")
        page.locator(".mg-practice__switch").click()  # practice mode, loaded from the file system too
        page.locator("#mg-passage").fill("appeasement")
        page.locator(".mg-bar input[value=framing]").check()
        page.locator(".mg-bar__add").click()
        page.locator(".mg-mine-note").wait_for()
        assert failed == []
        assert [url for url in requested if not url.startswith(("file://", "data:", "blob:"))] == []
    finally:
        context.close()
