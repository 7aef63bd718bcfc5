"""An imported article and the page file it becomes: provenance in front matter, then the body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import yaml

from .errors import ImportError_


@dataclass
class Provenance:
    """What the reader is told about where the text comes from; any field may be unknown."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None  # a language tag (fr, pt-BR); unknown: the site's language

    def given(self) -> dict[str, object]:
        """The fields that have a value."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


PROVENANCE_FIELDS = tuple(f.name for f in fields(Provenance))


@dataclass
class Article:
    """An imported article: provenance, verbatim body (Markdown) and any text the author did not write."""

    title: str
    author: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    source_file: str
    source_format: str
    body: str
    supplied: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # as the page declares it, or --language; None: the site's

    def override(self, provenance: Provenance) -> None:
        """Put in what the person importing supplied: it wins over what the source says."""
        for name, value in provenance.given().items():
            setattr(self, name, value)

    def front_matter(self) -> dict:
        """Provenance in the order a reader would ask for it."""
        meta: dict = {
            "title": self.title,
            "author": self.author,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
        }
        if self.language:  # only when known: the site's language is the default
            meta["language"] = self.language
        meta.update({"source_file": self.source_file, "source_format": self.source_format})
        if self.supplied:
            meta["supplied"] = self.supplied
        return meta

    def to_markdown(self) -> str:
        front = yaml.dump(
            self.front_matter(), Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=100
        )
        return f"---\n{front}---\n\n{self.body.rstrip()}\n"


class _FrontMatterDumper(yaml.SafeDumper):
    """Writes multi-line text as a literal block, so supplied text stays readable and exact."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_FrontMatterDumper.add_representer(str, _represent_str)


DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y")


def parse_date(value: str | None, where: str) -> dt.date | None:
    """A publication date as sources and people write it; ``where`` names the input in the error."""
    if not value or not value.strip():
        return None
    value = value.strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ImportError_(f"{where}: cannot read the date {value!r}; use YYYY-MM-DD, e.g. 2024-05-14")


@dataclass
class Extracted:
    """What one input format made of a source, for the page file and for the summary."""

    article: Article
    text: str  # the body as a reader sees it: plain text, blocks apart by a blank line
    blocks: dict[str, int] = field(default_factory=dict)  # "paragraph", "heading", "list"... -> count
    left_out: list[str] = field(default_factory=list)  # each block of the source not kept, as text
    notices: list[str] = field(default_factory=list)  # what the person importing should know
