"""What a reader sees on an article page, in Chromium: margin layout, toggles, keyboard, axe."""

from __future__ import annotations

import re

import pytest
from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

ARTICLES = ["articles/western-peace-talks-without-russia/", "articles/putin-peace-plan-capitulation/"]
WIDE = [1440, 1000]
NARROW = [768, 390, 360]
MAX_DRIFT = 320  # px; where notes cluster, later ones are pushed down (measured max: 260 at 1000 px)

GEOMETRY = """() => {
  const box = r => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const article = document.querySelector('.mg-article');
  const text = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.data.trim() || node.parentElement.closest('.mg-note, .mg-toggle')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0) text.push(box(r));
  }
  const notes = [...article.querySelectorAll('.mg-note')].map(n => ({
    id: n.dataset.note,
    visible: n.checkVisibility(),
    rect: box(n.getBoundingClientRect()),
    preview: n.scrollHeight > n.clientHeight + 1,
    whole: n.scrollHeight,
    passage: [...document.querySelectorAll(`[data-quote-for="${n.dataset.note}"]`)]
      .flatMap(m => [...m.getClientRects()].map(box)),
  }));
  return {notes, text, scrollWidth: document.documentElement.scrollWidth, innerWidth};
}"""


def overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def slug(path: str) -> str:
    return path.rstrip("/").split("/")[-1]


@pytest.mark.parametrize("width", WIDE)
@pytest.mark.parametrize("path", ARTICLES)
def test_wide_notes_sit_in_the_margin_beside_their_passage(open_page, path, width):
    page = open_page(path, width)
    screenshot(page, f"{slug(path)}-{width}")
    geo = page.evaluate(GEOMETRY)
    notes = geo["notes"]
    assert notes, "the article has notes"
    assert all(n["visible"] for n in notes), "every note is shown on a wide screen"
    text_right = max(r["right"] for r in geo["text"])
    for n in notes:
        assert n["rect"]["left"] >= text_right, f"{n['id']} is in the margin, right of the text"
        for r in geo["text"]:
            assert not overlaps(n["rect"], r), f"{n['id']} overlaps the text"
    for a, b in zip(notes, notes[1:]):
        assert a["rect"]["bottom"] <= b["rect"]["top"] + 0.5, f"{a['id']} and {b['id']} overlap or are out of order"
    drifts = []
    for previous, n in zip([None, *notes], notes):
        line_top = n["passage"][-1]["top"]
        offset = n["rect"]["top"] - line_top
        assert offset >= -12, f"{n['id']} starts above its passage"
        if previous is None or previous["rect"]["bottom"] < line_top - 16:
            assert offset <= 16, f"{n['id']} starts {offset:.0f}px below its passage's line"
        else:  # pushed by the note above: on its passage's line or the next, or right below that note
            gap = n["rect"]["top"] - previous["rect"]["bottom"]
            assert offset <= 32 or gap <= 24, f"{n['id']} is far below both its passage and the note above"
        drifts.append(offset)
    for n, following in zip(notes, notes[1:]):  # a preview only where the whole note would reach the next passage
        room = following["passage"][-1]["top"] - n["rect"]["top"]
        if n["preview"]:
            assert n["whole"] > room - 8, f"{n['id']} is cut, though the margin has room for all of it"
        else:
            assert n["rect"]["bottom"] <= following["passage"][-1]["top"] + 0.5, f"{n['id']} reaches the next passage"
    drifts.sort()
    assert drifts[len(drifts) // 2] <= 60, f"most notes are level with their passage: {drifts}"
    assert drifts[-1] <= MAX_DRIFT, f"no note is pushed far from its passage: {drifts}"
    assert geo["scrollWidth"] <= geo["innerWidth"]


def test_more_shows_a_whole_long_note_and_the_notes_below_make_room(open_page):
    page = open_page(ARTICLES[1], 1440)
    note_id = page.locator(".mg-article .mg-note.mg-preview .mg-more").nth(2).get_attribute("aria-controls")
    note, more = page.locator(f"#{note_id}"), page.locator(f"#{note_id} .mg-more")
    preview_height = note.bounding_box()["height"]
    more.click()
    assert more.get_attribute("aria-expanded") == "true" and more.inner_text() == "Less"
    assert more.get_attribute("aria-label").startswith("Less of ")
    assert note.bounding_box()["height"] > preview_height + 20
    screenshot(page, "more-expanded-1440")
    notes = page.evaluate(GEOMETRY)["notes"]
    for a, b in zip(notes, notes[1:]):
        assert a["rect"]["bottom"] <= b["rect"]["top"] + 0.5, "an expanded note never overlaps the next"
    more.click()
    assert more.get_attribute("aria-expanded") == "false"
    assert abs(note.bounding_box()["height"] - preview_height) < 1


@pytest.mark.parametrize("width", NARROW)
@pytest.mark.parametrize("path", ARTICLES)
def test_narrow_notes_open_inline_right_after_their_passage(open_page, path, width):
    page = open_page(path, width, height=800)
    geo = page.evaluate(GEOMETRY)
    assert not any(n["visible"] for n in geo["notes"]), "notes start closed on a narrow screen"
    assert geo["scrollWidth"] <= geo["innerWidth"], "no horizontal scrolling"
    toggles = page.locator(".mg-article .mg-toggle")
    assert toggles.count() == len(geo["notes"])
    for index in (0, toggles.count() // 2, toggles.count() - 1):
        toggle = toggles.nth(index)
        note_id = toggle.get_attribute("aria-controls")
        note = page.locator(f"#{note_id}")
        toggle.scroll_into_view_if_needed()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and note.is_visible()
        passage_bottom = page.evaluate(
            "id => Math.max(...[...document.querySelectorAll(`[data-quote-for='${id}']`)]"
            ".map(m => m.getBoundingClientRect().bottom))", note_id.removeprefix("note-"))
        toggle_box, note_top = toggle.bounding_box(), note.bounding_box()["y"]
        assert toggle_box["y"] <= passage_bottom + 40, "the toggle follows its passage (on its line or the next)"
        assert passage_bottom - 2 <= note_top <= toggle_box["y"] + toggle_box["height"] + 24, \
            "the note opens right after its passage and toggle"
        if index == toggles.count() // 2:
            screenshot(page, f"{slug(path)}-{width}-open")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "false" and not note.is_visible()


OPEN_ALL_AND_FIND_OVERLAPS = """() => {
  // Open every note, then list any two notes, or a note and a line of text, that overlap.
  document.querySelectorAll('.mg-toggle').forEach(t => t.click());
  const box = r => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const notes = [...document.querySelectorAll('.mg-note')].map(n => ({id: n.id, ...box(n.getBoundingClientRect())}));
  const text = [], walker = document.createTreeWalker(document.querySelector('.mg-article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.data.trim() || node.parentElement.closest('.mg-note')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width) text.push(box(r));
  }
  const overlap = (a, b) => a.left < b.right - .5 && b.left < a.right - .5 && a.top < b.bottom - .5 && b.top < a.bottom - .5;
  return notes.flatMap((n, i) => [...notes.slice(i + 1).filter(m => overlap(n, m)).map(m => n.id + ' / ' + m.id),
                                  ...text.filter(t => overlap(n, t)).map(t => n.id + ' / text at ' + Math.round(t.top))]);
}"""


@pytest.mark.parametrize("width", [768, 390])
@pytest.mark.parametrize("path", ARTICLES)
def test_narrow_every_note_open_at_once_overlaps_nothing(open_page, path, width):
    """Open notes stack under their passages' lines, and the text makes room for them."""
    page = open_page(path, width, height=800)
    assert page.evaluate(OPEN_ALL_AND_FIND_OVERLAPS) == []
    assert page.locator(".mg-note:visible").count() == page.locator(".mg-note").count()


def test_keyboard_reaches_and_operates_a_toggle_with_a_visible_focus_ring(open_page):
    page = open_page(ARTICLES[0], 390)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mg-toggle')"):
            break
    else:
        pytest.fail("no note toggle reachable with Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {name: el.getAttribute('aria-label'), tag: el.tagName, controls: el.getAttribute('aria-controls'),
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")
    assert focused["tag"] == "BUTTON"
    assert re.fullmatch(r"(Framing|Sourcing|Claim) note \d+", focused["name"])
    assert focused["outline"] != "none" and focused["width"] >= 2, "visible focus ring"
    screenshot(page, "keyboard-focus-390")
    note = page.locator(f"#{focused['controls']}")
    toggle = page.locator(f".mg-toggle[aria-controls='{focused['controls']}']")
    page.keyboard.press("Enter")
    assert note.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == focused["controls"], "focus goes into the note"
    page.keyboard.press("Escape")
    assert not note.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == focused["controls"], \
        "and comes back to its toggle"
    page.keyboard.press("Space")
    assert note.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    toggle.focus()
    page.keyboard.press("Space")
    assert not note.is_visible() and toggle.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("path", ARTICLES)
def test_without_javascript_every_note_is_visible(open_page, path):
    page = open_page(path, 390, java_script_enabled=False)
    notes = page.locator(".mg-article .mg-note")
    assert notes.count() > 0
    assert all(notes.nth(i).is_visible() for i in range(notes.count()))
    assert page.locator(".mg-toggle:visible").count() == 0, "toggles that could not work are hidden"


@pytest.mark.parametrize("path", ARTICLES)
def test_in_print_every_note_is_visible(open_page, path):
    page = open_page(path, 1000)
    page.emulate_media(media="print")
    notes = page.locator(".mg-article .mg-note")
    assert all(notes.nth(i).is_visible() for i in range(notes.count()))
    printed = page.evaluate("""() => [...document.querySelectorAll('.mg-toggle')].map(t => {
        const style = getComputedStyle(t), after = getComputedStyle(t, '::after');
        return {number: after.content, border: style.borderStyle, inFlow: getComputedStyle(
            document.getElementById(t.getAttribute('aria-controls'))).position};
    })""")
    assert printed and all(p["number"].strip('"').isdigit() and p["border"] == "none" for p in printed), \
        "each passage prints its note's number, not a button"
    assert {p["inFlow"] for p in printed} == {"static"}, "the notes print after their text, in order"
    screenshot(page, f"{slug(path)}-print", full_page=True)


def a_topic_page(built_site) -> str:
    """The first topic page of the site, whichever topics a fork has."""
    pages = sorted(p for p in (built_site / "topics").glob("*/index.html"))
    assert pages, "the site has topic pages"
    return pages[0].parent.relative_to(built_site).as_posix() + "/"


EXPAND_EVERY_NOTE = """() => {
  // Open every note (phone) or show every preview whole (wide): all their links are checked.
  const wide = innerWidth >= 960;
  document.querySelectorAll(wide ? '.mg-note.mg-preview .mg-more' : '.mg-toggle').forEach(b => b.click());
  return [...document.querySelectorAll('.mg-note')].filter(n => n.checkVisibility()).length;
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", [*ARTICLES, "", "glossary/", "topic"])
def test_no_axe_violations(open_page, built_site, path, width, scheme):
    """WCAG 2.2 AA (axe's wcag2a, wcag2aa, wcag21aa and wcag22aa rules), every note open."""
    page = open_page(a_topic_page(built_site) if path == "topic" else path, width,
                     color_scheme="dark" if scheme == "slate" else "light")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    if path in ARTICLES:
        assert page.evaluate(EXPAND_EVERY_NOTE) == page.locator(".mg-note").count()
    assert axe_violations(page) == []


def test_notes_survive_instant_navigation(open_page):
    page = open_page("", 390)
    page.evaluate("document$")  # Material's instant navigation is active
    page.locator(".md-content a[href$='western-peace-talks-without-russia/']").first.click()
    page.wait_for_url(re.compile("western-peace-talks-without-russia"))
    page.wait_for_selector(".mg-article .mg-toggle")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "no full page load"
    toggle = page.locator(".mg-article .mg-toggle").first
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#" + toggle.get_attribute("aria-controls")).is_visible()


def test_link_to_a_note_opens_and_highlights_it_on_a_phone(open_page, base_url):
    page = open_page(ARTICLES[1], 390)
    note_id = page.locator(".mg-article .mg-note").nth(3).get_attribute("id")
    page.goto(f"{base_url}{ARTICLES[1]}#{note_id}")
    note = page.locator(f"#{note_id}")
    note.wait_for(state="visible")
    assert "mg-target" in note.get_attribute("class")
    assert page.locator(f".mg-toggle[aria-controls='{note_id}']").get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("width", [1440, 390])
def test_following_a_same_topic_link_reaches_the_other_note_highlighted(open_page, width):
    page = open_page(ARTICLES[0], width)
    note = page.locator(".mg-article .mg-note", has=page.locator(".mg-related a[href*='putin-peace-plan']")).first
    note_id = note.get_attribute("id")
    if width < 960:
        page.locator(f".mg-toggle[aria-controls='{note_id}']").click()
    elif note.locator(".mg-more").is_visible():
        note.locator(".mg-more").click()
    link = note.locator(".mg-related a[href*='putin-peace-plan']").first
    target_id = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(f"putin-peace-plan-capitulation/#{target_id}$"))
    target = page.locator(f"#{target_id}")
    target.wait_for(state="visible")
    page.wait_for_function("id => document.getElementById(id).classList.contains('mg-target')", arg=target_id)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "instant navigation"
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], "the target note is scrolled into view"
    outline = page.evaluate("id => getComputedStyle(document.getElementById(id)).outlineStyle", target_id)
    assert outline != "none", "the target note is visibly highlighted"
    marks = page.locator(f"[data-quote-for='{target_id.removeprefix('note-')}'].mg-target")
    assert marks.count() >= 1, "its passage is highlighted too"
    if width < 960:
        assert page.locator(f".mg-toggle[aria-controls='{target_id}']").get_attribute("aria-expanded") == "true"
    screenshot(page, f"crosslink-target-{width}")


def test_search_finds_article_text_and_notes(open_page):
    page = open_page("", 1440)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("Zaporizhzhia", delay=20)  # Material reads keystrokes
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    assert "peace" in page.locator(".md-search-result").inner_text().lower()


def test_other_pages_keep_their_table_of_contents_and_dark_mode_toggle(open_page):
    page = open_page("method/", 1440)
    assert page.locator(".md-sidebar--secondary .md-nav__link").count() >= 3
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") != before


LAYOUT_SHIFT = """
  window.__cls = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", ARTICLES)
def test_nothing_moves_after_the_first_paint(browser, base_url, path, width):
    """The notes, toggles and practice switch are laid out with the text: no layout shift."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(LAYOUT_SHIFT)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_function("document.fonts.status === 'loaded'")
        assert page.evaluate("window.__cls") < 0.01
    finally:
        context.close()
