"""The site's identity, in one documented place: the block at the top of ``mkdocs.yml``.

=====================  ==========================================================
what                   setting in mkdocs.yml
=====================  ==========================================================
name                   ``site_name``: the header, the browser tab, the worksheets
description            ``site_description``: what search engines and shared links show
home-page introduction ``extra.marginalia.introduction``: Markdown, on the home page
footer line            ``copyright``: at the foot of every page
repository link        ``repo_url``: the link in the header (the publish workflow sets it)
language               ``theme.language``: the pages' language, Material's and Marginalia's labels
=====================  ==========================================================

MkDocs checks its own settings: a misspelt name (``site_nme``) stops a strict build, and the
hook adds the nearest known name as a hint (:func:`unknown_setting_hint`). This module checks
the rest: every key under ``extra.marginalia``, and that the language is one the theme has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from .problems import Problem, suggest

KEYS = {  # extra.marginalia: name -> what it is
    "introduction": "the home page's opening text, in Markdown",
}
SECTION = "extra.marginalia"
_UNRECOGNISED = re.compile(r"Unrecognised configuration name: (\S+)")


@dataclass(frozen=True)
class SiteSettings:
    name: str
    introduction: str = ""
    language: str = "en"


def _line_of(key: str, config_text: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*:", config_text, re.M)
    return config_text.count("\n", 0, match.start()) + 1 if match else None


def read(site_name: str, extra: Mapping[str, object] | None, language: str, known_languages: Iterable[str],
         config_file: str = "mkdocs.yml", config_text: str = "") -> tuple[SiteSettings, list[Problem]]:
    """The settings, and every problem with them (all at once)."""
    problems: list[Problem] = []
    section = (extra or {}).get("marginalia") or {}
    if not isinstance(section, Mapping):
        problems.append(Problem(config_file, f"{SECTION} must be a mapping of settings, e.g. introduction: …",
                                _line_of("marginalia", config_text)))
        section = {}
    for key in section:
        if key not in KEYS:
            hint = suggest(str(key), KEYS) or "the settings are: " + ", ".join(f"{k} ({v})" for k, v in KEYS.items())
            problems.append(Problem(config_file, f"unknown setting {SECTION}.{key}", _line_of(str(key), config_text),
                                    hint=hint))
    introduction = section.get("introduction") or ""
    if not isinstance(introduction, str):
        problems.append(Problem(config_file, f"{SECTION}.introduction must be text (Markdown)",
                                _line_of("introduction", config_text)))
        introduction = ""
    known = set(known_languages)
    if known and language not in known:
        hint = suggest(language, known) or "for example en, fr, de, es, ru, uk, ja, zh"
        problems.append(Problem(config_file, f"theme.language '{language}' is not a language the theme has",
                                _line_of("language", config_text), hint=hint))
    if not str(site_name or "").strip():
        problems.append(Problem(config_file, "site_name is empty: give the site a name", _line_of("site_name", config_text)))
    return SiteSettings(str(site_name or "").strip(), introduction.strip(), language), problems


def unknown_setting_hint(message: str, known: Iterable[str]) -> str | None:
    """For MkDocs' "Unrecognised configuration name: X": the nearest known name, as a hint."""
    match = _UNRECOGNISED.search(message)
    if not match:
        return None
    return suggest(match.group(1), known) or "see the settings at the top of mkdocs.yml"
