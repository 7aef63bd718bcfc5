"""The class overview's data: each article's text as practice mode reads it, and its notes."""

from __future__ import annotations

import json

from marginalia.classview import SLOT, article_data, combined_text, fill_page, notes_script
from marginalia.export import Anchored
from marginalia.model import Note, Selector


def note(note_id: str, kind: str, part: str = "article") -> Note:
    return Note("a", note_id, kind, Selector("x"), "b", "b", ("t",), part=part)


def test_text_elements_join_in_page_order_with_one_line_break_between():
    elements = {"article-title": "Title", "article-body": "Body.", "supplied-summary": "Summary."}
    assert combined_text(elements) == ("Title\nBody.\nSummary.",
                                       {"article-title": 0, "article-body": 6, "supplied-summary": 12})
    assert combined_text({"article-body": "Body.\n", "supplied-summary": "S"})[0] == "Body.\nS", "no second break"
    assert combined_text({"article-body": "Only."}) == ("Only.", {"article-body": 0})
    assert combined_text({}) == ("", {})


def test_notes_keep_their_page_numbers_and_move_with_their_text_element():
    zones = {"article-title": "Title", "article-body": "A body of text.", "supplied-summary": "A summary."}
    anchored = [Anchored(note("one", "framing"), zones["article-body"], 2, 6, "article-body"),
                Anchored(note("two", "claim", "supplied"), zones["supplied-summary"], 2, 9, "supplied-summary")]
    data = article_data("a", "A", "../a/", zones, anchored)
    assert [(n["id"], n["number"], n["kind"]) for n in data["notes"]] == [("one", 1, "framing"), ("two", 2, "claim")]
    assert [data["text"][n["start"]:n["end"]] for n in data["notes"]] == ["body", "summary"]
    assert article_data("a", "A", "../a/", zones, [])["notes"] == []


def test_the_script_hands_the_data_to_the_page_as_it_is():
    articles = [{"slug": "a", "title": "“Quotes” </script> \u2028", "url": "a/", "text": "t", "notes": []}]
    script = notes_script(articles)
    assert script.startswith("/*") and script.rstrip().endswith(";")
    assert json.loads(script[script.index("{"):script.rindex("}") + 1]) == {"articles": articles}


def test_the_tool_goes_in_the_slot_once():
    html = fill_page(f"<p>Intro</p>\n{SLOT}\n<p>After</p>", lambda name: f"../assets/{name}")
    assert SLOT not in html and html.count('id="mg-class"') == 1
    assert html.index("Intro") < html.index('id="mg-class"') < html.index("After")
    assert '<script src="../assets/marginalia-class-page.js"></script>' in html
    assert fill_page("<p>No slot</p>", str) == "<p>No slot</p>"
