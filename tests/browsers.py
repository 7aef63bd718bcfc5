"""Where the browsers for the tests and the benchmark are, on this machine.

Chromium is the first of: the ``CHROMIUM`` environment variable, Debian's
``/usr/bin/chromium`` (``apt-get install chromium``), or the Chromium that
``python -m playwright install chromium`` downloads on an ordinary laptop.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# As root in a container Chromium needs --no-sandbox; the rest stop it from calling home
# (this machine's network is closed, and a reader's browser must not be made to either).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path(playwright) -> str | None:
    """The Chromium to drive, or None when there is none on this machine."""
    for candidate in (os.environ.get("CHROMIUM"), DEBIAN_CHROMIUM, playwright.chromium.executable_path):
        if candidate and (Path(candidate).is_file() or shutil.which(candidate)):
            return shutil.which(candidate) or candidate
    return None
