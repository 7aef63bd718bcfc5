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


def select(page, element: str, words: str, nth: int, width: int) -> dict:
    """Select a passage as a reader's hand would; returns where it is in its element's text."""
    where = page.evaluate(RANGE, [element, words, nth])
    assert where, f"{words!r} is in #{element}"
    if width >= 960:  # from the end back to the start: a drag that starts on a link drags the link
        box = page.evaluate(DRAG)
        page.mouse.move(box["x2"], box["y2"])
        page.mouse.down()
        page.mouse.move(box["x1"], box["y1"], steps=8)
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
            where = select(page, element, words, nth, width)
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
        assert page.errors == []
        context.close()
    for note_id, placed in built_places(browser, tmp_path, list(expected)).items():
        where = expected[note_id]
        assert placed == {"element": where["element"], "start": where["start"], "end": where["end"],
                          "text": where["text"]}, note_id
