"""W3C Web Annotation export of the project's own site, whatever its articles: valid by the
W3C test suite, one annotation per note, and targets a client can follow.

Checked here on the built files, for every article the site has: each target names the page and
one text element on it, and its selectors count in that element's text as the DOM reads it.
Real clients anchor them in a browser in tests/browser/test_annotation_clients.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from marginalia.export import CONTEXT, CONTEXT_CHARS, MOTIVATION
from marginalia.htmldoc import HtmlDoc
from marginalia.model import Selector
from marginalia.textquote import Anchor, anchor, normalise
from tests.conftest import REAL_URL, ROOT
from tests.realsite import corpus_of

CHECKER = ROOT.parent / "shared" / "w3c-annotation-model" / "check_annotation.py"
EXTRA = CHECKER.parent / "extras" / "motivation-in-model-list.json"


def exports(real_site: Path) -> dict[str, dict]:
    """Every exported collection, by article slug."""
    found = {path.stem: json.loads(path.read_text(encoding="utf-8"))
             for path in sorted((real_site / "exports").glob("*.jsonld"))}
    if not found:
        pytest.skip("no article of this site has notes, so nothing is exported")
    return found


def items(real_site: Path) -> list[tuple[str, dict]]:
    return [(slug, item) for slug, data in exports(real_site).items() for item in data["first"]["items"]]


def check(files: list[Path]) -> tuple[int, str]:
    """Run the W3C test-suite checker: (annotations that passed, its output)."""
    if not CHECKER.exists():
        if os.environ.get("REQUIRE_W3C_CHECKER"):  # set by .ci/run, where ../shared is present
            pytest.fail(f"the W3C checker is missing at {CHECKER}")
        pytest.skip("the W3C test-suite checker (../shared/w3c-annotation-model) is not beside the project")
    proc = subprocess.run([sys.executable, str(CHECKER), "--extra", str(EXTRA), *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    last = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0 and last.endswith(" 0 failed"), proc.stdout[-3000:] + proc.stderr
    return int(last.split()[0]), proc.stdout


def test_exactly_the_annotated_articles_are_exported(real_site):
    annotated = {slug for slug, article in corpus_of(ROOT).articles.items() if article.notes}
    folder = real_site / "exports"
    assert ({p.stem for p in folder.glob("*.jsonld")} if folder.exists() else set()) == annotated


def test_every_exported_annotation_passes_the_w3c_checker(real_site):
    collections = exports(real_site)
    passed, _ = check([real_site / "exports" / f"{slug}.jsonld" for slug in collections])
    assert passed == sum(data["total"] for data in collections.values())


def test_an_annotation_taken_out_of_its_collection_is_complete_on_its_own(real_site, tmp_path):
    """Each carries its own @context, so one served or stored alone is valid JSON-LD."""
    alone = [item for _, item in items(real_site)]
    assert all(item["@context"] == CONTEXT for item in alone)
    (tmp_path / "alone.json").write_text(json.dumps(alone), encoding="utf-8")
    passed, _ = check([tmp_path / "alone.json"])
    assert passed == len(alone)


def test_one_annotation_per_note_with_stable_ids_and_a_motivation_per_kind(real_site):
    for slug, data in exports(real_site).items():
        notes = yaml.safe_load((ROOT / "annotations" / f"{slug}.yml").read_text(encoding="utf-8"))["notes"]
        kinds = {f"{REAL_URL}articles/{slug}/#note-{note['id']}": note["kind"] for note in notes}
        annotations = data["first"]["items"]
        assert data["type"] == "AnnotationCollection" and data["total"] == len(annotations)
        assert sorted(item["id"] for item in annotations) == sorted(kinds), "one annotation per note, by its id"
        for item in annotations:
            assert item["motivation"] == MOTIVATION[kinds[item["id"]]]
            assert {"type": "TextualBody", "purpose": "classifying", "value": kinds[item["id"]]} in item["body"]


def test_each_target_names_the_page_and_one_text_element_on_it(real_site):
    for slug, item in items(real_site):
        page = urlsplit(item["id"])._replace(fragment="").geturl()
        target = item["target"]
        assert target["source"] == page == f"{REAL_URL}articles/{slug}/", item["id"]
        scopes = [selector for selector in target["selector"] if selector["type"] == "CssSelector"]
        assert len(scopes) == len(target["selector"]) == 2, "each selector is scoped to the text element"
        assert {s["refinedBy"]["type"] for s in scopes} == {"TextQuoteSelector", "TextPositionSelector"}
        assert len({s["value"] for s in scopes}) == 1, "both alternatives select in the same element"
        element_id = scopes[0]["value"].removeprefix("#")
        texts = text_elements(real_site, slug)
        assert element_id in texts, f"{item['id']}: {scopes[0]['value']} is not a text element of the page"


def test_selectors_count_in_the_text_of_their_element_as_the_dom_reads_it(real_site):
    """textContent of the element: exact at [start, end), prefix and suffix right beside it."""
    for slug, item in items(real_site):
        selectors = {s["refinedBy"]["type"]: s for s in item["target"]["selector"]}
        quote = selectors["TextQuoteSelector"]["refinedBy"]
        position = selectors["TextPositionSelector"]["refinedBy"]
        text = text_elements(real_site, slug)[selectors["TextQuoteSelector"]["value"].removeprefix("#")]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item["id"]
        assert quote["prefix"] == text[max(0, start - CONTEXT_CHARS):start], item["id"]
        assert quote["suffix"] == text[end:end + CONTEXT_CHARS], item["id"]


def test_the_build_finds_each_exported_quote_again_in_the_published_page(real_site):
    """The project's own matching, on the page as published, lands on the exported position."""
    for slug, data in exports(real_site).items():
        zones = HtmlDoc.parse((real_site / "articles" / slug / "index.html").read_text(encoding="utf-8")).zones
        for item in data["first"]["items"]:
            selectors = {s["refinedBy"]["type"]: s for s in item["target"]["selector"]}
            quote = selectors["TextQuoteSelector"]["refinedBy"]
            position = selectors["TextPositionSelector"]["refinedBy"]
            text = zones[selectors["TextQuoteSelector"]["value"].removeprefix("#")]
            found = anchor(normalise(text), Selector(quote["exact"], quote["prefix"], quote["suffix"]))
            assert found == Anchor(position["start"], position["end"]), item["id"]


def test_article_page_links_to_its_export(real_site):
    for slug in exports(real_site):
        html = (real_site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../../exports/{slug}.jsonld" download>Download these notes</a>' in html


# --- the page's text elements, read as a DOM reads them ------------------------------------

_texts: dict[tuple[Path, str], dict[str, str]] = {}


def text_elements(real_site: Path, slug: str) -> dict[str, str]:
    """id -> textContent of each element with data-mg-part on an article page."""
    key = (real_site, slug)
    if key not in _texts:
        reader = _TextContent()
        reader.feed((real_site / "articles" / slug / "index.html").read_text(encoding="utf-8"))
        reader.close()
        _texts[key] = {element_id: "".join(parts) for element_id, parts in reader.texts.items()}
    return _texts[key]


class _TextContent(HTMLParser):
    """Collects the text nodes inside each text element (what ``textContent`` concatenates)."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []  # (tag, id of a text element it opens)
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.VOID:
            return
        values = dict(attrs)
        element_id = values.get("id") if "data-mg-part" in values else None
        if element_id:
            self.texts[element_id] = []
        self.open.append((tag, element_id))

    def handle_endtag(self, tag) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data) -> None:
        for _, element_id in self.open:
            if element_id:
                self.texts[element_id].append(data)
