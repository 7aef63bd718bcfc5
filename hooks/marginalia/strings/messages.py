"""One message of the strings tables: text with placeholders, plural forms and choices.

The syntax is the common core of ICU MessageFormat, which translation tools know:

* ``{name}``: a value, e.g. ``"Worksheet: {title}"``;
* ``{count, plural, one {# note} other {# notes}}``: a form chosen by the number's plural
  category in the language (CLDR's rules: in French 0 and 1 are ``one``, in English only 1);
  ``=0 {…}`` matches one number exactly; ``#`` in a form is the number;
* ``{kind, select, framing {…} other {…}}``: a form chosen by a word, for languages whose
  wording depends on it (gender, for instance).

Every plural and select has an ``other`` form. Braces are only ever syntax: no label needs a
literal one. ``marginalia-strings.js`` reads the same syntax in the browser, and both are tested
against the same cases (``tests/fixtures/messages.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping, Union

CHOICES = ("plural", "select")


class MessageError(ValueError):
    """A message that does not follow the syntax; ``position`` is where it goes wrong."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Arg:
    name: str


@dataclass(frozen=True)
class Choice:
    name: str
    type: str  # "plural" or "select"
    forms: tuple[tuple[str, tuple], ...]  # (selector, parts) in the order written


class Number:
    """``#`` in a plural form: the number the form was chosen by."""


Part = Union[str, Arg, Choice, Number]


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Part, ...]:
    """The message's parts, or a MessageError."""
    return _parse(text, 0, in_plural=False, nested=False)[0]


def _parse(text: str, i: int, in_plural: bool, nested: bool) -> tuple[tuple[Part, ...], int]:
    parts: list[Part] = []
    literal = ""
    while i < len(text):
        c = text[i]
        if c == "}":
            if not nested:
                raise MessageError("a '}' closes nothing", i)
            break
        if c == "#" and in_plural:
            if literal:
                parts.append(literal)
                literal = ""
            parts.append(Number())
            i += 1
        elif c == "{":
            if literal:
                parts.append(literal)
                literal = ""
            part, i = _argument(text, i + 1)
            parts.append(part)
        else:
            literal += c
            i += 1
    else:
        if nested:
            raise MessageError("a '{' is never closed", len(text))
    if literal:
        parts.append(literal)
    return tuple(parts), i


def _argument(text: str, i: int) -> tuple[Part, int]:
    close = text.find("}", i)
    comma = text.find(",", i, close if close >= 0 else len(text))
    if comma < 0:
        if close < 0:
            raise MessageError("a '{' is never closed", len(text))
        name = text[i:close].strip()
        _check_name(name, i)
        return Arg(name), close + 1
    name = text[i:comma].strip()
    _check_name(name, i)
    second = text.find(",", comma + 1)
    if second < 0:
        raise MessageError(f"'{{{name}, …' needs its forms: {{{name}, plural, one {{…}} other {{…}}}}", comma)
    kind = text[comma + 1:second].strip()
    if kind not in CHOICES:
        raise MessageError(f"'{kind}' is not plural or select", comma + 1)
    forms: list[tuple[str, tuple]] = []
    j = second + 1
    while True:
        while j < len(text) and text[j].isspace():
            j += 1
        if j >= len(text):
            raise MessageError(f"the forms of {{{name}, {kind}, …}} are never closed", j)
        if text[j] == "}":
            j += 1
            break
        brace = text.find("{", j)
        if brace < 0:
            raise MessageError(f"a form of {{{name}, {kind}, …}} has no text in braces", j)
        selector = text[j:brace].strip()
        if not selector or any(c.isspace() or c in "{}" for c in selector):
            raise MessageError(f"a form of {{{name}, {kind}, …}} needs one word before its '{{'", j)
        form, j = _parse(text, brace + 1, in_plural=kind == "plural", nested=True)
        forms.append((selector, form))
        j += 1
    if "other" not in [s for s, _ in forms]:
        raise MessageError(f"{{{name}, {kind}, …}} needs an 'other' form", i)
    return Choice(name, kind, tuple(forms)), j


def _check_name(name: str, position: int) -> None:
    if not name or not all(c.isalnum() or c == "_" for c in name):
        raise MessageError(f"'{{{name}}}' is not a placeholder name (letters, digits and _)", position)


def names(parts: tuple[Part, ...]) -> set[str]:
    """Every placeholder a message uses, inside its forms too."""
    found: set[str] = set()
    for part in parts:
        if isinstance(part, Arg):
            found.add(part.name)
        elif isinstance(part, Choice):
            found.add(part.name)
            for _, form in part.forms:
                found |= names(form)
    return found


def render(parts: tuple[Part, ...], values: Mapping[str, object], plural: Callable[[float], str],
           literal: Callable[[str], str] = str, number: object = None) -> str:
    """The message with its values; ``literal`` transforms the message's own text (to escape
    it for HTML, say), never the values; ``plural`` gives a number's CLDR category."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(literal(part))
        elif isinstance(part, Number):
            out.append(_text(number))
        elif isinstance(part, Arg):
            out.append(_text(_value(values, part.name)))
        else:
            value = _value(values, part.name)
            forms: dict[str, tuple] = {}
            for selector, form in part.forms:  # the first form written for a selector counts
                forms.setdefault(selector, form)
            if part.type == "plural":
                exact = f"={_text(value)}"
                form = forms.get(exact) or forms.get(plural(value)) or forms["other"]  # type: ignore[arg-type]
                out.append(render(form, values, plural, literal, value))
            else:
                out.append(render(forms.get(str(value), forms["other"]), values, plural, literal, number))
    return "".join(out)


def _value(values: Mapping[str, object], name: str) -> object:
    if name not in values:
        raise KeyError(f"the message needs a value for {{{name}}}")
    return values[name]


def _text(value: object) -> str:
    return str(value)
