"""``marginalia check``: the build's checks on tiny sites, without building them.

Every row of issue 14's table that concerns a quote is here too, seen the way an author
sees it: the command's output.
"""

from __future__ import annotations

import pytest

from marginalia.cli import main
from tests.conftest import TECHNIQUES, TOPICS, run_build, write_site

ARTICLE = """\
---
title: Talks without Moscow
outlet: Example Outlet
published: 2024-04-01
---

The talks went on without Moscow, said Scholz, citing [German media](https://example.org).
Several bipartisan concerns were raised — or so the *report* says.
"""

NOTES = """\
questions:
  - Who is quoted?
notes:
  - id: without-moscow
    kind: framing
    quote: went on without Moscow
    note: Who is left out.
    topics: [talks]
    technique: Loaded_Language
  - id: concerns
    kind: sourcing
    quote: bipartisan concerns
    note: Whose concerns?
    topics: [plant]
"""


def check(tmp_path, capsys, notes: str = NOTES, article: str = ARTICLE, *args: str, **site):
    write_site(tmp_path, {"talks": article},
               {"talks.yml": notes, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES}, **site)
    status = main(["check", "-f", str(tmp_path / "mkdocs.yml"), *args])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_a_good_site_passes_with_a_summary(tmp_path, capsys):
    status, output = check(tmp_path, capsys)
    assert status == 0, output
    assert "all good: 1 article, 2 notes, every quote anchored" in output


def test_a_quote_with_a_typo_is_named_on_its_own_line_with_the_closest_passage(tmp_path, capsys):
    notes = NOTES.replace("    quote: went on without Moscow\n", "    quote: >-\n      went on withuot Moscow\n")
    status, output = check(tmp_path, capsys, notes)
    assert status == 1
    assert ("annotations/talks.yml:6: note 'without-moscow': quote not found in the article\n"
            '    hint: the closest passage is "went on without Moscow,"') in output
    assert "1 error" in output


def test_a_quote_cut_inside_words_gets_the_whole_words(tmp_path, capsys):
    status, output = check(tmp_path, capsys, NOTES.replace("quote: bipartisan concerns", "quote: ipartisan concer"))
    assert status == 1
    assert ("annotations/talks.yml:12: note 'concerns': the quote starts and ends inside a word\n"
            '    hint: quote whole words: "bipartisan concerns"') in output


def test_dashes_typed_as_hyphens_match_the_article_s_dash(tmp_path, capsys):
    notes = NOTES.replace("quote: bipartisan concerns", "quote: were raised -- or so the report")
    status, output = check(tmp_path, capsys, notes)
    assert status == 0, output


def test_a_broken_file_gives_its_own_message_and_no_follow_ons(tmp_path, capsys):
    status, output = check(tmp_path, capsys, NOTES.replace("    kind: sourcing", "\tkind: sourcing"))
    assert status == 1
    assert "annotations/talks.yml:11: note 'concerns': not valid YAML: line 11 is indented with a tab" in output
    assert "defined but no note uses it" not in output and "1 error" in output


def test_a_topic_no_note_uses_is_not_a_problem(tmp_path, capsys):
    """The site leaves an unused topic out (a fork keeps its vocabulary when it removes the
    articles that used it), so the check, like the build, has nothing to say about it."""
    status, output = check(tmp_path, capsys, NOTES.replace("topics: [plant]", "topics: [talks]"))
    assert status == 0 and "plant" not in output, output


def test_a_stale_schema_for_editors_is_an_error_until_rewritten(tmp_path, capsys):
    write_site(tmp_path, {}, {})
    (tmp_path / "annotations" / "schemas").mkdir(parents=True)
    status, output = check(tmp_path, capsys)
    assert status == 1
    assert "annotations/schemas/annotation-file.schema.json: the schema for editors is not current" in output
    assert main(["schema", "--annotations", str(tmp_path / "annotations")]) == 0
    capsys.readouterr()
    status, output = check(tmp_path, capsys)
    assert status == 0, output


def test_the_markdown_is_rendered_with_the_site_s_own_extensions(tmp_path, capsys):
    """A quote is matched in the text the reader sees, which mkdocs.yml's extensions shape:
    with pymdownx.smartsymbols, '(c)' is shown as '©'."""
    article = ARTICLE.replace("said Scholz", "said Scholz (c)")
    notes = NOTES.replace("quote: went on without Moscow", "quote: said Scholz ©")
    status, output = check(tmp_path, capsys, notes, article)
    assert status == 1 and "quote not found" in output
    status, output = check(tmp_path, capsys, notes, article,
                           config="markdown_extensions:\n  - pymdownx.smartsymbols\n")
    assert status == 0, output


def test_without_a_configuration_file_it_says_where_to_run_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "mkdocs.yml not found" in capsys.readouterr().err


@pytest.mark.parametrize("mistake", [
    NOTES.replace("quote: bipartisan concerns", "quote: ipartisan concerns"),
    NOTES.replace("kind: sourcing", "kind: sourcin").replace("topics: [talks]", "topics: [tallks]"),
])
def test_it_reports_what_the_build_reports(tmp_path, capsys, mistake):
    """The same problems, in the same words, as `mkdocs build --strict`."""
    status, output = check(tmp_path, capsys, mistake)
    built = run_build(tmp_path)
    assert status == 1 and built.returncode != 0
    report = output[output.index("Marginalia found"):output.index("marginalia check:")].strip()
    assert report in built.output


def test_the_pre_commit_hooks_and_the_pages_workflow_run_the_check():
    """The documented pre-commit hook (for other repositories and for a fork) runs the check
    on the files it reads, and publishing runs it before anything else."""
    import re

    import yaml

    from tests.conftest import ROOT
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [local] = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    for entry in (hook, local):
        assert entry["entry"].endswith("marginalia check") and entry["pass_filenames"] is False
        for path in ("annotations/talks.yml", "docs/articles/talks.md", "mkdocs.yml"):
            assert re.search(entry["files"], path), (entry["id"], path)
        assert not re.search(entry["files"], "hooks/marginalia/site.py")
    steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make check") < runs.index("make build")
    assert "marginalia check" in (ROOT / "Makefile").read_text(encoding="utf-8")
