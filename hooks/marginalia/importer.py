"""Turn a raw article file into ``docs/articles/<slug>.md``.

Two raw formats exist, and both are kept exactly as received under ``sources/``:

* **tagged**: ``<TITLE>``, ``<AUTHOR>``, ``<PUBLISHED_DATE>``, ``<URL>``, ``<SUMMARY>``,
  ``<HIGHLIGHTS>`` and ``<CONTENT>`` sections.  The content is plain text, so every
  character that Markdown would read as markup is escaped; the summary and highlights were
  not written by the author and go to front matter, to be shown apart from the article.
* **dump**: a plain-text dump whose first line is the title, followed by a ``By [Author](…)``
  byline and an ``Outlet, Month DD, YYYY`` line; the rest is Markdown-ish text with links.
  It is kept as Markdown, except for lines that Markdown would turn into structure the
  author did not write (a lone ``*`` would become an empty bullet list).

The body is never reworded, shortened or cleaned: the only changes are Markdown escapes
and leading/trailing spaces on lines, which a reader cannot see.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TAGGED_SECTIONS = ("TITLE", "AUTHOR", "PUBLISHED_DATE", "URL", "SUMMARY", "HIGHLIGHTS", "CONTENT")
REQUIRED_TAGGED = ("TITLE", "CONTENT")


class ImportError_(Exception):
    """A raw file that cannot be imported; the message says what to fix."""


@dataclass
class Article:
    """An imported article: provenance, verbatim body and any text the author did not write."""

    title: str
    author: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    source_file: str
    source_format: str
    body: str
    supplied: dict[str, str] = field(default_factory=dict)

    def front_matter(self) -> dict:
        """Provenance in the order a reader would ask for it."""
        meta: dict = {
            "title": self.title,
            "author": self.author,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "source_file": self.source_file,
            "source_format": self.source_format,
        }
        if self.supplied:
            meta["supplied"] = self.supplied
        return meta

    def to_markdown(self) -> str:
        front = yaml.dump(
            self.front_matter(), Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=100
        )
        return f"---\n{front}---\n\n{self.body.rstrip()}\n"


def read_text(path: Path) -> str:
    """Read UTF-8 text, refusing anything else with a message that names the byte."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ImportError_(
            f"{path}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); "
            "convert the file to UTF-8 first, e.g. with iconv"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text: str) -> str:
    return "tagged" if re.search(r"^\s*<(TITLE|CONTENT)>", text, re.M) else "dump"


class _FrontMatterDumper(yaml.SafeDumper):
    """Writes multi-line text as a literal block, so supplied text stays readable and exact."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_FrontMatterDumper.add_representer(str, _represent_str)


# --- Markdown escaping -------------------------------------------------------------------

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]>])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START_HAZARD = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d+[.)](?=\s|$)|=+\s*$|-+\s*$|>)")


def escape_plain_line(line: str) -> str:
    """Escape one line of plain text so that Markdown shows it exactly as written."""
    line = _INLINE_SPECIALS.sub(r"\\\1", line)
    # "<" cannot be backslash-escaped in Python-Markdown, and "&copy;" would become "©"
    line = _ENTITY_LIKE.sub("&amp;", line).replace("<", "&lt;")
    match = _LINE_START_HAZARD.match(line)
    if match:
        token = match.group(0)
        if token[0].isdigit():  # "1. " would start a list: escape the dot or paren
            line = token[:-1] + "\\" + token[-1] + line[len(token):]
        else:
            line = "\\" + line
    return line


def plain_text_to_markdown(text: str) -> str:
    """Plain text to Markdown: one paragraph per block of lines, every character shown as is."""
    lines = [escape_plain_line(line.strip()) for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n")


def protect_dump_line(line: str) -> str:
    """A dump is Markdown already; only stop lines that would become structure by accident."""
    stripped = line.strip()
    if re.fullmatch(r"[*_-]", stripped) or re.fullmatch(r"([*_-])\s*\1\s*\1[\s*_-]*", stripped):
        return "\\" + stripped  # a lone "*" (or "***") is a separator in the text, not a list/rule
    return line.rstrip()


# --- the two formats ---------------------------------------------------------------------

def parse_tagged(text: str, source_file: str) -> Article:
    sections: dict[str, str] = {}
    for match in re.finditer(r"<([A-Z_]+)>(.*?)</\1>", text, re.S):
        name = match.group(1)
        if name not in TAGGED_SECTIONS:
            raise ImportError_(
                f"{source_file}: unknown section <{name}>; expected one of "
                + ", ".join(f"<{s}>" for s in TAGGED_SECTIONS)
            )
        sections[name] = match.group(2).strip("\n")
    opened = set(re.findall(r"<([A-Z_]+)>", text))
    unclosed = sorted(opened - set(sections))
    if unclosed:
        raise ImportError_(f"{source_file}: section <{unclosed[0]}> is never closed with </{unclosed[0]}>")
    for name in REQUIRED_TAGGED:
        if not sections.get(name, "").strip():
            raise ImportError_(f"{source_file}: section <{name}> is missing or empty")
    supplied = {
        key.lower(): sections[key].strip("\n")
        for key in ("SUMMARY", "HIGHLIGHTS")
        if sections.get(key, "").strip()
    }
    return Article(
        title=sections["TITLE"].strip(),
        author=(sections.get("AUTHOR") or "").strip() or None,
        outlet=None,
        published=parse_date(sections.get("PUBLISHED_DATE"), source_file),
        url=(sections.get("URL") or "").strip() or None,
        source_file=source_file,
        source_format="tagged",
        body=plain_text_to_markdown(sections["CONTENT"]),
        supplied=supplied,
    )


_BYLINE = re.compile(r"^By \[?(?P<author>[^\]\n]+?)\]?(\([^)]*\))?\s*$")
_DATELINE = re.compile(r"^(?P<outlet>.+?), (?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$")


def parse_dump(text: str, source_file: str) -> Article:
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        raise ImportError_(f"{source_file}: the file is empty")
    title_index = content[0]
    title = lines[title_index].strip()
    author = outlet = None
    published = None
    for i in content[1:4]:
        line = lines[i].strip()
        if author is None and (m := _BYLINE.match(line)):
            author = m.group("author").strip()
        elif published is None and (m := _DATELINE.match(line)):
            outlet = m.group("outlet").strip()
            published = parse_date(m.group("date"), source_file)
    body_lines = lines[title_index + 1:]
    if not any(line.strip() for line in body_lines):
        raise ImportError_(f"{source_file}: there is a title but no article text after it")
    body = "\n".join(protect_dump_line(line) for line in body_lines).strip("\n")
    return Article(
        title=title,
        author=author,
        outlet=outlet,
        published=published,
        url=None,
        source_file=source_file,
        source_format="dump",
        body=re.sub(r"\n{3,}", "\n\n", body),
    )


def parse_date(value: str | None, source_file: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ImportError_(f"{source_file}: cannot read the date {value!r}; use YYYY-MM-DD")


def import_file(path: Path, source_name: str | None = None) -> Article:
    """Read one raw file in either format."""
    text = read_text(path)
    if not text.strip():
        raise ImportError_(f"{path}: the file is empty")
    name = source_name or path.name
    if detect_format(text) == "tagged":
        return parse_tagged(text, name)
    return parse_dump(text, name)


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = re.sub(r"['’]", "", ascii_title.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
