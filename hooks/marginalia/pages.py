"""Markdown for the pages generated from the annotations: glossary, topic pages, article list.

They are generated as Markdown, not HTML, so the generator resolves and checks their links
(``mkdocs build --strict`` reports a broken one) and they get headings, a table of contents
and search like any page. They are built from the corpus loaded once per build, so they can
never go stale.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Mapping

from html import escape

from . import languages, strings
from .model import KINDS, Corpus, Note, Technique, Topic
from .render import corrections_html, format_date, format_month, icon, kind_label, legend_html, quoted, snippet
from .strings import html as h, text as t
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
    language: str | None = None  # the article's language, as its front matter gives it

    def lang(self) -> str:
        """`` lang="…"`` for the article's own words shown on another page, when its language is
        not the site's."""
        return languages.attribute(self.language, strings.current().language)

    def byline(self) -> str:
        """Outlet and full date, as plain text: "Example News, 1 April 2024"."""
        date = format_date(self.published)
        return ", ".join(x for x in (self.outlet, date[1] if date else None) if x)

    def short_label(self) -> str:
        """Outlet and month, to tell articles apart in a short link."""
        return ", ".join(x for x in (self.outlet or self.title, format_month(self.published)) if x)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def link_to(src_uri: str, from_uri: str) -> str:
    """A Markdown link target from one docs/ file to another (MkDocs resolves .md links)."""
    return posixpath.relpath(src_uri, posixpath.dirname(from_uri) or ".")


HOME_LATEST = 5  # the home page lists this many of the newest articles, then links to them all


def articles_table(articles: list[ArticleInfo], corpus: Corpus, from_uri: str, limit: int | None = None) -> str:
    """The newest articles (all, or ``limit``) with their notes of each kind; an article with
    no annotation file yet is marked as not yet annotated."""
    header = ("| " + " | ".join(_cell(t(f"index.table_{column}")) for column in ("article", "outlet", "published"))
              + " | " + " | ".join(_cell(kind_label(k)) for k in KINDS) + " |")
    rule = "|---|---|---|" + "---:|" * len(KINDS)
    rows = []
    newest = sorted(articles, key=lambda a: str(a.published or ""), reverse=True)
    for info in newest[:limit]:
        annotated = info.slug in corpus.articles
        notes = corpus.articles[info.slug].notes if annotated else []
        counts = [str(sum(1 for n in notes if n.kind == kind)) if annotated else "–" for kind in KINDS]
        date = format_date(info.published)
        rows.append(
            f"| [{_cell(info.title)}]({link_to(info.src_uri, from_uri)}){'' if annotated else ' ' + t('index.table_not_annotated')}"
            f" | {_cell(info.outlet or '–')} | {date[1] if date else '–'} | " + " | ".join(counts) + " |"
        )
    if not rows:
        return t("index.table_none")
    table = "\n".join([header, rule, *rows])
    if limit is not None and len(articles) > limit:
        table += f"\n\n[{t('index.table_all', count=len(articles))}]({link_to('articles/index.md', from_uri)})"
    return table


def expand_markers(markdown: str, articles: list[ArticleInfo], corpus: Corpus, from_uri: str) -> str:
    """Replace the markers a page may contain, each on a line of its own, with generated content
    (a marker quoted in running text, as the Authoring page does, stays as it is)."""
    if ARTICLES_MARKER in markdown:
        markdown = fill_marker(markdown, ARTICLES_MARKER, lambda: articles_table(articles, corpus, from_uri, HOME_LATEST))
    if LEGEND_MARKER in markdown:
        markdown = fill_marker(markdown, LEGEND_MARKER, legend_html)
    return markdown


def fill_marker(markdown: str, marker: str, content: Callable[[], str]) -> str:
    """``markdown`` with every line that holds only ``marker`` replaced by ``content()``."""
    pattern = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.M)
    return pattern.sub(lambda _: content(), markdown) if pattern.search(markdown) else markdown


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
    lines = [f"# {t('glossary.title')}", "", t("glossary.intro")]
    groups: dict[str, list[str]] = {}
    for label in sorted(used, key=lambda t: corpus.techniques[t].title.lower()):
        groups.setdefault(corpus.techniques[label].group, []).append(label)
    if not groups:
        lines.append(t("glossary.none"))
    for group in sorted(groups):
        lines += [f"## {group}", ""]
        for label in groups[group]:
            technique = corpus.techniques[label]
            lines += [
                f"### {technique.title} {{#{technique.anchor}}}",
                "",
                f"`{label}`: {technique.definition}",
                "",
                t("glossary.used_in", count=len(used[label])),
                "",
                GLOSSARY_SLOT.format(technique=label),
                "",
            ]
    return "\n".join(lines)


def glossary_notes_html(notes: list[Note], titles: Mapping[str, str], hrefs: Mapping[str, str]) -> str:
    """The list of a technique's notes; ``hrefs`` gives each article's URL from the glossary."""
    items = []
    for note in notes:
        quote = escape(quoted(" ".join(note.selector.exact.split())), quote=False)
        items.append("<li>" + h("glossary.note", title=f"<em>{escape(titles[note.slug], quote=False)}</em>",
                                note=escape(t(f"kinds.{note.kind}.note"), quote=False),
                                quote=f'<a href="{escape(hrefs[note.slug])}#{note.element_id}">{quote}</a>') + "</li>")
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
        f"{t('topics.count', notes=total, articles=len(slugs))} "
        f"[{t('topics.all')}]({link_to(TOPICS_DIR + '/index.md', from_uri)})", "",
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
    byline = escape(info.byline())
    notes = "".join(_compare_note(note, link(info.url), techniques, info.lang())
                    for note in index.in_article(topic.id, info.slug))
    return (f'<section class="mg-compare__article"><h2><a href="{escape(link(info.url))}"{info.lang()}>{escape(info.title)}</a></h2>'
            f"<p><em>{byline}</em></p>{notes}</section>")


def _compare_note(note: Note, article_href: str, techniques: Mapping[str, Technique], lang: str = "") -> str:
    technique = techniques.get(note.technique or "")
    head = f'{icon()}<strong>{escape(kind_label(note.kind))}</strong>'
    if technique:
        head += f" · <em>{escape(technique.title)}</em>"
    quote = escape(" ".join(note.selector.exact.split()))
    return (
        f'<div class="mg-compare__note" data-kind="{note.kind}"><p class="mg-compare__head">{head}</p>'
        f'<blockquote class="mg-compare__quote"{lang}><p>{quote}</p></blockquote>'
        f'<div class="mg-compare__body">{note.body_html}{corrections_html(note.corrections)}</div>'
        f'<p><a href="{escape(article_href)}#{note.element_id}">{h("topics.read_in_article")}</a></p></div>'
    )


def topics_index_markdown(corpus: Corpus, index: TopicIndex, articles: Mapping[str, ArticleInfo]) -> str:
    from_uri = topic_src_uri("index")
    title = t("topics.title")
    lines = [
        "---", f"title: {_yaml_string(title)}", "---", "", f"# {_escape_md(title)}", "", t("topics.intro"), "",
        "| " + " | ".join(_cell(t(f"topics.table_{c}")) for c in ("topic", "notes", "by_article")) + " |",
        "|---|---:|---|",
    ]
    for topic in sorted(corpus.topics.values(), key=lambda t: t.title.lower()):
        slugs = [s for s in index.articles_by_topic.get(topic.id, []) if s in articles]
        if not slugs:  # no article in the site uses it: it has no page
            continue
        counts = "; ".join(f"{_cell(articles[s].short_label())}: {len(index.in_article(topic.id, s))}"
                           for s in slugs)
        total = sum(len(index.in_article(topic.id, s)) for s in slugs)
        lines.append(f"| [{_cell(topic.title)}]({link_to(topic_src_uri(topic.id), from_uri)}) | {total} | "
                     f"{counts or '–'} |")
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- corrections -----------------------------------------------------------------------------

CORRECTIONS_PAGE = "corrections.md"

def corrections_markdown(corpus: Corpus, articles: Mapping[str, ArticleInfo],
                         report: str | None = None) -> str:
    """The Corrections page: every correction of every note on the site, newest first.

    Generated as Markdown so that each link to a corrected note is checked by the build
    (``--strict`` fails on a broken one). ``report`` is the Markdown telling readers how to
    report an error, when the site has somewhere to send them.
    """
    entries = [(correction, note) for note in corpus.notes() if note.slug in articles
               for correction in note.corrections]
    entries.sort(key=lambda entry: entry[0].date, reverse=True)  # stable: same day, site order
    title = t("corrections.title")
    lines = ["---", f"title: {_yaml_string(title)}", "---", "", f"# {_escape_md(title)}", "", t("corrections.intro")]
    if report:
        lines += [report, ""]
    if not entries:
        lines.append(t("corrections.none"))
        return "\n".join(lines) + "\n"
    notes = len({note.key for _, note in entries})
    lines += [t("corrections.count", corrections=len(entries), notes=notes), ""]
    day = None
    for correction, note in entries:
        if correction.date != day:
            day = correction.date
            lines += [f"## {format_date(dt.date.fromisoformat(day))[1]} {{#corrected-{day}}}", ""]
        info = articles[note.slug]
        quote = snippet(note.selector.exact, 12)
        lines.append("- " + t(
            "corrections.item", title=f"*{_escape_md(info.title)}*", note=_escape_md(t(f"kinds.{note.kind}.note")),
            quote=f"[{_escape_md(quoted(quote))}]({link_to(info.src_uri, CORRECTIONS_PAGE)}#{note.element_id})",
            change=_one_line(correction.change), why=f"**{t('notes.why')}**", reason=_one_line(correction.reason)))
    return "\n".join(lines) + "\n"


def _one_line(markdown: str) -> str:
    """A correction's Markdown as one line, so that it stays inside its list item."""
    return " ".join(markdown.split())


def report_markdown(repo_url: str | None, method_uri: str | None) -> str:
    """How a reader reports an error: an issue on the site's repository, when it has one."""
    issue = t("corrections.report_issue")
    where = t("corrections.report_where", issue=f"[{issue}]({repo_url.rstrip('/')}/issues)" if repo_url else issue)
    text = t("corrections.report", where=where)
    if method_uri:
        method = f"[{t('corrections.report_method_link')}]({link_to(method_uri, CORRECTIONS_PAGE)})"
        text += " " + t("corrections.report_method", method=method)
    return text
