"""Render a note's Markdown to HTML that is safe and fits inside a paragraph.

A note sits inside the paragraph it discusses (that is what keeps it beside its passage), so
its HTML must be *phrasing content*: block elements are rewritten to spans with the same
meaning (``role="list"`` keeps lists lists for assistive technology). Notes are text, never
code: raw HTML, images (which would load from a third party) and links with any scheme but
http, https or mailto are refused with a message, not silently dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from markdown.serializers import RE_AMP


# Block element -> (replacement tag, attributes) so the note stays phrasing content.
_REWRITE = {
    "p": ("span", 'class="mg-p"'),
    "ul": ("span", 'class="mg-ul" role="list"'),
    "ol": ("span", 'class="mg-ol" role="list"'),
    "li": ("span", 'class="mg-li" role="listitem"'),
}
_INLINE_OK = frozenset({"a", "em", "strong", "code", "br", "b", "i", "del", "sub", "sup", "abbr"})
_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class RenderedNote:
    html: str
    errors: tuple[str, ...]  # each is "what is wrong" + "; " + a hint


class NoteRenderer:
    """One Markdown instance, reset between notes: building one per note is slow. Plain notes
    (text, *emphasis*, **strong**, [links](https://…)) skip it: see :func:`plain_markdown`."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")

    def render(self, source: str) -> RenderedNote:
        fast = plain_markdown(source)
        if fast is not None:  # the common case, written as Python-Markdown would write it
            html, errors = _phrasing(fast)
            return RenderedNote(html, tuple(errors))
        return self.render_with_markdown(source)

    def render_with_markdown(self, source: str) -> RenderedNote:
        """Any note, through Python-Markdown (``render`` takes a shortcut for plain ones)."""
        self._md.reset()
        rendered = self._md.convert(source)
        raw = [_short(block) for block in self._md.htmlStash.rawHtmlBlocks
               if isinstance(block, str) and block.lstrip().startswith("<")]
        errors = [
            f"raw HTML is not allowed in a note ({', '.join(raw[:3])}); notes are Markdown: "
            "write *emphasis*, **strong**, `code` or [text](https://…) instead"
        ] if raw else []
        # tags that came from raw HTML are explained by the error above; report the rest
        raw_tags = {tag.lower() for block in raw for tag in re.findall(r"</?([A-Za-z][\w-]*)", block)}
        html, markup_errors = _phrasing(rendered, ignore=raw_tags)
        return RenderedNote(html, tuple(errors + markup_errors))


# --- the fast path ----------------------------------------------------------------------
#
# Most notes are a paragraph or two of text with emphasis, strong and links. For those, the HTML is
# written here directly, exactly as Python-Markdown writes it; anything else (lists, strong,
# code, underscores, backslashes, HTML, entities, unusual whitespace, block syntax at the start
# of a line...) returns None and goes through Python-Markdown. The two are compared on every
# note of the site and on generated text in tests/unit/test_notemarkup.py.

_CONTROL = "\\x00-\\x1f\\x7f"
_INLINE = re.compile(
    rf"(?P<plain>[^*\[\]\\`<_&!{_CONTROL}]|\n)+"
    r"|(?P<bang>!(?!\[))"
    r"|(?P<amp>&(?![#\w]))"  # a lone "&"; anything like an entity goes to Python-Markdown
    rf"|\*\*(?=\S)(?P<strong>[^*\[\]\\`<_&{_CONTROL}]+)(?<=\S)\*\*"
    rf"|\*(?=\S)(?P<em>[^*\[\]\\`<_&{_CONTROL}]+)(?<=\S)\*"
    rf"|\[(?P<text>[^*\[\]\\`<_&{_CONTROL}]+)\]\((?P<href>[^\s()<>\"'\\`*\[\]{_CONTROL}]+)\)",
)
_ATTRIBUTE_AMP = RE_AMP
# the start of a line that could be block syntax (heading, quote, list, rule, code, HTML...)
_BLOCK_START = re.compile(r"[\s#>=+\-|~`<_]|\*(?:\s|$)|\d+[.)]")


def plain_markdown(source: str) -> str | None:
    """HTML of Markdown made of paragraphs of text, *emphasis*, **strong** and [links](url),
    or None for anything else."""
    if "***" in source:  # strong and emphasis together: Python-Markdown's own rules decide
        return None
    paragraphs = []
    for block in source.strip("\n").split("\n\n"):
        lines = block.split("\n")
        for line in lines:
            if not line or _BLOCK_START.match(line) or line[-1].isspace():
                return None
        inline = _inline(block)
        if inline is None:
            return None
        paragraphs.append(f"<p>{inline}</p>")
    return "\n".join(paragraphs) if paragraphs else None


def _inline(text: str) -> str | None:
    out = []
    position = 0
    stars_end = -1  # where the last *emphasis* or **strong** ended
    for match in _INLINE.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        kind = match.lastgroup
        if kind in ("em", "strong"):
            if match.start() == stars_end:  # *a**b*: stars run together
                return None
            stars_end = position
        if kind == "plain" or kind == "bang":
            out.append(match.group(0).replace(">", "&gt;"))
        elif kind == "amp":
            out.append("&amp;")
        elif kind == "em" or kind == "strong":
            out.append(f"<{kind}>{match.group(kind).replace('>', '&gt;')}</{kind}>")
        else:
            href = match.group("href")
            if "&#" in href:
                return None
            href = _ATTRIBUTE_AMP.sub("&amp;", href)  # as Python-Markdown's serializer does
            out.append(f'<a href="{href}">{match.group("text").replace(">", "&gt;")}</a>')
    return "".join(out) if position == len(text) else None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')


def _phrasing(rendered: str, ignore: set[str] = frozenset()) -> tuple[str, list[str]]:
    """Rewrite block tags to spans and refuse what a note may not contain.

    A regular expression is enough here, and much faster than an HTML parser: the input is
    Python-Markdown's own output, in which every "<" of the text is escaped, so each match is
    a tag it wrote (raw HTML from the author is reported separately, before this runs).
    """
    errors: list[str] = []

    def rewrite(match: re.Match) -> str:
        closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3)
        piece, error = _rewrite_tag(tag, closing == "/", attrs, match.group(0))
        if error and error not in errors and tag not in ignore:
            errors.append(error)
        return piece

    return _TAG.sub(rewrite, rendered).strip(), errors


def _rewrite_tag(tag: str, closing: bool, attrs: str, source: str) -> tuple[str, str | None]:
    if tag in _REWRITE:
        name, new_attrs = _REWRITE[tag]
        return (f"</{name}>" if closing else f"<{name} {new_attrs}>"), None
    if tag == "img":
        return "", ("images are not allowed in a note (they would load from another site); "
                    "link to the image instead: [description](https://…)")
    if tag not in _INLINE_OK:
        return "", (f"<{tag}> (from Markdown such as headings, quotes, tables or code blocks) "
                    "cannot be shown in a margin note; use paragraphs, lists, emphasis, code and links")
    if tag == "a" and not closing:
        href = _HREF.search(attrs)
        problem = unsafe_url(html.unescape(href.group(1)) if href else "")
        if problem:
            return "", problem
    return source, None


def unsafe_url(href: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    cleaned = re.sub(r"[\x00-\x20]", "", href)
    if cleaned.startswith("#"):
        return None
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme in _SCHEMES:
        return None
    if not scheme:
        return (f"the link '{href}' is relative; in a note it would break on other pages. "
                "Use a full https:// address")
    return f"links with the '{scheme}:' scheme are not allowed in a note; use an https:// address"
