"""trafilatura's extracted text (its TEI-like XML tree) to Markdown, every word as it stands.

trafilatura keeps an article's structure in a small vocabulary: ``head`` (with ``rend="h2"``),
``p``, ``list``/``item``, ``quote``, ``table``/``row``/``cell``, ``code``, and inline ``hi``
(``rend="#b"`` bold, ``"#i"`` italic), ``ref`` (a link, ``target``), ``lb`` (a line break) and
``del``. This module writes that tree as Markdown itself rather than using trafilatura's own
Markdown output, which can lose a block quote, and escapes every character of the text (see
:mod:`.escaping`) so that the text is shown as written. Only text and Markdown's own
structure come out: no HTML at all, so no tag, style or script from a page can get through,
and a link keeps its address only when that is a web or mail address (``http``, ``https``,
``mailto``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from .escaping import escape_inline, escape_line_start

SAFE_SCHEMES = ("http", "https", "mailto")
_SPACE = re.compile(r"\s+")
_BREAK = "\x00"  # stands for a line break inside a block until the block's text is laid out


@dataclass
class Written:
    """The Markdown of the body, its plain text, and what it holds."""

    markdown: str
    text: str
    blocks: Counter = field(default_factory=Counter)
    unlinked: int = 0  # links whose address was not a full web address: kept as text only
    code_links: int = 0  # of those, links whose address runs code (javascript:...)


class _Writer:
    def __init__(self, base_url: str | None, heading_shift: int) -> None:
        self.base_url = base_url
        self.heading_shift = heading_shift
        self.blocks: Counter = Counter()
        self.unlinked = 0
        self.code_links = 0

    # -- blocks: each returns (markdown lines, plain text) ---------------------------------

    def block(self, element) -> list[tuple[str, str]]:
        """One block element as a list of (Markdown, text) blocks."""
        tag = element.tag
        if tag == "head":
            level = min(6, max(2, _level(element) + self.heading_shift))
            markdown, text = self.inline(element)
            if not text.strip():
                return []
            self.blocks["heading"] += 1
            markdown = markdown.replace(_BREAK, " ")
            if markdown.endswith("#"):  # a closing "#" would be taken for Markdown's own
                markdown = markdown[:-1] + "\\#"
            return [("#" * level + " " + markdown, text.replace(_BREAK, " "))]
        if tag == "list":
            items = self.list_lines(element, 0)
            if not items:
                return []
            self.blocks["list"] += 1
            return [("\n".join(line for line, _ in items), "\n".join(text for _, text in items))]
        if tag == "quote":
            inner = self.children_blocks(element)
            if not inner:
                return []
            self.blocks["block quote"] += 1
            markdown = "\n>\n".join("\n".join("> " + line if line else ">" for line in md.split("\n"))
                                    for md, _ in inner)
            return [(markdown, "\n\n".join(text for _, text in inner))]
        if tag == "table":
            return self.table(element)
        if tag in ("div", "ab", "body", "main"):
            return self.children_blocks(element)
        if tag == "code":
            code = "".join(element.itertext()).strip("\n")
            if not code.strip():
                return []
            self.blocks["paragraph"] += 1
            return [("\n".join("    " + line for line in code.split("\n")), code)]
        if tag == "graphic":
            return []
        markdown, text = self.inline(element)  # p, and anything else that holds text
        if not text.strip():
            return []
        self.blocks["paragraph"] += 1
        return [(self.lay_out(markdown), text.replace(_BREAK, "\n"))]

    def children_blocks(self, element) -> list[tuple[str, str]]:
        """The blocks inside a container; loose text in it becomes a paragraph of its own."""
        out: list[tuple[str, str]] = []
        loose = _Inline(self)
        if element.text:
            loose.text(element.text)
        for child in element:
            if child.tag in _INLINE_TAGS:
                loose.element(child)
            else:
                out.extend(loose.flush())
                out.extend(self.block(child))
            if child.tail:
                loose.text(child.tail)
        out.extend(loose.flush())
        return out

    def list_lines(self, element, depth: int) -> list[tuple[str, str]]:
        ordered = element.get("rend") == "ol"
        lines: list[tuple[str, str]] = []
        number = 0
        for item in element:
            if item.tag != "item":
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            indent = "    " * depth
            nested = [child for child in item if child.tag == "list"]
            for child in nested:  # the item's own text first, then its sub-lists
                item.remove(child)
            markdown, text = self.inline(item)
            if text.strip():
                lines.append((indent + marker + self.lay_out(markdown).replace("\n", "\n" + indent + "    "),
                              text.replace(_BREAK, "\n")))
            for child in nested:
                lines.extend(self.list_lines(child, depth + 1))
        return lines

    def table(self, element) -> list[tuple[str, str]]:
        rows = []
        for row in element.iter("row"):
            cells = [self.inline(cell) for cell in row if cell.tag == "cell"]
            if cells:
                rows.append(cells)
        if not rows:
            return []
        self.blocks["table"] += 1
        width = max(len(r) for r in rows)
        lines = []
        for i, row in enumerate(rows):
            cells = [md.replace(_BREAK, " ").replace("|", "\\|") for md, _ in row] + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "---|" * width)
        text = "\n".join(" ".join(t.replace(_BREAK, " ") for _, t in row) for row in rows)
        return [("\n".join(lines), text)]

    # -- inline -------------------------------------------------------------------------

    def inline(self, element, strip: bool = True) -> tuple[str, str]:
        """The element's content as (Markdown, text); ``strip=False`` keeps its outer spaces,
        for an inline element whose spaces belong outside its marks."""
        run = _Inline(self)
        if element.text:
            run.text(element.text)
        for child in element:
            run.element(child)
            if child.tail:
                run.text(child.tail)
        return run.result() if strip else ("".join(run.md), "".join(run.plain))

    def link_target(self, target: str | None) -> str | None:
        if not target:
            return None
        target = target.strip()
        if self.base_url:
            target = urljoin(self.base_url, target)
        parts = urlsplit(target)
        if parts.scheme.lower() in ("javascript", "vbscript", "data"):
            self.code_links += 1
            return None
        if parts.scheme.lower() not in SAFE_SCHEMES or (parts.scheme != "mailto" and not parts.netloc):
            return None
        return quote(target, safe=":/?#[]@!$&'*+,;=%~")

    @staticmethod
    def lay_out(markdown: str) -> str:
        """Line breaks inside a block become Markdown hard breaks; no line starts structure."""
        lines = [escape_line_start(line.strip()) for line in markdown.split(_BREAK)]
        return "  \n".join(line for line in lines)


_INLINE_TAGS = {"hi", "ref", "lb", "del", "span"}
_EMPHASIS = {"#b": "**", "#i": "*", "#em": "*", "#strong": "**"}


class _Inline:
    """Inline content of one block, as Markdown and as plain text side by side."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.md: list[str] = []
        self.plain: list[str] = []

    def text(self, text: str) -> None:
        text = _SPACE.sub(" ", text)
        self.md.append(escape_inline(text))
        self.plain.append(text)

    def element(self, element) -> None:
        tag = element.tag
        if tag == "lb":
            self.md.append(_BREAK)
            self.plain.append(_BREAK)
            return
        if tag in ("list", "quote", "table", "p", "head"):  # a block inside a paragraph: keep its words
            markdown, text = self.writer.inline(element)
            self.md.append(" " + markdown + " ")
            self.plain.append(" " + text + " ")
            return
        markdown, text = self.writer.inline(element, strip=False)
        if not text.strip():
            self.md.append(markdown)
            self.plain.append(text)
            return
        lead = markdown[: len(markdown) - len(markdown.lstrip())]
        trail = markdown[len(markdown.rstrip()):]
        core = markdown.strip()
        if tag == "hi" and (mark := _EMPHASIS.get(element.get("rend") or "")) and _BREAK not in core:
            self.writer.blocks["emphasis"] += 1
            core = f"{mark}{core}{mark}"
        elif tag == "ref":
            target = self.writer.link_target(element.get("target"))
            if target and _BREAK not in core:
                self.writer.blocks["link"] += 1
                core = f"[{core}]({target})"
            else:
                self.writer.unlinked += 1
        self.md.append(lead + core + trail)
        self.plain.append(text)

    def result(self) -> tuple[str, str]:
        return "".join(self.md).strip(), "".join(self.plain).strip()

    def flush(self) -> list[tuple[str, str]]:
        markdown, text = self.result()
        self.md, self.plain = [], []
        if not text.strip():
            return []
        self.writer.blocks["paragraph"] += 1
        return [(self.writer.lay_out(markdown), text.replace(_BREAK, "\n"))]


def _level(head) -> int:
    rend = head.get("rend") or ""
    return int(rend[-1]) if rend[-1:].isdigit() else 2


def to_markdown(body, base_url: str | None = None, skip_title: str | None = None) -> Written:
    """The Markdown of trafilatura's ``body`` element; a first heading equal to ``skip_title``
    is the headline, shown in the page's header, so it is left out of the body."""
    children = list(body)
    if children and children[0].tag == "head" and skip_title and \
            _SPACE.sub(" ", "".join(children[0].itertext())).strip().casefold() == _SPACE.sub(" ", skip_title).strip().casefold():
        body.remove(children[0])
    levels = [_level(head) for head in body.iter("head")]
    shift = 2 - min(levels) if levels else 0  # the page's title is the only h1: the body starts at h2
    writer = _Writer(base_url, shift)
    blocks = writer.children_blocks(body)
    return Written("\n\n".join(md for md, _ in blocks), "\n\n".join(text for _, text in blocks),
                   writer.blocks, writer.unlinked, writer.code_links)
