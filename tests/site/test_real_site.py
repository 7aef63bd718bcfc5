"""The real site: both seed articles word for word, every note on its page, and the seed
annotations held to the editorial standard (../shared/EDITORIAL.md, issue 3)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from marginalia.loader import load_corpus
from marginalia.model import KINDS
from tests.conftest import ROOT, SOURCES
from tests.textutil import markdown_words, visible_text, words

SEEDS = {
    "western-peace-talks-without-russia": SOURCES / "000_cd6566ad51ff6609.txt",
    "putin-peace-plan-capitulation": SOURCES / "004_3b852a85d5142232.txt",
}


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = load_corpus(ROOT / "annotations", ROOT)
    assert problems == []
    return corpus


def page_of(built_site: Path, slug: str) -> str:
    return (built_site / "articles" / slug / "index.html").read_text(encoding="utf-8")


def section(text: str, name: str) -> str:
    return re.search(rf"<{name}>(.*?)</{name}>", text, re.S).group(1)


class TestVerbatim:
    def test_dump_seed_every_word_in_order(self, built_site):
        raw = SEEDS["western-peace-talks-without-russia"].read_text(encoding="utf-8").strip()
        title, body = raw.split("\n", 1)
        page = page_of(built_site, "western-peace-talks-without-russia")
        assert words(visible_text(page, "mg-source").split("Author, as given")[0]) == words(title)
        assert words(visible_text(page, "mg-article__body")) == markdown_words(body)

    def test_tagged_seed_every_word_in_order(self, built_site):
        raw = SEEDS["putin-peace-plan-capitulation"].read_text(encoding="utf-8")
        page = page_of(built_site, "putin-peace-plan-capitulation")
        assert words(visible_text(page, "mg-article__body")) == words(section(raw, "CONTENT"))
        assert words(section(raw, "TITLE"))[0] in visible_text(page, "mg-source")

    def test_supplied_text_is_shown_apart_and_labelled(self, built_site):
        raw = SEEDS["putin-peace-plan-capitulation"].read_text(encoding="utf-8")
        page = page_of(built_site, "putin-peace-plan-capitulation")
        supplied = visible_text(page, "mg-supplied")
        assert "Not written by the author" in supplied
        shown = words(supplied)
        for name in ("SUMMARY", "HIGHLIGHTS"):
            expected = words(section(raw, name))
            assert any(shown[i:i + len(expected)] == expected for i in range(len(shown))), name
        assert "thinly veiled" not in visible_text(page, "mg-article__body")


def test_every_note_appears_on_its_page(built_site, corpus):
    for slug, article in corpus.articles.items():
        page = page_of(built_site, slug)
        shown = re.findall(r'<span class="mg-note[^"]*" id="note-([^"]+)" data-note="([^"]+)"', page)
        assert sorted(a for a, b in shown) == sorted(n.id for n in article.notes)
        for note in article.notes:
            assert f'data-quote-for="{note.id}"' in page


# --- the editorial standard, checked on the seed annotations --------------------------------

def body_words(slug: str) -> int:
    text = (ROOT / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8").split("---", 2)[2]
    return len(markdown_words(text))


def test_each_article_has_enough_notes_of_every_kind(corpus):
    for slug in SEEDS:
        kinds = Counter(note.kind for note in corpus.articles[slug].notes)
        assert sum(kinds.values()) >= 15, slug
        assert all(kinds[kind] >= 4 for kind in KINDS), (slug, kinds)


def test_density_is_comparable(corpus):
    density = {slug: len(corpus.articles[slug].notes) / body_words(slug) * 1000 for slug in SEEDS}
    low, high = sorted(density.values())
    assert high / low <= 1.25, density


def test_notes_are_spread_over_the_whole_article(built_site, corpus):
    """Each third of the article body has notes, not only its start."""
    for slug in SEEDS:
        body = " ".join(words(visible_text(page_of(built_site, slug), "mg-article__body")))
        thirds = Counter()
        for note in corpus.articles[slug].notes:
            position = body.find(" ".join(note.selector.exact.split()))
            if position >= 0:  # notes on the header or supplied text are not in the body
                thirds[min(2, position * 3 // len(body))] += 1
        assert all(thirds[i] >= 3 for i in range(3)), (slug, thirds)


def test_at_least_six_topics_are_shared_by_both_articles(corpus):
    per_article = [{t for n in corpus.articles[s].notes for t in n.topics} for s in SEEDS]
    assert len(per_article[0] & per_article[1]) >= 6


def test_each_article_has_three_to_five_questions(corpus):
    for slug in SEEDS:
        assert 3 <= len(corpus.articles[slug].questions) <= 5


def test_every_claim_cites_a_source_and_sources_are_complete(corpus):
    for note in corpus.notes():
        if note.kind == "claim":
            assert note.sources, note.key
        for source in note.sources:
            assert source.title and source.publisher, (note.key, source)


def test_problems_in_the_files_themselves_are_annotated(corpus):
    """The author field that disagrees with the bio, and the generated summary."""
    notes = corpus.articles["putin-peace-plan-capitulation"].notes
    assert any(n.selector.exact.strip() == "Peter Dickinson" and n.kind == "sourcing" for n in notes)
    assert any(n.part == "supplied" for n in notes)


def test_no_internal_link_is_broken(built_site):
    from tests.conftest import SUBPATH
    from tests.linkcheck import broken_links
    assert broken_links(built_site, SUBPATH) == []


def test_article_pages_describe_and_cite_themselves(built_site):
    page = page_of(built_site, "putin-peace-plan-capitulation")
    description = re.search(r'<meta name="description" content="([^"]+)">', page).group(1)
    assert "Atlantic Council, 7 January 2025" in description and "19 margin notes" in description
    assert re.search(r'<meta property="og:title" content="Putin’s peace plan is actually a call', page)
    assert f'<meta property="og:description" content="{description}">' in page
    cite = visible_text(page, "mg-cite")
    assert "7 January 2025" in cite and "https://www.atlanticcouncil.org/blogs/ukrainealert/" in cite


def test_worksheet_names_the_author_as_given_and_keeps_the_supplied_text_apart(built_site):
    sheet = (built_site / "worksheets" / "putin-peace-plan-capitulation.html").read_text(encoding="utf-8")
    assert "By Peter Dickinson (author as given in the source file)" in sheet
    text = visible_text(sheet, "mg-sheet")
    assert text.index("Serhii Kuzan") < text.index("Not written by the author") < text.index("thinly veiled")


def test_every_annotated_article_offers_practice_mode_and_no_other_page_does(built_site, corpus):
    """The switch is in every annotated article; CSS shows it only where scripting runs."""
    for slug in corpus.articles:
        boxes = re.findall(r'<div class="mg-practice"[^>]*>', page_of(built_site, slug))
        assert len(boxes) == 1, slug
        assert f'data-article="{slug}"' in boxes[0] and "data-mg-skip" in boxes[0]
    others = [p for p in built_site.rglob("*.html") if "/articles/" not in p.as_posix()]
    assert others and not [p for p in others if 'class="mg-practice"' in p.read_text(encoding="utf-8")]
    assets = built_site / "assets" / "marginalia"
    assert (assets / "marginalia-practice.js").is_file() and (assets / "marginalia-practice.css").is_file()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "marginalia-practice" not in home, "practice mode is not loaded with the page"
