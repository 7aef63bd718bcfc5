"""Published corrections on notes: validated like every field, shown in every view of a note."""

from __future__ import annotations

from dataclasses import replace

import pytest

from marginalia.export import Anchored, Urls, annotation
from marginalia.model import ArticleNotes, Corpus, Correction, Note, Selector, Source
from marginalia.notemarkup import NoteRenderer
from marginalia.pages import ArticleInfo, corrections_markdown, report_markdown
from marginalia.render import corrections_html, held_note_html, note_html
from marginalia.sheets import answer_key_html
from tests.unit.test_loader import VALID, load, problems_of

CORRECTED = VALID + """\
    corrections:
      - date: 2026-12-01
        change: The note said *all* missions; it now names the IAEA.
        reason: Only one mission visited.
      - date: 2026-11-15
        change: Added the IAEA's update.
        reason: The claim had no source.
"""
CORRECTIONS_LINE = VALID.count("\n") + 1  # the line of "corrections:" in CORRECTED
FIRST = CORRECTIONS_LINE + 1  # the first correction's "- date:" line


def with_correction(item: str) -> str:
    """CORRECTED with its first correction replaced by ``item`` (its lines, indented as written)."""
    start = CORRECTED.index("      - date: 2026-12-01")
    end = CORRECTED.index("      - date: 2026-11-15")
    return CORRECTED[:start] + item + CORRECTED[end:]


# --- loading -------------------------------------------------------------------------------

def test_corrections_load_oldest_first_with_their_text_rendered(tmp_path):
    corpus, problems = load(tmp_path, CORRECTED)
    assert problems == []
    note = corpus.articles["art"].notes[1]
    assert [c.date for c in note.corrections] == ["2026-11-15", "2026-12-01"]
    latest = note.corrections[-1]
    assert latest.change == "The note said *all* missions; it now names the IAEA."
    assert latest.change_html == '<span class="mg-p">The note said <em>all</em> missions; it now names the IAEA.</span>'
    assert latest.reason == "Only one mission visited." and latest.line == FIRST
    assert corpus.articles["art"].notes[0].corrections == ()


def test_an_empty_list_of_corrections_is_no_correction(tmp_path):
    corpus, problems = load(tmp_path, VALID + "    corrections: []\n")
    assert problems == [] and corpus.articles["art"].notes[1].corrections == ()


@pytest.mark.parametrize("item, line, message", [
    ("      - date: 1 December 2026\n        change: c\n        reason: r\n", FIRST,
     "the correction date '1 December 2026' is not a date"),
    ("      - date: 2026-13-01\n        change: c\n        reason: r\n", FIRST,
     "the correction date '2026-13-01' is not a date"),
    ("      - date: 2026-02-30\n        change: c\n        reason: r\n", FIRST,
     "the correction date '2026-02-30' is not a date"),
    ("      - date: 2026-12\n        change: c\n        reason: r\n", FIRST,
     "the correction date '2026-12' has no day"),
    ("      - date: 2026-12-01\n        change: c\n", FIRST, "the correction has no 'reason'"),
    ("      - change: c\n        reason: r\n", FIRST, "the correction has no 'date'"),
    ("      - date: 2026-12-01\n        change: ''\n        reason: r\n", FIRST + 1, "'change' is empty"),
    ("      - date: 2026-12-01\n        change: c\n        reason: '   '\n", FIRST + 2, "'reason' is empty"),
    ("      - date: 2026-12-01\n        change: [a, b]\n        reason: r\n", FIRST + 1,
     "'change' must be text, found a list"),
    ("      - date: 2026-12-01\n        change: c\n        reason: r\n        who: me\n", FIRST + 3,
     "unknown key 'who' in a correction"),
    ("      - date: 2026-12-01\n        change: <b>c</b>\n        reason: r\n", FIRST + 1,
     "raw HTML is not allowed in a correction's 'change' (<b>, </b>)"),
    ("      - 2026-12-01\n", FIRST, "a correction must be a mapping of keys to values, found a single value"),
])
def test_every_mistake_in_a_correction_names_the_file_the_line_and_the_note(tmp_path, item, line, message):
    problems = problems_of(tmp_path, with_correction(item))
    assert [(p.file, p.line, p.note_id, p.message) for p in problems] == [
        ("annotations/art.yml", line, "second", message)]


def test_a_misspelt_key_in_a_correction_suggests_the_right_one(tmp_path):
    [problem] = problems_of(tmp_path, with_correction(
        "      - date: 2026-12-01\n        change: c\n        reason: r\n        reasn: r\n"))
    assert problem.message == "unknown key 'reasn' in a correction" and "'reason'" in problem.hint


def test_bad_dates_say_how_to_write_one(tmp_path):
    [problem] = problems_of(tmp_path, with_correction("      - date: 12/01/2026\n        change: c\n        reason: r\n"))
    assert "YYYY-MM-DD" in problem.hint


def test_corrections_that_are_not_a_list(tmp_path):
    [problem] = problems_of(tmp_path, VALID + "    corrections: fixed a typo\n")
    assert (problem.line, problem.note_id) == (CORRECTIONS_LINE, "second")
    assert problem.message == "'corrections' must be a list of corrections, found a single value"
    assert "date" in problem.hint and "reason" in problem.hint


def test_every_bad_correction_is_reported_in_one_run(tmp_path):
    text = CORRECTED.replace("date: 2026-12-01", "date: soon").replace("reason: The claim had no source.", "reason:")
    messages = sorted(p.message for p in problems_of(tmp_path, text))
    assert messages == ["the correction date 'soon' is not a date", "the correction has no 'reason'"]


def test_a_note_with_a_bad_correction_is_not_half_loaded(tmp_path):
    corpus, problems = load(tmp_path, with_correction("      - date: soon\n        change: c\n        reason: r\n"))
    assert problems and [n.id for n in corpus.articles["art"].notes] == ["first"]


# --- every view of a note ----------------------------------------------------------------------

RENDER = NoteRenderer()


def correction(date: str, change: str, reason: str) -> Correction:
    return Correction(date, change, reason, RENDER.render(change).html, RENDER.render(reason).html)


def corrected_note(*corrections: Correction, body: str = "Which missions?") -> Note:
    return Note("art", "missions", "claim", Selector("observation missions"), body, RENDER.render(body).html,
                ("plant",), sources=(Source("Update 215", "IAEA", "2024-03-28"),), corrections=corrections)


FIX = correction("2026-12-01", "The note said *all*; it now says *one*.", "Only one mission visited.")


def test_the_note_ends_with_each_correction_dated_with_what_changed_and_why():
    html = note_html(corrected_note(FIX), 2)
    end = html.index("Corrected")
    assert html.index("Update 215") < end, "after the sources"
    assert ('<span class="mg-note__corrections" role="list" aria-label="Corrections">'
            '<span class="mg-correction" role="listitem"><span class="mg-correction__when">Corrected '
            '<time datetime="2026-12-01">2026-12-01</time>:</span> The note said <em>all</em>; it now says '
            '<em>one</em>. <span class="mg-correction__why"><span class="mg-correction__label">Why:</span> '
            'Only one mission visited.</span></span></span>'
            ) in html


def test_a_note_without_corrections_shows_none():
    assert corrections_html(()) == ""
    assert "Corrected" not in note_html(corrected_note(), 1)


def test_a_correction_of_several_paragraphs_keeps_them():
    html = corrections_html([correction("2026-12-01", "One.\n\nTwo.", "Why.")])
    assert '<span class="mg-p">One.</span>\n<span class="mg-p">Two.</span>' in html


def test_search_finds_a_correction():
    held = held_note_html(0, corrected_note(FIX), 1, None)
    assert "Corrected 2026-12-01: The note said *all*; it now says *one*. Why: Only one mission visited." in held


def test_the_answer_key_shows_the_corrections():
    key = answer_key_html([(3, corrected_note(FIX))], {})
    assert key.index("Update 215") < key.index("Corrected <time datetime=\"2026-12-01\">")


def test_the_export_adds_a_body_per_correction_and_the_day_of_the_latest_as_modified():
    note = corrected_note(correction("2026-11-15", "Added a source.", "It had none."), FIX)
    urls = Urls("https://example.org/a/", "https://example.org/e.jsonld", lambda t: None, lambda t: None)
    item = annotation(Anchored(note, "x observation missions y", 2, 22), urls)
    assert item["modified"] == "2026-12-01T00:00:00Z"
    bodies = [b for b in item["body"] if b.get("created")]
    assert bodies == [
        {"type": "TextualBody", "purpose": "describing", "format": "text/markdown", "language": "en",
         "value": "Corrected 2026-11-15: Added a source. Why: It had none.", "created": "2026-11-15T00:00:00Z"},
        {"type": "TextualBody", "purpose": "describing", "format": "text/markdown", "language": "en",
         "value": "Corrected 2026-12-01: The note said *all*; it now says *one*. Why: Only one mission visited.",
         "created": "2026-12-01T00:00:00Z"},
    ]
    assert "modified" not in annotation(Anchored(corrected_note(), "x observation missions y", 2, 22), urls)


# --- the Corrections page -----------------------------------------------------------------------

def site_of(*notes: Note) -> tuple[Corpus, dict[str, ArticleInfo]]:
    corpus = Corpus()
    articles = {}
    for note in notes:
        corpus.articles.setdefault(note.slug, ArticleNotes(note.slug, f"annotations/{note.slug}.yml")).notes.append(note)
        articles[note.slug] = ArticleInfo(note.slug, f"Title of {note.slug}", "Outlet", "2024-04-01",
                                          f"articles/{note.slug}.md")
    return corpus, articles


def test_the_page_lists_every_correction_newest_first_under_its_day_with_a_link_to_the_note():
    older = replace(corrected_note(correction("2026-11-15", "Added a source.", "It had none.")), id="older")
    newer = replace(corrected_note(FIX), slug="other", id="newer")
    corpus, articles = site_of(older, newer)
    page = corrections_markdown(corpus, articles)
    assert page.index("## 1 December 2026 {#corrected-2026-12-01}") < page.index("## 15 November 2026")
    assert ("- *Title of other*, claim note on [“observation missions”](articles/other.md#note-newer): "
            "The note said *all*; it now says *one*. **Why:** Only one mission visited.") in page
    assert "2 corrections to 2 notes." in page


def test_corrections_of_one_day_keep_the_order_of_the_site():
    first = replace(corrected_note(FIX), id="first")
    second = replace(corrected_note(FIX), id="second")
    page = corrections_markdown(*site_of(first, second))
    assert page.count("## 1 December 2026") == 1
    assert page.index("#note-first") < page.index("#note-second")


def test_a_site_without_corrections_says_so():
    page = corrections_markdown(*site_of(corrected_note()))
    assert "*No note has been corrected yet.*" in page and "##" not in page


def test_notes_of_articles_that_are_not_in_the_site_are_not_listed():
    corpus, _ = site_of(corrected_note(FIX))
    assert "No note has been corrected yet" in corrections_markdown(corpus, {})


def test_how_to_report_an_error_links_the_repository_when_the_site_has_one():
    assert "[open an issue](https://github.com/me/site/issues)" in report_markdown("https://github.com/me/site/", None)
    plain = report_markdown(None, "method.md")
    assert "open an issue on the site's repository" in plain and "[Method](method.md)" in plain
