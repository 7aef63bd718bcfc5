"""An article's slug: the name of its files (``docs/articles/<slug>.md``, ``annotations/<slug>.yml``)
and the last part of its address.

Made from the title. Latin letters lose their accents (``Café`` → ``cafe``); other scripts are
kept as they are (``Мирные переговоры`` → ``мирные-переговоры``), since a browser shows them in
the address bar and every tool here reads them. Some names are taken by the site's own pages.
"""

from __future__ import annotations

import re
import unicodedata

RESERVED = frozenset({"index", "by-outlet", "by-date", "by-topic"})  # pages in docs/articles/ that are not articles
MAX_LENGTH = 60
VALID = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")


def _plain_letter(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if base.isascii() else unicodedata.normalize("NFC", char)


def slugify(title: str) -> str:
    text = "".join(_plain_letter(c) for c in unicodedata.normalize("NFC", title)).lower()
    text = re.sub(r"['’ʼ]", "", text)
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[:MAX_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MAX_LENGTH // 2:] else cut
    return slug.strip("-")


def check_slug(slug: str) -> str | None:
    """What is wrong with a slug someone chose, or None."""
    if not VALID.match(slug):
        return (f"the slug {slug!r} is not a file name that works in an address: use letters, digits and "
                "hyphens, e.g. --slug harbour-flood-wall")
    if slug in RESERVED:
        return f"the slug {slug!r} is the name of one of the site's own pages; choose another with --slug"
    return None
