"""Read back the text a reader sees on a built page, for word-for-word comparisons."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from marginalia.htmldoc import VOID

ADDED_BY_MARGINALIA = ("mg-note", "mg-toggle")
# Elements whose boundaries separate words, for comparing the words a reader sees.
BLOCK = frozenset(
    """address article aside blockquote br dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul""".split()
)


class _Text(HTMLParser):
    """Visible text inside the first element with class ``root``, minus notes and toggles."""

    def __init__(self, root: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = root
        self.depth = 0  # depth inside root; 0 = outside
        self.skip_depth = 0
        self.done = False
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.done or tag in VOID:
            if tag == "br" and self.depth:
                self.chunks.append("\n")
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
            if self.skip_depth or any(c in ADDED_BY_MARGINALIA for c in classes):
                self.skip_depth += 1
            if tag in BLOCK:
                self.chunks.append("\n")
        elif self.root in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.done or not self.depth or tag in VOID:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1
        if tag in BLOCK:
            self.chunks.append("\n")
        if self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth and not self.skip_depth and not self.done:
            self.chunks.append(data)


def visible_text(html: str, root: str) -> str:
    parser = _Text(root)
    parser.feed(html)
    return "".join(parser.chunks)


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def markdown_words(markdown: str) -> list[str]:
    """Words of Markdown-ish source as a reader would see them: link text without the link."""
    text = re.sub(r"\[((?:\\.|[^\]])*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\\(.)", r"\1", text)
    return words(text)


def rendered_words(markdown_text: str) -> list[str]:
    """The words a reader sees once Markdown is rendered, as the site renders an article."""
    import markdown

    html = markdown.markdown(markdown_text, extensions=["attr_list", "tables", "admonition"])
    parser = _Text("__whole__")
    parser.depth = 1  # the whole fragment is the root
    parser.feed(html)
    return words("".join(parser.chunks))
