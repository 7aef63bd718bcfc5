"""Loading annotation files: valid notes, or every problem with file, line, note id and hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from marginalia.loader import load_corpus
from marginalia.yamlnodes import MAX_DEPTH
from tests.conftest import TECHNIQUES, TOPICS, dedent

VALID = """\
questions:
  - Who is quoted?
notes:
  - id: first
    kind: framing
    quote: the Kiev regime
    note: A *label*.
    topics: [talks]
    technique: Loaded_Language
  - id: second
    kind: claim
    quote: observation missions
    prefix: International
    suffix: have
    note: What the IAEA said.
    topics: [plant, talks]
    sources:
      - title: Update 215
        publisher: IAEA
        date: 2024-03-28
        url: https://www.iaea.org/newscenter
"""


def load(tmp_path: Path, article: str, topics: str = TOPICS, techniques: str = TECHNIQUES):
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    (folder / "topics.yml").write_text(dedent(topics), encoding="utf-8")
    (folder / "techniques.yml").write_text(dedent(techniques), encoding="utf-8")
    (folder / "art.yml").write_text(dedent(article), encoding="utf-8")
    return load_corpus(folder, tmp_path)


def problems_of(tmp_path: Path, article: str, **kwargs):
    _, problems = load(tmp_path, article, **kwargs)
    return problems


def test_valid_file_loads_every_field(tmp_path):
    corpus, problems = load(tmp_path, VALID)
    assert problems == []
    article = corpus.articles["art"]
    assert article.questions == ["Who is quoted?"]
    first, second = article.notes
    assert (first.id, first.kind, first.line, first.technique) == ("first", "framing", 4, "Loaded_Language")
    assert first.body_html == '<span class="mg-p">A <em>label</em>.</span>'
    assert second.selector.prefix == "International" and second.selector.suffix == "have"
    assert second.topics == ("plant", "talks")
    assert second.sources[0].date == "2024-03-28" and second.sources[0].publisher == "IAEA"
    assert corpus.topics["talks"].title == "Peace talks"
    assert first.file == "annotations/art.yml"


def test_malformed_yaml_gives_the_line(tmp_path):
    [problem] = problems_of(tmp_path, "notes:\n  - id: a\n    quote: [unclosed\n    kind: framing\n")
    assert problem.file == "annotations/art.yml"
    assert "not valid YAML" in problem.message and problem.line in (3, 4, 5)
    assert problem.hint


def test_unknown_key_suggests_the_nearest(tmp_path):
    text = VALID.replace("    technique: Loaded_Language", "    tecnique: Loaded_Language")
    [problem] = problems_of(tmp_path, text)
    assert (problem.line, problem.note_id) == (9, "first")
    assert "unknown key 'tecnique'" in problem.message and "technique" in problem.hint


def test_missing_required_fields_are_each_reported(tmp_path):
    problems = problems_of(tmp_path, "questions: [Q?]\nnotes:\n  - id: bare\n    kind: framing\n")
    messages = {p.message for p in problems}
    assert messages == {"the note has no 'quote'", "the note has no 'note'", "the note has no 'topics'"}
    assert all(p.note_id == "bare" and p.line == 3 and p.hint for p in problems)


def test_unknown_kind_suggests_the_nearest(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("kind: claim", "kind: claims"))
    assert problem.message == "unknown kind 'claims'" and "'claim'" in problem.hint
    assert problem.note_id == "second" and problem.line == 11


def test_unknown_topic_suggests_the_nearest(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("[plant, talks]", "[plant, tallks]"))
    assert problem.message == "unknown topic 'tallks'" and "'talks'" in problem.hint


def test_unknown_technique(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("technique: Loaded_Language", "technique: Loaded_language"))
    assert "unknown technique" in problem.message and "Loaded_Language" in problem.hint


def test_duplicate_ids_point_at_the_first(tmp_path):
    text = VALID.replace("id: second", "id: first")
    [problem] = problems_of(tmp_path, text)
    assert problem.message == "duplicate id 'first'" and problem.line == 10
    assert "line 4" in problem.hint


def test_ids_must_be_usable_in_links(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("id: first", "id: First Note"))
    assert "not usable in a link" in problem.message


def test_raw_html_and_script_links_in_a_note(tmp_path):
    text = VALID.replace("note: A *label*.", "note: A <b>label</b> [x](javascript:alert(1))")
    problems = problems_of(tmp_path, text)
    assert {p.note_id for p in problems} == {"first"}
    assert any("raw HTML" in p.message for p in problems)
    assert any("javascript" in p.message for p in problems)


def test_source_needs_a_title_and_a_web_url(tmp_path):
    text = VALID.replace("      - title: Update 215\n", "      - publisher: x\n").replace(
        "url: https://www.iaea.org/newscenter", "url: www.iaea.org")
    messages = [p.message for p in problems_of(tmp_path, text)]
    assert "the source has no 'title'" in messages
    assert any("is not a web address" in m for m in messages)


def test_a_note_that_is_not_a_mapping(tmp_path):
    [problem] = problems_of(tmp_path, "questions: [Q?]\nnotes:\n  - just text\n")
    assert "must be a mapping" in problem.message and problem.line == 3


def test_notes_must_be_a_list(tmp_path):
    [problem] = problems_of(tmp_path, "questions: [Q?]\nnotes: hello\n")
    assert "'notes' must be a list" in problem.message


def test_unknown_part(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("    note: A *label*.", "    part: suplied\n    note: A *label*."))
    assert "unknown part" in problem.message and "supplied" in problem.hint


def test_every_problem_of_a_file_in_one_run(tmp_path):
    text = (VALID.replace("kind: framing", "kind: fraiming")
            .replace("[plant, talks]", "[plnt]")
            .replace("id: second", "id: first"))
    problems = problems_of(tmp_path, text)
    assert len(problems) >= 3


def test_vocabulary_files_are_validated_too(tmp_path):
    topics = "topics:\n  talks:\n    title: Talks\n  plant:\n    title: Plant\n    description: d\n    colour: red\n"
    problems = problems_of(tmp_path, VALID, topics=topics)
    messages = [(p.file, p.message) for p in problems]
    assert ("annotations/topics.yml", "topic 'talks' has no 'description'") in messages
    assert ("annotations/topics.yml", "unknown key 'colour' in topic 'plant'") in messages


def test_non_utf8_file(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "art.yml").write_bytes(b"notes:\n  - id: caf\xe9\n")
    _, problems = load_corpus(folder, tmp_path)
    assert "not UTF-8" in problems[0].message


@pytest.mark.parametrize("text", ["", "notes: []\n", "# only a comment\n"])
def test_empty_files_are_not_crashes(tmp_path, text):
    corpus, problems = load(tmp_path, text)
    assert all(p.file == "annotations/art.yml" for p in problems)


def test_an_article_needs_discussion_questions(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("questions:\n  - Who is quoted?\n", ""))
    assert problem.message == "the article has no discussion questions" and "3-5" in problem.hint


def test_a_claim_needs_a_source(tmp_path):
    text = VALID[:VALID.index("    sources:")]
    [problem] = problems_of(tmp_path, text)
    assert (problem.note_id, problem.message) == ("second", "a claim note needs at least one source")


def test_a_blank_note_is_reported(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("note: A *label*.", 'note: "  "'))
    assert (problem.note_id, problem.message) == ("first", "the note is empty")


@pytest.mark.parametrize("depth", [70, 1_500, 100_000])
def test_absurd_nesting_is_a_problem_not_a_crash(tmp_path, depth):
    """Whichever layer stops the nesting (ours at 64 levels, or libyaml's own limit, which
    newer releases apply in the scanner with their own wording), the author gets the
    project's message, on the line where it happens."""
    [problem] = problems_of(tmp_path, "questions: [Q?]\nnotes: " + "[" * depth + "]" * depth)
    assert problem.file == "annotations/art.yml" and problem.line == 2
    assert problem.message == f"not valid YAML: nested more than {MAX_DEPTH} levels deep"


def test_an_error_at_the_end_of_a_file_names_its_last_line(tmp_path):
    [problem] = problems_of(tmp_path, "questions: [Q?]\nnotes: [")
    assert problem.line == 2


def test_a_file_that_is_only_a_document_marker_names_a_line_it_has(tmp_path):
    [problem] = problems_of(tmp_path, "---")
    assert problem.line == 1 and problem.message == "the annotation file is empty"


# --- errors in plain words (issue 14) ------------------------------------------------------

def test_a_value_error_names_the_value_s_own_line(tmp_path):
    """A mistake in a value is reported on the line of that value, not of its note or key."""
    text = VALID.replace("    kind: claim\n", "    kind:\n      claims\n")
    [problem] = problems_of(tmp_path, text)
    assert problem.message == "unknown kind 'claims'" and problem.line == 12


def test_a_note_keeps_the_line_of_its_quote(tmp_path):
    corpus, _ = load(tmp_path, VALID.replace("    quote: observation missions\n",
                                             "    quote: >-\n      observation\n      missions\n"))
    first, second = corpus.articles["art"].notes
    assert (first.line, first.quote_line) == (4, 6)
    assert (second.line, second.quote_line) == (10, 12)


@pytest.mark.parametrize("date", ["29 Jan 2025", "2024-13", "2024/03/28", "March 2024"])
def test_a_source_date_that_is_not_an_iso_date_is_an_error(tmp_path, date):
    [problem] = problems_of(tmp_path, VALID.replace("date: 2024-03-28", f"date: {date}"))
    assert problem.message == f"the source date '{date}' is not a date in ISO form"
    assert (problem.line, problem.note_id) == (20, "second") and "YYYY-MM-DD" in problem.hint


@pytest.mark.parametrize("date", ["2024", "2024-03", "'2024-03-28'"])
def test_iso_dates_of_any_precision_are_accepted(tmp_path, date):
    corpus, problems = load(tmp_path, VALID.replace("date: 2024-03-28", f"date: {date}"))
    assert problems == [] and corpus.articles["art"].notes[1].sources[0].date == date.strip("'")


@pytest.mark.parametrize("text", ["", "\n\n", "# notes to come\n", "---\n", "---\n# later\n"])
def test_an_empty_annotation_file_is_a_clear_error(tmp_path, text):
    """An empty file is a mistake; an article with no annotation file at all is the
    documented 'not yet annotated' state, and the hint says so."""
    [problem] = problems_of(tmp_path, text)
    assert (problem.file, problem.line, problem.message) == ("annotations/art.yml", 1, "the annotation file is empty")
    assert "no annotation file at all" in problem.hint and "not yet annotated" in problem.hint


def test_one_discussion_question_is_enough_as_the_docs_say(tmp_path):
    """docs/authoring.md: at least one question; 3 to 5 recommended."""
    from marginalia.loader import MIN_QUESTIONS
    authoring = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert MIN_QUESTIONS == 1 and "at least one question" in authoring and "3 to 5" in authoring
    assert problems_of(tmp_path, VALID) == []  # VALID has one question


def test_an_empty_list_of_questions_is_reported_on_its_line(tmp_path):
    [problem] = problems_of(tmp_path, VALID.replace("questions:\n  - Who is quoted?\n", "questions: []\n"))
    assert (problem.line, problem.message) == (1, "the article has no discussion questions")


# YAML syntax: the common mistakes, explained, with the nearest note's id

def syntax_problem(tmp_path, text):
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, [p.format() for p in problems]
    assert problems[0].message.startswith("not valid YAML: ")
    return problems[0]


def test_a_tab_indented_line_is_named_with_its_note(tmp_path):
    text = VALID.replace("    note: |\n", "").replace("    note: A *label*.\n", "\tnote: A *label*.\n")
    problem = syntax_problem(tmp_path, text)
    assert (problem.line, problem.note_id) == (7, "first")
    assert "indented with a tab" in problem.message and "spaces" in problem.hint


def test_a_tab_inside_a_block_of_note_text(tmp_path):
    text = VALID.replace("    note: A *label*.\n", "    note: |\n\tA label.\n")
    problem = syntax_problem(tmp_path, text)
    assert (problem.line, problem.note_id) == (8, "first") and "tab" in problem.message


def test_an_unquoted_colon_space_gets_the_line_rewritten_with_quotes(tmp_path):
    text = VALID.replace("quote: the Kiev regime", "quote: the regime: a label")
    problem = syntax_problem(tmp_path, text)
    assert (problem.line, problem.note_id) == (6, "first")
    assert "contains ': '" in problem.message
    assert problem.hint.endswith('quote: "the regime: a label"')


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path):
    text = VALID.replace("quote: observation missions", 'quote: "observation missions')
    problem = syntax_problem(tmp_path, text)
    assert (problem.line, problem.note_id) == (12, "second")
    assert "never closed" in problem.message


@pytest.mark.parametrize("bad, line", [("   quote: the Kiev regime", 6), ("      quote: the Kiev regime", 6),
                                       ("  quote: the Kiev regime", 6)])
def test_a_key_out_of_line_with_its_note_is_named(tmp_path, bad, line):
    problem = syntax_problem(tmp_path, VALID.replace("    quote: the Kiev regime", bad))
    assert (problem.line, problem.note_id) == (line, "first")
    assert "not lined up" in problem.message and "column 5" in problem.hint


@pytest.mark.parametrize("value", ["- the plan", "*the plan*", '"the plan" is'])
def test_a_value_that_needs_quotes(tmp_path, value):
    problem = syntax_problem(tmp_path, VALID.replace("quote: the Kiev regime", f"quote: {value}"))
    assert (problem.line, problem.note_id) == (6, "first")
    assert "put the text in quotes" in problem.hint


def test_after_a_file_fails_to_load_no_topic_or_technique_looks_unused(tmp_path):
    """A broken file may use every topic: no 'defined but no note uses it' on top."""
    from marginalia.site import Build
    load(tmp_path, VALID.replace("    note: A *label*.\n", "\tnote: A *label*.\n"))
    build = Build(tmp_path / "annotations", tmp_path)
    build.load()
    assert [p.file for p in build.problems.items] == ["annotations/art.yml"]


def test_a_note_with_another_mistake_still_counts_as_using_its_topics(tmp_path):
    from marginalia.site import Build
    load(tmp_path, VALID.replace("kind: claim", "kind: claims").replace("kind: framing", "kind: framings"))
    build = Build(tmp_path / "annotations", tmp_path)
    build.load()
    assert {p.message for p in build.problems.items} == {"unknown kind 'claims'", "unknown kind 'framings'"}
