"""The article page and practice mode in WebKit, the engine of every browser on an iPad.

The same properties the Chromium tests check, in Debian's WebKitGTK (MiniBrowser driven by
WebKitWebDriver, see tests/webkit.py): notes beside their passages on a wide screen and
opening under them on a phone, the keyboard reaching and working the toggles, copying that
gives the article's words, and practice mode's round of marking, keeping and checking.
Nothing here names a sample article's wording: each check takes what the page has.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.engine_checks import GEOMETRY, OPENED, opened_note_problems, wide_layout_problems
from tests.browser.test_article_text import (OPEN_EVERY_NOTE, SELECT_A_NOTE, SELECT_ACROSS_PARAGRAPHS,
                                             SELECT_BUSIEST_PARAGRAPH, words)

pytestmark = [pytest.mark.browser, pytest.mark.webkit]


@pytest.fixture(scope="module")
def articles(built_site) -> list[str]:
    paths = sorted(f"articles/{page.parent.name}/" for page in (built_site / "articles").glob("*/index.html"))
    assert paths, "the site has article pages"
    return paths


def annotated(page) -> bool:
    return page.evaluate("() => document.querySelectorAll('.mg-article .mg-note').length > 0")


@pytest.mark.parametrize("width", [1440, 1000])
def test_wide_notes_sit_in_the_margin_beside_their_passages(open_webkit, articles, width):
    problems = []
    for path in articles:
        page = open_webkit(path, width)
        if not annotated(page):
            continue
        page.screenshot(SCREENSHOTS / f"webkit-{path.strip('/').split('/')[-1]}-{width}.png")
        problems += [f"{path}: {p}" for p in wide_layout_problems(page.evaluate(GEOMETRY))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [768, 390])
def test_narrow_notes_start_closed_and_open_under_their_passage(open_webkit, articles, width):
    problems = []
    for path in articles:
        page = open_webkit(path, width, 844)
        if not annotated(page):
            continue
        geo = page.evaluate(GEOMETRY)
        problems += [f"{path}: {n['id']} is open before its toggle is used" for n in geo["notes"] if n["visible"]]
        if geo["scrollWidth"] > geo["innerWidth"]:
            problems.append(f"{path}: the page scrolls sideways")
        ids = [n["id"] for n in geo["notes"]]
        for note_id in dict.fromkeys([ids[0], ids[len(ids) // 2], ids[-1]]):
            page.click(f'.mg-toggle[aria-controls="note-{note_id}"]')
            problems += [f"{path}: {p}" for p in opened_note_problems(page.evaluate(OPENED, note_id), note_id)]
            if note_id == ids[len(ids) // 2]:
                page.screenshot(SCREENSHOTS / f"webkit-{path.strip('/').split('/')[-1]}-{width}-open.png")
            page.click(f'.mg-toggle[aria-controls="note-{note_id}"]')
            if page.evaluate(OPENED, note_id)["expanded"] != "false":
                problems.append(f"{path}: {note_id} does not close from its toggle")
    assert not problems, "\n".join(problems)


FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {toggle: el.classList.contains('mg-toggle'), tag: el.tagName, name: el.getAttribute('aria-label'),
          controls: el.getAttribute('aria-controls'), expanded: el.getAttribute('aria-expanded'), id: el.id,
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""

# From the top of the page, WebKit's Tab never gets past the header: Material's search field
# handles Tab by closing the search and blurring the field, and WebKit then starts again at
# the top of the page (Chromium goes on after the field). The keyboard checks start at the
# article, as a reader who skipped the header would.
START_AT_THE_ARTICLE = "() => { const a = document.querySelector('.mg-article'); a.tabIndex = -1; a.focus(); }"


def first_annotated(open_webkit, articles, width: int):
    page = next((p for p in (open_webkit(path, width, 844) for path in articles) if annotated(p)), None)
    assert page is not None, "an article with notes"
    return page


def test_the_keyboard_reaches_and_works_a_toggle_with_a_visible_focus_ring(open_webkit, articles):
    page = first_annotated(open_webkit, articles, 390)
    page.evaluate(START_AT_THE_ARTICLE)
    for _ in range(300):
        page.press("TAB")
        if page.evaluate(FOCUSED)["toggle"]:
            break
    else:
        pytest.fail("Tab never reaches a note's toggle")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "BUTTON" and re.fullmatch(r"(Framing|Sourcing|Claim) note \d+", focused["name"])
    assert focused["outline"] != "none" and focused["width"] >= 2, "a visible focus ring"
    page.screenshot(SCREENSHOTS / "webkit-keyboard-focus-390.png")
    note_id = focused["controls"]
    page.press("ENTER")
    opened = page.evaluate(OPENED, note_id.removeprefix("note-"))
    assert opened["expanded"] == "true" and opened["visible"], "Enter opens the note"
    assert page.evaluate(FOCUSED)["id"] == note_id, "focus goes into the note"
    page.press("ESCAPE")
    back = page.evaluate(FOCUSED)
    assert back["controls"] == note_id and back["expanded"] == "false", "Escape closes it and comes back"
    assert not page.evaluate(OPENED, note_id.removeprefix("note-"))["visible"]
    page.press("SPACE")
    assert page.evaluate(OPENED, note_id.removeprefix("note-"))["expanded"] == "true", "Space opens it too"


@pytest.mark.parametrize("width", [1440, 390])
def test_the_keyboard_goes_from_each_passage_into_its_note_and_back(open_webkit, articles, width):
    """Tab reaches every toggle in page order; Enter takes focus into its note; Tab past the
    note's last link brings focus back to the toggle; so does Escape."""
    page = first_annotated(open_webkit, articles, width)
    toggles = page.evaluate("() => [...document.querySelectorAll('.mg-toggle')].map(t => t.getAttribute('aria-controls'))")
    page.evaluate(START_AT_THE_ARTICLE)
    reached = []
    for _ in range(400):
        page.press("TAB")
        focused = page.evaluate(FOCUSED)
        if focused["toggle"]:
            reached.append(focused["controls"])
        if len(reached) == len(toggles):
            break
    assert reached == toggles, "every toggle, in page order"
    problems = []
    for note_id in toggles:
        page.evaluate("(id) => document.querySelector(`.mg-toggle[aria-controls='${id}']`).focus()", note_id)
        page.press("ENTER")
        if page.evaluate(FOCUSED)["id"] != note_id:
            problems.append(f"Enter does not go into {note_id}")
            continue
        stops = page.evaluate("(id) => [...document.getElementById(id).querySelectorAll('a[href], button')]"
                              ".filter(e => e.offsetParent).length", note_id)
        page.press(*["TAB"] * (stops + 1))
        if page.evaluate(FOCUSED)["controls"] != note_id:
            problems.append(f"Tab past {note_id} does not come back to its toggle")
        page.press("ENTER", "ESCAPE")
        if page.evaluate(FOCUSED)["controls"] != note_id:
            problems.append(f"Escape in {note_id} does not come back to its toggle")
        if width < 960 and page.evaluate(FOCUSED)["expanded"] == "true":
            page.press("ENTER")
    assert not problems, "\n".join(problems)


def copied(page, select: str) -> dict:
    """Select with ``select`` (it returns the expected text), press Ctrl+C as a reader does,
    and read the clipboard back by pasting it into a text box."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    page.evaluate(PUT_ON_THE_CLIPBOARD, "(nothing copied yet)")
    expected = page.evaluate(select)
    selection = page.evaluate("() => getSelection().toString()")
    ActionChains(page.driver).key_down(Keys.CONTROL).send_keys("c").key_up(Keys.CONTROL).perform()
    return {"expected": expected, "selection": selection, "plain": page.evaluate(PASTED)}


PUT_ON_THE_CLIPBOARD = """(text) => {
  const box = document.createElement('textarea');
  box.value = text;
  document.body.append(box);
  box.select();
  document.execCommand('copy');
  box.remove();
}"""

PASTED = """() => {
  const box = document.createElement('textarea');
  document.body.append(box);
  box.focus();
  document.execCommand('paste');
  const text = box.value;
  box.remove();
  return text;
}"""


@pytest.mark.parametrize("width", [1440, 390])
def test_copying_article_text_gives_exactly_its_words(open_webkit, articles, width):
    problems = []
    for path in articles:
        page = open_webkit(path, width, 844)
        if not annotated(page):
            continue
        if width < 960:
            page.evaluate(OPEN_EVERY_NOTE)  # open notes sit under their passages, between the lines
        for select in (SELECT_BUSIEST_PARAGRAPH, SELECT_ACROSS_PARAGRAPHS):
            got = copied(page, select)
            if not (words(got["selection"]) == words(got["plain"]) == words(got["expected"])):
                problems.append(f"{path}: copied {got['plain'][:300]!r}, the article reads {got['expected'][:300]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1440, 390])
def test_copying_inside_a_note_gives_the_notes_text(open_webkit, articles, width):
    page = first_annotated(open_webkit, articles, width)
    page.evaluate(OPEN_EVERY_NOTE)
    got = copied(page, SELECT_A_NOTE)
    assert got["plain"].strip() and words(got["plain"]) == words(got["expected"])


def test_practice_mode_marks_keeps_and_checks_work(open_webkit, articles):
    """Switch on, mark a published note's passage with its kind, reload, check: it matches."""
    for width in (1440, 390):
        page = next((p for p in (open_webkit(path, width, 844) for path in articles) if annotated(p)), None)
        assert page is not None, "an article with notes"
        first = page.evaluate("""() => { const m = document.querySelector('.mg-article mark[data-quote-for]');
            return {id: m.dataset.quoteFor, kind: m.dataset.kind, text: m.textContent}; }""")
        page.click(".mg-practice__switch")
        page.wait_for("() => { const bar = document.querySelector('.mg-bar'); return !!bar && !bar.hidden; }")
        assert page.evaluate("() => [...document.querySelectorAll('.mg-note, .mg-toggle')]"
                             ".filter(e => e.getClientRects().length).length") == 0, "the published notes are hidden"
        page.element("#mg-passage").send_keys(first["text"])
        page.wait_for("() => /Found/.test(document.querySelector('.mg-bar__status').textContent)")
        page.click(f".mg-bar input[value={first['kind']}]")
        page.click(".mg-bar__add")
        page.wait_for("() => document.querySelectorAll('.mg-mine-note').length === 1")
        page.screenshot(SCREENSHOTS / f"webkit-practice-{width}-marked.png")
        page.reload()
        page.wait_for("() => document.querySelectorAll('.mg-mine-note').length === 1")
        kept = page.evaluate("() => [...document.querySelectorAll('mark.mg-mine')].map(m => m.textContent).join('')")
        assert " ".join(kept.split()) == " ".join(first["text"].split()), "the mark survives a reload"
        page.click(".mg-work__check")
        page.wait_for("() => !!document.querySelector('.mg-mine-note .mg-verdict')")
        assert "mg-verdict--same" in page.evaluate(
            "() => document.querySelector('.mg-mine-note .mg-verdict').className"), "it matches the published note"
        assert page.evaluate("() => document.querySelector('.mg-work__summary').textContent").startswith("You found 1 of")
        page.screenshot(SCREENSHOTS / f"webkit-practice-{width}-checked.png")
        page.evaluate("() => localStorage.clear()")
