"""The site's own scripts and stylesheets as they are shipped: without comments and indentation.

The sources in ``assets/`` explain each trick in comments, for the next engineer; readers
download what the browser needs. rjsmin and rcssmin only drop comments and white space
(they rename nothing), so the shipped code is the source, line for line in meaning.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def shipped(path: Path) -> str | None:
    """What the site serves for ``path``, or None for a file it copies as it is."""
    minify = MINIFIERS.get(path.suffix)
    return minify(path.read_text(encoding="utf-8")) if minify else None
