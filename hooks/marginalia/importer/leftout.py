"""What extraction left out of a web page: every block of visible text that is not in the article.

The page is read as a reader's browser would lay it out in blocks (a paragraph, a list item, a
heading, a button, a cell…), leaving out what is never shown (``<script>``, ``<style>``,
``<template>``…). A block whose words are not all in the kept text, in that order, was left
out: the summary shows the first words of each, so the person importing can see exactly what
extraction took for page furniture (navigation, cookie banners, share bars, related links,
comments) and re-import as text if something of the article is among them.
"""

from __future__ import annotations

import re

import lxml.html

_NEVER_SHOWN = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math",
                "iframe", "object", "embed", "select", "option", "textarea"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
           "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del",
           "ins", "label", "img", "picture", "source"}
_SPACE = re.compile(r"\s+")


def visible_blocks(html: str) -> list[str]:
    """The page's visible text, block by block, in document order."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return []
    body = root.find("body")
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        current.clear()
        if re.search(r"\w", text):
            blocks.append(text)

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _NEVER_SHOWN or not tag:
            return
        block = tag.lower() not in _INLINE
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()
        elif tag.lower() == "br":
            current.append(" ")

    walk(body if body is not None else root)
    flush()
    return blocks


WHOLE_BLOCK_WORDS = 4  # a shorter piece of text found inside a kept block may be a menu item


def left_out(html: str, kept: str) -> list[str]:
    """The blocks of the page that are not in ``kept`` (the article's title and body, its
    blocks apart by blank lines). A block is kept if it is one of the kept blocks, or lies
    inside one and is long enough not to be a coincidence: the menu item "Education" is not
    kept because a paragraph mentions the Department for Education."""
    blocks = {_SPACE.sub(" ", block).strip() for block in re.split(r"\n\s*\n|\n", kept) if block.strip()}
    flat = " \n ".join(blocks)
    return [block for block in visible_blocks(html)
            if block not in blocks and not (len(block.split()) >= WHOLE_BLOCK_WORDS and block in flat)]


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters and digits, and each Chinese or Japanese
    character (those scripts put no spaces between words)."""
    return len(_CJK.findall(text)) + len(re.findall(r"[^\W_]+", _CJK.sub(" ", text)))


def amount(text: str) -> str:
    """How much text, in the unit a reader of its script would use: words, or characters."""
    cjk = len(_CJK.findall(text))
    characters = len(re.sub(r"\s", "", text))
    if cjk and cjk * 2 >= characters:
        return f"{characters:,} characters"
    count = count_words(text)
    return f"{count:,} word{'s' if count != 1 else ''}"


def first_words(text: str, count: int = 8) -> str:
    """The start of a block: its first words, or first characters in a script without spaces."""
    words = text.split()
    if _CJK.search(text) and len(words) <= 2:
        return text[:count * 2] + (" …" if len(text) > count * 2 else "")
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
