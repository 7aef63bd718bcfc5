"""What may never reach a page from an article: found in the rendered HTML, located in the file."""

from __future__ import annotations

import pytest

from marginalia.safety import locate, unsafe_markup


@pytest.mark.parametrize("html, what", [
    ("<p>x<script>alert(1)</script></p>", "a <script> element"),
    ("<style>p{}</style>", "a <style> element"),
    ('<link rel="stylesheet" href="x.css">', "a <link> element"),
    ('<iframe src="/x"></iframe>', "a <iframe> element"),
    ('<object data="x.swf"></object>', "a <object> element"),
    ('<embed src="x">', "a <embed> element"),
    ('<form action="https://elsewhere.example/"><input></form>', "a <form> element"),
    ('<base href="https://elsewhere.example/">', "a <base> element"),
    ('<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">', "a <meta> element"),
    ('<p onclick="steal()">x</p>', "an event handler attribute (onclick=…) on <p>"),
    ('<svg><a onmouseover="x()">y</a></svg>', "an event handler attribute (onmouseover=…) on <a>"),
    ('<a href="javascript:alert(1)">x</a>', "a javascript: address in href= on <a>"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: address in href= on <a>"),
    ('<a href="data:text/html,<script>x</script>">x</a>', "a data: address in href= on <a>"),
    ('<img src="https://tracker.example/pixel.gif">', "<img src=…> loading https://tracker.example/pixel.gif from another site"),
    ('<img src="//tracker.example/p.gif">', "<img src=…> loading //tracker.example/p.gif from another site"),
    ('<p style="background: url(https://t.example/x)">x</p>', "a style attribute that loads url(…) on <p>"),
])
def test_anything_that_runs_or_loads_is_found(html, what):
    assert [f.what for f in unsafe_markup(html)] == [what]


@pytest.mark.parametrize("html", [
    "<p>Text with <em>emphasis</em>, <a href=\"https://example.org/\">a link</a> and <code>&lt;script&gt;</code>.</p>",
    '<p><img src="../images/photo.jpg" alt="a photo on the site itself"></p>',
    "<blockquote><p>On scripts: the word script is fine.</p></blockquote>",
])
def test_text_and_the_sites_own_files_are_fine(html):
    assert unsafe_markup(html) == []


def test_each_finding_is_located_on_its_own_line_of_the_file():
    source = "Intro.\n\n<p onclick=\"a()\">one</p>\n\n<script>b()</script>\n\n<p onclick=\"c()\">two</p>\n"
    html = source  # raw HTML passes through Markdown unchanged
    located = [(f.what.split(" (")[0], line) for f, line in locate(unsafe_markup(html), source)]
    assert located == [("an event handler attribute", 3), ("a <script> element", 5), ("an event handler attribute", 7)]
