"""One index from topic to notes, built once per build over every article.

The index is built in one pass over the notes, before any page renders. Each note then asks
it for its "same topic" links, and the answer costs a bounded amount of work whatever the
size of the site: while a topic has few notes, every other note on it is linked; beyond
that, a note links to a few notes of its own article and to one note in each of the
nearest articles (by publication order) on that topic, and the topic page lists them all.
Nothing compares notes pairwise, so the build stays linear in the number of notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Corpus, Note

LINK_ALL_UP_TO = 8  # a topic with at most this many notes links every note to every other
SAME_ARTICLE = 1  # beyond that: at most this many other notes of the note's own article
NEIGHBOURS = 1  # and one note from each of this many articles on either side


@dataclass(frozen=True)
class Related:
    """A note's links for one of its topics: a selection, and how many notes there are."""

    topic: str
    notes: tuple[Note, ...]
    total: int  # notes on the topic, all articles, this note included

    @property
    def complete(self) -> bool:
        return len(self.notes) == self.total - 1


@dataclass
class TopicIndex:
    notes_by_topic: dict[str, list[Note]] = field(default_factory=dict)
    articles_by_topic: dict[str, list[str]] = field(default_factory=dict)  # in article order
    _position: dict[str, dict[str, int]] = field(default_factory=dict)
    _by_article: dict[tuple[str, str], list[Note]] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: Corpus, article_order: list[str] | None = None) -> "TopicIndex":
        """Index every note under each of its topics, articles in ``article_order``."""
        order = article_order or sorted(corpus.articles)
        rank = {slug: i for i, slug in enumerate(order)}
        index = cls({topic: [] for topic in corpus.topics})
        slugs = sorted(corpus.articles, key=lambda s: (rank.get(s, len(rank)), s))
        for slug in slugs:
            for note in corpus.articles[slug].notes:
                for topic in note.topics:
                    index.notes_by_topic.setdefault(topic, []).append(note)
                    in_article = index._by_article.setdefault((topic, slug), [])
                    if not in_article:
                        index.articles_by_topic.setdefault(topic, []).append(slug)
                    in_article.append(note)
        for topic, articles in index.articles_by_topic.items():
            index._position[topic] = {slug: i for i, slug in enumerate(articles)}
        return index

    def in_article(self, topic: str, slug: str) -> list[Note]:
        return self._by_article.get((topic, slug), [])

    def related(self, note: Note) -> list[Related]:
        """The note's same-topic links, one group per topic, each other note shown once."""
        shown = {note.key}
        groups = []
        for topic in note.topics:
            picked = [n for n in self._select(note, topic) if n.key not in shown]
            shown.update(n.key for n in picked)
            total = len(self.notes_by_topic.get(topic, []))
            if picked or total > 1:
                groups.append(Related(topic, tuple(picked), total))
        return groups

    def _select(self, note: Note, topic: str) -> list[Note]:
        everyone = self.notes_by_topic.get(topic, [])
        if len(everyone) <= LINK_ALL_UP_TO:
            return [n for n in everyone if n.key != note.key]
        own = [n for n in self.in_article(topic, note.slug) if n.key != note.key][:SAME_ARTICLE]
        articles = self.articles_by_topic[topic]
        here = self._position[topic][note.slug]
        nearest = articles[max(0, here - NEIGHBOURS):here] + articles[here + 1:here + 1 + NEIGHBOURS]
        return own + [self.in_article(topic, slug)[0] for slug in nearest]
