"""The article page and practice mode in WebKit, the engine of every browser on an iPad.

The same properties the Chromium tests check, in Debian's WebKitGTK (MiniBrowser driven by
WebKitWebDriver, see tests/webkit.py): notes beside their passages on a wide screen and
opening under them on a phone, the keyboard reaching and working the toggles, copying that
gives the article's words, and practice mode's round of marking, keeping and checking.
Nothing here names a sample article's wording: each check takes what the page has.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.engine_checks import GEOMETRY, OPENED, opened_note_problems, wide_layout_problems

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
          controls: el.getAttribute('aria-controls'), expanded: el.getAttribute('aria-expanded'),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_the_keyboard_reaches_and_works_a_toggle_with_a_visible_focus_ring(open_webkit, articles):
    page = next((p for p in (open_webkit(path, 390, 844) for path in articles) if annotated(p)), None)
    assert page is not None, "an article with notes"
    # Start at the article. From the top of the page, WebKit's Tab never gets past the header:
    # Material's search field handles Tab by closing the search and blurring the field, and
    # WebKit then starts again at the top of the page (Chromium goes on after the field).
    page.evaluate("() => { const a = document.querySelector('.mg-article'); a.tabIndex = -1; a.focus(); }")
    for _ in range(300):
        page.press("TAB")
        if page.evaluate(FOCUSED)["toggle"]:
            break
    else:
        pytest.fail("Tab never reaches a note's toggle")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "BUTTON" and focused["name"], "a real button with a name"
    assert focused["outline"] != "none" and focused["width"] >= 2, "a visible focus ring"
    page.screenshot(SCREENSHOTS / "webkit-keyboard-focus-390.png")
    note_id = focused["controls"].removeprefix("note-")
    page.press("ENTER")
    opened = page.evaluate(OPENED, note_id)
    assert opened["expanded"] == "true" and opened["visible"], "Enter opens the note"
    assert page.evaluate("(id) => document.getElementById(id).contains(document.activeElement)", focused["controls"]), \
        "focus goes into the opened note"
    page.press("ESCAPE")
    back = page.evaluate(FOCUSED)
    assert back["toggle"] and back["controls"] == focused["controls"], "Escape brings focus back to the toggle"
    assert back["expanded"] == "false" and not page.evaluate(OPENED, note_id)["visible"], "and closes the note"


COPY = """(index) => {
  // Select a whole paragraph that holds a note's toggle and copy it as a reader would, then
  // read the clipboard back by pasting into a text box.
  const paragraph = [...document.querySelectorAll('.mg-article [data-mg-part] p')]
    .filter(p => p.querySelector('.mg-toggle'))[index];
  if (!paragraph) return null;
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const copied = document.execCommand('copy');
  const box = document.createElement('textarea');
  document.body.append(box);
  box.focus();
  const pasted = document.execCommand('paste');
  const text = box.value;
  box.remove();
  return {copied, pasted, text, expected: paragraph.textContent,
          notes: [...paragraph.querySelectorAll('.mg-toggle')].map(t => document.getElementById(t.getAttribute('aria-controls')).textContent)};
}"""


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", [1440, 390])
def test_copying_a_paragraph_gives_the_article_s_words_only(open_webkit, articles, width):
    problems, checked = [], 0
    for path in articles:
        page = open_webkit(path, width, 844)
        for index in range(3):
            got = page.evaluate(COPY, index)
            if got is None:
                break
            checked += 1
            assert got["copied"] and got["pasted"], "WebKit copies and pastes (clipboard access is on)"
            if words(got["text"]) != words(got["expected"]):
                problems.append(f"{path} paragraph {index}: copied {got['text'][:300]!r}, "
                                f"the article reads {got['expected'][:300]!r}")
    assert checked, "paragraphs with notes were copied"
    assert not problems, "\n".join(problems)


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
