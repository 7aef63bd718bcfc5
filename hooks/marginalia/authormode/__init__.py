"""The author mode: writing notes in the browser while the site is previewed (``make serve``).

An author selects a passage on an article page (or types some of its words) and fills in a
form; the page writes the note's YAML, quote and context as the build will match them, to
copy into ``annotations/<slug>.yml`` or to collect and download for ``marginalia merge``.
The page never writes a file.

Only ``mkdocs serve`` gets it (the generator adapter asks :func:`asset_files`,
:func:`scripts` and :func:`stylesheets` then, and adds :func:`data_html` to article pages):
a published site and the offline copy carry no trace of it. Everything the page needs comes
with it: this folder's scripts (``assets/``, served under ``assets/marginalia/author/``),
``marginalia-strings.js`` and practice mode's ``marginalia-quote.js`` (published anyway), and
each article page's data: the vocabularies, the loader's patterns, every note's fields as its
file gives them, and the mode's words in the site's language.

Its words are the ``author`` section of the site's table of strings (strings/en.yml; the kinds'
names and blurbs are the ``kinds`` section the published scripts use too). That section is not
in the published ``marginalia-strings.js``: the page data carries it (``strings``), and
``marginalia-author.js`` adds it to the browser's table (``MarginaliaStrings.add``) for each
page it comes with, so Material's instant navigation brings it along.

The scripts, in the order they load (each needs the ones before it):

* ``marginalia-strings.js``, ``marginalia-quote.js``: the site's labels, and quotes found in
  a text (shared with practice mode);
* ``vendor/markdown-it``: a Markdown parser, for the note's preview;
* ``marginalia-textquote.js``: the build's quote matching (textquote.py), and the shortest
  context that makes a quote unique;
* ``marginalia-noteyaml.js``: a note as YAML, and the loader's checks;
* ``marginalia-notemarkup.js``: the note's Markdown as the build renders it (notemarkup.py);
* ``marginalia-author.js``: the page: switch, form, collection (its words come from the table).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .. import strings
from ..loader import ID_PATTERN, URL_PATTERN
from ..model import KINDS, Corpus, Note

ASSETS = Path(__file__).parent / "assets"
FOLDER = "author"  # under the site's asset folder
SHARED = (strings.SCRIPT, "marginalia-quote.js")  # from the published assets, beside FOLDER; the labels first
SCRIPTS = ("vendor/markdown-it/markdown-it.umd.min.js", "marginalia-textquote.js", "marginalia-noteyaml.js",
           "marginalia-notemarkup.js", "marginalia-author.js")
STYLESHEET = "marginalia-author.css"
DATA_ID = "mg-author-data"


def asset_files() -> list[tuple[str, Path]]:
    """The author mode's scripts and stylesheet: (path under the site's asset folder, file)."""
    return [(f"{FOLDER}/{path.relative_to(ASSETS).as_posix()}", path)
            for path in sorted(ASSETS.rglob("*")) if path.suffix in (".js", ".css")]


def scripts(asset_dir: str) -> list[str]:
    """Site paths of the scripts, in the order they must run."""
    return [f"{asset_dir}/{name}" for name in SHARED] + [f"{asset_dir}/{FOLDER}/{name}" for name in SCRIPTS]


def stylesheets(asset_dir: str) -> list[str]:
    return [f"{asset_dir}/{FOLDER}/{STYLESHEET}"]


def note_fields(note: Note) -> dict:
    """A note as its annotation file gives it, for the form to open it for editing."""
    return {
        "id": note.id, "kind": note.kind, "quote": note.selector.exact, "prefix": note.selector.prefix,
        "suffix": note.selector.suffix, "part": note.part, "note": note.body, "topics": list(note.topics),
        "technique": note.technique or "",
        "sources": [{"title": s.title, "publisher": s.publisher or "", "date": s.date or "", "url": s.url or ""}
                    for s in note.sources],
        "corrections": [{"date": c.date, "change": c.change, "reason": c.reason} for c in note.corrections],
        "line": note.line,
    }


def page_data(corpus: Corpus, slug: str, title: str) -> dict:
    """What the author mode needs on one article page."""
    article = corpus.articles.get(slug)
    return {
        "article": slug,
        "title": title,
        "file": f"annotations/{slug}.yml",
        "exists": article is not None,
        "questions": list(article.questions) if article else [],
        "notes": [note_fields(note) for note in article.notes] if article else [],
        "kinds": list(KINDS),
        "topics": [{"id": t.id, "title": t.title, "description": t.description} for t in corpus.topics.values()],
        "techniques": [{"id": t.id, "title": t.title, "group": t.group, "definition": t.definition}
                       for t in corpus.techniques.values()],
        "rules": {"id": ID_PATTERN.pattern, "url": URL_PATTERN.pattern},
        "strings": strings.current().sections(strings.PREVIEW),  # the mode's words (MarginaliaStrings.add)
    }


def data_html(data: dict) -> str:
    """The page's data, as JSON in an attribute of an empty hidden element. (Not a JSON
    ``<script>``: Material's instant navigation runs every script of the page it brings in.)"""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div id="{DATA_ID}" hidden data-json="{escape(text, quote=True)}"></div>'
