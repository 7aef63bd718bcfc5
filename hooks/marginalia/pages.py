"""Markdown for the pages generated from the annotations: the glossary and the article list.

They are generated as Markdown, not HTML, so the generator resolves and checks their links
(``mkdocs build --strict`` reports a broken one) and they get headings, a table of contents
and search like any page. They are built from the corpus loaded once per build, so they can
never go stale.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Mapping

from html import escape

from .model import KINDS, Corpus, Note, Technique, Topic
from .render import KIND_LABELS, format_date, icon, legend_html
from .topics import TopicIndex

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
    url: str = ""  # the page's URL relative to the site root, e.g. articles/x/
    author: str | None = None  # as the source file gives it
    supplied: Mapping[str, str] | None = None  # text shipped with the file, not by the author

    def short_label(self) -> str:
        """Outlet and month, to tell articles apart in a short link."""
        date = format_date(self.published)
        month = date[1].split(" ", 1)[1] if date and " " in date[1] else (date[1] if date else "")
        return ", ".join(x for x in (self.outlet or self.title, month) if x)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def link_to(src_uri: str, from_uri: str) -> str:
    """A Markdown link target from one docs/ file to another (MkDocs resolves .md links)."""
    return posixpath.relpath(src_uri, posixpath.dirname(from_uri) or ".")


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


GLOSSARY_SLOT = '<div class="mg-glossary-notes" data-technique="{technique}"></div>'


def notes_by_technique(corpus: Corpus, slugs: Mapping[str, object]) -> dict[str, list[Note]]:
    """The notes that name each technique, of the articles in ``slugs``, in corpus order."""
    used: dict[str, list[Note]] = {}
    for note in corpus.notes():
        if note.technique and note.slug in slugs:  # notes of a missing article are an error elsewhere
            used.setdefault(note.technique, []).append(note)
    return used


def glossary_markdown(corpus: Corpus, titles: Mapping[str, str]) -> str:
    """The glossary: every technique in use, with a slot for the list of its notes.

    The lists (:func:`glossary_notes_html`) are HTML put in the slots after the page's
    Markdown is rendered: they hold every note of the site, and at hundreds of articles
    running them through Markdown was slower than linear.
    """
    used = notes_by_technique(corpus, titles)
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
                GLOSSARY_SLOT.format(technique=label),
                "",
            ]
    return "\n".join(lines)


def glossary_notes_html(notes: list[Note], titles: Mapping[str, str], hrefs: Mapping[str, str]) -> str:
    """The list of a technique's notes; ``hrefs`` gives each article's URL from the glossary."""
    items = []
    for note in notes:
        quote = escape(" ".join(note.selector.exact.split()), quote=False)
        items.append(f"<li><em>{escape(titles[note.slug], quote=False)}</em>: {KIND_LABELS[note.kind].lower()} "
                     f'note on <a href="{escape(hrefs[note.slug])}#{note.element_id}">“{quote}”</a></li>')
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _escape_md(text: str) -> str:
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text


# --- topic pages ---------------------------------------------------------------------------

TOPICS_DIR = "topics"


def topic_src_uri(topic_id: str) -> str:
    return f"{TOPICS_DIR}/{topic_id}.md"


COMPARE_SLOT = '<div class="mg-compare" data-topic="{topic}"></div>'


def topic_page_markdown(topic: Topic, index: TopicIndex, articles: Mapping[str, ArticleInfo]) -> str:
    """One topic: its description and a slot for the side-by-side comparison.

    The comparison itself (:func:`topic_compare_html`) is HTML put in the slot after the
    page's Markdown is rendered: a topic page holds every note on its topic, and at hundreds
    of articles running that much markup through Markdown was most of the build.
    """
    from_uri = topic_src_uri(topic.id)
    slugs = [s for s in index.articles_by_topic.get(topic.id, []) if s in articles]
    total = sum(len(index.in_article(topic.id, s)) for s in slugs)
    return "\n".join([
        "---", f"title: {_yaml_string(topic.title)}", "---", "",
        f"# {_escape_md(topic.title)}", "", _escape_md(topic.description), "",
        f"{total} note{'s' if total != 1 else ''} in {len(slugs)} article{'s' if len(slugs) != 1 else ''}. "
        f"[All topics]({link_to(TOPICS_DIR + '/index.md', from_uri)})", "",
        COMPARE_SLOT.format(topic=topic.id), "",
    ])


def topic_compare_html(topic: Topic, index: TopicIndex, articles: Mapping[str, ArticleInfo],
                       techniques: Mapping[str, Technique], link: Callable[[str], str]) -> str:
    """Side by side per article, the passages and notes on the topic. ``link`` makes a site
    URL relative to the topic page; the links come from the same index as the pages."""
    slugs = [s for s in index.articles_by_topic.get(topic.id, []) if s in articles]
    columns = "".join(_compare_article(topic, articles[slug], index, techniques, link) for slug in slugs)
    return f'<div class="mg-compare">{columns}</div>'


def _compare_article(topic: Topic, info: ArticleInfo, index: TopicIndex,
                     techniques: Mapping[str, Technique], link: Callable[[str], str]) -> str:
    date = format_date(info.published)
    byline = escape(", ".join(x for x in (info.outlet, date[1] if date else None) if x))
    notes = "".join(_compare_note(note, link(info.url), techniques) for note in index.in_article(topic.id, info.slug))
    return (f'<section class="mg-compare__article"><h2><a href="{escape(link(info.url))}">{escape(info.title)}</a></h2>'
            f"<p><em>{byline}</em></p>{notes}</section>")


def _compare_note(note: Note, article_href: str, techniques: Mapping[str, Technique]) -> str:
    technique = techniques.get(note.technique or "")
    head = f'{icon()}<strong>{KIND_LABELS[note.kind]}</strong>'
    if technique:
        head += f" · <em>{escape(technique.title)}</em>"
    quote = escape(" ".join(note.selector.exact.split()))
    return (
        f'<div class="mg-compare__note" data-kind="{note.kind}"><p class="mg-compare__head">{head}</p>'
        f'<blockquote class="mg-compare__quote"><p>{quote}</p></blockquote>'
        f'<div class="mg-compare__body">{note.body_html}</div>'
        f'<p><a href="{escape(article_href)}#{note.element_id}">Read it in the article</a></p></div>'
    )


def topics_index_markdown(corpus: Corpus, index: TopicIndex, articles: Mapping[str, ArticleInfo]) -> str:
    from_uri = topic_src_uri("index")
    lines = [
        "---", "title: Topics", "---", "", "# Topics", "",
        "Each topic gathers the notes of every article on one subject, so that you can compare how "
        "different outlets treat it.", "",
        "| Topic | Notes | By article |", "|---|---:|---|",
    ]
    for topic in sorted(corpus.topics.values(), key=lambda t: t.title.lower()):
        slugs = [s for s in index.articles_by_topic.get(topic.id, []) if s in articles]
        counts = "; ".join(f"{_cell(articles[s].short_label())}: {len(index.in_article(topic.id, s))}"
                           for s in slugs)
        total = sum(len(index.in_article(topic.id, s)) for s in slugs)
        lines.append(f"| [{_cell(topic.title)}]({link_to(topic_src_uri(topic.id), from_uri)}) | {total} | "
                     f"{counts or '–'} |")
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- classroom worksheets ------------------------------------------------------------------

WORKSHEETS_DIR = "worksheets"
ANSWER_KEY_SLOT = '<div class="mg-answer-key" data-slug="{slug}"></div>'


# Worksheets and answer keys repeat their article's text and notes: search finds the article
# page (which links to both), and a student searching does not land on an answer key.
NOT_IN_SEARCH = ("search:", "  exclude: true")


def worksheet_src_uri(slug: str, key: bool = False) -> str:
    return f"{WORKSHEETS_DIR}/{slug}{'-answer-key' if key else ''}.md"


def _provenance_line(info: ArticleInfo) -> str:
    date = format_date(info.published)
    return _escape_md(", ".join(x for x in (info.outlet, date[1] if date else None) if x))


WORKSHEET_SLOT = '<div class="mg-worksheet" data-slug="{slug}"></div>'


def worksheet_markdown(info: ArticleInfo, questions: list[str]) -> str:
    """A printable worksheet: the article's text with numbered paragraphs and room to write.

    The body is left as a slot: it is the article's own text as rendered for its page (so the
    worksheet shows the same words, and is not rendered from Markdown a second time), put in
    with numbered paragraphs by :func:`worksheet_body_html` once every page is rendered.
    """
    items = "\n".join(f"{n}. {_escape_md(q)}" for n, q in enumerate(questions, 1))
    author = f"By {_escape_md(info.author)} (author as given in the source file). " if info.author else ""
    supplied = []
    if info.supplied:
        supplied = ['<h2 id="supplied-text">Not written by the author</h2>', "",
                    "The source file came with this text; the article's author did not write it.", ""]
        for name, text in info.supplied.items():
            lines = [_escape_md(line.strip()) for line in str(text).splitlines() if line.strip()]
            supplied += [f"**{name.title()}**", "", "  \n".join(lines), ""]  # two spaces: a line break
    return "\n".join([
        "---", f"title: {_yaml_string('Worksheet: ' + info.title)}", *NOT_IN_SEARCH, "---", "",
        f"# Worksheet: {_escape_md(info.title)}", "",
        f"{author}*{_provenance_line(info)}*. Name: ______________________ Date: ____________", "",
        '<div class="mg-worksheet__how" markdown="1">', "",
        "Read the article. In the space beside each paragraph, mark passages and write which kind "
        "each one is:", "",
        "- **Framing**: how the wording, selection or emphasis steers the reader;",
        "- **Sourcing**: who says so, and whether a reader can check it;",
        "- **Claim**: a factual claim you would check, and how.", "",
        "</div>", "",
        WORKSHEET_SLOT.format(slug=info.slug), "",
        *supplied,
        # raw headings: a page outside the nav with a table of contents trips a theme bug
        '<h2 id="discussion-questions">Discussion questions</h2>', "",
        '<div class="mg-worksheet__questions" markdown="1">', "", items, "", "</div>", "",
    ])


def answer_key_markdown(info: ArticleInfo, questions: list[str]) -> str:
    """The answer key: the questions and every note, numbered as on the article page.

    The notes are filled in by the build after the article is anchored (their numbers are
    their order on the page), in the slot this page leaves for them.
    """
    items = "\n".join(f"{n}. {_escape_md(q)}" for n, q in enumerate(questions, 1))
    return "\n".join([
        "---", f"title: {_yaml_string('Answer key: ' + info.title)}", *NOT_IN_SEARCH, "---", "",
        f"# Answer key: {_escape_md(info.title)}", "",
        f"*{_provenance_line(info)}*. Notes are numbered as on the article page.", "",
        '<h2 id="discussion-questions">Discussion questions</h2>', "", items, "",
        ANSWER_KEY_SLOT.format(slug=info.slug), "",
    ])


def answer_key_html(notes: list[tuple[int, Note]], techniques: Mapping[str, Technique]) -> str:
    """Every note, grouped by kind, each with its number, passage, note and sources."""
    from .render import sources_html

    parts = []
    for kind in KINDS:
        group = [(n, note) for n, note in notes if note.kind == kind]
        if not group:
            continue
        parts.append(f'<h2 id="key-{kind}" data-kind="{kind}">{icon()}{KIND_LABELS[kind]} '
                     f'({len(group)})</h2><ol class="mg-key">')
        for number, note in group:
            technique = techniques.get(note.technique or "")
            label = f" · <em>{escape(technique.title)}</em>" if technique else ""
            quote = escape(" ".join(note.selector.exact.split()))
            sources = sources_html(note.sources) if note.sources else ""
            parts.append(
                f'<li value="{number}" data-kind="{kind}"><p class="mg-key__quote">“{quote}”{label}</p>'
                f'<div class="mg-key__note">{note.body_html}{sources}</div></li>'
            )
        parts.append("</ol>")
    return "".join(parts)


def worksheet_body_html(body_html: str) -> str:
    """The worksheet's article text: the body rendered for the article page, paragraphs numbered."""
    return number_paragraphs(f'<div class="mg-worksheet">\n{body_html}\n</div>')


_PARAGRAPH = re.compile(r"<p>")


def number_paragraphs(html: str) -> str:
    """Number the paragraphs of a worksheet's article text, so a class can refer to them."""
    start = html.find('<div class="mg-worksheet">')
    end = html.find("<h2", start)
    if start < 0:
        return html
    end = len(html) if end < 0 else end
    counter = iter(range(1, 10_000))
    body = _PARAGRAPH.sub(lambda m: f'<p><span class="mg-para-num">{next(counter)}</span> ', html[start:end])
    return html[:start] + body + html[end:]
