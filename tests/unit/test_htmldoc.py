"""The text of each text element of rendered HTML, as the browser's DOM holds it, and a
faithful round trip."""

from __future__ import annotations

from marginalia.htmldoc import HtmlDoc, serialize


def zone_text(html: str, zone: str = "a") -> str:
    return HtmlDoc.parse(html).zones.get(zone, "")


def test_text_runs_across_inline_markup():
    html = '<div data-mg-part="a"><p>In an interview with <a href="#">German <em>media</em></a>, Scholz</p></div>'
    assert zone_text(html).strip() == "In an interview with German media, Scholz"


def test_the_text_is_the_doms_with_nothing_added_between_blocks():
    """As textContent and a DOM Range read it: the line breaks the HTML has between blocks,
    and no others; an element boundary with no white space joins the words, as in the DOM."""
    assert zone_text('<div data-mg-part="a"><p>first</p>\n<p>second</p><p>third</p>x<br>y</div>') == \
        "first\nsecondthirdxy"


def test_line_breaks_are_the_doms():
    """The browser reads CR LF and CR as LF, and drops a line feed right after <pre>."""
    doc = HtmlDoc.parse('<div data-mg-part="a">one\r\ntwo\rthree<pre>\ncode\n</pre></div>')
    assert doc.zones["a"] == "one\ntwo\nthreecode\n"
    assert "".join(serialize(t) for t in doc.tokens) == '<div data-mg-part="a">one\ntwo\nthree<pre>code\n</pre></div>'


def test_entities_are_decoded():
    assert zone_text('<p data-mg-part="a">AT&amp;T &ldquo;quoted&rdquo; &#8212;</p>') == "AT&T “quoted” —"


def test_text_outside_text_elements_is_not_anchorable_and_inside_nothing_is_skipped():
    html = ('<p>chrome</p><dl><dt>Label</dt><dd data-mg-part="a">value <span data-mg-skip>kept</span>'
            '<button aria-label="Note 1"></button></dd></dl>')
    assert zone_text(html) == "value kept"


def test_each_text_element_is_keyed_by_its_id_and_knows_its_part_and_tags():
    doc = HtmlDoc.parse('<h1 id="t" data-mg-part="a">alpha</h1><p>x</p><div id="b" data-mg-part="a">beta</div>'
                        '<p data-mg-part="s">gamma</p>')
    assert doc.zones == {"t": "alpha", "b": "beta", "s": "gamma"}
    assert [(e.key, e.part) for e in doc.elements] == [("t", "a"), ("b", "a"), ("s", "s")]
    title = doc.elements[0]
    assert (doc.tokens[title.start].tag, doc.tokens[title.end].raw) == ("h1", "</h1>")


def test_a_part_attribute_inside_a_text_element_is_just_markup():
    """Only the outermost element makes a text: an article's own HTML cannot split it."""
    doc = HtmlDoc.parse('<div id="b" data-mg-part="a">one <span data-mg-part="s">two</span> three</div>')
    assert doc.zones == {"b": "one two three"}


def test_scripts_and_styles_count_as_the_dom_counts_them_and_are_not_escaped():
    html = '<div data-mg-part="a"><script>if (a < b) {}</script><style>p>b{}</style>text</div>'
    doc = HtmlDoc.parse(html)
    assert doc.zones["a"] == "if (a < b) {}p>b{}text"
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
