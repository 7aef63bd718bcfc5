"""What search indexes of an article page, and the page it gets afterwards, for any article.

While the site's search indexes an article page, the page's content is a flat *search view*
(see marginalia/site.py): every word of the article and each note's text, with no highlights
or wrappers. Afterwards the real content takes its place, with every note where it belongs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marginalia.htmldoc import HtmlDoc
from marginalia.model import ArticleNotes, Corpus, Note
from marginalia.render import article_html, kind_label
from marginalia.site import Build
from tests.textutil import visible_text
from tests.property.strategies import article_fragments, smallest_context, spans

ZONE_OPEN = '<div data-mg-part="article">'
TITLE = "Talks “again”"


def words(markup: str) -> list[str]:
    return html.unescape(re.sub(r"<[^>]*>", " ", markup)).split()


STAND_IN_TEXT = re.compile(r"(?:Framing|Sourcing|Claim) note \d+: Note \d+ says why\.")


def letters(markup: str) -> str:
    """The text without any white space: a note placed inside a word splits it in two."""
    return "".join(words(markup))


@st.composite
def passage(draw, texts: list[str]) -> tuple[int, int]:
    """A passage inside one of ``texts``, as offsets into their texts joined by line breaks
    (how the build searches a part's text elements: see marginalia/article.py)."""
    index = draw(st.integers(0, len(texts) - 1))
    start, end = draw(spans(texts[index]))
    base = sum(len(text) + 1 for text in texts[:index])
    return base + start, base + end


@st.composite
def articles(draw):
    """An article body and notes on passages of its text elements (the title's included)."""
    fragment = draw(article_fragments())
    body = fragment[len(ZONE_OPEN):-len("</div>")]
    doc = HtmlDoc.parse(article_html({}, TITLE, body, []))
    texts = [element.text for element in doc.elements if element.part == "article"]
    joined = "\n".join(texts)
    chosen = draw(st.lists(passage(texts), min_size=1, max_size=5))
    kinds = st.sampled_from(["framing", "sourcing", "claim"])
    notes = [Note("a", f"n{n}", draw(kinds), smallest_context(joined, *span), f"Note {n} says why.",
                  f"Note {n} says why.", ("t",)) for n, span in enumerate(chosen)]
    return body, notes


def rendered(body: str, notes: list[Note]) -> tuple[Build, str]:
    """A build holding one article with these notes, and the search view of its page."""
    build = Build(Path("annotations"), Path("."))
    build.corpus = Corpus({"a": ArticleNotes("a", "annotations/a.yml", notes, ["Why?"])})
    return build, build.render_article("a", {}, TITLE, body)


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles())
def test_search_sees_every_word_of_the_article_and_of_each_note_and_nothing_nested(case):
    body, notes = case
    build, view = rendered(body, notes)
    # passages are picked anywhere, mid-word too: that is reported to the author, and placed all the same
    assert not [p for p in build.problems.errors if "inside a word" not in p.message]
    assert not re.search(r"<(?:div|mark)\b|data-mg-held|mg-toggle|Practice mode", view)
    assert letters(body) in letters(STAND_IN_TEXT.sub("", view)), "the article's text, in order"
    flat = " ".join(words(view))
    for note in notes:
        assert f"{kind_label(note.kind)} note" in flat and note.body in flat
    assert len(re.findall(r"(?:Framing|Sourcing|Claim) note \d+:", flat)) == len(notes)


@SETTINGS
@given(articles())
def test_after_indexing_the_page_gets_every_note_once_beside_the_same_words(case):
    body, notes = case
    build, view = rendered(body, notes)
    page = build.complete_article("a", view)
    for note in notes:
        assert page.count(f'id="{note.element_id}"') == 1
        assert f'data-quote-for="{note.id}"' in page
    assert letters(body) == "".join(visible_text(page, "mg-article__body").split()), "the same text"


@SETTINGS
@given(articles())
def test_a_view_changed_by_someone_else_is_refused(case):
    body, notes = case
    build, view = rendered(body, notes)
    with pytest.raises(ValueError, match="changed by another plugin"):
        build.complete_article("a", view + "<p>added</p>")
