"""W3C Web Annotation export: valid by the W3C test suite, and selectors that re-anchor."""

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
from tests.conftest import ROOT, SITE_URL, SUBPATH

CHECKER = ROOT.parent / "shared" / "w3c-annotation-model" / "check_annotation.py"
EXTRA = CHECKER.parent / "extras" / "motivation-in-model-list.json"
SLUGS = ["western-peace-talks-without-russia", "putin-peace-plan-capitulation"]


def exported(built_site: Path, slug: str) -> dict:
    return json.loads((built_site / "exports" / f"{slug}.jsonld").read_text(encoding="utf-8"))


def test_every_exported_annotation_passes_the_w3c_checker(built_site):
    if not CHECKER.exists():
        if os.environ.get("REQUIRE_W3C_CHECKER"):  # set by .ci/run, where ../shared is present
            pytest.fail(f"the W3C checker is missing at {CHECKER}")
        pytest.skip("the W3C test-suite checker (../shared/w3c-annotation-model) is not beside the project")
    files = [str(built_site / "exports" / f"{slug}.jsonld") for slug in SLUGS]
    proc = subprocess.run([sys.executable, str(CHECKER), "--extra", str(EXTRA), *files],
                          capture_output=True, text=True, timeout=300)
    last = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0 and last.endswith(" 0 failed"), proc.stdout[-3000:] + proc.stderr
    assert int(last.split()[0]) == sum(exported(built_site, s)["total"] for s in SLUGS)


def test_one_annotation_per_note_with_stable_ids_and_a_motivation_per_kind(built_site):
    data = exported(built_site, SLUGS[1])
    items = data["first"]["items"]
    assert data["type"] == "AnnotationCollection" and data["total"] == len(items) >= 15
    assert len({item["id"] for item in items}) == len(items)
    page = f"{SITE_URL}articles/{SLUGS[1]}/"
    assert all(item["id"].startswith(page + "#note-") for item in items)
    kinds = {next(b["value"] for b in item["body"] if b.get("purpose") == "classifying"
                  and b["type"] == "TextualBody"): item["motivation"] for item in items}
    assert kinds == {"framing": "commenting", "sourcing": "questioning", "claim": "assessing"}


def test_exported_selectors_re_anchor_in_the_rendered_page(built_site):
    for slug in SLUGS:
        html = (built_site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        zones = HtmlDoc.parse(html).zones  # the page as published: its text elements hold only text
        for item in exported(built_site, slug)["first"]["items"]:
            quote, position = item["target"]["selector"]
            text = zones[item["target"]["source"].split("#", 1)[1]]  # the element the positions count in
            assert text[position["start"]:position["end"]] == quote["exact"], item["id"]
            found = anchor(normalise(text), Selector(quote["exact"], quote["prefix"], quote["suffix"]))
            assert found == Anchor(position["start"], position["end"]), item["id"]


def test_article_page_links_to_its_export(built_site):
    html = (built_site / "articles" / SLUGS[0] / "index.html").read_text(encoding="utf-8")
    assert f'<a href="../../exports/{SLUGS[0]}.jsonld" download>Download these notes</a>' in html
