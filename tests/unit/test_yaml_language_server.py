"""What an author's editor does with the annotation files, asked of the editors' real server.

docs/authoring.md ("Editors that help") promises that VS Code, Codespaces and any editor using
yaml-language-server complete keys, kinds, topic ids and technique labels and underline
mistakes as one types, from the schema named on each file's first line. Here Red Hat's
yaml-language-server itself (an npm dev dependency, driven over stdio by tests/clients/yamlls.py
with an editor's default settings and no schema configured) reads:

* a tiny site: the vocabularies of tests/annotation_corpus/, the schemas `marginalia schema`
  writes for them, and every corpus file written into its annotations/ with the schema line an
  author's file has (so every line of a corpus file is one further down);
* the project's own annotations/, as they are.

Without Node.js or node_modules/ these tests skip on a developer's machine; in CI (CI=true)
they fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from marginalia.dates import HINT as DATE_HINT
from marginalia.loader import NOTE_KEYS, load_corpus
from marginalia.model import KINDS
from marginalia.schema import modeline
from tests.clients import ClientsMissing
from tests.clients.yamlls import ERROR, YamlLanguageServer
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "annotation_corpus"
VOCABULARIES = ("topics", "techniques")
GOOD = sorted((CORPUS / "good").glob("*.yml"))
BAD = sorted((CORPUS / "bad").glob("*.yml"))
EMPTY = "empty.yml"  # comments only
SCHEMA_LINE = modeline("article.yml")


def start(workspace: Path) -> YamlLanguageServer:
    try:
        return YamlLanguageServer(workspace).__enter__()
    except ClientsMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}: CI must run the editor tests (make test installs node_modules/)")
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site with the corpus's vocabularies and the schemas `marginalia schema` writes for them."""
    root = tmp_path_factory.mktemp("editor-site")
    folder = root / "annotations"
    folder.mkdir()
    for kind in VOCABULARIES:
        name = f"{kind}.yml"
        (folder / name).write_text(modeline(name) + "\n" + (CORPUS / name).read_text(encoding="utf-8"),
                                   encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "marginalia", "schema"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture(scope="module")
def server(site):
    ls = start(site)
    yield ls
    ls.__exit__(None, None, None)


@pytest.fixture(scope="module")
def project_server():
    """The server with the project's folder as the workspace, as when one opens it in an editor."""
    ls = start(ROOT)
    yield ls
    ls.__exit__(None, None, None)


def as_authored(site: Path, path: Path, name: str | None = None) -> Path:
    """``path`` of the corpus written into the site's annotations/ under its own schema line."""
    kind = path.name.split(".")[0]
    line = modeline(f"{kind}.yml") if kind in VOCABULARIES else SCHEMA_LINE
    target = site / "annotations" / (name or f"{path.parent.name}-{path.name}")
    target.write_text(line + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def errors(diagnostics: list[dict]) -> list[dict]:
    return [d for d in diagnostics if d.get("severity", ERROR) == ERROR]


def lines(diagnostics: list[dict]) -> set[int]:
    """The 1-based lines the errors start on, as an editor shows them."""
    return {d["range"]["start"]["line"] + 1 for d in errors(diagnostics)}


def shown(diagnostics: list[dict]) -> list[str]:
    return [f"line {d['range']['start']['line'] + 1}: {d['message']} ({d.get('source')})" for d in diagnostics]


def expected_line(path: Path) -> int:
    match = re.match(r"# refused at line (\d+):", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} must start with '# refused at line N: why'"
    return int(match.group(1))


def vocabularies():
    """The corpus's topics and techniques, as the site's loader reads them."""
    corpus, problems = load_corpus(CORPUS, CORPUS.parent)
    assert problems == []
    return corpus


def labels(items: list[dict]) -> list[str]:
    return [item["label"] for item in items]


def documentation(item: dict) -> str:
    doc = item.get("documentation") or ""
    return doc["value"] if isinstance(doc, dict) else doc


# --- what the editor underlines ------------------------------------------------------------

def schema_is_read(server: YamlLanguageServer, path: Path, text: str) -> bool:
    """Whether the server checks ``path`` against its schema: the same text with a stray key
    at the end, opened unsaved next to it, is underlined there."""
    stray = text.rstrip("\n") + "\nstray-key: 1\n"
    found = server.diagnostics(path.with_name(f"unsaved-{path.name}"), stray)
    return lines(found) == {len(stray.splitlines())}


def test_the_project_s_own_annotation_files_get_no_error(project_server):
    files = sorted((ROOT / "annotations").glob("*.yml"))
    assert files
    for path in files:
        found = project_server.diagnostics(path)
        assert errors(found) == [], (path.name, shown(found))
        assert schema_is_read(project_server, path, path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_a_good_file_gets_no_error(server, site, path):
    authored = as_authored(site, path)
    found = server.diagnostics(authored)
    assert errors(found) == [], shown(found)
    assert schema_is_read(server, authored, authored.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [p for p in BAD if p.name != EMPTY], ids=lambda p: p.name)
def test_a_bad_file_is_underlined_on_the_line_the_corpus_names(server, site, path):
    """The corpus's line, one further down for the schema line; and nowhere else."""
    found = server.diagnostics(as_authored(site, path))
    assert lines(found) == {expected_line(path) + 1}, shown(found)


def test_a_blank_text_or_a_wrong_date_is_explained_in_words_not_as_a_pattern(server, site):
    """The schema's patternErrorMessage is what the author reads, never the regular expression."""
    said = {}
    for name in ("blank-note.yml", "techniques.blank-definition.yml", "date-in-words.yml", "month-thirteen.yml",
                 "id-not-for-links.yml", "url-without-scheme.yml", "correction-without-a-day.yml"):
        found = errors(server.diagnostics(as_authored(site, CORPUS / "bad" / name, f"words-{name}")))
        said[name] = [d["message"] for d in found]
    assert all(messages and not any("pattern" in m for m in messages) for messages in said.values()), said
    assert said["date-in-words.yml"] == [DATE_HINT]
    assert said["blank-note.yml"] == ["write something here: it may not be blank"]


def test_an_empty_file_is_the_one_mistake_the_editor_does_not_underline(server, site):
    """The server checks a document's values against the schema, and a file of comments has
    none (no schema can change that); `marginalia check` and the build refuse it."""
    assert (CORPUS / "bad" / EMPTY).read_text(encoding="utf-8").startswith("# refused at line 1:")
    assert errors(server.diagnostics(as_authored(site, CORPUS / "bad" / EMPTY))) == []


def test_what_only_the_loader_can_check_is_not_underlined(server, site):
    """Twice one id, raw HTML in a note, a 30th of February: `marginalia check` and the build
    refuse these, the editor cannot tell."""
    base = (CORPUS / "good" / "minimal.yml").read_text(encoding="utf-8")
    cases = {
        "twice": base + base[base.index("  - id:"):],
        "html": base.replace("The link names no outlet.", "The <b>link</b> names no outlet."),
        "feb30": base.replace("    sources:\n", "    sources:\n      - title: T\n        date: 2024-02-30\n"),
    }
    for name, text in cases.items():
        found = server.diagnostics(site / "annotations" / f"loader-only-{name}.yml", SCHEMA_LINE + "\n" + text)
        assert errors(found) == [], (name, shown(found))


def test_a_mistyped_key_is_underlined_where_it_is_typed(server, site):
    text = SCHEMA_LINE + "\n" + (CORPUS / "good" / "minimal.yml").read_text(encoding="utf-8")
    assert "    quote: German media\n" in text
    typo = text.replace("    quote: German media\n", "    qoute: German media\n")
    found = server.diagnostics(site / "annotations" / "typo.yml", typo)
    on_the_key = [d for d in errors(found) if d["range"]["start"]["line"] == typo.splitlines().index(
        "    qoute: German media")]
    assert on_the_key and "qoute" in on_the_key[0]["message"], shown(found)
    assert any('"quote"' in d["message"] for d in errors(found)), "and the note misses its quote: " + str(shown(found))


# --- what the editor offers as one types ----------------------------------------------------

NOTE = SCHEMA_LINE + """
questions: [Who is quoted?]
notes:
  - id: n1
    kind: {kind}
    quote: German media
    note: The link names no outlet.
    topics: [{topics}
    technique: {technique}
"""


def place(text: str, marker: str) -> tuple[int, int]:
    """The 0-based line and character where ``marker`` (a unique line start) ends."""
    for number, line in enumerate(text.splitlines()):
        if line.startswith(marker):
            return number, len(marker)
    raise AssertionError(marker)


def completion(server, site, name: str, text: str, marker: str) -> list[dict]:
    line, character = place(text, marker)
    return server.completion(site / "annotations" / name, text, line, character)


def test_a_note_s_kind_offers_exactly_the_three_kinds_with_what_each_asks(server, site):
    text = NOTE.format(kind="", topics="talks]", technique="")
    items = completion(server, site, "complete-kind.yml", text, "    kind: ")
    assert sorted(labels(items)) == sorted(KINDS) == ["claim", "framing", "sourcing"]
    assert all(documentation(item) for item in items), items


def test_a_note_s_topics_offer_the_site_s_topic_ids_with_their_titles(server, site):
    corpus = vocabularies()
    text = NOTE.format(kind="claim", topics="", technique="")
    items = completion(server, site, "complete-topics.yml", text, "    topics: [")
    assert labels(items) == list(corpus.topics) == ["talks", "plant"]
    for item in items:
        assert documentation(item).startswith(corpus.topics[item["label"]].title + ": "), item


def test_a_note_s_technique_offers_the_site_s_labels_with_their_definitions(server, site):
    corpus = vocabularies()
    text = NOTE.format(kind="framing", topics="talks]", technique="")
    items = completion(server, site, "complete-technique.yml", text, "    technique: ")
    offered = {item["label"]: documentation(item) for item in items}
    assert list(corpus.techniques) == ["Loaded_Language"]
    assert set(offered) - {"null"} == set(corpus.techniques), offered  # null: the key left empty
    assert corpus.techniques["Loaded_Language"].definition in offered["Loaded_Language"]


def test_a_note_offers_the_keys_it_does_not_have_yet_with_what_each_means(server, site):
    text = NOTE.format(kind="framing", topics="talks]", technique="Loaded_Language") + "    \n"
    line = len(text.splitlines()) - 1
    items = server.completion(site / "annotations" / "complete-keys.yml", text, line, 4)
    present = {"id", "kind", "quote", "note", "topics", "technique"}
    assert set(labels(items)) == set(NOTE_KEYS) - present
    assert all(documentation(item) for item in items), items


def test_the_project_s_topics_are_offered_in_its_own_files(project_server):
    corpus, _ = load_corpus(ROOT / "annotations")
    path = sorted(p for p in (ROOT / "annotations").glob("*.yml") if p.name not in ("topics.yml", "techniques.yml"))[0]
    text = NOTE.format(kind="claim", topics="", technique="")
    # opened under a name of its own next to the real files: nothing is written to disk
    items = project_server.completion(path.with_name("unsaved-new-article.yml"), text, *place(text, "    topics: ["))
    assert labels(items) == list(corpus.topics)
