"""One import, in two steps: :func:`prepare` reads and checks everything and writes nothing;
:func:`write` then writes the files of a prepared import, all or none.

Reading: the input is a file, a URL (fetched once, see :mod:`.fetch`) or standard input,
decoded by :mod:`.rawtext`; its format is the one asked for, or recognised: a web page
(:mod:`.webpage`), the tagged format (:mod:`.tagged`), the plain dump (:mod:`.dump`) or plain
text (:mod:`.plaintext`). What the person importing supplied (``--title``…) wins over what
the source says. The raw input is kept under ``sources/`` exactly as received, so that the
article can always be checked against it (and the import redone) without the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import markdown

from ..safety import unsafe_markup
from . import dump, plaintext, tagged, webpage
from .article import Article, Extracted, Provenance
from .errors import ImportError_
from .fetch import Fetched, fetch, is_url
from .rawtext import decode
from .slugs import check_slug, slugify

FORMATS = ("auto", "html", "tagged", "dump", "text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
STDIN = "-"


@dataclass
class Request:
    """What the person importing asked for."""

    source: str  # a file's path, an http(s) URL, or "-" for standard input
    root: Path  # the project: docs/ and sources/ are in it
    format: str = "auto"
    slug: str | None = None
    provenance: Provenance = field(default_factory=Provenance)
    force: bool = False
    docs: Path | None = None  # default: root/docs
    stdin: Callable[[], bytes] | None = None
    fetcher: Callable[[str], Fetched] = fetch


@dataclass
class Prepared:
    """An import ready to be written: the article, and every file it writes."""

    extracted: Extracted
    slug: str
    article_path: Path
    source_path: Path
    source_bytes: bytes | None  # the raw input, when it is not under sources/ yet
    fetched_from: str | None = None

    @property
    def article(self) -> Article:
        return self.extracted.article

    def files(self) -> list[Path]:
        return ([self.source_path] if self.source_bytes is not None else []) + [self.article_path]


def read(request: Request) -> tuple[bytes, str | None, str, str | None]:
    """(raw bytes, declared charset, name for messages, URL fetched from) of the input."""
    if request.source == STDIN:
        if request.stdin is None:
            raise ImportError_("standard input: nothing to read")
        return request.stdin(), None, "the pasted text", None
    if is_url(request.source):
        fetched = request.fetcher(request.source)
        return fetched.body, fetched.charset, request.source, fetched.url
    path = Path(request.source)
    if not path.exists():
        raise ImportError_(f"{path}: no such file; check the name, or give the page's address (https://…)")
    if path.is_dir():
        raise ImportError_(f"{path}: this is a folder; give the saved page (.html) or text file inside it")
    try:
        return path.read_bytes(), None, str(path), None
    except OSError as err:
        raise ImportError_(f"{path}: cannot be read ({err.strerror})") from None


def choose_format(asked: str, text: str, name: str, suffix: str) -> str:
    """The input's format: the one asked for, checked, or the one it looks like."""
    html = webpage.looks_like_html(text)
    if asked in ("text", "dump") and html:
        raise ImportError_(f"{name}: this is a web page (HTML), not {'plain text' if asked == 'text' else 'a dump'}; "
                           "import it without --format, or with --format html, so that its page furniture "
                           "and markup are left out")
    if asked != "auto":
        return asked
    if suffix in HTML_SUFFIXES or html:
        return "html"
    if tagged.looks_tagged(text):
        return "tagged"
    if dump.looks_like_dump(text):
        return "dump"
    return "text"


def extract(text: str, fmt: str, name: str, provenance: Provenance, url: str | None = None) -> Extracted:
    """The article in ``text``, read as ``fmt``, with what the person importing supplied."""
    if fmt == "html":
        extracted = webpage.parse(text, name, url=provenance.url, title=provenance.title, fetched_from=url)
    elif fmt == "tagged":
        extracted = tagged.parse(text, name)
    elif fmt == "dump":
        extracted = dump.parse(text, name)
    else:
        extracted = plaintext.parse(text, name, title=provenance.title)
    extracted.article.override(provenance)
    if not extracted.article.title.strip():
        raise ImportError_(f"{name}: no title found; pass --title \"…\"")
    return extracted


def _source_name(slug: str, fmt: str, given: str) -> str:
    suffix = Path(given).suffix.lower() if given not in (STDIN,) and not is_url(given) else ""
    if fmt == "html":
        return slug + (suffix if suffix in HTML_SUFFIXES else ".html")
    return slug + (suffix if suffix in (".txt", ".md", ".text") else ".txt")


def prepare(request: Request) -> Prepared:
    raw, charset, name, fetched_from = read(request)
    text = decode(raw, name, declared=charset)
    suffix = Path(request.source).suffix.lower() if request.source != STDIN and not is_url(request.source) else ""
    fmt = choose_format(request.format, text, name, suffix)
    extracted = extract(text, fmt, name, request.provenance, url=fetched_from)
    article = extracted.article

    slug = request.slug or slugify(article.title)
    if not slug:
        raise ImportError_(f"{name}: the title {article.title!r} gives no file name; pass --slug NAME")
    if problem := check_slug(slug):
        raise ImportError_(problem)
    root = request.root.resolve()
    docs = (request.docs or root / "docs").resolve()
    article_path = docs / "articles" / f"{slug}.md"
    if article_path.exists() and not request.force:
        raise ImportError_(f"{_shown(article_path, root)} exists already; pass --force to overwrite it, "
                           "or choose another name with --slug")

    sources = root / "sources"
    given = Path(request.source).resolve() if request.source != STDIN and not is_url(request.source) else None
    if given is not None and given.is_relative_to(sources):
        source_path, source_bytes = given, None
    else:
        source_path, source_bytes = sources / _source_name(slug, fmt, request.source), raw
        if source_path.exists():
            if source_path.read_bytes() == raw:
                source_bytes = None  # kept already, byte for byte
            elif not request.force:
                raise ImportError_(f"{_shown(source_path, root)} exists already with other content; pass "
                                   "--force to replace it, or choose another name with --slug")
    article.source_file = _shown(source_path, root)

    found = unsafe_markup(markdown.markdown(article.body, extensions=["attr_list", "tables", "admonition"]))
    if found:  # never expected: each format writes text only; a last check before anything is written
        raise ImportError_(f"{name}: the imported text would still contain {found[0].what}; nothing was "
                           "written. Please report this with the file")
    return Prepared(extracted, slug, article_path, source_path, source_bytes, fetched_from)


def write(prepared: Prepared) -> list[Path]:
    """Write the source (when new) and the article; if one write fails, neither stays."""
    written: list[Path] = []
    try:
        if prepared.source_bytes is not None:
            prepared.source_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(prepared.source_path, prepared.source_bytes)
            written.append(prepared.source_path)
        prepared.article_path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(prepared.article_path, prepared.article.to_markdown().encode("utf-8"))
        written.append(prepared.article_path)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        raise ImportError_(f"could not write {err.filename}: {err.strerror}; nothing was written") from None
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
