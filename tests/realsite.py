"""Properties of a whole built site that hold for any articles: the real-site checks.

Each ``check_*`` function takes the project folder (``docs/articles/``, ``annotations/``,
``sources/``) and the site built from it, and fails with what is wrong. They never name an
article, a note or a count: ``tests/site/test_real_site.py`` runs them on the project as it
is, and ``tests/site/test_make_it_yours.py`` on a fork that removed the samples and
imported an article of its own, so a fork passes the same suite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from marginalia.articleindex import PAGE_NAMES
from marginalia.importer import reimport
from marginalia.loader import load_corpus
from marginalia.model import Corpus
from tests.linkcheck import broken_links, external_requests
from tests.textutil import visible_text, words


@dataclass(frozen=True)
class ArticleFile:
    slug: str
    path: Path
    text: str
    meta: dict


def article_files(root: Path) -> list[ArticleFile]:
    """Every article of the project, with its front matter."""
    found = []
    for path in sorted((root / "docs" / "articles").glob("*.md")):
        if path.stem in PAGE_NAMES:
            continue
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n", text, re.S)
        found.append(ArticleFile(path.stem, path, text, yaml.safe_load(match.group(1)) if match else {}))
    return found


def corpus_of(root: Path) -> Corpus:
    corpus, problems = load_corpus(root / "annotations", root)
    assert [p for p in problems if not p.warning] == [], [p.format() for p in problems]
    return corpus


def page_of(site: Path, slug: str) -> str:
    return (site / "articles" / slug / "index.html").read_text(encoding="utf-8")


def check_every_note_appears_once_on_its_page(root: Path, site: Path) -> None:
    for slug, article in corpus_of(root).articles.items():
        page = page_of(site, slug)
        shown = re.findall(r'\bid="note-([^"]+)"', page)
        assert sorted(shown) == sorted(n.id for n in article.notes), slug
        for note in article.notes:
            assert f'data-quote-for="{note.id}"' in page, (slug, note.id)


def check_every_article_is_word_for_word_its_source(root: Path, site: Path) -> None:
    """The article file is what the importer makes of its source file (nothing edited by
    hand), and its page shows the text of that source, every word in order."""
    for article in article_files(root):
        if not article.meta.get("source_file"):
            continue  # written by hand: there is no source to hold it to
        fresh = reimport(root, article.meta)
        assert article.text == fresh.article.to_markdown(), f"{article.path} differs from a fresh import of its source"
        page = page_of(site, article.slug)
        assert words(visible_text(page, "mg-article__body")) == words(fresh.text), article.slug
        assert words(article.meta["title"]) == words(visible_text(page, "mg-source"))[:len(words(article.meta["title"]))]


def check_supplied_text_is_shown_apart_and_labelled(root: Path, site: Path) -> None:
    for article in article_files(root):
        supplied = article.meta.get("supplied") or {}
        if not supplied:
            continue
        page = page_of(site, article.slug)
        shown = words(visible_text(page, "mg-supplied"))
        assert "Not written by the author" in visible_text(page, "mg-supplied")
        body = " ".join(words(visible_text(page, "mg-article__body")))
        for text in supplied.values():
            expected = words(text)
            assert any(shown[i:i + len(expected)] == expected for i in range(len(shown))), article.slug
            assert " ".join(expected[:12]) not in body, f"{article.slug}: supplied text inside the article"


def check_article_pages_describe_and_cite_themselves(root: Path, site: Path) -> None:
    corpus = corpus_of(root)
    for article in article_files(root):
        page = page_of(site, article.slug)
        notes = corpus.articles[article.slug].notes if article.slug in corpus.articles else []
        description = re.search(r'<meta name="description" content="([^"]+)">', page).group(1)
        assert f"with {len(notes)} margin notes" in description, (article.slug, description)
        if article.meta.get("outlet"):
            assert article.meta["outlet"].replace("&", "&amp;").replace("'", "&#39;") in description
        assert f'<meta property="og:description" content="{description}">' in page
        cite = visible_text(page, "mg-cite")
        if article.meta.get("url"):
            assert article.meta["url"] in cite, article.slug


def check_worksheets_give_the_author_as_given_and_keep_supplied_text_apart(root: Path, site: Path) -> None:
    corpus = corpus_of(root)
    for article in article_files(root):
        if article.slug not in corpus.articles or not corpus.articles[article.slug].notes:
            assert not (site / "worksheets" / f"{article.slug}.html").exists(), "no notes, no worksheet"
            continue
        sheet = (site / "worksheets" / f"{article.slug}.html").read_text(encoding="utf-8")
        assert (site / "worksheets" / f"{article.slug}-answer-key.html").is_file()
        if article.meta.get("author"):
            assert f"By {article.meta['author']} (author as given in the source file)" in visible_text(sheet, "mg-sheet")
        if article.meta.get("supplied"):
            text = visible_text(sheet, "mg-sheet")
            first = next(iter(article.meta["supplied"].values())).split()[0]
            assert text.index("Not written by the author") < text.rindex(first), article.slug


def check_practice_mode_is_on_every_annotated_article_and_no_other_page(root: Path, site: Path) -> None:
    """The switch is in every article with notes; CSS shows it only where scripting runs."""
    corpus = corpus_of(root)
    for article in article_files(root):
        boxes = re.findall(r'<div class="mg-practice"[^>]*>', page_of(site, article.slug))
        annotated = article.slug in corpus.articles and corpus.articles[article.slug].notes
        assert len(boxes) == (1 if annotated else 0), article.slug
        if annotated:
            assert f'data-article="{article.slug}"' in boxes[0] and "data-mg-skip" in boxes[0]
    for page in site.rglob("*.html"):
        if not re.match(r"articles/[^/]+/index\.html$", page.relative_to(site).as_posix()):
            assert 'class="mg-practice"' not in page.read_text(encoding="utf-8"), page
    assert "marginalia-practice" not in (site / "index.html").read_text(encoding="utf-8"), "loaded only on demand"


def check_the_articles_index_lists_every_article(root: Path, site: Path) -> None:
    corpus = corpus_of(root)
    index = (site / "articles" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li><a href="([^"]+)/">(.*?)</li>', index, re.S)
    assert sorted(href for href, _ in items) == sorted(a.slug for a in article_files(root))
    for href, item in items:
        assert ("not yet annotated" in item) == (href not in corpus.articles), href


def check_no_internal_link_is_broken(root: Path, site: Path, base_path: str = "/marginalia/") -> None:
    assert broken_links(site, base_path) == []


def check_no_page_loads_anything_from_another_site(root: Path, site: Path) -> None:
    own = {urlsplit(m.group(1)).netloc for m in re.finditer(r'<link rel="canonical" href="([^"]+)"',
                                                           (site / "index.html").read_text(encoding="utf-8"))}
    assert [(page, url) for page, url in external_requests(site) if urlsplit(url).netloc not in own] == []


CHECKS = [check_every_note_appears_once_on_its_page, check_every_article_is_word_for_word_its_source,
          check_supplied_text_is_shown_apart_and_labelled, check_article_pages_describe_and_cite_themselves,
          check_worksheets_give_the_author_as_given_and_keep_supplied_text_apart,
          check_practice_mode_is_on_every_annotated_article_and_no_other_page,
          check_the_articles_index_lists_every_article, check_no_internal_link_is_broken,
          check_no_page_loads_anything_from_another_site]
