"""Plain text, as pasted from a browser or a document: every line kept, every character escaped.

Nothing in pasted text says which line is the headline, who wrote it or when, so the person
importing says so with ``--title``, ``--author``, ``--outlet``, ``--date`` and ``--url``. When
the title is given and the text starts with it, that line is the headline, shown in the
article's header, and leaves the body. Without ``--title`` the first line is taken as the
title and the summary says so, since a copied page often starts with "Skip to main content".
"""

from __future__ import annotations

from .article import Article, Extracted
from .errors import ImportError_
from .escaping import paragraphs, plain_text_to_markdown


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse(text: str, source_file: str, title: str | None = None) -> Extracted:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportError_(f"{source_file}: the text is empty")
    notices = []
    if title is None:
        title = lines[first].strip()
        notices.append(f"no --title given, so the title is the text's first line, “{title}”; "
                       "if that is not the headline, import again with --title \"…\"")
        lines = lines[first + 1:]
    elif _same(lines[first], title):
        lines = lines[first + 1:]
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        raise ImportError_(f"{source_file}: there is a title but no article text after it")
    article = Article(title=title, author=None, outlet=None, published=None, url=None,
                      source_file=source_file, source_format="text", body=plain_text_to_markdown(body))
    return Extracted(article, body, {"paragraph": len(paragraphs(body))}, notices=notices)
