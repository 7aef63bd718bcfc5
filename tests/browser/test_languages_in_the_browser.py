"""A site in French, in Chromium at 1440 and 390 px: what the scripts write on the page (the
notes' buttons, practice mode, its messages and refusals, the class overview) is in French too,
and none of it is one of the English labels. Screenshots: test-output/screenshots/fr-*."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations, pages_of, screenshot, serve
from tests.classsets import class_set, site_articles
from tests.conftest import _free_port, run_build
from tests.labels import FRENCH_ANNOTATIONS, english_found, english_pieces, french_site, visible_text

pytestmark = pytest.mark.browser

ARTICLE = "articles/plan-de-circulation/"
LONG_NOTE = ("Le mot « force » présente le vote comme une contrainte imposée aux habitants, pas comme une "
             "décision prise par des élus. L’article ne dit pas qui a voté contre, ni combien de conseillers "
             "étaient présents, ni si le plan avait été débattu en commission, si bien que le lecteur ne peut pas juger "
             "lui-même s’il y a eu passage en force. Comparez avec la façon dont le Courrier du Soir rapporte "
             "le même vote, et avec le compte rendu officiel du conseil, quand il sera publié.")


@pytest.fixture(scope="module")
def french_url(tmp_path_factory):
    root = french_site(tmp_path_factory.mktemp("french-site"))
    notes = root / "annotations" / "plan-de-circulation.yml"
    short = "Le mot « force » présente le vote comme une contrainte, pas comme une décision."
    notes.write_text(notes.read_text(encoding="utf-8").replace(short, LONG_NOTE), encoding="utf-8")
    assert short in FRENCH_ANNOTATIONS["plan-de-circulation.yml"]
    built = run_build(root)
    assert built.returncode == 0, built.output
    yield from serve(built.site, _free_port())


@pytest.fixture
def open_fr(browser, french_url):
    """open_fr(path, width) -> a page of the French site, as tall as a laptop's or a phone's."""
    for open_ in pages_of(browser, french_url):
        yield lambda path, width: open_(path, width, 900 if width > 900 else 844)


ENGLISH = english_pieces("fr")


def no_english(page, selector: str = "body") -> None:
    text = visible_text(page.eval_on_selector(selector, "el => el.outerHTML"))
    found = english_found(text, ENGLISH)
    assert not found, f"English labels on the French page: {found}"


@pytest.mark.parametrize("width", [1440, 390])
def test_the_notes_buttons_speak_french(open_fr, width):
    page = open_fr(ARTICLE, width)
    assert page.evaluate("document.documentElement.lang") == "fr"
    if width >= 960:
        more = page.locator(".mg-more").first
        assert more.is_visible() and more.inner_text() == "Suite"
        assert more.get_attribute("aria-label") == "Suite de la note de cadrage 1"
        more.click()
        assert more.inner_text() == "Moins" and more.get_attribute("aria-label") == "Réduire la note de cadrage 1"
    else:
        page.click('.mg-toggle[data-n="1"]')
        page.wait_for_selector("#note-passage-en-force.mg-open")
    screenshot(page, f"fr-article-{width}")
    no_english(page, ".mg-article")


@pytest.mark.parametrize("width", [1440, 390])
def test_practice_mode_speaks_french_from_first_mark_to_refused_file(open_fr, tmp_path, width):
    page = open_fr(ARTICLE, width)
    page.click(".mg-practice__switch")
    page.wait_for_selector(".mg-bar:not([hidden])")

    page.fill("#mg-passage", "un proche du dossier")
    page.wait_for_function("document.querySelector('.mg-bar__status').textContent.startsWith('Trouvé')")
    assert page.inner_text(".mg-bar__status") == ("Trouvé\u00a0: «\u202fun proche du dossier\u202f». "
                                                  "Choisissez un type, puis Ajouter le repérage.")
    page.click(".mg-bar__add")
    assert page.inner_text(".mg-bar__status") == "Choisissez un type\u00a0: cadrage, sources ou affirmation."
    page.check(".mg-bar input[value=sourcing]")
    page.fill("#mg-reason", "Qui le dit ?")
    page.click(".mg-bar__add")
    page.wait_for_selector(".mg-mine-note")
    assert page.inner_text(".mg-bar__status") == "Repérage 1 ajouté, type sources."
    assert page.get_attribute(".mg-mine-note", "aria-label") == "Votre repérage 1\u00a0: sources"

    page.click(".mg-work__check")
    total = page.evaluate("document.querySelectorAll('.mg-note').length")
    assert page.inner_text(".mg-work__summary") == (f"Vous avez trouvé 1 note publiée sur {total}, "
                                                    "dont 1 avec le même type.")
    assert "Rejoint la note publiée 2, du même type." in page.inner_text(".mg-mine-note .mg-verdict")
    assert page.locator(".mg-note .mg-verdict--missed").first.inner_text() == "Vous n’avez pas repéré ce passage."
    page.locator(".mg-mine-note").scroll_into_view_if_needed()
    screenshot(page, f"fr-practice-{width}")

    broken = tmp_path / "travail.json"
    broken.write_text("{ ce n’est pas du JSON", encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.click("text=Ouvrir un fichier")
    chooser.value.set_files(str(broken))
    page.wait_for_function("document.querySelector('.mg-bar__status').textContent.startsWith('Rien')")
    assert page.inner_text(".mg-bar__status") == ("Rien n’a changé\u00a0: «\u202ftravail.json\u202f» n’a pas pu être "
                                                  "ouvert, parce que ce n’est pas un fichier d’entraînement Marginalia "
                                                  "(ce n’est pas du JSON).")
    page.locator(".mg-work").scroll_into_view_if_needed()
    screenshot(page, f"fr-practice-work-{width}")
    no_english(page, ".mg-article")
    no_english(page, ".mg-bar")
    assert axe_violations(page) == []


def test_the_class_overview_speaks_french(open_fr, french_url, tmp_path_factory):
    page = open_fr("class-overview/", 1440)
    page.wait_for_selector(".mg-class__choose")
    root = tmp_path_factory.getbasetemp()
    site = next(root.glob("french-site*/site"))
    klass = class_set([a for a in site_articles(site) if a.notes], students=4, seed=3)
    files = [{"name": name, "mimeType": "application/json",  # the students are French too
              "buffer": text.replace("Student ", "Élève ").encode("utf-8")}
             for name, text in klass.files.items()]
    files.append({"name": "pas-un-fichier.json", "mimeType": "application/json", "buffer": b"[1, 2"})
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir des fichiers").click()
    chooser.value.set_files(files)
    page.wait_for_function("document.querySelector('.mg-class__status').textContent.match(/lus/)")
    count = len(klass.files)
    assert page.inner_text(".mg-class__status") == (f"{count + 1} fichiers lus\u00a0: {count} comptés, 1 écarté "
                                                    "(la liste des fichiers dit pourquoi).")
    assert page.inner_text("#mg-class-left-out-title") == "Écartés\u00a0: 1 fichier"
    assert re.search(r"\d+ élèves?\. \d+ notes publiées\u00a0: la classe en a trouvé \d+\.",
                     page.inner_text(".mg-class__lead"))
    screenshot(page, "fr-class-overview-1440", full_page=True)
    no_english(page, ".mg-class")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_worksheet_is_in_french(open_fr, width):
    page = open_fr("worksheets/plan-de-circulation.html", width)
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.inner_text("h1") == "Fiche de travail\u00a0: Le conseil adopte le plan de circulation"
    screenshot(page, f"fr-worksheet-{width}", full_page=True)
    no_english(page)
