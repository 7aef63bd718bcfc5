"""``marginalia check``: every annotation file validated and every quote anchored, without
building the site, with the build's own messages.

It runs the build's own steps (:class:`marginalia.site.Build`: load, check the articles,
render each article) on the article pages only, rendered by MkDocs' own Markdown pipeline
with the extensions of ``mkdocs.yml``, so a quote anchors here exactly when it anchors in
the build. What it leaves out is what costs time and concerns no note: the theme's
templates, search, other pages, writing files. Exit status 0 when all is well, 1 when
anything would stop ``mkdocs build --strict``, so CI and a pre-commit hook can use it.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .. import strings
from ..problems import Problem, Problems

DESCRIPTION = ("Check every annotation file and anchor every quote, as the build does, without "
               "building the site. Exit status 1 if anything would stop the build.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's MkDocs configuration (default: mkdocs.yml)")


@dataclass
class Checked:
    problems: Problems
    articles: int
    notes: int


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if not args.config_file.is_file():
        print(f"marginalia check: error: {args.config_file} not found; run it in the site's folder "
              "or pass --config-file", file=sys.stderr)
        return 2
    checked = check_site(args.config_file)
    problems = checked.problems
    for warning in problems.warnings:
        print("WARNING  " + warning.format(), file=sys.stderr)
    if problems.errors:
        print(problems.report(), file=sys.stderr)
    failed = bool(problems.errors) or bool(problems.warnings)  # as `mkdocs build --strict`
    seconds = time.perf_counter() - started
    summary = (f"{checked.articles} {_plural(checked.articles, 'article')}, "
               f"{checked.notes} {_plural(checked.notes, 'note')}")
    if failed:
        counts = [f"{len(problems.errors)} {_plural(len(problems.errors), 'error')}"] if problems.errors else []
        if problems.warnings:
            counts.append(f"{len(problems.warnings)} {_plural(len(problems.warnings), 'warning')}")
        print(f"marginalia check: {' and '.join(counts)} ({summary}, {seconds:.1f} s)", file=sys.stderr)
        return 1
    print(f"marginalia check: all good: {summary}, every quote anchored ({seconds:.1f} s)")
    return 0


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def check_site(config_file: Path, annotations_dir: Path | None = None) -> Checked:
    """The problems ``mkdocs build --strict`` would stop on, found by the build's own code.

    ``annotations_dir`` replaces the site's ``annotations/`` (a copy with a change to try);
    messages name its files as ``annotations/…`` all the same. The check uses the labels of
    the site's language, as the build does, and leaves the labels in use as they were.
    """
    before = strings.current()
    try:
        return _check_site(config_file, annotations_dir)
    finally:
        strings.use(before)


def _check_site(config_file: Path, annotations_dir: Path | None) -> Checked:
    # MkDocs is needed here only: the rest of the package does not import it.
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs.utils import get_relative_url
    from mkdocs.utils.meta import get_data

    from ..pages import ArticleInfo
    from ..settings import SiteSettings
    from ..schema import SCHEMA_DIR, site_schemas, stale_schemas
    from ..site import ARTICLES_DIR, MARKDOWN_EXTENSIONS, Build

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # link warnings concern pages, not notes
    config = load_config(str(config_file))
    for extension in MARKDOWN_EXTENSIONS:  # as the hook's on_config adds them
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    root = config_file.resolve().parent
    annotations_dir = annotations_dir or root / "annotations"
    build = Build(annotations_dir=annotations_dir, root=annotations_dir.parent, site_url=config.site_url or "")
    build.settings = SiteSettings(config.site_name, language=str(config.theme.get("language") or "en"))
    build.load()  # with the labels of the site's language, so a mistake in its strings table shows

    files = get_files(config)

    def slug_of(src_uri: str) -> str | None:  # as marginalia_hook._slug_of
        parts = Path(src_uri).parts
        if len(parts) == 2 and parts[0] == ARTICLES_DIR and parts[1].endswith(".md"):
            return Path(parts[1]).stem
        return None

    pages = [file for file in files.documentation_pages() if slug_of(file.src_uri)]
    infos = []
    for file in pages:  # as marginalia_hook._read_article
        _, meta = get_data(file.content_string)
        slug = slug_of(file.src_uri) or ""
        infos.append(ArticleInfo(slug, str(meta.get("title") or slug), meta.get("outlet"), meta.get("published"),
                                 file.src_uri, file.url, meta.get("author"), meta.get("supplied"), meta.get("language")))
    everything = {slug for file in files.documentation_pages(inclusion=lambda _: True)
                  if (slug := slug_of(file.src_uri)) is not None}
    build.check_articles(infos, excluded=everything - {info.slug for info in infos})

    for file in pages:  # as the build's _populate_page, with the hook's page events
        page = Page(None, file, config)
        page.read_source(config)
        page.markdown = build.expand(page.markdown or "", file.src_uri)
        page.render(config, files)
        slug = slug_of(file.src_uri) or ""
        build.check_article_language(slug, page.meta, file.content_string)
        build.render_article(slug, page.meta, page.title or slug, page.content or "",
                             link=lambda path, here=page.url: get_relative_url(path, here))
    problems = build.finish()

    schemas = site_schemas(build.corpus.topics, build.corpus.techniques)
    if (build.annotations_dir / SCHEMA_DIR).is_dir():
        folder = build.annotations_dir.name
        for name in stale_schemas(build.annotations_dir, schemas):
            problems.add(Problem(f"{folder}/{SCHEMA_DIR}/{name}",
                                 "the schema for editors is not current with the site's topics and techniques",
                                 hint="run 'marginalia schema' to rewrite it, and commit it"))
    notes = sum(len(article.notes) for article in build.corpus.articles.values())
    return Checked(problems, len(infos), notes)
