"""The fast tokenizer reads HTML exactly as html.parser does, or hands it over."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marginalia.htmldoc import tokenize, tokenize_plain, tokenize_with_parser
from tests.property.strategies import article_fragments


def tokens(items) -> list[tuple]:
    return [(t.kind, t.tag, t.raw, t.text, t.attrs) for t in items]


@settings(max_examples=300, deadline=None)
@given(article_fragments())
def test_article_html_takes_the_fast_path_and_reads_the_same(source):
    fast = tokenize_plain(source)
    assert fast is not None
    assert tokens(fast) == tokens(tokenize_with_parser(source))


PIECES = ["<p>", "</p>", "<P>", "<br>", "<br/>", "<br />", "<span/>", '<a href="#x">', "</a>", "<em>", "</em >",
          '<div data-mg-part="article">', "<div data-mg-skip>", "</div>", "<x-y>", "<p class=a>", "<p a='&amp;b'>",
          '<p a="">', "<p a=\"&quot;\" a='2'>", "text", " ", "\n", "&amp;", "&", "&copy", "&#39;", "<", ">", "< p>",
          "<!-- c -->", "<!x>", "<?pi>", "<script>", "</script>", "<style>", "<title>", "<p\n  id=b>", "é", '"', "'"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_any_html_reads_as_html_parser_reads_it(source):
    fast = tokenize_plain(source)
    if fast is not None:
        assert tokens(fast) == tokens(tokenize_with_parser(source))
    assert tokens(tokenize(source)) == tokens(tokenize_with_parser(source))
