"""Printable worksheets and answer keys, printed to PDF in Chromium and read back."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from marginalia.loader import load_corpus
from tests.conftest import ROOT
from tests.textutil import markdown_words, words

pytestmark = pytest.mark.browser

SLUGS = ["western-peace-talks-without-russia", "putin-peace-plan-capitulation"]


def pdf_text(browser, url: str) -> str:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        data = page.pdf(format="A4", print_background=True)
    finally:
        page.close()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def body_words(slug: str) -> list[str]:
    text = (ROOT / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8").split("---", 2)[2]
    return markdown_words(text)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "annotations", ROOT)[0]


@pytest.mark.parametrize("slug", SLUGS)
def test_worksheet_prints_the_whole_text_with_numbered_paragraphs_and_no_notes(browser, base_url, corpus, slug):
    text = pdf_text(browser, f"{base_url}worksheets/{slug}/")
    printed = [w for w in words(text) if not re.fullmatch(r"\d+", w)]  # paragraph numbers aside
    expected = [w for w in body_words(slug) if not re.fullmatch(r"\d+", w)]
    start = next(i for i in range(len(printed)) if printed[i:i + 8] == expected[:8])
    assert printed[start:start + len(expected)] == expected, "every word of the article, in order"
    assert re.search(r"^1 +\S", text, re.M) and re.search(r"^12 +\S", text, re.M), "numbered paragraphs"
    for question in corpus.articles[slug].questions:
        assert " ".join(question.split()[:6]) in " ".join(text.split())
    for note in corpus.articles[slug].notes:  # the published notes are not on the worksheet
        assert " ".join(note.body.split()[:10]) not in " ".join(text.split())


@pytest.mark.parametrize("slug", SLUGS)
def test_answer_key_prints_every_note_numbered_and_grouped_by_kind(browser, base_url, built_site, corpus, slug):
    text = " ".join(pdf_text(browser, f"{base_url}worksheets/{slug}-answer-key/").split())
    article = (built_site / "articles" / slug / "index.html").read_text(encoding="utf-8")
    numbers = dict(re.findall(r'id="note-([^"]+)"[^>]*><span class="mg-note__head"><span class="mg-note__num">(\d+)',
                              article))
    positions = []
    for note in corpus.articles[slug].notes:
        opening = " ".join(note.selector.exact.split()[:5]).replace('"', "“")
        match = re.search(rf"{numbers[note.id]}\. “{re.escape(opening[:20])}", text.replace('"', "“"))
        assert match, (note.id, numbers[note.id], opening)
        positions.append((note.kind, match.start()))
    heads = {kind: text.index(f"{kind.title()} (") for kind in ("framing", "sourcing", "claim")}
    assert heads["framing"] < heads["sourcing"] < heads["claim"]
    for kind, position in positions:
        following = [h for h in heads.values() if h > heads[kind]]
        assert heads[kind] < position < min(following, default=len(text)), "each note under its kind"
