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
            answer = page.evaluate("([client, target, id]) => annotationClients.anchor(client, target, id)",
                                   [client, note.target, note.note_id])
            problems = misses(answer["found"], answer["passage"])
            exact += not problems
            wrong += [f"{slug}#{note.note_id}: {problem}" for problem in problems]
        summary.setdefault(client, {})[slug] = {"exact": exact, "of": len(annotations)}
    assert not wrong, f"{client} missed {len(wrong)}:\n" + "\n".join(wrong)


def described(page, client: str, note: Exported, scope: str | None = None) -> dict:
    """How ``client`` describes the note's passage, counting in ``scope`` (its text element)."""
    assert note.scope, f"{note.note_id}: the target names its text element"
    return page.evaluate("([client, scope, id]) => annotationClients.describe(client, scope, id)",
                         [client, scope or note.scope, note.note_id])


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


# Who describes passages for the round trip: each client in the note's text element, and the
# Hypothesis client as it really runs, on the whole page (its context may then come from
# beside the text element: the loader takes it where it agrees with the text it covers).
DESCRIBERS = {**{client: (client, None) for client in QUOTE_DESCRIBERS}, "hypothesis-page": ("hypothesis", "body")}


def test_notes_written_from_client_descriptions_anchor_where_the_originals_do(pages, articles, tmp_path):
    """A note whose quote, prefix and suffix come from a client (as from a Hypothesis
    annotation) is read by the project's loader and anchored by a real build of the site,
    at the same offsets and in the same text element as the note it was described from."""
    descriptions = {}
    for slug, annotations in articles.items():
        for label, (client, scope) in DESCRIBERS.items():
            for note in annotations:
                descriptions[(slug, f"{label}-{note.note_id}")] = (note, described(pages[slug], client, note, scope))
    assert not rebuilt_elsewhere(descriptions, tmp_path)


SELECT_PASSAGE = """(id) => {
  // Select a note's passage as a student would, from its first highlighted word to its last.
  const marks = [...document.querySelectorAll(`mark[data-quote-for="${CSS.escape(id)}"]`)];
  const range = document.createRange();
  range.setStart(marks[0], 0);
  range.setEnd(marks[marks.length - 1], marks[marks.length - 1].childNodes.length);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def test_notes_written_from_a_practice_file_anchor_where_the_originals_do(browser, articles, tmp_path):
    """A student marks every published note's passage in practice mode and saves the file; a
    note written from each mark in the file anchors where the published note does."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    descriptions = {}
    try:
        for slug, annotations in articles.items():
            kinds = {note["id"]: note["kind"] for note in _notes_file(slug)}
            page = context.new_page()
            page.goto(annotations[0].page)
            page.click(".mg-practice__switch")
            page.wait_for_selector(".mg-bar:not([hidden])")
            for note in annotations:
                before = page.locator(".mg-mine-note").count()
                page.evaluate(SELECT_PASSAGE, note.note_id)
                page.wait_for_function("!document.querySelector('.mg-bar__details').hidden")
                page.check(f".mg-bar input[value={kinds[note.note_id]}]")
                page.fill("#mg-reason", note.note_id)
                page.click(".mg-bar__add")
                page.wait_for_function("n => document.querySelectorAll('.mg-mine-note').length === n ||"
                                       " /already marked/.test(document.querySelector('.mg-bar__status').textContent)",
                                       arg=before + 1)
            with page.expect_download() as download:
                page.click("text=Save to a file")
            saved = tmp_path / f"{slug}.json"
            download.value.save_as(saved)
            by_note = {note.note_id: note for note in annotations}
            for mark in json.loads(saved.read_text(encoding="utf-8"))["marks"]:
                descriptions[(slug, f"practice-{mark['reason']}")] = (by_note[mark["reason"]], mark["selector"])
            page.close()
    finally:
        context.close()
    assert not rebuilt_elsewhere(descriptions, tmp_path / "site")


def rebuilt_elsewhere(descriptions: dict[tuple[str, str], tuple[Exported, dict]], root: Path) -> list[str]:
    """Build the real site with a note per description (the original's kind, part and text;
    the description's quote, prefix and suffix) instead of the original notes, and say where
    a rebuilt note's exported selectors differ from the original's."""
    rewritten: dict[str, list[dict]] = {}
    for (slug, new_id), (note, selector) in descriptions.items():
        original = next(n for n in _notes_file(slug) if n["id"] == note.note_id)
        rewritten.setdefault(slug, []).append({
            **original, "id": new_id, "quote": selector["exact"],
            "prefix": selector.get("prefix") or "", "suffix": selector.get("suffix") or ""})
    built = run_build(_copy_of_the_site(root, rewritten))
    assert built.returncode == 0, built.output[-3000:]
    again = {(slug, note.note_id): note for slug, notes in exported_annotations(built.site).items() for note in notes}
    assert set(again) == set(descriptions), "every rewritten note is exported"
    wrong = []
    for key, (original, _) in descriptions.items():
        note = again[key]
        for kind in ("TextPositionSelector", "TextQuoteSelector"):
            if note.refined(kind) != original.refined(kind):
                wrong.append(f"{key[0]}#{key[1]}: {kind} {note.refined(kind)}, the original has {original.refined(kind)}")
        if note.scope != original.scope:
            wrong.append(f"{key[0]}#{key[1]}: in {note.scope}, the original in {original.scope}")
    return wrong


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
