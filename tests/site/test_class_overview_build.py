"""The class overview page and the notes it compares students' files with, in tiny sites.

What the page does in the browser is tested in tests/browser/test_class_overview.py; here,
that the build gives it a page, its scripts and every article's text and notes, placed as
the article page places them.
"""

from __future__ import annotations

import json
import re

from tests.conftest import TECHNIQUES, TOPICS
from tests.site.test_hook import ARTICLE, NOTES

QUIET = """\
---
title: A quiet article
---

Nothing in this article has a note yet.
"""


def build(site, **kwargs):
    built = site(articles={"talks": ARTICLE, "quiet": QUIET},
                 annotations={"talks.yml": NOTES, "quiet.yml": "questions:\n  - What is missing?\nnotes: []\n",
                              "topics.yml": TOPICS, "techniques.yml": TECHNIQUES}, **kwargs)
    assert built.returncode == 0, built.output
    return built


def notes_data(built) -> dict:
    script = (built.site / "assets" / "marginalia" / "marginalia-class-notes.js").read_text(encoding="utf-8")
    assert script.count("window.marginaliaClassNotes = ") == 1
    return json.loads(script[script.index("{"):script.rindex("}") + 1])


def test_the_page_is_generated_with_its_scripts_in_order_relative_to_it(site):
    page = build(site).page("class-overview")
    assert "<h1" in page and "Class overview" in page
    assert '<script src="../assets/marginalia/marginalia-class-page.js"></script>' in page
    modules = re.search(r'<div class="mg-class" id="mg-class" data-scripts="([^"]+)">', page).group(1).split()
    assert modules == [f"../assets/marginalia/{name}" for name in (
        "marginalia-strings.js", "marginalia-quote.js", "marginalia-format.js", "marginalia-match.js", "marginalia-class.js",
        "marginalia-class-notes.js")], "each module after the ones it needs (the labels first), the notes last"
    assert '<link rel="stylesheet" href="../assets/marginalia/marginalia-class.css">' in page
    assert "JavaScript" in page and "mg-class-slot" not in page


def test_every_article_is_there_with_its_text_and_its_notes_numbered_as_on_its_page(site):
    built = build(site)
    data = notes_data(built)
    assert [a["slug"] for a in data["articles"]] == ["quiet", "talks"], "by title, an article without notes too"
    quiet, talks = data["articles"]
    assert quiet["notes"] == [] and "Nothing in this article has a note yet." in quiet["text"]
    assert quiet["url"] == "../articles/quiet/" and quiet["title"] == "A quiet article"
    page = built.page("articles/talks")
    on_page = re.findall(r'id="note-([\w-]+)" data-note="[\w-]+" data-kind="(\w+)"', page)
    numbers = [int(n) for n in re.findall(r'<span class="mg-note__num">(\d+)</span>', page)]
    assert [(n["id"], n["kind"]) for n in talks["notes"]] == on_page
    assert [n["number"] for n in talks["notes"]] == numbers == list(range(1, len(numbers) + 1))
    export = json.loads((built.site / "exports" / "talks.jsonld").read_text(encoding="utf-8"))
    exact = {item["id"].rsplit("#note-", 1)[1]: next(s["refinedBy"]["exact"] for s in item["target"]["selector"]
                                                     if s["refinedBy"]["type"] == "TextQuoteSelector")
             for item in export["first"]["items"]}
    for note in talks["notes"]:
        assert talks["text"][note["start"]:note["end"]] == exact[note["id"]], note["id"]
    summary = next(n for n in talks["notes"] if n["id"] == "summary")
    assert summary["start"] > talks["text"].index("Final words of the article."), "the supplied text comes after"


def test_article_pages_link_to_the_overview_for_teachers(site):
    built = build(site)
    page = built.page("articles/talks")
    assert '<a href="../../class-overview/">Class overview</a>' in page, "in the links for teachers"
    assert re.search(r'<div class="mg-practice"[^>]* data-overview="../../class-overview/"', page), "in practice mode"


def test_links_work_with_directory_urls_off(site):
    built = build(site, config="use_directory_urls: false\n")
    page = (built.site / "class-overview.html").read_text(encoding="utf-8")
    assert 'assets/marginalia/marginalia-class-notes.js"' in page and '"../assets' not in page
    assert notes_data(built)["articles"][1]["url"] == "articles/talks.html"
    assert 'href="../class-overview.html"' in (built.site / "articles" / "talks.html").read_text(encoding="utf-8")


def test_a_hand_written_page_keeps_its_words_and_gets_the_tool_where_it_asks(site):
    built = build(site, extra_docs={"class-overview.md": "# Our class\n\nBring the files.\n\n"
                                                          '<div class="mg-class-slot"></div>\n'})
    page = built.page("class-overview")
    assert "Bring the files." in page and "Open all your students" not in page
    assert 'id="mg-class" data-scripts=' in page


def test_the_tool_is_not_in_the_search_index_but_the_page_is(site):
    built = build(site)
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("class-overview/")]
    assert docs and "practice files" in docs[0]["text"]
    assert not any("JavaScript" in d["text"] for d in docs)
