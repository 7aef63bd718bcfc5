"""``marginalia merge``: add notes from a downloaded or pasted file to ``annotations/<slug>.yml``.

The file of notes is what the author mode downloads, or any YAML an author pastes: either
``notes:`` with a list of notes (optionally ``article: <slug>`` and ``questions:``), or the
bare list. The annotation file is edited round-trip (ruamel.yaml), so its comments, order,
quoting and layout stay as they were: new notes go at the end, in the file's own indentation,
separated as its notes are. A note whose id the file has already is an error, unless
``--replace`` is given, when it takes the old note's place.

Nothing is written unless the merged file passes the build's own checks (the notes load,
every quote anchors in its article: :func:`marginalia.commands.check.check_site` on a copy),
and then it is written in one step (a new file moved over the old).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from ..problems import Problem, Problems
from ..schema import modeline

DESCRIPTION = ("Merge a file of notes (downloaded from the author mode, or pasted) into "
               "annotations/<slug>.yml, keeping the file's comments, order and style.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notes", help="the file of notes, or - to read them from standard input")
    parser.add_argument("--article", metavar="SLUG",
                        help="the article the notes belong to (default: the file's 'article:' key)")
    parser.add_argument("--replace", action="store_true",
                        help="a note whose id the annotation file has already replaces it")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's MkDocs configuration (default: mkdocs.yml)")


class MergeError(Exception):
    """Problems that stop the merge before anything is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class Merged:
    text: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    questions: int = 0


def run(args: argparse.Namespace) -> int:
    name = "<stdin>" if args.notes == "-" else args.notes
    try:
        incoming = sys.stdin.read() if args.notes == "-" else Path(args.notes).read_text(encoding="utf-8")
        if not args.config_file.is_file():
            raise MergeError([Problem(str(args.config_file), "not found",
                                      hint="run it in the site's folder or pass --config-file")])
        root = args.config_file.resolve().parent
        slug = args.article or article_of(incoming, name)
        target = root / "annotations" / f"{slug}.yml"
        merged = merge_text(target.read_text(encoding="utf-8") if target.exists() else None, incoming,
                            name, replace=args.replace, new_file=target.name)
        verify(args.config_file, root / "annotations", target.name, merged.text)
        write_atomically(target, merged.text)
    except (OSError, UnicodeDecodeError) as err:
        print(f"marginalia merge: error: {err}", file=sys.stderr)
        return 1
    except MergeError as err:
        print(Problems(err.problems).report().replace("in the annotations", "merging the notes")
              + "\nmarginalia merge: nothing was written", file=sys.stderr)
        return 1
    parts = [f"{len(merged.added)} added"] + ([f"{len(merged.replaced)} replaced"] if merged.replaced else [])
    questions = f", {merged.questions} questions added" if merged.questions else ""
    print(f"annotations/{target.name}: {', '.join(parts)}{questions}; every quote anchors")
    return 0


# --- reading -------------------------------------------------------------------------------

def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an author's long lines
    return yaml


def _load(text: str, name: str):
    try:
        return _yaml().load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise MergeError([Problem(name, f"not valid YAML: {getattr(err, 'problem', None) or err}",
                                  mark.line + 1 if mark else None)]) from err


def article_of(incoming: str, name: str) -> str:
    data = _load(incoming, name)
    slug = data.get("article") if isinstance(data, CommentedMap) else None
    if not slug:
        raise MergeError([Problem(name, "the file does not say which article its notes belong to",
                                  hint="pass --article SLUG (the article's file name in docs/articles/)")])
    return str(slug)


def _incoming_notes(data, name: str) -> tuple[CommentedSeq, list]:
    """The notes and the questions of the file to merge, checked for what a merge relies on."""
    if isinstance(data, CommentedMap):
        unknown = [key for key in data if key not in ("article", "notes", "questions")]
        if unknown:
            raise MergeError([Problem(name, f"unknown key '{unknown[0]}' in the file of notes",
                                      data.lc.key(unknown[0])[0] + 1,
                                      hint="a file of notes has 'notes:' and, optionally, 'article:' and 'questions:'")])
        notes, questions = data.get("notes") or CommentedSeq(), data.get("questions") or []
    elif isinstance(data, CommentedSeq):
        notes, questions = data, []
    else:
        raise MergeError([Problem(name, "the file holds no notes",
                                  hint="it should start with 'notes:' followed by '- id: …' items")])
    if not isinstance(notes, CommentedSeq):
        raise MergeError([Problem(name, "'notes' must be a list of notes")])
    problems, first = [], {}
    for index, note in enumerate(notes):
        line = notes.lc.item(index)[0] + 1
        note_id = str(note.get("id")) if isinstance(note, CommentedMap) and note.get("id") is not None else None
        if note_id is None:
            problems.append(Problem(name, "a note without an 'id'", line, hint="add 'id: short-name' to it"))
        elif note_id in first:
            problems.append(Problem(name, f"duplicate id '{note_id}'", line, note_id,
                                    f"the first note with this id is on line {first[note_id]}; ids must be unique"))
        else:
            first[note_id] = line
    if problems:
        raise MergeError(problems)
    return notes, list(questions)


# --- merging -------------------------------------------------------------------------------

def merge_text(current: str | None, incoming: str, name: str = "notes", replace: bool = False,
               new_file: str = "article.yml") -> Merged:
    """The annotation file ``current`` (None if it does not exist yet) with the notes added."""
    notes, questions = _incoming_notes(_load(incoming, name), name)
    yaml = _yaml()
    if current is None:
        document = CommentedMap()
        document.yaml_set_start_comment(modeline(new_file).removeprefix("# "))
        yaml.indent(mapping=2, sequence=4, offset=2)
    else:
        _, sequence, offset = load_yaml_guess_indent(current)
        yaml.indent(mapping=max(2, sequence - (offset or 0)), sequence=sequence, offset=offset or 0)
        document = _load(current, f"annotations/{new_file}")
        if document is None:
            document = CommentedMap()
        if not isinstance(document, CommentedMap):
            raise MergeError([Problem(f"annotations/{new_file}", "the annotation file is not a mapping of keys",
                                      hint="fix it first: marginalia check says what is wrong")])
    merged = Merged("")
    existing = document.get("questions")
    if questions:
        if not isinstance(existing, CommentedSeq):
            existing = document["questions"] = CommentedSeq()
            if "notes" in document:  # questions come first, as in every annotation file
                document.move_to_end("notes")
        for question in questions:
            if question not in existing:
                existing.append(question)
                merged.questions += 1
    target = document.get("notes")
    if not isinstance(target, CommentedSeq):
        target = document["notes"] = CommentedSeq()
    spaced = _spaced(current or "", target)
    where = {str(note.get("id")): index for index, note in enumerate(target) if isinstance(note, CommentedMap)}
    clashes = [Problem(name, f"note '{nid}' exists already in annotations/{new_file} "
                             f"(line {target.lc.item(where[nid])[0] + 1})", notes.lc.item(i)[0] + 1, nid,
                       "pass --replace to replace it, or give the new note another id")
               for i, note in enumerate(notes) if (nid := str(note.get("id"))) in where]
    if clashes and not replace:
        raise MergeError(clashes)
    for note in notes:
        note_id = str(note.get("id"))
        _pop_space(note)  # the file's own spacing goes between notes, not the download's
        if note_id in where:
            index = where[note_id]
            space = _pop_space(target[index])
            note = _keep_unchanged(target[index], note)
            if space is not None:
                _put_space(note, space)
            target[index] = note
            merged.replaced.append(note_id)
        else:
            target.append(note)
            if spaced and len(target) > 1:
                target.ca.items[len(target) - 1] = [None, [CommentToken("\n", CommentMark(0), None)], None, None]
            merged.added.append(note_id)
    out = io.StringIO()
    yaml.dump(document, out)
    merged.text = out.getvalue()
    return merged


def _spaced(text: str, notes: CommentedSeq) -> bool:
    """Whether the file separates its notes with a blank line (as the samples do)."""
    if len(notes) < 2:
        return True
    line = notes.lc.item(1)[0]
    lines = text.splitlines()
    return line > 0 and not lines[line - 1].strip()


def _keep_unchanged(old, new):
    """``new``, with each value that equals the old note's taken from the old note, so that an
    edited note keeps the quoting, layout and comments of what did not change."""
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        if old == new:
            return old
        for key in list(new):
            if key in old:
                new[key] = _keep_unchanged(old[key], new[key])
        return new
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        if old == new:
            return old
        for index in range(min(len(old), len(new))):
            new[index] = _keep_unchanged(old[index], new[index])
        return new
    return old if type(old) is type(new) and old == new or (isinstance(old, str) and isinstance(new, str)
                                                            and str(old) == str(new)) else new


def _last_value(node):
    """(container, key) of the last scalar of a note, as deep as block collections go: where
    ruamel keeps the blank lines that follow the note."""
    while True:
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        value = node[key]
        if not isinstance(value, (CommentedMap, CommentedSeq)) or not value or value.fa.flow_style():
            return node, key
        node = value


def _pop_space(note):
    """Take away the blank lines after a note, and return them (None if there are none)."""
    if not isinstance(note, CommentedMap) or not note:
        return None
    container, key = _last_value(note)
    entry = container.ca.items.get(key)
    for position, token in enumerate(entry or []):
        if isinstance(token, CommentToken) and not token.value.strip():
            entry[position] = None
            return token
    return None


def _put_space(note: CommentedMap, token: CommentToken) -> None:
    """Put blank lines taken from a note after the (new) last value of ``note``."""
    container, key = _last_value(note)
    is_map = isinstance(container, CommentedMap)
    entry = container.ca.items.setdefault(key, [None, None, None, None] if is_map else [None, None])
    entry[2 if is_map else 0] = token


# --- checking and writing --------------------------------------------------------------------

def verify(config_file: Path, annotations: Path, file_name: str, text: str) -> None:
    """Raise MergeError unless the merged file passes the build's checks (on a copy)."""
    from .check import check_site

    with tempfile.TemporaryDirectory(prefix="marginalia-merge-") as tmp:
        copy = Path(tmp) / "annotations"
        if annotations.is_dir():
            shutil.copytree(annotations, copy)
        else:
            copy.mkdir()
        (copy / file_name).write_text(text, encoding="utf-8")
        checked = check_site(config_file, copy)
    mine = [p for p in checked.problems.errors if p.file == f"annotations/{file_name}"]
    if mine:
        raise MergeError(mine)


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` in one step: a reader sees the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
