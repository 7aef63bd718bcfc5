"""YAML syntax errors in plain words, for the mistakes hand-written annotation files make.

libyaml says *where* it gave up ("while scanning a plain scalar, found a tab character that
violates indentation"), which is rarely where the author went wrong or what to do about it.
:func:`explain` looks at the text around that place for the common causes, in this order:

* a line indented with a tab (YAML indents with spaces only);
* a quote mark that is never closed (libyaml stops at the end of the file, far below it);
* a value that contains ``: `` or starts with a character YAML reserves (``- * & ! [ {``...),
  which needs quotes; the hint is the line rewritten with them;
* a key that does not line up with the keys of its note or source.

Anything else keeps libyaml's words with a general hint. Every explanation names the id of
the nearest note above the place, so the author knows which note to look at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

GENERAL_HINT = "check indentation and quote any text that contains ': ' or starts with a symbol"

_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([^'\"#\s]+)")
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*?))?\s*$")
_RESERVED_START = "-*&![{>|%@`?,]}"
_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


@dataclass(frozen=True)
class Explained:
    line: int | None
    message: str
    hint: str
    note_id: str | None


def explain(text: str, problem: str, line: int | None, context_line: int | None = None) -> Explained:
    """The author's view of a syntax error that libyaml reported at ``line`` (1-based)."""
    lines = _LINE_BREAKS.split(text)  # YAML's own line breaks (str.splitlines knows more)
    if "nested more than" in problem:  # already the project's own words
        return Explained(line, f"not valid YAML: {problem}", GENERAL_HINT, nearest_note_id(lines, line))
    for check in (_tab, _unclosed_quote, _needs_quotes, _misaligned):
        found = check(lines, problem, line, context_line)
        if found is not None:
            at, message, hint = found
            return Explained(at, f"not valid YAML: {message}", hint, nearest_note_id(lines, at))
    return Explained(line, f"not valid YAML: {problem}", GENERAL_HINT, nearest_note_id(lines, line))


def nearest_note_id(lines: list[str], line: int | None) -> str | None:
    """The id of the last note that starts at or above ``line``, if there is one."""
    if line is None:
        return None
    for text in reversed(lines[:line]):
        match = _ID_LINE.match(text)
        if match:
            return match.group(1)
    return None


def _tab(lines, problem, line, context_line):
    limit = len(lines) if line is None else min(line, len(lines))
    for number, text in enumerate(lines[:limit], 1):
        indent = text[:len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent:
            return (number, f"line {number} is indented with a tab; YAML indents with spaces only",
                    f"replace the tab at the start of line {number} with spaces, lined up with the "
                    "line above (most editors can 'convert indentation to spaces')")
    if "tab" in problem and line is not None and line <= len(lines) and "\t" in lines[line - 1]:
        return (line, f"line {line} has a tab where YAML expects spaces",
                f"replace the tab on line {line} with spaces")
    return None


def _unclosed_quote(lines, problem, line, context_line):
    if "quoted scalar" not in problem or context_line is None:
        return None
    opened = lines[context_line - 1] if context_line <= len(lines) else ""
    mark = next((c for c in opened.split(":", 1)[-1].lstrip(" -") if c in "\"'"), '"')
    return (context_line, f"the text in quotes that starts on line {context_line} is never closed",
            f"end it with {mark} on the same line; a {mark} inside the text must be "
            + ("written \\\"" if mark == '"' else "doubled ('')")
            + ", or put the whole text in the other kind of quotes")


def _needs_quotes(lines, problem, line, context_line):
    if "flow" in problem and context_line is not None:  # e.g. 'quote: [the plan' read as a list
        line = context_line
    if line is None or line > len(lines):
        return None
    match = _KEY_LINE.match(lines[line - 1])
    if not match or not match.group("value"):
        return None
    value, key = match.group("value"), match.group("key")
    if value[0] in "\"'" and value.count(value[0]) >= 2 and not value.endswith(value[0]):
        why = f"the text after '{key}:' starts in quotes but goes on after they close"
    elif ": " in value or value.endswith(":"):
        why = f"the text after '{key}:' contains ': ', which YAML reads as the start of another key"
    elif value[0] in _RESERVED_START or " #" in value:
        why = (f"the text after '{key}:' starts with '{value[0]}', which YAML reserves" if value[0] in _RESERVED_START
               else f"the text after '{key}:' contains ' #', which YAML reads as the start of a comment")
    else:
        return None
    quoted = json.dumps(value, ensure_ascii=False)  # a double-quoted YAML scalar is JSON-compatible
    fixed = f"{match.group('indent')}{match.group('dash') or ''}{key}: {quoted}"
    return line, why, f"put the text in quotes:\n{fixed.strip()}"


def _misaligned(lines, problem, line, context_line):
    if line is None or line > len(lines) or not re.search(r"did not find expected|not allowed in this context", problem):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    if not here:
        return None
    column = len(here.group("indent")) + len(here.group("dash") or "")
    for number in range(line - 1, 0, -1):
        above = _KEY_LINE.match(lines[number - 1])
        if not above:
            continue
        expected = len(above.group("indent")) + len(above.group("dash") or "")
        if expected != column:
            return (line, f"'{here.group('key')}' on line {line} is not lined up with the keys above it",
                    f"the keys of one note (or one source) start in the same column: '{above.group('key')}' "
                    f"on line {number} starts at column {expected + 1}, '{here.group('key')}' at column {column + 1}")
        return None
    return None
