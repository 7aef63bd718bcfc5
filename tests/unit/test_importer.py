"""Importing raw article files: provenance in front matter, the body verbatim, clear errors."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml

from marginalia.commands.import_article import main
from marginalia.importer import ImportError_, escape_plain_line, import_file
from tests.conftest import ROOT, SOURCES
from tests.textutil import markdown_words, words

TAGGED = SOURCES / "004_3b852a85d5142232.txt"
DUMP = SOURCES / "000_cd6566ad51ff6609.txt"


def section(text: str, name: str) -> str:
    return re.search(rf"<{name}>(.*?)</{name}>", text, re.S).group(1)


def test_tagged_file_provenance():
    article = import_file(TAGGED)
    assert article.title == "Putin’s peace plan is actually a call for Ukraine’s capitulation"
    assert article.author == "Peter Dickinson"
    assert article.published == dt.date(2025, 1, 7)
    assert article.url.startswith("https://www.atlanticcouncil.org/blogs/ukrainealert/")
    assert article.source_format == "tagged"


def test_tagged_file_keeps_supplied_text_apart_and_exact():
    raw = TAGGED.read_text(encoding="utf-8")
    article = import_file(TAGGED)
    assert set(article.supplied) == {"summary", "highlights"}
    assert article.supplied["summary"] == section(raw, "SUMMARY").strip("\n")
    assert article.supplied["highlights"] == section(raw, "HIGHLIGHTS").strip("\n")
    assert "thinly veiled" not in article.body  # the generated summary is not in the article


def test_tagged_body_has_every_word_in_order():
    raw = TAGGED.read_text(encoding="utf-8")
    assert markdown_words(import_file(TAGGED).body) == words(section(raw, "CONTENT"))


def test_dump_file_provenance():
    article = import_file(DUMP)
    assert article.title == "Western Countries in ‘Peace Talks’ Without Russia"
    assert article.author == "Lucas Leiroz de Almeida"
    assert article.outlet == "Global Research"
    assert article.published == dt.date(2024, 4, 1)
    assert article.url is None  # the file gives none, and none is invented
    assert article.supplied == {}


def test_dump_body_has_every_word_in_order():
    raw = DUMP.read_text(encoding="utf-8")
    body_source = raw.strip().split("\n", 1)[1]  # everything after the title line
    assert markdown_words(import_file(DUMP).body) == markdown_words(body_source)


def test_dump_separator_line_is_not_turned_into_a_list():
    assert "\n\\*\n" in import_file(DUMP).body


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


def test_command_writes_the_article(tmp_path, capsys):
    assert main([str(TAGGED), "--slug", "x", "--outlet", "Atlantic Council", "--docs", str(tmp_path)]) == 0
    written = (tmp_path / "articles" / "x.md").read_text(encoding="utf-8")
    assert "outlet: Atlantic Council" in written


def test_command_refuses_to_overwrite_and_needs_an_outlet(tmp_path, capsys):
    assert main([str(TAGGED), "--slug", "x", "--docs", str(tmp_path)]) == 1
    assert "pass --outlet" in capsys.readouterr().err
    assert main([str(DUMP), "--slug", "x", "--docs", str(tmp_path)]) == 0
    assert main([str(DUMP), "--slug", "x", "--docs", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err


def test_command_error_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    proc = subprocess.run([sys.executable, "-m", "marginalia", "import", str(bad)], capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert proc.returncode == 1
    assert "not UTF-8" in proc.stderr and "Traceback" not in proc.stderr


def test_committed_articles_match_a_fresh_import(tmp_path):
    """docs/articles/ is what the importer makes of sources/: nothing edited by hand since."""
    for source, slug, outlet in [(DUMP, "western-peace-talks-without-russia", None),
                                 (TAGGED, "putin-peace-plan-capitulation", "Atlantic Council")]:
        article = import_file(source, f"sources/{source.name}")
        article.outlet = outlet or article.outlet
        assert (ROOT / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8") == article.to_markdown()
