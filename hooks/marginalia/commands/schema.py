"""``marginalia schema``: write the JSON Schemas editors use into ``annotations/schemas/``.

Topic ids and technique labels come from the site's vocabularies, so the schemas change when
``topics.yml`` or ``techniques.yml`` do; ``marginalia check`` fails until they are rewritten.
``--modelines`` also puts the yaml-language-server line at the top of every annotation file
that lacks it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loader import load_corpus
from ..schema import SCHEMA_DIR, modeline, site_schemas, stale_schemas, write_schemas

DESCRIPTION = "Write the JSON Schemas for editors into annotations/schemas/, from the site's vocabularies."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--annotations", type=Path, default=Path("annotations"),
                        help="the annotations folder (default: annotations)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a schema is not current")
    parser.add_argument("--modelines", action="store_true",
                        help="also add the '# yaml-language-server: $schema=…' line to files that lack it")


def run(args: argparse.Namespace) -> int:
    folder: Path = args.annotations
    if not folder.is_dir():
        print(f"marginalia schema: error: {folder}/ not found; run it in the site's folder", file=sys.stderr)
        return 2
    corpus, problems = load_corpus(folder)
    for problem in problems:  # the vocabularies the schemas hold are only the ones that loaded
        if Path(problem.file).name in ("topics.yml", "techniques.yml"):
            print("WARNING  " + problem.format(), file=sys.stderr)
    schemas = site_schemas(corpus.topics, corpus.techniques)
    if args.check:
        stale = stale_schemas(folder, schemas)
        for name in stale:
            print(f"{folder.as_posix()}/{SCHEMA_DIR}/{name} is not current; run 'marginalia schema'", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(folder, schemas)
    print(f"{folder.as_posix()}/{SCHEMA_DIR}/: {len(changed)} of {len(schemas)} schemas rewritten "
          f"({len(corpus.topics)} topics, {len(corpus.techniques)} techniques)")
    if args.modelines:
        for path in sorted(folder.glob("*.yml")):
            if add_modeline(path):
                print(f"{path.as_posix()}: added the schema line")
    return 0


def add_modeline(path: Path) -> bool:
    """Put the schema line first in ``path`` unless it has one; whether it was added."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("# yaml-language-server:"):
        return False
    path.write_text(modeline(path.name) + "\n" + text, encoding="utf-8")
    return True
