"""Export an article's notes as W3C Web Annotations (JSON-LD), for other tools to reuse.

One ``AnnotationCollection`` per article, its annotations in one embedded page; each
annotation also carries its own ``@context``, so one taken out of the file (or served alone)
is still a complete JSON-LD Web Annotation.

Each note becomes an ``Annotation`` whose target is the article page (``source``) and the
text element that holds its passage (the headline, the author as given, the body, or one
text supplied with the source file: see render.py's DOM contract), named by a
``CssSelector`` that is refined by the passage, described two ways as the model allows: a
``TextQuoteSelector`` (the passage with some text either side) and a
``TextPositionSelector``. Both count in that element's text as a DOM Range over it reads it
(its ``textContent``), which is exactly the text the build anchors quotes in, so a client
that finds the element and applies the refinement lands on the passage the page highlights.
Real clients are run against the published page in tests/browser/test_annotation_clients.py.

A corrected note keeps its id; each correction becomes one more body, worded as on the page,
and the annotation's ``modified`` is the day of the latest one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from . import strings
from .model import Note
from .render import correction_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix and suffix length, as Hypothesis and most clients use

# Each kind maps to the motivation of the Web Annotation model that describes it best.
MOTIVATION = {
    "framing": "commenting",  # a comment on how the wording steers the reader
    "sourcing": "questioning",  # who says so, and can it be checked
    "claim": "assessing",  # an assessment of a contested claim against the evidence
}


@dataclass(frozen=True)
class Anchored:
    """A note and where it was found: offsets into the text of its text element."""

    note: Note
    text: str  # the whole text of the text element the passage is in
    start: int
    end: int
    element: str = ""  # that element's id

    @property
    def exact(self) -> str:
        return self.text[self.start:self.end]

    @property
    def prefix(self) -> str:
        return self.text[max(0, self.start - CONTEXT_CHARS):self.start]

    @property
    def suffix(self) -> str:
        return self.text[self.end:self.end + CONTEXT_CHARS]


@dataclass(frozen=True)
class Urls:
    """Absolute addresses the export refers to."""

    page: str
    export: str
    topic: Callable[[str], str | None]
    technique: Callable[[str], str | None]


def target(anchored: Anchored, page_url: str) -> dict:
    """The page, and in it the passage: its text element, refined by quote and by position.

    Two alternatives that select the same text, as the model's list of selectors means; each
    scoping selector has one refinement, which is what clients that follow ``refinedBy``
    (Apache Annotator's ``makeRefinable``) expect.
    """
    quote = {"type": "TextQuoteSelector", "exact": anchored.exact,
             "prefix": anchored.prefix, "suffix": anchored.suffix}
    position = {"type": "TextPositionSelector", "start": anchored.start, "end": anchored.end}
    scope = css_id_selector(anchored.element)
    return {"source": page_url, "selector": [
        {"type": "CssSelector", "value": scope, "refinedBy": quote},
        {"type": "CssSelector", "value": scope, "refinedBy": position},
    ]}


_PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def css_id_selector(element_id: str) -> str:
    """A CSS selector for the element with this id (``#id``, or ``[id="…"]`` if it needs escaping)."""
    if _PLAIN_ID.fullmatch(element_id):
        return "#" + element_id
    return '[id="' + element_id.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def annotation(anchored: Anchored, urls: Urls) -> dict:
    note = anchored.note
    bodies: list[dict] = [
        {"type": "TextualBody", "purpose": MOTIVATION[note.kind], "value": note.body.strip(),
         "format": "text/markdown", "language": notes_language()},
        {"type": "TextualBody", "purpose": "classifying", "value": note.kind},
    ]
    for topic in note.topics:
        url = urls.topic(topic)
        bodies.append({"type": "SpecificResource", "purpose": "tagging", "source": url} if url
                      else {"type": "TextualBody", "purpose": "tagging", "value": topic})
    if note.technique:
        url = urls.technique(note.technique)
        bodies.append({"type": "SpecificResource", "purpose": "classifying", "source": url} if url
                      else {"type": "TextualBody", "purpose": "classifying", "value": note.technique})
    for source in note.sources:
        citation = ", ".join(x for x in (source.title, source.publisher, source.date) if x)
        if source.url:
            bodies.append({"type": "SpecificResource", "purpose": "linking", "source": source.url})
        else:
            bodies.append({"type": "TextualBody", "purpose": "describing", "value": citation,
                           "format": "text/plain"})
    bodies += correction_bodies(note)
    return {
        "@context": CONTEXT,
        "id": f"{urls.page}#{note.element_id}",
        "type": "Annotation",
        "motivation": MOTIVATION[note.kind],
        **modified(note),
        "body": bodies,
        "target": target(anchored, urls.page),
    }


def notes_language() -> str:
    """The language the notes are written in: the site's (``theme.language``), like their labels."""
    return strings.current().language


def correction_bodies(note: Note) -> list[dict]:
    """One body per published correction, worded as the note on the page words it.

    A correction describes the note, not the passage, so it is a ``describing`` body; its
    ``created`` is the day of the correction (the time of day is not recorded: midnight UTC).
    """
    return [{"type": "TextualBody", "purpose": "describing", "value": correction_text(c),
             "format": "text/markdown", "language": notes_language(), "created": _day(c.date)}
            for c in note.corrections]


def modified(note: Note) -> dict:
    """``modified``, the day of the latest correction, for a note that has been corrected."""
    return {"modified": _day(note.corrections[-1].date)} if note.corrections else {}


def _day(date: str) -> str:
    """A YYYY-MM-DD day as the xsd:dateTime the Web Annotation model asks for."""
    return f"{date}T00:00:00Z"


def collection(title: str, anchored: list[Anchored], urls: Urls) -> dict:
    items = [annotation(a, urls) for a in anchored]
    return {
        "@context": CONTEXT,
        "id": urls.export,
        "type": "AnnotationCollection",
        "label": f"Marginalia notes on “{title}”",
        "total": len(items),
        "first": {"id": urls.export + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps(data: dict) -> str:
    """The collection as JSON text, one annotation per line.

    Readable, and it diffs well: a changed note changes one line. Each annotation and the
    frame around them are written by the standard library's C encoder (it is only used
    without ``indent``); indenting every value took most of the time of writing the exports.
    The same notes give byte-identical files.
    """
    first = data.get("first")
    items = first.get("items") if isinstance(first, dict) else None
    if not isinstance(items, list) or not items:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    frame = json.dumps({**data, "first": {**first, "items": [_SLOT]}}, ensure_ascii=False, indent=2)
    lines = ",\n".join("      " + json.dumps(item, ensure_ascii=False) for item in items)
    return frame.replace(f'[\n      "{_SLOT}"\n    ]', f"[\n{lines}\n    ]", 1) + "\n"


# Stands for the items in the frame. Matched with the line breaks around it, which no JSON
# string can hold, so no text in a note can be taken for it.
_SLOT = "marginalia:items"
