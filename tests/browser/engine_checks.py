"""Checks of an article page that hold in any browser engine: measured by a script in the page
(the Chromium tests' own, from test_article_layout.py), judged here in Python by the same rules.
Used by the WebKit tests (test_webkit.py); each returns all the problems it finds.
"""

from __future__ import annotations

from tests.browser.test_article_layout import GEOMETRY, MAX_DRIFT, overlaps

__all__ = ["GEOMETRY", "OPENED", "opened_note_problems", "wide_layout_problems"]


def wide_layout_problems(geo: dict) -> list[str]:
    """Notes in the margin beside their passages: right of the text, never over it or each
    other, in reading order, level with their passage's line unless pushed down by the note
    above (then on that line or the next, or right below that note)."""
    notes, problems = geo["notes"], []
    if not notes:
        return ["the article has no notes"]
    problems += [f"{n['id']} is not shown" for n in notes if not n["visible"]]
    text_right = max(r["right"] for r in geo["text"])
    for n in notes:
        if n["rect"]["left"] < text_right:
            problems.append(f"{n['id']} starts at x={n['rect']['left']:.0f}, left of the text's edge {text_right:.0f}")
        if any(overlaps(n["rect"], r) for r in geo["text"]):
            problems.append(f"{n['id']} overlaps the text")
    for a, b in zip(notes, notes[1:]):
        if a["rect"]["bottom"] > b["rect"]["top"] + 0.5:
            problems.append(f"{a['id']} and {b['id']} overlap or are out of order")
    for previous, n in zip([None, *notes], notes):
        if not n["passage"]:
            problems.append(f"{n['id']} has no highlighted passage")
            continue
        line_top = n["passage"][-1]["top"]
        offset = n["rect"]["top"] - line_top
        if offset < -12:
            problems.append(f"{n['id']} starts {-offset:.0f}px above its passage")
        elif previous is None or previous["rect"]["bottom"] < line_top - 16:
            if offset > 16:
                problems.append(f"{n['id']} starts {offset:.0f}px below its passage's line")
        elif offset > 32 and n["rect"]["top"] - previous["rect"]["bottom"] > 24:
            problems.append(f"{n['id']} is far below both its passage and the note above")
        if offset > MAX_DRIFT:
            problems.append(f"{n['id']} is pushed {offset:.0f}px from its passage")
    if geo["scrollWidth"] > geo["innerWidth"]:
        problems.append(f"the page scrolls sideways ({geo['scrollWidth']} > {geo['innerWidth']})")
    return problems


# An opened note on a narrow screen: where it is against its passage and its toggle.
OPENED = """(id) => {
  const note = document.getElementById('note-' + id);
  const toggle = document.querySelector(`.mg-toggle[aria-controls="note-${id}"]`);
  const marks = [...document.querySelectorAll(`mark[data-quote-for="${id}"]`)];
  const bottom = Math.max(...marks.map(m => m.getBoundingClientRect().bottom));
  const r = note.getBoundingClientRect();
  return {expanded: toggle.getAttribute('aria-expanded'), visible: r.height > 0 && getComputedStyle(note).visibility !== 'hidden',
          noteTop: r.top, noteLeft: r.left, noteRight: r.right, passageBottom: bottom,
          scrollWidth: document.documentElement.scrollWidth, innerWidth};
}"""


def opened_note_problems(state: dict, note_id: str) -> list[str]:
    problems = []
    if state["expanded"] != "true" or not state["visible"]:
        problems.append(f"{note_id}: the toggle did not open its note ({state})")
    elif not state["passageBottom"] - 2 <= state["noteTop"] <= state["passageBottom"] + 60:
        problems.append(f"{note_id}: opens at y={state['noteTop']:.0f}, not below its passage "
                        f"(bottom {state['passageBottom']:.0f})")
    if state["noteLeft"] < -0.5 or state["noteRight"] > state["innerWidth"] + 0.5:
        problems.append(f"{note_id}: the open note does not fit the screen")
    if state["scrollWidth"] > state["innerWidth"]:
        problems.append(f"{note_id}: the page scrolls sideways when it is open")
    return problems
