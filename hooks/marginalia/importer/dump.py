"""The plain dump: a text whose first line is the title, followed by a ``By [Author](…)``
byline and an ``Outlet, Month DD, YYYY`` line; the rest is Markdown-ish text with links.

It is kept as Markdown, except for what Markdown would turn into something the author did not
write: a lone ``*`` would become an empty bullet list, raw HTML would become markup (a
``<`` is shown as the character it is, so no tag in a dump reaches a page), and ``{: …}`` would
set attributes on the paragraph. A link to a
``javascript:`` (or ``data:``, ``vbscript:``) address keeps its text and loses the address.
"""

from __future__ import annotations

import re

from .article import Article, Extracted, parse_date
from .errors import ImportError_
from .escaping import paragraphs

BYLINE = re.compile(r"^By \[?(?P<author>[^\]\n]+?)\]?(\([^)]*\))?\s*$")
DATELINE = re.compile(r"^(?P<outlet>.+?), (?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$")
_LINK_TEXT = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(")
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def looks_like_dump(text: str) -> bool:
    """A title line followed, within three lines, by a byline or an outlet-and-date line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return any(BYLINE.match(line) or DATELINE.match(line) for line in lines[1:4])


def protect_line(line: str) -> str:
    """A dump is Markdown already; only stop lines that would become structure by accident."""
    stripped = line.strip()
    if re.fullmatch(r"[*_-]", stripped) or re.fullmatch(r"([*_-])\s*\1\s*\1[\s*_-]*", stripped):
        return "\\" + stripped  # a lone "*" (or "***") is a separator in the text, not a list/rule
    line = _TAG_START.sub("&lt;", line).replace("{", "\\{")  # "{: onclick=…}" would set attributes
    return links(line, lambda text, target: f"[{text}]({'' if _UNSAFE_SCHEME.match(target) else target})").rstrip()


def links(line: str, replace) -> str:
    """``line`` with each Markdown link ``[text](target)`` replaced by ``replace(text, target)``;
    the target may hold balanced parentheses, as Python-Markdown reads it."""
    out, position = [], 0
    for match in _LINK_TEXT.finditer(line):
        if match.start() < position:
            continue
        depth, end = 1, match.end()
        while end < len(line) and depth:
            depth += {"(": 1, ")": -1}.get(line[end], 0)
            end += 1
        if depth:
            continue  # no closing parenthesis: not a link
        out += [line[position:match.start()], replace(match.group(1), line[match.end():end - 1])]
        position = end
    return "".join(out) + line[position:]


def count_links(markdown: str) -> int:
    found: list[str] = []
    links(markdown, lambda text, target: found.append(text) or "")
    return len(found)


def visible_text(markdown: str) -> str:
    """What a reader sees of the dump's Markdown: link text without the link, no escapes."""
    text = links(markdown, lambda text, target: text)
    text = text.replace("&lt;", "<")
    return re.sub(r"\\(.)", r"\1", text)


def parse(text: str, source_file: str) -> Extracted:
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        raise ImportError_(f"{source_file}: the file is empty")
    title_index = content[0]
    title = lines[title_index].strip()
    author = outlet = None
    published = None
    for i in content[1:4]:
        line = lines[i].strip()
        if author is None and (m := BYLINE.match(line)):
            author = m.group("author").strip()
        elif published is None and (m := DATELINE.match(line)):
            outlet = m.group("outlet").strip()
            published = parse_date(m.group("date"), source_file)
    body_lines = lines[title_index + 1:]
    if not any(line.strip() for line in body_lines):
        raise ImportError_(f"{source_file}: there is a title but no article text after it")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(protect_line(line) for line in body_lines).strip("\n"))
    article = Article(title=title, author=author, outlet=outlet, published=published, url=None,
                      source_file=source_file, source_format="dump", body=body)
    shown = visible_text(body)
    return Extracted(article, shown, {"paragraph": len(paragraphs(shown)),
                                      "link": count_links(body)})
