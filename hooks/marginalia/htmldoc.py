"""A flat token view of an HTML fragment, and the text a reader sees in it.

Anchoring must match what the reader sees, not the Markdown source, so we work on the
rendered HTML. Rather than build a DOM, we keep the fragment as a flat list of tokens (start
tags, end tags, text) and record, for every text token, its place in a *zone text*: the
concatenated visible text of one anchoring zone. Highlighting then only has to split text
tokens and add tags between them, and every byte we do not touch is written back as it was.

Zones are marked in the HTML with ``data-mg-part="<name>"``; text outside any zone (page
chrome such as labels and buttons) and inside ``data-mg-skip`` elements is not anchorable.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Elements whose boundaries separate words: their text never runs into a neighbour's.
BLOCK = frozenset(
    """address article aside blockquote br dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul""".split()
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
    kind: str  # "start", "end", "startend", "text", "raw"
    tag: str = ""
    raw: str = ""  # exact source of tags, comments and raw text
    text: str = ""  # decoded text, for "text" tokens
    attrs: dict[str, str | None] = field(default_factory=dict)
    # filled in for text tokens:
    zone: str | None = None
    offset: int = 0  # where this token's text starts in its zone text
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
        if self.cdata_elem:  # inside <script>/<style>: not text, write back untouched
            self.tokens.append(Token("raw", raw=data))
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


@dataclass
class HtmlDoc:
    """Tokens of an HTML fragment plus the visible text of each anchoring zone."""

    tokens: list[Token]
    zones: dict[str, str]

    @classmethod
    def parse(cls, source: str) -> "HtmlDoc":
        tokens = tokenize(source)
        zones = _index_text(tokens)
        return cls(tokens, zones)

    def text_tokens(self, zone: str) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.kind == "text" and t.zone == zone]


def _index_text(tokens: list[Token]) -> dict[str, str]:
    """Give every text token its zone and offset, and pair start tags with end tags."""
    parts: dict[str, list[str]] = {}
    lengths: dict[str, int] = {}
    ends_with_separator: dict[str, bool] = {}
    stack: list[tuple[int, str | None, bool]] = []  # (token index, zone, skipped)

    def separate(zone: str | None) -> None:
        # A block boundary: make sure words on either side do not run together.
        if zone is not None and parts.get(zone) and not parts[zone][-1].endswith("\n"):
            parts[zone].append("\n")
            lengths[zone] += 1
            ends_with_separator[zone] = True

    for index, token in enumerate(tokens):
        zone = stack[-1][1] if stack else None
        skipped = stack[-1][2] if stack else False
        if token.kind in ("start", "startend"):
            if token.tag in BLOCK:
                separate(zone)
            if token.kind == "start":
                own_zone = token.attrs.get("data-mg-part") or zone
                own_skip = skipped or "data-mg-skip" in token.attrs or _is_chrome(token)
                stack.append((index, own_zone, own_skip))
            token.match = index
        elif token.kind == "end":
            # close up to the matching start tag, tolerating unclosed inline tags
            for depth in range(len(stack) - 1, -1, -1):
                if tokens[stack[depth][0]].tag == token.tag:
                    for opened, _, _ in stack[depth:]:
                        tokens[opened].match = index
                    del stack[depth:]
                    break
            if token.tag in BLOCK:
                separate(zone)
        elif token.kind == "text" and zone is not None and not skipped:
            token.zone = zone
            token.offset = lengths.setdefault(zone, 0)
            token.parent = tokens[stack[-1][0]].tag if stack else ""
            token.inline_root = next((i for i, _, _ in stack if tokens[i].tag in INLINE), -1)
            parts.setdefault(zone, []).append(token.text)
            lengths[zone] += len(token.text)
            ends_with_separator[zone] = False
    for zone, chunks in parts.items():  # a trailing block separator is not text
        if ends_with_separator.get(zone):
            chunks.pop()
    return {zone: "".join(chunks) for zone, chunks in parts.items()}


def _is_chrome(token: Token) -> bool:
    """Theme furniture inside content that is not article text (heading permalinks)."""
    return "headerlink" in (token.attrs.get("class") or "").split()


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def serialize(token: Token) -> str:
    if token.kind == "text":
        return escape_text(token.text)
    return token.raw
