"""The project's own site, whatever its articles: properties that hold for any content.

Nothing here names an article, a note or a count, so a fork with other articles passes the
same tests (tests/site/test_make_it_yours.py runs these checks on such a fork). The checks
themselves are in tests/realsite.py.
"""

from __future__ import annotations

from tests import realsite
from tests.conftest import ROOT


def test_every_note_appears_once_on_its_page(real_site):
    realsite.check_every_note_appears_once_on_its_page(ROOT, real_site)


def test_every_article_is_word_for_word_its_source(real_site):
    realsite.check_every_article_is_word_for_word_its_source(ROOT, real_site)


def test_supplied_text_is_shown_apart_and_labelled(real_site):
    realsite.check_supplied_text_is_shown_apart_and_labelled(ROOT, real_site)


def test_article_pages_describe_and_cite_themselves(real_site):
    realsite.check_article_pages_describe_and_cite_themselves(ROOT, real_site)


def test_worksheets_give_the_author_as_given_and_keep_supplied_text_apart(real_site):
    realsite.check_worksheets_give_the_author_as_given_and_keep_supplied_text_apart(ROOT, real_site)


def test_practice_mode_is_on_every_annotated_article_and_no_other_page(real_site):
    realsite.check_practice_mode_is_on_every_annotated_article_and_no_other_page(ROOT, real_site)


def test_the_articles_index_lists_every_article(real_site):
    realsite.check_the_articles_index_lists_every_article(ROOT, real_site)


def test_no_internal_link_is_broken(real_site):
    realsite.check_no_internal_link_is_broken(ROOT, real_site)


def test_no_page_loads_anything_from_another_site(real_site):
    realsite.check_no_page_loads_anything_from_another_site(ROOT, real_site)


def test_every_claim_note_cites_a_source_with_title_and_publisher():
    """The editorial standard (../shared/EDITORIAL.md, rule 4), for every note of the site."""
    for note in realsite.corpus_of(ROOT).notes():
        if note.kind == "claim":
            assert note.sources, note.key
        for source in note.sources:
            assert source.title and source.publisher, (note.key, source)
