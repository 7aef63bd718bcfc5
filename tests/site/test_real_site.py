"""The project's own site, whatever its articles: properties that hold for any content.

Nothing here names an article, a note or a count, so a fork with other articles passes the
same tests (tests/site/test_make_it_yours.py runs these checks on such a fork). The checks
themselves are in tests/realsite.py.
"""

from __future__ import annotations

import pytest

from tests import realsite
from tests.conftest import ROOT


@pytest.mark.parametrize("check", realsite.CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
def test_the_project_has(real_site, check):
    """Every note once on its page, every article word for word its source file, supplied text
    apart, pages that describe themselves, worksheets, practice mode, the index, links that
    resolve, nothing loaded from another site: see each check in tests/realsite.py."""
    check(ROOT, real_site)


def test_every_claim_note_cites_a_source_with_title_and_publisher():
    """The editorial standard (../shared/EDITORIAL.md, rule 4), for every note of the site."""
    for note in realsite.corpus_of(ROOT).notes():
        if note.kind == "claim":
            assert note.sources, note.key
        for source in note.sources:
            assert source.title and source.publisher, (note.key, source)
