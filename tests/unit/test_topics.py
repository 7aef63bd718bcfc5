"""The topic index: every note linked while a topic is small, a bounded selection beyond."""

from __future__ import annotations

from marginalia.model import ArticleNotes, Corpus, Note, Selector, Topic
from marginalia.topics import LINK_ALL_UP_TO, NEIGHBOURS, SAME_ARTICLE, TopicIndex


def make_note(slug: str, id: str, *topics: str) -> Note:
    return Note(slug=slug, id=id, kind="framing", selector=Selector(id), body="b", body_html="b",
                topics=topics)


def corpus_of(notes: list[Note], topics: list[str]) -> Corpus:
    corpus = Corpus(topics={t: Topic(t, t.title(), "d") for t in topics})
    for note in notes:
        corpus.articles.setdefault(note.slug, ArticleNotes(note.slug, f"{note.slug}.yml")).notes.append(note)
    return corpus


def keys(related) -> set[str]:
    return {n.key for group in related for n in group.notes}


def test_small_topic_links_every_other_note_both_ways():
    notes = [make_note("a", "a1", "t"), make_note("b", "b1", "t"), make_note("b", "b2", "t")]
    index = TopicIndex.build(corpus_of(notes, ["t"]))
    assert keys(index.related(notes[0])) == {"b#b1", "b#b2"}
    assert "a#a1" in keys(index.related(notes[1])) and "a#a1" in keys(index.related(notes[2]))
    assert all(group.complete for group in index.related(notes[0]))


def test_a_note_with_several_topics_gets_a_group_per_topic_and_no_repeats():
    notes = [make_note("a", "a1", "t", "u"), make_note("b", "b1", "t", "u"), make_note("b", "b2", "u")]
    index = TopicIndex.build(corpus_of(notes, ["t", "u"]))
    groups = index.related(notes[0])
    assert [(g.topic, [n.id for n in g.notes]) for g in groups] == [("t", ["b1"]), ("u", ["b2"])]


def test_topic_in_one_article_only_links_within_it():
    notes = [make_note("a", "a1", "solo"), make_note("a", "a2", "solo"), make_note("b", "b1", "other")]
    index = TopicIndex.build(corpus_of(notes, ["solo", "other"]))
    assert keys(index.related(notes[0])) == {"a#a2"}
    assert index.articles_by_topic["solo"] == ["a"]


def test_a_note_alone_on_its_topic_has_no_links():
    notes = [make_note("a", "a1", "t")]
    assert TopicIndex.build(corpus_of(notes, ["t"])).related(notes[0]) == []


def test_large_topic_gives_a_bounded_selection_near_the_note():
    slugs = [f"art{i:03}" for i in range(300)]
    notes = [make_note(slug, f"n{j}", "t") for slug in slugs for j in range(3)]
    index = TopicIndex.build(corpus_of(notes, ["t"]), article_order=slugs)
    middle = next(n for n in notes if n.slug == "art150" and n.id == "n0")
    [group] = index.related(middle)
    assert group.total == 900 and not group.complete
    assert len(group.notes) == SAME_ARTICLE + 2 * NEIGHBOURS
    assert {n.slug for n in group.notes} == {"art149", "art150", "art151"}
    first = next(n for n in notes if n.slug == "art000" and n.id == "n0")
    assert {n.slug for n in index.related(first)[0].notes} == {"art000", "art001"}


def test_the_threshold_is_inclusive():
    notes = [make_note(f"s{i}", "n", "t") for i in range(LINK_ALL_UP_TO)]
    index = TopicIndex.build(corpus_of(notes, ["t"]))
    assert len(index.related(notes[0])[0].notes) == LINK_ALL_UP_TO - 1


def test_articles_follow_the_given_order():
    notes = [make_note("z", "z1", "t"), make_note("a", "a1", "t")]
    index = TopicIndex.build(corpus_of(notes, ["t"]), article_order=["z", "a"])
    assert index.articles_by_topic["t"] == ["z", "a"]
    assert [n.slug for n in index.notes_by_topic["t"]] == ["z", "a"]
