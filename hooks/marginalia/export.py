"""Export an article's notes as W3C Web Annotations (JSON-LD), for other tools to reuse.

One ``AnnotationCollection`` per article, its annotations in one embedded page. Each note
becomes an ``Annotation`` whose target is the article page, selected two ways, as the Web
Annotation model allows: a ``TextQuoteSelector`` (the passage with some text either side)
and a ``TextPositionSelector``. Both are computed at build time from the text the reader
sees, so they describe the page as published, not the YAML as written.

What "the text" is: the DOM text of the text element that holds the passage (the headline,
the author as given, the body, or one text supplied with the source file; see render.py).
The target's source is ``<page>#<that element's id>``, and positions count within it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .model import Note

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
    """A note and where it was found: offsets into the text of its part."""

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


def target_source(anchored: Anchored, page_url: str) -> str:
    return f"{page_url}#{anchored.element}" if anchored.element else page_url


def annotation(anchored: Anchored, urls: Urls) -> dict:
    note = anchored.note
    bodies: list[dict] = [
        {"type": "TextualBody", "purpose": MOTIVATION[note.kind], "value": note.body.strip(),
         "format": "text/markdown", "language": "en"},
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
    return {
        "id": f"{urls.page}#{note.element_id}",
        "type": "Annotation",
        "motivation": MOTIVATION[note.kind],
        "body": bodies,
        "target": {
            "source": target_source(anchored, urls.page),
            "selector": [
                {"type": "TextQuoteSelector", "exact": anchored.exact,
                 "prefix": anchored.prefix, "suffix": anchored.suffix},
                {"type": "TextPositionSelector", "start": anchored.start, "end": anchored.end},
            ],
        },
    }


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
