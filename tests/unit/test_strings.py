"""The tables of strings: complete in every shipped language, read the same way by the build and
the browser, checked when a site brings its own, and asked for only by labels that exist."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from marginalia import languages, strings
from marginalia.strings import SHIPPED, check_table, english, load, read_table
from marginalia.strings.messages import MessageError, names, parse, render

from tests.conftest import FIXTURES, ROOT

SHIPPED_LANGUAGES = sorted(path.stem for path in SHIPPED.glob("*.yml"))
# Labels a shipped language takes from English on purpose (none yet: French has every label).
FALLS_BACK: dict[str, set[str]] = {"fr": set()}
CASES = json.loads((FIXTURES / "messages.json").read_text(encoding="utf-8"))


def test_english_and_french_are_shipped():
    assert SHIPPED_LANGUAGES == ["en", "fr"]


@pytest.mark.parametrize("language", [code for code in SHIPPED_LANGUAGES if code != "en"])
def test_every_shipped_language_has_every_label_with_the_same_placeholders(language):
    table, problems = read_table(SHIPPED / f"{language}.yml")
    assert problems == []
    reference = english().messages
    assert check_table(table, reference) == {}, "every label known, of the same shape, with the same placeholders"
    missing = set(reference) - set(table.values)
    assert missing == FALLS_BACK[language], f"{language} lacks {sorted(missing - FALLS_BACK[language])}"


def test_every_english_label_reads():
    for key, value in english().messages.items():
        if isinstance(value, str):
            parse(value)  # raises on a mistake
        else:
            assert all(isinstance(item, str) for item in value), key


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: case["message"][:40])
def test_a_message_says_what_the_shared_cases_say(case):
    says = render(parse(case["message"]), case["values"], strings.Strings(case["lang"], {}).plural)
    assert says == case["says"]


@pytest.mark.parametrize("message", CASES["refused"])
def test_a_broken_message_is_refused(message):
    with pytest.raises(MessageError):
        parse(message)


def test_placeholders_are_found_inside_forms_too():
    assert names(parse("{count, plural, one {# mark{by}} other {# marks{by}}} from {file}")) == {"count", "by", "file"}


def test_french_typography_keeps_its_no_break_spaces():
    """A space before : ; ? ! or inside « » would let a line break there: French sets them tight."""
    table, _ = read_table(SHIPPED / "fr.yml")
    for key, value in table.values.items():
        for text in ([value] if isinstance(value, str) else value):
            text = re.sub(r"\{\w+, (?:plural|select),", "", text)  # the syntax's own commas and words
            assert not re.search(r" [:;?!»]|« ", text), f"fr.yml {key}: {text!r}"
            assert not re.search(r"[^\s\u00a0\u202f({][:;?!]|[^\s\u00a0\u202f]»|«[^\s\u202f\u00a0]", text.replace("://", "")
                                 .replace('"format": "', "")), f"fr.yml {key}: {text!r}"


def test_a_missing_label_is_an_error_in_the_code():
    with pytest.raises(KeyError, match="no label 'practice.nonexistent' in the English table"):
        strings.text("practice.nonexistent")


def test_plurals_and_dates_follow_the_language():
    with strings.using("fr") as french:
        assert strings.text("index.count", count=0) == "0 article, du plus récent au plus ancien"
        assert french.day(dt.date(2024, 4, 1)) == "1 avril 2024" and french.month(dt.date(2024, 4, 1)) == "avril 2024"
    assert strings.text("index.count", count=0) == "0 articles, newest first", "English again after the block"
    assert english().day(dt.date(2024, 4, 1)) == "1 April 2024"
    spanish, problems = load("es")
    assert problems == [] and spanish.day(dt.date(2024, 4, 1)) == "1 de abril de 2024", \
        "without a table of its own, a language's dates are CLDR's, not English's pattern"


def test_a_language_reads_its_region_then_the_language_then_english():
    assert strings.candidates("pt-BR") == ["pt-BR", "pt", "en"]
    assert strings.candidates("en") == ["en"]


def test_a_sites_table_wins_label_by_label_and_its_mistakes_are_located(tmp_path):
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "fr.yml").write_text(
        "article:\n  practice: Entraînement\n"    # a label changed
        "  tools: \"{who} et les outils\"\n"       # line 3: a placeholder French never gets
        "layout: [More]\n", encoding="utf-8")      # line 4: a section is not a label
    table, problems = load("fr", tmp_path)
    assert table.text("article.practice") == "Entraînement"
    assert table.text("article.tools") == "Pour les enseignants et les autres outils", "a wrong label falls back"
    assert table.text("layout.more") == "Suite"
    located = {(p.file, p.line): p.message for p in problems}
    assert "it has {who}, which Marginalia does not fill in" in located[("strings/fr.yml", 3)]
    assert located[("strings/fr.yml", 4)] == "unknown label 'layout'"


def test_the_browser_gets_its_sections_and_the_language():
    table = load("fr")[0].browser()
    assert table["lang"] == "fr" and table["messages"]["practice.check"] == "Vérifier mon travail"
    assert "article.practice" not in table["messages"] and "layout.more" not in table["messages"], \
        "the build's labels stay with the build"
    assert table["messages"]["class.csv_notes"][0] == "Note", "lists arrive as lists"


# --- the code asks only for labels that exist ---------------------------------------------------

# How each file names a label: the helper's name, and the section it prefixes (None: a full key).
PYTHON_CALLS = re.compile(r"""\b(?:t|h|strings\.text|strings\.html|text|html)\(\s*["']([a-z_]+\.[a-z_.]+)["']\s*[,)]""")
JS_CALLS = {
    "marginalia.js": {r"T\.text": None},
    "marginalia-practice.js": {r"words": "practice", r"parts": "practice", r"T\.text": None},
    "marginalia-class-page.js": {r"words": "class", r"T\.parts": None, r"T\.text": None},
    "marginalia-class.js": {r"words": "class", r"T\.text": None, r"T\.items": None},
    "marginalia-format.js": {r"refusal\(\s*\"[a-z-]+\",": "files", r"T\.text": None},
    "marginalia-quote.js": {},
    "marginalia-strings.js": {},
    "authormode/assets/marginalia-author.js": {r"\bsay": "author", r"T\.parts": None, r"T\.text": None},
}
AUTHOR_MODULES = ("marginalia-noteyaml.js", "marginalia-notemarkup.js")  # their problem codes are author.* labels


def _script(name: str) -> str:
    folder = ROOT / "hooks" / "marginalia"
    return (folder / name if "/" in name else folder / "assets" / name).read_text(encoding="utf-8")


def named_labels() -> set[str]:
    found = set()
    for path in (ROOT / "hooks").rglob("*.py"):
        found |= set(PYTHON_CALLS.findall(path.read_text(encoding="utf-8")))
    for name, helpers in JS_CALLS.items():
        source = _script(name)
        for helper, section in helpers.items():
            for key in re.findall(helper + r"""\(?\s*["']([a-z_.]+)["']\s*[,)]""", source):
                found.add(f"{section}.{key}" if section else key)
    return found


def test_every_label_the_code_names_is_in_the_english_table():
    named = named_labels()
    assert len(named) > 150, "the scan finds the labels"
    missing = sorted(key for key in named if key not in english().messages)
    assert missing == []


def test_every_problem_the_author_modes_modules_find_has_its_words():
    """marginalia-noteyaml.js's check() and marginalia-notemarkup.js's render() name problems by
    code; the page words each as author.problems.<code> or author.markup.<code>."""
    folder = ROOT / "hooks" / "marginalia" / "authormode" / "assets"
    checks = set(re.findall(r'add\("[^"]+"(?:\s*\+[^,]+)*,\s*"([a-z-]+)"', (folder / AUTHOR_MODULES[0]).read_text(encoding="utf-8")))
    markup = set(re.findall(r'code: "([a-z-]+)"', (folder / AUTHOR_MODULES[1]).read_text(encoding="utf-8")))
    assert {"id-missing", "topic-unknown", "source-url", "claim-needs-source"} <= checks
    assert {"raw-html", "image", "block", "link-scheme", "nested-list-indent"} <= markup
    labels = english().messages
    wanted = {f"author.problems.{code.replace('-', '_')}" for code in checks - {"id-taken"}}
    wanted |= {"author.problems.id_taken_file", "author.problems.id_taken_collection",
               "author.problems.passage", "author.problems.correction_incomplete", "author.problems.correction_date"}
    wanted |= {f"author.markup.{code.replace('-', '_')}" for code in markup}
    assert sorted(wanted - set(labels)) == []
    assert sorted(key for key in labels if key.startswith(("author.problems.", "author.markup."))) == sorted(wanted), \
        "no label for a problem that no longer exists"


def test_the_author_modes_words_stay_out_of_the_published_script():
    french = load("fr")[0]
    assert not any(key.startswith("author.") for key in french.browser()["messages"])
    preview = french.sections(strings.PREVIEW)
    assert preview["author.copy"] == "Copier le YAML" and all(key.startswith("author.") for key in preview)


# A regular expression literal where an expression starts (its quote marks are no strings).
_REGEX_LITERAL = re.compile(r"(?<=[(,=:\[!&|?{};])(\s*)/(?![*/])(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n\[])+/[gimsuy]*")


def test_every_script_that_shows_words_gets_them_from_the_table():
    """No English sentence in a string of the browser's code: a label would be in the table.
    (marginalia-strings.js's own errors are for developers: the build has checked the tables.)"""
    for name in [name for name in JS_CALLS if name != "marginalia-strings.js"]:
        source = _script(name)
        code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
        code = _REGEX_LITERAL.sub("/re/", code)
        sentences = [s for s in re.findall(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"', code)
                     if re.search(r"\b[A-Za-z]{3,} [a-z]{2,}\b", s) and "mg-" not in s
                     and not re.match(r"^(marginalia-class: |use strict|marginalia merge )", s)]  # a command is no label
        assert sentences == [], f"{name}: {sentences}"


# --- language tags ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, tag", [("fr", "fr"), ("EN_gb", "en-GB"), ("zh-hant", "zh-Hant"), ("es-419", "es-419"),
                                        ("Russian!", None), ("", None), (None, None), ("f", None)])
def test_a_language_tag_is_written_the_usual_way(value, tag):
    assert languages.tag(value) == tag


def test_only_another_language_than_the_sites_gets_an_attribute():
    assert languages.attribute("ru", "en") == ' lang="ru"'
    assert languages.attribute("EN", "en") == ""
    assert languages.attribute(None, "fr") == "" and languages.attribute("not a tag", "fr") == ""
