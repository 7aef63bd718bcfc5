"""The site's identity and the markers that hand-written pages use."""

from __future__ import annotations

import datetime as dt

from marginalia import markers, settings
from marginalia.markers import Sheet
from marginalia.pages import ArticleInfo
from marginalia.settings import SiteSettings

CONFIG = """site_name: My readings
extra:
  marginalia:
    introducton: |
      Hello.
theme:
  language: fr
"""


def test_settings_are_read_with_their_defaults():
    read, problems = settings.read("My readings", {"marginalia": {"introduction": " Hello. "}}, "fr", ["en", "fr"])
    assert problems == [] and read == SiteSettings("My readings", "Hello.", "fr")
    assert settings.read("Site", None, "en", ["en"]) == (SiteSettings("Site", "", "en"), [])


def test_an_unknown_setting_is_an_error_with_its_line_and_the_nearest_name():
    _, [problem] = settings.read("My readings", {"marginalia": {"introducton": "x"}}, "fr", ["en", "fr"],
                                 "mkdocs.yml", CONFIG)
    assert problem.format() == ("mkdocs.yml:4: unknown setting extra.marginalia.introducton\n"
                                "    hint: did you mean 'introduction'?")


def test_a_language_the_theme_does_not_have_is_an_error():
    _, [problem] = settings.read("S", {}, "fre", ["en", "fr", "de"], "mkdocs.yml", CONFIG)
    assert "theme.language 'fre' is not a language the theme has" in problem.message and problem.hint == "did you mean 'fr'?"


def test_mkdocs_own_unknown_setting_gets_the_nearest_name():
    message = "Config value 'site_nme': Unrecognised configuration name: site_nme"
    assert settings.unknown_setting_hint(message, ["site_name", "site_url"]) == "did you mean 'site_name'?"
    assert settings.unknown_setting_hint("something else", ["site_name"]) is None


SITE = SiteSettings("My *readings*", "Welcome to [our](method.md) site.")
A = ArticleInfo("a", "Article A", "Outlet", dt.date(2024, 1, 2), "articles/a.md", "articles/a/")


def expand(markdown: str, annotated=frozenset({"a"}), sheets=()):
    return markers.expand(markdown, "guide.md", SITE, set(annotated), sheets)


def test_a_marker_quoted_in_running_text_is_left_as_it_is():
    text = "Use `<!-- marginalia:worksheets -->` or `<!-- marginalia:end -->` on a line of its own.\n"
    assert expand(text) == (text, [])


def test_the_site_name_and_introduction_fill_their_markers():
    text, problems = expand("# <!-- marginalia:site-name -->\n\n<!-- marginalia:introduction -->\n")
    assert text == "# My \\*readings\\*\n\nWelcome to [our](method.md) site.\n" and problems == []


def test_a_part_about_particular_articles_shows_only_while_they_are_annotated():
    page = ("Before.\n<!-- marginalia:if-articles a b -->\nAbout A and B.\n<!-- marginalia:else -->\n"
            "General.\n<!-- marginalia:end -->\nAfter.\n")
    assert expand(page, {"a", "b"})[0] == "Before.\n\nAbout A and B.\n\nAfter.\n"
    assert expand(page, {"a"})[0] == "Before.\n\nGeneral.\n\nAfter.\n"
    assert expand(page.replace("<!-- marginalia:else -->\nGeneral.\n", ""), {"a"})[0] == "Before.\n\nAfter.\n"


def test_nested_parts_and_unclosed_parts():
    nested = ("<!-- marginalia:if-articles a -->\nA\n<!-- marginalia:if-articles z -->\nZ\n"
              "<!-- marginalia:else -->\nnot Z\n<!-- marginalia:end -->\n<!-- marginalia:end -->\n")
    assert expand(nested)[0].split() == ["A", "not", "Z"]
    _, [problem] = expand("x\n<!-- marginalia:if-articles a -->\nnever closed\n")
    assert problem.line == 2 and "never closed" in problem.message
    _, [problem] = expand("<!-- marginalia:end -->")
    assert "without an <!-- marginalia:if-articles" in problem.message


def test_the_worksheets_marker_lists_every_annotated_article_with_its_sheets():
    text, _ = expand("<!-- marginalia:worksheets -->", sheets=[Sheet(A, "worksheets/a.html", "worksheets/a-answer-key.html")])
    assert "| [Article A](articles/a.md) | Outlet, 2 January 2024 | [Worksheet](worksheets/a.html) | " \
           "[Answer key](worksheets/a-answer-key.html) |" in text
    assert "no worksheets yet" in expand("<!-- marginalia:worksheets -->")[0]
