"""Corrections on a tiny site, built with --strict: on the note, on the Corrections page, exported."""

from __future__ import annotations

import html as htmllib
import json
import re
import subprocess
import sys

import pytest

from tests.conftest import TECHNIQUES, TOPICS
from tests.linkcheck import broken_links
from tests.site.test_export import CHECKER, EXTRA
from tests.textutil import visible_text

SMALL_TOPICS = "topics:\n  talks:\n    title: Peace talks\n    description: Who negotiates with whom.\n"


def text_of(html: str) -> str:
    """All the text of some HTML, notes included, with white space collapsed."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())

ARTICLES = {
    "older": """\
        ---
        title: Talks without Moscow
        outlet: Example News
        published: 2024-04-01
        ---

        The Kiev regime said that observation missions have visited the plant.
        """,
    "newer": """\
        ---
        title: A plan for capitulation
        outlet: Other Outlet
        published: 2025-01-07
        ---

        Clearly, the plan is a call for capitulation.
        """,
}


def notes_file(notes: str) -> str:
    return "questions:\n  - Who is quoted?\nnotes:\n" + notes


OLDER = notes_file("""\
  - id: regime
    kind: framing
    quote: The Kiev regime
    note: A label.
    topics: [talks]
    technique: Loaded_Language
    corrections:
      - date: 2026-11-02
        change: The note called the label *neutral*.
        reason: It is not neutral.
  - id: missions
    kind: claim
    quote: observation missions
    note: Which missions?
    topics: [plant]
    sources:
      - title: Update 215
        publisher: IAEA
    corrections:
      - date: 2026-12-01
        change: The note now names the IAEA.
        reason: Only one mission visited.
""")
NEWER = notes_file("""\
  - id: clearly
    kind: framing
    quote: Clearly
    note: A certainty marker.
    topics: [talks]
    technique: Loaded_Language
    corrections:
      - date: 2026-11-20
        change: The note now says what the marker does.
        reason: It only named it.
""")
UNCORRECTED = notes_file("""\
  - id: clearly
    kind: framing
    quote: Clearly
    note: A certainty marker.
    topics: [talks]
    technique: Loaded_Language
""")
VOCABULARIES = {"topics.yml": TOPICS, "techniques.yml": TECHNIQUES}
ONE_TOPIC = {"topics.yml": SMALL_TOPICS, "techniques.yml": TECHNIQUES}  # for a site of the newer article
NAV = """\
nav:
  - Home: index.md
  - Articles: [articles/older.md, articles/newer.md]
  - Corrections: corrections.md
"""


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    from tests.conftest import run_build, write_site
    root = tmp_path_factory.mktemp("corrected")
    write_site(root, ARTICLES, {"older.yml": OLDER, "newer.yml": NEWER, **VOCABULARIES}, config=NAV)
    built = run_build(root)
    assert built.returncode == 0, built.output
    return built


def test_the_page_lists_every_correction_newest_first_each_linking_to_its_note(corrected):
    html = corrected.page("corrections")
    days = re.findall(r'<h2 id="corrected-([\d-]+)">', html)
    assert days == ["2026-12-01", "2026-11-20", "2026-11-02"]
    links = re.findall(r'<a href="([^"]+#note-[^"]+)">', html)
    assert links == ["../articles/older/#note-missions", "../articles/newer/#note-clearly",
                     "../articles/older/#note-regime"]
    text = visible_text(html, "md-content")
    assert "3 corrections to 3 notes." in text
    assert "The note now names the IAEA. Why: Only one mission visited." in text


def test_every_link_on_the_page_resolves_in_the_built_site(corrected):
    assert broken_links(corrected.site, "/test/") == []


def test_the_page_is_in_the_navigation(corrected):
    nav = corrected.page("articles/older").split('class="md-nav', 1)[1]
    assert re.search(r'href="\.\./\.\./corrections/"[^>]*>\s*(?:<span[^>]*>\s*)?Corrections', nav)


def test_the_corrected_note_ends_with_its_correction_on_the_article_page(corrected):
    page = corrected.page("articles/older")
    note = re.search(r'<span class="mg-note[^"]*" id="note-missions".*?(?=<span class="mg-note[ "]|</p>|</div>|\Z)', page, re.S).group(0)
    assert note.index("Update 215") < note.index("Corrected")
    assert '<time datetime="2026-12-01">2026-12-01</time>' in note
    assert "Why: Only one mission visited." in text_of(note)


def test_the_answer_key_and_the_topic_page_show_the_correction(corrected):
    key = (corrected.site / "worksheets" / "older-answer-key.html").read_text(encoding="utf-8")
    assert "Why: Only one mission visited." in text_of(key)
    topic = corrected.page("topics/plant")
    assert "Why: Only one mission visited." in text_of(topic)


def test_the_export_carries_the_corrections_and_passes_the_w3c_checker(corrected):
    path = corrected.site / "exports" / "older.jsonld"
    items = {item["id"].rsplit("#", 1)[1]: item for item in json.loads(path.read_text())["first"]["items"]}
    assert items["note-missions"]["modified"] == "2026-12-01T00:00:00Z"
    assert any(b.get("value") == "Corrected 2026-12-01: The note now names the IAEA. Why: Only one mission visited."
               for b in items["note-missions"]["body"])
    if not CHECKER.exists():
        pytest.skip("the W3C test-suite checker (../shared/w3c-annotation-model) is not beside the project")
    proc = subprocess.run([sys.executable, str(CHECKER), "--extra", str(EXTRA), str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("2 passed, 0 failed"), proc.stdout[-2000:]


def test_a_site_without_corrections_builds_strictly_and_says_there_are_none(site):
    built = site(articles={"newer": ARTICLES["newer"]}, annotations={"newer.yml": UNCORRECTED, **ONE_TOPIC})
    assert built.returncode == 0, built.output
    text = visible_text(built.page("corrections"), "md-content")
    assert "No note has been corrected yet." in text
    assert "Corrected" not in built.page("articles/newer")


def test_the_page_says_where_to_report_an_error(site):
    built = site(articles={"newer": ARTICLES["newer"]}, annotations={"newer.yml": NEWER, **ONE_TOPIC},
                 extra_docs={"method.md": "# Method\n"}, config="repo_url: https://github.com/me/site\n")
    assert built.returncode == 0, built.output
    html = built.page("corrections")
    assert '<a href="https://github.com/me/site/issues">open an issue</a>' in html
    assert '<a href="../method/">Method</a>' in html


def test_a_hand_written_corrections_page_wins(site):
    built = site(articles={"newer": ARTICLES["newer"]}, annotations={"newer.yml": NEWER, **ONE_TOPIC},
                 extra_docs={"corrections.md": "# Our corrections\n\nWritten by hand.\n"})
    assert built.returncode == 0, built.output
    assert "Written by hand." in built.page("corrections")


def test_a_bad_correction_stops_the_build_with_file_and_line(site):
    built = site(articles={"newer": ARTICLES["newer"]},
                 annotations={"newer.yml": NEWER.replace("2026-11-20", "20 Nov 2026"), **ONE_TOPIC})
    assert built.returncode != 0
    line = NEWER.splitlines().index("      - date: 2026-11-20") + 1
    assert (f"annotations/newer.yml:{line}: note 'clearly': the correction date '20 Nov 2026' is not a date"
            in built.output)
    assert "Traceback" not in built.output
