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
    def __init__(self, message: str, line: int | None, problem: str = "",
                 context_line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.problem = problem or message  # libyaml's words, without our prefix
        self.context_line = context_line  # where the construct it was reading began


_BREAKS = ("\n", "\x85", "\u2028", "\u2029")  # the line breaks YAML counts
MAX_DEPTH = 64  # far beyond any annotation file; libyaml composes by recursion in C
# Below this many openers a text cannot nest deep enough to overflow libyaml's composer (it
# takes tens of thousands of levels), so it is composed before its depth is checked. The
# pure-Python composer recurses in Python, so with it every deep-looking text is scanned first.
SAFE_TO_COMPOSE = 2000 if _Loader is not getattr(yaml, "SafeLoader", None) else MAX_DEPTH
_OPENERS = ("[", "{", "- ", ": ")
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"
# libyaml 0.2.5 and PyYAML 6.0.4 stop at 1,000 levels themselves, in the scanner, with this
# wording; whichever layer stops first, the author reads the project's message.
_NESTING_LIMIT = "maximum nesting depth"


def compose(text: str) -> yaml.Node | None:
    """Parse one YAML document into nodes, or raise YamlSyntaxError with a 1-based line."""
    breaks = sum(text.count(b) for b in _BREAKS)
    last_line = breaks + (0 if text.endswith(_BREAKS) else 1)  # the last line with text on it
    try:
        openers = sum(text.count(opener) for opener in _OPENERS)  # at least the nesting depth
        if openers >= SAFE_TO_COMPOSE:
            _check_depth(text)  # refuse absurd nesting before libyaml recurses into it
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            if openers >= MAX_DEPTH:
                _check_depth(text)  # the nesting, if too deep, is reported as before
            raise
        if openers >= MAX_DEPTH and node is not None and _node_depth(node) > MAX_DEPTH:
            _check_depth(text)  # nodes nest at least as deep as the scanner's tokens: let it decide
        return node
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "invalid YAML"
        if _NESTING_LIMIT in problem:  # libyaml's own limit, met before ours in some versions
            problem = _TOO_DEEP
        elif err.context:
            problem = f"{err.context}, {problem}"
        # libyaml reports an error at the very end of a file on the line after the last one
        context = min(err.context_mark.line + 1, max(last_line, 1)) if err.context_mark and err.context else None
        return _raise(problem, min(mark.line + 1, max(last_line, 1)) if mark else None, context)
    except yaml.YAMLError as err:
        return _raise(str(err).splitlines()[0], None)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, counted on the scanner's tokens, with its line.

    Deep enough, libyaml's composer overflows the C stack, so a text that could nest that
    deep is scanned before it is composed (the scanner is iterative, so scanning is safe).
    Other texts are composed first and only scanned when their nodes nest too deep: the
    tokens are many more than the nodes, and scanning every file doubled the time to read it.
    """
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
                              yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)):
            depth += 1
            if depth > MAX_DEPTH:
                _raise(_TOO_DEEP, token.start_mark.line + 1)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)):
            depth -= 1


def _node_depth(root: yaml.Node) -> int:
    """How deep collections nest in a composed document (a scalar alone is depth 0)."""
    deepest = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode) or id(node) in seen:  # aliases point back
            continue
        seen.add(id(node))
        depth += 1
        deepest = max(deepest, depth)
        if isinstance(node, yaml.MappingNode):
            stack.extend((part, depth) for pair in node.value for part in pair)
        else:
            stack.extend((child, depth) for child in node.value)
    return deepest


def _raise(message: str, line: int | None, context_line: int | None = None):
    raise YamlSyntaxError(f"not valid YAML: {message}", line, message, context_line)


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
