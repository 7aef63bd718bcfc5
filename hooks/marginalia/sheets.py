"""Printable worksheets and answer keys: two small standalone HTML documents per article.

They are written by the build, not rendered through the site's theme. They are made to be
printed, so they need none of the theme's navigation, search or colour schemes; and the
theme's page template is most of what a page costs to build, so two themed pages per article
made a large site's build about a fifth slower. Each document has a bar linking back to the
site and to its article (hidden in print) and its own small stylesheet
(``assets/marginalia-sheet.css``, after the kinds' colours and shapes from
``marginalia.css``).

The worksheet's text is the article body as rendered for its page, so it shows the same words
and is not rendered from Markdown twice; its relative links are rebased, since the worksheet
lives at another address than the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Callable, Mapping
from urllib.parse import urljoin, urlsplit

from .model import KINDS, Note, Technique
from .pages import ArticleInfo
from .render import attr, corrections_html, icon, kind_label, sources_html, supplied_label
from .strings import html as h, text as t

SHEETS_DIR = "worksheets"
STYLESHEETS = ("marginalia.css", "marginalia-sheet.css")


def sheet_path(slug: str, key: bool = False) -> str:
    """Where an article's worksheet (or answer key) is published, relative to the site root."""
    return f"{SHEETS_DIR}/{slug}{'-answer-key' if key else ''}.html"


@dataclass(frozen=True)
class SheetSite:
    """What a sheet needs to know of the site around it; every URL relative to the sheet."""

    name: str
    home: str
    article: str
    other_sheet: str  # the answer key from a worksheet, the worksheet from an answer key
    stylesheets: tuple[str, ...]
    favicon: str | None = None
    lang: str = "en"


def worksheet_document(info: ArticleInfo, questions: list[str], body_html: str, site: SheetSite) -> str:
    """The worksheet: the article's text with numbered paragraphs and room to write, no notes."""
    # What a student looks for, worded as a task (the article's legend words what a note explains).
    author = h("worksheets.by", author=escape(info.author)) + " " if info.author else ""
    how = "".join("<li>" + h("worksheets.last_task" if kind == list(KINDS)[-1] else "worksheets.task",
                             kind=f"<strong>{escape(kind_label(kind))}</strong>",
                             task=escape(t(f"kinds.{kind}.task"))) + "</li>" for kind in KINDS)
    lang = info.lang()  # the article's words, when they are in another language than the site's
    main = (
        f'<h1>{h("worksheets.title", title=_in(lang, escape(info.title)))}</h1>'
        f'<p class="mg-sheet__meta">{author}<em>{escape(info.byline())}</em>. '
        f'{h("worksheets.name_line")}</p>'
        f'<div class="mg-worksheet__how"><p>{h("worksheets.how")}</p><ul>{how}</ul></div>'
        f'<div class="mg-worksheet"{lang}>\n{number_paragraphs(body_html)}\n</div>'
        + _supplied_html(info.supplied)
        + f'<h2 id="discussion-questions">{h("article.questions")}</h2>'
        + f'<ol class="mg-worksheet__questions">{_items(questions)}</ol>'
    )
    return _document(t("worksheets.title", title=info.title), main, site, other_label=t("worksheets.answer_key"))


def answer_key_document(info: ArticleInfo, questions: list[str], notes: list[tuple[int, Note]],
                        techniques: Mapping[str, Technique], site: SheetSite) -> str:
    """The answer key: the questions, then every note numbered as on the article page."""
    main = (
        f'<h1>{h("worksheets.key_title", title=_in(info.lang(), escape(info.title)))}</h1>'
        f'<p class="mg-sheet__meta"><em>{escape(info.byline())}</em>. {h("worksheets.key_numbered")}</p>'
        f'<h2 id="discussion-questions">{h("article.questions")}</h2><ol>{_items(questions)}</ol>'
        + answer_key_html(notes, techniques, info.lang())
    )
    return _document(t("worksheets.key_title", title=info.title), main, site, other_label=t("worksheets.worksheet"))


def answer_key_html(notes: list[tuple[int, Note]], techniques: Mapping[str, Technique], lang: str = "") -> str:
    """Every note, grouped by kind, each with its number, passage, note and sources; ``lang``:
    the article's language attribute, for its passages."""
    parts = []
    for kind in KINDS:
        group = [(n, note) for n, note in notes if note.kind == kind]
        if not group:
            continue
        heading = h("worksheets.key_group", kind=escape(kind_label(kind)), count=len(group))
        parts.append(f'<h2 id="key-{kind}" data-kind="{kind}">{icon()}{heading}</h2><ol class="mg-key">')
        for number, note in group:
            technique = techniques.get(note.technique or "")
            label = f" · <em>{escape(technique.title)}</em>" if technique else ""
            quote = h("quote", text=_in(lang, escape(" ".join(note.selector.exact.split()))))
            sources = sources_html(note.sources) if note.sources else ""
            parts.append(
                f'<li value="{number}" data-kind="{kind}"><p class="mg-key__quote">{quote}{label}</p>'
                f'<div class="mg-key__note">{note.body_html}{sources}{corrections_html(note.corrections)}</div></li>'
            )
        parts.append("</ol>")
    return "".join(parts)


_PARAGRAPH = re.compile(r"<p\b[^>]*>")


def number_paragraphs(body_html: str) -> str:
    """Number every paragraph of the article text, so a class can refer to them ("in ¶ 4")."""
    counter = iter(range(1, 1_000_000))
    return _PARAGRAPH.sub(lambda m: f'{m.group(0)}<span class="mg-para-num">{next(counter)}</span> ', body_html)


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def rebase_links(html: str, from_url: str, link: Callable[[str], str]) -> str:
    """Relative links written for the page at ``from_url`` (a site path), made to work from
    another page: ``link`` turns a site path into a URL relative to that page."""
    base = "http://site.invalid/" + from_url

    def rebase(match: re.Match) -> str:
        url = match.group(2)
        if not url or _ABSOLUTE.match(url):
            return match.group(0)
        target = urlsplit(urljoin(base, url))
        rebased = link(target.path.lstrip("/")) or "./"
        rebased += (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")
        return match.group(1) + rebased + match.group(3)
    return _URL_ATTRIBUTE.sub(rebase, html)


def _document(title: str, main: str, site: SheetSite, other_label: str) -> str:
    favicon = f'<link rel="icon" href="{attr(site.favicon)}">' if site.favicon else ""
    return (
        f'<!doctype html>\n<html lang="{attr(site.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)} - {escape(site.name)}</title>\n{favicon}'
        + "".join(f'<link rel="stylesheet" href="{attr(href)}">\n' for href in site.stylesheets)
        + '</head>\n<body>\n'
        f'<nav class="mg-sheet-bar" aria-label="{attr(t("worksheets.site_nav"))}">'
        f'<a href="{attr(site.home)}">{escape(site.name)}</a>'
        f'<a href="{attr(site.article)}">{h("worksheets.back")}</a>'
        f'<a href="{attr(site.other_sheet)}">{escape(other_label)}</a>'
        # the button needs scripting: its stylesheet shows it only where scripting runs
        f'<button type="button" class="mg-sheet-bar__print" onclick="window.print()">{h("worksheets.print")}</button></nav>\n'
        f'<main class="mg-sheet">\n{main}\n</main>\n</body>\n</html>\n'
    )


def _in(lang: str, html: str) -> str:
    """``html`` in a span of another language, when ``lang`` is an attribute."""
    return f"<span{lang}>{html}</span>" if lang else html


def _items(questions: list[str]) -> str:
    return "".join(f"<li>{escape(q)}</li>" for q in questions)


def _supplied_html(supplied: Mapping[str, str] | None) -> str:
    if not supplied:
        return ""
    blocks = []
    for name, text in supplied.items():
        lines = [escape(line.strip()) for line in str(text).splitlines() if line.strip()]
        blocks.append(f"<p><strong>{escape(supplied_label(name))}</strong><br>{'<br>'.join(lines)}</p>")
    return (f'<h2 id="supplied-text">{h("article.supplied_heading")}</h2>'
            f"<p>{h('worksheets.supplied_why')}</p>"
            + "".join(blocks))
