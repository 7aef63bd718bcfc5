"""``marginalia merge``: notes from a downloaded or pasted file join an annotation file, which
keeps its comments, order and style; anything the build would refuse writes nothing."""

from __future__ import annotations

import io

import pytest

from marginalia.cli import main
from marginalia.loader import load_corpus
from tests.conftest import TECHNIQUES, TOPICS, write_site

ARTICLE = """\
---
title: Talks without Moscow
outlet: Example Outlet
---

The talks went on without Moscow, said Scholz, citing German media. The talks went on.
Several bipartisan concerns were raised.
"""

CURRENT = """\
# yaml-language-server: $schema=schemas/annotation-file.schema.json
questions:
  - Who is quoted?   # keep this one first
notes:
  # framing notes first
  - id: without-moscow
    kind: framing
    quote: 'went on without Moscow'
    note: |
      Who is left out.
    topics: [talks]

  - id: concerns
    kind: sourcing
    quote: "bipartisan concerns"
    note: Whose concerns?
    topics: [plant]
"""

DOWNLOAD = """\
article: talks
notes:
  - id: german-media
    kind: sourcing
    quote: German media
    note: |
      Which outlet?
    topics: [talks]
"""


@pytest.fixture
def site_dir(tmp_path, monkeypatch):
    write_site(tmp_path, {"talks": ARTICLE},
               {"talks.yml": CURRENT, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def merge(site_dir, capsys, download: str, *args: str) -> tuple[int, str]:
    (site_dir / "download.yml").write_text(download, encoding="utf-8")
    status = main(["merge", "download.yml", *args])
    out = capsys.readouterr()
    return status, out.out + out.err


def current(site_dir) -> str:
    return (site_dir / "annotations" / "talks.yml").read_text(encoding="utf-8")


def test_a_new_note_goes_at_the_end_and_nothing_else_changes(site_dir, capsys):
    status, output = merge(site_dir, capsys, DOWNLOAD)
    assert status == 0, output
    assert "annotations/talks.yml: 1 added; every quote anchors" in output
    assert current(site_dir) == CURRENT + "\n" + DOWNLOAD[DOWNLOAD.index("  - id:"):]
    corpus, problems = load_corpus(site_dir / "annotations", site_dir)
    assert problems == [] and [n.id for n in corpus.articles["talks"].notes][-1] == "german-media"


def test_a_replaced_note_keeps_its_place_and_the_spacing_around_it(site_dir, capsys):
    edited = DOWNLOAD.replace("german-media", "without-moscow").replace("Which outlet?", "Who is missing?")
    status, output = merge(site_dir, capsys, edited, "--replace")
    assert status == 0, output
    text = current(site_dir)
    assert text.startswith(CURRENT[:CURRENT.index("  - id: without-moscow")] + "  - id: without-moscow\n    kind: sourcing")
    assert "Who is missing?\n    topics: [talks]\n\n  - id: concerns" in text
    assert text.endswith(CURRENT[CURRENT.index("  - id: concerns"):])


def test_an_id_the_file_has_already_is_an_error_without_replace(site_dir, capsys):
    status, output = merge(site_dir, capsys, DOWNLOAD.replace("german-media", "concerns"))
    assert status == 1 and current(site_dir) == CURRENT
    assert "download.yml:3: note 'concerns': note 'concerns' exists already in annotations/talks.yml (line 13)" in output
    assert "--replace" in output and "nothing was written" in output


def test_duplicate_ids_in_the_download_are_an_error(site_dir, capsys):
    twice = DOWNLOAD + DOWNLOAD[DOWNLOAD.index("  - id:"):]
    status, output = merge(site_dir, capsys, twice)
    assert status == 1 and current(site_dir) == CURRENT
    assert "download.yml:9: note 'german-media': duplicate id 'german-media'" in output and "line 3" in output


def test_a_note_that_does_not_anchor_writes_nothing(site_dir, capsys):
    status, output = merge(site_dir, capsys, DOWNLOAD.replace("quote: German media", "quote: The talks went on"))
    assert status == 1 and current(site_dir) == CURRENT
    assert "note 'german-media': the quote occurs twice; add a prefix or suffix that picks one" in output


def test_a_note_the_loader_refuses_writes_nothing(site_dir, capsys):
    status, output = merge(site_dir, capsys, DOWNLOAD.replace("kind: sourcing", "kind: sourcin"))
    assert status == 1 and current(site_dir) == CURRENT
    assert "annotations/talks.yml:20: note 'german-media': unknown kind 'sourcin'" in output


def test_pasted_notes_from_standard_input_as_a_bare_list(site_dir, capsys, monkeypatch):
    pasted = DOWNLOAD[DOWNLOAD.index("- id:") - 2:].encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(pasted), encoding="utf-8"))
    status = main(["merge", "-", "--article", "talks"])
    assert status == 0, capsys.readouterr()
    assert "id: german-media" in current(site_dir)


def test_without_an_article_it_says_how_to_name_one(site_dir, capsys):
    status, output = merge(site_dir, capsys, DOWNLOAD.replace("article: talks\n", ""))
    assert status == 1 and "does not say which article" in output and "--article" in output


def test_an_article_without_an_annotation_file_gets_a_new_one(site_dir, capsys):
    (site_dir / "annotations" / "talks.yml").unlink()
    status, output = merge(site_dir, capsys, DOWNLOAD.replace("notes:", "questions: [Who is quoted?]\nnotes:"))
    assert status == 0, output
    text = current(site_dir)
    assert text.startswith("# yaml-language-server: $schema=schemas/annotation-file.schema.json\n")
    assert text.index("questions:") < text.index("notes:")
    assert "questions added" in output


def test_a_new_file_without_questions_is_refused(site_dir, capsys):
    (site_dir / "annotations" / "talks.yml").unlink()
    status, output = merge(site_dir, capsys, DOWNLOAD)
    assert status == 1 and not (site_dir / "annotations" / "talks.yml").exists()
    assert "the article has no discussion questions" in output


def test_an_edit_changes_only_what_changed_and_the_spacing_stays(site_dir, capsys):
    """The author mode writes a whole note for an edit; what did not change keeps the file's
    own quoting, and a key the edit adds at the end goes before the blank line."""
    edited = ("article: talks\nnotes:\n  - id: without-moscow\n    kind: framing\n    quote: went on without Moscow\n"
              "    note: |\n      Who is left out, and by whom.\n    topics: [talks]\n"
              "    corrections:\n      - date: 2026-12-01\n        change: It said less.\n        reason: Too vague.\n")
    status, output = merge(site_dir, capsys, edited, "--replace")
    assert status == 0, output
    before, after = CURRENT.split("  - id: concerns")
    assert current(site_dir) == before.replace("      Who is left out.\n    topics: [talks]\n\n", (
        "      Who is left out, and by whom.\n    topics: [talks]\n    corrections:\n      - date: 2026-12-01\n"
        "        change: It said less.\n        reason: Too vague.\n\n")) + "  - id: concerns" + after
    assert "quote: 'went on without Moscow'" in current(site_dir), "the old quoting, as the value did not change"


def test_blank_lines_between_downloaded_notes_do_not_add_to_the_files_own(site_dir, capsys):
    second = DOWNLOAD[DOWNLOAD.index("  - id:"):].replace("german-media", "citing").replace("German media", "citing German media")
    status, output = merge(site_dir, capsys, DOWNLOAD + "\n" + second)
    assert status == 0, output
    assert current(site_dir) == CURRENT + "\n" + DOWNLOAD[DOWNLOAD.index("  - id:"):] + "\n" + second
