"""The text formats of the importer: tagged sections, the plain dump and pasted text, each kept
word for word with its provenance, and their slugs. (Web pages: test_import_webpage.py; the
command and its errors: test_import_command.py.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from marginalia.importer import ImportError_, Provenance, escape_plain_line, extract, import_file
from marginalia.importer.dump import visible_text
from marginalia.importer.slugs import check_slug, slugify
from tests.conftest import FIXTURES
from tests.textutil import rendered_words, words

TAGGED = FIXTURES / "raw" / "tagged.txt"
DUMP = FIXTURES / "raw" / "dump.txt"
PASTED = FIXTURES / "raw" / "pasted-from-browser.txt"


def section(text: str, name: str) -> str:
    return re.search(rf"<{name}>(.*?)</{name}>", text, re.S).group(1)


class TestTagged:
    def test_provenance_comes_from_its_sections(self):
        article = import_file(TAGGED)
        assert article.title == "The council’s flood wall is a gift to developers"
        assert article.author == "Jo Commentator"
        assert article.published == dt.date(2024, 5, 20)
        assert article.url == "https://opinion.example/2024/05/flood-wall-gift"
        assert article.outlet is None and article.source_format == "tagged"

    def test_summary_and_highlights_are_kept_apart_and_exact(self):
        raw = TAGGED.read_text(encoding="utf-8")
        article = import_file(TAGGED)
        assert article.supplied == {"summary": section(raw, "SUMMARY").strip("\n"),
                                    "highlights": section(raw, "HIGHLIGHTS").strip("\n")}
        assert "helps developers more" not in article.body

    def test_body_has_every_word_in_order(self):
        raw = TAGGED.read_text(encoding="utf-8")
        assert rendered_words(import_file(TAGGED).body) == words(section(raw, "CONTENT"))

    def test_markup_in_the_text_is_shown_as_typed(self):
        body = import_file(TAGGED).body
        assert "&lt;b\\>not bold&lt;/b\\>" in body and "\\{: onclick" in body and "\\# not a heading" in body


class TestDump:
    def test_provenance_comes_from_the_title_byline_and_dateline(self):
        article = import_file(DUMP)
        assert article.title == "Harbour wall: a victory for common sense"
        assert (article.author, article.outlet, article.published) == ("Sam Writer", "Local Voice", dt.date(2024, 5, 15))
        assert article.url is None  # the file gives none, and none is invented
        assert article.supplied == {}

    def test_body_keeps_every_word_and_its_links(self):
        raw = DUMP.read_text(encoding="utf-8")
        body = import_file(DUMP).body
        assert rendered_words(body) == words(visible_text(raw.strip().split("\n", 1)[1]))
        assert "[the minutes](https://council.example/minutes/2024-05-14)" in body

    def test_separator_lines_are_not_turned_into_lists_or_rules(self):
        body = import_file(DUMP).body
        assert "\n\\*\n" in body and "\n\\***\n" in body

    def test_no_tag_and_no_code_link_gets_through(self):
        body = import_file(DUMP).body
        assert "<script" not in body and "&lt;script>" in body
        assert "javascript:" not in body and "[link that runs code]()" in body


class TestPastedText:
    def test_with_a_title_the_page_above_the_headline_is_left_out_and_the_rest_kept(self):
        given = Provenance(title="Harbour council approves flood wall after heated debate", outlet="The Coastal Courier")
        text = PASTED.read_text(encoding="utf-8")
        extracted = extract(text, "text", "pasted", given)
        article = extracted.article
        assert (article.title, article.outlet, article.source_format) == (given.title, given.outlet, "text")
        assert extracted.left_out == ["• Skip to main content", "Coastal Courier"]
        assert rendered_words(article.body) == words(text.split(given.title, 1)[1])

    def test_without_a_title_the_first_line_is_the_title(self):
        article = import_file(PASTED, fmt="text")
        assert article.title == "• Skip to main content"

    def test_lines_that_look_like_markdown_stay_text(self):
        body = import_file(PASTED, fmt="text").body
        assert "1\\. Construction noise" in body and "\\* Higher costs" in body


def test_flags_override_what_the_source_says_in_every_format():
    given = Provenance(title="T", author="A", outlet="O", published=dt.date(2020, 1, 2), url="https://x.example/")
    for path, fmt in ((TAGGED, "auto"), (DUMP, "auto"), (PASTED, "text")):
        article = import_file(path, fmt=fmt, provenance=given)
        assert (article.title, article.author, article.outlet, article.published, article.url) == \
               ("T", "A", "O", dt.date(2020, 1, 2), "https://x.example/"), path


def test_front_matter_round_trips():
    article = import_file(TAGGED)
    text = article.to_markdown()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == article.title and meta["supplied"] == article.supplied
    assert text.endswith(article.body + "\n")


@pytest.mark.parametrize("line, shown", [
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("1. not a list", "1\\. not a list"),
    ("a *star* and _under_", "a \\*star\\* and \\_under\\_"),
    ("x <b>not html</b>", "x &lt;b\\>not html&lt;/b\\>"),
    ("&copy; stays text", "&amp;copy; stays text"),
    ("> not a quote", "\\> not a quote"),
    ("---", "\\---"),
    ("ends with {: onclick=x}", "ends with \\{: onclick=x\\}"),
])
def test_plain_text_is_escaped_so_markdown_shows_it_as_written(line, shown):
    assert escape_plain_line(line) == shown


@pytest.mark.parametrize("content, message", [
    (b"<TITLE>T</TITLE>\n<AUTHOR>A</AUTHOR>\n", "section <CONTENT> is missing or empty"),
    (b"<TITLE>T</TITLE>\n<CONTENT>\n  \n</CONTENT>\n", "section <CONTENT> is missing or empty"),
    (b"<TITLE>T</TITLE>\n<CONTENT>text\n", "section <CONTENT> is never closed"),
    (b"<TITLE>T</TITLE>\n<BYLINE>x</BYLINE>\n<CONTENT>x</CONTENT>", "unknown section <BYLINE>"),
    (b"<TITLE>T</TITLE>\n<PUBLISHED_DATE>soon</PUBLISHED_DATE>\n<CONTENT>x</CONTENT>", "cannot read the date"),
    (b"Caf\xe9 talks\nBy someone\n", "not UTF-8"),
    (b"  \n\n", "the file is empty"),
    (b"Only a title\n\n", "no article text"),
])
def test_broken_input_gets_a_clear_error(tmp_path, content, message):
    path = tmp_path / "raw.txt"
    path.write_bytes(content)
    with pytest.raises(ImportError_, match=re.escape(message)):
        import_file(path)


@pytest.mark.parametrize("title, slug", [
    ("Putin’s peace plan: a call for capitulation?", "putins-peace-plan-a-call-for-capitulation"),
    ("Café talks in Zürich", "cafe-talks-in-zurich"),
    ("Мирные переговоры без России", "мирные-переговоры-без-россии"),
    ("港湾議会、防潮堤の建設を承認", "港湾議会-防潮堤の建設を承認"),
    ("ダム建設", "ダム建設"),  # voiced kana keep their marks
])
def test_slugs_keep_every_script_and_drop_only_latin_accents(title, slug):
    assert slugify(title) == slug and check_slug(slug) is None


def test_a_long_title_gives_a_slug_cut_at_a_word():
    slug = slugify("The harbour council votes to build a flood wall along the old quay after two years of argument")
    assert len(slug) <= 60 and not slug.endswith("-") and slug.startswith("the-harbour-council")
    assert "-" + slug.rsplit("-", 1)[1] + "-" in "-the-harbour-council-votes-to-build-a-flood-wall-along-the-old-quay-"


@pytest.mark.parametrize("slug", ["index", "by-outlet", "no spaces", "-leading", "x/y", ""])
def test_names_taken_by_the_site_or_unusable_in_an_address_are_refused(slug):
    assert check_slug(slug)
