"""JSON Schemas of the annotation files, for editors (VS Code, Codespaces, any editor using
yaml-language-server) to complete keys, kinds, topic ids and technique labels as one types.

The schemas are derived from what the loader accepts, never written by hand: key lists,
required keys, kinds, parts and patterns come from :mod:`marginalia.loader` and
:mod:`marginalia.model`, and topic ids and technique labels from the site's own
vocabularies. So a schema is generated for one site:

* the build publishes the current ones at ``schemas/`` on the site;
* ``marginalia schema`` writes them into ``annotations/schemas/``, where each annotation
  file's first line points (``# yaml-language-server: $schema=schemas/annotation-file.schema.json``);
* ``marginalia check`` fails while the written ones are not current (a topic added to
  ``topics.yml`` without ``marginalia schema``).

The loader stays the authority: some rules need the article or the whole file (a quote is
found, ids are unique in a file, a note's Markdown has no raw HTML) and no schema can say
them. ``tests/unit/test_schema.py`` runs both over one corpus of good and bad files, and
every bad file must be refused by both, on the same line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

from .dates import HINT as DATE_HINT
from .loader import (CORRECTION_KEYS, FILE_KEYS, ID_PATTERN, MIN_QUESTIONS, NOTE_KEYS, REQUIRED_NOTE_KEYS, SOURCE_KEYS,
                     TECHNIQUE_KEYS, TECHNIQUES_FILE, TOPIC_KEYS, TOPICS_FILE, URL_PATTERN)
from .model import KINDS, PARTS, Technique, Topic

DRAFT = "http://json-schema.org/draft-07/schema#"  # what yaml-language-server supports in full
SCHEMA_DIR = "schemas"  # in annotations/ (for editors) and on the site (published)
ANNOTATION_SCHEMA = "annotation-file.schema.json"
TOPICS_SCHEMA = "topics.schema.json"
TECHNIQUES_SCHEMA = "techniques.schema.json"
MODELINE = "# yaml-language-server: $schema={path}"
FILE_SCHEMAS = {TOPICS_FILE: TOPICS_SCHEMA, TECHNIQUES_FILE: TECHNIQUES_SCHEMA}  # else ANNOTATION_SCHEMA

# A value the loader reads as text: YAML may type it (2024 is a number, yes a boolean), but the
# loader takes the characters as written. Non-blank, like every text the loader requires.
TEXT = {"type": ["string", "number", "boolean"], "pattern": r"\S",
        "patternErrorMessage": "write something here: it may not be blank"}
OPTIONAL_TEXT = {"type": ["string", "number", "boolean", "null"]}
# dates.is_iso_date, as far as a pattern can say it (the loader also knows February has no 30th)
DATE_PATTERN = r"^\s*\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\s*$"

NOTE_KEY_DESCRIPTIONS: dict[str, str] = {
    "id": "Stable name of the note, unique in this file: lower-case letters, digits and hyphens. "
          "Keep it when you correct the note, so links to it keep working.",
    "kind": "framing (how the wording steers), sourcing (who says so, can it be checked) or "
            "claim (a contested factual claim and what the evidence says).",
    "quote": "The passage exactly as a reader sees it on the page: whole words, link text "
             "without the link, no Markdown. Quotes, dashes and spaces may differ in typography.",
    "prefix": "Optional: a few words just before the passage, when it occurs more than once.",
    "suffix": "Optional: a few words just after the passage, when it occurs more than once.",
    "part": "article (default: the title, provenance and body) or supplied (the summary or "
            "highlights shipped with the source file).",
    "note": "The note, in Markdown: paragraphs, *emphasis*, **strong**, `code`, links, lists. "
            "No raw HTML or images.",
    "topics": "One or more topic ids from annotations/topics.yml; notes sharing a topic are "
              "linked across articles.",
    "technique": "Optional: a technique label from annotations/techniques.yml, listed in the glossary.",
    "sources": "The evidence the note relies on; a claim note needs at least one.",
    "corrections": "Corrections of substance made after the note was published, oldest first; "
                   "each is shown at the end of the note and on the Corrections page.",
}
SOURCE_KEY_DESCRIPTIONS = {
    "title": "The source's real headline, or a plain description when you could not confirm it.",
    "publisher": "Who published it.",
    "date": "As precise as you know it: YYYY, YYYY-MM or YYYY-MM-DD.",
    "url": "A full http:// or https:// address, only when you are sure it is right.",
}


def annotation_schema(topics: Mapping[str, Topic], techniques: Mapping[str, Technique]) -> dict:
    """The schema of ``annotations/<slug>.yml`` for a site with these vocabularies."""
    note_properties = {key: _note_property(key, topics, techniques) for key in NOTE_KEYS}
    return {
        "$schema": DRAFT,
        "title": "Marginalia annotation file",
        "description": "The discussion questions and margin notes of one article (see the Authoring notes page).",
        "type": "object",
        "additionalProperties": False,
        "required": list(FILE_KEYS),
        "properties": {
            "questions": {
                "description": f"Discussion questions shown at the end of the article: at least "
                               f"{MIN_QUESTIONS}, 3 to 5 recommended, each usable by a teacher as it is.",
                "type": "array", "minItems": MIN_QUESTIONS, "items": TEXT,
            },
            "notes": {"description": "The margin notes, each starting with '- id: …'.",
                      "type": "array", "items": {"$ref": "#/definitions/note"}},
        },
        "definitions": {
            "note": {
                "type": "object",
                "additionalProperties": False,
                "required": list(REQUIRED_NOTE_KEYS),
                "properties": note_properties,
                "if": {"required": ["kind"], "properties": {"kind": {"const": "claim"}}},
                "then": {"required": ["sources"], "properties": {"sources": {"minItems": 1}}},
            },
            "source": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title"],
                "properties": {key: _source_property(key) for key in SOURCE_KEYS},
            },
            "correction": {
                "type": "object",
                "additionalProperties": False,
                "required": list(CORRECTION_KEYS),
                "properties": {key: _correction_property(key) for key in CORRECTION_KEYS},
            },
        },
    }


def _note_property(key: str, topics: Mapping[str, Topic], techniques: Mapping[str, Technique]) -> dict:
    description = {"description": NOTE_KEY_DESCRIPTIONS[key]}  # a KeyError here: describe the new key
    if key == "id":
        return {**description, "type": ["string", "integer"], "minimum": 0, "pattern": ID_PATTERN.pattern,
                "patternErrorMessage": "use lower-case letters, digits and hyphens, e.g. 'kiev-regime'"}
    if key == "kind":
        return {**description, **_choices(KINDS)}
    if key == "part":
        return {**description, **_choices({part: part for part in PARTS}), "type": ["string", "null"]}
    if key == "topics":
        items = _choices({t.id: f"{t.title}: {t.description}" for t in topics.values()},
                         empty="annotations/topics.yml defines no topics yet")
        return {**description, "type": "array", "minItems": 1, "items": items}
    if key == "technique":
        choices = _choices({t.id: f"{t.title} ({t.group}): {t.definition}" for t in techniques.values()},
                           empty="annotations/techniques.yml defines no techniques yet")
        return {**description, "anyOf": [choices, {"type": "null"}]}
    if key == "sources":
        return {**description, "type": ["array", "null"], "items": {"$ref": "#/definitions/source"}}
    if key == "corrections":
        return {**description, "type": ["array", "null"], "items": {"$ref": "#/definitions/correction"}}
    if key in REQUIRED_NOTE_KEYS:
        return {**description, **TEXT}
    return {**description, **OPTIONAL_TEXT}


def _source_property(key: str) -> dict:
    description = {"description": SOURCE_KEY_DESCRIPTIONS[key]}
    if key == "title":
        return {**description, **TEXT}
    if key == "url":
        return {**description, "type": ["string", "null"], "pattern": URL_PATTERN.pattern,
                "patternErrorMessage": "use a full http:// or https:// address, or leave the url out"}
    if key == "date":  # 2024 alone is a number in YAML
        return {**description, "errorMessage": DATE_HINT, "anyOf": [{"type": "string", "pattern": DATE_PATTERN,
                                                                     "patternErrorMessage": DATE_HINT},
                                          {"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "null"}]}
    return {**description, **OPTIONAL_TEXT}


CORRECTION_KEY_DESCRIPTIONS = {
    "date": "The day of the correction, YYYY-MM-DD.",
    "change": "What the note said and what it says now, in Markdown.",
    "reason": "Why it was corrected, in Markdown.",
}
# a correction is dated to the day: readers are told when the note changed
DAY_PATTERN = r"^\s*\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\s*$"


def _correction_property(key: str) -> dict:
    description = {"description": CORRECTION_KEY_DESCRIPTIONS[key]}
    if key == "date":
        return {**description, "type": "string", "pattern": DAY_PATTERN,
                "patternErrorMessage": "write the day of the correction as YYYY-MM-DD, e.g. 2026-12-01"}
    return {**description, **TEXT}


def _choices(described: Mapping[str, str], empty: str = "") -> dict:
    """An enum whose values an editor offers with their descriptions.

    ``enumDescriptions``/``markdownEnumDescriptions`` and ``patternErrorMessage``/``errorMessage``
    are the VS Code JSON language service's keywords, which yaml-language-server shares;
    validators ignore them."""
    if not described:
        return {"not": {}, "description": empty}
    names = list(described)
    return {"type": "string", "enum": names, "enumDescriptions": [described[n] for n in names],
            "markdownEnumDescriptions": [described[n] for n in names]}


def vocabulary_schema(top: str, keys: tuple[str, ...], what: str) -> dict:
    """The schema of ``topics.yml`` or ``techniques.yml``: ids mapped to their fields."""
    return {
        "$schema": DRAFT,
        "title": f"Marginalia {top}",
        "description": what,
        "type": "object",
        "additionalProperties": False,
        "required": [top],
        "properties": {top: {
            "type": "object",
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": list(keys),
                "properties": {key: {**TEXT, "description": _VOCABULARY_KEYS[key]} for key in keys},
            },
        }},
    }


_VOCABULARY_KEYS = {
    "title": "The name readers see.",
    "description": "One sentence on what the topic covers.",
    "group": "The technique's family (SemEval-2023 Task 3 group, or 'Framing dimension').",
    "definition": "A plain-language definition, shown in the glossary.",
}


def site_schemas(topics: Mapping[str, Topic], techniques: Mapping[str, Technique]) -> dict[str, str]:
    """Every schema of a site, file name -> JSON text, as written and as published."""
    schemas = {
        ANNOTATION_SCHEMA: annotation_schema(topics, techniques),
        TOPICS_SCHEMA: vocabulary_schema("topics", TOPIC_KEYS, "The site's topics: id -> title and description."),
        TECHNIQUES_SCHEMA: vocabulary_schema("techniques", TECHNIQUE_KEYS,
                                             "The site's techniques: label -> title, group and definition."),
    }
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}


def stale_schemas(annotations_dir: Path, schemas: Mapping[str, str]) -> list[str]:
    """Names of the schemas in ``annotations/schemas/`` that are missing or not current."""
    folder = annotations_dir / SCHEMA_DIR
    return [name for name, text in schemas.items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]


def write_schemas(annotations_dir: Path, schemas: Mapping[str, str]) -> list[str]:
    """Write the schemas that changed; their names."""
    changed = stale_schemas(annotations_dir, schemas)
    folder = annotations_dir / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    for name in changed:
        (folder / name).write_text(schemas[name], encoding="utf-8")
    return changed


def modeline(file_name: str) -> str:
    """The first line that points an editor at the schema of an annotation or vocabulary file."""
    return MODELINE.format(path=f"{SCHEMA_DIR}/{FILE_SCHEMAS.get(file_name, ANNOTATION_SCHEMA)}")
