"""Load and validate every annotation file, keeping line numbers for every error.

``annotations/`` holds ``topics.yml`` (the topic vocabulary), ``techniques.yml`` (the
technique vocabulary) and one ``<slug>.yml`` per article. Everything is checked here, before
any page renders, except what needs the rendered article (whether each quote is found),
which :mod:`marginalia.article` checks. Nothing raises: each mistake becomes a
:class:`~marginalia.problems.Problem`, so one run reports them all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from .dates import HINT as DATE_HINT, ISO_DATE, is_iso_date
from .model import KINDS, PARTS, ArticleNotes, Corpus, Correction, Note, Selector, Source, Technique, Topic
from .notemarkup import NoteRenderer
from .problems import Problem, known, suggest
from .yamlerrors import explain
from .yamlnodes import Entry, YamlSyntaxError, compose, entries, is_null, kind_name, line_of

TOPICS_FILE = "topics.yml"
TECHNIQUES_FILE = "techniques.yml"
VOCABULARY_FILES = (TOPICS_FILE, TECHNIQUES_FILE)

FILE_KEYS = ("notes", "questions")
NOTE_KEYS = ("id", "kind", "quote", "prefix", "suffix", "part", "note", "topics", "technique", "sources",
             "corrections")
REQUIRED_NOTE_KEYS = ("id", "kind", "quote", "note", "topics")
SOURCE_KEYS = ("title", "publisher", "date", "url")
CORRECTION_KEYS = ("date", "change", "reason")
TOPIC_KEYS = ("title", "description")
TECHNIQUE_KEYS = ("title", "group", "definition")
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
URL_PATTERN = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
MIN_QUESTIONS = 1  # the build's floor; docs/authoring.md recommends 3 to 5
EMPTY_FILE_HINT = ("write its discussion questions and notes (see the Authoring notes page), or delete "
                   "the file: an article with no annotation file at all is shown as not yet annotated")


def value_line(entry: Entry) -> int:
    """The line of an entry's value (a quote's own line), or of its key when it has none."""
    return entry.key_line if is_null(entry.value) else line_of(entry.value)


class _File:
    """One YAML file being read: its display name and the problems found in it."""

    def __init__(self, path: Path, display: str, problems: list[Problem]) -> None:
        self.path = path
        self.display = display
        self.problems = problems
        self.unreadable = False  # set when the file is not UTF-8 or not YAML

    def error(self, line: int | None, message: str, note_id: str | None = None,
              hint: str | None = None, warning: bool = False) -> None:
        self.problems.append(Problem(self.display, message, line, note_id, hint, warning))

    def root(self) -> yaml.Node | None:
        """The file's node tree; None, with the problem reported, if it cannot be read."""
        self.unreadable = True
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            self.error(None, f"not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset {err.start})",
                       hint="save the file as UTF-8")
            return None
        try:
            node = compose(text)
        except YamlSyntaxError as err:
            why = explain(text, err.problem, err.line, err.context_line)
            self.error(why.line, why.message, why.note_id, why.hint)
            return None
        self.unreadable = False
        return node

    def mapping(self, node: yaml.Node | None, what: str, allowed: tuple[str, ...],
                note_id: str | None = None, line: int | None = None) -> dict[str, Entry] | None:
        """Entries of a mapping, reporting unknown and repeated keys; None if not a mapping."""
        if not isinstance(node, yaml.MappingNode):
            found = kind_name(node) if node is not None else "empty"
            # an empty value has no place of its own (an empty document's may lie past the end)
            where = line if node is None or is_null(node) else line_of(node)
            self.error(where, f"{what} must be a mapping of keys to values, found {found}", note_id)
            return None
        result: dict[str, Entry] = {}
        for entry in entries(node):
            if entry.key in result:
                self.error(entry.key_line, f"the key '{entry.key}' appears twice in {what}", note_id,
                           f"the first is on line {result[entry.key].key_line}")
                continue
            if entry.key not in allowed:
                self.error(entry.key_line, f"unknown key '{entry.key}' in {what}", note_id,
                           suggest(entry.key, allowed) or f"allowed keys: {', '.join(allowed)}")
                continue
            result[entry.key] = entry
        return result

    def text(self, fields: dict[str, Entry], key: str, what: str, note_id: str | None = None,
             required: bool = False, line: int | None = None) -> str | None:
        """A non-empty single value as text, or None (reporting it if required or not text)."""
        entry = fields.get(key)
        if entry is None or is_null(entry.value):
            if required:
                where = entry.key_line if entry else line
                self.error(where, f"{what} has no '{key}'", note_id, f"add '{key}: …'")
            return None
        if not isinstance(entry.value, yaml.ScalarNode):
            self.error(value_line(entry), f"'{key}' must be text, found {kind_name(entry.value)}", note_id)
            return None
        value = str(entry.value.value)
        if required and not value.strip():
            self.error(value_line(entry), f"'{key}' is empty", note_id)
            return None
        return value


def load_corpus(directory: Path, display_root: Path | None = None,
                renderer: NoteRenderer | None = None) -> tuple[Corpus, list[Problem]]:
    """Read the whole ``annotations/`` folder once."""
    problems: list[Problem] = []
    corpus = Corpus()
    if not directory.is_dir():
        return corpus, problems
    root = display_root or directory.parent

    def open_file(path: Path) -> _File:
        try:
            display = path.relative_to(root).as_posix()
        except ValueError:
            display = path.as_posix()
        return _File(path, display, problems)

    corpus.topics = _load_vocabulary(open_file(directory / TOPICS_FILE), "topics", TOPIC_KEYS, _topic)
    corpus.techniques = _load_vocabulary(open_file(directory / TECHNIQUES_FILE), "techniques",
                                         TECHNIQUE_KEYS, _technique)
    renderer = renderer or NoteRenderer()
    for path in sorted(directory.glob("*.y*ml")):
        if path.name in VOCABULARY_FILES or path.suffix not in (".yml", ".yaml"):
            continue
        file = open_file(path)
        article = _load_article(file, path.stem, corpus, renderer)
        if file.unreadable:
            corpus.unreadable.append(file.display)
        if article is not None:
            corpus.articles[article.slug] = article
    return corpus, problems


# --- vocabularies --------------------------------------------------------------------------

def _load_vocabulary(file: _File, top: str, keys: tuple[str, ...], make) -> dict:
    if not file.path.exists():
        return {}
    root = file.root()
    if root is None or is_null(root):
        return {}
    top_fields = file.mapping(root, f"{file.path.name}", (top,))
    if not top_fields or top not in top_fields:
        if top_fields is not None:
            file.error(line_of(root), f"{file.path.name} needs a top-level '{top}:' mapping")
        return {}
    items = file.mapping(top_fields[top].value, f"'{top}'", _AnyKey(), line=top_fields[top].key_line)
    result = {}
    for name, entry in (items or {}).items():
        fields = file.mapping(entry.value, f"{top[:-1]} '{name}'", keys, line=entry.key_line)
        if fields is None:
            continue
        values = {key: file.text(fields, key, f"{top[:-1]} '{name}'", required=True, line=entry.key_line)
                  for key in keys}
        if all(values.values()):
            result[name] = make(name, values, entry.key_line)
    return result


class _AnyKey(tuple):
    """An 'allowed keys' set that allows every key (vocabulary ids are free)."""

    def __contains__(self, item: object) -> bool:
        return True


def _topic(name: str, values: dict[str, str], line: int) -> Topic:
    return Topic(name, values["title"].strip(), values["description"].strip(), line)


def _technique(name: str, values: dict[str, str], line: int) -> Technique:
    return Technique(name, values["title"].strip(), values["group"].strip(), values["definition"].strip(), line)


# --- article files -------------------------------------------------------------------------

def _load_article(file: _File, slug: str, corpus: Corpus, renderer: NoteRenderer) -> ArticleNotes | None:
    article = ArticleNotes(slug=slug, file=file.display)
    root = file.root()
    if file.unreadable:
        return article  # syntax error reported; keep the article so it is not reported as unknown
    if root is None or is_null(root) and not str(root.value).strip():  # nothing, or only comments
        file.error(1, "the annotation file is empty", hint=EMPTY_FILE_HINT)
        return article
    fields = file.mapping(root, "the file", FILE_KEYS, line=1)
    if fields is None:
        return article
    if "notes" not in fields:
        file.error(line_of(root), "the file has no 'notes:' list", hint="start the file with 'notes:'")
    else:
        article.notes = _load_notes(file, slug, fields["notes"], corpus, renderer)
    if "questions" in fields:
        article.questions = _load_questions(file, fields["questions"])
    if "questions" not in fields:
        file.error(line_of(root), "the article has no discussion questions",
                   hint="add 'questions:' with 3-5 questions a teacher can use as they are")
    elif len(article.questions) < MIN_QUESTIONS and (
            isinstance(fields["questions"].value, yaml.SequenceNode) or is_null(fields["questions"].value)):
        file.error(fields["questions"].key_line, "the article has no discussion questions",
                   hint="write 3-5 questions a teacher can use as they are, each on a line starting with '- '")
    return article


def _load_questions(file: _File, entry: Entry) -> list[str]:
    node = entry.value
    if not isinstance(node, yaml.SequenceNode):
        file.error(entry.key_line, f"'questions' must be a list of questions, found {kind_name(node)}")
        return []
    questions = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or is_null(item) or not str(item.value).strip():
            file.error(line_of(item), "each question must be a line of text")
            continue
        questions.append(str(item.value).strip())
    return questions


def _load_notes(file: _File, slug: str, entry: Entry, corpus: Corpus, renderer: NoteRenderer) -> list[Note]:
    node = entry.value
    if not isinstance(node, yaml.SequenceNode):
        file.error(entry.key_line, f"'notes' must be a list (each note starts with '- id: …'), found {kind_name(node)}")
        return []
    notes: list[Note] = []
    first_line: dict[str, int] = {}
    for item in node.value:
        note_id = _raw_id(item)
        duplicate = note_id is not None and note_id in first_line
        if duplicate:
            file.error(line_of(item), f"duplicate id '{note_id}'", note_id,
                       f"the first note with this id is on line {first_line[note_id]}; ids must be unique in a file")
        elif note_id is not None:
            first_line[note_id] = line_of(item)
        note = _load_note(file, slug, item, corpus, renderer)  # still checked, to report everything
        if note is not None and not duplicate:
            notes.append(note)
    return notes


def _raw_id(node: yaml.Node) -> str | None:
    """The note's id if it has one, read early so that every message can name the note."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((str(v.value) for k, v in node.value
                 if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode)), None)


def _load_note(file: _File, slug: str, node: yaml.Node, corpus: Corpus, renderer: NoteRenderer) -> Note | None:
    line = line_of(node)
    raw_id = _raw_id(node)
    fields = file.mapping(node, "a note", NOTE_KEYS, raw_id, line)
    if fields is None:
        return None
    _remember_names(corpus, fields)
    ok = True
    for key in REQUIRED_NOTE_KEYS:
        if key not in fields or is_null(fields[key].value):
            file.error(fields[key].key_line if key in fields else line, f"the note has no '{key}'", raw_id,
                       _required_hint(key))
            ok = False
    note_id = file.text(fields, "id", "the note", raw_id)
    if note_id is not None and not ID_PATTERN.match(note_id):
        file.error(value_line(fields["id"]), f"the id '{note_id}' is not usable in a link", note_id,
                   "use lower-case letters, digits and hyphens, e.g. 'kiev-regime'")
        ok = False
    kind = file.text(fields, "kind", "the note", note_id)
    if kind is not None and kind not in KINDS:
        file.error(value_line(fields["kind"]), f"unknown kind '{kind}'", note_id,
                   suggest(kind, KINDS) or f"use one of: {known(KINDS)}")
        ok = False
    part = file.text(fields, "part", "the note", note_id) or "article"
    if part not in PARTS:
        file.error(value_line(fields["part"]), f"unknown part '{part}'", note_id,
                   suggest(part, PARTS) or f"use one of: {', '.join(PARTS)}")
        ok = False
    quote = file.text(fields, "quote", "the note", note_id)
    if quote is not None and not quote.strip():
        file.error(value_line(fields["quote"]), "the quote is empty", note_id)
        ok = False
    body = file.text(fields, "note", "the note", note_id)
    body_html = ""
    if body is not None and not body.strip():
        file.error(value_line(fields["note"]), "the note is empty", note_id,
                   "write what the passage does and, for a claim, what the evidence says")
        ok = False
    elif body is not None:
        rendered = renderer.render(body)
        body_html = rendered.html
        for error in rendered.errors:
            message, _, hint = error.partition("; ")
            file.error(value_line(fields["note"]), message, note_id, hint or None)
            ok = False
    topics = _load_topics(file, fields.get("topics"), note_id, corpus)
    technique = file.text(fields, "technique", "the note", note_id)
    if technique is not None and technique not in corpus.techniques:
        hint = suggest(technique, corpus.techniques) or (
            "define it in annotations/techniques.yml" if corpus.techniques
            else "annotations/techniques.yml defines no techniques yet")
        file.error(value_line(fields["technique"]), f"unknown technique '{technique}'", note_id, hint)
        ok = False
    sources = _load_sources(file, fields.get("sources"), note_id)
    if kind == "claim" and sources == []:
        file.error(value_line(fields["sources"]) if "sources" in fields else line,
                   "a claim note needs at least one source", note_id,
                   "add 'sources:' with the title, publisher and date of the evidence the note relies on")
        ok = False
    corrections = _load_corrections(file, fields.get("corrections"), note_id, renderer)
    if not ok or topics is None or sources is None or corrections is None or None in (note_id, kind, quote, body):
        return None
    return Note(
        slug=slug,
        id=note_id,
        kind=kind,
        selector=Selector(quote, file.text(fields, "prefix", "the note", note_id) or "",
                          file.text(fields, "suffix", "the note", note_id) or ""),
        body=body,
        body_html=body_html,
        topics=tuple(topics),
        technique=technique,
        sources=tuple(sources),
        part=part,
        line=line,
        file=file.display,
        corrections=tuple(corrections),
        quote_line=value_line(fields["quote"]),
    )


def _remember_names(corpus: Corpus, fields: dict[str, Entry]) -> None:
    """Note the topics and technique a note names, valid or not, so that a note with some
    other mistake does not also make them look unused."""
    topics = fields.get("topics")
    if topics is not None and isinstance(topics.value, yaml.SequenceNode):
        corpus.named_topics.update(str(item.value) for item in topics.value.value if isinstance(item, yaml.ScalarNode))
    technique = fields.get("technique")
    if technique is not None and isinstance(technique.value, yaml.ScalarNode):
        corpus.named_techniques.add(str(technique.value.value))


def _required_hint(key: str) -> str:
    return {
        "id": "add 'id: short-name' (lower case, digits, hyphens)",
        "kind": f"add 'kind: …', one of {known(KINDS)}",
        "quote": "add 'quote: …' with the passage exactly as the reader sees it",
        "note": "add 'note: |' followed by the note text, indented",
        "topics": "add 'topics: [topic-id]' with ids from annotations/topics.yml",
    }[key]


def _load_topics(file: _File, entry: Entry | None, note_id: str | None, corpus: Corpus) -> list[str] | None:
    if entry is None or is_null(entry.value):
        return None  # already reported as missing
    node = entry.value
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    if items is None or not items:
        file.error(entry.key_line, "'topics' must be a non-empty list of topic ids", note_id,
                   "write e.g. 'topics: [negotiations]'")
        return None
    topics: list[str] = []
    ok = True
    for item in items:
        name = str(item.value) if isinstance(item, yaml.ScalarNode) else None
        if name is None:
            file.error(line_of(item), "each topic must be a topic id", note_id)
            ok = False
        elif name not in corpus.topics:
            hint = suggest(name, corpus.topics) or (
                "define it in annotations/topics.yml" if corpus.topics
                else "annotations/topics.yml defines no topics yet")
            file.error(line_of(item), f"unknown topic '{name}'", note_id, hint)
            ok = False
        elif name not in topics:
            topics.append(name)
    return topics if ok else None


T = TypeVar("T")


def _load_list(file: _File, entry: Entry | None, note_id: str | None, what: str, keys: tuple[str, ...],
               shape: str, read: Callable[[dict[str, Entry], yaml.Node], T | None]) -> list[T] | None:
    """A note's list of records (its sources, its corrections): [] when it has none, None if
    any record is wrong (every mistake reported). ``read`` makes one record from its fields,
    or reports why it cannot and returns None."""
    if entry is None or is_null(entry.value):
        return []
    if not isinstance(entry.value, yaml.SequenceNode):
        file.error(entry.key_line, f"'{what}s' must be a list of {what}s, found {kind_name(entry.value)}",
                   note_id, shape)
        return None
    records: list[T] = []
    ok = True
    for item in entry.value.value:
        fields = file.mapping(item, f"a {what}", keys, note_id)
        record = read(fields, item) if fields is not None else None
        if record is None:
            ok = False
        else:
            records.append(record)
    return records if ok else None


def _load_sources(file: _File, entry: Entry | None, note_id: str | None) -> list[Source] | None:
    def read(fields: dict[str, Entry], item: yaml.Node) -> Source | None:
        ok = True
        title = file.text(fields, "title", "the source", note_id, required=True, line=line_of(item))
        url = file.text(fields, "url", "the source", note_id)
        if url is not None and not URL_PATTERN.match(url.strip()):
            file.error(value_line(fields["url"]), f"the source url '{url}' is not a web address", note_id,
                       "use a full http:// or https:// address, or leave the url out")
            ok = False
        date = file.text(fields, "date", "the source", note_id)
        if date is not None and not is_iso_date(date):
            file.error(value_line(fields["date"]), f"the source date '{date}' is not a date in ISO form", note_id,
                       DATE_HINT)
            ok = False
        if title is None or not ok:
            return None
        return Source(
            title=title.strip(),
            publisher=(file.text(fields, "publisher", "the source", note_id) or "").strip() or None,
            date=(date or "").strip() or None,
            url=url.strip() if url else None,
        )
    return _load_list(file, entry, note_id, "source", SOURCE_KEYS, "each source has a 'title'", read)


_CORRECTION_HINT = ("each correction is '- date: YYYY-MM-DD', 'change: what the note said and says now' "
                    "and 'reason: why'")


def _load_corrections(file: _File, entry: Entry | None, note_id: str | None,
                      renderer: NoteRenderer) -> list[Correction] | None:
    """The note's published corrections, oldest first; None if any is wrong (all reported)."""
    def read(fields: dict[str, Entry], item: yaml.Node) -> Correction | None:
        line = line_of(item)
        date = _correction_date(file, fields, note_id, line)
        texts = {}
        for key in ("change", "reason"):
            text = file.text(fields, key, "the correction", note_id, required=True, line=line)
            if text is not None:
                rendered = renderer.render(text.strip())
                for error in rendered.errors:
                    message, _, hint = error.partition("; ")
                    file.error(fields[key].key_line, message.replace("a note", f"a correction's '{key}'"),
                               note_id, hint or None)
                texts[key] = (text.strip(), rendered.html) if not rendered.errors else None
        if date is None or texts.get("change") is None or texts.get("reason") is None:
            return None
        (change, change_html), (reason, reason_html) = texts["change"], texts["reason"]
        return Correction(date, change, reason, change_html, reason_html, line)
    corrections = _load_list(file, entry, note_id, "correction", CORRECTION_KEYS, _CORRECTION_HINT, read)
    return sorted(corrections, key=lambda c: c.date) if corrections is not None else None


def _correction_date(file: _File, fields: dict[str, Entry], note_id: str | None, line: int) -> str | None:
    """The day of a correction: a real date written YYYY-MM-DD (readers are told the day)."""
    text = file.text(fields, "date", "the correction", note_id, required=True, line=line)
    if text is None:
        return None
    text = text.strip()
    match = ISO_DATE.match(text)
    if not is_iso_date(text) or match is None:
        file.error(fields["date"].key_line, f"the correction date '{text}' is not a date", note_id,
                   "write the day of the correction as YYYY-MM-DD, e.g. 2026-12-01")
        return None
    if match.group("day") is None:
        file.error(fields["date"].key_line, f"the correction date '{text}' has no day", note_id,
                   "write the day of the correction as YYYY-MM-DD, e.g. 2026-12-01")
        return None
    return text
