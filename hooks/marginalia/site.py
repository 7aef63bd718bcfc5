"""One build of a Marginalia site, independent of the static site generator.

The generator adapter (``hooks/marginalia_hook.py`` for MkDocs) drives it in this order:

1. :meth:`Build.load` once: read and validate every annotation file.
2. :meth:`Build.check_articles` once, with the slugs of the article pages that exist.
3. :meth:`Build.render_article` once per article page, with the page's rendered body.
4. :meth:`Build.finish` once, after every page: the problems of the whole run, including
   any note that no page showed. The adapter stops the build if there are errors.
5. :meth:`Build.complete_article` and :meth:`Build.fill_topic_page` once per page, after the
   site's search has indexed it (see below).

What search indexes. The generator's search indexes a page's content as it stands after
step 3, and parsing markup is its main cost (it grows with every element and every level of
nesting). So step 3 returns a *search view* of the article: its words, with each note as its
plain text where it stands (kind, technique, note, sources: what a reader would search for),
without highlights, wrappers, toggles, "Same topic" links or the page furniture around the
article. Step 5 swaps in the page's real content, after checking that nothing else changed
the view meanwhile. A topic page is indexed with its title and description, before its
comparison is filled in: the notes it repeats are found on their article pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

from .article import Placed, annotate
from . import classview
from .export import Anchored, Urls, collection, dumps
from .loader import load_corpus
from .model import Corpus
from .pages import (COMPARE_SLOT, GLOSSARY_SLOT, ArticleInfo, corrections_markdown, expand_markers, glossary_markdown,
                    glossary_notes_html, notes_by_technique, topic_compare_html, topic_page_markdown,
                    topics_index_markdown)
from .markers import Sheet
from .settings import SiteSettings
from .sheets import SheetSite, answer_key_document, rebase_links, sheet_path, worksheet_document
from .problems import Problem, Problems, suggest
from .schema import SCHEMA_DIR, site_schemas
from .safety import HINT as UNSAFE_HINT, locate, unsafe_markup
from .topics import TopicIndex
from . import articleindex, languages, markers, strings
from . import render

ASSETS = Path(__file__).parent / "assets"
ARTICLES_DIR = "articles"
MARKDOWN_EXTENSIONS = ("attr_list", "tables")  # used by the generated pages (glossary, topics)


@dataclass
class Build:
    annotations_dir: Path
    root: Path
    corpus: Corpus = field(default_factory=Corpus)
    problems: Problems = field(default_factory=Problems)
    shown: dict[str, list[str]] = field(default_factory=dict)  # slug -> element ids placed on its page
    article_slugs: set[str] = field(default_factory=set)
    glossary_path: str | None = None  # site path of the technique glossary, once it exists
    topics: TopicIndex = field(default_factory=TopicIndex)
    articles: dict[str, ArticleInfo] = field(default_factory=dict)  # every article page, by slug
    topic_urls: dict[str, str] = field(default_factory=dict)  # topic id -> its page's URL
    site_url: str = ""  # the published address, for the absolute ids of exported annotations
    settings: SiteSettings = field(default_factory=lambda: SiteSettings("Marginalia"))
    anchored: dict[str, list[Anchored]] = field(default_factory=dict)  # slug -> notes as placed
    worksheet_urls: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (sheet, key)
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (search view, content)
    bodies: dict[str, str] = field(default_factory=dict)  # slug -> article body HTML, for its worksheet
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # slug -> text of each zone, as anchored in
    class_overview_path: str | None = None  # site path of the class overview page, once it exists
    _short_labels: dict[str, str] = field(default_factory=dict)  # slug -> "Outlet, Month Year"
    # (note key, same article?) -> the label of a "Same topic" link to that note. A note is listed
    # beside every other note of its topics: made once, not once per note that lists it.
    _related_labels: dict[tuple[str, bool], str] = field(default_factory=dict)

    def load(self) -> None:
        table, problems = strings.load(self.settings.language, self.root)
        strings.use(table)  # every label of this build in the site's language (see strings/)
        self.problems.extend(problems)
        self.corpus, problems = load_corpus(self.annotations_dir, self.root)
        self.problems.extend(problems)
        self.topics = TopicIndex.build(self.corpus)  # rebuilt in publication order by check_articles
        # A topic or technique that no note uses is left out of the site, not an error: a site
        # keeps its vocabularies when it removes the articles that used them.

    def check_articles(self, articles: list[ArticleInfo], excluded: set[str] = frozenset()) -> None:
        """Every annotation file belongs to an article page in the site, and the reverse."""
        self.articles = {info.slug: info for info in articles}
        article_slugs = self.article_slugs = set(self.articles)
        order = sorted(self.articles, key=lambda slug: (str(self.articles[slug].published or ""), slug))
        self.topics = TopicIndex.build(self.corpus, order)
        # An article without an annotation file is not yet annotated: it builds, without notes.
        for slug, article in self.corpus.articles.items():
            if slug in excluded and article.notes:
                self.problems.add(Problem(
                    article.file, f"the article page {ARTICLES_DIR}/{slug}.md is excluded from the site, "
                    f"so its {len(article.notes)} notes would not appear",
                    hint="remove it from exclude_docs (or its draft flag), or remove these notes"))
            elif slug not in article_slugs and slug not in excluded:
                hint = _nearest_slug(slug, article_slugs)
                self.problems.add(Problem(
                    article.file, f"there is no article docs/{ARTICLES_DIR}/{slug}.md for these notes",
                    hint=hint or "name the file after the article's slug, or import the article first"))

    def check_article_markup(self, slug: str, source: str, body_html: str) -> None:
        """The article's own HTML carries nothing that runs code or loads from elsewhere
        (see safety.py); ``source`` is its file's text, to give each finding's line."""
        findings = unsafe_markup(body_html)
        if not findings:
            return
        info = self.articles.get(slug)
        file = f"docs/{info.src_uri if info else f'{ARTICLES_DIR}/{slug}.md'}"
        body_start = _front_matter_end(source)
        offset = source.count("\n", 0, body_start)
        for finding, line in locate(findings, source[body_start:]):
            self.problems.add(Problem(file, f"the article contains {finding.what}",
                                      line + offset if line else None, hint=UNSAFE_HINT))

    def check_article_language(self, slug: str, meta: Mapping[str, object], source: str) -> None:
        """The front matter's ``language``, if any, is a language code (see languages.py)."""
        value = meta.get("language")
        if value is None or languages.tag(value):
            return
        info = self.articles.get(slug)
        file = f"docs/{info.src_uri if info else f'{ARTICLES_DIR}/{slug}.md'}"
        match = re.search(r"^language[ \t]*:", source[:_front_matter_end(source)], re.M)
        line = source.count("\n", 0, match.start()) + 1 if match else None
        self.problems.add(Problem(file, f"language '{value}' is not a language code", line, hint=languages.HINT))

    def used_topics(self) -> list[str]:
        """Topics that a note of an article in the site uses: the ones that get a page."""
        return [topic for topic in self.corpus.topics
                if any(slug in self.articles for slug in self.topics.articles_by_topic.get(topic, []))]

    def article_index_pages(self) -> dict[str, str]:
        """Markdown of the articles' index pages, by path in docs/ (see articleindex.py)."""
        return articleindex.pages(list(self.articles.values()), self.corpus, self.topics, set(self.topic_urls))

    def render_article(self, slug: str, meta: Mapping[str, object], title: str, body_html: str,
                       link: Callable[[str], str] = lambda path: path) -> str:
        """The article page's content: header, body with notes, supplied text, questions.

        ``link`` turns a site-root-relative path (e.g. ``glossary/``) into a URL that works from
        this page, so the site works under any sub-path.
        """
        article = self.corpus.articles.get(slug)
        notes = article.notes if article else []
        questions = article.questions if article else []
        link = _remembered(link)  # the notes' links go to the same few pages again and again
        tools = practice = ""
        overview = link(self.class_overview_path) if self.class_overview_path else ""
        if notes and self.worksheet_urls.get(slug):
            worksheet, key = self.worksheet_urls[slug]
            tools = render.tools_html(link(worksheet), link(key), link(export_path(slug)), overview)
        if notes:
            practice = render.practice_html(slug, title, overview)
        if slug in self.worksheet_urls:
            self.bodies[slug] = body_html
        page = render.article_html(meta, title, without_permalinks(body_html), questions, tools, practice)
        held: list[str] = []

        def toggle(placed: Placed) -> str:
            return render.toggle_html(placed.note, placed.number)

        def write(placed: Placed) -> str:  # held: the note's text stands for it in the search view
            held.append(self._write_note(placed, link))
            return render.held_note_html(len(held) - 1, placed.note, placed.number, self._technique_title(placed.note))

        result = annotate(page, notes, toggle, write)
        self.problems.extend(result.problems)
        self.shown[slug] = [p.note.element_id for p in result.placed]
        self.texts[slug] = result.zones
        self.anchored[slug] = [Anchored(p.note, result.zones[p.element], p.start, p.end, p.element)
                               for p in result.placed]
        content = render.put_held_notes(result.html, held)
        if content is None:  # only if the article's own HTML imitates a stand-in
            self.problems.add(Problem(
                f"docs/{ARTICLES_DIR}/{slug}.md",
                "the article's HTML contains a 'data-mg-held' span, which Marginalia uses while it builds",
                hint="remove that attribute from the article's raw HTML"))
            content = result.html
        view = render.search_view(result.html, (render.legend_html(), practice, tools))
        self.pending[slug] = (view, content)
        return view

    def complete_article(self, slug: str, html: str) -> str:
        """The article page's real content, in place of the search view it had while indexed."""
        if slug not in self.pending:
            return html
        view, content = self.pending.pop(slug)
        if html == view:
            return content
        if html == _SEARCH_ATTRIBUTES.sub("", view):  # the search plugin took out its hints
            return _SEARCH_ATTRIBUTES.sub("", content)
        raise ValueError(f"the article page '{ARTICLES_DIR}/{slug}.md' was changed by another plugin "
                         "between rendering and indexing for search, so its notes cannot be put in place")

    def _technique_title(self, note) -> str | None:
        return self.corpus.techniques[note.technique].title if note.technique else None

    def anchors(self, slug: str) -> list[str]:
        """Element ids the article page gained (its notes), for the generator's link checks."""
        return self.shown.get(slug, [])

    def _write_note(self, placed: Placed, link: Callable[[str], str]) -> str:
        note = placed.note
        technique = None
        if note.technique:
            entry = self.corpus.techniques[note.technique]
            href = link(self.glossary_path) + f"#{entry.anchor}" if self.glossary_path else None
            technique = (entry.title, href)
        related = render.related_html(self._related_links(note, link))
        return render.note_html(note, placed.number, technique, related)

    def _related_links(self, note, link: Callable[[str], str]):
        groups = []
        for related in self.topics.related(note):
            if related.topic not in self.topic_urls:
                continue
            links = []
            for other in related.notes:
                info = self.articles.get(other.slug)
                if info is None:
                    continue
                label = self._related_label(other, info, same_article=other.slug == note.slug)
                links.append((label, link(info.url) + f"#{other.element_id}"))
            groups.append((self.corpus.topics[related.topic].title, link(self.topic_urls[related.topic]),
                           related.total, links))
        return groups

    def _short_label(self, info: ArticleInfo) -> str:
        if info.slug not in self._short_labels:
            self._short_labels[info.slug] = info.short_label()
        return self._short_labels[info.slug]

    def _related_label(self, other, info: ArticleInfo, same_article: bool) -> str:
        """ "This article · framing: “first words…”", or the other article's short label first."""
        key = (other.key, same_article)
        if key not in self._related_labels:
            where = strings.text("notes.this_article") if same_article else self._short_label(info)
            self._related_labels[key] = strings.text(
                "notes.related", where=where, kind=render.kind_word(other.kind),
                quote=render.quoted(render.snippet(other.selector.exact)))
        return self._related_labels[key]

    def topic_pages(self) -> dict[str, str]:
        """Markdown of the generated topic pages, by topic id, plus 'index'."""
        pages = {topic.id: topic_page_markdown(topic, self.topics, self.articles)
                 for topic in self.corpus.topics.values()}
        pages["index"] = topics_index_markdown(self.corpus, self.topics, self.articles)
        return pages

    def glossary(self) -> str:
        """The glossary page's Markdown: every technique in use, with slots for its notes."""
        return glossary_markdown(self.corpus, {slug: info.title for slug, info in self.articles.items()})

    def corrections(self, report: str | None = None) -> str:
        """The Corrections page's Markdown: every correction on the site, newest first."""
        return corrections_markdown(self.corpus, self.articles, report)

    def fill_glossary(self, html: str, link: Callable[[str], str]) -> str:
        """Put each technique's list of notes into the rendered glossary page."""
        titles = {slug: info.title for slug, info in self.articles.items()}
        hrefs = {slug: link(info.url) for slug, info in self.articles.items()}
        for technique, notes in notes_by_technique(self.corpus, titles).items():
            slot = GLOSSARY_SLOT.format(technique=technique)
            html = _fill_slot(html, slot, glossary_notes_html(notes, titles, hrefs))
        return html

    def expand(self, markdown: str, src_uri: str, source: str = "") -> str:
        """Fill in the generated parts a page asks for with a marker (see markers.py and
        pages.py); ``source`` is the page file's text, to give a problem's line."""
        annotated = set(self.sheets())
        sheets = [Sheet(self.articles[slug], sheet_path(slug, False), sheet_path(slug, True)) for slug in annotated]
        markdown, problems = markers.expand(markdown, src_uri, self.settings, annotated, sheets)
        offset = source[:len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        self.problems.extend(replace(p, line=p.line + offset) if p.line else p for p in problems)
        return expand_markers(markdown, list(self.articles.values()), self.corpus, src_uri)

    def description(self, slug: str, meta: Mapping[str, object], title: str) -> str:
        notes = self.corpus.articles[slug].notes if slug in self.corpus.articles else []
        counts = {kind: sum(1 for n in notes if n.kind == kind) for kind in ("framing", "sourcing", "claim")}
        return render.description(meta, title, counts)

    def fill_topic_page(self, topic_id: str, html: str, link: Callable[[str], str]) -> str:
        """Put the side-by-side comparison into a rendered topic page."""
        slot = COMPARE_SLOT.format(topic=topic_id)
        if topic_id not in self.corpus.topics or slot not in html:
            return html
        compare = topic_compare_html(self.corpus.topics[topic_id], self.topics, self.articles,
                                     self.corpus.techniques, link)
        return html.replace(slot, compare)

    def sheets(self) -> list[str]:
        """Slugs of the articles that get a worksheet and an answer key: those with notes."""
        return [slug for slug in self.articles
                if slug in self.corpus.articles and self.corpus.articles[slug].notes]

    def sheet(self, slug: str, key: bool, chrome: SheetChrome, link: Callable[[str], str]) -> str:
        """The worksheet (or answer key) document of an article, once every article is placed.

        ``link`` turns a site path into a URL relative to the sheet itself.
        """
        info, article = self.articles[slug], self.corpus.articles[slug]
        sheet_url, key_url = self.worksheet_urls[slug]
        site = SheetSite(chrome.site_name, home=link(chrome.home) or "./", article=link(info.url),
                         other_sheet=link(sheet_url if key else key_url), stylesheets=tuple(link(path) for path in chrome.stylesheets),
                         favicon=link(chrome.favicon) if chrome.favicon else None, lang=chrome.lang)
        if key:
            notes = [(number, anchored.note) for number, anchored in enumerate(self.anchored.get(slug, []), 1)]
            return answer_key_document(info, article.questions, notes, self.corpus.techniques, site)
        body = rebase_links(self.bodies.get(slug, ""), info.url, link)
        return worksheet_document(info, article.questions, body, site)

    def class_notes(self, link: Callable[[str], str]) -> str:
        """The class overview's script of every article's text and notes (see classview.py);
        ``link`` turns a site path into a URL from the class overview page."""
        articles = [classview.article_data(slug, info.title, link(info.url), self.texts[slug],
                                           self.anchored.get(slug, []))
                    for slug, info in sorted(self.articles.items(), key=lambda item: item[1].title.lower())
                    if slug in self.texts]
        return classview.notes_script(articles)

    def absolute(self, path: str) -> str:
        """An absolute address on the published site (a urn when no site_url is set)."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + path.lstrip("/")
        return "urn:marginalia:" + path.lstrip("/")

    def schemas(self) -> dict[str, str]:
        """The JSON Schemas for editors, as published: site path -> JSON text (see schema.py)."""
        return {f"{SCHEMA_DIR}/{name}": text
                for name, text in site_schemas(self.corpus.topics, self.corpus.techniques).items()}

    def exports(self) -> dict[str, str]:
        """The W3C Web Annotation file of every article with notes: site path -> JSON text."""
        files = {}
        for slug, anchored in self.anchored.items():
            if not anchored or slug not in self.articles:
                continue
            info = self.articles[slug]
            urls = Urls(
                page=self.absolute(info.url),
                export=self.absolute(export_path(slug)),
                topic=lambda t: self.absolute(self.topic_urls[t]) if t in self.topic_urls else None,
                technique=lambda t: (self.absolute(self.glossary_path) + "#" + self.corpus.techniques[t].anchor
                                     if self.glossary_path and t in self.corpus.techniques else None),
            )
            files[export_path(slug)] = dumps(collection(info.title, anchored, urls))
        return files

    def finish(self) -> Problems:
        """Problems of the whole build; a note that no page showed is one of them."""
        for slug, article in self.corpus.articles.items():
            if slug in self.shown or slug not in self.article_slugs or not article.notes:
                continue
            self.problems.add(Problem(
                article.file, f"the article page '{ARTICLES_DIR}/{slug}.md' was not built, so its "
                f"{len(article.notes)} notes would not appear",
                hint="check that the page is not excluded (exclude_docs, draft) from the site"))
        return self.problems


@dataclass(frozen=True)
class SheetChrome:
    """The site around the worksheets: its name and language, and site paths of its files."""

    site_name: str
    home: str
    stylesheets: tuple[str, ...]
    favicon: str | None = None
    lang: str = "en"


# Material's search plugin removes these attributes (data-search-exclude…) from a page after
# reading them; the page's real content loses them the same way.
_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')


def _remembered(link: Callable[[str], str]) -> Callable[[str], str]:
    """``link``, working out each URL once."""
    urls: dict[str, str] = {}

    def remembered(path: str) -> str:
        if path not in urls:
            urls[path] = link(path)
        return urls[path]
    return remembered


def _fill_slot(html: str, slot: str, content: str) -> str:
    """Put generated HTML where Markdown left a slot for it, spaced as Markdown spaces blocks."""
    if slot + "\n\n" in html:
        return html.replace(slot + "\n\n", content + "\n", 1)
    return html.replace(slot, content, 1)


def _front_matter_end(source: str) -> int:
    """Where an article file's body starts: after its front matter, if it has any."""
    match = re.match(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)", source, re.S)
    return match.end() if match else 0


# Heading permalinks (the toc extension's "¶" links) are the theme's, not the article's: inside
# the article's text element they would be text a reader copies and clients count.
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def without_permalinks(body_html: str) -> str:
    return _PERMALINK.sub("", body_html) if 'class="headerlink"' in body_html else body_html


def export_path(slug: str) -> str:
    """Where an article's exported annotations are published, relative to the site root."""
    return f"exports/{slug}.jsonld"


def _nearest_slug(slug: str, slugs: set[str]) -> str | None:
    hint = suggest(slug, slugs)
    return hint.replace("did you mean", "did you mean the article") if hint else None
