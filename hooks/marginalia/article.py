"""Anchor an article's notes in its rendered HTML, highlight the passages, place the notes.

One pass over the page, in three steps:

1. **Anchor.** Each note's quote is found in the visible text of its zone
   (:mod:`marginalia.textquote`); a quote that cannot be placed becomes a problem.
2. **Plan.** Each note goes right after its passage, but never inside an inline element
   such as a link (a button inside a link is invalid HTML): it moves to just after the
   outermost one. Notes are numbered in the order they will appear on the page.
3. **Write.** Text tokens are cut at every passage boundary; each piece is wrapped in one
   ``<mark data-quote-for="…">`` per note that covers it (so overlapping and nested passages
   nest cleanly), and the notes are written at their places. The text itself is untouched.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from .htmldoc import PHRASING_PARENTS, HtmlDoc, escape_text, serialize
from .model import Note
from .problems import Problem
from .textquote import Anchor, Normalised, anchor, normalise, partial_word


@dataclass(frozen=True)
class Placed:
    """A note whose passage was found: zone offsets and where the note is written."""

    note: Note
    start: int
    end: int
    at: tuple[int, int]  # (token index, offset in that token's text, or -1 for "after it")
    number: int = 0


@dataclass
class Annotated:
    html: str
    placed: list[Placed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    zones: dict[str, str] = field(default_factory=dict)  # the text of each zone, as anchored in


NoteWriter = Callable[[Placed], str]


def annotate(source_html: str, notes: list[Note], write_note: NoteWriter) -> Annotated:
    """Highlight every note's passage in ``source_html`` and write the notes beside them."""
    doc = HtmlDoc.parse(source_html)
    zone_text: dict[str, Normalised] = {}
    placed: list[Placed] = []
    problems: list[Problem] = []
    starts = {zone: _token_starts(doc, zone) for zone in doc.zones}
    for note in notes:
        text = doc.zones.get(note.part, "")
        if note.part not in zone_text:
            zone_text[note.part] = normalise(text)
        result = anchor(zone_text[note.part], note.selector)
        if not isinstance(result, Anchor):
            where = "the supplied text" if note.part == "supplied" else "the article"
            problems.append(Problem(note.file, result.message.replace("the article", where),
                                    note.quote_line or note.line, note.id, result.hint))
            continue
        cut = partial_word(text, result.start, result.end)  # still placed: one problem, not two
        if cut is not None:
            problems.append(Problem(note.file, cut.message, note.quote_line or note.line, note.id, cut.hint))
        placed.append(Placed(note, result.start, result.end,
                             _place_after(doc, starts[note.part], result.end)))
    placed.sort(key=lambda p: (p.at[0], p.at[1] if p.at[1] >= 0 else float("inf"), p.start, -p.end))
    placed = [Placed(p.note, p.start, p.end, p.at, n) for n, p in enumerate(placed, 1)]
    return Annotated(_write(doc, starts, placed, write_note), placed, problems, doc.zones)


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


def _write(doc: HtmlDoc, starts, placed: list[Placed], write_note: NoteWriter) -> str:
    spans: dict[int, list[tuple[int, int, Placed]]] = defaultdict(list)  # token -> local ranges
    inserts: dict[tuple[int, int], list[Placed]] = defaultdict(list)
    for p in placed:
        inserts[p.at].append(p)
        indices, _ = starts[p.note.part]
        for position in range(_token_at(starts[p.note.part], p.start), len(indices)):
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
            out.append(_write_text(index, token, spans.get(index, []), inserts, write_note))
        else:
            out.append(serialize(token))
        for p in inserts.get((index, -1), []):
            out.append(write_note(p))
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
                f'<mark class="mg-mark" data-quote-for="{p.note.id}" data-kind="{p.note.kind}">'
                for p in covering)
            out.append(opening + escape_text(piece) + "</mark>" * len(covering))
        else:
            out.append(escape_text(piece))
        for p in inserts.get((index, right), []):
            out.append(write_note(p))
    return "".join(out)
