"""``marginalia import``: turn a raw article file into ``docs/articles/<slug>.md``.

Also installed as ``marginalia-import``, its name before the ``marginalia`` command existed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..importer import ImportError_, import_file, slugify

DESCRIPTION = "Import a raw article file (tagged or plain dump) as docs/articles/<slug>.md."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, help="the raw article file, e.g. sources/000_….txt")
    parser.add_argument("--slug", help="file name for the article (default: from the title)")
    parser.add_argument("--outlet", help="the outlet's name when the file does not give it")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the MkDocs docs folder")
    parser.add_argument("--force", action="store_true", help="overwrite an existing article")


def run(args: argparse.Namespace) -> int:
    try:
        article = import_file(args.source, args.source.as_posix())
        if args.outlet:
            article.outlet = args.outlet
        if not article.outlet:
            raise ImportError_(f"{args.source}: the file does not name its outlet; pass --outlet NAME")
        slug = args.slug or slugify(article.title)
        target = args.docs / "articles" / f"{slug}.md"
        if target.exists() and not args.force:
            raise ImportError_(f"{target} exists already; pass --force to overwrite it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article.to_markdown(), encoding="utf-8")
    except (ImportError_, OSError) as err:
        print(f"marginalia import: error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {target} ({len(article.body.split())} words of body)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The ``marginalia-import`` command."""
    parser = argparse.ArgumentParser(prog="marginalia-import", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
