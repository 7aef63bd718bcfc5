"""What may never reach a page from an article file: anything that runs code or loads from elsewhere.

An article is text. Its file is made by ``marginalia import``, which keeps only text and
Markdown's structure, but a file can be edited by hand or copied from anywhere, and
Python-Markdown passes raw HTML through. So the build reads each article's rendered HTML and
refuses, with the file and line, any element that runs or loads something (``<script>``,
``<style>``, ``<link>``, frames, embedded objects, forms, ``<base>``, ``<meta>``), any event
handler attribute (``onclick``…), any address that runs code (``javascript:``, ``vbscript:``,
``data:``) and anything the page would fetch from another site (an image from elsewhere, a
``style`` attribute with ``url(…)``). A reader's browser then runs and fetches only what the
site itself ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

FORBIDDEN_ELEMENTS = ("script", "style", "link", "iframe", "frame", "frameset", "object", "embed", "applet",
                      "base", "meta", "form", "portal")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                  "srcset", "cite", "ping")
FETCHED_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")  # loaded with the page, unasked
_CODE_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
_ELSEWHERE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class Finding:
    """One forbidden thing: what it is, in words, and the text to look for in the source file."""

    what: str
    needle: str


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.findings.append(Finding(f"a <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(Finding(f"an event handler attribute ({name}=…) on <{tag}>", name))
            elif name in URL_ATTRIBUTES and _CODE_URL.match(value):
                scheme = _CODE_URL.match(value).group(1).lower()
                self.findings.append(Finding(f"a {scheme}: address in {name}= on <{tag}>", f"{scheme}:"))
            elif name in FETCHED_ATTRIBUTES and _ELSEWHERE.match(value):
                self.findings.append(Finding(f"<{tag} {name}=…> loading {value.strip()[:60]} from another site",
                                             value.strip()[:40]))
            elif name == "style" and "url(" in value.replace(" ", "").lower():
                self.findings.append(Finding(f"a style attribute that loads url(…) on <{tag}>", "url("))

    handle_startendtag = handle_starttag


def unsafe_markup(html: str) -> list[Finding]:
    """Everything in ``html`` that may not reach a page from an article, in document order."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def locate(findings: list[Finding], source: str) -> list[tuple[Finding, int | None]]:
    """Each finding with the line of the source file it comes from (the n-th finding of a kind
    is the n-th occurrence of its text), or None when the file does not spell it that way."""
    lowered = source.lower()
    seen: dict[str, int] = {}
    located = []
    for finding in findings:
        needle = finding.needle.lower()
        start = seen.get(needle, 0)
        at = lowered.find(needle, start)
        if at < 0 and start:
            at = lowered.find(needle)
        seen[needle] = at + 1 if at >= 0 else start
        located.append((finding, source.count("\n", 0, at) + 1 if at >= 0 else None))
    return located


HINT = ("an article is text: delete this from the file, or import the page again with "
        "'marginalia import', which leaves such things out")
