"""Checks of an article page that hold in any browser engine: measured by a script in the page,
judged here in Python. Used by the WebKit tests (test_webkit.py); each returns the problems
it finds, so a failure lists them all.
"""

from __future__ import annotations

# Where the article's text, its notes and their passages are on the page (document coordinates).
GEOMETRY = """() => {
  const box = r => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const text = [];
  for (const element of document.querySelectorAll('.mg-article [data-mg-part]')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!walker.currentNode.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) if (r.width > 0) text.push(box(r));
    }
  }
  const notes = [...document.querySelectorAll('.mg-article .mg-note')].map(n => ({
    id: n.dataset.note,
    visible: n.checkVisibility ? n.checkVisibility() : n.getClientRects().length > 0,
    rect: box(n.getBoundingClientRect()),
    passage: [...document.querySelectorAll(`mark[data-quote-for="${n.dataset.note}"]`)]
      .flatMap(m => [...m.getClientRects()].map(box)),
  }));
  return {notes, text, scrollWidth: document.documentElement.scrollWidth, innerWidth};
}"""


def overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def wide_layout_problems(geo: dict, max_drift: float = 320) -> list[str]:
    """Notes in the margin beside their passages: right of the text, never over it or each
    other, in reading order, level with their passage unless pushed down by the note above."""
    notes, problems = geo["notes"], []
    if not notes:
        return ["the article has no notes"]
    problems += [f"{n['id']} is not shown" for n in notes if not n["visible"]]
    text_right = max(r["right"] for r in geo["text"])
    for n in notes:
        if n["rect"]["left"] < text_right - 0.5:
            problems.append(f"{n['id']} starts at x={n['rect']['left']:.0f}, left of the text's edge {text_right:.0f}")
        if any(overlaps(n["rect"], r) for r in geo["text"]):
            problems.append(f"{n['id']} overlaps the text")
        if not n["passage"]:
            problems.append(f"{n['id']} has no highlighted passage")
    for a, b in zip(notes, notes[1:]):
        if a["rect"]["bottom"] > b["rect"]["top"] + 0.5:
            problems.append(f"{a['id']} and {b['id']} overlap or are out of order")
    for previous, n in zip([None, *notes], notes):
        if not n["passage"]:
            continue
        first_line, last_line = n["passage"][0]["top"], n["passage"][-1]["top"]
        if n["rect"]["top"] < first_line - 12:
            problems.append(f"{n['id']} starts {first_line - n['rect']['top']:.0f}px above its passage")
        pushed = previous is not None and previous["rect"]["bottom"] >= last_line - 16
        below = n["rect"]["top"] - last_line
        if below > (max_drift if pushed else 24):
            problems.append(f"{n['id']} starts {below:.0f}px below its passage's last line")
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
