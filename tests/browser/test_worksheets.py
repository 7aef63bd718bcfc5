"""Printable worksheets and answer keys, printed to PDF in Chromium and read back."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from marginalia.loader import load_corpus
from tests.conftest import DEMO
from tests.browser.conftest import axe_violations, screenshot
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
    text = (DEMO / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8").split("---", 2)[2]
    return markdown_words(text)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(DEMO / "annotations", DEMO)[0]


@pytest.mark.parametrize("slug", SLUGS)
def test_worksheet_prints_the_whole_text_with_numbered_paragraphs_and_no_notes(browser, base_url, corpus, slug):
    text = pdf_text(browser, f"{base_url}worksheets/{slug}.html")
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
    text = " ".join(pdf_text(browser, f"{base_url}worksheets/{slug}-answer-key.html").split())
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


SHEETS = [f"worksheets/{SLUGS[0]}.html", f"worksheets/{SLUGS[0]}-answer-key.html"]


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", SHEETS)
def test_sheets_read_well_on_screen_and_pass_axe(open_page, path, width):
    page = open_page(path, width)
    name = "worksheet" if "answer-key" not in path else "answer-key"
    screenshot(page, f"{name}-{width}")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    measure = page.evaluate("document.querySelector('main h1').getBoundingClientRect().width")
    assert measure <= 44 * 16 + 1, "a readable measure on wide screens"
    assert page.locator(".mg-sheet-bar__print").is_visible(), "print button where scripting runs"
    if name == "worksheet":  # ruled space beside the text on wide screens, not on a phone
        ruled = page.evaluate("getComputedStyle(document.querySelector('.mg-worksheet > p')).backgroundImage")
        assert ("gradient" in ruled) == (width > 640)


def test_sheet_bar_is_reachable_by_keyboard_and_leads_back(open_page, base_url):
    page = open_page(SHEETS[0], 1440)
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert names == ["Marginalia", "Back to the article", "Answer key", "Print"]
    screenshot(page, "worksheet-keyboard-1440")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Back to the article"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}articles/{SLUGS[0]}/"
    assert page.locator(".mg-note").count() > 0


def test_sheet_print_button_opens_the_print_dialog_and_the_bar_is_not_printed(open_page):
    page = open_page(SHEETS[0], 1440)
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")  # a function would be called
    page.locator(".mg-sheet-bar__print").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not page.locator(".mg-sheet-bar").is_visible()
    screenshot(page, "worksheet-print", full_page=False)


def test_sheet_without_javascript_has_no_dead_print_button(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + SHEETS[0])
        assert not page.locator(".mg-sheet-bar__print").is_visible()
        assert page.locator(".mg-sheet-bar a").count() == 3
    finally:
        context.close()
