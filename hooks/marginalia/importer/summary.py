"""The honest account of an import, printed after it (or instead of it, with ``--dry-run``).

What was found (title, author, outlet, date, URL), how much of the text was kept, the first
words of every block left out, and a warning for every missing piece of provenance with the
flag that supplies it: the person importing can check the result without opening a file.
"""

from __future__ import annotations

from pathlib import Path

from .article import Article
from .leftout import amount, first_words
from .plan import Prepared

FLAGS = {"author": "--author \"NAME\"", "outlet": "--outlet \"NAME\"", "published": "--date YYYY-MM-DD",
         "url": "--url https://…"}
BLOCK_NAMES = {"heading": "heading", "list": "list", "block quote": "block quote", "table": "table",
               "link": "link", "emphasis": "passage in bold or italics"}


def missing(article: Article) -> list[str]:
    """A warning for each piece of provenance the import did not find."""
    names = {"author": "author", "outlet": "outlet (the publication's name)", "published": "publication date",
             "url": "address of the original (URL)"}
    return [f"no {names[key]} found; pass {flag}" for key, flag in FLAGS.items() if not getattr(article, key)]


def _plural(count: int, word: str) -> str:
    irregular = {"passage in bold or italics": "passages in bold or italics"}
    return f"{count} {word if count == 1 else irregular.get(word, word + 's')}"


def lines(prepared: Prepared, root: Path, dry_run: bool = False) -> list[str]:
    article, extracted = prepared.article, prepared.extracted
    out = [f"{'Would import' if dry_run else 'Imported'} ({article.source_format}): {article.title}"]
    date = article.published.isoformat() if article.published else None
    for label, value in (("title", article.title), ("author", article.author), ("outlet", article.outlet),
                         ("date", date), ("URL", article.url)):
        out.append(f"  {label:<8} {value if value else '(not found)'}")
    if article.language:
        out.append(f"  {'language':<8} {article.language}")
    paragraphs = extracted.blocks.get("paragraph", 0)
    others = [_plural(extracted.blocks[kind], name) for kind, name in BLOCK_NAMES.items() if extracted.blocks.get(kind)]
    out.append(f"  kept     {amount(extracted.text)} in {_plural(paragraphs, 'paragraph')}"
               + (f" ({', '.join(others)})" if others else ""))
    if extracted.left_out:
        out.append(f"  left out {_plural(len(extracted.left_out), 'block')} of page furniture "
                   f"({amount(' '.join(extracted.left_out))}), which begin:")
        out += [f"           “{first_words(block)}”" for block in extracted.left_out]
    for notice in extracted.notices:
        out.append(f"  note:    {notice}")
    out += [f"warning: {warning}" for warning in missing(article)]
    verb = "would write" if dry_run else "wrote"
    if prepared.source_bytes is not None:
        what = f"the page as received from {prepared.fetched_from}" if prepared.fetched_from else "the input as received"
        out.append(f"{verb} {_shown(prepared.source_path, root)} ({what})")
    else:
        out.append(f"source: {_shown(prepared.source_path, root)} (kept as it is)")
    out.append(f"{verb} {_shown(prepared.article_path, root)}")
    if dry_run:
        out.append("dry run: nothing was written")
    else:
        out.append(f"next: write its notes in annotations/{prepared.slug}.yml (see the Authoring page); until "
                   "then the site lists it as not yet annotated. Preview with: make serve")
    return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
