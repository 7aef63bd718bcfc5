"""A flat token view of an HTML fragment, and the text of each of its text elements.

Anchoring must match what the reader sees, not the Markdown source, so we work on the
rendered HTML. Rather than build a DOM, we keep the fragment as a flat list of tokens (start
tags, end tags, text) and record, for every text token, its place in the text of its *text
element*. Highlighting then only has to split text tokens and add tags between them, and
every byte we do not touch is written back as it was.

A text element is an element with ``data-mg-part="<part>"`` (see render.py for the contract).
Its text is what a browser's DOM holds for it: every text node inside it, in order, as
``textContent`` and a DOM Range read it, with nothing added between blocks and nothing left
out (script and style text included, since the DOM counts it). Text outside every text
element is page furniture and is not anchorable.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Inline elements a note must not be placed inside (a button in a link is invalid HTML,
# and a note inside <em> would be italic): the note goes after them instead.
INLINE = frozenset(
    """a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong
    sub sup time u var""".split()
)
# Where a stray whitespace-only text node may be wrapped in <mark> without breaking HTML.
PHRASING_PARENTS = INLINE | frozenset(
    "p li dd dt td th h1 h2 h3 h4 h5 h6 figcaption label summary caption".split()
)


@dataclass
class Token:
    kind: str  # "start", "end", "startend", "text", "cdata" (script or style text), "raw"
    tag: str = ""
    raw: str = ""  # exact source of tags, comments and raw text
    text: str = ""  # decoded text, for "text" tokens
    attrs: dict[str, str | None] = field(default_factory=dict)
    # filled in for text tokens (and script or style text) inside a text element:
    zone: str | None = None  # the key of its text element
    offset: int = 0  # where this token's text starts in its text element's text
    parent: str = ""  # the innermost open element
    inline_root: int = -1  # the outermost open INLINE element's start token, if any
    # filled in for start tags: index of the matching end token (or itself if none)
    match: int = -1


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = "startend" if tag in VOID else "start"
        self.tokens.append(Token(kind, tag, self.get_starttag_text() or "", attrs=dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(Token("startend", tag, self.get_starttag_text() or "", attrs=dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(Token("end", tag, f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        if self.cdata_elem:  # inside <script>/<style>: written back untouched
            self.tokens.append(Token("cdata", raw=data))
        else:
            self.tokens.append(Token("text", text=data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(Token("raw", raw=f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(Token("raw", raw=f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(Token("raw", raw=f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(Token("raw", raw=f"<![{data}]>"))


def tokenize(source: str) -> list[Token]:
    """The tokens of an HTML fragment, as :class:`html.parser.HTMLParser` reads it."""
    fast = tokenize_plain(source)
    return fast if fast is not None else tokenize_with_parser(source)


def tokenize_with_parser(source: str) -> list[Token]:
    tokenizer = _Tokenizer()
    tokenizer.feed(source)
    tokenizer.close()
    return tokenizer.tokens


# A fast path for HTML as Markdown and Marginalia write it: start and end tags with plain
# attributes, and text. Comments, declarations, <script>/<style> and anything irregular
# (a "<" that starts no tag, an unusual attribute) return None and go to HTMLParser; the two
# are compared in tests/property/test_anchoring.py.
_TAG = re.compile(
    r"<(?:/(?P<end>[a-zA-Z][a-zA-Z0-9]*)\s*"
    r"|(?P<start>[a-zA-Z][a-zA-Z0-9]*)(?P<attrs>(?:\s+[a-zA-Z_:][-.:a-zA-Z0-9_]*"
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(?P<close>/?))>"""
)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-.:a-zA-Z0-9_]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_SPECIAL = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())


def tokenize_plain(source: str) -> list[Token] | None:
    tokens: list[Token] = []
    position = 0
    unescape = html.unescape
    for match in _TAG.finditer(source):
        if match.start() > position:
            text = source[position:match.start()]
            if "<" in text:
                return None
            tokens.append(Token("text", text=unescape(text) if "&" in text else text))
        position = match.end()
        end = match.group("end")
        if end is not None:
            tokens.append(Token("end", end.lower(), f"</{end.lower()}>"))
            continue
        tag = match.group("start").lower()
        if tag in _SPECIAL:
            return None
        attrs: dict[str, str | None] = {}
        if match.group("attrs"):
            for attribute in _ATTRIBUTE.finditer(match.group("attrs")):
                value = next((v for v in attribute.groups()[1:] if v is not None), None)
                if value and "&" in value:
                    value = unescape(value)
                attrs[attribute.group(1).lower()] = value
        kind = "startend" if match.group("close") or tag in VOID else "start"
        tokens.append(Token(kind, tag, match.group(0), attrs=attrs))
    if position < len(source):
        text = source[position:]
        if "<" in text:
            return None
        tokens.append(Token("text", text=html.unescape(text) if "&" in text else text))
    return tokens


@dataclass(frozen=True)
class TextElement:
    """One text element: its key (its ``id``), its part, its text, where its tags are."""

    key: str
    part: str
    text: str
    start: int  # index of its start tag token
    end: int  # index of its end tag token (or its last token, if it is never closed)


@dataclass
class HtmlDoc:
    """Tokens of an HTML fragment plus the text of each of its text elements."""

    tokens: list[Token]
    elements: list[TextElement]

    @classmethod
    def parse(cls, source: str) -> "HtmlDoc":
        tokens = tokenize(dom_newlines(source))
        return cls(tokens, _index_text(tokens))

    @property
    def zones(self) -> dict[str, str]:
        """The text of each text element, by key."""
        return {element.key: element.text for element in self.elements}

    def text_tokens(self, zone: str) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.kind == "text" and t.zone == zone]


def dom_newlines(source: str) -> str:
    """The fragment with its line breaks as a browser's DOM has them: a browser reads CR LF
    and a lone CR as LF. Writing them so keeps the build's text equal to the DOM's."""
    return source.replace("\r\n", "\n").replace("\r", "\n") if "\r" in source else source


# After these start tags the HTML parser drops one leading line feed.
_DROPS_NEWLINE = frozenset(("pre", "listing", "textarea"))


def _index_text(tokens: list[Token]) -> list[TextElement]:
    """Give every text token its text element and offset, and pair start tags with end tags."""
    elements: list[TextElement] = []
    stack: list[int] = []  # indices of open start tags
    current: tuple[int, str, str] | None = None  # (start token index, key, part) of the open text element
    depth = -1  # stack depth at which the open text element started
    chunks: list[str] = []
    length = 0
    keys: set[str] = set()

    def close(end: int) -> None:
        nonlocal current, chunks, length
        assert current is not None
        start, key, part = current
        elements.append(TextElement(key, part, "".join(chunks), start, end))
        current, chunks, length = None, [], 0

    for index, token in enumerate(tokens):
        if token.kind in ("start", "startend"):
            token.match = index
            if token.kind == "start":
                part = token.attrs.get("data-mg-part")
                if current is None and part:
                    key = token.attrs.get("id") or part
                    while key in keys:  # only fragments without ids (tests) repeat a key
                        key += "'"
                    keys.add(key)
                    current, depth = (index, key, part), len(stack)
                stack.append(index)
            if token.tag in _DROPS_NEWLINE and index + 1 < len(tokens):
                following = tokens[index + 1]
                if following.kind == "text" and following.text.startswith("\n"):
                    following.text = following.text[1:]  # written without it: the DOM is the same
        elif token.kind == "end":
            # close up to the matching start tag, tolerating unclosed inline tags
            for level in range(len(stack) - 1, -1, -1):
                if tokens[stack[level]].tag == token.tag:
                    for opened in stack[level:]:
                        tokens[opened].match = index
                    del stack[level:]
                    if current is not None and level <= depth:
                        close(index)
                    break
        elif current is not None and token.kind in ("text", "cdata"):  # the DOM counts script text too
            text = token.text if token.kind == "text" else token.raw
            token.zone = current[1]
            token.offset = length
            token.parent = tokens[stack[-1]].tag if stack else ""
            token.inline_root = next((i for i in stack[depth + 1:] if tokens[i].tag in INLINE), -1)
            chunks.append(text)
            length += len(text)
    if current is not None:
        close(len(tokens) - 1)
    return elements


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def serialize(token: Token) -> str:
    if token.kind == "text":
        return escape_text(token.text)
    return token.raw
