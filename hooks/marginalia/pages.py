"""Markdown for the pages generated from the annotations: the glossary and the article list.

They are generated as Markdown, not HTML, so the generator resolves and checks their links
(``mkdocs build --strict`` reports a broken one) and they get headings, a table of contents
and search like any page. They are built from the corpus loaded once per build, so they can
never go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .model import KINDS, Corpus, Note
from .render import KIND_LABELS, format_date, legend_html

ARTICLES_MARKER = "<!-- marginalia:articles -->"
LEGEND_MARKER = "<!-- marginalia:legend -->"


@dataclass(frozen=True)
class ArticleInfo:
    """What the article list needs from an article's front matter."""

    slug: str
    title: str
    outlet: str | None
    published: object
    src_uri: str  # path of the page in docs/, e.g. articles/x.md


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def link_to(src_uri: str, from_uri: str) -> str:
    """A Markdown link target from one docs/ file to another (MkDocs resolves .md links)."""
    depth = from_uri.count("/")
    return "../" * depth + src_uri


def articles_table(articles: list[ArticleInfo], corpus: Corpus, from_uri: str) -> str:
    header = "| Article | Outlet | Published | " + " | ".join(KIND_LABELS[k] for k in KINDS) + " |"
    rule = "|---|---|---|" + "---:|" * len(KINDS)
    rows = []
    for info in sorted(articles, key=lambda a: str(a.published or ""), reverse=True):
        notes = corpus.articles[info.slug].notes if info.slug in corpus.articles else []
        counts = [sum(1 for n in notes if n.kind == kind) for kind in KINDS]
        date = format_date(info.published)
        rows.append(
            f"| [{_cell(info.title)}]({link_to(info.src_uri, from_uri)}) | {_cell(info.outlet or '–')} | "
            f"{date[1] if date else '–'} | " + " | ".join(str(c) for c in counts) + " |"
        )
    return "\n".join([header, rule, *rows]) if rows else "*No articles yet.*"


def expand_markers(markdown: str, articles: list[ArticleInfo], corpus: Corpus, from_uri: str) -> str:
    """Replace the markers a page may contain with generated content."""
    if ARTICLES_MARKER in markdown:
        markdown = markdown.replace(ARTICLES_MARKER, articles_table(articles, corpus, from_uri))
    if LEGEND_MARKER in markdown:
        markdown = markdown.replace(LEGEND_MARKER, legend_html())
    return markdown


GLOSSARY_INTRO = """\
Each note names, where one fits, the technique the passage uses. The labels are those of
SemEval-2023 Task 3, a shared task on detecting persuasion techniques and framing in news, so
that readers learn a vocabulary used beyond this site. This list is generated from the notes
themselves: it holds every label a note uses, and each entry links to those notes.
"""


def glossary_markdown(corpus: Corpus, titles: Mapping[str, str], src_uris: Mapping[str, str],
                      from_uri: str = "glossary.md") -> str:
    used: dict[str, list[Note]] = {}
    for note in corpus.notes():
        if note.technique and note.slug in src_uris:  # notes of a missing article are an error elsewhere
            used.setdefault(note.technique, []).append(note)
    lines = ["# Glossary of techniques", "", GLOSSARY_INTRO]
    groups: dict[str, list[str]] = {}
    for label in sorted(used, key=lambda t: corpus.techniques[t].title.lower()):
        groups.setdefault(corpus.techniques[label].group, []).append(label)
    if not groups:
        lines.append("*No note names a technique yet.*")
    for group in sorted(groups):
        lines += [f"## {group}", ""]
        for label in groups[group]:
            technique = corpus.techniques[label]
            lines += [
                f"### {technique.title} {{#{technique.anchor}}}",
                "",
                f"`{label}`: {technique.definition}",
                "",
                f"Used in {len(used[label])} note{'s' if len(used[label]) != 1 else ''}:",
                "",
            ]
            for note in used[label]:
                target = link_to(src_uris[note.slug], from_uri) + f"#{note.element_id}"
                quote = " ".join(note.selector.exact.split())
                lines.append(f"- *{_cell(titles[note.slug])}*: {KIND_LABELS[note.kind].lower()} note on "
                             f"[“{_escape_md(quote)}”]({target})")
            lines.append("")
    return "\n".join(lines)


def _escape_md(text: str) -> str:
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text
