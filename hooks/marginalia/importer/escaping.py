"""Plain text to Markdown that shows it exactly as written.

Text from a source is never reworded; it is escaped, so that a ``*``, a ``<`` or a line that
starts with ``1.`` or ``#`` reaches the reader as the characters it is, not as emphasis, raw
HTML, a list or a heading. ``<`` is always escaped, so no tag in a text source reaches a page.
"""

from __future__ import annotations

import re

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}>])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START_HAZARD = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d+[.)](?=\s|$)|=+\s*$|-+\s*$|>)")


def escape_inline(text: str) -> str:
    """Escape characters Markdown would read as markup anywhere in a line."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    # "<" cannot be backslash-escaped in Python-Markdown, and "&copy;" would become "©"
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")


def escape_line_start(line: str) -> str:
    """Stop an (already inline-escaped) line from starting a heading, list, rule or quote."""
    match = _LINE_START_HAZARD.match(line)
    if not match:
        return line
    token = match.group(0)
    if token[0].isdigit():  # "1. " would start a list: escape the dot or paren
        return token[:-1] + "\\" + token[-1] + line[len(token):]
    return "\\" + line


def escape_plain_line(line: str) -> str:
    """Escape one line of plain text so that Markdown shows it exactly as written."""
    return escape_line_start(escape_inline(line))


def plain_text_to_markdown(text: str) -> str:
    """Plain text to Markdown: one paragraph per block of lines, every character shown as is."""
    lines = [escape_plain_line(line.strip()) for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n")


def paragraphs(text: str) -> list[str]:
    """The blocks of a text separated by blank lines."""
    return [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
