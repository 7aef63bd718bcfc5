"""What search indexes of an article page: its notes as stand-ins, flat, and the notes put back."""

from __future__ import annotations

from marginalia.model import Note, Selector, Source
from marginalia.notemarkup import NoteRenderer
from marginalia.render import held_note_html, legend_html, put_held_notes, search_view


def note(body: str, sources=()) -> Note:
    html = NoteRenderer().render(body).html
    return Note("a", "n1", "claim", Selector("quote"), body, html, ("t",), sources=tuple(sources))


def test_the_stand_in_holds_the_notes_text_and_no_markup():
    held = held_note_html(0, note("It *frames* it, see [the report](https://example.org/r).\n\n"
                                  "- one\n- two & three"),
                          4, "Loaded <language>")
    assert held.startswith('<span data-mg-held="0"> ') and held.endswith("</span>")
    inner = held[len('<span data-mg-held="0">'):-len("</span>")]
    assert "<" not in inner
    assert inner == (" Claim note 4, Loaded &lt;language&gt;: It frames it, see the report. "
                     "one two &amp; three")


def test_sources_are_searchable_too():
    held = held_note_html(1, note("Body.", [Source("Update 215", "IAEA", "2024-03-28", "https://x.org")]), 1, None)
    assert held.endswith("Claim note 1: Body. Update 215, IAEA, 2024-03-28.</span>")


def test_every_stand_in_is_replaced_by_its_note():
    page = "<p>a" + held_note_html(1, note("B"), 2, None) + " b" + held_note_html(0, note("A"), 1, None) + "</p>"
    assert put_held_notes(page, ["<span>A</span>", "<span>B</span>"]) == "<p>a<span>B</span> b<span>A</span></p>"


def test_a_missing_or_repeated_stand_in_is_refused():
    one = held_note_html(0, note("A"), 1, None)
    assert put_held_notes("<p>" + one + "</p>", ["x", "y"]) is None
    assert put_held_notes("<p>" + one + one + "</p>", ["x"]) is None


def test_the_search_view_is_the_text_and_the_notes_text_without_wrappers_or_highlights():
    page = ('<div class="mg-article"><div data-mg-part="article"><h1 id="t">Title</h1>' + legend_html()
            + '<div class="mg-article__body"><p>Before <mark class="mg-mark" data-quote-for="n1">the '
            '<em>passage</em></mark>' + held_note_html(0, note("Why it matters."), 1, None)
            + ' after.</p></div></div><section class="mg-tools"><h2>For teachers</h2></section></div>')
    view = search_view(page, (legend_html(), '<section class="mg-tools"><h2>For teachers</h2></section>'))
    assert view == ('<h1 id="t">Title</h1><p>Before the <em>passage</em> Claim note 1: Why it matters.'
                    ' after.</p>')


def test_the_search_view_leaves_furniture_it_does_not_find_and_other_elements_alone():
    page = '<div><p>Text</p><aside class="other">Kept</aside><span data-x="1">Also</span></div>'
    assert search_view(page, ("<p>Missing</p>", "")) == '<p>Text</p><aside class="other">Kept</aside><span data-x="1">Also</span>'
