"""The article's text is only the article's text, in Chromium: in the DOM, when copied, and
in the accessibility tree; and the keyboard reaches every note from its passage and back.

These hold for whatever articles a site has: every article page of the built site is checked.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from marginalia.htmldoc import HtmlDoc
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

OPEN_EVERY_NOTE = """() => {
  document.querySelectorAll(innerWidth >= 960 ? '.mg-note.mg-preview .mg-more' : '.mg-toggle').forEach(b => b.click());
}"""

# What the DOM holds for each text element, read three ways, and whether anything of a note,
# or any text of a toggle, is inside one.
DOM_TEXTS = """() => Object.fromEntries([...document.querySelectorAll('[data-mg-part]')].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let nodes = '';
  while (walker.nextNode()) nodes += walker.currentNode.data;
  return [el.id, {textContent: el.textContent, range: range.toString(), nodes,
                  part: el.dataset.mgPart,
                  notesInside: el.querySelectorAll('.mg-note, .mg-mine-note, [role=note]').length,
                  toggleText: [...el.querySelectorAll('.mg-toggle')].map(t => t.textContent).join('')}];
}))"""


def article_paths(built_site) -> list[str]:
    paths = sorted(p.parent.relative_to(built_site).as_posix() + "/"
                   for p in (built_site / "articles").glob("*/index.html"))
    assert paths, "the site has article pages"
    return paths


def served_html(page) -> str:
    return page.request.get(page.url).text()


@pytest.mark.parametrize("width", [1440, 390])
def test_each_text_element_holds_exactly_the_text_the_build_anchors_in(open_page, built_site, width):
    """For every article: the DOM text of each text element is the build's text model of it
    (so exported positions count what a DOM Range counts), with every note open, and no note
    and no toggle label is inside it."""
    for path in article_paths(built_site):
        page = open_page(path, width)
        page.evaluate(OPEN_EVERY_NOTE)
        model = {element.key: element.text for element in HtmlDoc.parse(served_html(page)).elements}
        dom = page.evaluate(DOM_TEXTS)
        assert set(dom) == set(model) and {"article-title", "article-body"} <= set(dom), path
        for key, read in dom.items():
            assert read["textContent"] == read["range"] == read["nodes"] == model[key], (path, key)
            assert read["notesInside"] == 0 and read["toggleText"] == "", (path, key)
        notes = page.evaluate("[...document.querySelectorAll('.mg-note .mg-note__body')].map(b => b.textContent)")
        for body in notes:
            assert not any(body in read["textContent"] for read in dom.values()), (path, body[:40])


def test_exported_positions_select_the_quote_in_the_dom(open_page, built_site):
    """Each exported annotation's TextPositionSelector, counted in the DOM text of the element
    its CssSelector names, selects its TextQuoteSelector's exact text."""
    for path in article_paths(built_site):
        page = open_page(path, 1440)
        slug = path.rstrip("/").rsplit("/", 1)[1]
        export = page.request.get(page.url.replace(path, f"exports/{slug}.jsonld")).json()
        for item in export["first"]["items"]:
            refined = {s["refinedBy"]["type"]: s for s in item["target"]["selector"]}
            quote = refined["TextQuoteSelector"]["refinedBy"]
            position = refined["TextPositionSelector"]["refinedBy"]
            element = refined["TextPositionSelector"]["value"]
            got = page.evaluate("([css, s, e]) => document.querySelector(css).textContent.slice(s, e)",
                                [element, position["start"], position["end"]])
            assert got == quote["exact"], item["id"]


def grant_clipboard(page) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)


def copy(page, script: str, arg=None) -> dict:
    """Select with ``script`` (it returns the expected text), copy as a reader does (the
    keyboard shortcut), and read back the selection and what reached the clipboard."""
    expected = page.evaluate(script, arg)
    selection = page.evaluate("getSelection().toString()")
    page.keyboard.press("Control+C")
    plain = page.evaluate("navigator.clipboard.readText()")
    rich = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return item.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
    }""")
    return {"expected": expected, "selection": selection, "plain": plain, "html": rich}


SELECT_BUSIEST_PARAGRAPH = """() => {
  // The paragraph of the body with the most notes; select all of it.
  const paragraphs = [...document.querySelectorAll('#article-body p')];
  const p = paragraphs.sort((a, b) => b.querySelectorAll('.mg-toggle').length - a.querySelectorAll('.mg-toggle').length)[0];
  p.scrollIntoView({block: 'center'});
  const range = document.createRange();
  range.selectNodeContents(p);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return p.textContent;
}"""

SELECT_ACROSS_PARAGRAPHS = """() => {
  // From the middle of the first paragraph with a note to the middle of the next paragraph.
  const p = [...document.querySelectorAll('#article-body p')].find(p => p.querySelector('.mg-toggle') && p.nextElementSibling);
  const texts = el => { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), out = [];
                        while (w.nextNode()) if (w.currentNode.data.trim()) out.push(w.currentNode); return out; };
  const start = texts(p)[0], end = texts(p.nextElementSibling).pop();
  const range = document.createRange();
  range.setStart(start, Math.floor(start.data.length / 2));
  range.setEnd(end, Math.floor(end.data.length / 2));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return range.toString();
}"""


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", [1440, 390])
def test_copying_article_text_gives_exactly_its_words(open_page, built_site, width):
    for path in article_paths(built_site):
        page = open_page(path, width)
        grant_clipboard(page)
        if width < 960:
            page.evaluate(OPEN_EVERY_NOTE)  # open notes sit under their passages, between the lines
        for script in (SELECT_BUSIEST_PARAGRAPH, SELECT_ACROSS_PARAGRAPHS):
            got = copy(page, script)
            assert words(got["selection"]) == words(got["expected"]), (path, got["selection"][:200])
            assert got["plain"] == got["selection"], "the clipboard gets the selection's text"
            assert "mg-note" not in got["html"] and "<button" not in got["html"], "no note or toggle as HTML"
        if path == article_paths(built_site)[-1]:
            screenshot(page, f"copy-selection-{width}")


SELECT_A_NOTE = """() => {
  const note = [...document.querySelectorAll('.mg-note')].find(n => n.checkVisibility() && !n.matches('.mg-preview'));
  const body = note.querySelector('.mg-note__body');
  const range = document.createRange();
  range.selectNodeContents(body);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return body.textContent;
}"""


@pytest.mark.parametrize("width", [1440, 390])
def test_copying_inside_a_note_gives_the_notes_text(open_page, built_site, width):
    page = open_page(article_paths(built_site)[0], width)
    grant_clipboard(page)
    page.evaluate(OPEN_EVERY_NOTE)
    got = copy(page, SELECT_A_NOTE)
    assert words(got["plain"]) == words(got["expected"]) and got["plain"].strip()


# --- the accessibility tree -------------------------------------------------------------------

def ax_tree(page) -> dict:
    """Chromium's full accessibility tree: nodes by id, and DOM node ids of the marks and notes."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.getDocument", {"depth": -1})
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return {node["nodeId"]: node for node in nodes}


def ax_text(tree: dict, node_id: str) -> list[str]:
    """Every name and text in a node's subtree, in reading order."""
    node = tree[node_id]
    out = []
    name = (node.get("name") or {}).get("value")
    if name and node.get("role", {}).get("value") in ("StaticText", "button", "link", "note", "mark"):
        out.append(name)
    for child in node.get("childIds", []):
        if child in tree:
            out.extend(ax_text(tree, child))
    return out


def reading_order(tree: dict) -> list[dict]:
    """The tree's nodes depth first from its root: the order a screen reader reads them in."""
    root = next(node for node in tree.values() if not node.get("parentId"))
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(tree[child] for child in reversed(node.get("childIds", [])) if child in tree)
    return out


def details_of(node: dict) -> list[int]:
    for prop in node.get("properties", []):
        if prop["name"] == "details":
            return [related["backendDOMNodeId"] for related in prop["value"].get("relatedNodes", [])]
    return []


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width", [1440, 390])
def test_a_paragraph_reads_straight_through_and_each_passage_names_its_note(open_page, built_site, width):
    """In Chromium's accessibility tree, with every note open: no note content inside any
    paragraph of the article, each highlighted passage refers to its note (aria-details), and
    the notes come in the order of their numbers."""
    for path in article_paths(built_site):
        page = open_page(path, width)
        page.evaluate(OPEN_EVERY_NOTE)
        tree = ax_tree(page)
        by_dom = {node.get("backendDOMNodeId"): node for node in tree.values()}
        session = page.context.new_cdp_session(page)
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]

        def backend(selector: str) -> list[int]:
            ids = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
            return [session.send("DOM.describeNode", {"nodeId": i})["node"]["backendNodeId"] for i in ids]

        note_ids = page.evaluate("[...document.querySelectorAll('.mg-note')].map(n => n.id)")
        note_backend = {note_id: backend(f"#{note_id}")[0] for note_id in note_ids}
        note_texts = page.evaluate("[...document.querySelectorAll('.mg-note .mg-note__body')].map(b => b.textContent)")
        paragraphs = [by_dom[b] for b in backend("#article-body p") if b in by_dom]
        assert paragraphs, path
        for paragraph in paragraphs:
            said = squeezed(" ".join(ax_text(tree, paragraph["nodeId"])))
            for text in note_texts:
                assert squeezed(text)[:60] not in said, (path, text[:60])
        marks = page.evaluate("[...document.querySelectorAll('mark.mg-mark')].map(m => m.getAttribute('aria-details'))")
        for dom_id, note_id in zip(backend("mark.mg-mark"), marks, strict=True):
            assert details_of(by_dom[dom_id]) == [note_backend[note_id]], (path, note_id)
        ordered = [n for n in reading_order(tree) if n.get("backendDOMNodeId") in note_backend.values()]
        numbers = [int(re.search(r"\d+", n["name"]["value"]).group()) for n in ordered]
        assert numbers == list(range(1, len(note_ids) + 1)), (path, numbers)
        busiest = page.locator("#article-body p").filter(has=page.locator(".mg-toggle")).first
        snapshot = busiest.aria_snapshot()  # kept for people to read, beside the screenshots
        screenshot(page, f"paragraph-aria-{width}").with_suffix(".txt").write_text(snapshot, encoding="utf-8")
        assert not any(squeezed(text)[:60] in squeezed(snapshot) for text in note_texts)


# --- the keyboard -----------------------------------------------------------------------------

@pytest.mark.parametrize("width", [1440, 390])
def test_the_keyboard_goes_from_each_passage_into_its_note_and_back(open_page, built_site, width):
    """Tab reaches every passage's toggle in page order; Enter takes focus into the note (open
    on a phone); Tab past the note's last link, or Escape, brings it back to the toggle, and
    the next Tab carries on in the text."""
    path = article_paths(built_site)[0]
    page = open_page(path, width)
    toggles = page.evaluate("[...document.querySelectorAll('.mg-toggle')].map(t => t.getAttribute('aria-controls'))")
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        controls = page.evaluate("document.activeElement.classList.contains('mg-toggle') && "
                                 "document.activeElement.getAttribute('aria-controls')")
        if controls:
            reached.append(controls)
        if len(reached) == len(toggles):
            break
    assert reached == toggles, "every toggle, in page order"
    for index, note_id in enumerate(toggles):
        toggle = page.locator(f".mg-toggle[aria-controls='{note_id}']")
        toggle.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == note_id, f"Enter goes into {note_id}"
        assert page.locator(f"#{note_id}").is_visible()
        stops = page.evaluate("id => [...document.getElementById(id).querySelectorAll('a[href], button')]"
                              ".filter(e => e.offsetParent).length", note_id)
        for _ in range(stops):
            page.keyboard.press("Tab")
            assert page.evaluate("id => document.getElementById(id).contains(document.activeElement)", note_id)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == note_id, "back at the toggle"
        if index < len(toggles) - 1:
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == note_id
        if index == 2:
            screenshot(page, f"keyboard-back-{width}")
        if width < 960:
            expanded = toggle.get_attribute("aria-expanded")
            if expanded == "true":
                toggle.click()
