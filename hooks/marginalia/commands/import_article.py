"""``marginalia import``: bring an article into the site, from what people have.

    marginalia import saved-page.html                 a page saved from the browser
    marginalia import https://example.org/story       a page fetched once (kept in sources/)
    marginalia import - --title "…" --outlet "…"      text pasted into the terminal (end with Ctrl-D)
    marginalia import article.txt --title "…"         text copied into a file
    marginalia import sources/000_….txt               the tagged and dump formats, as before

Also installed as ``marginalia-import``, its name before the ``marginalia`` command existed.
The work is done by :mod:`marginalia.importer`; this module reads the flags and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import languages
from ..importer import FORMATS, ImportError_, Provenance, Request, parse_date, prepare, write
from ..importer import summary

DESCRIPTION = ("Import an article as docs/articles/<slug>.md: from a saved web page (.html), a URL, "
               "pasted text ('-' reads it from the terminal) or a raw article file. Its words are kept "
               "exactly; a web page's navigation, banners, share buttons, related links and comments "
               "are left out, and the summary shows what was.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="a saved page or text file, an https:// address, or - for pasted text")
    parser.add_argument("--format", choices=FORMATS, default="auto",
                        help="what the source is (default: recognised from its content)")
    parser.add_argument("--slug", help="file name for the article (default: made from the title)")
    provenance = parser.add_argument_group("provenance", "supply or correct what the source says")
    provenance.add_argument("--title", help="the article's headline")
    provenance.add_argument("--author", help="the author, as the article gives it")
    provenance.add_argument("--outlet", help="the publication's name")
    provenance.add_argument("--date", help="the publication date, YYYY-MM-DD")
    provenance.add_argument("--url", help="the address of the original article")
    provenance.add_argument("--language", help="the article's language, as a code (fr, ru, pt-BR), when it is not "
                            "the site's (default: what a web page declares)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    parser.add_argument("--force", action="store_true", help="overwrite an existing article of that name")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the site's docs folder (default: docs)")


def run(args: argparse.Namespace) -> int:
    docs = args.docs
    root = docs.resolve().parent
    try:
        provenance = Provenance(title=_given(args.title), author=_given(args.author), outlet=_given(args.outlet),
                                published=parse_date(args.date, "--date"), url=_url(args.url),
                                language=_language(args.language))
        request = Request(args.source, root, args.format, args.slug, provenance, args.force, docs,
                          stdin=_stdin)
        prepared = prepare(request)
        if not args.dry_run:
            write(prepared)
    except ImportError_ as err:
        print(f"marginalia import: error: {err}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    print("\n".join(summary.lines(prepared, root, dry_run=args.dry_run)))
    return 0


def _given(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _url(value: str | None) -> str | None:
    value = _given(value)
    if value and not value.startswith(("http://", "https://")):
        raise ImportError_(f"--url {value}: give the full address, starting with https://")
    return value


def _language(value: str | None) -> str | None:
    value = _given(value)
    if value and not languages.tag(value):
        raise ImportError_(f"--language {value}: {languages.HINT}")
    return languages.tag(value) if value else None


def _stdin() -> bytes:
    if sys.stdin.isatty():
        print("Paste the article's text, then press Ctrl-D (Ctrl-Z then Enter on Windows):", file=sys.stderr)
    return sys.stdin.buffer.read()


def main(argv: list[str] | None = None) -> int:
    """The ``marginalia-import`` command."""
    parser = argparse.ArgumentParser(prog="marginalia-import", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
