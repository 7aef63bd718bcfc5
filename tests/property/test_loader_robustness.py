"""Whatever is in an annotation file, loading it reports problems and never crashes.

The loader's promise (see :mod:`marginalia.loader`): nothing raises; each mistake becomes a
Problem that names its file and, when it knows one, a line that exists in that file; and a
note that loads has everything a page needs. Authors make every kind of mistake, so the
input here is everything from near-valid annotation files to broken YAML and raw bytes.
"""

from __future__ import annotations

import datetime
import resource
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marginalia.loader import ID_PATTERN, load_corpus
from marginalia.model import KINDS, PARTS, Note
from marginalia.problems import Problem
from tests.conftest import ROOT, TECHNIQUES, TOPICS

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

REAL_KEYS = ["id", "kind", "quote", "prefix", "suffix", "part", "note", "topics", "technique",
             "sources", "title", "publisher", "date", "url", "notes", "questions"]


# --- generating annotation files -----------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.text(max_size=12),
    st.sampled_from(["framing", "sourcing", "claim", "claims", "talks", "plant", "tallks",
                     "Loaded_Language", "article", "supplied", "first", "First Note", "a-",
                     "https://example.org/x", "www.example.org", "javascript:alert(1)",
                     "*em*", "<b>x</b>", "![i](https://x.org/i.png)", "# Heading", "", " ",
                     "~", "null", "yes", "0x1f", ".inf", "- item", "a: b", "[x", "&anchor", "*alias"]),
)
keys = st.one_of(st.sampled_from(REAL_KEYS), st.text(max_size=8), st.integers(-3, 3),
                 st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


source_likes = st.fixed_dictionaries(
    {"title": st.sampled_from(["A report", "Update 215"])},
    optional={"publisher": st.just("Agency"), "date": st.sampled_from(["2024-03", "2024-03-28"]),
              "url": st.sampled_from(["https://example.org/r", "ftp://x", "example.org"])})


def mostly(valid: list, invalid: list) -> st.SearchStrategy:
    """Valid values most of the time, so that notes get far enough to be checked fully."""
    return st.sampled_from(valid * 3 + invalid)


note_likes = st.fixed_dictionaries(
    {
        "id": mostly(["first", "second", "x1", "a-b"], ["Bad Id", "-a"]),
        "kind": mostly(list(KINDS), ["claims"]),
        "quote": mostly(["the Kiev regime", '"peace negotiations"'], [" ", "x"]),
        "note": mostly(["A *label*.", "See [this](https://x.org).", "- one\n- two\n", "a\n\nb"],
                       ["<i>raw</i>", "[bad](javascript:x)", "# title"]),
        "topics": st.lists(mostly(["talks", "plant"], ["tallks"]), min_size=1, max_size=3),
    },
    optional={
        "prefix": st.sampled_from(["The", "International", ""]), "suffix": st.just("have"),
        "part": mostly(list(PARTS), ["suplied"]),
        "technique": mostly(["Loaded_Language"], ["Loaded_language"]),
        "sources": st.lists(source_likes, max_size=2),
    },
)


@st.composite
def damaged(draw, valid: st.SearchStrategy) -> object:
    """A valid-looking mapping with a few keys dropped, retyped or added."""
    item = dict(draw(valid))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
        edit = draw(st.sampled_from(["drop", "retype", "add"]))
        if edit == "add":
            item[draw(keys)] = draw(values)
        elif item:
            key = draw(st.sampled_from(sorted(item, key=str)))
            if edit == "drop":
                del item[key]
            else:
                item[key] = draw(values)
    return item


article_files = st.fixed_dictionaries({
    "questions": st.one_of(st.lists(st.sampled_from(["Who is quoted?", ""]), max_size=3), values),
    "notes": st.one_of(st.lists(st.one_of(damaged(note_likes), damaged(note_likes), values), max_size=5),
                       values),
}).flatmap(lambda d: damaged(st.just(d)))
article_likes = st.one_of(article_files, article_files, article_files, values)


@st.composite
def yaml_documents(draw) -> str:
    """A generated document dumped as YAML, then damaged the ways hand edits damage files."""
    text = yaml.safe_dump(draw(article_likes), allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None, True])),
                          width=draw(st.sampled_from([20, 80, 1000])))
    lines = text.split("\n")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 4]))):
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["duplicate", "tab", "dedent", "indent", "drop", "insert",
                                     "truncate", "key"]))
        if edit == "duplicate":  # e.g. a repeated key, or a repeated list item
            lines.insert(at, lines[at])
        elif edit == "tab":
            lines[at] = "\t" + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 4)):]
        elif edit == "indent":
            lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
        elif edit == "drop":
            del lines[at]
            lines = lines or [""]
        elif edit == "insert":
            lines.insert(at, draw(st.text(max_size=20)))
        elif edit == "truncate":
            lines[at] = lines[at][:draw(st.integers(0, max(0, len(lines[at]) - 1)))]
        else:
            indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
            lines.insert(at, f"{indent}{draw(st.sampled_from(REAL_KEYS))}: {draw(st.text(max_size=10))}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def line_based_texts(draw) -> str:
    """Lines that look like annotation files, written by hand and without any YAML library."""
    pieces = st.one_of(
        st.sampled_from(REAL_KEYS).map(lambda k: k + ":"),
        st.sampled_from(["-", "- id:", "  -", "[", "]", "{", "}", ",", "'", '"', "|", ">", "&a",
                         "*a", "!!str", "!!binary", "? ", "---", "...", "#", "%YAML 1.1", "\t",
                         "<<: *a", "talks", "framing", "null", "~"]),
        st.text(max_size=6),
    )
    lines = draw(st.lists(st.tuples(st.integers(0, 6), st.lists(pieces, max_size=4)), max_size=12))
    return "\n".join(" " * indent + " ".join(words) for indent, words in lines)


# --- checking what the loader says ---------------------------------------------------------

BREAKS = ("\n", "\x85", "\u2028", "\u2029")  # the line breaks YAML counts


def last_line(text: str) -> int:
    """The line the end of the file is on (the empty line after a final newline counts)."""
    return 1 + sum(text.count(b) for b in BREAKS)


def line_limit(path: Path) -> int:
    """The highest line a problem in this file may name."""
    text = path.read_text(encoding="utf-8", errors="replace")  # universal newlines, as the loader reads
    return last_line(text)


def load_one(name: str, content: str | bytes, topics: str = TOPICS, techniques: str = TECHNIQUES):
    """Load a fresh annotations/ folder holding the vocabularies and one generated file, and
    check what comes back."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "annotations"
        folder.mkdir()
        (folder / "topics.yml").write_text(topics, encoding="utf-8")
        (folder / "techniques.yml").write_text(techniques, encoding="utf-8")
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        corpus, problems = load_corpus(folder, root)
        limits = {f"annotations/{p.name}": line_limit(p) for p in folder.iterdir()}
    check(corpus, problems, limits)
    return corpus, problems


def check(corpus, problems, limits: dict[str, int]) -> None:
    """Every problem names a file of the folder, formats, and points at a line of it;
    every note that loaded is complete."""
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file in limits, problem
        assert isinstance(problem.format(), str) and problem.file in problem.format()
        if problem.line is not None:
            assert 1 <= problem.line <= limits[problem.file], problem
    for note in corpus.notes():
        assert_complete(note, corpus)


def assert_complete(note: Note, corpus) -> None:
    """What a page needs of a note."""
    assert ID_PATTERN.match(note.id), note
    assert note.kind in KINDS and note.part in PARTS
    assert note.selector.exact.strip()
    assert note.topics and all(topic in corpus.topics for topic in note.topics)
    assert note.body.strip() and note.body_html
    assert note.line >= 1 and note.file == f"annotations/{note.slug}.yml"
    assert note.technique is None or note.technique in corpus.techniques
    assert note.kind != "claim" or note.sources


# --- properties ----------------------------------------------------------------------------

@SETTINGS
@given(yaml_documents())
def test_generated_and_damaged_annotation_files_never_crash_the_loader(text):
    """Near-valid files with wrong types, unknown and repeated keys, tabs and broken
    indentation: problems are reported, and the notes that load are complete."""
    load_one("art.yml", text)


@SETTINGS
@given(line_based_texts())
def test_hand_written_yaml_like_lines_never_crash_the_loader(text):
    """Anchors, aliases, tags, flow brackets, block scalars and directives, in any order."""
    load_one("art.yml", text)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_loader(text):
    """Any Unicode text at all, control characters and lone line separators included."""
    load_one("art.yml", text)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_loader(content):
    """A file that is not UTF-8 is one problem that names the file, not a traceback."""
    _, problems = load_one("art.yml", content)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        assert [p.message for p in problems if "UTF-8" in p.message]


@SETTINGS
@given(st.one_of(yaml_documents(), line_based_texts(), st.text(max_size=200)),
       st.sampled_from(["topics.yml", "techniques.yml"]))
def test_damaged_vocabulary_files_never_crash_the_loader(text, name):
    """The topic and technique vocabularies are read with the same care as the notes."""
    vocabularies = {"topics.yml": TOPICS, "techniques.yml": TECHNIQUES, name: text}
    load_one("art.yml", "questions: [Q?]\nnotes: []\n",
             topics=vocabularies["topics.yml"], techniques=vocabularies["techniques.yml"])


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 300), st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
def test_moderately_deep_nesting_is_reported_not_crashed_on(depth, opener):
    """Nesting as deep as any hand-written file goes, closed or not."""
    load_one("art.yml", opener * depth + "x")


# --- regressions: bugs these properties found, fixed since --------------------------------

@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["questions: [Q?]", "notes:", "  - id: a", "    kind: framing"]),
                max_size=4),
       st.sampled_from(["topics: [talks", "notes: [", "quote: '\"peace", "note: {a: b"]))
def test_an_unfinished_last_line_is_reported_on_that_line(lines, last):
    """An author who leaves the last line unfinished (no closing bracket or quote, and no
    newline after it) is told about a line the file has. Minimal example: a file holding
    'a: [' (no final newline) is reported at line 2 of a one-line file."""
    text = "\n".join([*lines, last])
    _, problems = load_one("art.yml", text)
    assert problems
    assert all(p.line is None or p.line <= last_line(text) for p in problems), [p.format() for p in problems]


_DEEP = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from marginalia.loader import load_corpus
    folder = Path(sys.argv[1])
    (folder / "art.yml").write_text("notes: " + "[" * int(sys.argv[2]), encoding="utf-8")
    corpus, problems = load_corpus(folder, folder.parent)
    print(len(problems))
""")


def _eight_megabyte_stack() -> None:  # the usual default, so the result does not depend on the shell
    resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, resource.getrlimit(resource.RLIMIT_STACK)[1]))


def test_very_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    """A 100 kB file of '[' is nonsense, but it must give a message, not a segmentation fault
    that ends `mkdocs build` with no word about which file did it. Run in a child process,
    since the failure takes the interpreter down with it."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    proc = subprocess.run([sys.executable, "-c", _DEEP, str(folder), "100000"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "hooks")}, preexec_fn=_eight_megabyte_stack)
    assert proc.returncode == 0, f"exit status {proc.returncode}: {proc.stderr[-500:]}"
    assert int(proc.stdout) >= 1


@pytest.mark.parametrize("body", ['""', "' '", "|\n\n"])
def test_a_note_with_a_blank_body_is_a_problem(body):
    """'note' is required (docs/authoring.md), and an empty margin note tells the reader
    nothing, so a blank one is reported like a blank quote is, not loaded. Minimal
    example: 'note: ""' in an otherwise valid note loads it with body '' and no problem."""
    text = ("questions: [Q?]\nnotes:\n  - id: a\n    kind: framing\n    quote: x\n"
            f"    topics: [talks]\n    note: {body}\n")
    corpus, problems = load_one("art.yml", text)
    assert problems and not corpus.notes(), [(n.id, n.body) for n in corpus.notes()]
