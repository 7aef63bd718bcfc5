"""Plain text, as pasted from a browser or a document: every line kept, every character escaped.

Nothing in pasted text says which line is the headline, who wrote it or when, so the person
importing says so with ``--title``, ``--author``, ``--outlet``, ``--date`` and ``--url``. When
the title is given and one of the first lines is that title, it is the headline: shown in
the article's header, it leaves the body, and the lines above it (a copied page's "Skip to
main content", site name and menu) are left out and listed in the summary. Without
``--title`` the first line is taken as the title, and the summary says so.
"""

from __future__ import annotations

from .article import Article, Extracted
from .errors import ImportError_
from .escaping import paragraphs, plain_text_to_markdown


HEADLINE_WITHIN = 10  # lines: a copied page puts its skip links, site name and menu above the headline


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse(text: str, source_file: str, title: str | None = None) -> Extracted:
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        raise ImportError_(f"{source_file}: the text is empty")
    notices, left_out = [], []
    if title is None:
        title = lines[filled[0]].strip()
        notices.append(f"no --title given, so the title is the text's first line, “{title}”; "
                       "if that is not the headline, import again with --title \"…\"")
        lines = lines[filled[0] + 1:]
    else:
        headline = next((i for i in filled[:HEADLINE_WITHIN] if _same(lines[i], title)), None)
        if headline is not None:  # what comes before the headline is the page around it
            left_out = [lines[i].strip() for i in filled if i < headline]
            lines = lines[headline + 1:]
        else:
            notices.append("the title does not appear near the start of the text, so all of the text is kept")
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        raise ImportError_(f"{source_file}: there is a title but no article text after it")
    article = Article(title=title, author=None, outlet=None, published=None, url=None,
                      source_file=source_file, source_format="text", body=plain_text_to_markdown(body))
    return Extracted(article, body, {"paragraph": len(paragraphs(body))}, left_out=left_out, notices=notices)
