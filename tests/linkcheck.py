"""Find broken internal links in a built site folder: missing files and missing anchors.

Every href and src that stays on the site is resolved the way a browser would from the page
that holds it; external addresses are not fetched (the network is not part of the tests).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(values[name])


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target(site: Path, page: Path, href: str, base_path: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):  # absolute paths (the 404 page uses them) must stay in the sub-path
        if not parts.path.startswith(base_path):
            return site / "__outside_the_sub_path__", ""
        resolved = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
    else:
        base = posixpath.dirname(page.relative_to(site).as_posix())
        resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if resolved.startswith(".."):
        return site / "__outside_the_site__", ""
    path = site / resolved
    if href.split("#")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def broken_links(site: Path, base_path: str = "/") -> list[tuple[str, str, str]]:
    """(page, link, why) for every internal link that does not resolve.

    ``base_path`` is the sub-path the site is served under, e.g. ``/marginalia/``."""
    _parse.cache_clear()
    problems = []
    for page in sorted(site.rglob("*.html")):
        for href in _parse(page).links:
            if urlsplit(href).scheme in EXTERNAL_SCHEMES or href.startswith("//"):
                continue
            target, fragment = _target(site, page, href, base_path)
            where = page.relative_to(site).as_posix()
            if target is None:
                continue
            if not target.exists():
                problems.append((where, href, "no such file"))
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                problems.append((where, href, f"no element with id '{fragment}'"))
    return problems


def external_requests(site: Path, own_host: str | None = None) -> list[tuple[str, str]]:
    """Resources a page would load from another site (not links a reader may click)."""
    found = []
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="((?:https?:)?//[^"]+)"')
    for page in sorted(site.rglob("*.html")):
        for url in pattern.findall(page.read_text(encoding="utf-8", errors="replace")):
            if own_host and urlsplit(url).netloc == own_host:
                continue
            if '<link rel="canonical"' in url:
                continue
            found.append((page.relative_to(site).as_posix(), url))
    return found
