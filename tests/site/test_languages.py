"""A site in another language: every label Marginalia adds follows theme.language, a site can
add or change labels in its own table, and an article in another language than the site's is
marked as such for screen readers."""

from __future__ import annotations

import json
import re

import pytest

from marginalia import strings

from tests.conftest import TECHNIQUES, TOPICS, run_build, write_site
from tests.labels import english_found, english_pieces, french_site, visible_text

# Every kind of page Marginalia makes or fills in, by its path in the built site.
PAGES = ["index.html", "articles/index.html", "articles/plan-de-circulation/index.html",
         "articles/commercants-inquiets/index.html", "topics/index.html", "topics/circulation/index.html",
         "glossary/index.html", "corrections/index.html", "class-overview/index.html",
         "worksheets/plan-de-circulation.html", "worksheets/plan-de-circulation-answer-key.html"]


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    built = run_build(french_site(tmp_path_factory.mktemp("french")))
    assert built.returncode == 0, built.output
    return built


@pytest.mark.parametrize("path", PAGES)
def test_a_french_site_shows_no_english_label(french, path):
    page = (french.site / path).read_text(encoding="utf-8")
    assert re.search(r'<html lang="fr"', page), "the page says it is in French"
    found = english_found(visible_text(page), english_pieces("fr"))
    assert not found, f"{path} shows English labels: {found}"


def test_the_french_pages_carry_the_french_labels(french):
    article = (french.site / "articles/plan-de-circulation/index.html").read_text(encoding="utf-8")
    for label in ("Auteur, tel qu’indiqué", "Comment lire les notes", "Mode entraînement", "Questions pour la discussion",
                  "Fiche de travail à imprimer", "Corrigé", "Même sujet", "Rectifiée le", "14 mai 2024"):
        assert label in article, label
    assert 'aria-label="Note de cadrage 1"' in article and 'aria-label="Note sur une affirmation 3"' in article
    key = (french.site / "worksheets/plan-de-circulation-answer-key.html").read_text(encoding="utf-8")
    assert "Cadrage (1)" in key and "«\u202fun passage en force\u202f»" in key
    corrections = (french.site / "corrections/index.html").read_text(encoding="utf-8")
    assert "1 rectificatif pour 1 note." in corrections and "1 juin 2024" in corrections
    index = (french.site / "articles/index.html").read_text(encoding="utf-8")
    assert "2 articles, du plus récent au plus ancien" in index and "affirmation\u00a0: 1" in index


def test_the_exported_notes_say_they_are_in_french(french):
    export = json.loads((french.site / "exports/plan-de-circulation.jsonld").read_text(encoding="utf-8"))
    bodies = [b for a in export["first"]["items"] for b in a["body"] if b.get("format") == "text/markdown"]
    assert bodies and {b["language"] for b in bodies} == {"fr"}
    assert any(b["value"].startswith("Rectifiée le 2024-06-01\u00a0:") for b in bodies), "the correction, worded as on the page"


def test_the_browser_gets_the_french_labels_and_only_its_sections(french):
    script = (french.site / "assets/marginalia/marginalia-strings.js").read_text(encoding="utf-8")
    table = json.loads(re.search(r"MarginaliaStrings\.use\((\{.*\})\);\s*$", script, re.S).group(1))
    assert table["lang"] == "fr"
    assert table["messages"]["practice.check"] == "Vérifier mon travail"
    assert {key.split(".")[0] for key in table["messages"]} == set(strings.BROWSER), "the build's labels stay with it"
    page = (french.site / "articles/plan-de-circulation/index.html").read_text(encoding="utf-8")
    assert "marginalia-strings.js" not in page, "a reader's page loads no table: practice mode fetches it when used"
    assert ('aria-label="Suite de la note de cadrage 1" data-less="Moins" '
            'data-less-label="Réduire la note de cadrage 1">Suite</button>') in page, "the button's two labels"


# --- a site's own table ---------------------------------------------------------------------------

ARTICLE = "---\ntitle: Talks\noutlet: Example News\npublished: 2024-04-01\n---\n\nThe talks went on without Moscow.\n"
NOTES = "questions: [Who talks?]\nnotes:\n  - id: without\n    kind: framing\n    quote: without Moscow\n    note: Talks without one party.\n    topics: [talks]\n"


def build_with_table(tmp_path, table: str, language: str = "en"):
    root = write_site(tmp_path, {"talks": ARTICLE}, {"talks.yml": NOTES, "topics.yml": TOPICS,
                                                      "techniques.yml": TECHNIQUES},
                      )
    config = (root / "mkdocs.yml").read_text().replace("  font: false\n", f"  font: false\n  language: {language}\n")
    (root / "mkdocs.yml").write_text(config)
    (root / "strings").mkdir()
    (root / "strings" / f"{language}.yml").write_text(table, encoding="utf-8")
    return run_build(root)


def test_a_site_can_change_a_label_of_its_language(tmp_path):
    built = build_with_table(tmp_path, "article:\n  practice: Try it yourself\n")
    assert built.returncode == 0, built.output
    page = built.page("articles/talks")
    assert "Try it yourself</button>" in page and "Practice mode" not in page
    assert "How to read the notes" in page, "the other labels stay as shipped"


def test_a_site_can_add_a_language_and_lacking_labels_fall_back_to_english(tmp_path):
    built = build_with_table(tmp_path, "article:\n  practice: Modo de práctica\n  questions: Preguntas\n", "es")
    assert built.returncode == 0, built.output
    page = built.page("articles/talks")
    assert '<html lang="es"' in page and "Modo de práctica</button>" in page
    assert "How to read the notes" in page, "a label the table lacks is the English one"
    assert "1 de abril de 2024" in page, "dates follow the language, whatever the table has"


def test_mistakes_in_a_sites_table_stop_the_build_with_file_line_and_hint(tmp_path):
    table = ("article:\n"
             "  practise: Try it\n"                       # line 2: no such label
             "notes:\n"
             "  all_on_topic: All notes on this topic\n"  # line 4: lost {total}
             "index:\n"
             "  count: \"{count, plural, one {# article}}\"\n")  # line 6: no 'other' form
    built = build_with_table(tmp_path, table)
    assert built.returncode != 0
    assert "strings/en.yml:2: unknown label 'article.practise'\n    hint: did you mean 'article.practice'?" in built.output
    assert ("strings/en.yml:4: the label 'notes.all_on_topic' does not keep the placeholders of English: "
            "it lacks {total}") in built.output
    assert "strings/en.yml:6: the label 'index.count' cannot be read" in built.output and "'other' form" in built.output
    assert "Traceback" not in built.output


def test_marginalia_check_reads_the_table_of_the_sites_language_too(tmp_path, capsys):
    from marginalia.cli import main

    build_with_table(tmp_path, "article:\n  practise: Intentalo\n", "es")
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert "strings/es.yml:2: unknown label 'article.practise'" in capsys.readouterr().err


# --- an article in another language -----------------------------------------------------------------

RUSSIAN = ("---\ntitle: Переговоры продолжаются\nauthor: Иван Петров\noutlet: Пример\nlanguage: ru\n"
           "supplied:\n  summary: Кратко о переговорах.\n---\n\nПереговоры прошли без Москвы.\n")
RUSSIAN_NOTES = ("questions: [Кто говорит?]\nnotes:\n  - id: bez\n    kind: framing\n    quote: без Москвы\n    note: Talks without one party.\n"
                 "    topics: [talks]\n")


def test_an_article_in_another_language_marks_its_text_elements(site):
    built = site(articles={"ru": RUSSIAN, "talks": ARTICLE},
                 annotations={"ru.yml": RUSSIAN_NOTES, "talks.yml": NOTES, "topics.yml": TOPICS})
    assert built.returncode == 0, built.output
    page = built.page("articles/ru")
    assert '<h1 id="article-title" data-mg-part="article" lang="ru">' in page
    assert '<span id="article-author" data-mg-part="article" lang="ru">' in page
    assert '<div class="mg-article__body" id="article-body" data-mg-part="article" lang="ru">' in page
    assert 'id="supplied-summary" data-mg-part="supplied" lang="ru">' in page
    assert re.search(r'<h2 id="for-teachers">For teachers and other tools</h2>', page), "labels stay in English"
    assert 'lang="ru"' not in page.split('id="article-body"')[1].split("</div>")[0].split(">", 1)[1], \
        "set once, on the text element"
    worksheet = (built.site / "worksheets" / "ru.html").read_text(encoding="utf-8")
    assert '<div class="mg-worksheet" lang="ru">' in worksheet
    topic = built.page("topics/talks")
    assert '<blockquote class="mg-compare__quote" lang="ru">' in topic
    assert 'lang="' not in built.page("articles/talks").split('<div class="mg-article">')[1], \
        "an article in the site's language needs no attribute"


def test_a_language_that_is_not_a_code_stops_the_build_with_its_line(site):
    built = site(articles={"talks": ARTICLE.replace("published: 2024-04-01\n", "published: 2024-04-01\nlanguage: Russian!\n")},
                 annotations={"talks.yml": NOTES, "topics.yml": TOPICS})
    assert built.returncode != 0
    assert "docs/articles/talks.md:5: language 'Russian!' is not a language code" in built.output
    assert "hint: write a language code such as en, fr" in built.output
