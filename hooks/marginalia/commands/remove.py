"""``marginalia remove SLUG…``: take articles out of the site, saying what goes.

For each article: its page (``docs/articles/<slug>.md``), its notes
(``annotations/<slug>.yml``), its source file under ``sources/`` (unless another article
uses it) and what a build made from them in ``site/``. ``--dry-run`` says the same and
deletes nothing. The work is done by :mod:`marginalia.removal`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..removal import Removal, carry_out, plan, unused_vocabulary

DESCRIPTION = ("Remove articles from the site: the article, its notes, its source file and the pages built "
               "from them. To start a site of your own: marginalia remove "
               "western-peace-talks-without-russia putin-peace-plan-capitulation")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="+", metavar="SLUG", help="the article's name, as in docs/articles/SLUG.md")
    parser.add_argument("--dry-run", action="store_true", help="say what would be removed; remove nothing")
    parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder (default: here)")


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    removals: list[Removal] = []
    errors = []
    for slug in dict.fromkeys(args.slugs):
        try:
            removals.append(plan(root, slug))
        except ValueError as err:
            errors.append(str(err))
    if errors:  # nothing is removed unless every name is right
        for error in errors:
            print(f"marginalia remove: error: {error}", file=sys.stderr)
        print("nothing was removed", file=sys.stderr)
        return 1
    verb = "would remove" if args.dry_run else "removed"
    for removal in removals:
        if not args.dry_run:
            carry_out(removal)
        print(f"{removal.slug}:")
        for path, what in removal.files:
            print(f"  {verb} {_shown(path, root)} ({what})")
        if removal.built:
            print(f"  {verb} {len(removal.built)} built file{'s' if len(removal.built) != 1 else ''} in "
                  + ", ".join(sorted({_shown(p, root).split('/')[0] + '/' for p in removal.built})))
        if removal.kept_source:
            source, others = removal.kept_source
            print(f"  kept {_shown(source, root)}: the article{'s' if len(others) != 1 else ''} "
                  f"{', '.join(others)} use{'s' if len(others) == 1 else ''} it too")
    links = sorted({(path, line) for removal in removals for path, line in removal.links
                    if path not in {p for r in removals for p, _ in r.files}})
    if links:
        print("still linked from (the strict build stops on a broken link; remove or change these):")
        for path, line in links:
            print(f"  {_shown(path, root)}:{line}")
    if not args.dry_run:
        topics, techniques = unused_vocabulary(root)
        if topics or techniques:
            print("no note uses these any more; the site leaves them out (delete them from annotations/ "
                  "if you will not need them):")
            if topics:
                print(f"  topics: {', '.join(topics)}")
            if techniques:
                print(f"  techniques: {', '.join(techniques)}")
    else:
        print("dry run: nothing was removed")
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
