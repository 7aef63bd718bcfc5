"""Other annotation tools anchor our exported notes on the published page, and the other way.

The clients are the real libraries (npm dev dependencies, bundled once per session, see
tests/clients/): Apache Annotator, dom-anchor-text-quote, dom-anchor-text-position and the
Hypothesis client's anchoring. Every article of the built site is checked, in Chromium:

* each client finds every exported annotation exactly once, and exactly at the passage the
  page highlights for that note, with each selector it reads;
* a passage that a client describes (its describe/fromRange) gives the quote, prefix and
  suffix of the article's own text, and a note written with them anchors in a real build at
  the same place as the original note.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import no_browser
from tests.clients import (CLIENTS, POSITION_DESCRIBERS, QUOTE_DESCRIBERS, ClientsMissing, Exported,
                           bundle, exported_annotations, misses)
from tests.conftest import ROOT, run_build

pytestmark = pytest.mark.browser

SUMMARY = ROOT / "test-output" / "annotation-clients.json"


@pytest.fixture(scope="session")
def clients_script(tmp_path_factory) -> str:
    try:
        return bundle(tmp_path_factory.mktemp("clients") / "annotation-clients.js")
    except ClientsMissing as missing:
        no_browser("The annotation clients", str(missing))


@pytest.fixture(scope="module")
def articles(built_site) -> dict[str, list[Exported]]:
    found = exported_annotations(built_site)
    if not found:
        pytest.skip("no article of this site has notes, so nothing is exported")
    return found


@pytest.fixture(scope="module")
def pages(browser, base_url, articles, clients_script):
    """Each exported article's page, loaded once, with the clients added: slug -> page."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    opened = {}
    for slug, annotations in articles.items():
        page = context.new_page()
        page.goto(annotations[0].page)
        page.add_script_tag(content=clients_script)
        opened[slug] = page
    yield opened
    context.close()


def passage(page, note_id: str) -> dict | None:
    return page.evaluate("id => annotationClients.passage(id)", note_id)


@pytest.fixture(scope="module")
def summary():
    """What each client anchored, per article, kept in test-output/ for people to read."""
    counts: dict[str, dict] = {}
    yield counts
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(counts, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize("client", CLIENTS)
def test_each_client_finds_every_exported_annotation_once_at_its_passage(pages, articles, client, summary):
    wrong = []
    for slug, annotations in articles.items():
        page = pages[slug]
        exact = 0
        for note in annotations:
            found = page.evaluate("([client, target]) => annotationClients.anchor(client, target)",
                                  [client, note.target])
            problems = misses(found, passage(page, note.note_id))
            exact += not problems
            wrong += [f"{slug}#{note.note_id}: {problem}" for problem in problems]
        summary.setdefault(client, {})[slug] = {"exact": exact, "of": len(annotations)}
    assert not wrong, f"{client} missed {len(wrong)}:\n" + "\n".join(wrong)


def described(page, client: str, note: Exported) -> dict:
    where = passage(page, note.note_id)
    assert where and note.scope, f"{note.note_id}: a highlighted passage and a scope element"
    return page.evaluate("([client, scope, start, end]) => annotationClients.describe(client, scope, start, end)",
                         [client, note.scope, where["start"], where["end"]])


@pytest.mark.parametrize("client", QUOTE_DESCRIBERS)
def test_a_passage_a_client_describes_is_quoted_with_article_text_only(pages, articles, client):
    """The client's quote is the exported one, and its prefix and suffix agree with the
    exported ones (built from the article's text alone) as far as both reach."""
    wrong = []
    for slug, annotations in articles.items():
        for note in annotations:
            mine, theirs = note.refined("TextQuoteSelector"), described(pages[slug], client, note)
            if theirs.get("exact") != mine["exact"]:
                wrong.append(f"{slug}#{note.note_id}: quote {theirs.get('exact')!r}, exported {mine['exact']!r}")
            prefix, suffix = theirs.get("prefix") or "", theirs.get("suffix") or ""
            if not (mine["prefix"].endswith(prefix) or prefix.endswith(mine["prefix"])):
                wrong.append(f"{slug}#{note.note_id}: prefix {prefix!r}, the article reads {mine['prefix']!r}")
            if not (mine["suffix"].startswith(suffix) or suffix.startswith(mine["suffix"])):
                wrong.append(f"{slug}#{note.note_id}: suffix {suffix!r}, the article reads {mine['suffix']!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("client", POSITION_DESCRIBERS)
def test_a_passage_a_client_describes_by_position_gets_the_exported_offsets(pages, articles, client):
    wrong = []
    for slug, annotations in articles.items():
        for note in annotations:
            mine, theirs = note.refined("TextPositionSelector"), described(pages[slug], client, note)
            if (theirs.get("start"), theirs.get("end")) != (mine["start"], mine["end"]):
                wrong.append(f"{slug}#{note.note_id}: {theirs.get('start')}-{theirs.get('end')}, "
                             f"exported {mine['start']}-{mine['end']}")
    assert not wrong, "\n".join(wrong)


def test_notes_written_from_client_descriptions_anchor_where_the_originals_do(pages, articles, tmp_path):
    """A note whose quote, prefix and suffix come from a client (as from a Hypothesis
    annotation) is read by the project's loader and anchored by a real build of the site,
    at the same offsets and in the same scope as the note it was described from."""
    rewritten: dict[str, list[dict]] = {}
    origin: dict[tuple[str, str], Exported] = {}
    for slug, annotations in articles.items():
        originals = {note["id"]: note for note in _notes_file(slug)}
        for client in QUOTE_DESCRIBERS:
            for note in annotations:
                theirs = described(pages[slug], client, note)
                copy = {**originals[note.note_id], "id": f"{client}-{note.note_id}", "quote": theirs["exact"],
                        "prefix": theirs.get("prefix") or "", "suffix": theirs.get("suffix") or ""}
                rewritten.setdefault(slug, []).append(copy)
                origin[(slug, copy["id"])] = note
    site = _copy_of_the_site(tmp_path, rewritten)
    built = run_build(site)
    assert built.returncode == 0, built.output[-3000:]
    again = exported_annotations(built.site)
    wrong = []
    for slug, notes in again.items():
        for note in notes:
            original = origin[(slug, note.note_id)]
            for kind in ("TextPositionSelector", "TextQuoteSelector"):
                if note.refined(kind) != original.refined(kind):
                    wrong.append(f"{slug}#{note.note_id}: {kind} {note.refined(kind)}, "
                                 f"the original has {original.refined(kind)}")
            if note.scope != original.scope:
                wrong.append(f"{slug}#{note.note_id}: scoped to {note.scope}, the original to {original.scope}")
    assert sum(map(len, again.values())) == len(origin), "every rewritten note is exported"
    assert not wrong, "\n".join(wrong)


def _annotations_file(slug: str) -> dict:
    return yaml.safe_load((ROOT / "annotations" / f"{slug}.yml").read_text(encoding="utf-8"))


def _notes_file(slug: str) -> list[dict]:
    return _annotations_file(slug)["notes"]


def _copy_of_the_site(root: Path, notes: dict[str, list[dict]]) -> Path:
    """The real site in ``root``, with each article's notes replaced by ``notes`` (its
    questions and anything else in its annotation file kept)."""
    for name in ("docs", "overrides", "annotations", "sources"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
    (root / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "marginalia_hook.py", root / "hooks")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for slug, written in notes.items():
        path = root / "annotations" / f"{slug}.yml"
        data = {**_annotations_file(slug), "notes": written}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root
