"""The articles' index pages and the Articles section of the navigation, made from docs/articles/.

A new article appears by itself: every Markdown file directly in ``docs/articles/`` is an
article, and nothing lists them by hand. The index page (``articles/index.md``) lists them
newest first with their outlet, date and notes of each kind, or says that an article is not
yet annotated (it has no annotation file). Beyond a handful of articles, three more pages list
them by outlet, by month of publication and by topic.

The navigation stays small. MkDocs writes the whole navigation into every page, so a section
that lists every article makes a build grow with the square of the number of articles. Up to
:data:`HANDFUL` articles the section lists them; beyond that it holds the index pages only,
and the articles are reached from there (and from search, topics and the glossary). Every
page this module makes is in the navigation: the theme's table of contents expects that.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from .model import KINDS, Corpus
from .pages import ArticleInfo, link_to, topic_src_uri
from .render import format_date, format_month
from .strings import text as t
from .topics import TopicIndex

ARTICLES_DIR = "articles"
INDEX = f"{ARTICLES_DIR}/index.md"
BY_OUTLET = f"{ARTICLES_DIR}/by-outlet.md"
BY_DATE = f"{ARTICLES_DIR}/by-date.md"
BY_TOPIC = f"{ARTICLES_DIR}/by-topic.md"
PAGE_NAMES = frozenset({"index", "by-outlet", "by-date", "by-topic"})  # docs/articles/ files that are not articles
HANDFUL = 8  # up to this many articles, the navigation lists each one

# The words these pages add are the labels under index: in the table of strings (strings/).


def newest_first(articles: Iterable[ArticleInfo]) -> list[ArticleInfo]:
    """Newest first; undated articles last, by title."""
    articles = list(articles)
    dated = sorted((a for a in articles if a.published), key=lambda a: (str(a.published), a.slug), reverse=True)
    undated = sorted((a for a in articles if not a.published), key=lambda a: (a.title.lower(), a.slug))
    return dated + undated


def note_counts(corpus: Corpus, slug: str) -> dict[str, int] | None:
    """Notes of each kind, or None if the article has no annotation file (not yet annotated)."""
    if slug not in corpus.articles:
        return None
    notes = corpus.articles[slug].notes
    return {kind: sum(1 for n in notes if n.kind == kind) for kind in KINDS}


def counts_text(counts: Mapping[str, int] | None) -> str:
    if counts is None:
        return f"*{t('index.not_annotated')}*"
    return ", ".join(t(f"kinds.{kind}.count", count=counts[kind]) for kind in KINDS)


def _text(text: str) -> str:
    """Text from front matter, shown as written inside generated Markdown."""
    for char in "\\`*_[]<>{}#|":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def entry(info: ArticleInfo, corpus: Corpus, from_uri: str, extra: str | None = None) -> str:
    """One article as a list item: title, then outlet, date and notes on a second line."""
    date = format_date(info.published)
    facts = [_text(info.outlet) if info.outlet else None, date[1] if date else None,
             extra or counts_text(note_counts(corpus, info.slug))]
    return (f"- [{_text(info.title)}]({link_to(info.src_uri, from_uri)})  \n"
            f"  {' · '.join(f for f in facts if f)}")


def _see_also(from_uri: str, here: str) -> str:
    links = [(BY_OUTLET, "by_outlet"), (BY_DATE, "by_date"), (BY_TOPIC, "by_topic"), (INDEX, "all")]
    return t("index.also", links=", ".join(f"[{t('index.also_' + label)}]({link_to(uri, from_uri)})"
                                           for uri, label in links if uri != here))


def _page(title: str, lines: list[str]) -> str:
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "\n".join(["---", f"title: {quoted}", "---", "", f"# {_text(title)}", "", *lines, ""])


def index_page(articles: list[ArticleInfo], corpus: Corpus) -> str:
    if not articles:
        return _page(t("index.articles"), [t("index.none_yet")])
    annotated = sum(1 for a in articles if a.slug in corpus.articles)
    count = t("index.count", count=len(articles))
    if annotated < len(articles):
        count += t("index.count_not_annotated", count=len(articles) - annotated)
    see_also = f" {_see_also(INDEX, INDEX)}" if len(articles) > HANDFUL else ""
    return _page(t("index.articles"), [f"{count}.{see_also}", "",
                                    *(entry(a, corpus, INDEX) for a in newest_first(articles))])


def by_outlet_page(articles: list[ArticleInfo], corpus: Corpus) -> str:
    groups: dict[str, list[ArticleInfo]] = defaultdict(list)
    for info in newest_first(articles):
        groups[info.outlet or ""].append(info)
    lines = [_see_also(BY_OUTLET, BY_OUTLET), ""]
    for outlet in sorted(groups, key=lambda o: (o == "", o.lower())):
        lines += [f"## {_text(outlet) if outlet else t('index.no_outlet')}", "",
                  *(entry(a, corpus, BY_OUTLET) for a in groups[outlet]), ""]
    return _page(t("index.title_by_outlet"), lines)


def by_date_page(articles: list[ArticleInfo], corpus: Corpus) -> str:
    groups: dict[str, list[ArticleInfo]] = {}
    for info in newest_first(articles):
        groups.setdefault(format_month(info.published) or t("index.no_date"), []).append(info)
    lines = [_see_also(BY_DATE, BY_DATE), ""]
    for month, infos in groups.items():
        lines += [f"## {month}", "", *(entry(a, corpus, BY_DATE) for a in infos), ""]
    return _page(t("index.title_by_date"), lines)


def by_topic_page(articles: list[ArticleInfo], corpus: Corpus, topics: TopicIndex,
                  topic_pages: set[str]) -> str:
    """Each topic some note uses, with the articles that have notes on it (``topic_pages``:
    the topics that have a page)."""
    infos = {a.slug: a for a in articles}
    lines = [_see_also(BY_TOPIC, BY_TOPIC), ""]
    for topic in sorted(corpus.topics.values(), key=lambda t: t.title.lower()):
        slugs = [s for s in topics.articles_by_topic.get(topic.id, []) if s in infos]
        if not slugs:
            continue
        title = _text(topic.title)
        heading = f"[{title}]({link_to(topic_src_uri(topic.id), BY_TOPIC)})" if topic.id in topic_pages else title
        lines += [f"## {heading}", ""]
        for info in newest_first(infos[s] for s in slugs):
            count = len(topics.in_article(topic.id, info.slug))
            lines.append(entry(info, corpus, BY_TOPIC, t("index.on_topic", count=count)))
        lines.append("")
    if len(lines) == 2:
        lines.append(t("index.no_topic"))
    return _page(t("index.title_by_topic"), lines)


def pages(articles: list[ArticleInfo], corpus: Corpus, topics: TopicIndex, topic_pages: set[str]) -> dict[str, str]:
    """Markdown of every index page, by its path in docs/: the index, and beyond a handful of
    articles the lists by outlet, date and topic (which the navigation then holds)."""
    if len(articles) <= HANDFUL:
        return {INDEX: index_page(articles, corpus)}
    return {INDEX: index_page(articles, corpus), BY_OUTLET: by_outlet_page(articles, corpus),
            BY_DATE: by_date_page(articles, corpus), BY_TOPIC: by_topic_page(articles, corpus, topics, topic_pages)}


def nav_children(articles: list[ArticleInfo]) -> list:
    """The Articles section of the navigation: the index, then each article (newest first) or,
    beyond a handful, the other index pages."""
    if len(articles) <= HANDFUL:
        return [INDEX, *(a.src_uri for a in newest_first(articles))]
    return [INDEX, {t("index.by_outlet"): BY_OUTLET}, {t("index.by_date"): BY_DATE}, {t("index.by_topic"): BY_TOPIC}]
