"""Saved web pages of different structures, made for these tests (tests/fixtures/pages/): the
article's paragraphs arrive verbatim and in order, with their structure; the metadata is found;
no page furniture and nothing that runs or loads gets in; what was left out is listed."""

from __future__ import annotations

import datetime as dt

import lxml.html
import markdown
import pytest

from marginalia.importer import Provenance, extract
from marginalia.importer.rawtext import decode
from marginalia.safety import unsafe_markup
from tests.conftest import FIXTURES
from tests.textutil import rendered_words, words

PAGES = FIXTURES / "pages"
BLOCKS = "//article//*[self::p or self::li or self::h2 or self::h3][not(ancestor::blockquote) or self::p]"


def imported(name: str, **given):
    path = PAGES / name
    return extract(decode(path.read_bytes(), name), "html", name, Provenance(**given))


def article_blocks(name: str, xpath: str = BLOCKS) -> list[str]:
    """The fixture's own article text, block by block: what the import must keep."""
    tree = lxml.html.fromstring((PAGES / name).read_bytes())
    for junk in tree.xpath("//script|//style|//figure"):
        junk.drop_tree()
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath) if e.text_content().strip()]


STRUCTURES = {
    # name: (title, author, outlet, date, url, furniture that must stay out)
    "news-site.html": ("Harbour council approves flood wall after heated debate", "Maria Jensen",
                       "The Coastal Courier", dt.date(2024, 5, 14),
                       "https://coastal-courier.example/news/2024/05/harbour-flood-wall",
                       ["cookies", "Share on Facebook", "Related stories", "Record tides", "All rights reserved",
                        "Weather", "Photo: Courier staff"]),
    "blog-post.html": ("Why I stopped trusting step counters", "Priya Raman", "Notes from a Slow Runner",
                       dt.date(2023, 11, 2), "https://slowrunner.example/2023/11/step-counters/",
                       ["Subscribe", "Archives", "Share this", "expensive running shoes", "Powered by"]),
    "article-with-comments.html": ("School meals: what the new rules change", "Tom Baker", "The Parents' Post",
                                   dt.date(2024, 2, 20), "https://parentspost.example/2024/02/school-meals-rules",
                                   ["thoughts on", "chips every day", "Typical", "Leave a Reply", "Contact"]),
}


@pytest.mark.parametrize("name", STRUCTURES)
def test_metadata_is_found(name):
    title, author, outlet, date, url, _ = STRUCTURES[name]
    article = imported(name).article
    assert (article.title, article.author, article.outlet, article.published, article.url) == \
           (title, author, outlet, date, url)


@pytest.mark.parametrize("name", STRUCTURES)
def test_the_articles_blocks_arrive_verbatim_and_in_order(name):
    extracted = imported(name)
    container = {"blog-post.html": "//div[@class='entry']", "article-with-comments.html": "//article[@class='post']"}
    xpath = BLOCKS.replace("//article", container.get(name, "//article"))
    expected = [block for block in article_blocks(name, xpath) if block != STRUCTURES[name][0]]
    assert words(extracted.text) == words(" ".join(expected))
    assert rendered_words(extracted.article.body) == words(extracted.text), "the Markdown shows the same words"


@pytest.mark.parametrize("name", STRUCTURES)
def test_no_page_furniture_and_nothing_that_runs_or_loads_gets_in(name):
    extracted = imported(name)
    body = extracted.article.body
    for furniture in STRUCTURES[name][5]:
        assert furniture not in body, furniture
    html = markdown.markdown(body, extensions=["attr_list", "tables"])
    assert unsafe_markup(html) == []
    assert "<" not in body.replace("&lt;", "") and "javascript" not in body.lower()
    assert not any(word in body for word in ("trackParagraph", "dataLayer", "highlight(this)", "prefetch"))


@pytest.mark.parametrize("name", STRUCTURES)
def test_what_was_left_out_is_listed_block_by_block(name):
    left_out = " | ".join(imported(name).left_out)
    for furniture in STRUCTURES[name][5]:
        assert furniture in left_out, furniture
    kept = imported(name).text
    assert all(block not in kept for block in imported(name).left_out)


def test_headings_lists_quotes_links_and_emphasis_are_kept():
    body = imported("news-site.html").article.body
    assert "\n## Residents divided\n" in body
    assert "\n- construction noise during the summer season;\n- higher costs" in body
    assert "\n> “A wall cuts the town off from the sea it was built for,” the petition reads.\n" in body
    assert "[campaign group Save Our Quay](https://coastal-courier.example/news/petition)" in body  # made absolute
    assert "**Ahmed Okafor**" in body and "*cheaper*" in body
    assert "the full study" in body and "(javascript" not in body  # a link that runs code keeps its text only
    blog = imported("blog-post.html").article.body
    assert "\n1. Treadmill walking is not a working day.\n2. Arm movements" in blog
    assert "\n## What the makers say\n" in blog  # the post's h3 under its h2 title: the body starts at h2


def test_characters_markdown_would_read_as_markup_are_shown_as_written():
    body = imported("news-site.html").article.body
    assert "\n2024\\. That is the year" in body  # not a numbered list
    assert "\\*urgent\\*" in body and "the\\_council" in body and "\\[high\\]" in body and "&lt;on a scale" in body
    assert "2024. That is the year the wall was first proposed, in a report marked *urgent* by the_council's " \
           "engineers, who rated the risk [high] <on a scale of 1 to 5> & asked for the full study to be " \
           "published." in " ".join(rendered_words(body))


def test_the_comments_under_an_article_are_left_out():
    extracted = imported("article-with-comments.html")
    assert "Gary" not in extracted.text and "Sue P." not in extracted.text
    assert extracted.blocks["paragraph"] == 4


def test_what_the_person_importing_supplies_wins():
    article = imported("news-site.html", title="Flood wall approved", author="M. Jensen",
                       url="https://coastal-courier.example/x").article
    assert (article.title, article.author, article.url) == ("Flood wall approved", "M. Jensen",
                                                           "https://coastal-courier.example/x")


def test_the_address_a_browser_noted_when_saving_is_used_when_the_page_gives_none():
    html = (PAGES / "blog-post.html").read_text(encoding="utf-8").replace(
        '<meta property="og:url" content="https://slowrunner.example/2023/11/step-counters/">', "")
    html = "<!-- saved from url=(0043)https://slowrunner.example/saved/elsewhere -->\n" + html
    extracted = extract(html, "html", "saved.html", Provenance())
    assert extracted.article.url == "https://slowrunner.example/saved/elsewhere"
    assert "(https://slowrunner.example/2023/08/lab-tests/)" in extracted.article.body


class TestOtherLanguages:
    def test_a_cyrillic_page_in_the_charset_it_declares(self):
        raw = (PAGES / "cyrillic-windows-1251.html").read_bytes()
        assert "Городской".encode("cp1251") in raw  # the fixture really is windows-1251
        extracted = imported("cyrillic-windows-1251.html")
        article = extracted.article
        assert (article.title, article.author, article.outlet) == (
            "Городской совет утвердил строительство дамбы", "Ольга Смирнова", "Вечерний вестник")
        assert words(extracted.text) == words(" ".join(article_blocks("cyrillic-windows-1251.html")))
        assert "«Мы не можем просить владельцев магазинов" in article.body
        assert "Поделиться" not in article.body

    def test_a_japanese_page_without_spaces_between_words(self):
        extracted = imported("japanese.html")
        article = extracted.article
        assert (article.title, article.author, article.outlet, article.published) == (
            "港湾議会、防潮堤の建設を承認", "佐藤美咲", "湾岸タイムズ", dt.date(2024, 7, 9))
        assert extracted.text.split("\n\n") == article_blocks("japanese.html")
        assert "関連記事" not in article.body


def test_a_page_that_needs_javascript_to_show_its_text_is_refused(tmp_path):
    from marginalia.importer import ImportError_

    with pytest.raises(ImportError_, match="found no article text in this page"):
        imported("needs-javascript.html")
