"""W3C Web Annotation export of the project's own site, whatever its articles: valid by the W3C
test suite, one annotation per note, and selectors that re-anchor in the rendered page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marginalia.htmldoc import HtmlDoc
from marginalia.model import Selector
from marginalia.textquote import Anchor, anchor, normalise
from tests.conftest import REAL_URL, ROOT
from tests.realsite import corpus_of

CHECKER = ROOT.parent / "shared" / "w3c-annotation-model" / "check_annotation.py"
EXTRA = CHECKER.parent / "extras" / "motivation-in-model-list.json"
MOTIVATIONS = {"framing": "commenting", "sourcing": "questioning", "claim": "assessing"}


def annotated() -> dict[str, list]:
    """The notes of every article that has some, by slug."""
    return {slug: article.notes for slug, article in corpus_of(ROOT).articles.items() if article.notes}


def exported(site: Path, slug: str) -> dict:
    return json.loads((site / "exports" / f"{slug}.jsonld").read_text(encoding="utf-8"))


def test_exactly_the_annotated_articles_are_exported(real_site):
    files = {p.stem for p in (real_site / "exports").glob("*.jsonld")} if (real_site / "exports").exists() else set()
    assert files == set(annotated())


def test_every_exported_annotation_passes_the_w3c_checker(real_site):
    if not CHECKER.exists():
        if os.environ.get("REQUIRE_W3C_CHECKER"):  # set by .ci/run, where ../shared is present
            pytest.fail(f"the W3C checker is missing at {CHECKER}")
        pytest.skip("the W3C test-suite checker (../shared/w3c-annotation-model) is not beside the project")
    slugs = sorted(annotated())
    if not slugs:
        pytest.skip("no article of the site has notes yet, so nothing is exported")
    files = [str(real_site / "exports" / f"{slug}.jsonld") for slug in slugs]
    proc = subprocess.run([sys.executable, str(CHECKER), "--extra", str(EXTRA), *files],
                          capture_output=True, text=True, timeout=300)
    last = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0 and last.endswith(" 0 failed"), proc.stdout[-3000:] + proc.stderr
    assert int(last.split()[0]) == sum(exported(real_site, s)["total"] for s in slugs)


def test_one_annotation_per_note_with_stable_ids_and_a_motivation_per_kind(real_site):
    for slug, notes in annotated().items():
        data = exported(real_site, slug)
        items = data["first"]["items"]
        assert data["type"] == "AnnotationCollection" and data["total"] == len(items) == len(notes)
        page = f"{REAL_URL}articles/{slug}/"
        assert sorted(item["id"] for item in items) == sorted(f"{page}#note-{note.id}" for note in notes)
        kinds = {next(b["value"] for b in item["body"] if b.get("purpose") == "classifying"
                      and b["type"] == "TextualBody"): item["motivation"] for item in items}
        assert kinds == {note.kind: MOTIVATIONS[note.kind] for note in notes}


def test_exported_selectors_re_anchor_in_the_rendered_page(real_site):
    for slug in annotated():
        html = (real_site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        zones = HtmlDoc.parse(_without_notes(html)).zones
        for item in exported(real_site, slug)["first"]["items"]:
            quote, position = item["target"]["selector"]
            part = "supplied" if item["target"]["source"].endswith("#supplied-text") else "article"
            text = zones[part]
            assert text[position["start"]:position["end"]] == quote["exact"], item["id"]
            found = anchor(normalise(text), Selector(quote["exact"], quote["prefix"], quote["suffix"]))
            assert found == Anchor(position["start"], position["end"]), item["id"]


def test_every_annotated_article_page_links_to_its_export(real_site):
    for slug in annotated():
        html = (real_site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../../exports/{slug}.jsonld" download>Download these notes</a>' in html


def _without_notes(html: str) -> str:
    """The page as it was before notes were placed: drop what Marginalia inserted."""
    doc = HtmlDoc.parse(html)
    out, skip_until = [], -1
    for index, token in enumerate(doc.tokens):
        if index <= skip_until:
            continue
        classes = (token.attrs.get("class") or "").split()
        if token.kind == "start" and {"mg-note", "mg-toggle", "mg-ref"} & set(classes):
            skip_until = token.match
            continue
        out.append(token.raw if token.kind != "text" else token.text.replace("&", "&amp;").replace("<", "&lt;"))
    return "".join(out)
