"""Note Markdown becomes safe phrasing HTML, or a clear refusal."""

from __future__ import annotations

import pytest

from marginalia.notemarkup import NoteRenderer, unsafe_url

render = NoteRenderer().render


def test_paragraphs_become_block_spans():
    result = render("First *one*.\n\nSecond **two** with `code`.")
    assert result.errors == ()
    assert result.html == ('<span class="mg-p">First <em>one</em>.</span>\n'
                           '<span class="mg-p">Second <strong>two</strong> with <code>code</code>.</span>')


def test_lists_keep_their_meaning_with_roles():
    result = render("- one\n- two")
    assert result.errors == ()
    assert 'role="list"' in result.html and result.html.count('role="listitem"') == 2
    assert "<ul" not in result.html and "<li" not in result.html


def test_web_links_are_kept():
    result = render("See [the IAEA](https://www.iaea.org/) and <mailto:x@example.org>.")
    assert result.errors == ()
    assert '<a href="https://www.iaea.org/">the IAEA</a>' in result.html


def test_text_that_looks_like_html_is_escaped_when_it_is_not_a_tag():
    assert render("a < b & c").html == '<span class="mg-p">a &lt; b &amp; c</span>'


@pytest.mark.parametrize("source, expected", [
    ("Click <b>here</b>", "raw HTML is not allowed"),
    ("<div>block</div>", "raw HTML is not allowed"),
    ("<script>alert(1)</script>", "raw HTML is not allowed"),
    ("[x](javascript:alert(1))", "'javascript:' scheme"),
    ("[x](JaVaScRiPt:alert(1))", "'javascript:' scheme"),
    ("[x](data:text/html,hi)", "'data:' scheme"),
    ("![chart](https://example.org/c.png)", "images are not allowed"),
    ("# Heading", "<h1>"),
    ("> quoted", "<blockquote>"),
    ("[x](other-page.md)", "is relative"),
])
def test_unsafe_or_unsupported_markup_is_refused(source, expected):
    result = render(source)
    assert any(expected in error for error in result.errors), result.errors


def test_each_refusal_carries_a_hint():
    [error] = render("<i>x</i>").errors
    message, _, hint = error.partition("; ")
    assert message and hint


def test_fragment_links_are_allowed():
    assert unsafe_url("#note-x") is None
    assert unsafe_url(" java\nscript:alert(1)") is not None
