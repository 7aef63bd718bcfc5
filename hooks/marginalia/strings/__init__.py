"""Every label Marginalia adds to pages, from one table of strings per language.

The tables are YAML files, ``<language>.yml``: the ones shipped beside this module (English,
the reference, and French), and a site's own in ``strings/`` beside its ``mkdocs.yml``, which
add a language or change some labels of a shipped one. The site's language is
``theme.language``, as for Material's own labels. A label is looked up, key by key, in

1. the site's table for the language, then the shipped one (``pt-BR``),
2. the same for the language without its region (``pt``),
3. the site's English table, then the shipped English table,

so a table that lacks a label falls back to English for that label only. A label that is not
in the shipped English table is a mistake: in the code it raises (and fails the tests), in a
site's table it is a problem with its file and line, like a label that drops or invents a
placeholder (see :mod:`.messages` for the syntax).

The build chooses the table once (:func:`load`, :func:`use`); the page-making functions ask
for labels with :func:`text` and :func:`html`, and the browser's scripts get the sections
they need (:data:`BROWSER`) from ``marginalia-strings.js``, served by the build
(:func:`script`); the preview's author mode gets its own section (:data:`PREVIEW`) with each
article page, so a published site never carries it. Words that are not labels stay as they are: the articles, the notes, the
site's own pages, and the command line's messages (English).
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterator, Mapping, Union

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..problems import Problem, suggest
from ..yamlnodes import YamlSyntaxError, compose, line_of
from .messages import MessageError, names, parse, render

SHIPPED = Path(__file__).parent
SITE_FOLDER = "strings"  # a site's own tables, beside mkdocs.yml
SCRIPT = "marginalia-strings.js"  # the browser's labels: this asset, with the table at its end
ENGLISH = "en"
# The sections of the table the browser's scripts use, shipped in marginalia-strings.js, which
# the scripts loaded on demand (practice mode, the class overview) load first. A new script adds
# its section here and in the tables. (marginalia.js, on every page, needs no table: the build
# writes its two labels into the "More" buttons.)
BROWSER = ("kinds", "quote", "practice", "files", "class")
# The sections only the preview uses: the author mode's (``mkdocs serve``). They are not in
# marginalia-strings.js, which a published site serves to every reader: each article page of
# the preview carries them in its author-mode data (authormode.page_data), and the author
# mode's script adds them to the table in the browser (MarginaliaStrings.add).
PREVIEW = ("author",)

Value = Union[str, tuple[str, ...]]


@dataclass(frozen=True)
class Table:
    """One table file, flattened: ``{"practice.check": "Check my work", …}``, with lines."""

    where: str  # the file, as problems name it
    values: dict[str, Value]
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Strings:
    """The labels of one language, English where it has none."""

    language: str
    messages: dict[str, Value]
    own: frozenset[str] | None = None  # the labels its own tables give (None: all of them)

    def text(self, key: str, **values: object) -> str:
        """A label as plain text (escape it for HTML where it goes)."""
        return render(parse(self._message(key)), values, self.plural)

    def html(self, key: str, **values: object) -> str:
        """A label as HTML: its own text escaped, the values put in as they are (HTML)."""
        return render(parse(self._message(key)), values, self.plural, lambda text: escape(text, quote=False))

    def items(self, key: str) -> tuple[str, ...]:
        """A list of labels (a CSV file's column titles, say)."""
        value = self.messages[_known(key)]
        assert isinstance(value, tuple), f"the label '{key}' is a single text, not a list"
        return value

    def quote(self, passage: str) -> str:
        return self.text("quote", text=passage)

    def plural(self, number: object) -> str:
        """The CLDR plural category of a number in this language (one, few, other…)."""
        try:
            return _locale(self.language).plural_form(number)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return "other"

    def day(self, date: dt.date) -> str:
        """A date as a reader writes it: "1 April 2024", "1 avril 2024" (the table's pattern;
        CLDR's usual form for the language when its table has none)."""
        return _date(date, self._pattern("dates.day"), self.language, "yMMMMd")

    def month(self, date: dt.date) -> str:
        return _date(date, self._pattern("dates.month"), self.language, "yMMMM")

    def _pattern(self, key: str) -> str | None:
        return self.text(key) if self.own is None or key in self.own else None

    def browser(self) -> dict:
        """What the browser's scripts get: the language and their sections of the table."""
        return {"lang": self.language, "messages": self.sections(BROWSER)}

    def sections(self, names: tuple[str, ...]) -> dict[str, str | list[str]]:
        """The labels of some sections of the table, as JSON holds them (lists as lists)."""
        return {key: list(value) if isinstance(value, tuple) else value
                for key, value in self.messages.items() if key.split(".")[0] in names}

    def _message(self, key: str) -> str:
        value = self.messages[_known(key)]
        assert isinstance(value, str), f"the label '{key}' is a list: use items()"
        return value


def _known(key: str) -> str:
    if key not in english().messages:
        raise KeyError(f"no label '{key}' in the English table ({SHIPPED / 'en.yml'}): add it there")
    return key


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    """CLDR's data for the language (its plural rules, its months): the region's, else the
    language's, else English's."""
    for code in candidates(language):
        try:
            return Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(ENGLISH)


@lru_cache(maxsize=8192)
def _date(date: dt.date, pattern: str | None, language: str, skeleton: str) -> str:
    if pattern is None:  # the English pattern would be wrong in Spanish ("1 abril 2024")
        return format_skeleton(skeleton, date, locale=_locale(language))
    return format_date(date, pattern, locale=_locale(language))


# --- reading the tables --------------------------------------------------------------------

def read_table(path: Path, where: str | None = None) -> tuple[Table, list[Problem]]:
    """A table file, flattened, and what is wrong with its shape (not with its labels);
    ``where`` names the file in problems."""
    where = where or str(path)
    try:
        root = compose(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as err:
        return Table(where, {}), [Problem(where, err.message, err.line)]
    except (OSError, UnicodeDecodeError) as err:
        return Table(where, {}), [Problem(where, f"cannot be read: {err}")]
    table = Table(where, {}, {})
    problems: list[Problem] = []
    if root is None:
        return table, problems
    if not isinstance(root, yaml.MappingNode):
        return table, [Problem(where, "a strings table is a mapping of labels, like the English one", line_of(root),
                               hint=f"start from a copy of {SHIPPED / 'en.yml'}")]
    for key, node in _leaves(root, ""):
        if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.tag.endswith((":str", ":int", ":float", ":bool")):
            table.values[key] = node.value
        elif isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
            table.values[key] = tuple(str(n.value) for n in node.value)
        elif not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            problems.append(Problem(where, f"the label '{key}' must be text", line_of(node)))
            continue
        table.lines[key] = line_of(node)
    return table, problems


def _leaves(node: yaml.MappingNode, prefix: str) -> Iterator[tuple[str, yaml.Node]]:
    for key, value in node.value:
        name = prefix + str(key.value)
        if isinstance(value, yaml.MappingNode):
            yield from _leaves(value, name + ".")
        else:
            yield name, value


def check_table(table: Table, reference: Mapping[str, Value]) -> dict[str, Problem]:
    """A translation's labels against the English ones: each one known, of the same shape, valid,
    with the same placeholders. Returns the problem of each label that is not."""
    where = table.where
    problems: dict[str, Problem] = {}
    for key, value in table.values.items():
        line = table.lines.get(key)
        if key not in reference:
            hint = suggest(key, reference) or f"the labels are those of {SHIPPED / 'en.yml'}"
            problems[key] = Problem(where, f"unknown label '{key}'", line, hint=hint)
            continue
        english_value = reference[key]
        if isinstance(english_value, tuple) != isinstance(value, tuple):
            shape = "a list" if isinstance(english_value, tuple) else "a single text"
            problems[key] = Problem(where, f"the label '{key}' must be {shape}, as in English", line)
            continue
        if isinstance(value, tuple):
            if len(value) != len(english_value):
                problems[key] = Problem(where, f"the label '{key}' must list {len(english_value)} texts, "
                                       f"as in English, not {len(value)}", line)
            continue
        try:
            used = names(parse(value))
        except MessageError as err:
            problems[key] = Problem(where, f"the label '{key}' cannot be read: {err}", line,
                                   hint="write a value as {name}, and forms as {count, plural, one {…} other {…}}")
            continue
        expected = names(parse(english_value))  # type: ignore[arg-type]
        if used != expected:
            missing, extra = sorted(expected - used), sorted(used - expected)
            what = "; ".join(filter(None, [
                "it lacks " + ", ".join(f"{{{n}}}" for n in missing) if missing else "",
                "it has " + ", ".join(f"{{{n}}}" for n in extra) + ", which Marginalia does not fill in" if extra else ""]))
            english_text = " ".join(str(english_value).split())
            problems[key] = Problem(where, f"the label '{key}' does not keep the placeholders of English: {what}",
                                   line, hint=f"the English label is: {english_text}")
    return problems


@lru_cache(maxsize=1)
def english() -> Strings:
    """The shipped English table: the reference every other table is checked against."""
    table, problems = read_table(SHIPPED / f"{ENGLISH}.yml")
    for key, value in table.values.items():
        if isinstance(value, str):
            parse(value)  # a mistake in the shipped table is a bug: it raises here
    if problems:
        raise ValueError("\n".join(p.format() for p in problems))
    return Strings(ENGLISH, dict(table.values))


def candidates(language: str) -> list[str]:
    """The languages whose tables a site in ``language`` reads, first to last."""
    parts = language.split("-")
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return [*dict.fromkeys([*chain, ENGLISH])]


def load(language: str, site_root: Path | None = None) -> tuple[Strings, list[Problem]]:
    """The labels of a site in ``language``, and every problem with its tables."""
    reference = english().messages
    messages: dict[str, Value] = {}
    problems: list[Problem] = []
    for code in candidates(language):
        places = [(site_root / SITE_FOLDER / f"{code}.yml", f"{SITE_FOLDER}/{code}.yml")] if site_root else []
        for path, where in [*places, (SHIPPED / f"{code}.yml", None)]:
            if not path.is_file() or path == SHIPPED / f"{ENGLISH}.yml":
                continue
            table, found = read_table(path, where)
            wrong = check_table(table, reference)
            problems += [*found, *wrong.values()]
            for key, value in table.values.items():
                if key not in wrong:
                    messages.setdefault(key, value)
    own = frozenset(messages) if language != ENGLISH else None
    for key, value in reference.items():
        messages.setdefault(key, value)
    return Strings(language, messages, own), problems


def available(site_root: Path | None = None) -> list[str]:
    """The languages that have a table (shipped, or the site's own)."""
    folders = [SHIPPED] + ([site_root / SITE_FOLDER] if site_root else [])
    return sorted({path.stem for folder in folders if folder.is_dir() for path in folder.glob("*.yml")})


# --- the labels of the current build ---------------------------------------------------------

_current: Strings | None = None


def use(strings: Strings | None) -> None:
    """Make ``strings`` the labels every page of this build gets (None: English again)."""
    global _current
    _current = strings


def current() -> Strings:
    return _current or english()


@contextmanager
def using(language: str, site_root: Path | None = None) -> Iterator[Strings]:
    """The labels of ``language`` for the code inside the block (for tests and tools)."""
    before = _current
    table, problems = load(language, site_root)
    if problems:
        raise ValueError("\n".join(p.format() for p in problems))
    use(table)
    try:
        yield table
    finally:
        use(before)


def text(key: str, **values: object) -> str:
    return current().text(key, **values)


def html(key: str, **values: object) -> str:
    return current().html(key, **values)


def script(source: str) -> str:
    """``marginalia-strings.js`` as the site serves it: its code, then the current labels."""
    data = json.dumps(current().browser(), ensure_ascii=False, separators=(",", ":"))
    return f"{source.rstrip()}\nwindow.MarginaliaStrings.use({data});\n"
