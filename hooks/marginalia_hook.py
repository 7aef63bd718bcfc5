"""MkDocs adapter for Marginalia: maps MkDocs build events onto :class:`marginalia.site.Build`.

All behaviour lives in the ``marginalia`` package next to this file, which does not import
MkDocs; this file only translates. Event order in one build:

``on_config``   load and validate ``annotations/`` (once), register the CSS and JS;
``on_files``    add the assets, check every annotation file has an article page, generate the
                glossary, the topic pages, the Corrections page and the articles' index pages,
                and expand the Topics and Articles sections of the navigation;
``on_page_markdown``  article pages hide the table of contents to make room for the margin;
``on_page_content``   wrap the rendered article body with its header and place its notes; the
                page's content is its search view until it has been indexed (see site.py);
``on_env``      after every page is rendered: write the worksheets (the article text as
                rendered for its page), answer keys and the class overview's notes; stop the
                build if anything was wrong;
``on_page_context``   after search has indexed a page: put in the article page's real
                content, the topic pages' comparisons, the glossary's lists of notes and the
                class overview's tool, which search does not index (see site.py);
``on_post_build``     write each article's notes as W3C Web Annotations (JSON-LD);
``on_serve``    ``mkdocs serve`` also rebuilds when an annotation file changes.

While ``mkdocs serve`` runs (``on_startup``), a build with problems does not stop: every page
becomes the error page (``on_post_page``, ``on_post_build``), which the preview reloads when a
fix is saved; any other failed rebuild shows its message the same way (see ``_Preview``). The
preview also gets the author mode (``marginalia.authormode``): its scripts (``on_config``,
``on_files``) and each article page's data (``on_page_context``); a build gets none of it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig, get_schema
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from marginalia import articleindex, authormode, classview, settings, strings
from marginalia.errorpage import error_page
from marginalia.minify import shipped
from marginalia.settings import SiteSettings
from marginalia.pages import CORRECTIONS_PAGE, TOPICS_DIR, ArticleInfo, report_markdown, topic_src_uri
from marginalia.sheets import STYLESHEETS, sheet_path
from marginalia.site import ARTICLES_DIR, ASSETS, MARKDOWN_EXTENSIONS, Build, SheetChrome

log = logging.getLogger("mkdocs.plugins.marginalia")
ASSET_DIR = "assets/marginalia"
GLOSSARY = "glossary.md"
METHOD = "method.md"  # the page that explains the notes, linked from the Corrections page
_build: Build | None = None


def _current() -> Build:
    assert _build is not None, "on_config has not run"
    return _build


def _article_slug(page: Page) -> str | None:
    return _slug_of(page.file.src_uri)


class _Preview:
    """What ``mkdocs serve`` shows while the site does not build: the error page, not a hang."""

    serving = False
    failed: str | None = None  # the error page of the current build, if it failed

    @classmethod
    def fail(cls, config: MkDocsConfig, problems) -> None:
        print(problems.report() if problems.errors else "\n".join(p.format() for p in problems.warnings),
              file=sys.stderr)  # not through MkDocs' log: a logged error would stop `serve --strict`
        cls.failed = error_page(config.site_name, problems.items)

    @classmethod
    def showing_failures(cls, builder, site_dir: Path):
        """The preview's rebuild, which on any other failure writes the error page over the site."""
        def rebuild(*args, **kwargs):
            try:
                builder(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 - shown to the author, as MkDocs would print it
                traceback.print_exc()
                page = error_page("the preview", failure=str(err) or type(err).__name__)
                for path in [*site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"]:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(page, encoding="utf-8")
        rebuild.marginalia = True
        return rebuild


def on_startup(command: str, dirty: bool) -> None:
    _Preview.serving = command == "serve"


@event_priority(100)  # before the theme's search plugin, which fails on a language it does not know
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _Preview.failed = None
    root = Path(config.config_file_path).parent
    _build = Build(annotations_dir=root / "annotations", root=root, site_url=config.site_url or "")
    _build.settings = _settings(config)
    _build.load()
    for extension in MARKDOWN_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    for name, where in (("marginalia.css", config.extra_css), ("marginalia.js", config.extra_javascript)):
        path = f"{ASSET_DIR}/{name}"
        if path not in [str(item) for item in where]:
            where.append(path)
    if _Preview.serving:  # the author mode, in the preview only
        for paths, where in ((authormode.stylesheets(ASSET_DIR), config.extra_css),
                             (authormode.scripts(ASSET_DIR), config.extra_javascript)):
            known = [str(item) for item in where]
            where.extend(path for path in paths if path not in known)
    return config


def _settings(config: MkDocsConfig) -> SiteSettings:
    """The site's identity from mkdocs.yml (see settings.py); a problem stops the build now."""
    path = Path(config.config_file_path)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    languages = {p.stem for folder in config.theme.dirs for p in (Path(folder) / "partials" / "languages").glob("*.html")}
    result, problems = settings.read(config.site_name, config.extra, str(config.theme.get("language") or "en"),
                                     languages, path.name, text)
    if problems:
        raise PluginError("Marginalia found problems in the site's settings:\n"
                          + "\n".join(problem.format() for problem in problems))
    return result


class _SettingHints(logging.Filter):
    """Adds "did you mean …?" to MkDocs' warning about a setting name it does not know."""

    def filter(self, record: logging.LogRecord) -> bool:
        hint = settings.unknown_setting_hint(record.getMessage(), [key for key, _ in get_schema()])
        if hint and "hint:" not in str(record.msg):
            record.msg, record.args = f"{record.getMessage()}\n    hint: {hint}", ()
        return True


_config_log = logging.getLogger("mkdocs.config")
if not any(type(f).__name__ == "_SettingHints" for f in _config_log.filters):  # once, though MkDocs may reload us
    _config_log.addFilter(_SettingHints())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            content = shipped(asset)  # scripts and stylesheets minified, anything else as it is
            if asset.name == strings.SCRIPT:
                content = strings.script(content or "")  # with the labels of the site's language
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=content) if content is not None
                         else File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
    if _Preview.serving:
        for path, source in authormode.asset_files():
            files.append(File.generated(config, f"{ASSET_DIR}/{path}", abs_src_path=str(source)))
    build = _current()
    articles = [_read_article(file) for file in files.documentation_pages() if _slug_of(file.src_uri) is not None]
    everything = {slug for file in files.documentation_pages(inclusion=lambda _: True)
                  if (slug := _slug_of(file.src_uri)) is not None}
    build.check_articles(articles, excluded=everything - {a.slug for a in articles})
    for path, text in build.schemas().items():  # published, for editors outside the repository
        files.append(File.generated(config, path, content=text))
    if files.get_file_from_path(GLOSSARY) is None:
        files.append(File.generated(config, GLOSSARY, content=build.glossary()))
    build.glossary_path = files.get_file_from_path(GLOSSARY).url
    if files.get_file_from_path(CORRECTIONS_PAGE) is None:  # a hand-written page wins
        method = METHOD if files.get_file_from_path(METHOD) else None
        files.append(File.generated(config, CORRECTIONS_PAGE,
                                    content=build.corrections(report_markdown(config.repo_url, method))))
    if files.get_file_from_path(classview.PAGE) is None:  # a hand-written page (with the slot) wins
        files.append(File.generated(config, classview.PAGE, content=classview.page_markdown()))
    build.class_overview_path = files.get_file_from_path(classview.PAGE).url
    _file(files, config, f"{ASSET_DIR}/{classview.NOTES_SCRIPT}")  # filled in on_env
    generated = []
    topic_ids = [*build.used_topics(), "index"]  # a topic no article uses has no page
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
    indexes = [src_uri for src_uri, markdown in build.article_index_pages().items()
               if _generate(files, config, src_uri, markdown)]
    for slug in build.sheets():  # static pages, written once every article is placed (on_env)
        sheet, key = (_file(files, config, sheet_path(slug, k)) for k in (False, True))
        build.worksheet_urls[slug] = (sheet.url, key.url)
    if config.nav:
        topic_pages = sorted(generated, key=lambda uri: uri != f"{TOPICS_DIR}/index.md")
        config.nav = _nav_expanded(config.nav, f"{TOPICS_DIR}/index.md", strings.text("nav.topics"), topic_pages)
        if articleindex.INDEX in indexes or files.get_file_from_path(articleindex.INDEX):
            config.nav = _nav_expanded(config.nav, articleindex.INDEX, strings.text("index.articles"),
                                       articleindex.nav_children(articles))
    return files


def _generate(files: Files, config: MkDocsConfig, src_uri: str, markdown: str) -> bool:
    """Add a generated page, unless the docs have one of that name (a hand-written page wins)."""
    if files.get_file_from_path(src_uri) is not None:
        return False
    files.append(File.generated(config, src_uri, content=markdown))
    return True


def _file(files: Files, config: MkDocsConfig, src_uri: str) -> File:
    """The site's file at ``src_uri``, generated (empty for now) unless the docs have one."""
    file = files.get_file_from_path(src_uri)
    if file is None:
        file = File.generated(config, src_uri, content="")
        files.append(file)
    return file


def _nav_expanded(nav: list, index: str, default_title: str, pages: list) -> list:
    """Expand the nav entry for an index page (topics/index.md, articles/index.md) into a
    section that holds it and ``pages``."""
    result = []
    for item in nav:
        if item == index or (isinstance(item, dict) and list(item.values()) == [index]):
            title = next(iter(item)) if isinstance(item, dict) else default_title
            result.append({title: [index, *[p for p in pages if p != index]]})
        elif isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list):
            title, children = next(iter(item.items()))
            result.append({title: _nav_expanded(children, index, default_title, pages)})
        else:
            result.append(item)
    return result


def _read_article(file: File) -> ArticleInfo:
    """Provenance from the article's front matter, needed before its page is rendered."""
    _, meta = get_data(file.content_string)
    slug = _slug_of(file.src_uri) or ""
    info = ArticleInfo(slug, str(meta.get("title") or slug), meta.get("outlet"), meta.get("published"),
                       file.src_uri, file.url, meta.get("author"), meta.get("supplied"), meta.get("language"))
    return info


def _slug_of(src_uri: str) -> str | None:
    """Article pages are the Markdown files directly in docs/articles/."""
    parts = Path(src_uri).parts
    if len(parts) == 2 and parts[0] == ARTICLES_DIR and parts[1].endswith(".md"):
        stem = Path(parts[1]).stem
        return None if stem in articleindex.PAGE_NAMES else stem
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _article_slug(page)
    if slug:
        hide = page.meta.setdefault("hide", [])
        if isinstance(hide, list) and "toc" not in hide:
            hide.append("toc")
        page.meta.setdefault("description", _current().description(slug, page.meta, page.title or slug))
    return _current().expand(markdown, page.file.src_uri, page.file.content_string)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _article_slug(page)
    if slug is None:
        return html
    build = _current()
    build.check_article_markup(slug, page.file.content_string, html)
    build.check_article_language(slug, page.meta, page.file.content_string)
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
        if _Preview.serving:
            page.content += authormode.data_html(authormode.page_data(build.corpus, slug, page.title or slug))
    elif page.file.src_uri == classview.PAGE:
        page.content = classview.fill_page(page.content or "",
                                           lambda name: get_relative_url(f"{ASSET_DIR}/{name}", page.url))
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
    if _Preview.serving and (problems.errors or config.strict and problems.warnings):
        _Preview.fail(config, problems)
        return env
    for warning in problems.warnings:
        log.warning(warning.format())
    if problems.errors:
        raise PluginError(problems.report())
    home = files.get_file_from_path("index.md")
    chrome = SheetChrome(config.site_name, home.url if home else "",
                         tuple(f"{ASSET_DIR}/{name}" for name in STYLESHEETS),
                         _favicon(config), str(config.theme.get("language") or "en"))
    overview = files.get_file_from_path(classview.PAGE)
    files.get_file_from_path(f"{ASSET_DIR}/{classview.NOTES_SCRIPT}").content_string = build.class_notes(
        lambda path: get_relative_url(path, overview.url))
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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _Preview.failed or output


def on_post_build(config: MkDocsConfig) -> None:
    """Write the W3C Web Annotation exports: they need every page's anchoring, done by now."""
    if _Preview.failed:
        (Path(config.site_dir) / "404.html").write_text(_Preview.failed, encoding="utf-8")
        return
    for path, text in _current().exports().items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_current().annotations_dir))
    if (_current().root / strings.SITE_FOLDER).is_dir():
        server.watch(str(_current().root / strings.SITE_FOLDER))
    if not getattr(server.builder, "marginalia", False):
        server.builder = _Preview.showing_failures(server.builder, Path(config.site_dir))
    return server
