"""Tiny MkDocs sites built in a temporary folder: the hook end to end, and every build error."""

from __future__ import annotations

import re

from marginalia.htmldoc import HtmlDoc
from tests.conftest import TECHNIQUES, TOPICS
from tests.textutil import visible_text, words

ARTICLE = """\
---
title: Talks without Moscow
author: A. Writer
outlet: Example News
published: 2024-04-01
url: https://example.org/talks
source_file: sources/x.txt
supplied:
  summary: A summary nobody in the article wrote.
---

Apparently, the “peace negotiations” continue. In an interview with [German *media*](#), Scholz spoke.

The Kiev regime is mentioned here. The Kiev regime is mentioned again.

Final words of the article.
"""

NOTES = """\
questions:
  - Who is quoted by name?
notes:
  - id: negotiations
    kind: framing
    quote: '"peace negotiations"'
    note: Scare quotes.
    topics: [talks]
    technique: Loaded_Language
  - id: german-media
    kind: sourcing
    quote: interview with German media, Scholz
    note: Names no outlet.
    topics: [talks]
  - id: regime-again
    kind: framing
    quote: The Kiev regime
    suffix: is mentioned again
    note: The same label, twice.
    topics: [talks]
  - id: ending
    kind: claim
    quote: Final words of the article.
    note: At the very end.
    topics: [plant]
    sources:
      - title: A report
        publisher: Agency
        date: 2024-03
  - id: summary
    kind: sourcing
    part: supplied
    quote: A summary nobody in the article wrote.
    note: Generated text.
    topics: [talks]
  - id: author-field
    kind: sourcing
    quote: A. Writer
    note: The author as the file gives it.
    topics: [talks]
"""


def good_site(site, **kwargs):
    return site(
        articles={"talks": ARTICLE},
        annotations={"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES},
        **kwargs,
    )


def test_every_note_appears_with_the_dom_contract(site):
    built = good_site(site)
    assert built.returncode == 0, built.output
    page = built.page("articles/talks")
    for note_id, kind in [("negotiations", "framing"), ("german-media", "sourcing"),
                          ("regime-again", "framing"), ("ending", "claim"), ("summary", "sourcing"),
                          ("author-field", "sourcing")]:
        assert re.search(rf'<span class="mg-note[^"]*" id="note-{note_id}" data-note="{note_id}" '
                         rf'data-kind="{kind}"', page), note_id
        assert re.search(rf'<mark class="mg-mark" data-quote-for="{note_id}" data-kind="{kind}" '
                         rf'aria-details="note-{note_id}">', page), note_id
        assert re.search(rf'<button type="button" class="mg-toggle" data-n="\d+" data-kind="{kind}" '
                         rf'aria-controls="note-{note_id}" aria-expanded="false" '
                         rf'aria-label="{kind.title()} note \d+"></button>', page), note_id
    assert page.count(' data-note="') == 6


def test_text_elements_hold_the_article_text_only_and_each_note_follows_its_own(site):
    """The contract of render.py: the text elements' DOM text is the article's (headline,
    author as given, body, supplied text), and each note comes right after the element
    holding its passage, outside every one of them."""
    doc = HtmlDoc.parse(good_site(site).page("articles/talks"))
    texts = {element.key: element.text for element in doc.elements}
    assert texts == {
        "article-title": "Talks without Moscow",
        "article-author": "A. Writer",
        "article-body": "<p>Apparently, the “peace negotiations” continue. In an interview with German media, Scholz "
                        "spoke.</p>\n<p>The Kiev regime is mentioned here. The Kiev regime is mentioned again.</p>\n"
                        "<p>Final words of the article.</p>".replace("<p>", "").replace("</p>", ""),
        "supplied-summary": "A summary nobody in the article wrote.",
    }
    holder = {"author-field": "article-author", "summary": "supplied-summary"}
    notes = {t.attrs["data-note"]: (i, t.match) for i, t in enumerate(doc.tokens)
             if t.kind == "start" and "data-note" in t.attrs}
    in_a_note = {i for first, last in notes.values() for i in range(first, last + 1)}
    for element in doc.elements:
        assert not in_a_note & set(range(element.start, element.end + 1)), element.key
    for note, (first, _) in notes.items():
        element = next(e for e in doc.elements if e.key == holder.get(note, "article-body"))
        assert element.end < first, note
        assert all(i in in_a_note or doc.tokens[i].kind == "text" and not doc.tokens[i].text.strip()
                   for i in range(element.end + 1, first)), f"{note} follows its text element"


def test_heading_permalinks_are_not_part_of_the_article_text(site):
    """The theme's "¶" links are page furniture: the body's text holds the heading's words only."""
    article = ARTICLE.replace("Final words of the article.", "## A heading\n\nFinal words of the article.")
    built = site(articles={"talks": article},
                 annotations={"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES},
                 config="markdown_extensions:\n  - toc:\n      permalink: true\n")
    assert built.returncode == 0, built.output
    body = HtmlDoc.parse(built.page("articles/talks")).zones["article-body"]
    assert "A heading\n" in body and "¶" not in body


def test_article_text_is_shown_word_for_word(site):
    built = good_site(site)
    body = visible_text(built.page("articles/talks"), "mg-article__body")
    assert words(body) == words(
        "Apparently, the “peace negotiations” continue. In an interview with German media, Scholz spoke. "
        "The Kiev regime is mentioned here. The Kiev regime is mentioned again. Final words of the article.")


def test_repeated_passage_goes_where_the_suffix_says(site):
    page = good_site(site).page("articles/talks")
    mark = page.index('data-quote-for="regime-again"')
    assert page.index("is mentioned here.") < mark < page.index("is mentioned again.")
    assert page.count('data-quote-for="regime-again"') == 1


def test_header_supplied_text_and_questions(site):
    page = good_site(site).page("articles/talks")
    assert '<h1 id="article-title" data-mg-part="article">Talks without Moscow</h1>' in page
    assert '<time datetime="2024-04-01">1 April 2024</time>' in page
    assert '<a href="https://example.org/talks">' in page
    supplied = visible_text(page, "mg-supplied")
    assert "Not written by the author" in supplied and "A summary nobody in the article wrote." in supplied
    assert "A summary nobody" not in visible_text(page, "mg-article__body")
    assert "Who is quoted by name?" in visible_text(page, "mg-questions")
    assert "How to read the notes" in page  # the legend


def test_note_shows_kind_in_words_technique_and_sources(site):
    page = good_site(site).page("articles/talks")
    note = re.search(r'<span class="mg-note[^"]*" id="note-ending".*?Same topic', page, re.S).group(0)
    assert "Claim" in note and "<cite>A report</cite>, Agency, 2024-03" in note
    assert "Loaded language" in page


def test_assets_are_linked_relative_to_the_page(site):
    page = good_site(site).page("articles/talks")
    assert 'href="../../assets/marginalia/marginalia.css"' in page
    assert 'src="../../assets/marginalia/marginalia.js"' in page


def test_article_with_questions_and_no_notes_yet_gets_its_header(site):
    built = site(articles={"plain": ARTICLE}, annotations={"plain.yml": "questions: [Why?]\nnotes: []\n"})
    assert built.returncode == 0, built.output
    page = built.page("articles/plain")
    assert "mg-source" in page and " data-note=" not in page and "Why?" in page


def test_questions_and_claim_sources_are_required(site):
    notes = NOTES.replace("questions:\n  - Who is quoted by name?\n", "").replace(
        "    sources:\n      - title: A report\n        publisher: Agency\n        date: 2024-03\n", "")
    built = site(articles={"talks": ARTICLE},
                 annotations={"talks.yml": notes, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    assert built.returncode != 0
    assert "annotations/talks.yml:1: the article has no discussion questions" in built.output
    assert "note 'ending': a claim note needs at least one source" in built.output


def test_glossary_is_generated_with_links_to_the_notes(site):
    built = good_site(site)
    glossary = built.page("glossary")
    assert '<h3 id="technique-loaded-language">Loaded language</h3>' in glossary
    assert "Words chosen for their emotional charge" in glossary
    assert 'href="../articles/talks/#note-negotiations"' in glossary
    assert not (built.root / "docs" / "glossary.md").exists(), "generated pages are not written into docs/"
    page = built.page("articles/talks")
    assert 'class="mg-note__technique" href="../../glossary/#technique-loaded-language"' in page


def test_home_page_markers_list_articles_with_counts_and_the_legend(site):
    home = "# Home\n\n<!-- marginalia:legend -->\n\n<!-- marginalia:articles -->\n"
    built = good_site(site, extra_docs={"index.md": home}, config="markdown_extensions: [tables]\n")
    page = built.page("")
    assert '<a href="articles/talks/">Talks without Moscow</a>' in page
    row = re.search(r"<tr>\s*<td><a href=\"articles/talks/\".*?</tr>", page, re.S).group(0)
    assert re.findall(r">(\d+)</td>", row) == ["2", "3", "1"]  # framing, sourcing, claim
    assert "Example News" in row and "1 April 2024" in row
    assert "How to read the notes" in page


def test_a_link_to_a_missing_note_fails_the_strict_build(site):
    built = good_site(site, extra_docs={"see.md": "[gone](articles/talks.md#note-nope) "
                                                   "[there](articles/talks.md#note-ending)\n"},
                      config="validation:\n  anchors: warn\n")
    assert built.returncode != 0
    assert "#note-nope" in built.output and "#note-ending" not in built.output


def test_directory_urls_off(site):
    built = good_site(site, config="use_directory_urls: false\n")
    assert built.returncode == 0, built.output
    assert 'id="note-ending"' in (built.site / "articles" / "talks.html").read_text(encoding="utf-8")


BROKEN = """\
notes:
  - id: fine
    kind: framing
    quote: Final words
    note: Fine.
    topics: [talks]
  - id: misspelt
    kind: framing
    qoute: Final words
    note: A misspelt key.
    topics: [talks]
  - id: no-kind
    quote: Final words
    note: Missing kind.
    topics: [talks]
  - id: bad-kind
    kind: framming
    quote: Final words
    note: Unknown kind.
    topics: [talks]
  - id: bad-topic
    kind: claim
    quote: Final words
    note: Unknown topic.
    topics: [tallks]
  - id: fine
    kind: framing
    quote: Final words
    note: Duplicate id.
    topics: [talks]
  - id: not-found
    kind: framing
    quote: the Kyiv regime is mentioned
    note: Quote not found.
    topics: [talks]
  - id: ambiguous
    kind: framing
    quote: The Kiev regime
    note: Quote found twice.
    topics: [talks]
  - id: raw-html
    kind: framing
    quote: Scholz spoke
    note: Some <script>alert(1)</script> text.
    topics: [talks]
  - id: script-link
    kind: framing
    quote: continue
    note: "[click](javascript:alert(1))"
    topics: [talks]
"""


def test_every_error_is_reported_in_one_run_without_a_traceback(site):
    built = site(
        articles={"talks": ARTICLE},
        annotations={"talks.yml": BROKEN, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES,
                     "orphan.yml": "notes: []\n", "broken.yml": "notes:\n  - id: x\n   kind: y\n"},
    )
    assert built.returncode != 0
    out = built.output
    assert "Traceback" not in out
    expected = [
        ("annotations/talks.yml:9: note 'misspelt': unknown key 'qoute'", "did you mean 'quote'?"),
        ("annotations/talks.yml:12: note 'no-kind': the note has no 'kind'", "add 'kind: …'"),
        ("annotations/talks.yml:17: note 'bad-kind': unknown kind 'framming'", "did you mean 'framing'?"),
        ("annotations/talks.yml:25: note 'bad-topic': unknown topic 'tallks'", "did you mean 'talks'?"),
        ("annotations/talks.yml:26: note 'fine': duplicate id 'fine'", "line 2"),
        ("annotations/talks.yml:33: note 'not-found': quote not found in the article",
         'closest passage is "The Kiev regime is mentioned'),
        ("annotations/talks.yml:38: note 'ambiguous': the quote occurs twice", "[The Kiev regime] is mentioned again"),
        ("annotations/talks.yml:44: note 'raw-html': raw HTML is not allowed", "Markdown"),
        ("annotations/talks.yml:49: note 'script-link': links with the 'javascript:' scheme", "https://"),
        ("annotations/orphan.yml: there is no article docs/articles/orphan.md", "import the article"),
        ("annotations/broken.yml:3: note 'x': not valid YAML: 'kind' on line 3 is not lined up", "same column"),
    ]
    for message, hint in expected:
        assert message in out, message
        after = out[out.index(message):]
        assert hint in after.split("\nannotations/")[0], (message, hint)
    assert re.search(r"Marginalia found \d+ problems", out)
    assert out.count("note 'raw-html'") == 1  # one clear message, not one per symptom


def test_an_article_left_out_of_the_build_fails_rather_than_losing_notes(site):
    built = good_site(site, config="exclude_docs: |\n  articles/talks.md\n")
    assert built.returncode != 0
    assert "annotations/talks.yml: the article page articles/talks.md is excluded from the site" in built.output


def sheet(built, name: str) -> str:
    return (built.site / "worksheets" / name).read_text(encoding="utf-8")


def test_worksheet_and_answer_key_are_generated_and_linked(site):
    built = good_site(site)
    page = built.page("articles/talks")
    assert 'href="../../worksheets/talks.html">Printable worksheet</a>' in page
    assert 'href="../../worksheets/talks-answer-key.html">Answer key</a>' in page
    worksheet = sheet(built, "talks.html")
    assert '<p><span class="mg-para-num">1</span> Apparently' in worksheet and "Who is quoted by name?" in worksheet
    assert "Scare quotes." not in worksheet  # no published notes on the worksheet
    key = sheet(built, "talks-answer-key.html")
    assert re.search(r'<li value="\d+" data-kind="framing"><p class="mg-key__quote">“&quot;peace negotiations&quot;”', key)
    assert key.count("<li value=") == 6
    assert not (built.root / "docs" / "worksheets").exists()


def test_worksheets_link_back_to_the_site_with_relative_urls_only(site):
    built = good_site(site)
    for name, other in (("talks.html", "talks-answer-key.html"), ("talks-answer-key.html", "talks.html")):
        document = sheet(built, name)
        assert '<a href="../">Test</a><a href="../articles/talks/">Back to the article</a>' in document
        assert f'<a href="{other}">' in document
        assert '<link rel="stylesheet" href="../assets/marginalia/marginalia-sheet.css">' in document
        assert (built.site / "assets" / "marginalia" / "marginalia-sheet.css").is_file()
        assert not re.search(r'(?:href|src)="/', document), "nothing relative to the server root"


def test_worksheet_numbers_every_paragraph_and_rebases_the_articles_relative_links(site):
    article = ARTICLE.replace("Final words of the article.",
                              "## A subheading\n\nSee [the glossary](../glossary.md#loaded-language).\n\n"
                              "Final words of the article.")
    built = site(articles={"talks": article},
                 annotations={"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    assert built.returncode == 0, built.output
    assert 'href="../../glossary/#loaded-language"' in built.page("articles/talks")
    worksheet = sheet(built, "talks.html")
    assert '<span class="mg-para-num">4</span> Final words' in worksheet, "paragraphs after a heading too"
    assert 'href="../glossary/#loaded-language"' in worksheet
    assert 'href="#"' in worksheet  # a link within the page is left alone


def test_a_hand_made_worksheet_in_docs_is_kept(site):
    built = good_site(site, extra_docs={"worksheets/talks.html": "<!doctype html><title>Mine</title><p>Mine."})
    assert built.returncode == 0, built.output
    assert sheet(built, "talks.html").endswith("<p>Mine.")
    assert "Scare quotes." in sheet(built, "talks-answer-key.html")


def test_worksheet_and_answer_key_are_left_out_of_search(site):
    import json

    built = good_site(site)
    assert built.returncode == 0, built.output
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert "articles/talks/" in locations
    assert not any(location.startswith("worksheets/") for location in locations), locations


def test_glossary_is_searched_for_its_definitions_not_its_lists_of_notes(site):
    import json

    built = good_site(site)
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    glossary = " ".join(doc["text"] for doc in docs if doc["location"].startswith("glossary/"))
    assert "Words chosen for their emotional charge" in glossary
    assert "note on" not in glossary  # the notes are found on their article page
    assert "framing note on" in visible_text(built.page("glossary"), "md-content")


CHANGING_PLUGIN = """\
from mkdocs.plugins import event_priority


@event_priority(-50)  # after Marginalia has placed the notes
def on_page_content(html, page, config, files):
    return html.replace("Final words", "Last words") if page.file.src_uri.startswith("articles/") else html
"""


def test_a_plugin_that_changes_an_article_after_marginalia_stops_the_build_rather_than_being_lost(site):
    built = good_site(site, extra_docs={"../changer.py": CHANGING_PLUGIN}, config="  - changer.py\n")
    assert built.returncode != 0
    assert "the article page 'articles/talks.md' was changed by another plugin" in built.output
    assert "Traceback" not in built.output


def test_search_hints_in_an_article_are_honoured_and_then_removed_from_the_page(site):
    # with a value, as Material's search plugin takes such attributes out of every page it indexes
    article = ARTICLE.replace("Final words of the article.", "Final words of the article.\n{ data-search-exclude=\"1\" }")
    built = site(articles={"talks": article}, config="markdown_extensions: [attr_list]\n",
                 annotations={"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    assert built.returncode == 0, built.output
    import json

    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs if doc["location"].startswith("articles/talks/"))
    assert "Apparently" in text and "Final words" not in text
    page = built.page("articles/talks")
    assert "data-search-exclude" not in page and "Final words of the article." in page
    assert 'id="note-ending"' in page, "the note on the excluded paragraph is still on the page"


def test_an_article_that_imitates_marginalias_internal_markup_gets_an_error_not_a_traceback(site):
    article = ARTICLE.replace("Final words of the article.",
                              'Final words of the article. <span data-mg-held="0">odd</span>')
    built = site(articles={"talks": article},
                 annotations={"talks.yml": NOTES, "topics.yml": TOPICS, "techniques.yml": TECHNIQUES})
    assert built.returncode != 0 and "Traceback" not in built.output
    assert "docs/articles/talks.md: the article's HTML contains a 'data-mg-held' span" in built.output
