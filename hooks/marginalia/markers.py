"""Markers a hand-written page may hold, filled in by the build from the site's settings and
content, so that the pages a site ships never go stale when its articles change:

``<!-- marginalia:site-name -->``     the site's name (``site_name``)
``<!-- marginalia:introduction -->``  the home page's introduction (``extra.marginalia.introduction``)
``<!-- marginalia:worksheets -->``    every annotated article, with its worksheet and answer key
``<!-- marginalia:if-articles SLUG… -->`` … [``<!-- marginalia:else -->`` …] ``<!-- marginalia:end -->``
    the first part only when every named article is in the site with its notes, else the
    part after ``else`` (if any): a page can say things about particular articles, with
    links to them, and still build when a fork has removed them.

Each marker stands on a line of its own (the site name may also end a heading line), so that a
page can quote a marker in its text without it being filled in. (The article list and the
legend are :mod:`.pages`' markers.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .pages import ArticleInfo, fill_marker, link_to
from .problems import Problem
from .settings import SiteSettings
from .strings import text as t

SITE_NAME = "<!-- marginalia:site-name -->"
INTRODUCTION = "<!-- marginalia:introduction -->"
WORKSHEETS = "<!-- marginalia:worksheets -->"
_CONDITION = re.compile(r"^[ \t]*<!-- marginalia:(if-articles\s+[^>\n]*?|else|end)\s*-->[ \t]*$", re.M)


@dataclass(frozen=True)
class Sheet:
    info: ArticleInfo
    worksheet: str  # site paths of the two documents
    answer_key: str


def expand(markdown: str, src_uri: str, settings: SiteSettings, annotated: set[str],
           sheets: Iterable[Sheet]) -> tuple[str, list[Problem]]:
    """The page's Markdown with its markers filled in, and any problem with them."""
    markdown, problems = _conditions(markdown, src_uri, annotated)
    if SITE_NAME in markdown:  # the one marker that may stand inside a line: "# <!-- marginalia:site-name -->"
        markdown = re.sub(rf"^(#+[ \t]+)?{re.escape(SITE_NAME)}[ \t]*$",
                          lambda m: (m.group(1) or "") + _text(settings.name), markdown, flags=re.M)
    markdown = fill_marker(markdown, INTRODUCTION, lambda: settings.introduction)
    return fill_marker(markdown, WORKSHEETS, lambda: worksheets_table(list(sheets), src_uri)), problems


def worksheets_table(sheets: list[Sheet], from_uri: str) -> str:
    if not sheets:
        return t("worksheets.none")
    worksheet, key = _text(t("worksheets.worksheet")), _text(t("worksheets.answer_key"))
    rows = [f"| [{_text(s.info.title)}]({link_to(s.info.src_uri, from_uri)}) | {_text(s.info.byline()) or '–'} | "
            f"[{worksheet}]({link_to(s.worksheet, from_uri)}) | [{key}]({link_to(s.answer_key, from_uri)}) |"
            for s in sorted(sheets, key=lambda s: s.info.title.lower())]
    header = [_text(t("worksheets.table_article")), _text(t("worksheets.table_byline")), worksheet, key]
    return "\n".join(["| " + " | ".join(header) + " |", "|---|---|---|---|", *rows])


def _conditions(markdown: str, src_uri: str, annotated: set[str]) -> tuple[str, list[Problem]]:
    if "<!-- marginalia:" not in markdown:
        return markdown, []
    out: list[str] = []
    stack: list[tuple[bool, bool, int]] = []  # (condition, in the else part, line) per open block
    problems: list[Problem] = []
    position = 0

    def shown() -> bool:
        return all(cond != in_else for cond, in_else, _ in stack)

    for match in _CONDITION.finditer(markdown):
        if shown():
            out.append(markdown[position:match.start()])
        position = match.end()
        line = markdown.count("\n", 0, match.start()) + 1
        word = match.group(1).split()[0]
        if word == "if-articles":
            slugs = match.group(1).split()[1:]
            stack.append((bool(slugs) and all(s in annotated for s in slugs), False, line))
        elif not stack:
            problems.append(Problem(f"docs/{src_uri}", f"<!-- marginalia:{word} --> without an "
                                    "<!-- marginalia:if-articles … --> before it", line))
        elif word == "else":
            cond, _, opened = stack.pop()
            stack.append((cond, True, opened))
        else:
            stack.pop()
    if shown():
        out.append(markdown[position:])
    for _, _, line in stack:
        problems.append(Problem(f"docs/{src_uri}", "<!-- marginalia:if-articles … --> is never closed", line,
                                hint="end the part with <!-- marginalia:end -->"))
    return "".join(out), problems


def _text(text: str) -> str:
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text
