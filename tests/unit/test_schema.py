"""The JSON Schema for editors and the loader agree: one corpus of good and bad files.

Every file in ``tests/annotation_corpus/good`` is accepted by both; every file in ``bad`` is
refused by both, on the line its first line names. The schema is validated the way
yaml-language-server does it (YAML 1.2 values, JSON Schema draft 7), with the ``jsonschema``
package, and a schema error is placed where an editor marks it: an unexpected key on that
key, a missing key on its mapping, anything else on the value.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor

from marginalia.loader import NOTE_KEYS, SOURCE_KEYS, load_corpus
from marginalia.schema import (ANNOTATION_SCHEMA, NOTE_KEY_DESCRIPTIONS, SCHEMA_DIR, TECHNIQUES_SCHEMA,
                               TOPICS_SCHEMA, annotation_schema, modeline, site_schemas, stale_schemas,
                               write_schemas)
from tests.conftest import ROOT

CORPUS = Path(__file__).parents[1] / "annotation_corpus"
VOCABULARY = {"topics": TOPICS_SCHEMA, "techniques": TECHNIQUES_SCHEMA}


def schema_for(path: Path) -> str:
    kind = path.name.split(".")[0]
    return VOCABULARY.get(kind, ANNOTATION_SCHEMA)


def expected_line(path: Path) -> int:
    match = re.match(r"# refused at line (\d+):", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} must start with '# refused at line N: why'"
    return int(match.group(1))


# --- the two checkers ----------------------------------------------------------------------

def loader_lines(tmp_path: Path, path: Path) -> set[int]:
    """Lines of the loader's problems with ``path``, read as it would be in a site."""
    folder = tmp_path / "annotations"
    folder.mkdir(parents=True)
    for name in ("topics.yml", "techniques.yml"):
        shutil.copy(CORPUS / name, folder / name)
    kind = path.name.split(".")[0]
    target = folder / (f"{kind}.yml" if kind in VOCABULARY else "art.yml")
    shutil.copy(path, target)
    if kind in VOCABULARY:
        (folder / "art.yml").write_text("questions: [Q?]\nnotes: []\n", encoding="utf-8")
    _, problems = load_corpus(folder, tmp_path)
    assert all(p.file == f"annotations/{target.name}" for p in problems), [p.format() for p in problems]
    return {p.line for p in problems}


class _EditorConstructor(RoundTripConstructor):
    """YAML 1.2 has no dates: '2024-03-28' is text to yaml-language-server, as to the loader."""


_EditorConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                   lambda self, node: str(self.construct_scalar(node)))


def editor_view(text: str):
    """The document as yaml-language-server reads it (YAML 1.2), with its line numbers, and
    as plain data to validate."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _EditorConstructor
    data = yaml.load(text)

    def plain(node):
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        if isinstance(node, str):
            return str(node)
        return node
    return data, plain(data)


def line_of(root, path: list, validator: str, error: jsonschema.ValidationError, schema: dict) -> int:
    """Where an editor marks a schema error, as a 1-based line."""
    parent, key, node = None, None, root
    for step in path:
        parent, key, node = node, step, node[step]
    if validator == "additionalProperties" and isinstance(node, CommentedMap):
        allowed = set(error.schema.get("properties", {}))
        unexpected = next(k for k in node if str(k) not in allowed)
        return node.lc.key(unexpected)[0] + 1
    if node is None and parent is None:
        return 1  # an empty document
    if validator == "required" or isinstance(node, (CommentedMap, CommentedSeq)) and validator in ("type", "not"):
        if isinstance(parent, CommentedMap):
            return parent.lc.key(key)[0] + 1
        if isinstance(parent, CommentedSeq):
            return parent.lc.item(key)[0] + 1
        return node.lc.line + 1
    if isinstance(parent, CommentedMap):  # an empty value has no place of its own: its key's
        return parent.lc.key(key)[0] + 1 if node is None else parent.lc.value(key)[0] + 1
    if isinstance(parent, CommentedSeq):
        return parent.lc.item(key)[0] + 1
    return 1


def schema_lines(path: Path) -> set[int]:
    schema = json.loads(SCHEMAS[schema_for(path)])
    root, data = editor_view(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    lines = set()
    for error in validator.iter_errors(data):
        for leaf in _leaves(error):
            lines.add(line_of(root, list(leaf.absolute_path), leaf.validator, leaf, schema))
    return lines


def _leaves(error: jsonschema.ValidationError):
    """The most precise errors: anyOf/if-then report their own causes."""
    if error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        return [e for e in error.context if len(e.absolute_path) == deepest]
    return [error]


def _corpus_vocabularies():
    corpus, problems = load_corpus(CORPUS, CORPUS.parent)
    assert problems == []
    return corpus


SCHEMAS = site_schemas(_corpus_vocabularies().topics, _corpus_vocabularies().techniques)


# --- the corpus ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted((CORPUS / "good").glob("*.yml")), ids=lambda p: p.name)
def test_good_files_are_accepted_by_both(tmp_path, path):
    assert loader_lines(tmp_path, path) == set()
    assert schema_lines(path) == set()


@pytest.mark.parametrize("path", sorted((CORPUS / "bad").glob("*.yml")), ids=lambda p: p.name)
def test_bad_files_are_refused_by_both_on_the_same_line(tmp_path, path):
    line = expected_line(path)
    assert loader_lines(tmp_path, path) == {line}, "the loader"
    assert schema_lines(path) == {line}, "the schema"


def test_what_only_the_loader_can_check(tmp_path):
    """Rules no schema can state; the loader refuses these, the editor lets them through."""
    base = (CORPUS / "good" / "minimal.yml").read_text(encoding="utf-8")
    cases = {
        "twice": base + base[base.index("  - id:"):],  # two notes with one id
        "html": base.replace("The link names no outlet.", "The <b>link</b> names no outlet."),
        "feb30": base.replace("    sources:\n", "    sources:\n      - title: T\n        date: 2024-02-30\n"),
    }
    for name, text in cases.items():
        path = tmp_path / f"{name}.yml"
        path.write_text(text, encoding="utf-8")
        assert loader_lines(tmp_path / name, path), name
        assert schema_lines(path) == set(), name


# --- the schema follows the loader and the site ------------------------------------------

def test_every_key_the_loader_takes_is_in_the_schema():
    """One list of note keys (loader.NOTE_KEYS): a key added there needs its description."""
    schema = annotation_schema({}, {})
    assert list(schema["definitions"]["note"]["properties"]) == list(NOTE_KEYS)
    assert set(NOTE_KEY_DESCRIPTIONS) == set(NOTE_KEYS)
    assert list(schema["definitions"]["source"]["properties"]) == list(SOURCE_KEYS)


def test_topic_ids_and_technique_labels_come_from_the_site_with_their_titles():
    corpus = _corpus_vocabularies()
    note = annotation_schema(corpus.topics, corpus.techniques)["definitions"]["note"]["properties"]
    assert note["topics"]["items"]["enum"] == ["talks", "plant"]
    assert note["topics"]["items"]["enumDescriptions"][0].startswith("Peace talks: ")
    assert note["technique"]["anyOf"][0]["enum"] == ["Loaded_Language"]
    assert note["kind"]["enum"] == ["framing", "sourcing", "claim"]


def test_the_schemas_are_valid_draft_7():
    for text in SCHEMAS.values():
        jsonschema.Draft7Validator.check_schema(json.loads(text))


def test_written_schemas_are_stale_until_rewritten(tmp_path):
    assert stale_schemas(tmp_path, SCHEMAS) == sorted(SCHEMAS, key=list(SCHEMAS).index)
    assert write_schemas(tmp_path, SCHEMAS) == list(SCHEMAS)
    assert stale_schemas(tmp_path, SCHEMAS) == [] and write_schemas(tmp_path, SCHEMAS) == []


def test_the_site_s_committed_schemas_are_current_and_every_file_points_at_its_own():
    """What a fork's editor uses is what its vocabularies say (run `marginalia schema`)."""
    corpus, _ = load_corpus(ROOT / "annotations")
    assert stale_schemas(ROOT / "annotations", site_schemas(corpus.topics, corpus.techniques)) == []
    for path in sorted((ROOT / "annotations").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(path.name), path.name
        target = path.parent / first.split("$schema=")[1]
        assert target.is_file() and target.parent.name == SCHEMA_DIR


def _without_comments(jsonc: str) -> str:
    """devcontainer.json is JSON with comments: drop the lines that are only a comment."""
    return "\n".join(line for line in jsonc.splitlines() if not line.lstrip().startswith("//"))


def test_vs_code_and_codespaces_get_the_yaml_extension_that_reads_the_schema_line():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    container = json.loads(_without_comments((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8")))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    assert "redhat.vscode-yaml" in container["customizations"]["vscode"]["extensions"]
    assert "make" in container["postCreateCommand"]


def test_the_build_publishes_the_current_schemas(site):
    from tests.conftest import TECHNIQUES, TOPICS
    built = site(articles={"talks": "---\ntitle: Talks\n---\n\nThe talks went on.\n"},
                 annotations={"talks.yml": "questions: [Why?]\nnotes:\n  - id: a\n    kind: framing\n"
                                           "    quote: talks went on\n    note: N.\n    topics: [talks, plant]\n"
                                           "    technique: Loaded_Language\n",
                              "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    assert built.returncode == 0, built.output
    corpus, _ = load_corpus(built.root / "annotations", built.root)
    for name, text in site_schemas(corpus.topics, corpus.techniques).items():
        assert (built.site / SCHEMA_DIR / name).read_text(encoding="utf-8") == text
