"""A live ``mkdocs serve`` of a tiny site, for the tests of what the preview shows."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import MKDOCS, _free_port


@contextmanager
def serving(root: Path, strict: bool = True):
    """``mkdocs serve`` of the site in ``root`` on a free port; yields the site's base URL."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", *(["--strict"] if strict else [])]
    log = open(root / "serve.log", "w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/test/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError("mkdocs serve stopped:\n" + (root / "serve.log").read_text(encoding="utf-8"))
            try:
                urllib.request.urlopen(base, timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        else:
            raise AssertionError("mkdocs serve did not start:\n" + (root / "serve.log").read_text(encoding="utf-8"))
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 60) -> str:
    """The page at ``url`` once it contains ``text`` (the preview rebuilds after a change)."""
    deadline = time.monotonic() + timeout
    while True:
        _, page = fetch(url)
        if text in page:
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared at {url}; last page:\n{page[:2000]}")
        time.sleep(0.3)
