"""The same input builds the same pages, byte for byte.

A site that is rebuilt on every push should only change where its input changed: diffs of
the published pages stay readable, caches stay warm, and a reader's link to a note keeps
pointing at the same note. So a build must not depend on where it runs (its folder), on
the order a folder lists its files, or on the order notes are handed to the annotator.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marginalia.article import Placed, annotate
from marginalia.htmldoc import HtmlDoc
from marginalia.model import Note, Selector
from tests.conftest import TECHNIQUES, TOPICS, run_build, write_site
from tests.site.test_hook import ARTICLE, NOTES
from tests.property.strategies import article_fragments, smallest_context, spans

# The fixtures of tests/site/test_hook.py, and (below) a second article so that the build has a
# glossary, topic links and an article list across articles to put in some order.
TALKS, TALKS_NOTES = ARTICLE, NOTES
PLANT = """\
---
title: The plant, again
author: B. Writer
outlet: Other Outlet
published: 2024-05-02
url: https://example.org/plant
source_file: sources/y.txt
---

Inspectors said the plant was safe. Others said the plant was not safe at all.
"""
PLANT_NOTES = """\
questions:
  - Who are the others?
notes:
  - id: others
    kind: sourcing
    quote: Others said
    note: Which others?
    topics: [plant]
  - id: safe
    kind: claim
    quote: the plant was safe
    note: What the inspectors' report says.
    topics: [plant, talks]
    technique: Loaded_Language
    sources:
      - title: Update 215
        publisher: IAEA
        date: 2024-03-28
        url: https://www.iaea.org/newscenter
"""
SLUGS = ("talks", "plant")


def build(root: Path, reverse: bool):
    """The tiny site, its files written in one order or the other (folders list them so)."""
    articles = {"talks": TALKS, "plant": PLANT}
    annotations = {"talks.yml": TALKS_NOTES, "plant.yml": PLANT_NOTES,
                   "topics.yml": TOPICS, "techniques.yml": TECHNIQUES}
    if reverse:
        articles = dict(reversed(articles.items()))
        annotations = dict(reversed(annotations.items()))
    write_site(root, articles, annotations)
    built = run_build(root)
    assert built.returncode == 0, built.output
    return built


def test_two_builds_in_two_folders_give_byte_identical_pages_and_exports(tmp_path_factory):
    """Article pages and their W3C exports are the same bytes whichever folder the build ran
    in and whichever order the folder lists its files; no page mentions the build folder."""
    first = build(tmp_path_factory.mktemp("first"), reverse=False)
    second = build(tmp_path_factory.mktemp("second"), reverse=True)
    for slug in SLUGS:
        for path in (f"articles/{slug}/index.html", f"exports/{slug}.jsonld"):
            one, two = (first.site / path).read_bytes(), (second.site / path).read_bytes()
            assert one == two, path
            assert b"data-quote-for=" in one or path.endswith(".jsonld")
    for page in sorted(first.site.rglob("*.html")):
        data = page.read_bytes()
        for built in (first, second):
            assert str(built.root).encode() not in data, page
        relative = page.relative_to(first.site)
        assert data == (second.site / relative).read_bytes(), relative


# --- annotate() as a pure function ---------------------------------------------------------

def note(id: str, selector: Selector, kind: str) -> Note:
    return Note(slug="a", id=id, kind=kind, selector=selector, body="b", body_html="b",
                topics=("t",), line=3, file="annotations/a.yml")


def writer(placed: Placed) -> str:
    return f'<span class="n" data-n="{placed.note.id}" data-num="{placed.number}"></span>'


@st.composite
def annotated_fragments(draw, distinct: bool):
    """An HTML fragment and notes on passages of it (all different passages if ``distinct``)."""
    source = draw(article_fragments())
    zone = HtmlDoc.parse(source).zones["article"]
    chosen = draw(st.lists(spans(zone), min_size=1, max_size=5, unique=distinct))
    kinds = st.sampled_from(["framing", "sourcing", "claim"])
    notes = [note(f"n{n}", smallest_context(zone, *span), draw(kinds)) for n, span in enumerate(chosen)]
    return source, notes


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(annotated_fragments(distinct=False))
def test_annotating_twice_gives_the_same_html(case):
    """No hidden state: a second run over the same input writes the same bytes."""
    source, notes = case
    assert annotate(source, notes, writer).html == annotate(source, list(notes), writer).html


@SETTINGS
@given(annotated_fragments(distinct=True), st.randoms(use_true_random=False))
def test_the_order_of_notes_in_a_file_does_not_change_the_page(case, rng: random.Random):
    """Notes are placed and numbered by where their passages are, not by where they are
    written in the annotation file, so reordering a file changes nothing on the page."""
    source, notes = case
    shuffled = list(notes)
    rng.shuffle(shuffled)
    assert annotate(source, shuffled, writer).html == annotate(source, notes, writer).html


@SETTINGS
@given(annotated_fragments(distinct=False), st.randoms(use_true_random=False))
def test_notes_on_one_passage_keep_their_file_order(case, rng: random.Random):
    """Only notes on the very same passage are ordered by the file: the page is the same as
    with the notes sorted by passage first, keeping file order among equals."""
    source, notes = case
    result = annotate(source, notes, writer)
    by_passage = {p.note.id: (p.start, p.end) for p in result.placed}
    shuffled = list(notes)
    rng.shuffle(shuffled)
    # the same slots, but notes on the same passage take them in file order
    in_file_order: dict[tuple[int, int], list[Note]] = {}
    for n in notes:
        in_file_order.setdefault(by_passage[n.id], []).append(n)
    reordered = [in_file_order[by_passage[n.id]].pop(0) for n in shuffled]
    assert annotate(source, reordered, writer).html == result.html
