"""The visible text of rendered HTML, by zone, and a faithful round trip."""

from __future__ import annotations

from marginalia.htmldoc import HtmlDoc, serialize


def zone_text(html: str, zone: str = "a") -> str:
    return HtmlDoc.parse(html).zones.get(zone, "")


def test_text_runs_across_inline_markup():
    html = '<div data-mg-part="a"><p>In an interview with <a href="#">German <em>media</em></a>, Scholz</p></div>'
    assert zone_text(html).strip() == "In an interview with German media, Scholz"


def test_block_boundaries_separate_words():
    html = '<div data-mg-part="a"><p>first</p><p>second</p><ul><li>third</li></ul>x<br>y</div>'
    assert zone_text(html).split() == ["first", "second", "third", "x", "y"]


def test_entities_are_decoded():
    assert zone_text('<p data-mg-part="a">AT&amp;T &ldquo;quoted&rdquo; &#8212;</p>') == "AT&T “quoted” —"


def test_text_outside_zones_and_in_skipped_elements_is_not_anchorable():
    html = ('<p>chrome</p><div data-mg-part="a"><dt data-mg-skip>Label</dt><dd>value</dd>'
            '<h2>Title<a class="headerlink" href="#t">¶</a></h2></div>')
    assert zone_text(html).split() == ["value", "Title"]


def test_zones_are_separate():
    doc = HtmlDoc.parse('<div data-mg-part="a">alpha</div><div data-mg-part="b">beta</div>')
    assert doc.zones == {"a": "alpha", "b": "beta"}


def test_scripts_and_styles_are_neither_text_nor_escaped():
    html = '<div data-mg-part="a"><script>if (a < b) {}</script><style>p>b{}</style>text</div>'
    doc = HtmlDoc.parse(html)
    assert doc.zones["a"] == "text"
    assert "".join(serialize(t) for t in doc.tokens) == html


def test_round_trip_keeps_tags_and_text():
    html = '<p class="x" data-y=\'1\'>a &lt; b<br/><img src="i.png" alt="">c<!-- note --></p>'
    doc = HtmlDoc.parse(html)
    assert "".join(serialize(t) for t in doc.tokens) == html


def test_start_tags_know_their_end_tag():
    doc = HtmlDoc.parse("<p><a href='#'>x</a></p>")
    start_a = next(i for i, t in enumerate(doc.tokens) if t.tag == "a" and t.kind == "start")
    assert doc.tokens[doc.tokens[start_a].match].kind == "end"
    assert doc.tokens[doc.tokens[start_a].match].tag == "a"


def test_text_tokens_know_their_outermost_inline_ancestor():
    doc = HtmlDoc.parse('<p data-mg-part="a">x<a href="#">y<em>z</em></a></p>')
    z = next(t for t in doc.tokens if t.text == "z")
    assert doc.tokens[z.inline_root].tag == "a"
    assert next(t for t in doc.tokens if t.text == "x").inline_root == -1
