"""Generators shared by the property tests: article-like text, HTML fragments, spans in them.

Texts are built from a small vocabulary so that words repeat (a quote is often ambiguous
and has to be decided by its context), with the typography real articles have: curly and
straight quotes, dashes, ellipses, ligatures, accents, non-breaking spaces and newlines.
"""

from __future__ import annotations

import html

from hypothesis import assume
from hypothesis import strategies as st

from marginalia.model import Selector
from marginalia.textquote import Anchor, anchor, normalise

# Short words that are substrings of longer ones ("talk" / "talks", "on" / "Moscow"), so
# that a quote can match inside another word as well as on its own.
WORDS = [
    "the", "talks", "talk", "peace", "on", "went", "Moscow", "regime", "Kiev", "said",
    "Scholz’s", "Scholz's", "co-operation", "café", "ﬁnal", "a", "an", "Q&A", "<b>",
    "1,000", "’90s", "naïve", "no", "non", "again", "½", "No.1", "№1", "AI™", "ＵＮ", "UN",
]
WRAPS = [("", ""), ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("(", ")"), ("`", "´"), ("„", "“")]
TRAILING = ["", "", "", ",", ".", ";", ":", "!", "?", "…", "’s"]
SEPARATORS = [" ", " ", " ", " ", "  ", "\u00a0", "\u2009", "\n", "\n\n", "\r\n", "\t", " – ", " — ",
              " - ", " -- "]


@st.composite
def tokens(draw) -> str:
    """One word as it appears in running text: maybe quoted, maybe with punctuation after it."""
    word = draw(st.sampled_from(WORDS))
    left, right = draw(st.sampled_from(WRAPS))
    return left + word + right + draw(st.sampled_from(TRAILING))


@st.composite
def article_texts(draw, min_words: int = 1, max_words: int = 40) -> str:
    """Running text: tokens joined by separators, sometimes with whitespace at either end."""
    words = draw(st.lists(tokens(), min_size=min_words, max_size=max_words))
    out = [draw(st.sampled_from(["", "", " ", "\n"]))]
    for index, word in enumerate(words):
        if index:
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(word)
    out.append(draw(st.sampled_from(["", "", " ", "\n"])))
    return "".join(out)


def visible_positions(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if not char.isspace()]


DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d")


def _inside_dash_run(text: str, start: int, end: int) -> bool:
    """A run of dashes ('--' typed for an em dash) is one unit: a span does not split it."""
    return (start > 0 and text[start] in DASHES and text[start - 1] in DASHES
            or end < len(text) and text[end - 1] in DASHES and text[end] in DASHES)


@st.composite
def spans(draw, text: str) -> tuple[int, int]:
    """A [start, end) range of ``text`` that starts and ends on a non-whitespace character."""
    visible = visible_positions(text)
    first = draw(st.sampled_from(visible))
    last = draw(st.sampled_from([i for i in visible if i >= first]))
    assume(not _inside_dash_run(text, first, last + 1))
    return first, last + 1


def smallest_context(text: str, start: int, end: int) -> Selector:
    """The shortest prefix/suffix, taken from ``text`` itself, that makes the passage unique.

    Context grows one character a side at a time until :func:`anchor` gives an answer; with
    the whole text on either side it can only be one place. Every step is also checked: the
    real place must always fit its own context, so the only acceptable failure on the way
    is "ambiguous", and an answer must be the real place.
    """
    folded = normalise(text)
    exact = text[start:end]
    for size in range(0, max(start, len(text) - end) + 1):
        selector = Selector(exact, text[max(0, start - size):start], text[end:end + size])
        result = anchor(folded, selector)
        if isinstance(result, Anchor):
            assert result == Anchor(start, end), (selector, result)
            return selector
        assert result.reason == "ambiguous", (selector, result)
    raise AssertionError(f"the whole text around {exact!r} does not decide it")


# --- HTML fragments ------------------------------------------------------------------------

INLINE_WRAPPERS = [
    ("", ""), ("", ""), ("", ""),
    ("<em>", "</em>"), ("<strong>", "</strong>"), ('<a href="#">', "</a>"),
    ('<a href="#">', "</a>", "<em>", "</em>"),  # emphasis inside a link
]


@st.composite
def paragraphs(draw) -> str:
    """A <p> of plain runs and inline elements (em, strong, a, em inside a), words escaped."""
    runs = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(article_texts(min_words=1, max_words=6))
        wrapper = draw(st.sampled_from(INLINE_WRAPPERS))
        body = html.escape(text, quote=False)
        if len(wrapper) == 4:
            body = wrapper[0] + draw(st.sampled_from(["", "x "])) + wrapper[2] + body + wrapper[3] + wrapper[1]
        else:
            body = wrapper[0] + body + wrapper[1]
        runs.append(body)
    joins = draw(st.lists(st.sampled_from(["", " ", "\n"]), min_size=len(runs), max_size=len(runs)))
    return "<p>" + "".join(j + r for j, r in zip(joins, runs)) + "</p>"


@st.composite
def article_fragments(draw) -> str:
    """``<div data-mg-part="article">`` with one to four paragraphs, as a Markdown render gives."""
    body = draw(st.lists(paragraphs(), min_size=1, max_size=4))
    return '<div data-mg-part="article">' + "\n".join(body) + "</div>"
