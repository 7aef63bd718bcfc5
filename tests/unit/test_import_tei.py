"""trafilatura's structured tree written as Markdown: every word as it stands, structure kept,
nothing but text and Markdown's own syntax out."""

from __future__ import annotations

from lxml import etree

from marginalia.importer.tei import to_markdown


def written(xml: str, **kwargs):
    return to_markdown(etree.fromstring(f"<body>{xml}</body>"), **kwargs)


def test_the_headline_leaves_the_body_and_headings_start_at_level_two():
    out = written('<head rend="h1">Title</head><p>Text.</p><head rend="h3">Sub</head><p>More.</p>',
                  skip_title="title")
    assert out.markdown == "Text.\n\n## Sub\n\nMore."
    assert out.blocks["heading"] == 1


def test_nested_lists_are_indented_and_ordered_lists_numbered():
    out = written('<list rend="ol"><item>One<list rend="ul"><item>sub</item></list></item><item>Two</item></list>')
    assert out.markdown == "1. One\n    - sub\n2. Two"


def test_a_quote_of_several_paragraphs_stays_one_quote():
    out = written("<quote><p>First.</p><p>Second.</p></quote>")
    assert out.markdown == "> First.\n>\n> Second."
    assert out.text == "First.\n\nSecond."


def test_emphasis_keeps_spaces_outside_its_marks():
    out = written('<p>a<hi rend="#b"> bold </hi>word and <hi rend="#i">it</hi>.</p>')
    assert out.markdown == "a **bold** word and *it*."


def test_links_keep_web_addresses_only():
    out = written('<p><ref target="https://a.example/x y">one</ref>, <ref target="javascript:alert(1)">two</ref>, '
                  '<ref target="/rel">three</ref>, <ref target="mailto:x@a.example">four</ref></p>')
    assert out.markdown == "[one](https://a.example/x%20y), two, three, [four](mailto:x@a.example)"
    assert (out.unlinked, out.code_links) == (2, 1)
    based = written('<p><ref target="/rel">three</ref></p>', base_url="https://a.example/news/")
    assert based.markdown == "[three](https://a.example/rel)"


def test_a_line_break_is_a_hard_break_and_no_line_starts_a_list():
    out = written("<p>Line one<lb/>- two<lb/>3. three</p>")
    assert out.markdown == "Line one  \n\\- two  \n3\\. three"
    assert out.text == "Line one\n- two\n3. three"


def test_tables_keep_their_cells():
    out = written('<table><row><cell role="head">Year</cell><cell role="head">Cost</cell></row>'
                  "<row><cell>2024</cell><cell>£14m | est.</cell></row></table>")
    assert out.markdown == "| Year | Cost |\n|---|---|\n| 2024 | £14m \\| est. |"


def test_text_that_looks_like_markup_is_escaped():
    out = written("<p>&lt;script&gt;alert(1)&lt;/script&gt; *x* {: onclick=y}</p>")
    assert out.markdown == "&lt;script\\>alert(1)&lt;/script\\> \\*x\\* \\{: onclick=y\\}"


def test_a_heading_ending_in_a_hash_keeps_it():
    assert written('<head rend="h2">We are number #</head>').markdown == "## We are number \\#"
