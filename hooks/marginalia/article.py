"""Anchor an article's notes in its rendered HTML, highlight the passages, place the notes.

One pass over the page, in three steps:

1. **Anchor.** Each note's quote is found in the text elements of its part (see render.py
   for the contract): their texts are searched as one, and the quote must lie within one of
   them. A quote that cannot be placed becomes a problem.
2. **Plan.** Each note's toggle goes right after its passage, but never inside an inline
   element such as a link (a button inside a link is invalid HTML): it moves to just after
   the outermost one. Notes are numbered in the order their toggles appear on the page.
3. **Write.** Text tokens are cut at every passage boundary; each piece is wrapped in one
   ``<mark data-quote-for="…">`` per note that covers it (so overlapping and nested passages
   nest cleanly), and the toggles are written at their places. The notes themselves are
   written after the text element that holds their passage, so that element keeps exactly
   the article's text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from .htmldoc import PHRASING_PARENTS, HtmlDoc, TextElement, escape_text, serialize
from .model import Note
from .problems import Problem
from .textquote import Anchor, Normalised, anchor, normalise, partial_word, with_edges


@dataclass(frozen=True)
class Placed:
    """A note whose passage was found: offsets in its text element, where its toggle goes."""

    note: Note
    start: int
    end: int
    at: tuple[int, int]  # (token index, offset in that token's text, or -1 for "after it")
    number: int = 0
    element: str = ""  # the key (id) of the text element holding the passage


@dataclass
class Annotated:
    html: str
    placed: list[Placed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    zones: dict[str, str] = field(default_factory=dict)  # the text of each text element, by key


NoteWriter = Callable[[Placed], str]


@dataclass(frozen=True)
class _Part:
    """The text elements of one part, searched as one text: their texts joined by line breaks."""

    elements: list[TextElement]
    bases: list[int]  # where each element's text starts in the joined text
    text: Normalised

    @classmethod
    def of(cls, doc: HtmlDoc, part: str) -> "_Part":
        elements = [e for e in doc.elements if e.part == part]
        bases, at = [], 0
        for element in elements:
            bases.append(at)
            at += len(element.text) + 1
        return cls(elements, bases, with_edges(normalise("\n".join(e.text for e in elements)), bases[1:]))

    def locate(self, start: int, end: int) -> tuple[TextElement, int, int] | None:
        """The element a [start, end) range of the joined text lies in, and the range in it."""
        index = bisect.bisect_right(self.bases, start) - 1
        element, base = self.elements[index], self.bases[index]
        return (element, start - base, end - base) if end - base <= len(element.text) else None


def annotate(source_html: str, notes: list[Note], write_toggle: NoteWriter,
             write_note: NoteWriter | None = None) -> Annotated:
    """Highlight every note's passage in ``source_html``; write each note's toggle right after
    its passage and (with ``write_note``) the note after the text element holding it."""
    doc = HtmlDoc.parse(source_html)
    parts: dict[str, _Part] = {}
    placed: list[Placed] = []
    problems: list[Problem] = []
    starts = {element.key: _token_starts(doc, element.key) for element in doc.elements}
    for note in notes:
        if note.part not in parts:
            parts[note.part] = _Part.of(doc, note.part)
        part = parts[note.part]
        where = "the supplied text" if note.part == "supplied" else "the article"
        result = anchor(part.text, note.selector)
        found = part.locate(result.start, result.end) if isinstance(result, Anchor) else None
        if not isinstance(result, Anchor):
            problems.append(Problem(note.file, result.message.replace("the article", where),
                                    note.quote_line or note.line, note.id, result.hint))
            continue
        if found is None:
            problems.append(Problem(
                note.file, f"the quote runs from one text of {where} into the next", note.quote_line or note.line,
                note.id, "the headline, the author's name and the body are separate texts "
                "(and so is each text supplied with the source file): quote within one of them"))
            continue
        element, start, end = found
        cut = partial_word(element.text, start, end)  # still placed: one problem, not two
        if cut is not None:
            problems.append(Problem(note.file, cut.message, note.quote_line or note.line, note.id, cut.hint))
        placed.append(Placed(note, start, end, _place_after(doc, starts[element.key], end), element=element.key))
    placed.sort(key=lambda p: (p.at[0], p.at[1] if p.at[1] >= 0 else float("inf"), p.start, -p.end))
    placed = [Placed(p.note, p.start, p.end, p.at, n, p.element) for n, p in enumerate(placed, 1)]
    html = _write(doc, starts, placed, write_toggle, write_note)
    return Annotated(html, placed, problems, doc.zones)


def _token_starts(doc: HtmlDoc, zone: str) -> tuple[list[int], list[int]]:
    """Text tokens of a zone and their start offsets, for binary search."""
    indices = doc.text_tokens(zone)
    return indices, [doc.tokens[i].offset for i in indices]


def _token_at(starts: tuple[list[int], list[int]], offset: int) -> int:
    """Index (into the zone's token list) of the text token containing ``offset``."""
    indices, offsets = starts
    return max(0, bisect.bisect_right(offsets, offset) - 1)


# Punctuation that closes a phrase stays with it: the note (and its number) goes after it,
# as a footnote mark would, so an opened note never leaves a lone "." on the next line.
CLOSING_PUNCTUATION = frozenset(".,;:!?)]}’”\"'»…")


def _place_after(doc: HtmlDoc, starts: tuple[list[int], list[int]], end: int) -> tuple[int, int]:
    indices, _ = starts
    token_index = indices[_token_at(starts, end - 1)]
    token = doc.tokens[token_index]
    if token.inline_root >= 0:
        return doc.tokens[token.inline_root].match, -1
    local = end - token.offset
    while local < len(token.text) and token.text[local] in CLOSING_PUNCTUATION:
        local += 1
    return token_index, local


def _write(doc: HtmlDoc, starts, placed: list[Placed], write_toggle: NoteWriter,
           write_note: NoteWriter | None) -> str:
    spans: dict[int, list[tuple[int, int, Placed]]] = defaultdict(list)  # token -> local ranges
    inserts: dict[tuple[int, int], list[Placed]] = defaultdict(list)
    after: dict[int, list[Placed]] = defaultdict(list)  # a text element's last token -> its notes
    ends = {element.key: element.end for element in doc.elements}
    for p in placed:
        inserts[p.at].append(p)
        if write_note is not None:
            after[ends[p.element]].append(p)
        indices, _ = starts[p.element]
        for position in range(_token_at(starts[p.element], p.start), len(indices)):
            token = doc.tokens[indices[position]]
            if token.offset >= p.end:
                break
            local_start = max(0, p.start - token.offset)
            local_end = min(len(token.text), p.end - token.offset)
            if local_end > local_start:
                spans[indices[position]].append((local_start, local_end, p))
    inside_text = {at[0] for at in inserts if at[1] >= 0}
    out: list[str] = []
    for index, token in enumerate(doc.tokens):
        if index in spans or index in inside_text:
            out.append(_write_text(index, token, spans.get(index, []), inserts, write_toggle))
        else:
            out.append(serialize(token))
        for p in inserts.get((index, -1), []):
            out.append(write_toggle(p))
        for p in after.get(index, []):
            out.append(write_note(p))  # type: ignore[misc]
    return "".join(out)


def _write_text(index: int, token, ranges, inserts, write_note: NoteWriter) -> str:
    text = token.text
    cuts = {0, len(text)}
    for start, end, _ in ranges:
        cuts.update((start, end))
    cuts.update(k[1] for k in inserts if k[0] == index and k[1] >= 0)
    wrap_blank = token.parent in PHRASING_PARENTS
    out: list[str] = []
    points = sorted(cuts)
    for left, right in zip(points, points[1:]):
        piece = text[left:right]
        covering = sorted((p for s, e, p in ranges if s <= left and e >= right),
                          key=lambda p: (p.start, -p.end, p.number))
        if covering and (piece.strip() or wrap_blank):
            opening = "".join(
                f'<mark class="mg-mark" data-quote-for="{p.note.id}" data-kind="{p.note.kind}" '
                f'aria-details="{p.note.element_id}">' for p in covering)
            out.append(opening + escape_text(piece) + "</mark>" * len(covering))
        else:
            out.append(escape_text(piece))
        for p in inserts.get((index, right), []):
            out.append(write_note(p))
    return "".join(out)
