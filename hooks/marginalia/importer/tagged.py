"""The tagged format: ``<TITLE>``, ``<AUTHOR>``, ``<PUBLISHED_DATE>``, ``<URL>``, ``<SUMMARY>``,
``<HIGHLIGHTS>`` and ``<CONTENT>`` sections.

The content is plain text, so every character that Markdown would read as markup is escaped;
the summary and highlights were not written by the author and go to front matter, to be
shown apart from the article.
"""

from __future__ import annotations

import re

from .article import Article, Extracted, parse_date
from .errors import ImportError_
from .escaping import paragraphs, plain_text_to_markdown

SECTIONS = ("TITLE", "AUTHOR", "PUBLISHED_DATE", "URL", "SUMMARY", "HIGHLIGHTS", "CONTENT")
REQUIRED = ("TITLE", "CONTENT")


def looks_tagged(text: str) -> bool:
    return bool(re.search(r"^\s*<(TITLE|CONTENT)>", text, re.M))


def parse(text: str, source_file: str) -> Extracted:
    sections: dict[str, str] = {}
    for match in re.finditer(r"<([A-Z_]+)>(.*?)</\1>", text, re.S):
        name = match.group(1)
        if name not in SECTIONS:
            raise ImportError_(
                f"{source_file}: unknown section <{name}>; expected one of "
                + ", ".join(f"<{s}>" for s in SECTIONS)
            )
        sections[name] = match.group(2).strip("\n")
    opened = set(re.findall(r"<([A-Z_]+)>", text))
    unclosed = sorted(opened - set(sections))
    if unclosed:
        raise ImportError_(f"{source_file}: section <{unclosed[0]}> is never closed with </{unclosed[0]}>")
    for name in REQUIRED:
        if not sections.get(name, "").strip():
            raise ImportError_(f"{source_file}: section <{name}> is missing or empty")
    supplied = {
        key.lower(): sections[key].strip("\n")
        for key in ("SUMMARY", "HIGHLIGHTS")
        if sections.get(key, "").strip()
    }
    article = Article(
        title=sections["TITLE"].strip(),
        author=(sections.get("AUTHOR") or "").strip() or None,
        outlet=None,
        published=parse_date(sections.get("PUBLISHED_DATE"), source_file),
        url=(sections.get("URL") or "").strip() or None,
        source_file=source_file,
        source_format="tagged",
        body=plain_text_to_markdown(sections["CONTENT"]),
        supplied=supplied,
    )
    content = sections["CONTENT"]
    notices = [f"kept apart, as not written by the author: the {' and the '.join(supplied)}"] if supplied else []
    return Extracted(article, content, {"paragraph": len(paragraphs(content))}, notices=notices)
