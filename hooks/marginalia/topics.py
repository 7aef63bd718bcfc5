"""One index from topic to notes, built once per build over every article.

Built in one pass over the notes (time linear in their number), before any page renders,
so each page only looks up its notes' topics; nothing compares notes pairwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .loader import TECHNIQUES_FILE, TOPICS_FILE
from .model import Corpus, Note
from .problems import Problem


@dataclass
class TopicIndex:
    notes_by_topic: dict[str, list[Note]] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: Corpus) -> "TopicIndex":
        index: dict[str, list[Note]] = {topic: [] for topic in corpus.topics}
        for note in corpus.notes():
            for topic in note.topics:
                index.setdefault(topic, []).append(note)
        return cls(index)

    def unused(self, corpus: Corpus, folder: str) -> list[Problem]:
        """A topic nobody uses is probably a typo or left over: warn, so --strict stops."""
        return [
            Problem(f"{folder}/{TOPICS_FILE}", f"topic '{topic.id}' is defined but no note uses it",
                    topic.line, hint="use it in a note's 'topics', or remove it", warning=True)
            for topic in corpus.topics.values()
            if not self.notes_by_topic.get(topic.id)
        ]


def unused_techniques(corpus: Corpus, folder: str) -> list[Problem]:
    """The glossary lists techniques in use; a definition nobody uses is dead weight or a typo."""
    used = {note.technique for note in corpus.notes() if note.technique}
    return [
        Problem(f"{folder}/{TECHNIQUES_FILE}", f"technique '{t.id}' is defined but no note uses it",
                t.line, hint="use it in a note's 'technique', or remove it", warning=True)
        for t in corpus.techniques.values() if t.id not in used
    ]
