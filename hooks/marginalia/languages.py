"""Language tags: the language an article is written in, when it is not the site's.

An article's page file may say ``language: ru`` in its front matter (the importer records the
language a web page declares, or the one given with ``--language``). When it differs from the
site's (``theme.language``), the article's text elements get ``lang="ru"``, so that a screen
reader pronounces them as Russian, a browser hyphenates them as Russian and a translation tool
knows what it is translating; the labels around them stay in the site's language.

Tags are BCP 47 as HTML writes them (``fr``, ``pt-BR``, ``zh-Hant``), written the usual way:
language in lower case, script in title case, region in upper case.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
HINT = "write a language code such as en, fr, ru, uk, pt-BR or zh-Hant"


def tag(value: object) -> str | None:
    """``value`` as a language tag in its usual case ("en_gb" -> "en-GB"), or None if it is not one."""
    text = str(value or "").strip().replace("_", "-")
    if not _TAG.fullmatch(text):
        return None
    first, *rest = text.split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())  # a script: Hant, Cyrl
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            parts.append(part.upper())  # a region: BR, 419
        else:
            parts.append(part.lower())
    return "-".join(parts)


def attribute(article: object, site: str) -> str:
    """`` lang="…"`` for an element of an article in ``article``'s language on a site in ``site``'s
    (nothing when they are the same, or the article does not say)."""
    language = tag(article)
    if not language or language.lower() == site.lower():
        return ""
    return f' lang="{language}"'
