"""MkDocs adapter for Marginalia: maps MkDocs build events onto :class:`marginalia.site.Build`.

All behaviour lives in the ``marginalia`` package next to this file, which does not import
MkDocs; this file only translates. Event order in one build:

``on_config``   load and validate ``annotations/`` (once), register the CSS and JS;
``on_files``    add the assets, check every annotation file has an article page;
``on_page_markdown``  article pages hide the table of contents to make room for the margin;
``on_page_content``   wrap the rendered article body with its header and place its notes; the
                page's content is its search view until it has been indexed (see site.py);
``on_env``      after every page is rendered: write the worksheets (the article text as
                rendered for its page) and answer keys; stop the build if anything was wrong;
``on_page_context``   after search has indexed a page: put in the article page's real
                content, the topic pages' comparisons and the glossary's lists of notes,
                which search does not index (see site.py);
``on_post_build``     write each article's notes as W3C Web Annotations (JSON-LD);
``on_serve``    ``mkdocs serve`` also rebuilds when an annotation file changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from marginalia.minify import shipped
from marginalia.pages import TOPICS_DIR, ArticleInfo, topic_src_uri
from marginalia.sheets import STYLESHEETS, sheet_path
from marginalia.site import ARTICLES_DIR, ASSETS, Build, SheetChrome

log = logging.getLogger("mkdocs.plugins.marginalia")
ASSET_DIR = "assets/marginalia"
GLOSSARY = "glossary.md"
_build: Build | None = None


def _current() -> Build:
    assert _build is not None, "on_config has not run"
    return _build


def _article_slug(page: Page) -> str | None:
    return _slug_of(page.file.src_uri)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    _build = Build(annotations_dir=root / "annotations", root=root, site_url=config.site_url or "")
    _build.load()
    for extension in ("attr_list", "tables"):  # used by the generated pages (glossary, topics)
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    for name, where in (("marginalia.css", config.extra_css), ("marginalia.js", config.extra_javascript)):
        path = f"{ASSET_DIR}/{name}"
        if path not in [str(item) for item in where]:
            where.append(path)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            content = shipped(asset)  # scripts and stylesheets minified, anything else as it is
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=content) if content is not None
                         else File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
    build = _current()
    articles = [_read_article(file) for file in files.documentation_pages() if _slug_of(file.src_uri) is not None]
    everything = {slug for file in files.documentation_pages(inclusion=lambda _: True)
                  if (slug := _slug_of(file.src_uri)) is not None}
    build.check_articles(articles, excluded=everything - {a.slug for a in articles})
    if files.get_file_from_path(GLOSSARY) is None:
        files.append(File.generated(config, GLOSSARY, content=build.glossary()))
    build.glossary_path = files.get_file_from_path(GLOSSARY).url
    generated = []
    topic_ids = [*build.corpus.topics, "index"]
    for topic_id in topic_ids:  # create the files first: the pages link to each other's URLs
        src_uri = topic_src_uri(topic_id)
        if files.get_file_from_path(src_uri) is None:  # a hand-written page wins
            files.append(File.generated(config, src_uri, content=""))
            generated.append(src_uri)
        if topic_id != "index":
            build.topic_urls[topic_id] = files.get_file_from_path(src_uri).url
    for topic_id, markdown in build.topic_pages().items():
        if topic_src_uri(topic_id) in generated:
            files.get_file_from_path(topic_src_uri(topic_id)).content_string = markdown
    for slug in build.sheets():  # static pages, written once every article is placed (on_env)
        sheet, key = (_file(files, config, sheet_path(slug, k)) for k in (False, True))
        build.worksheet_urls[slug] = (sheet.url, key.url)
    if config.nav:
        config.nav = _nav_with_topics(config.nav, sorted(generated, key=lambda uri: uri != f"{TOPICS_DIR}/index.md"))
    return files


def _file(files: Files, config: MkDocsConfig, src_uri: str) -> File:
    """The site's file at ``src_uri``, generated (empty for now) unless the docs have one."""
    file = files.get_file_from_path(src_uri)
    if file is None:
        file = File.generated(config, src_uri, content="")
        files.append(file)
    return file


def _nav_with_topics(nav: list, pages: list[str]) -> list:
    """Expand the nav entry for topics/index.md into a section holding every topic page."""
    index = f"{TOPICS_DIR}/index.md"
    result = []
    for item in nav:
        if item == index or (isinstance(item, dict) and list(item.values()) == [index]):
            title = next(iter(item)) if isinstance(item, dict) else "Topics"
            result.append({title: [index, *[p for p in pages if p != index]]})
        elif isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list):
            title, children = next(iter(item.items()))
            result.append({title: _nav_with_topics(children, pages)})
        else:
            result.append(item)
    return result


def _read_article(file: File) -> ArticleInfo:
    """Provenance from the article's front matter, needed before its page is rendered."""
    _, meta = get_data(file.content_string)
    slug = _slug_of(file.src_uri) or ""
    info = ArticleInfo(slug, str(meta.get("title") or slug), meta.get("outlet"), meta.get("published"),
                       file.src_uri, file.url, meta.get("author"), meta.get("supplied"))
    return info


def _slug_of(src_uri: str) -> str | None:
    """Article pages are the Markdown files directly in docs/articles/."""
    parts = Path(src_uri).parts
    if len(parts) == 2 and parts[0] == ARTICLES_DIR and parts[1].endswith(".md"):
        return Path(parts[1]).stem
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _article_slug(page)
    if slug:
        hide = page.meta.setdefault("hide", [])
        if isinstance(hide, list) and "toc" not in hide:
            hide.append("toc")
        page.meta.setdefault("description", _current().description(slug, page.meta, page.title or slug))
    return _current().expand(markdown, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _article_slug(page)
    if slug is None:
        return html
    build = _current()
    html = build.render_article(slug, page.meta, page.title or slug, html,
                                link=lambda path: get_relative_url(path, page.url))
    if page.present_anchor_ids is not None:  # so that links to notes are checked like any anchor
        page.present_anchor_ids.update(build.anchors(slug))
        page.present_anchor_ids.add("article-title")
    return html


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    build = _current()
    slug = _article_slug(page)
    if slug is not None:
        try:
            page.content = build.complete_article(slug, page.content or "")
        except ValueError as err:
            raise PluginError(str(err)) from err
    elif page.file.src_uri == GLOSSARY:
        page.content = build.fill_glossary(page.content or "", lambda url: get_relative_url(url, page.url))
    elif page.file.src_uri.startswith(TOPICS_DIR + "/"):
        topic_id = Path(page.file.src_uri).stem
        page.content = build.fill_topic_page(topic_id, page.content or "",
                                             lambda url: get_relative_url(url, page.url))
    return context


def on_env(env, config: MkDocsConfig, files: Files):
    build = _current()
    problems = build.finish()
    for warning in problems.warnings:
        log.warning(warning.format())
    if problems.errors:
        raise PluginError(problems.report())
    home = files.get_file_from_path("index.md")
    chrome = SheetChrome(config.site_name, home.url if home else "",
                         tuple(f"{ASSET_DIR}/{name}" for name in STYLESHEETS),
                         _favicon(config), str(config.theme.get("language") or "en"))
    for slug in build.worksheet_urls:  # copied into the site after this event, with other static files
        for key in (False, True):
            file = files.get_file_from_path(sheet_path(slug, key))
            if file is not None and file.generated_by:  # a hand-made sheet in docs/ wins
                file.content_string = build.sheet(
                    slug, key, chrome, lambda path, here=file.url: get_relative_url(path, here))
    return env


def _favicon(config: MkDocsConfig) -> str | None:
    favicon = config.theme.get("favicon")
    return str(favicon) if favicon else None


def on_post_build(config: MkDocsConfig) -> None:
    """Write the W3C Web Annotation exports: they need every page's anchoring, done by now."""
    for path, text in _current().exports().items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_current().annotations_dir))
    return server
