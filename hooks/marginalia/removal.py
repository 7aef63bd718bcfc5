"""Remove an article from a site: its page, its notes, its source file and what was built from them.

:func:`plan` finds everything and changes nothing, so that ``--dry-run`` and the real run say
the same; :func:`carry_out` deletes what the plan lists. A source file is kept if another
article still names it. What the removal leaves behind is reported, not changed: topics and
techniques no note uses any more stay in their files and are left out of the site by the
build, and a link to the article elsewhere (which would break the strict build) is listed
with its file and line, unless it sits inside a ``marginalia:if-articles`` part that names
the article, which the build leaves out by itself.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .loader import TECHNIQUES_FILE, TOPICS_FILE, VOCABULARY_FILES
from .problems import suggest

BUILT_DIRS = ("site", "site-offline")  # where `make build` and `make offline` write


@dataclass
class Removal:
    slug: str
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, what it is)
    built: list[Path] = field(default_factory=list)  # files and folders in site/ made from them
    kept_source: tuple[Path, list[str]] | None = None  # a source file other articles still name
    links: list[tuple[Path, int]] = field(default_factory=list)  # where the article is still linked

    def paths(self) -> list[Path]:
        return [path for path, _ in self.files] + self.built


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\s*\n(.*?)\n---\s*(\n|$)", text, re.S)
    try:
        meta = yaml.safe_load(match.group(1)) if match else {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def article_slugs(root: Path) -> list[str]:
    from .articleindex import PAGE_NAMES

    folder = root / "docs" / "articles"
    return sorted(p.stem for p in folder.glob("*.md") if p.stem not in PAGE_NAMES) if folder.is_dir() else []


def plan(root: Path, slug: str) -> Removal:
    """Everything removing ``slug`` would delete or leave behind; raises ValueError if there is
    no such article."""
    article = root / "docs" / "articles" / f"{slug}.md"
    notes = root / "annotations" / f"{slug}.yml"
    if f"{slug}.yml" in VOCABULARY_FILES or Path(slug).name != slug or not (article.exists() or notes.exists()):
        hint = suggest(slug, article_slugs(root))
        known = ", ".join(article_slugs(root)) or "none"
        raise ValueError(f"there is no article '{slug}' (docs/articles/{slug}.md); "
                         + (hint or f"the articles are: {known}"))
    removal = Removal(slug)
    if article.exists():
        removal.files.append((article, "the article"))
        source = _front_matter(article).get("source_file")
        if source:
            _add_source(removal, root, root / str(source), article)
    if notes.exists():
        count = _count_notes(notes)
        removal.files.append((notes, f"its {count} note{'s' if count != 1 else ''}" if count is not None else "its notes"))
    for built in BUILT_DIRS:
        site = root / built
        for path in (site / "articles" / slug, site / "articles" / f"{slug}.html",
                     site / "worksheets" / f"{slug}.html", site / "worksheets" / f"{slug}-answer-key.html",
                     site / "exports" / f"{slug}.jsonld"):
            if path.exists():
                removal.built.append(path)
    removal.links = _links_to(root, slug)
    return removal


def _add_source(removal: Removal, root: Path, source: Path, article: Path) -> None:
    if not source.is_file() or not source.resolve().is_relative_to((root / "sources").resolve()):
        return
    others = [p.stem for p in (root / "docs" / "articles").glob("*.md")
              if p != article and str(_front_matter(p).get("source_file") or "") ==
              source.relative_to(root).as_posix()]
    if others:
        removal.kept_source = (source, others)
    else:
        removal.files.append((source, "its source file"))


def _count_notes(path: Path) -> int | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError):
        return None
    notes = data.get("notes") if isinstance(data, dict) else None
    return len(notes) if isinstance(notes, list) else None


_IF = re.compile(r"<!-- marginalia:if-articles\s+([^>]*?)\s*-->")
_END = re.compile(r"<!-- marginalia:end\s*-->")


def _links_to(root: Path, slug: str) -> list[tuple[Path, int]]:
    """Lines elsewhere that link to the article, its worksheets or its export."""
    pattern = re.compile(rf"(articles/{re.escape(slug)}(\.md|/|\.html|\b)|worksheets/{re.escape(slug)}(-answer-key)?\.html"
                         rf"|exports/{re.escape(slug)}\.jsonld)")
    candidates = [p for p in sorted((root / "docs").rglob("*.md")) if p != root / "docs" / "articles" / f"{slug}.md"]
    candidates += [p for p in sorted((root / "annotations").glob("*.yml")) if p.stem != slug]
    candidates += [p for p in (root / "mkdocs.yml",) if p.exists()]
    found = []
    for path in candidates:
        depth_naming_slug = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if (m := _IF.search(line)) and slug in m.group(1).split():
                depth_naming_slug += 1
            elif _END.search(line) and depth_naming_slug:
                depth_naming_slug -= 1
            elif pattern.search(line) and not depth_naming_slug:
                found.append((path, number))
    return found


def carry_out(removal: Removal) -> None:
    for path in removal.paths():
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def unused_vocabulary(root: Path) -> tuple[list[str], list[str]]:
    """Topics and techniques that no remaining note uses (the site leaves them out)."""
    used_topics: set[str] = set()
    used_techniques: set[str] = set()
    for path in (root / "annotations").glob("*.yml"):
        if path.name in VOCABULARY_FILES:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        for note in (data.get("notes") or []) if isinstance(data, dict) else []:
            if isinstance(note, dict):
                used_topics.update(t for t in note.get("topics") or [] if isinstance(t, str))
                if isinstance(note.get("technique"), str):
                    used_techniques.add(note["technique"])

    def defined(name: str, top: str) -> list[str]:
        try:
            data = yaml.safe_load((root / "annotations" / name).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            return []
        entries = data.get(top) if isinstance(data, dict) else None
        return list(entries) if isinstance(entries, dict) else []

    return ([t for t in defined(TOPICS_FILE, "topics") if t not in used_topics],
            [t for t in defined(TECHNIQUES_FILE, "techniques") if t not in used_techniques])
