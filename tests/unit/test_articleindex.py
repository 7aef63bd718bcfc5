"""The articles' index pages and the Articles section of the navigation, from any number of articles."""

from __future__ import annotations

import datetime as dt

import pytest

from marginalia import articleindex
from marginalia.articleindex import HANDFUL, INDEX, nav_children, newest_first
from marginalia.model import ArticleNotes, Corpus, Note, Selector, Topic
from marginalia.pages import ArticleInfo
from marginalia.topics import TopicIndex


def info(slug: str, published=None, outlet: str | None = "Outlet", title: str | None = None) -> ArticleInfo:
    return ArticleInfo(slug, title or slug.title(), outlet, published, f"articles/{slug}.md", f"articles/{slug}/")


def corpus_with(notes: dict[str, list[str]], topics: dict[str, str] | None = None) -> Corpus:
    """notes: slug -> the kinds of its notes (an article absent here has no annotation file)."""
    corpus = Corpus(topics={t: Topic(t, title, "d") for t, title in (topics or {}).items()})
    for slug, kinds in notes.items():
        corpus.articles[slug] = ArticleNotes(slug, f"{slug}.yml", [
            Note(slug, f"n{i}", kind, Selector("x"), "b", "b", tuple(topics or ())) for i, kind in enumerate(kinds)])
    return corpus


def many(count: int) -> list[ArticleInfo]:
    start = dt.date(2020, 1, 1)
    return [info(f"article-{i:03}", start + dt.timedelta(days=i), f"Outlet {i % 7}") for i in range(count)]


@pytest.mark.parametrize("count", [1, 2, HANDFUL])
def test_up_to_a_handful_the_nav_lists_the_index_and_every_article_newest_first(count):
    articles = many(count)
    assert nav_children(articles) == [INDEX, *(a.src_uri for a in reversed(articles))]


@pytest.mark.parametrize("count", [HANDFUL + 1, 400])
def test_beyond_a_handful_the_nav_holds_the_index_pages_only(count):
    children = nav_children(many(count))
    assert children == [INDEX, {"By outlet": articleindex.BY_OUTLET}, {"By date": articleindex.BY_DATE},
                        {"By topic": articleindex.BY_TOPIC}]


def test_newest_first_and_undated_last():
    articles = [info("old", dt.date(2020, 1, 1)), info("none"), info("new", dt.date(2024, 5, 1)),
                info("mid", "2022-03-04")]
    assert [a.slug for a in newest_first(articles)] == ["new", "mid", "old", "none"]


def test_the_index_gives_outlet_date_and_notes_of_each_kind_or_not_yet_annotated():
    articles = [info("a", dt.date(2024, 5, 14), "The Coastal Courier", "Flood wall"), info("b", dt.date(2024, 6, 1))]
    page = articleindex.index_page(articles, corpus_with({"a": ["framing", "framing", "claim"]}))
    assert "2 articles, newest first (1 not yet annotated)." in page
    assert page.index("[B](b.md)") < page.index("[Flood wall](a.md)")
    assert "The Coastal Courier · 14 May 2024 · 2 framing, 0 sourcing, 1 claim" in page
    assert "Outlet · 1 June 2024 · *not yet annotated*" in page


def test_an_index_of_no_articles_says_how_to_bring_one_in():
    assert "marginalia import" in articleindex.index_page([], Corpus())


def test_by_outlet_groups_under_each_outlet_and_names_the_missing_one():
    articles = [info("a", dt.date(2024, 1, 1), "Zeta"), info("b", dt.date(2024, 2, 1), "alpha"),
                info("c", dt.date(2024, 3, 1), None)]
    page = articleindex.by_outlet_page(articles, Corpus())
    assert page.index("## alpha") < page.index("## Zeta") < page.index("## Outlet not given")


def test_by_date_groups_by_month_newest_first():
    articles = [info("a", dt.date(2023, 11, 2)), info("b", dt.date(2024, 5, 14)), info("c", dt.date(2024, 5, 1)), info("d")]
    page = articleindex.by_date_page(articles, Corpus())
    assert page.index("## May 2024") < page.index("[C](c.md)") < page.index("## November 2023") < page.index("## Date not given")


def test_by_topic_lists_the_articles_with_notes_on_each_topic_in_use():
    corpus = corpus_with({"a": ["framing"], "b": ["claim", "claim"]}, {"talks": "Peace talks"})
    corpus.topics["unused"] = Topic("unused", "Nobody's topic", "d")
    page = articleindex.by_topic_page([info("a"), info("b")], corpus, TopicIndex.build(corpus), {"talks"})
    assert "## [Peace talks](../topics/talks.md)" in page and "Nobody" not in page
    assert "2 notes on this topic" in page and "1 note on this topic" in page


def test_text_from_front_matter_cannot_become_markup():
    page = articleindex.index_page([info("x", title="A *bold* [claim] <b>")], Corpus())
    assert "[A \\*bold\\* \\[claim\\] \\<b\\>](x.md)" in page


def test_the_lists_by_outlet_date_and_topic_exist_beyond_a_handful_only():
    small = articleindex.pages(many(HANDFUL), Corpus(), TopicIndex(), set())
    large = articleindex.pages(many(HANDFUL + 1), Corpus(), TopicIndex(), set())
    assert list(small) == [INDEX] and "Also listed" not in small[INDEX]
    assert list(large) == [INDEX, articleindex.BY_OUTLET, articleindex.BY_DATE, articleindex.BY_TOPIC]
    assert "Also listed [by outlet](by-outlet.md)" in large[INDEX]
