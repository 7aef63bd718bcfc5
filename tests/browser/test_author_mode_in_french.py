"""The author mode of a site in French, in Chromium at 1440 and 390 px, on a live preview: its
panel, form, checks and messages are in French, none of it is one of the English labels (its
text and the attributes a screen reader reads out), the id it suggests leaves out French little
words, and the file it downloads still merges. Screenshots: test-output/screenshots/fr-author-*.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_author_mode import merge, wait_for_notes
from tests.labels import english_found, english_pieces, french_site, visible_text
from tests.preview import serving

pytestmark = pytest.mark.browser

SLUG = "plan-de-circulation"
PAGE = f"articles/{SLUG}/"
ENGLISH = english_pieces("fr")
NBSP, NNBSP = "\u00a0", "\u202f"


def no_english(page, selector: str) -> None:
    text = visible_text(page.eval_on_selector(selector, "el => el.outerHTML"))
    found = english_found(text, ENGLISH)
    assert not found, f"English labels in {selector}: {found}"


def status(page) -> str:
    return page.inner_text(".mg-author__status")


def test_the_english_pieces_include_the_author_modes_labels():
    assert {"Author mode", "Download my notes", "Fix this first", "Write a note on it"} <= ENGLISH


@pytest.mark.parametrize("width", [1440, 390])
def test_the_author_mode_speaks_french_and_its_file_merges(browser, tmp_path, width):
    root = french_site(tmp_path)
    with serving(root) as base:
        context = browser.new_context(viewport={"width": width, "height": 900 if width >= 960 else 844},
                                      accept_downloads=True, locale="fr-FR")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + PAGE)
        page.wait_for_selector(".mg-author-switch__button")
        assert page.inner_text(".mg-author-switch__button") == "Mode auteur"
        no_english(page, ".mg-author-switch")

        page.click(".mg-author-switch__button")
        page.wait_for_selector("#mg-author:not([hidden])")
        assert page.inner_text("#mg-author-title") == "Mode auteur"
        page.fill("#mg-author-finder", "décision était prise")
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.startsWith('Trouvé')")
        assert status(page) == f"Trouvé dans l’article{NBSP}: «{NNBSP}décision était prise{NNBSP}»."
        page.press("#mg-author-finder", "Enter")
        page.wait_for_selector(".mg-author__note:not([hidden])")
        assert page.inner_text(".mg-author__checks") == (
            f"Trouvé une seule fois dans l’article{NBSP}: ni préfixe ni suffixe nécessaire.")
        assert page.input_value("#mg-author-id") == "decision-prise", "« était » is left out of the id"
        assert page.inner_text(".mg-author__kinds legend") == "Type"
        assert "Cadrage" in page.inner_text(".mg-author__kinds") and \
            "comment le choix des mots" in page.inner_text(".mg-author__kinds"), "the kinds' names and blurbs"
        screenshot(page, f"fr-author-passage-{width}")

        page.click(".mg-author__note button[type=submit]")  # nothing chosen yet: what to fix first
        assert status(page) == f"À corriger d’abord{NBSP}: choisissez un type."
        page.check(".mg-author__kinds input[value=sourcing]")
        page.check(".mg-author__topics input[value=circulation]")
        page.fill("#mg-author-note", "Qui l’a décidé, et quand ? L’article ne le dit pas. <b>x</b>")
        page.click("text=Ajouter une source")
        page.wait_for_selector("#mg-author-source-0-title")
        page.fill("#mg-author-source-0-date", "mai 2024")
        page.click(".mg-author__note button[type=submit]")
        assert "HTML brut" in page.inner_text("#mg-author-markup")
        no_english(page, "#mg-author")  # the form with a source, its problems shown, every hint
        screenshot(page, f"fr-author-form-{width}")

        page.fill("#mg-author-note", "Qui l’a décidé, et quand ? L’article ne le dit pas.")
        page.click(".mg-author__remove-source")
        page.click(".mg-author__note button[type=submit]")
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.includes('ajoutée')")
        assert status(page) == f"Note decision-prise ajoutée{NBSP}: 1 note à télécharger."
        assert page.inner_text("#mg-author-collected-title") == "Mes notes (1)"
        no_english(page, "#mg-author")
        screenshot(page, f"fr-author-collected-{width}")

        with page.expect_download() as download:
            page.click("text=Télécharger mes notes")
        file = tmp_path / download.value.suggested_filename
        download.value.save_as(file)
        assert status(page).startswith(f"{file.name} enregistré. Pour ajouter les notes à annotations/{SLUG}.yml, lancez")
        head = file.read_text(encoding="utf-8").splitlines()[:3]
        assert head == [f"# Notes sur «{NNBSP}Le conseil adopte le plan de circulation{NNBSP}», écrites dans le mode auteur de Marginalia.",
                        f"# Pour les ajouter à annotations/{SLUG}.yml, lancez{NBSP}:",
                        f"#   marginalia merge {SLUG}.notes.yml"]
        assert "1 added" in merge(root, file)
        wait_for_notes(page, ["decision-prise"])
        page.wait_for_function("document.querySelector('.mg-author__status').textContent.includes('retirée de la liste')")
        assert status(page) == (f"1 de vos notes est maintenant dans annotations/{SLUG}.yml{NBSP}: "
                                "elle est retirée de la liste.")
        no_english(page, "#mg-author")
        assert errors == []
        context.close()
