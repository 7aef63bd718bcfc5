"""``marginalia remove``: an article, its notes, its source and what was built from them; nothing
else, and a dry run that says the same and removes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from marginalia.cli import main

ARTICLE = "---\ntitle: {title}\nsource_file: sources/{source}\nsource_format: text\n---\n\nText.\n"
NOTES = "questions: [Why]\nnotes:\n  - id: n1\n    kind: framing\n    quote: Text.\n    note: x\n    topics: [{topic}]\n"


@pytest.fixture
def project(tmp_path) -> Path:
    for slug, source, topic in (("one", "one.txt", "shared"), ("two", "shared.txt", "shared"),
                                ("three", "shared.txt", "own")):
        (tmp_path / "docs" / "articles").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "articles" / f"{slug}.md").write_text(ARTICLE.format(title=slug, source=source))
        (tmp_path / "annotations").mkdir(exist_ok=True)
        (tmp_path / "annotations" / f"{slug}.yml").write_text(NOTES.format(topic=topic))
    (tmp_path / "sources").mkdir()
    for name in ("one.txt", "shared.txt"):
        (tmp_path / "sources" / name).write_text("Text.\n")
    (tmp_path / "annotations" / "topics.yml").write_text(
        "topics:\n  shared: {title: S, description: d}\n  own: {title: O, description: d}\n")
    for path in ("articles/one/index.html", "worksheets/one.html", "worksheets/one-answer-key.html",
                 "exports/one.jsonld", "articles/two/index.html"):
        (tmp_path / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / path).write_text("built")
    (tmp_path / "docs" / "guide.md").write_text(
        "See [one](articles/one.md).\n<!-- marginalia:if-articles one -->\n[one](articles/one.md)\n"
        "<!-- marginalia:end -->\n")
    return tmp_path


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_it_removes_the_article_its_notes_its_source_and_what_was_built(project, capsys):
    before = files(project)
    assert main(["remove", "one", "--root", str(project)]) == 0
    assert before - files(project) == {"docs/articles/one.md", "annotations/one.yml", "sources/one.txt",
                                       "site/articles/one/index.html", "site/worksheets/one.html",
                                       "site/worksheets/one-answer-key.html", "site/exports/one.jsonld"}
    out = capsys.readouterr().out
    assert "removed docs/articles/one.md (the article)" in out
    assert "removed annotations/one.yml (its 1 note)" in out and "removed sources/one.txt (its source file)" in out
    assert "removed 4 built files in site/" in out


def test_a_source_another_article_uses_is_kept(project, capsys):
    assert main(["remove", "two", "--root", str(project)]) == 0
    assert (project / "sources" / "shared.txt").exists()
    assert "kept sources/shared.txt: the article three uses it too" in capsys.readouterr().out


def test_links_left_behind_are_listed_except_in_parts_about_the_article(project, capsys):
    main(["remove", "one", "--root", str(project)])
    out = capsys.readouterr().out
    assert "still linked from" in out and "docs/guide.md:1" in out and "docs/guide.md:3" not in out


def test_vocabulary_no_note_uses_any_more_is_reported_not_removed(project, capsys):
    main(["remove", "three", "--root", str(project)])
    assert "topics: own" in capsys.readouterr().out
    assert "own:" in (project / "annotations" / "topics.yml").read_text()


def test_a_dry_run_says_the_same_and_removes_nothing(project, capsys):
    before = files(project)
    assert main(["remove", "one", "two", "--dry-run", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "would remove docs/articles/one.md (the article)" in out and "would remove annotations/two.yml" in out
    assert "dry run: nothing was removed" in out and files(project) == before


def test_an_unknown_name_removes_nothing_and_suggests_the_nearest(project, capsys):
    before = files(project)
    assert main(["remove", "one", "tow", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "there is no article 'tow'" in err and "did you mean 'two'?" in err and "nothing was removed" in err
    assert files(project) == before
    assert main(["remove", "topics", "--root", str(project)]) == 1  # the vocabularies are not articles
