"""Browser fixtures: the sites, built once and served under a sub-path, and Chromium.

``base_url`` serves the project's site with the demo content (``built_site``, see
tests/conftest.py), which the tests of behaviour drive; ``real_base_url`` serves the project
as it is (``real_site``), for the properties that hold for any content (privacy, links, axe).
Each is served at ``http://127.0.0.1:<port>/marginalia/`` as GitHub Pages would serve a
project site, so any link that escapes the sub-path shows up as a failure here. The browser is
the first of: the ``CHROMIUM`` environment variable, Debian's ``/usr/bin/chromium``, or the
Chromium that ``python -m playwright install chromium`` downloads. Outside CI a missing
browser skips these tests; in CI (``CI=true``) it fails them.
"""

from __future__ import annotations

import functools
import os
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browsers import CHROMIUM_ARGS, chromium_path
from tests.conftest import MKDOCS, REAL_PORT, ROOT, SITE_PORT, SUBPATH

SCREENSHOTS = ROOT / "test-output" / "screenshots"


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the built site only under SUBPATH; everything else is a 404, like Pages."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(SUBPATH):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Like GitHub Pages: a missing page gets the site's own 404.html, with status 404."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # keep test output quiet
        pass


def serve(site: Path, port: int):
    """Serve ``site`` under SUBPATH on ``port`` until the generator is closed."""
    handler = functools.partial(_SubPathHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    yield from serve(built_site, SITE_PORT)


@pytest.fixture(scope="session")
def real_base_url(real_site: Path) -> str:
    yield from serve(real_site, REAL_PORT)


def no_browser(what: str, how: str) -> None:
    """Skip a browser test on a developer's machine without the browser; fail it in CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} not found: CI must run the browser tests ({how})")
    pytest.skip(f"{what} not found ({how})")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = chromium_path(playwright)
        if path is None:
            no_browser("Chromium", "set CHROMIUM, apt-get install chromium, or "
                       "python -m playwright install chromium; see the README")
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pages_of(browser, base_url: str):
    """open_(path, width, **context_options) -> a Playwright page of the site at ``base_url``,
    loaded; the generator closes them all when it is closed."""
    contexts = []

    def open_(path: str, width: int, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(browser, base_url):
    """open_page(path, width, **context_options) -> a Playwright page, loaded."""
    yield from pages_of(browser, base_url)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, demo_root) -> Path:
    """The offline copy (``make offline``) of the demo site, built once, to be opened from the file system."""
    out = tmp_path_factory.mktemp("offline") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([*MKDOCS, "build", "--strict", "-f", "mkdocs.offline.yml", "-d", str(out)],
                          cwd=demo_root, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def screenshot(page, name: str, full_page: bool = False) -> Path:
    """Keep a screenshot for people to look at (test-output/ is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21aa", "wcag22aa")  # WCAG 2.2 at level AA


def axe_violations(page, tags: tuple[str, ...] = AXE_TAGS) -> list[dict]:
    """axe-core's violations of the rules with these tags (WCAG 2.2 A and AA unless told), on
    the page as it is now."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"]]


@pytest.fixture(scope="session")
def webkit():
    """One WebKit (WebKitWebDriver + MiniBrowser on a virtual screen) for the whole session."""
    from tests.webkit import WebKit, webkit_tools

    tools = webkit_tools()
    if tools is None:
        no_browser("WebKit", "apt-get install webkit2gtk-driver xvfb (WebKitWebDriver, MiniBrowser, xvfb-run)")
    browser = WebKit(tools)
    yield browser
    browser.close()


@pytest.fixture
def open_webkit(webkit, base_url):
    """open_webkit(path, width) -> a WebKitPage, loaded; the site's storage is cleared after."""
    def open_(path: str, width: int, height: int = 900):
        return webkit.open(base_url + path, width, height)

    yield open_
    webkit.driver.switch_to.default_content()
    webkit.driver.get(base_url)
    webkit.driver.execute_script("localStorage.clear()")
