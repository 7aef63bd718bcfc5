"""The annotation data model: plain, immutable records with the line they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: dict[str, str] = {
    "framing": "How does the wording, selection or emphasis steer the reader?",
    "sourcing": "Who says so, and can a reader check it?",
    "claim": "Is this factual claim contested, and what does the evidence say?",
}

PARTS = ("article", "supplied")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Correction:
    """A correction of substance made to a note after it was published, shown with the note.

    The note keeps its id, so links to it still work; ``change`` says what changed and
    ``reason`` why, both in Markdown as written (and rendered once, like the note).
    """

    date: str  # the day of the correction, YYYY-MM-DD
    change: str
    reason: str
    change_html: str = ""
    reason_html: str = ""
    line: int = 0  # where the correction starts in its file


@dataclass(frozen=True)
class Selector:
    """A W3C-style TextQuoteSelector: the passage and, optionally, its neighbours."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Note:
    slug: str  # the article this note belongs to
    id: str
    kind: str
    selector: Selector
    body: str  # Markdown, as written
    body_html: str  # rendered once at load time, phrasing content only
    topics: tuple[str, ...]
    technique: str | None = None
    sources: tuple[Source, ...] = ()
    part: str = "article"
    line: int = 0  # where the note starts in its file
    file: str = ""
    corrections: tuple[Correction, ...] = ()  # oldest first

    @property
    def key(self) -> str:
        """Unique across the site: article slug and note id."""
        return f"{self.slug}#{self.id}"

    @property
    def element_id(self) -> str:
        """The HTML id of the note element, used in URLs."""
        return f"note-{self.id}"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str
    line: int = 0


@dataclass(frozen=True)
class Technique:
    id: str
    title: str
    group: str
    definition: str
    line: int = 0

    @property
    def anchor(self) -> str:
        """Its element id on the glossary page."""
        return "technique-" + self.id.lower().replace("_", "-")


@dataclass
class ArticleNotes:
    """Everything annotations/<slug>.yml says about one article."""

    slug: str
    file: str
    notes: list[Note] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """All annotations of the site, loaded and validated once per build."""

    articles: dict[str, ArticleNotes] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    techniques: dict[str, Technique] = field(default_factory=dict)

    def notes(self) -> list[Note]:
        return [note for article in self.articles.values() for note in article.notes]
