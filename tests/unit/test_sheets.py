"""Worksheets and answer keys: numbered paragraphs, links that work from the sheet, the documents."""

from __future__ import annotations

import posixpath
from dataclasses import replace

from marginalia.model import Note, Selector, Technique
from marginalia.notemarkup import NoteRenderer
from marginalia.pages import ArticleInfo
from marginalia.sheets import (SheetSite, answer_key_document, number_paragraphs, rebase_links, sheet_path,
                               worksheet_document)


def relative_to_sheet(path: str) -> str:
    """What the MkDocs adapter passes: a site path, relative to worksheets/x.html."""
    return posixpath.relpath(path or ".", "worksheets") + ("/" if path.endswith("/") else "")


def test_every_paragraph_is_numbered_in_order_including_after_headings_and_with_attributes():
    html = '<p>One</p><h2 id="s">Section</h2><p class="x">Two</p><pre>code</pre><blockquote><p>Three</p></blockquote>'
    assert number_paragraphs(html) == (
        '<p><span class="mg-para-num">1</span> One</p><h2 id="s">Section</h2>'
        '<p class="x"><span class="mg-para-num">2</span> Two</p><pre>code</pre>'
        '<blockquote><p><span class="mg-para-num">3</span> Three</p></blockquote>')


def test_relative_links_are_rebased_from_the_article_to_the_sheet():
    html = ('<a href="../../glossary/#loaded-language">g</a> <img src="../../img/map.png" alt="">'
            '<a href="../other/?q=1#top">o</a> <a href="./">self</a>')
    assert rebase_links(html, "articles/talks/", relative_to_sheet) == (
        '<a href="../glossary/#loaded-language">g</a> <img src="../img/map.png" alt="">'
        '<a href="../articles/other/?q=1#top">o</a> <a href="../articles/talks/">self</a>')


def test_links_that_do_not_depend_on_the_page_are_left_alone():
    html = ('<a href="https://example.org/a">a</a><a href="mailto:x@example.org">m</a>'
            '<a href="#frag">f</a><a href="/root/">r</a><a href="//cdn.example/x">c</a>'
            '<img src="data:image/png;base64,AAAA" alt=""><a href="">e</a>')
    assert rebase_links(html, "articles/talks/", relative_to_sheet) == html


def test_without_directory_urls_links_are_rebased_from_the_article_file():
    assert rebase_links('<a href="../glossary.html#x">g</a>', "articles/talks.html", relative_to_sheet) == \
        '<a href="../glossary.html#x">g</a>'
    assert rebase_links('<a href="talks-2.html">g</a>', "articles/talks.html", relative_to_sheet) == \
        '<a href="../articles/talks-2.html">g</a>'


SITE = SheetSite("Reading <critically>", home="../", article="../articles/talks/", other_sheet="talks-answer-key.html",
                 stylesheets=("../assets/a.css", "../assets/b.css"), favicon="../favicon.png", lang="en-GB")
INFO = ArticleInfo("talks", "Talks & <talks>", "Example News", None, "articles/talks.md", "articles/talks/",
                   author="A. Writer", supplied={"summary": "Line one\nLine two"})


def test_the_worksheet_is_a_whole_document_with_the_text_questions_and_a_way_back():
    document = worksheet_document(INFO, ["Who is quoted?"], "<p>Body text.</p>", SITE)
    assert document.startswith('<!doctype html>\n<html lang="en-GB">')
    assert "<title>Worksheet: Talks &amp; &lt;talks&gt; - Reading &lt;critically&gt;</title>" in document
    assert document.count('<link rel="stylesheet"') == 2 and '<link rel="icon" href="../favicon.png">' in document
    assert ('<a href="../">Reading &lt;critically&gt;</a><a href="../articles/talks/">Back to the article</a>'
            '<a href="talks-answer-key.html">Answer key</a>') in document
    assert "By A. Writer (author as given in the source file)." in document
    assert '<p><span class="mg-para-num">1</span> Body text.</p>' in document
    assert "<strong>Summary</strong><br>Line one<br>Line two" in document
    assert document.index("Body text.") < document.index("Not written by the author") < document.index("Who is quoted?")
    assert "<strong>Claim</strong>: a factual claim you would check, and how.</li></ul>" in document


def test_the_answer_key_lists_every_note_under_its_kind_numbered_as_on_the_page():
    renderer = NoteRenderer()

    def note(note_id: str, kind: str, quote: str, body: str, technique: str | None = None) -> Note:
        return Note("talks", note_id, kind, Selector(quote), body, renderer.render(body).html, ("t",),
                    technique=technique)

    notes = [(1, note("a", "sourcing", "says who", "No name.")),
             (2, note("b", "framing", '"peace"', "Scare quotes.", "Loaded")),
             (3, note("c", "sourcing", "they say", "Again."))]
    techniques = {"Loaded": Technique("Loaded", "Loaded language", "Words", "Emotional words.")}
    document = answer_key_document(INFO, ["Q?"], notes, techniques, replace(SITE, other_sheet="talks.html"))
    assert '<a href="talks.html">Worksheet</a>' in document
    framing, sourcing = document.index('id="key-framing"'), document.index('id="key-sourcing"')
    assert framing < sourcing and 'id="key-claim"' not in document
    assert '<li value="2" data-kind="framing"><p class="mg-key__quote">“&quot;peace&quot;” · <em>Loaded language</em>' in document
    assert document.index('<li value="1"') < document.index('<li value="3"') and sourcing < document.index('<li value="1"')
    assert "Sourcing (2)" in document and "Framing (1)" in document


def test_sheets_are_published_beside_each_other():
    assert sheet_path("talks") == "worksheets/talks.html"
    assert sheet_path("talks", key=True) == "worksheets/talks-answer-key.html"
