"""WebKit for the browser tests: Debian's WebKitWebDriver and MiniBrowser, driven by Selenium.

iPads run WebKit whatever the browser's name, so the article and practice-mode checks run
in WebKit as well as Chromium. Playwright's WebKit is a download of its own (which does not
work here); WebKitGTK's WebDriver is a Debian package (``apt-get install webkit2gtk-driver
xvfb``). The driver starts MiniBrowser (``--automation``) on a virtual screen made by
``xvfb-run``; one browser serves the whole session.

MiniBrowser's window cannot be narrower than its toolbar (about 450 px). A phone-sized
viewport is a frame of that width in a page of the site itself: CSS media queries, layout and
scripts inside the frame see a 390 px viewport, as on a phone, and it has the keyboard focus.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"
NARROWEST_WINDOW = 600  # below this, the viewport is a frame of the width asked for
SCREEN_WIDTH, SCREEN_HEIGHT = 1920, 1400


@dataclass(frozen=True)
class WebKitTools:
    driver: str
    minibrowser: str
    xvfb_run: str


def webkit_tools() -> WebKitTools | None:
    """The WebKit programs on this machine (``WEBKIT_WEBDRIVER``/``MINIBROWSER`` override)."""
    driver = os.environ.get("WEBKIT_WEBDRIVER") or shutil.which("WebKitWebDriver")
    minibrowser = os.environ.get("MINIBROWSER") or next(iter(sorted(glob.glob(MINIBROWSER_GLOB))), None)
    xvfb_run = shutil.which("xvfb-run")
    if not (driver and minibrowser and xvfb_run and Path(driver).is_file() and Path(minibrowser).is_file()):
        return None
    return WebKitTools(driver, minibrowser, xvfb_run)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebKit:
    """One WebKitWebDriver (on its own virtual screen) and one MiniBrowser session."""

    def __init__(self, tools: WebKitTools) -> None:
        from selenium import webdriver
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection
        from selenium.webdriver.webkitgtk.options import Options

        port = _free_port()
        # Its own process group, so that closing ends xvfb-run, Xvfb and the driver together.
        self._process = subprocess.Popen(
            [tools.xvfb_run, "-a", "-s", f"-screen 0 {SCREEN_WIDTH}x{SCREEN_HEIGHT}x24", tools.driver, f"--port={port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self._wait_for(port)
            options = Options()  # sent as webkitgtk:browserOptions
            options.binary_location = tools.minibrowser
            options.add_argument("--automation")
            options.add_argument("--javascript-can-access-clipboard=true")  # the copy checks paste it back
            # Tab to every link and button, as Safari's "Press Tab to highlight each item" (which
            # keyboard users turn on; by default WebKit tabs only between form fields).
            options.add_argument("--enable-tabs-to-links=true")
            connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
            self.driver = webdriver.Remote(command_executor=connection, options=options)
            self.driver.set_script_timeout(30)
        except BaseException:
            self._stop()
            raise

    def _wait_for(self, port: int, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("WebKitWebDriver exited at start")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"WebKitWebDriver did not listen on port {port} within {seconds} s")

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self._stop()

    def _stop(self) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(10)

    def open(self, url: str, width: int, height: int = 900) -> "WebKitPage":
        """Load ``url`` with a viewport ``width`` CSS pixels wide."""
        page = WebKitPage(self.driver, width, height)
        page.goto(url)
        return page


class WebKitPage:
    """A page in WebKit, with the few operations the tests use (a small Playwright-like API)."""

    def __init__(self, driver, width: int, height: int) -> None:
        self.driver = driver
        self.width, self.height = width, height
        self.framed = width < NARROWEST_WINDOW

    def goto(self, url: str) -> None:
        driver = self.driver
        driver.switch_to.default_content()
        if not self.framed:
            self._size_window(self.width, self.height)
            driver.get(url)
            self._wait_loaded()
            return
        self._size_window(NARROWEST_WINDOW + 200, self.height + 100)
        driver.get(url)  # a page of the same site, so that the frame's page can be scripted
        self._wait_loaded()
        driver.execute_script(
            "const [url, width, height] = arguments;"
            "document.documentElement.innerHTML = '<head></head><body style=\"margin:0\"></body>';"
            "const frame = document.createElement('iframe');"
            "frame.id = 'viewport'; frame.title = 'Phone-sized viewport';"
            "frame.style.cssText = `width:${width}px;height:${height}px;border:0;display:block`;"
            "frame.src = url; document.body.append(frame);", url, self.width, self.height)
        self._enter_frame()

    def _size_window(self, width: int, height: int) -> None:
        """Make the viewport (not the window) ``width`` wide: the toolbar takes some height.

        The window is centred on the screen. With no window manager, X gives keyboard focus to
        the window under the pointer, which Xvfb leaves in the middle of the screen: a window
        that does not cover it gets no key presses and its page never matches :focus.
        """
        def place(w: int, h: int) -> None:
            self.driver.set_window_rect(x=max(0, (SCREEN_WIDTH - w) // 2), y=max(0, (SCREEN_HEIGHT - h) // 2),
                                        width=w, height=h)
        place(width, height)
        inner = self.driver.execute_script("return [innerWidth, innerHeight]")
        place(width + (width - inner[0]), height + (height - inner[1]))

    def _enter_frame(self) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script(
            "const f = document.getElementById('viewport');"
            "return f && f.contentDocument && f.contentDocument.readyState === 'complete'"
            " && f.contentWindow.location.href !== 'about:blank'"))
        self.driver.execute_script("document.getElementById('viewport').focus()")
        self.driver.switch_to.frame(self.driver.find_element("id", "viewport"))
        self._wait_loaded()

    def _wait_loaded(self) -> None:
        """Until the page has loaded and, on an article page, marginalia.js has laid out the notes."""
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script(
            "const article = document.querySelector('.mg-article');"
            "return document.readyState === 'complete' && (!article || article.classList.contains('mg-laid'))"))

    def reload(self) -> None:
        if not self.framed:
            self.driver.refresh()
            self._wait_loaded()
            return
        self.driver.execute_script("location.reload()")
        self.driver.switch_to.default_content()
        time.sleep(0.2)
        self._enter_frame()

    def evaluate(self, function: str, *args):
        """Run a JavaScript function (source text, as for Playwright) and return its result."""
        return self.driver.execute_script(f"return ({function}).apply(null, arguments)", *args)

    def wait_for(self, function: str, *args, timeout: float = 10) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, timeout).until(lambda _: self.evaluate(function, *args))

    def element(self, css: str):
        return self.driver.find_element("css selector", css)

    def click(self, css: str) -> None:
        element = self.element(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def press(self, *keys: str) -> None:
        """Press keys on whatever has focus (names as in selenium's Keys: 'TAB', 'ENTER'...)."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        actions = ActionChains(self.driver)
        for key in keys:
            actions.send_keys(getattr(Keys, key) if key.isupper() and hasattr(Keys, key) else key)
        actions.perform()

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.switch_to.default_content()
        try:
            self.driver.save_screenshot(str(path))
        finally:
            if self.framed:
                self.driver.switch_to.frame(self.driver.find_element("id", "viewport"))
        return path
