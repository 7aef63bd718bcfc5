"""The author mode, as an author uses it, in Chromium at 1440 and 390 px, on a live preview.

A tiny site is served with ``mkdocs serve`` (tests/preview.py). The author switches the mode
on, selects passages (a mouse drag on a wide screen, a touch-style selection on a phone, or
only the keyboard), fills in the form, copies one note and pastes it into the annotation
file by hand, collects the others and downloads them, and runs ``marginalia merge``. The
preview rebuilds; every new note must then be highlighted on exactly the characters that were
selected, and ``mkdocs build --strict`` must build the files as they are. The passages cover
the hard cases: across a link, inside emphasis, repeated in the text, at the start and the end
of the article, and in the headline (whose words the body repeats). A normal build, the
project's demo build and its offline copy carry no trace of the mode.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.conftest import TECHNIQUES, TOPICS, run_build, write_site
from tests.preview import serving

pytestmark = pytest.mark.browser

ARTICLE = """\
---
title: Council approves the flood wall after a heated debate
outlet: The Coastal Courier
published: 2024-05-14
author: Maria Jensen
---

The harbour council approved the flood wall on Tuesday. [The vote](https://example.org/vote) was seven to four,
after a *long and heated* debate.

Supporters said the wall would protect the quay. Opponents said the wall would cut the town off from the sea,
and that the cost, **estimated at £14 million**, was too high.

"We cannot wait for the next storm," said the mayor. The wall will be finished in 2026.
"""
NOTES = """\
# The flood wall: notes written by hand
questions:
  - Who is quoted by name, and who is not?
notes:
  - id: cut-off
    kind: framing
    quote: cut the town off from the sea
    note: |
      The opponents' words, reported without a figure.
    topics: [talks]
    sources:
      - title: Minutes of the council meeting
        publisher: Harbour Council
        date: 2024-05
    corrections:
      - date: 2026-12-01
        change: The note said the mayor said it.
        reason: The sentence is the opponents'.
"""
SLUG = "flood-wall"
PAGE = f"articles/{SLUG}/"

# (element, words, which occurrence in that element, kind, topic, note): the hard cases
PASSAGES = [
    ("article-body", "The vote was seven", 0, "sourcing", "talks", "The vote is linked, its count is not sourced."),
    ("article-body", "long and heated", 0, "framing", "talks", "*Heated* is the reporter's word."),
    ("article-body", "the wall would", 1, "framing", "plant", "The same words as the supporters', turned round."),
    ("article-body", "The harbour council", 0, "sourcing", "talks", "Which council, and who reported it?"),
    ("article-body", "finished in 2026.", 0, "claim", "plant", "The council's own timetable."),
    ("article-title", "heated debate", 0, "framing", "talks", "The headline's word, repeated in the text."),
]

RANGE = """([id, words, nth]) => {
  // The DOM Range over the nth occurrence of `words` in the text element `id`, by offsets in
  // its text (so that a passage across a link or emphasis is one range).
  const element = document.getElementById(id), text = element.textContent;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(words, at + 1);
  if (at < 0) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), range = document.createRange();
  let seen = 0, node, started = false;
  while ((node = walker.nextNode())) {
    const n = node.data.length;
    if (!started && at < seen + n) { range.setStart(node, at - seen); started = true; }
    if (at + words.length <= seen + n) { range.setEnd(node, at + words.length - seen); break; }
    seen += n;
  }
  window.__mgRange = range;
  return {start: at, end: at + words.length};
}"""

DRAG = """() => {
  const range = window.__mgRange;
  range.startContainer.parentElement.scrollIntoView({block: 'center'});
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {x1: first.left + 1, y1: (first.top + first.bottom) / 2, x2: last.right - 1, y2: (last.top + last.bottom) / 2};
}"""

TOUCH = """() => { const s = getSelection(); s.removeAllRanges(); s.addRange(window.__mgRange); }"""

PLACED = """(id) => {
  // Where the page highlights note `id`: its text element and offsets in that element's text.
  const marks = document.querySelectorAll(`mark.mg-mark[data-quote-for="${id}"]`);
  if (!marks.length) return null;
  const element = marks[0].closest('[data-mg-part]'), last = marks[marks.length - 1];
  const offset = (node, at) => { const r = document.createRange(); r.selectNodeContents(element); r.setEnd(node, at); return r.toString().length; };
  return {element: element.id, start: offset(marks[0], 0), end: offset(last, last.childNodes.length),
          text: [...marks].map(m => m.textContent).join('')};
}"""


def tiny_site(root: Path, notes: str | None = NOTES) -> Path:
    annotations = {"topics.yml": TOPICS, "techniques.yml": TECHNIQUES}
    if notes is not None:
        annotations[f"{SLUG}.yml"] = notes
    return write_site(root, {SLUG: ARTICLE}, annotations)


def open_preview(browser, base: str, width: int):
    height = 900 if width >= 960 else 844
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + PAGE)
    page.wait_for_selector(".mg-author-switch__button")
    page.errors = errors
    return context, page


def switch_on(page) -> None:
    page.click(".mg-author-switch__button")
    page.wait_for_selector("#mg-author:not([hidden])")


def select(page, element: str, words: str, nth: int, width: int, backwards: bool = False) -> dict:
    """Select a passage as a reader's hand would; returns where it is in its element's text."""
    where = page.evaluate(RANGE, [element, words, nth])
    assert where, f"{words!r} is in #{element}"
    if width >= 960:  # a drag; one that starts on a link drags the link, so that one goes backwards
        box = page.evaluate(DRAG)
        start, end = ((box["x1"], box["y1"]), (box["x2"], box["y2"]))[::-1 if backwards else 1]
        page.mouse.move(*start)
        page.mouse.down()
        page.mouse.move(*end, steps=8)
        page.mouse.up()
    else:
        page.evaluate(TOUCH)
    page.wait_for_function("w => { const q = document.querySelector('.mg-author__passage q'); "
                           "return q && !document.querySelector('.mg-author__note').hidden && q.textContent === w; }",
                           arg=" ".join(words.split()))
    return {"element": element, **where, "text": words}


def fill(page, kind: str, topic: str, note: str, source: str | None = None) -> None:
    page.check(f".mg-author__kinds input[value={kind}]")
    page.check(f".mg-author__topics input[value={topic}]")
    page.fill("#mg-author-note", note)
    if source:
        if not page.query_selector("#mg-author-source-0-title"):
            page.click("text=Add a source")
        page.fill("#mg-author-source-0-title", source)
        page.fill("#mg-author-source-0-date", "2024-05-14")


def merge(root: Path, path: Path, *flags: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "marginalia", "merge", str(path), *flags],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def wait_for_notes(page, ids: list[str]) -> None:
    """The preview rebuilds after a saved change and reloads the page by itself."""
    page.wait_for_function("ids => ids.every(id => document.getElementById('note-' + id))", arg=ids, timeout=90_000)
    page.wait_for_selector(".mg-author-switch__button")


def built_places(browser, root: Path, ids: list[str]) -> dict:
    """The notes' places on the article page of ``mkdocs build --strict``, opened from disk."""
    built = run_build(root)
    assert built.returncode == 0, built.output
    context = browser.new_context()
    page = context.new_page()
    page.goto((built.site / PAGE / "index.html").as_uri())
    places = {note_id: page.evaluate(PLACED, note_id) for note_id in ids}
    context.close()
    return places


@pytest.mark.parametrize("width", [1440, 390])
def test_notes_from_the_author_mode_anchor_exactly_on_the_selected_passages(browser, tmp_path, width):
    tiny_site(tmp_path)
    annotations = tmp_path / "annotations" / f"{SLUG}.yml"
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, width)
        switch_on(page)
        expected, pasted = {}, None
        for element, words, nth, kind, topic, note in PASSAGES:
            where = select(page, element, words, nth, width, backwards=words.startswith("The vote") or nth > 0)
            fill(page, kind, topic, note, source="Harbour Council timetable" if kind == "claim" else None)
            note_id = page.input_value("#mg-author-id")
            expected[note_id] = where
            if element == "article-title":  # this one is copied and pasted by hand
                page.click("text=Copy YAML")
                page.wait_for_function("document.querySelector('.mg-author__status').textContent.startsWith('Copied')")
                pasted = page.evaluate("navigator.clipboard.readText()")
                page.click(".mg-author__note button:has-text('Cancel')")
            else:
                page.click(".mg-author__note button[type=submit]")
                page.wait_for_function("id => document.querySelector('.mg-author__status').textContent.includes('Added note ' + id)",
                                       arg=note_id)
        assert page.locator(".mg-author__collected-list li").count() == len(PASSAGES) - 1
        screenshot(page, f"author-mode-collected-{width}")
        with page.expect_download() as download:
            page.click("text=Download my notes")
        file = tmp_path / download.value.suggested_filename
        download.value.save_as(file)
        assert file.name == f"{SLUG}.notes.yml"
        annotations.write_text(annotations.read_text(encoding="utf-8") + "\n" + pasted, encoding="utf-8")
        assert f"{len(PASSAGES) - 1} added" in merge(tmp_path, file)
        wait_for_notes(page, list(expected))
        for note_id, where in expected.items():
            placed = page.evaluate(PLACED, note_id)
            assert placed == {"element": where["element"], "start": where["start"], "end": where["end"],
                              "text": where["text"]}, note_id
        assert page.get_attribute(".mg-author-switch__button", "aria-checked") == "true", "still on after the reload"
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.includes('are in annotations/')")
        assert page.locator(".mg-author__collected-list li").count() == 0, "merged notes leave the list"
        page.reload()
        page.wait_for_selector("#mg-author:not([hidden])")
        assert page.locator(".mg-author__collected-list li").count() == 0, "and do not come back"
        assert page.errors == []
        context.close()
    for note_id, placed in built_places(browser, tmp_path, list(expected)).items():
        where = expected[note_id]
        assert placed == {"element": where["element"], "start": where["start"], "end": where["end"],
                          "text": where["text"]}, note_id


def status(page) -> str:
    return page.inner_text(".mg-author__status")


def checks(page) -> str:
    return page.inner_text(".mg-author__checks")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_form_shows_what_the_build_would_refuse_before_the_author_copies(browser, tmp_path, width):
    tiny_site(tmp_path)
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, width)
        switch_on(page)
        page.fill("#mg-author-finder", "arbour council")  # typed, as a slip of the mouse would cut it
        page.press("#mg-author-finder", "Enter")
        page.wait_for_selector(".mg-author__note:not([hidden])")
        assert "starts inside a word (“arbour council”); the build refuses that" in checks(page)
        page.click(".mg-author__note >> text=Copy YAML")
        assert status(page).startswith("Fix this first: the passage is not one the build can place")
        page.click(".mg-author__whole")
        assert page.inner_text(".mg-author__passage q") == "harbour council"
        assert "Found once in the article: no prefix or suffix needed." in checks(page)
        assert page.input_value("#mg-author-id") == "harbour-council"

        select(page, "article-body", "the wall would", 0, width)
        assert "These words occur 2 times in the article; the suffix “protect” picks this one." in checks(page)
        assert 'suffix: " protect"' in page.input_value("#mg-author-yaml")
        select(page, "article-title", "heated debate", 0, width)
        assert "These words occur 2 times in the article; the prefix “a” picks this one." in checks(page)
        select(page, "article-body", "would cut the town", 0, width)
        assert "Overlaps note 1 (Framing): “cut the town off from the sea”." in checks(page)
        assert page.locator(".mg-author__checks button", has_text="Edit note 1").count() == 1

        page.click(".mg-author__note button[type=submit]")  # nothing filled in yet
        assert status(page).startswith("Fix this first: choose a kind.")
        assert page.evaluate("document.activeElement.name") == "mg-author-kind"
        errors = page.inner_text(".mg-author__note")
        for problem in ("choose a kind.", "choose at least one topic.", "write the note."):
            assert problem in errors
        fill(page, "claim", "talks", "It cost <b>more</b>, see [the report](/report).")
        page.fill("#mg-author-source-0-date", "29 Jan 2025")
        page.click(".mg-author__note button[type=submit]")
        text = page.inner_text(".mg-author__note")
        assert "raw HTML is not allowed in a note (<b>, </b>)" in text
        assert "the link /report is relative" in text
        assert "source 1 needs a title." in text and "source 1's date must be 2024, 2024-03 or 2024-03-28." in text
        assert page.get_attribute("#mg-author-note", "aria-invalid") == "true"
        assert axe_violations(page) == []
        screenshot(page, f"author-mode-checks-{width}")
        page.fill("#mg-author-note", "It cost *more*, see [the report](https://example.org/report).")
        page.fill("#mg-author-source-0-title", "Flood wall budget")
        page.fill("#mg-author-source-0-date", "2024-03")
        page.wait_for_function("!document.querySelector('.mg-author__note [aria-invalid=true]')")
        assert page.inner_html("#mg-author-preview").startswith("<p>It cost <em>more</em>, see <a href=\"https://example.org/report\"")
        page.evaluate("document.getElementById('mg-author-note').scrollIntoView({block: 'center'})")
        screenshot(page, f"author-mode-form-{width}")
        page.click(".mg-author__note button[type=submit]")
        assert status(page).startswith("Added note would-cut-town")
        assert page.input_value("#mg-author-finder") == ""
        assert axe_violations(page) == []
        screenshot(page, f"author-mode-added-{width}")
        assert page.errors == []
        context.close()


def test_an_existing_note_opens_filled_in_and_its_edit_replaces_it(browser, tmp_path):
    tiny_site(tmp_path)
    annotations = tmp_path / "annotations" / f"{SLUG}.yml"
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, 1440)
        switch_on(page)
        select(page, "article-body", "cut the town off from the sea", 0, 1440)
        assert page.inner_text("#mg-author-note-title") == "Edit note 1 (cut-off)"
        assert page.is_checked(".mg-author__kinds input[value=framing]")
        assert page.is_checked(".mg-author__topics input[value=talks]")
        assert page.input_value("#mg-author-note") == "The opponents' words, reported without a figure.\n"
        assert page.input_value("#mg-author-source-0-title") == "Minutes of the council meeting"
        assert page.get_attribute("#mg-author-id", "readonly") is not None
        assert "The note's quote, prefix and suffix stay as they are in the file." in checks(page)
        assert "Its earlier corrections (1) are kept." in page.inner_text(".mg-author__correction")
        page.fill("#mg-author-note", "The opponents' words; the article gives no figure for the cost to the town.")
        page.fill("#mg-author-correction-date", "2026-12-02")
        page.fill("#mg-author-correction-change", "The note now says what is missing.")
        page.fill("#mg-author-correction-reason", "It was vague.")
        page.click(".mg-author__note button[type=submit]")
        assert "(replaces the note in the file)" in page.inner_text(".mg-author__collected-list")
        assert page.inner_text(".mg-author__command").endswith("--replace")
        with page.expect_download() as download:
            page.click("text=Download my notes")
        file = tmp_path / download.value.suggested_filename
        download.value.save_as(file)
        assert "#   marginalia merge flood-wall.notes.yml --replace" in file.read_text(encoding="utf-8")
        assert "1 replaced" in merge(tmp_path, file, "--replace")
        assert annotations.read_text(encoding="utf-8").startswith("# The flood wall: notes written by hand\n")
        page.wait_for_function("document.querySelector('#note-cut-off') && "
                               "document.querySelector('#note-cut-off').textContent.includes('no figure for the cost')",
                               timeout=90_000)
        note = page.inner_text("#note-cut-off")
        assert "Corrected 2026-12-01" in note and "Corrected 2026-12-02" in note
        assert page.evaluate(PLACED, "cut-off")["text"] == "cut the town off from the sea"
        context.close()


def tab_to(page, test: str, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab until the focused element passes ``test`` (a JS function of it)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"({test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test}")


@pytest.mark.parametrize("width", [1440, 390])
def test_a_note_written_with_the_keyboard_only(browser, tmp_path, width):
    tiny_site(tmp_path)
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, width)
        tab_to(page, "e => e.classList.contains('mg-author-switch__button')")
        page.keyboard.press("Space")
        page.wait_for_selector("#mg-author:not([hidden])")
        assert page.evaluate("document.activeElement.id") == "mg-author-finder"
        page.keyboard.type("the wall would")
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.includes('match 1 of 2')")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Next match"
        page.keyboard.press("Enter")
        assert "match 2 of 2" in status(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # Write a note on it
        page.wait_for_selector(".mg-author__note:not([hidden])")
        assert page.evaluate("document.activeElement.name") == "mg-author-kind"
        page.keyboard.press("ArrowDown")  # the kinds are one radio group: arrows choose
        assert page.is_checked(".mg-author__kinds input[value=sourcing]")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # the first topic
        tab_to(page, "e => e.id === 'mg-author-technique'")
        page.keyboard.press("ArrowDown")
        assert page.input_value("#mg-author-technique") == "Loaded_Language"
        assert "emotional charge" in page.inner_text(".mg-author__definition")
        tab_to(page, "e => e.id === 'mg-author-note'")
        page.keyboard.type("The opponents *turn* the supporters' words round.")
        tab_to(page, "e => e.type === 'submit' && e.textContent === 'Add to my notes'")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.startsWith('Added note wall-would')")
        assert page.evaluate("document.activeElement.id") == "mg-author-finder"
        tab_to(page, "e => e.textContent === 'Download my notes'")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        file = tmp_path / download.value.suggested_filename
        download.value.save_as(file)
        merge(tmp_path, file)
        wait_for_notes(page, ["wall-would"])
        text = page.evaluate("document.getElementById('article-body').textContent")
        second = text.index("the wall would", text.index("the wall would") + 1)
        assert page.evaluate(PLACED, "wall-would") == {"element": "article-body", "start": second,
                                                           "end": second + len("the wall would"), "text": "the wall would"}
        assert page.errors == []
        context.close()


def test_an_article_without_notes_gets_its_file_with_questions(browser, tmp_path):
    """merge creates annotations/<slug>.yml from the download; the build needs a question in it."""
    tiny_site(tmp_path, notes=None)
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, 1440)
        switch_on(page)
        select(page, "article-body", "estimated at £14 million", 0, 1440)
        fill(page, "claim", "plant", "The council's estimate; its report is not linked.", source="Options appraisal")
        page.click(".mg-author__note >> text=Copy YAML")  # the clipboard answers later
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.startsWith('Copied')")
        assert "does not exist yet: download your notes instead" in status(page)
        page.click(".mg-author__note button[type=submit]")
        page.click("text=Download my notes")
        assert status(page).startswith("Write at least one discussion question first")
        assert page.evaluate("document.activeElement.id") == "mg-author-questions"
        page.keyboard.type("Where does the figure come from?\nWho pays?")
        with page.expect_download() as download:
            page.click("text=Download my notes")
        file = tmp_path / download.value.suggested_filename
        download.value.save_as(file)
        assert "1 added, 2 questions added" in merge(tmp_path, file)
        wait_for_notes(page, ["estimated-14-million"])
        assert page.inner_text(".mg-questions").count("?") == 2
        context.close()


# what the mode's scripts, styles and data are named by (the docs may name the mode in words)
TRACES = ("mg-author", "marginalia-author", "marginalia-textquote", "marginalia-noteyaml", "marginalia-notemarkup",
          "MarginaliaTextQuote", "markdown-it.umd")


def _traces(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".css", ".json", ".xml", ".jsonld"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {trace}" for trace in TRACES if trace in text]
    return found + [str(p.relative_to(site)) for p in site.rglob("author") if p.is_dir()]


def test_a_published_site_and_the_offline_copy_carry_no_trace_of_it(tmp_path, built_site, offline_site):
    tiny_site(tmp_path)
    built = run_build(tmp_path)
    assert built.returncode == 0, built.output
    assert 'id="note-cut-off"' in built.page(PAGE)
    for site in (built.site, built_site, offline_site):
        assert _traces(site) == [], site


def test_the_tutorials_step_five_as_written(browser, tmp_path):
    """docs/tutorial.md, step 5: the made-up flood wall report, its three notes written in the
    author mode, its questions typed in the panel, and the merge that creates its file."""
    from tests.conftest import FIXTURES

    write_site(tmp_path, {}, {"topics.yml": TOPICS + (FIXTURES / "notes" / "flood-defence-topic.yml").read_text(encoding="utf-8"),
                              "techniques.yml": TECHNIQUES})
    imported = subprocess.run([sys.executable, "-m", "marginalia", "import", str(FIXTURES / "pages" / "news-site.html"),
                               "--slug", "flood-wall", "--docs", str(tmp_path / "docs")],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, 1440)
        switch_on(page)
        select(page, "article-title", "heated debate", 0, 1440)
        assert "Found once in the article: no prefix or suffix needed." in checks(page)
        fill(page, "framing", "flood-defence", 'The headline calls the debate "heated"; the article reports a vote of seven to four.')
        page.click(".mg-author__note button[type=submit]")
        for words, kind, note, source in [
                ("according to the campaign group Save Our Quay", "sourcing",
                 "The figure comes from the campaigners themselves; the article gives no other count.", None),
                ("estimated at £14 million", "claim", "The council's estimate; the report it comes from is not linked.",
                 "Harbour flood defence options appraisal")]:
            page.fill("#mg-author-finder", words)
            page.press("#mg-author-finder", "Enter")
            page.wait_for_selector(".mg-author__note:not([hidden])")
            fill(page, kind, "flood-defence", note, source=source)
            if source:
                page.fill("#mg-author-source-0-publisher", "Harbour Council")
                page.fill("#mg-author-source-0-date", "2024-03")
            page.click(".mg-author__note button[type=submit]")
            page.wait_for_function("document.querySelector('.mg-author__status').textContent.startsWith('Added')")
        page.fill("#mg-author-questions", "Who is quoted by name, and who is not?\nWhere do the figures in the article come from?")
        with page.expect_download() as download:
            page.click("text=Download my notes")
        assert download.value.suggested_filename == "flood-wall.notes.yml"
        file = tmp_path / "flood-wall.notes.yml"
        download.value.save_as(file)
        assert merge(tmp_path, file).strip() == "annotations/flood-wall.yml: 3 added, 2 questions added; every quote anchors"
        wait_for_notes(page, ["heated-debate", "according-campaign-group-save", "estimated-14-million"])
        context.close()
    assert run_build(tmp_path).returncode == 0


OTHER = """\
---
title: The quay after the vote
outlet: The Harbour Herald
published: 2024-05-20
---

A week after the vote, the quay was quiet. Traders said the wall would change the harbour.
"""
OTHER_NOTES = """\
questions: [What changed?]
notes:
  - id: quiet
    kind: framing
    quote: the quay was quiet
    note: Quiet by whose account?
    topics: [talks]
"""


def test_instant_navigation_brings_the_next_articles_notes_and_form(browser, tmp_path):
    """Material's instant navigation swaps the page without loading it: the mode follows."""
    write_site(tmp_path, {SLUG: ARTICLE, "quay": OTHER},
               {f"{SLUG}.yml": NOTES, "quay.yml": OTHER_NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n"),
                      encoding="utf-8")
    with serving(tmp_path) as base:
        context, page = open_preview(browser, base, 1440)
        switch_on(page)
        select(page, "article-body", "long and heated", 0, 1440)
        page.evaluate("window.stillThisPage = true")
        page.locator("#note-cut-off a[href*='quay']").first.evaluate("a => a.click()")
        page.wait_for_function("location.pathname.endsWith('/articles/quay/')")
        page.wait_for_selector(".mg-author-switch__button[aria-checked=true]")
        assert page.evaluate("window.stillThisPage") is True, "the page was swapped, not loaded"
        assert "annotations/quay.yml" in page.inner_text(".mg-author-switch__what")
        assert page.locator("#mg-author").count() == 1
        page.fill("#mg-author-finder", "the wall would")
        page.press("#mg-author-finder", "Enter")
        page.wait_for_selector(".mg-author__note:not([hidden])")
        assert page.inner_text(".mg-author__passage q") == "the wall would"
        assert page.errors == []
        context.close()
