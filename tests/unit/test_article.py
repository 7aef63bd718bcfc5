"""Highlighting passages and placing notes in rendered HTML, without changing the text."""

from __future__ import annotations

import re

from marginalia.article import Placed, annotate
from marginalia.htmldoc import HtmlDoc
from marginalia.model import Note, Selector


def note(id: str, quote: str, kind: str = "framing", prefix: str = "", suffix: str = "",
         part: str = "article") -> Note:
    return Note(slug="a", id=id, kind=kind, selector=Selector(quote, prefix, suffix), body="b",
                body_html="b", topics=("t",), part=part, line=3, file="annotations/a.yml")


def writer(placed: Placed) -> str:
    return f'<span class="n" data-n="{placed.note.id}" data-num="{placed.number}"></span>'


def run(body: str, *notes: Note) -> str:
    result = annotate(f'<div data-mg-part="article">{body}</div>', list(notes), writer)
    assert not result.problems, [p.format() for p in result.problems]
    return result.html


def visible_text(html: str) -> str:
    html = re.sub(r'<span class="n"[^>]*></span>', "", html)
    return HtmlDoc.parse(html).zones.get("article", "")


def test_passage_is_wrapped_and_its_toggle_follows_it():
    html = run("<p>It is curious to see such talks.</p>", note("n1", "curious"))
    assert ('<mark class="mg-mark" data-quote-for="n1" data-kind="framing" aria-details="note-n1">curious</mark>'
            '<span class="n" data-n="n1" data-num="1"></span> to see') in html


def notes_after(placed: Placed) -> str:
    return f'<aside data-note="{placed.note.id}"></aside>'


def test_notes_are_written_after_the_text_element_that_holds_their_passage():
    html = ('<h1 id="t" data-mg-part="article">Talks</h1><dl><dd><span id="a" data-mg-part="article">Ann Author'
            '</span></dd></dl><div id="b" data-mg-part="article"><p>The talks went on.</p></div><p>after</p>')
    result = annotate(html, [note("x", "went on"), note("y", "Talks", suffix="\nAnn"), note("z", "Ann")],
                      writer, notes_after)
    assert not result.problems, [p.format() for p in result.problems]
    assert 'Talks</mark><span class="n" data-n="y" data-num="1"></span></h1><aside data-note="y"></aside><dl>' \
        in result.html
    assert 'data-num="2"></span> Author</span><aside data-note="z"></aside></dd>' in result.html  # in its row
    assert 'went on</mark>.<span class="n" data-n="x" data-num="3"></span></p></div><aside data-note="x"></aside>' \
        in result.html
    assert {p.note.id: (p.element, p.start, p.end) for p in result.placed} == \
        {"y": ("t", 0, 5), "z": ("a", 0, 3), "x": ("b", 10, 17)}
    assert result.zones == {"t": "Talks", "a": "Ann Author", "b": "The talks went on."}


def test_a_quote_is_looked_for_in_every_text_element_of_its_part():
    html = '<h1 id="t" data-mg-part="article">Talks again</h1><div id="b" data-mg-part="article"><p>Talks</p></div>'
    ambiguous = annotate(html, [note("n", "Talks")], writer)
    assert "occurs twice" in ambiguous.problems[0].message
    found = annotate(html, [note("n", "Talks", suffix="again")], writer)
    assert not found.problems and found.placed[0].element == "t"


def test_a_quote_that_runs_from_one_text_element_into_the_next_is_a_problem():
    html = '<h1 id="t" data-mg-part="article">The headline</h1><div id="b" data-mg-part="article">The body</div>'
    [problem] = annotate(html, [note("n", "headline The body")], writer).problems
    assert "runs from one text of the article into the next" in problem.message
    assert "quote within one of them" in problem.hint


def test_text_is_unchanged():
    body = '<p>In an interview with <a href="#">German <em>media</em></a>, Scholz “said” &amp; left.</p>'
    before = visible_text(f'<div data-mg-part="article">{body}</div>')
    html = run(body, note("a", "interview with German"), note("b", "media, Scholz"),
               note("c", '"said" & left.'))
    assert visible_text(html) == before


def test_passage_across_a_link_marks_each_piece_and_the_note_leaves_the_link():
    html = run('<p>In an interview with <a href="#">German <em>media</em> outlets</a>, Scholz</p>',
               note("n", "with German media"))
    assert html.count('data-quote-for="n"') == 3  # "with ", "German ", "media"
    assert 'outlets</a><span class="n" data-n="n"' in html  # never inside the <a>


def test_note_never_lands_inside_emphasis():
    html = run("<p>a <strong>very <em>strong</em> word</strong> here</p>", note("n", "strong"))
    assert '</strong><span class="n" data-n="n"' in html


def test_overlapping_passages_nest_marks_per_piece():
    html = run("<p>one two three four</p>", note("a", "one two three"), note("b", "two three four"))
    assert '<mark class="mg-mark" data-quote-for="a" data-kind="framing" aria-details="note-a">one </mark>' in html
    assert ('<mark class="mg-mark" data-quote-for="a" data-kind="framing" aria-details="note-a">'
            '<mark class="mg-mark" data-quote-for="b" data-kind="framing" aria-details="note-b">two three</mark></mark>'
            ) in html
    assert html.index('data-n="a"') < html.index('data-n="b"')


def test_nested_passage_inside_another():
    html = run("<p>the outer passage with inner words in it</p>",
               note("outer", "outer passage with inner words in it"), note("inner", "inner words"))
    assert html.count('data-quote-for="outer"') == 3
    assert html.count('data-quote-for="inner"') == 1
    # the inner note is placed where the inner passage ends, inside the outer passage's span
    assert html.index('data-n="inner"') < html.index('data-n="outer"')


def test_several_notes_on_one_passage():
    html = run("<p>the same words here</p>", note("a", "same words"), note("b", "same words", kind="claim"))
    assert html.count("<mark") == 2
    assert re.search(r'data-n="a" data-num="1"></span><span class="n" data-n="b" data-num="2">', html)


def test_quote_at_the_very_start_and_end_of_the_text():
    html = run("<p>First words and last words</p>", note("s", "First"), note("e", "last words"))
    assert '<p><mark class="mg-mark" data-quote-for="s"' in html
    assert 'last words</mark><span class="n" data-n="e"' in html


def test_passage_across_paragraphs_marks_both_and_skips_the_gap():
    html = run("<p>end of one.</p>\n<p>Start of two</p>", note("n", "one. Start"))
    assert html.count('data-quote-for="n"') == 2
    assert "</p>\n<p>" in html  # the newline between paragraphs is not wrapped


def test_notes_are_numbered_in_page_order():
    html = run("<p>alpha beta gamma</p>", note("late", "gamma"), note("early", "alpha"))
    assert 'data-n="early" data-num="1"' in html and 'data-n="late" data-num="2"' in html


def test_problems_name_file_line_and_note():
    result = annotate('<div data-mg-part="article"><p>text here</p></div>',
                      [note("gone", "missing words")], writer)
    [problem] = result.problems
    assert (problem.file, problem.line, problem.note_id) == ("annotations/a.yml", 3, "gone")
    assert "not found" in problem.message
    assert "missing words" not in result.html


def test_notes_for_the_supplied_text_anchor_there_only():
    html = ('<div data-mg-part="article"><p>shared words</p></div>'
            '<div data-mg-part="supplied"><p>shared words</p></div>')
    result = annotate(html, [note("s", "shared words", part="supplied")], writer)
    assert not result.problems
    assert result.html.index("<mark") > result.html.index('data-mg-part="supplied"')
    missing = annotate('<div data-mg-part="article"><p>only here</p></div>',
                       [note("s", "only here", part="supplied")], writer)
    assert "supplied text" in missing.problems[0].message


def test_text_outside_zones_is_left_alone():
    result = annotate('<p>chrome words</p><div data-mg-part="article"><p>body</p></div>',
                      [note("n", "chrome words")], writer)
    assert result.problems and "<mark" not in result.html


def test_closing_punctuation_stays_with_the_passage():
    html = run("<p>It ends here. Then more.</p>", note("n", "ends here"))
    assert 'ends here</mark>.<span class="n" data-n="n"' in html


def test_punctuation_inside_the_passage_is_not_moved():
    html = run("<p>a “quoted phrase” b</p>", note("n", "quoted phrase"))
    assert 'quoted phrase</mark>”<span class="n"' in html
