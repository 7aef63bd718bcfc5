"""Practice mode, as a student and a teacher use it, in Chromium at 1440 and 390 px.

The flow: switch on (published notes hidden) → mark passages by mouse, by touch-style
selection and by keyboard → reload (work kept) → check my work → save a file → clear → load the
file → refuse broken files. Screenshots of each step go to test-output/screenshots/practice-*.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.nuchecker import nu_messages, project_errors, require_java

pytestmark = pytest.mark.browser

ARTICLE = "articles/western-peace-talks-without-russia/"
OTHER = "articles/putin-peace-plan-capitulation/"
SLUG = "western-peace-talks-without-russia"

# Three marks with known outcomes against the published notes:
SAME = ("proving the veracity of the Russian allegations", "claim")  # inside a claim note
OTHER_KIND = ("nonsensical and hypocritical", "sourcing")          # inside a framing note
DISCUSS = ("It is very curious to see", "framing")                   # no published note here

SELECT = """([words, how]) => {
  // Select `words` in the article text, as a finger or the mouse would.
  const walker = document.createTreeWalker(document.querySelector('.mg-article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, at = node.data.indexOf(words);
    if (at < 0 || !node.parentElement.closest('[data-mg-part="article"]')) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    if (how === 'rects') {
      node.parentElement.scrollIntoView({block: 'center'});
      const rects = [...range.getClientRects()];
      const first = rects[0], last = rects[rects.length - 1];
      return {x1: first.left + 1, y1: (first.top + first.bottom) / 2, x2: last.right - 1, y2: (last.top + last.bottom) / 2};
    }
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }
  return null;
}"""

BEFORE_MARK = """(words) => {
  // How often `words` occurs in the article text (notes left out) before the student's mark.
  const mark = document.querySelector('mark.mg-mine');
  const walker = document.createTreeWalker(document.querySelector('.mg-article'), NodeFilter.SHOW_TEXT);
  let text = '';
  while (walker.nextNode() && !mark.contains(walker.currentNode)) {
    if (walker.currentNode.parentElement.closest('[data-mg-part="article"]')) text += walker.currentNode.data;
  }
  return text.split(words).length - 1;
}"""

VISIBLE = "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length"


def start(page) -> None:
    page.click(".mg-practice__switch")
    page.wait_for_selector(".mg-bar:not([hidden])")


def select(page, words: str, width: int) -> None:
    """Mouse drag on a wide screen; a touch-style selection (a range, no mouse) on a phone."""
    if width >= 960:
        box = page.evaluate(SELECT, [words, "rects"])
        page.mouse.move(box["x1"], box["y1"])
        page.mouse.down()
        page.mouse.move(box["x2"], box["y2"], steps=8)
        page.mouse.up()
    else:
        assert page.evaluate(SELECT, [words, "select"]), f"{words!r} is in the article"
    page.wait_for_function("document.querySelector('.mg-bar__details').hidden === false")


def add_mark(page, words: str, kind: str, width: int, reason: str = "") -> None:
    select(page, words, width)
    assert words in page.input_value("#mg-passage")
    page.check(f".mg-bar input[value={kind}]")
    page.fill("#mg-reason", reason)
    before = page.evaluate("document.querySelectorAll('.mg-mine-note').length")
    page.click(".mg-bar__add")
    page.wait_for_function("n => document.querySelectorAll('.mg-mine-note').length === n", arg=before + 1)


def marks(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.mg-mine-note')].map(n => ({
        kind: n.dataset.kind, text: n.textContent,
        passage: [...document.querySelectorAll(`mark.mg-mine[data-mine="${n.dataset.mine}"]`)].map(m => m.textContent).join(''),
        verdict: (n.querySelector('.mg-verdict') || {}).className || null}))""")


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('marginalia-practice:{SLUG}')")
    return json.loads(raw) if raw else None


def status(page) -> str:
    return page.inner_text(".mg-bar__status")


def load_file(page, path: Path) -> None:
    page.evaluate("document.querySelector('.mg-bar__status').textContent = ''")  # wait for the new message
    with page.expect_file_chooser() as chooser:
        page.click("text=Load a file")
    chooser.value.set_files(str(path))
    page.wait_for_function("!!document.querySelector('.mg-bar__status').textContent.match(/Loaded|Nothing was changed/)")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_whole_practice_flow(open_page, base_url, tmp_path, width):
    page = open_page(ARTICLE, width, height=900 if width > 900 else 844, accept_downloads=True)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    shot = f"practice-{width}"

    # 1. The switch hides the published notes and their highlights.
    assert page.evaluate(VISIBLE, ".mg-note, .mg-toggle") > 0
    start(page)
    assert page.get_attribute(".mg-practice__switch", "aria-checked") == "true"
    assert page.evaluate(VISIBLE, ".mg-note, .mg-toggle, .mg-ref") == 0
    assert page.evaluate("getComputedStyle(document.querySelector('mark.mg-mark')).backgroundColor") == "rgba(0, 0, 0, 0)"
    screenshot(page, f"{shot}-1-on")
    loaded = [url for url in requests if "marginalia-practice" in url]
    assert len(loaded) == 2, "practice mode's script and style are fetched once, on first use"
    requests.clear()

    # 2. Mark three passages: they appear in the margin (wide) or after the passage (phone).
    add_mark(page, *SAME, width, reason="Says a visit proves it; who saw what?")
    screenshot(page, f"{shot}-2-first-mark")
    add_mark(page, *OTHER_KIND, width)
    add_mark(page, *DISCUSS, width, reason="Sarcasm in place of an argument")
    got = marks(page)
    assert [(m["passage"], m["kind"]) for m in got] == [SAME, DISCUSS, OTHER_KIND], "numbered in reading order"
    assert all("Your mark" in m["text"] for m in got)
    geometry = page.evaluate("""() => {
        const text = document.querySelector('.mg-article__body').getBoundingClientRect();
        return [...document.querySelectorAll('.mg-mine-note')].map(n => {
          const r = n.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
                                                        textRight: text.right, width: innerWidth}; }); }""")
    for a, b in zip(geometry, geometry[1:]):
        assert a["bottom"] <= b["top"] + 0.5, "the student's notes do not overlap, and keep reading order"
    for g in geometry:
        if width >= 960:
            assert g["left"] >= g["textRight"], "on a wide screen the student's note sits in the margin"
        else:
            assert g["right"] <= g["width"], "on a phone the note fits the screen"
    page.locator(".mg-mine-note").nth(1).scroll_into_view_if_needed()
    screenshot(page, f"{shot}-3-marked")
    assert requests == [], "marking makes no request"

    # 3. The work survives a reload, still in practice mode.
    page.reload()
    page.wait_for_selector(".mg-mine-note")
    assert {(m["passage"], m["kind"]) for m in marks(page)} == {SAME, OTHER_KIND, DISCUSS}
    assert page.evaluate(VISIBLE, ".mg-note, .mg-toggle") == 0
    requests.clear()

    # 4. Check my work: notes come back, each with a verdict, and a summary.
    page.fill("#mg-name", "Ana Example")
    page.press("#mg-name", "Tab")
    page.click(".mg-work__check")
    summary = page.inner_text(".mg-work__summary")
    total = page.evaluate("document.querySelectorAll('.mg-note').length")
    assert summary == (f"You found 2 of {total} published notes, 1 with the same kind. "
                       "1 of your marks matches no published note: discuss it in class.")
    assert summary in status(page), "the summary is announced"
    verdicts = {m["passage"]: m["verdict"] for m in marks(page)}
    assert verdicts == {SAME[0]: "mg-verdict mg-verdict--same", OTHER_KIND[0]: "mg-verdict mg-verdict--other",
                        DISCUSS[0]: "mg-verdict mg-verdict--discuss"}
    assert "Discuss" in page.inner_text(".mg-verdict--discuss")
    note_verdicts = page.evaluate("[...document.querySelectorAll('.mg-note .mg-verdict')].map(v => v.className)")
    assert len(note_verdicts) == total
    assert note_verdicts.count("mg-verdict mg-verdict--missed") == total - 2
    if width >= 960:
        assert page.evaluate(VISIBLE, ".mg-note") == total, "checking shows the published notes again"
    else:
        assert page.evaluate(VISIBLE, ".mg-toggle") == total
    page.locator(".mg-verdict--discuss").first.scroll_into_view_if_needed()
    screenshot(page, f"{shot}-4-checked")
    page.locator(".mg-work").scroll_into_view_if_needed()
    screenshot(page, f"{shot}-5-summary")

    # 5. Save to a file: the student's marks, machine-readable.
    with page.expect_download() as download:
        page.click("text=Save to a file")
    assert download.value.suggested_filename == f"marginalia-{SLUG}-ana-example.json"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "marginalia-practice" and data["article"] == SLUG and data["name"] == "Ana Example"
    assert {(m["selector"]["exact"], m["kind"]) for m in data["marks"]} == {SAME, OTHER_KIND, DISCUSS}
    assert all(m["selector"]["type"] == "TextQuoteSelector" for m in data["marks"])

    # 6. Clear: gone from the page and from storage, with an undo.
    page.click("text=Clear my marks")
    assert marks(page) == [] and stored(page)["marks"] == []
    assert "Cleared 3 marks" in status(page)
    page.click(".mg-bar__status button:text('Undo')")
    assert len(marks(page)) == 3
    page.click("text=Clear my marks")
    page.reload()
    page.wait_for_selector(".mg-bar:not([hidden])")
    assert marks(page) == []
    screenshot(page, f"{shot}-6-cleared")
    requests.clear()

    # 7. Load the file back, as a teacher reviewing it would.
    load_file(page, saved)
    assert f"Loaded 3 marks by Ana Example from “{saved.name}”" in status(page)
    assert {(m["passage"], m["kind"]) for m in marks(page)} == {SAME, OTHER_KIND, DISCUSS}
    assert len(stored(page)["marks"]) == 3
    screenshot(page, f"{shot}-7-loaded")

    # 8. Broken and foreign files change nothing, and say why.
    before = stored(page)
    other = json.loads(saved.read_text())
    other["article"], other["title"] = "putin-peace-plan-capitulation", "Putin’s peace plan"
    gone = json.loads(saved.read_text())
    gone["marks"][0]["selector"]["exact"] = "words this article never used"
    bad_kind = json.loads(saved.read_text())
    bad_kind["marks"][1]["kind"] = "opinion"
    export = page.request.get(base_url + f"exports/{SLUG}.jsonld").text()
    cases = {
        "broken.json": ('{"format": "marginalia-practice", "marks": [', "it is not JSON"),
        "notes.jsonld": (export, "it is not a Marginalia practice file"),
        "other-article.json": (json.dumps(other), "holds work on “Putin’s peace plan”, not on this article"),
        "gone.json": (json.dumps(gone), "mark 1's passage “words this article never used” is not in this article"),
        "bad-kind.json": (json.dumps(bad_kind), "mark 2 has the kind “opinion”; use framing, sourcing or claim"),
    }
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_text(content)
        load_file(page, path)
        message = status(page)
        assert message.startswith(f"Nothing was changed: “{name}” could not be loaded"), message
        assert reason in message, message
        assert stored(page) == before and len(marks(page)) == 3
    screenshot(page, f"{shot}-8-refused")
    assert requests == [], "checking, saving, clearing and loading make no request"
    assert axe_violations(page) == []


def test_practice_mode_needs_no_server_and_asks_no_other_site(open_page, base_url):
    """Everything practice mode fetches is the site's own two files; the rest stays in the page."""
    page = open_page(ARTICLE, 1440)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    start(page)
    page.fill("#mg-passage", DISCUSS[0])
    page.check(".mg-bar input[value=framing]")
    page.click(".mg-bar__add")
    page.click(".mg-work__check")
    origin = urlsplit(base_url)
    for url in requests:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc) and parts.path.startswith(origin.path)
    fetched = sorted(url.rsplit("/", 1)[1] for url in requests if "/assets/marginalia/" in url)
    assert fetched == ["marginalia-format.js", "marginalia-match.js", "marginalia-practice.css",
                       "marginalia-practice.js", "marginalia-quote.js", "marginalia-strings.js"], \
        "practice mode, its modules and the site's labels, once"
    assert [url for url in requests if "/assets/" not in url] == [], "no page, data or API request"


@pytest.mark.parametrize("width", [1440, 390])
def test_marking_with_the_keyboard_only(open_page, width):
    page = open_page(ARTICLE, width)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mg-practice__switch')"):
            break
    else:
        pytest.fail("Tab never reaches the practice switch")
    page.keyboard.press("Space")
    page.wait_for_selector(".mg-bar:not([hidden])")
    page.keyboard.press("Tab")  # the link to the work section
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mg-passage"
    page.keyboard.type("it is VERY curious")  # case and spacing do not matter
    assert "Found" in status(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Whole sentence"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first kind: framing
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mg-reason"
    page.keyboard.type("Mockery instead of evidence")
    screenshot(page, f"practice-keyboard-{width}-1-marking")
    page.keyboard.press("Enter")
    got = marks(page)
    assert len(got) == 1 and got[0]["kind"] == "framing"
    assert got[0]["passage"].startswith("It is very curious to see that such “negotiations” are taking place")
    assert got[0]["passage"].endswith(".")
    assert page.evaluate("document.activeElement.id") == "mg-passage", "focus returns to the passage box"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Your work and files"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check my work"
    page.keyboard.press("Enter")
    assert page.inner_text(".mg-work__summary").startswith("You found 0 of")
    screenshot(page, f"practice-keyboard-{width}-2-checked")


def test_typing_a_passage_finds_every_match_in_turn(open_page):
    page = open_page(ARTICLE, 390, height=844)
    start(page)
    page.fill("#mg-passage", "ZNPP")
    first = status(page)
    match = re.search(r"match 1 of (\d+)", first)
    assert match and int(match.group(1)) > 1, first
    page.click("text=Next match")
    assert f"match 2 of {match.group(1)}" in status(page)
    page.fill("#mg-passage", "qqqq")
    assert "Not found in the article" in status(page)
    assert page.is_hidden(".mg-bar__details")


def test_practice_state_follows_instant_navigation(open_page):
    page = open_page("", 1440)
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator(f".md-content a[href$='{ARTICLE}']").first.click()
    page.wait_for_selector(f".mg-practice[data-article='{SLUG}']")
    start(page)
    page.fill("#mg-passage", DISCUSS[0])
    page.check(".mg-bar input[value=framing]")
    page.click(".mg-bar__add")
    page.locator(f".md-nav a[href$='{OTHER}']").locator("visible=true").first.click()
    page.wait_for_url(re.compile(OTHER))
    page.wait_for_selector(".mg-practice[data-article='putin-peace-plan-capitulation']")
    assert page.get_attribute(".mg-practice__switch", "aria-checked") == "false", "each article has its own state"
    assert page.evaluate(VISIBLE, ".mg-note") > 0 and page.evaluate(VISIBLE, ".mg-bar") == 0
    page.go_back()
    page.wait_for_selector(".mg-mine-note")
    assert [m["passage"] for m in marks(page)] == [DISCUSS[0]]
    assert page.evaluate(VISIBLE, ".mg-note") == 0
    assert page.evaluate("window.__sameDocument") is True, "instant navigation, not a page load"


@pytest.mark.parametrize("width", [1440, 390])
def test_printed_work_shows_the_marks_and_no_controls(open_page, width):
    page = open_page(ARTICLE, width)
    start(page)
    page.fill("#mg-passage", DISCUSS[0])
    page.check(".mg-bar input[value=framing]")
    page.fill("#mg-reason", "Sarcasm")
    page.click(".mg-bar__add")
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE, ".mg-mine-note") == 1
    assert page.evaluate(VISIBLE, ".mg-bar, .mg-practice, .mg-work button") == 0
    assert page.evaluate(VISIBLE, ".mg-note") == 0, "unchecked work prints without the answers"
    assert "Sarcasm" in page.inner_text(".mg-work")
    assert page.evaluate("getComputedStyle(document.querySelector('.mg-mine-note')).float") == "none"
    page.locator(".mg-mine-note").scroll_into_view_if_needed()
    screenshot(page, f"practice-{width}-print")


def test_without_scripting_there_is_no_practice_switch(open_page):
    page = open_page(ARTICLE, 1440, java_script_enabled=False)
    assert page.is_hidden(".mg-practice")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1440, 390])
def test_practice_and_checked_views_have_no_axe_violations(open_page, width, scheme):
    page = open_page(ARTICLE, width, color_scheme=scheme)
    start(page)
    page.fill("#mg-passage", SAME[0])
    page.check(".mg-bar input[value=claim]")
    assert axe_violations(page) == []
    page.click(".mg-bar__add")
    page.click(".mg-work__check")
    assert axe_violations(page) == []
    screenshot(page, f"practice-{width}-{scheme}-checked")


def test_a_repeated_passage_stays_on_the_occurrence_that_was_marked(open_page):
    """The stored prefix and suffix pick the right one of several identical passages."""
    page = open_page(ARTICLE, 1440)
    start(page)
    page.fill("#mg-passage", "ZNPP")
    page.click("text=Next match")
    page.click("text=Next match")
    page.check(".mg-bar input[value=sourcing]")
    page.click(".mg-bar__add")
    assert page.evaluate(BEFORE_MARK, "ZNPP") == 2, "the third ZNPP was marked (two come before it)"
    page.reload()
    page.wait_for_selector("mark.mg-mine")
    assert page.evaluate(BEFORE_MARK, "ZNPP") == 2
    assert page.inner_text("mark.mg-mine") == "ZNPP"


def test_stored_work_that_no_longer_fits_is_kept_and_explained(open_page):
    page = open_page(ARTICLE, 1440)
    work = {"format": "marginalia-practice", "version": 1, "article": SLUG, "title": "", "name": "", "on": True,
            "marks": [{"kind": "claim", "reason": "", "selector": {"type": "TextQuoteSelector", "exact": DISCUSS[0]}},
                      {"kind": "framing", "reason": "gone", "selector": {"type": "TextQuoteSelector",
                                                                         "exact": "a sentence the article lost"}}]}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [f"marginalia-practice:{SLUG}", json.dumps(work)])
    page.reload()
    page.wait_for_selector(".mg-mine-note")
    assert [m["passage"] for m in marks(page)] == [DISCUSS[0]]
    assert "1 saved mark could not be placed" in status(page)
    assert "no longer in the article" in page.inner_text(".mg-work__marks")
    assert len(stored(page)["marks"]) == 2, "the lost mark is not thrown away"


def test_unreadable_stored_work_is_reported_and_not_overwritten(open_page):
    page = open_page(ARTICLE, 1440)
    page.evaluate(f"localStorage.setItem('marginalia-practice:{SLUG}', '{{\"format\": \"something-else\", \"on\": true}}')")
    start(page)
    assert "could not be read, because it is not a Marginalia practice file" in status(page)
    assert page.evaluate(f"localStorage.getItem('marginalia-practice:{SLUG}')") == '{"format": "something-else", "on": true}'


def test_switching_off_brings_the_notes_back_and_keeps_the_marks(open_page):
    page = open_page(ARTICLE, 1440)
    start(page)
    page.fill("#mg-passage", DISCUSS[0])
    page.keyboard.press("Escape")
    assert page.is_hidden(".mg-bar__details"), "Escape cancels the pending passage"
    page.fill("#mg-passage", DISCUSS[0])
    page.check(".mg-bar input[value=framing]")
    page.click(".mg-bar__add")
    page.click(".mg-practice__switch")
    assert page.get_attribute(".mg-practice__switch", "aria-checked") == "false"
    assert page.evaluate(VISIBLE, ".mg-note") == page.evaluate("document.querySelectorAll('.mg-note').length")
    assert page.evaluate(VISIBLE, ".mg-bar, .mg-work, .mg-mine-note, mark.mg-mine") == 0
    assert page.get_by_text("Your work and files").is_hidden()
    page.reload()
    page.wait_for_selector(".mg-practice__switch")
    assert page.evaluate(VISIBLE, ".mg-bar") == 0, "it stays off after a reload"
    start(page)
    assert [m["passage"] for m in marks(page)] == [DISCUSS[0]]


def test_the_markup_practice_mode_writes_is_valid_html(open_page, tmp_path):
    """What the script adds (bar, marks, notes, verdicts, work list) passes the Nu checker too."""
    require_java()
    page = open_page(ARTICLE, 1440)
    start(page)
    for words, kind in (SAME, OTHER_KIND, DISCUSS):
        page.fill("#mg-passage", words)
        page.check(f".mg-bar input[value={kind}]")
        page.fill("#mg-reason", "A <b>reason</b> & more")
        page.click(".mg-bar__add")
    page.click(".mg-work__check")
    assert page.locator(".mg-work__reason").first.inner_text().strip() == "A <b>reason</b> & more", "text, not markup"
    (tmp_path / "practice.html").write_text("<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML"))
    messages = nu_messages(tmp_path)
    assert messages, "the checker ran"
    assert project_errors(messages) == []


def test_if_practice_mode_cannot_be_fetched_the_notes_stay_visible(open_page):
    page = open_page(ARTICLE, 1440)
    page.route("**/marginalia-practice.*", lambda route: route.abort())
    page.click(".mg-practice__switch")
    page.wait_for_function("!document.querySelector('.mg-article').classList.contains('mg-practising')")
    assert page.evaluate(VISIBLE, ".mg-note") > 0
    page.unroute("**/marginalia-practice.*")
    start(page)  # a second click tries again
    assert page.evaluate(VISIBLE, ".mg-note") == 0
