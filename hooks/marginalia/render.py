"""HTML for what Marginalia adds to a page: the source header, legend, notes and questions.

Everything here is a plain function from data to an HTML string, with every value escaped.

The DOM contract that tests, site owners and other annotation tools rely on is written here
and nowhere else.

**Text elements.** Every text that notes can anchor in is one element with
``data-mg-part="<part>"`` and an ``id``. Its DOM text, as ``textContent`` or a DOM Range over
its contents reads it, is exactly the text the build anchors quotes in and that exported
``TextPositionSelector`` offsets count: nothing is added to it (no note number, toggle label
or note text) and nothing in it is skipped. Labels such as "Author, as given" and
"Summary" are outside it.

* part ``article`` (a note's default): ``<h1 id="article-title">`` the headline;
  ``<span id="article-author">`` the author as given, inside its provenance row (absent when
  the source file gives none); ``<div id="article-body" class="mg-article__body">`` the body.
* part ``supplied``, text that came with the source file and that the author did not write:
  ``<p id="supplied-<name>" class="mg-supplied__text">``, one per text (``supplied-summary``,
  ``supplied-highlights``).

An article written in another language than the site's (front matter ``language:``, see
languages.py) has ``lang`` on each of its text elements; the labels around them do not.

A note's ``part`` names a group of text elements; its quote is found in exactly one element of
the group, and its offsets (and exported selectors) are relative to that element.

**Passages.** Each highlighted piece of a note's passage is ``<mark class="mg-mark"
data-quote-for="<id>" data-kind="<kind>" aria-details="note-<id>">``; marks nest where
passages overlap (article.py).

**Toggles.** The only other element added inside a text element, right after each passage
(after its closing punctuation, outside any link or emphasis):
``<button type="button" class="mg-toggle" data-n="<number>" data-kind="<kind>"
aria-controls="note-<id>" aria-expanded="false" aria-label="<Kind> note <number>">``. It has
no text: CSS draws its number and icon, and it cannot be selected, so copying skips it.

**Notes.** ``<span class="mg-note" id="note-<id>" data-note="<id>" data-kind="<kind>"
role="note" aria-label="<Kind> note <number>" tabindex="-1">``, outside every text element:
right after the text element that holds its passage (the author's notes after the author
element, in its row), in page order. marginalia.js sets each note beside its passage on wide
screens and opens it below its passage's line on narrow ones; without scripting and in print
the notes follow their text element.

Practice mode (marginalia-practice.js) keeps to the same rules for a student's marks: an empty
``<sup class="mg-mine-ref" data-for="mine-<mark id>">`` after the passage, inside the text,
and the ``<span class="mg-mine-note" id="mine-<mark id>">`` after the text element.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Iterable, Mapping

from . import languages, strings
from .model import KINDS, Correction, Note, Source
from .strings import html as h, text as t


def kind_label(kind: str) -> str:
    """A kind's name as a label ("Framing"), in the site's language (see strings/)."""
    return t(f"kinds.{kind}.label")


def kind_word(kind: str) -> str:
    """A kind's name inside a sentence ("framing")."""
    return t(f"kinds.{kind}.word")


def quoted(passage: str) -> str:
    """A passage in the language's quotation marks, as plain text."""
    return t("quote", text=passage)


def attr(value: object) -> str:
    return escape(str(value), quote=True)


def icon() -> str:
    """The kind's shape, drawn by CSS from the nearest data-kind: a cue besides colour."""
    return '<span class="mg-icon" aria-hidden="true"></span>'


# --- notes -----------------------------------------------------------------------------

def note_label(note: Note, number: int) -> str:
    """The note's name for screen readers: "Framing note 3"."""
    label = t("notes.label", note=t(f"kinds.{note.kind}.note"), number=number)
    return label[:1].upper() + label[1:]


def toggle_html(note: Note, number: int) -> str:
    """The passage's end: the button that opens its note, or goes to it where it is shown.

    It has no text, so the article's text stays the article's: CSS draws its number."""
    return (
        f'<button type="button" class="mg-toggle" data-n="{number}" data-kind="{note.kind}" '
        f'aria-controls="{note.element_id}" aria-expanded="false" '
        f'aria-label="{attr(note_label(note, number))}"></button>'
    )


def note_html(note: Note, number: int, technique: tuple[str, str | None] | None = None,
              related: str = "") -> str:
    """The note element. ``technique`` is (title, href or None) when the note names one."""
    head = (
        f'<span class="mg-note__head"><span class="mg-note__num">{number}</span> '
        f'<span class="mg-note__kind">{icon()}{escape(kind_label(note.kind))}</span>'
    )
    if technique:
        title, href = technique
        head += (f' <a class="mg-note__technique" href="{attr(href)}">{escape(title)}</a>' if href
                 else f' <span class="mg-note__technique">{escape(title)}</span>')
    head += "</span>"
    text = f'<span class="mg-note__body">{note.body_html}</span>'
    if note.sources:
        text += sources_html(note.sources)
    text += corrections_html(note.corrections)
    label = note_label(note, number)
    name = t(f"kinds.{note.kind}.note")
    # shown only when the margin has no room for the whole note (marginalia.js decides); it
    # carries its other label, which marginalia.js swaps in when the note is shown whole
    more = (f'<button type="button" class="mg-more" aria-controls="{note.element_id}" aria-expanded="false" '
            f'aria-label="{attr(t("layout.more_label", note=name, number=number))}" data-less="{attr(t("layout.less"))}" '
            f'data-less-label="{attr(t("layout.less_label", note=name, number=number))}">{h("layout.more")}</button>')
    return (
        f'<span class="mg-note" id="{note.element_id}" data-note="{note.id}" data-kind="{note.kind}" '
        f'role="note" aria-label="{attr(label)}" tabindex="-1">'
        f'{head}<span class="mg-note__text">{text}{related}</span>{more}</span>'
    )


_HELD = re.compile(r'<span data-mg-held="(\d+)">([^<]*)</span>')
_TAGS = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"</span>|<br\b[^>]*>")  # ends of the note's paragraphs and list items


def held_note_html(index: int, note: Note, number: int, technique: str | None) -> str:
    """What stands for a note while the page is indexed for search: its text in one span.

    The search index gets what a reader would look for (the note's kind, technique, text and
    sources), not the furniture around it (toggle, number, "Same topic" links to other
    notes), and the indexer parses one element per note instead of dozens.
    """
    body = " ".join(_TAGS.sub("", _BREAKS.sub(" ", note.body_html)).split())
    label = escape(note_label(note, number))
    head = (h("notes.search_head_technique", label=label, technique=escape(technique)) if technique
            else h("notes.search_head", label=label))
    words = [head, body]
    for source in note.sources:
        words.append(", ".join(escape(x) for x in (source.title, source.publisher, source.date) if x) + ".")
    words += [escape(correction_text(c)) for c in note.corrections]
    return f'<span data-mg-held="{index}"> {" ".join(words)}</span>'


def put_held_notes(html: str, held: list[str]) -> str | None:
    """Replace each held note's stand-in with its markup; None unless each is found once."""
    seen: list[int] = []

    def swap(match: re.Match) -> str:
        index = int(match.group(1))
        if index >= len(held):
            return match.group(0)
        seen.append(index)
        return held[index]

    done = _HELD.sub(swap, html)
    return done if sorted(seen) == list(range(len(held))) else None


def related_html(groups: list[tuple[str, str, int, list[tuple[str, str]]]]) -> str:
    """"Same topic" links: per topic (title, href, total notes, [(label, href)])."""
    if not groups:
        return ""
    parts = []
    for title, href, total, links in groups:
        items = "".join(f'<span class="mg-li" role="listitem"><a href="{attr(url)}">{escape(label)}</a></span>'
                        for label, url in links)
        more = ""
        if len(links) < total - 1:
            more = f' <a class="mg-related__all" href="{attr(href)}">{h("notes.all_on_topic", total=total)}</a>'
        parts.append(
            f'<span class="mg-related__group"><a class="mg-related__topic" href="{attr(href)}">{escape(title)}</a>'
            f'<span class="mg-ul" role="list">{items}</span>{more}</span>'
        )
    return (f'<span class="mg-related"><span class="mg-note__label">{h("notes.same_topic")}</span>'
            + "".join(parts) + "</span>")


def snippet(text: str, words: int = 8) -> str:
    """The start of a quoted passage, to name a note in a link."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def sources_html(sources: Iterable[Source]) -> str:
    items = "".join(f'<span class="mg-li" role="listitem">{source_html(s)}</span>' for s in sources)
    return (
        f'<span class="mg-note__sources"><span class="mg-note__label">{h("notes.sources")}</span>'
        f'<span class="mg-ul" role="list">{items}</span></span>'
    )


def source_html(source: Source) -> str:
    title = f"<cite>{escape(source.title)}</cite>"
    if source.url:
        title = f'<a href="{attr(source.url)}">{title}</a>'
    details = [escape(x) for x in (source.publisher, source.date) if x]
    return ", ".join([title, *details])


def correction_text(correction: Correction) -> str:
    """A correction in one line of text, as the note shows it: for search and exports."""
    return (f"{t('notes.corrected', date=correction.date)} {' '.join(correction.change.split())} "
            f"{t('notes.why')} {' '.join(correction.reason.split())}")


def corrections_html(corrections: Iterable[Correction]) -> str:
    """The end of a corrected note: each correction, dated, what changed and why.

    Every view of a note (margin, phone, print, answer key, topic pages) shows this same
    piece, so a reader never sees a corrected note without being told it was corrected.
    """
    why = h("notes.why")
    items = "".join(
        '<span class="mg-correction" role="listitem"><span class="mg-correction__when">'
        + h("notes.corrected", date=f'<time datetime="{attr(c.date)}">{escape(c.date)}</time>')
        + f'</span> {_inline(c.change_html)} '
        f'<span class="mg-correction__why"><span class="mg-correction__label">{why}</span> {_inline(c.reason_html)}</span></span>'
        for c in corrections
    )
    if not items:
        return ""
    return (f'<span class="mg-note__corrections" role="list" aria-label="{attr(t("notes.corrections"))}">'
            f'{items}</span>')


_ONE_PARAGRAPH = re.compile(r'^<span class="mg-p">((?:(?!<span class="mg-p">).)*)</span>$', re.S)


def _inline(html: str) -> str:
    """A one-paragraph text without its paragraph, so that it runs on after a label."""
    match = _ONE_PARAGRAPH.match(html)
    return match.group(1) if match else html


# --- page furniture ------------------------------------------------------------------------

def format_date(value: object) -> tuple[str, str] | None:
    """(machine, human) forms of a date from front matter, or None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), strings.current().day(value)
    if isinstance(value, str) and value.strip():
        return None if not value.strip() else (value.strip(), value.strip())
    return None


def format_month(value: object) -> str | None:
    """The month and year of a date from front matter ("April 2024"), or None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return strings.current().month(value)
    date = format_date(value)
    return (date[1].split(" ", 1)[1] if " " in date[1] else date[1]) if date else None


def article_lang(meta: Mapping[str, object]) -> str:
    """`` lang="…"`` for the article's own text, when its front matter gives a language other
    than the site's (see languages.py)."""
    return languages.attribute(meta.get("language"), strings.current().language)


def header_html(meta: Mapping[str, object], title: str) -> str:
    """The article's title and provenance. The headline and the author as given are text
    elements of the article (see the contract above); the labels and other values are not."""
    lang = article_lang(meta)
    def row(label: str, value_html: str) -> str:
        return f'<div><dt>{label}</dt><dd>{value_html}</dd></div>'

    not_given = f'<span class="mg-missing">{h("article.not_given")}</span>'
    date = format_date(meta.get("published"))
    url = meta.get("url")
    author = (f'<span id="article-author" data-mg-part="article"{lang}>{escape(str(meta["author"]))}</span>'
              if meta.get("author") else not_given)
    rows = [
        row(h("article.author"), author),
        row(h("article.outlet"), escape(str(meta["outlet"])) if meta.get("outlet") else not_given),
        row(h("article.published"), f'<time datetime="{attr(date[0])}">{escape(date[1])}</time>' if date else not_given),
        row(h("article.original"), f'<a href="{attr(url)}">{escape(str(url))}</a>' if url else not_given),
    ]
    if meta.get("source_file"):
        rows.append(row(h("article.source_file"), f'<code>{escape(str(meta["source_file"]))}</code>'))
    return (
        '<header class="mg-source">'
        f'<h1 id="article-title" data-mg-part="article"{lang}>{escape(title)}</h1>'
        f'<dl class="mg-provenance">{"".join(rows)}</dl>{citation_html(meta, title)}</header>'
    )


def citation_html(meta: Mapping[str, object], title: str) -> str:
    """How to cite the original article; not annotatable, it repeats the rows above."""
    date, lang = format_date(meta.get("published")), article_lang(meta)
    parts = [escape(str(meta["author"])) if meta.get("author") else None,
             h("quote", text=f"<span{lang}>{escape(title)}</span>" if lang else escape(title)),
             f"<i>{escape(str(meta['outlet']))}</i>" if meta.get("outlet") else None,
             escape(date[1]) if date else None]
    url = meta.get("url")
    if url:
        parts.append(f'<a href="{attr(url)}">{escape(str(url))}</a>')
    return (f'<p class="mg-cite"><strong>{h("article.cite")}</strong> '
            + ", ".join(p for p in parts if p) + ".</p>")


def description(meta: Mapping[str, object], title: str, counts: Mapping[str, int]) -> str:
    """The page's meta description: what it is and what the notes cover."""
    date = format_date(meta.get("published"))
    source = ", ".join(x for x in (str(meta.get("outlet") or ""), date[1] if date else "") if x)
    return t("article.description", title=quoted(title),
             source=t("article.description_source", source=source) if source else "",
             total=sum(counts.values()), **{kind: counts.get(kind, 0) for kind in KINDS})


def legend_html() -> str:
    items = "".join(
        f'<li data-kind="{kind}">{icon()}'
        + h("article.legend_item", kind=f"<strong>{escape(kind_label(kind))}</strong>",
            blurb=escape(t(f"kinds.{kind}.blurb"))) + "</li>"
        for kind in KINDS
    )
    return (
        f'<aside class="mg-legend" aria-label="{attr(t("article.legend_label"))}">'
        f'<p>{h("article.legend_intro")}</p>'
        f"<ul>{items}</ul></aside>"
    )


SUPPLIED = ("summary", "highlights")  # the supplied texts with a label of their own


def supplied_label(name: str) -> str:
    """The heading of a supplied text: its label, or its name as the source file gives it."""
    return t(f"article.supplied_{name}") if name in SUPPLIED else str(name).title()


def supplied_html(supplied: Mapping[str, str] | None, lang: str = "") -> str:
    """Text shipped with the source file that the author did not write, kept apart: each
    text is a text element of its own (part ``supplied``), its label outside it; ``lang``: the
    article's language attribute, if any (it came with the article)."""
    if not supplied:
        return ""
    blocks = "".join(
        f'<h3>{escape(supplied_label(name))}</h3>'
        f'<p class="mg-supplied__text" id="supplied-{supplied_id(name)}" data-mg-part="supplied"{lang}>'
        f'{escape(str(text))}</p>'
        for name, text in supplied.items() if text
    )
    return (
        '<section class="mg-supplied" aria-labelledby="supplied-heading">'
        f'<h2 id="supplied-heading">{h("article.supplied_heading")}</h2>'
        f'<p class="mg-supplied__why">{h("article.supplied_why")}</p>'
        f'{blocks}</section>'
    )


def supplied_id(name: str) -> str:
    """The id part of a supplied text's element: its name, in letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or "text"


def questions_html(questions: list[str]) -> str:
    if not questions:
        return ""
    items = "".join(f"<li>{escape(q)}</li>" for q in questions)
    return (
        '<section class="mg-questions" aria-labelledby="discussion-questions">'
        f'<h2 id="discussion-questions">{h("article.questions")}</h2><ol>{items}</ol></section>'
    )


def practice_html(slug: str, title: str, overview: str = "") -> str:
    """The practice-mode switch. Shown only where scripting runs (by CSS, so that it is laid out
    with the first paint and moves nothing); the rest of practice mode (marginalia-practice.js)
    is only loaded when a student uses it. ``overview``: the class overview's URL, for the
    teachers' link in the practice panel."""
    link = f' data-overview="{attr(overview)}"' if overview else ""
    return (
        f'<div class="mg-practice" data-mg-skip data-article="{attr(slug)}" data-title="{attr(title)}"{link}>'
        '<button type="button" class="mg-practice__switch" role="switch" aria-checked="false">'
        f'<span class="mg-practice__knob" aria-hidden="true"></span>{h("article.practice")}</button> '
        f'<span class="mg-practice__what">{h("article.practice_what")}</span></div>'
    )


def article_html(meta: Mapping[str, object], title: str, body_html: str,
                 questions: list[str], tools: str = "", practice: str = "") -> str:
    """The whole article region, before notes are placed in it.

    The headline, the author as given and the body are the article's text elements (see the
    contract above): the text notes anchor in and exported positions count. ``tools`` and
    ``practice`` are the markup of :func:`tools_html` and :func:`practice_html`, when the
    article has them.
    """
    lang = article_lang(meta)
    return (
        '<div class="mg-article">'
        + header_html(meta, title)
        + legend_html()
        + practice
        + f'<div class="mg-article__body" id="article-body" data-mg-part="article"{lang}>{body_html}</div>'
        + supplied_html(meta.get("supplied"), lang)  # type: ignore[arg-type]
        + questions_html(questions)
        + tools
        + "</div>"
    )


# What the site's search indexes of an article page: its words and its notes' words, flat.
# The search indexer parses HTML in Python and its cost grows with every element and every
# level of nesting, so wrappers and highlights (div, mark) are left out, and so is the page
# furniture that is not the article's (legend, practice switch, teachers' links, toggles).
_SEARCH_FLAT = re.compile(r'</?(?:div|mark)\b[^>]*>|<button type="button" class="mg-toggle"[^>]*></button>')


def search_view(html: str, furniture: Iterable[str] = ()) -> str:
    """The article page as search should see it; ``html`` has its notes held (see
    :func:`held_note_html`), and each held note becomes its plain text."""
    for piece in furniture:
        if piece:
            html = html.replace(piece, "", 1)
    html = _HELD.sub(lambda match: match.group(2), html)
    return _SEARCH_FLAT.sub("", html)


def tools_html(worksheet: str, key: str, export: str, overview: str = "") -> str:
    """Links for teachers and for other tools, after the article."""
    def item(what: str, link: str) -> str:
        return f"<li>{h(what, link=link)}</li>"

    class_files = (item("article.tools_class_what", f'<a href="{attr(overview)}">{h("article.tools_class")}</a>')
                   if overview else "")
    return (
        '<section class="mg-tools" aria-labelledby="for-teachers">'
        f'<h2 id="for-teachers">{h("article.tools")}</h2><ul>'
        + item("article.tools_worksheet_what", f'<a href="{attr(worksheet)}">{h("article.tools_worksheet")}</a>')
        + item("article.tools_key_what", f'<a href="{attr(key)}">{h("article.tools_key")}</a>')
        + item("article.tools_export_what", f'<a href="{attr(export)}" download>{h("article.tools_export")}</a>')
        + f"{class_files}</ul></section>"
    )

