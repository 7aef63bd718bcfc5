"""Problems found in the annotations, collected so that one build reports all of them.

Every check appends a :class:`Problem` instead of raising, so an author fixing a file sees
every mistake at once; the build adapter turns a non-empty list into one error message.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as we know: file, line, note id."""

    file: str
    message: str
    line: int | None = None
    note_id: str | None = None
    hint: str | None = None
    warning: bool = False  # warnings do not stop a plain build, but do stop `--strict`

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        who = f" note '{self.note_id}':" if self.note_id else ""
        text = f"{where}:{who} {self.message}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text


@dataclass
class Problems:
    """An ordered collection of problems from every stage of one build."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self) -> str:
        """All errors, sorted by file and line, under a count a reader can trust."""
        errors = sorted(self.errors, key=lambda p: (p.file, p.line or 0))
        noun = "problem" if len(errors) == 1 else "problems"
        body = "\n".join(p.format() for p in errors)
        return f"Marginalia found {len(errors)} {noun} in the annotations:\n{body}"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest known name, phrased as a hint, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def known(choices: Iterable[str]) -> str:
    return ", ".join(sorted(choices))
