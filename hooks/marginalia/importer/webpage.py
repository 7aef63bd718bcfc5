"""A web page, saved from a browser or fetched: the article's text and provenance, by trafilatura.

trafilatura (https://trafilatura.readthedocs.io) separates the article from the page around it
(navigation, cookie banners, share bars, related links, comments) and reads the title, author,
date, site name and canonical address from the page's meta tags and JSON-LD. It is asked for
its structured tree, which :mod:`.tei` writes as Markdown; comments are left out (trafilatura
keeps them by default), and so are dates guessed from the text rather than declared by the page.
What the extraction left out is listed for the summary (:mod:`.leftout`).
"""

from __future__ import annotations

import copy
import logging
import re

from .. import languages
from .article import Article, Extracted, parse_date
from .errors import ImportError_
from .leftout import count_words, left_out
from . import tei

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
MIN_WORDS = 20  # less than this is a page's furniture or an app's shell, not an article
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


def looks_like_html(text: str) -> bool:
    """Whether a text is a web page: it starts like one, or holds its telltale elements."""
    return bool(_HTML_START.match(text)) or bool(re.search(r"<(html|body)\b[^>]*>", text[:4096], re.I))


def saved_from(text: str) -> str | None:
    """The address a browser noted when it saved the page (``<!-- saved from url=(0042)… -->``)."""
    match = _SAVED_FROM.search(text[:2048])
    return match.group(1) if match and match.group(1).startswith(("http://", "https://")) else None


def _extract(html: str, url: str | None, favor_recall: bool):
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: works in any thread
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    return trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=True, include_images=False,
        include_formatting=True, include_links=True, with_metadata=True, favor_recall=favor_recall,
        date_extraction_params={"extensive_search": False, "original_date": True}, config=config,
        prune_xpath="//noscript")  # "enable JavaScript to run this app" is no part of an article


def metadata_url(html: str) -> str | None:
    """The page's own address (canonical link, og:url, JSON-LD), before any extraction."""
    from trafilatura.metadata import extract_metadata

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    meta = extract_metadata(html)
    return meta.url if meta is not None and meta.url else None


def parse(html: str, source_file: str, url: str | None = None, title: str | None = None,
          fetched_from: str | None = None) -> Extracted:
    """The article of a web page. Its address is ``url`` if given, else the one the page
    declares, else where it was fetched from or saved from; links are made absolute against
    it. ``title``, if given, is the headline to leave out of the body."""
    url = url or metadata_url(html) or fetched_from or saved_from(html)
    document = _extract(html, url, favor_recall=False)
    if document is None or not _has_text(document.body):
        document = _extract(html, url, favor_recall=True)  # short pages: look harder before giving up
    if document is None or count_words("".join(document.body.itertext())) < MIN_WORDS:
        raise ImportError_(
            f"{source_file}: found no article text in this page. If the page shows its text only "
            "after it has loaded in the browser, save it again once it has (\"Save page as\", "
            "\"Web page, complete\"); or select the article's text in the browser, copy it into a "
            ".txt file and import that with --title")
    title = title or (document.title or "").strip() or None
    written = tei.to_markdown(copy.deepcopy(document.body), base_url=url, skip_title=title)
    if not written.text.strip():
        raise ImportError_(f"{source_file}: the page's only text is its headline")
    published = None
    if document.date:
        try:
            published = parse_date(document.date[:10], source_file)
        except ImportError_:
            published = None
    article = Article(
        title=title or "",
        author=(document.author or "").strip() or meta_author(html),
        outlet=(document.sitename or "").strip() or None,
        published=published,
        url=url,
        source_file=source_file,
        source_format="html",
        body=written.markdown,
        language=declared_language(html),
    )
    notices = []
    if written.code_links:
        notices.append(f"{_links(written.code_links)} that would run code (javascript:…) kept as plain text")
    if written.unlinked - written.code_links:
        notices.append(f"{_links(written.unlinked - written.code_links)} without a full web address kept as "
                       "plain text" + ("" if url else "; pass --url so that relative links can be completed"))
    kept = "\n".join([title or "", written.text])
    return Extracted(article, written.text, dict(written.blocks), left_out(html, kept), notices)


_HTML_LANG = re.compile(r"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']?([^"'\s>]+)""", re.I)
_META_LANG = re.compile(r"""<meta\s+(?:http-equiv=["']content-language["']|property=["']og:locale["'])\s+"""
                        r"""content=["']([^"',\s>]+)""", re.I)


def declared_language(html: str) -> str | None:
    """The language the page says it is in (``<html lang>``, else its Content-Language or
    og:locale meta tag), as a tag; None when it says nothing usable."""
    head = html[:65536]
    for pattern in (_HTML_LANG, _META_LANG):
        match = pattern.search(head)
        if match and languages.tag(match.group(1)):
            return languages.tag(match.group(1))
    return None


def meta_author(html: str) -> str | None:
    """The page's ``<meta name="author">``, when trafilatura's stricter reading finds no author
    (it passes over names in scripts without spaces, such as Chinese and Japanese ones)."""
    match = re.search(r"""<meta\s+(?:name|property)=["'](?:author|article:author)["']\s+content=["']([^"'<>]+)["']""",
                      html[:65536], re.I)
    value = match.group(1).strip() if match else ""
    return value if value and not value.startswith(("http://", "https://")) else None


def _links(count: int) -> str:
    return f"{count} link{'s' if count != 1 else ''}"


def _has_text(body) -> bool:
    return body is not None and bool("".join(body.itertext()).strip())
