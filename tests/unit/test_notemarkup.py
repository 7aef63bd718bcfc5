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


# --- the fast path for plain notes gives exactly Python-Markdown's HTML --------------------

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from marginalia.notemarkup import plain_markdown
from tests.conftest import DEMO, ROOT


def python_markdown(source: str) -> str:
    return markdown.Markdown(extensions=["sane_lists"], output_format="html").convert(source)


def test_every_note_of_the_demo_and_of_the_site_renders_as_python_markdown_renders_it():
    import yaml

    def bodies_in(folder):
        return [note["note"] for path in sorted((folder / "annotations").glob("*.yml"))
                for note in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("notes") or []]

    renderer = NoteRenderer()
    bodies = bodies_in(DEMO)
    assert len(bodies) >= 30, "the demo notes are a real corpus of note Markdown"
    bodies += bodies_in(ROOT)
    fast = 0
    for body in bodies:
        assert renderer.render(body) == renderer.render_with_markdown(body), body
        if plain_markdown(body) is not None:
            fast += 1
            assert plain_markdown(body) == python_markdown(body), body
    assert fast >= len(bodies) * 0.8, f"only {fast} of {len(bodies)} notes took the fast path"


@pytest.mark.parametrize("source", [
    "The passage *frames* the events.\nSee [the report](https://example.org/r?a=1&b=2) for figures.\n",
    "Two paragraphs.\n\nThe second: x*y*z, 3 > 2 & (so) on!",
    "[relative](page.md) is refused", "[js](javascript:alert(1))", "a **strong** word", "- a list",
    "1. first", "# heading", "> quote", "<b>raw</b>", "![img](https://x.org/a.png)", "`code`",
    "snake_case", "AT&amp;T", "trailing  \nbreak", "\tindented", "    code", "* item", "a\n===",
])
def test_fast_and_slow_paths_agree_on_html_and_errors(source):
    renderer = NoteRenderer()
    assert renderer.render(source) == renderer.render_with_markdown(source)


PIECES = ["a", "word", "Übung", " ", "  ", "\n", "\n\n", "*", "**", "_", "[", "]", "(", ")", "!", "&",
          "&amp;", "&#2", ">", "<", "`", "\\", "1.", "2)", "-", "+", "#", "=", "'", '"', "\xa0", "\t", "|",
          "*em*", "**st**", "**a b**", "x*y*z", "[t](u)", "[a b](https://x.org/p?q=1&r=2#f)", "[x](#frag)", "[ t ](u)", "\r"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=16).map("".join))
def test_fast_path_is_python_markdown_whenever_it_answers(source):
    fast = plain_markdown(source)
    if fast is not None:
        assert fast == python_markdown(source)
