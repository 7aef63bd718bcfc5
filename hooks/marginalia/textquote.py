"""Find a quoted passage in a text, as a W3C TextQuoteSelector does, tolerantly.

Authors copy quotes from a web page, a PDF or their memory, so typography must not matter:
whitespace of any kind, curly or straight quotes, hyphens or dashes, and Unicode
compatibility forms all compare equal. Words and case must still be exact. Matching runs on
a *normalised* copy of the text that remembers, for every character, where it came from, so
a match maps back to exact offsets in the original.

Dashes get one more allowance: a run of them is one typographic unit, and the spaces around
it are optional, so ``--`` or ``---`` typed on a keyboard, or `` - ``, match an en or em
dash, spaced or not. A quote with a dash is therefore searched for with a small pattern
(the dash runs of the text are kept as they are, so offsets stay exact).

A quote that occurs more than once is decided by its prefix and/or suffix; when they do not
decide it, the result says where the copies are, so the author can add context.

:func:`partial_word` is an authoring rule on top: a passage that starts or ends inside a
word is a selection slip (mouse-copying gives "ipartisan concerns"), not a quote.

Context may run past the edge of a text. A client that describes a passage on the whole
page (the Hypothesis client counts in the page's body) takes its prefix and suffix from
whatever stands beside the text element: a label, the headline, a note. Such context still
fits where its part beside the passage is all the text there is between the passage and the
edge, but only where no occurrence fits it in full. A text searched as several joined texts
says where each one starts (:func:`with_edges`).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from .model import Selector

_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"}
_QUOTES.update({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"}
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character in the form used for comparison ('' when it is invisible)."""
    if char in _INVISIBLE:
        return ""
    if char.isspace():
        return " "
    char = _QUOTES.get(char) or _DASHES.get(char) or char
    folded = unicodedata.normalize("NFKD", char)
    out = []
    for part in folded:
        if unicodedata.combining(part):
            out.append(part)
        elif part.isspace():
            out.append(" ")
        else:
            out.append(_QUOTES.get(part) or _DASHES.get(part) or part)
    return "".join(out)


@dataclass(frozen=True)
class Normalised:
    """A folded text and, for each of its characters, the index it came from."""

    text: str
    origin: tuple[int, ...]
    source_length: int
    edges: tuple[int, ...] = ()  # where each joined text after the first starts, in ``text``

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the folded text back to the original text."""
        source_start = self.origin[start]
        source_end = self.origin[end - 1] + 1 if end > start else source_start
        return source_start, source_end


# Runs of text that folds to itself (printable ASCII but the backtick, words separated by
# single spaces), runs of whitespace, or any other single character. Taking the common case
# a run at a time keeps it at C speed; only the rest goes through _fold_char.
_RUNS = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*|\s+|.", re.S)


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    origin: list[int] = []
    last_space = True  # drop leading whitespace, collapse runs
    for match in _RUNS.finditer(text):
        run, start = match.group(), match.start()
        first = run[0]
        if "!" <= first <= "~" and first != "`":
            chars.append(run)
            origin.extend(range(start, start + len(run)))
            last_space = False
        elif run.isspace():
            if not last_space:
                chars.append(" ")
                origin.append(start)
                last_space = True
        else:
            for part in _fold_char(first):
                if part == " ":
                    if last_space:
                        continue
                    last_space = True
                else:
                    last_space = False
                chars.append(part)
                origin.append(start)
    folded = "".join(chars)
    if folded.endswith(" "):
        folded = folded[:-1]
        origin.pop()
    return Normalised(folded, tuple(origin), len(text))


def with_edges(text: Normalised, starts: list[int]) -> Normalised:
    """``text`` made of several texts joined, each of these (but the first) starting at
    ``starts`` in the original: context is then allowed to run past their edges."""
    return replace(text, edges=tuple(bisect.bisect_left(text.origin, start) for start in starts))


def fold(text: str) -> str:
    """The comparison form of a short string (quote, prefix or suffix)."""
    return normalise(text).text


# --- results -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """Where a quote was found, as offsets into the original (unfolded) text."""

    start: int
    end: int


@dataclass(frozen=True)
class AnchorFailure:
    reason: str  # "empty", "not-found", "ambiguous", "context"
    message: str
    hint: str | None = None


def find_all(haystack: str, needle: str) -> list[int]:
    positions = []
    start = haystack.find(needle)
    while start != -1:
        positions.append(start)
        start = haystack.find(needle, start + 1)
    return positions


_DASH_RUN = re.compile(r" ?-+ ?")


def _collapse_dashes(text: str) -> str:
    """Every run of dashes, with the spaces around it, as one '-' (for comparing context)."""
    return _DASH_RUN.sub("-", text) if "-" in text else text


def find_spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every [start, end) where ``needle`` occurs, overlaps included, dash runs as one unit."""
    if "-" not in needle:
        return [(p, p + len(needle)) for p in find_all(haystack, needle)]
    return [(m.start(), m.start() + len(m.group(1))) for m in _dash_pattern(needle).finditer(haystack)]


@lru_cache(maxsize=1024)
def _dash_pattern(needle: str) -> re.Pattern:
    pieces = _DASH_RUN.split(needle)
    body = r" ?-+ ?".join(re.escape(piece) for piece in pieces)
    if needle.startswith("-"):  # a dash run is matched whole, never from its middle
        body = "(?<!-)" + body.removeprefix(" ?")
    if needle.endswith("-"):
        body = body.removesuffix(" ?") + "(?!-)"
    return re.compile(f"(?=({body}))")


def _fits(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    if prefix:
        before = text[:start].rstrip()
        if not before.endswith(prefix) and not (
                "-" in prefix + before[-1:] and _collapse_dashes(before[-3 * len(prefix) - 3:]).endswith(
                    _collapse_dashes(prefix))):
            return False
    if suffix:
        after = text[end:].lstrip()
        if not after.startswith(suffix) and not (
                "-" in suffix + after[:1] and _collapse_dashes(after[:3 * len(suffix) + 3]).startswith(
                    _collapse_dashes(suffix))):
            return False
    return True


def _fits_past_the_edge(text: Normalised, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Whether context that runs off the edges of the passage's own text fits it: the part
    beside the passage must be all of that text before (or after) it."""
    edges = text.edges
    low = edges[bisect.bisect_right(edges, start) - 1] if edges and edges[0] <= start else 0
    high = edges[bisect.bisect_left(edges, end)] if edges and edges[-1] >= end else len(text.text)
    before, after = text.text[low:start].rstrip(), text.text[end:high].lstrip()
    if prefix and not (before.endswith(prefix) or len(before) < len(prefix) and prefix.endswith(before)):
        return False
    if suffix and not (after.startswith(suffix) or len(after) < len(suffix) and suffix.startswith(after)):
        return False
    return True


def anchor(text: Normalised, selector: Selector) -> Anchor | AnchorFailure:
    """Find the one place in ``text`` that the selector describes."""
    exact = fold(selector.exact)
    if not exact:
        return AnchorFailure("empty", "the quote is empty")
    prefix, suffix = fold(selector.prefix), fold(selector.suffix)
    positions = find_spans(text.text, exact)
    if not positions:
        return AnchorFailure("not-found", "quote not found in the article", closest_hint(text.text, exact))
    fitting = [(p, e) for p, e in positions if _fits(text.text, p, e, prefix, suffix)] or \
        [(p, e) for p, e in positions if _fits_past_the_edge(text, p, e, prefix, suffix)]
    if len(fitting) == 1:
        start, end = text.to_source(*fitting[0])
        return Anchor(start, end)
    places = "\n".join(
        f"{n}. {context(text.text, p, e)}" for n, (p, e) in enumerate(positions[:5], 1)
    )
    if not fitting:
        return AnchorFailure(
            "context",
            f"the quote occurs {_times(len(positions))}, but never with the given prefix/suffix",
            "the text around it reads:\n" + places,
        )
    return AnchorFailure(
        "ambiguous",
        f"the quote occurs {_times(len(fitting))}; add a prefix or suffix that picks one",
        "it occurs at:\n"
        + "\n".join(
            f"{n}. {context(text.text, p, e)}" for n, (p, e) in enumerate(fitting[:5], 1)
        ),
    )


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def context(text: str, start: int, end: int, width: int = 30) -> str:
    """A passage shown in its surroundings, trimmed to whole words: …before [passage] after…"""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    if start - width > 0:
        before = "…" + before.split(" ", 1)[-1]
    if end + width < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return f"{before}[{text[start:end]}]{after}"


def closest_hint(text: str, exact: str) -> str | None:
    """Point the author at the passage their quote most likely meant."""
    lowered = text.lower().find(exact.lower())
    if lowered != -1:
        return f'the passage occurs with different capitalisation: "{text[lowered:lowered + len(exact)]}"'
    passage = closest_passage(text, exact)
    return f'the closest passage is "{passage}"' if passage else None


def closest_passage(text: str, exact: str) -> str | None:
    """The run of words in ``text`` most similar to ``exact`` (word windows, difflib ratio)."""
    words = list(re.finditer(r"\S+", text))
    size = max(1, len(exact.split()))
    if not words:
        return None
    best, best_ratio = None, 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for first in range(0, max(1, len(words) - size + 1)):
        last = min(len(words), first + size) - 1
        window = text[words[first].start():words[last].end()]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best if best_ratio >= 0.4 else None


# --- whole words ---------------------------------------------------------------------------

# Scripts written without spaces between words: any character boundary may be a word's.
_SPACELESS_SCRIPTS = ("CJK ", "IDEOGRAPHIC ", "HIRAGANA ", "KATAKANA", "HALFWIDTH KATAKANA", "THAI ",
                      "LAO ", "KHMER ", "MYANMAR ", "TIBETAN ", "JAVANESE ", "BALINESE ", "YI ")


@lru_cache(maxsize=4096)
def _in_word(char: str) -> bool:
    """A letter, digit or combining mark of a script that separates its words with spaces."""
    if not (char.isalnum() or unicodedata.category(char).startswith("M")):
        return False
    return not unicodedata.name(char, "").startswith(_SPACELESS_SCRIPTS)


def partial_word(text: str, start: int, end: int) -> AnchorFailure | None:
    """A failure if ``text[start:end]`` starts or ends inside a word, hinting the whole words."""
    cut_start = 0 < start < len(text) and _in_word(text[start - 1]) and _in_word(text[start])
    cut_end = 0 < end < len(text) and _in_word(text[end - 1]) and _in_word(text[end])
    if not (cut_start or cut_end):
        return None
    while cut_start and start > 0 and _in_word(text[start - 1]):
        start -= 1
    while cut_end and end < len(text) and _in_word(text[end]):
        end += 1
    where = "starts and ends" if cut_start and cut_end else "starts" if cut_start else "ends"
    whole = " ".join(text[start:end].split())
    return AnchorFailure("partial-word", f"the quote {where} inside a word",
                         f'quote whole words: "{whole}"')
