"""The class overview's data: each article's text as practice mode reads it, and its notes."""

from __future__ import annotations

import json

from marginalia.classview import SLOT, article_data, combined_text, fill_page, notes_script
from marginalia.export import Anchored
from marginalia.model import Note, Selector


def note(note_id: str, kind: str, part: str = "article") -> Note:
    return Note("a", note_id, kind, Selector("x"), "b", "b", ("t",), part=part)


def test_zones_join_in_page_order_with_one_line_break_between():
    assert combined_text({"supplied": "Summary.", "article": "Title\nBody."}) == (
        "Title\nBody.\nSummary.", {"article": 0, "supplied": 12})
    assert combined_text({"article": "Body.\n", "supplied": "S"})[0] == "Body.\nS", "no second break"
    assert combined_text({"article": "Only."}) == ("Only.", {"article": 0})
    assert combined_text({}) == ("", {})


def test_notes_keep_their_page_numbers_and_move_with_their_zone():
    zones = {"article": "Title\nA body of text.", "supplied": "A summary."}
    anchored = [Anchored(note("one", "framing"), zones["article"], 8, 12),
                Anchored(note("two", "claim", "supplied"), zones["supplied"], 2, 9)]
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
