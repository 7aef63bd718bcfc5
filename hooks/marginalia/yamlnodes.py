"""Read YAML as a node tree, so every value keeps the line it was written on.

PyYAML's ``compose`` gives nodes with positions; its libyaml-backed loader does this about
ten times faster than the pure-Python one, which matters at hundreds of annotation files.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # libyaml is optional in PyYAML; fall back to the pure-Python loader without it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_BREAKS = ("\n", "\x85", "\u2028", "\u2029")  # the line breaks YAML counts
MAX_DEPTH = 64  # far beyond any annotation file; libyaml composes by recursion in C
_OPENERS = ("[", "{", "- ", ": ")


def compose(text: str) -> yaml.Node | None:
    """Parse one YAML document into nodes, or raise YamlSyntaxError with a 1-based line."""
    breaks = sum(text.count(b) for b in _BREAKS)
    last_line = breaks + (0 if text.endswith(_BREAKS) else 1)  # the last line with text on it
    try:
        _check_depth(text)
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "invalid YAML"
        if err.context:
            problem = f"{err.context}, {problem}"
        # libyaml reports an error at the very end of a file on the line after the last one
        return _raise(problem, min(mark.line + 1, max(last_line, 1)) if mark else None)
    except yaml.YAMLError as err:
        return _raise(str(err).splitlines()[0], None)


def _check_depth(text: str) -> None:
    """Refuse absurd nesting before composing it: deep enough, libyaml overflows the C stack.

    Counting is only worth it when the text could nest that deep at all, so ordinary files
    pay a few ``str.count`` calls. The scanner is iterative, so scanning itself is safe.
    """
    if sum(text.count(opener) for opener in _OPENERS) < MAX_DEPTH:
        return
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
                              yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(f"not valid YAML: nested more than {MAX_DEPTH} levels deep",
                                      token.start_mark.line + 1)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)):
            depth -= 1


def _raise(message: str, line: int | None):
    raise YamlSyntaxError(f"not valid YAML: {message}", line)


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def is_null(node: yaml.Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG)


@dataclass(frozen=True)
class Entry:
    """One key of a mapping with the node of its value."""

    key: str
    key_line: int
    value: yaml.Node


def entries(node: yaml.MappingNode) -> list[Entry]:
    return [
        Entry(str(key.value) if isinstance(key, yaml.ScalarNode) else "?", line_of(key), value)
        for key, value in node.value
    ]


def kind_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_null(node):
        return "empty"
    return "a single value"
