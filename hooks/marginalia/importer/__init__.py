"""Bring an article into the site: a saved web page, a URL, pasted text or a raw article file
becomes ``docs/articles/<slug>.md``, its raw input kept under ``sources/`` exactly as received.

One module per concern, in the order an import runs:

* :mod:`.plan`       one import: read, recognise the format, extract, check, then write all or nothing
* :mod:`.fetch`      a URL fetched once, bytes as received
* :mod:`.rawtext`    bytes to text, refusing what is empty, binary or in an unknown encoding
* the formats:       :mod:`.webpage` (a web page, by trafilatura, written out by :mod:`.tei`),
                     :mod:`.tagged` (``<TITLE>``… sections), :mod:`.dump` (title, byline,
                     Markdown-ish text), :mod:`.plaintext` (pasted text)
* :mod:`.escaping`   plain text to Markdown that shows every character as written
* :mod:`.leftout`    what extraction left out of a web page, block by block
* :mod:`.article`    the article, its provenance, and the page file it becomes
* :mod:`.slugs`      the article's file name, from its title
* :mod:`.summary`    the account printed after an import

The body is never reworded, shortened or cleaned: the only changes are Markdown escapes and
spaces a reader cannot see; a web page's furniture is left out, and the summary lists it.
"""

from __future__ import annotations

from pathlib import Path

from .article import Article, Extracted, Provenance, parse_date
from .errors import ImportError_
from .escaping import escape_plain_line, plain_text_to_markdown
from .plan import FORMATS, Prepared, Request, extract, prepare, write
from .rawtext import decode
from .slugs import slugify

__all__ = ["Article", "Extracted", "FORMATS", "ImportError_", "Prepared", "Provenance", "Request",
           "escape_plain_line", "extract", "import_file", "parse_date", "plain_text_to_markdown",
           "prepare", "reimport", "slugify", "write"]


def import_file(path: Path, source_name: str | None = None, fmt: str = "auto",
                provenance: Provenance | None = None) -> Article:
    """Read one raw file, in memory: the article it gives (nothing is written)."""
    from .plan import choose_format

    name = source_name or path.name
    text = decode(path.read_bytes(), name)
    extracted = extract(text, choose_format(fmt, text, name, path.suffix.lower()), name,
                        provenance or Provenance())
    extracted.article.source_file = name
    return extracted.article


def reimport(root: Path, meta: dict) -> Extracted:
    """The import of an article's own source file again, with the provenance its page file
    gives: what the article file should still say, word for word."""
    source = meta.get("source_file")
    if not source:
        raise ImportError_("the article's front matter names no source_file")
    path = root / str(source)
    if not path.is_file():
        raise ImportError_(f"{source}: the article's source file is missing")
    text = decode(path.read_bytes(), str(source))
    provenance = Provenance(**{name: meta.get(key) for name, key in
                               (("title", "title"), ("author", "author"), ("outlet", "outlet"),
                                ("published", "published"), ("url", "url"))})
    extracted = extract(text, str(meta.get("source_format") or "auto"), str(source), provenance)
    extracted.article.source_file = str(source)
    return extracted
