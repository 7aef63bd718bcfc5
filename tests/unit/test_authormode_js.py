"""The author mode's browser modules keep to the build's own rules.

The same cases go through the JavaScript (tests/js/author-oracle.js, run by Node) and through
the build's Python, and must come out the same: the folded text quotes are compared in; every
quote, prefix and suffix the page writes for a selected passage anchors, in the build, on
exactly that passage; every note it writes as YAML reads back as written in PyYAML (the
build), the loader and ruamel.yaml (``marginalia merge``); the Markdown the preview refuses is
what the build refuses; the loader's patterns mean the same in both. The vendored Markdown
parser is the package the lock pins.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
import yaml

from marginalia import authormode
from marginalia.commands.merge import merge_text
from marginalia.dates import is_iso_date
from marginalia.htmldoc import HtmlDoc
from marginalia.loader import ID_PATTERN, URL_PATTERN, load_corpus
from marginalia.model import Selector
from marginalia.notemarkup import NoteRenderer
from marginalia.textquote import anchor, find_spans, fold, normalise, partial_word, with_edges
from tests.conftest import DEMO, ROOT, TECHNIQUES, TOPICS

ORACLE = ROOT / "tests" / "js" / "author-oracle.js"
JS_SPACE = re.compile(r"[\s\x1c-\x1f\x85]")  # what the modules take for white space (Python's isspace)


def ask(op: str, cases):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node not found: CI must run the JavaScript tests")
        pytest.skip("node not found (install Node 20 to run the JavaScript tests)")
    proc = subprocess.run([node, str(ORACLE)], input=json.dumps({"op": op, "cases": cases}),
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def article_texts() -> list[list[str]]:
    """The demo articles as the page holds them: headline, author, body (the text elements)."""
    parts = []
    for path in sorted((DEMO / "docs" / "articles").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        html = markdown.markdown(body, extensions=["attr_list", "tables"])
        zones = HtmlDoc.parse(f'<div data-mg-part="article" id="article-body">{html}</div>').zones
        parts.append([meta["title"], str(meta.get("author") or "Someone"), zones["article-body"]])
    return parts


TRICKY = [
    "The \u201cPeace\u00a0Talks\u201d \u2014 said one envoy \u2013 were  over.\n\nThe talks resumed.",
    "Zapo\u00adrizhzhia\u200b plant, the \ufb01rst\u2026 caf\u00e9 cafe\u0301 \u2018quoted\u2019 `tick` \u00b4acute\u00b4",
    "a---b -- c \u2212 d \uff0d e\u2010f \u2014\u2014 g",
    "\t  leading and trailing  \n\x1c\x85 odd spaces\u3000here\u2028and\u2029there  ",
    "\u4e2d\u6587\u7684\u6587\u672c\u3002\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3002 \u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22",
    "\u00bd \u2460 \u2122 \u33a1 \uff21\uff22 \u1e9b\u0323",
]


def test_text_is_folded_as_the_build_folds_it():
    texts = TRICKY + [text for part in article_texts() for text in part]
    for text, js in zip(texts, ask("normalise", texts)):
        folded = normalise(text)
        assert js["text"] == folded.text, repr(text[:80])
        assert js["origin"] == list(folded.origin), repr(text[:80])  # these texts hold no character past U+FFFF


def _spans(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Passages as an author selects them: whole words mostly, some cut inside a word."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    spans = []
    for _ in range(count):
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.choice([0, 0, 1, 2, 3, 5, 8]))
        start, end = words[first][0], words[last][1]
        if rng.random() < 0.15 and end - start > 3:
            start += 1
        if rng.random() < 0.15 and end - start > 3:
            end -= 1
        spans.append((start, end))
    return spans


def test_every_quote_the_page_writes_anchors_in_the_build_on_exactly_its_passage():
    rng = random.Random(14)
    parts = article_texts() + [["Talks", "Someone", "The talks went on. The talks, said Scholz, went on. The talks."],
                               ["A heated debate", "Maria Jensen", "A long and heated debate. A heated debate it was."],
                               ["Same", "Same", "Same words. Same words here. Same words."]]
    cases = []
    for texts in parts:
        for index, text in enumerate(texts):
            cases += [[texts, index, start, end] for start, end in _spans(text, rng, 40 if index == 2 else 4)]
    answers = ask("describe", cases)
    repeated = 0
    for (texts, index, start, end), js in zip(cases, answers):
        bases = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
        joined = "\n".join(texts)
        model = with_edges(normalise(joined), bases[1:])
        own = texts[index]
        while JS_SPACE.match(own[start]):  # white space at the ends of a selection is not the passage's
            start += 1
        while JS_SPACE.match(own[end - 1]):
            end -= 1
        assert (js["start"], js["end"]) == (start, end)
        cut = partial_word(own, start, end)
        assert (cut is None) == (js["partial"] is None), own[start:end]
        if cut is not None:
            whole = " ".join(own[js["partial"]["start"]:js["partial"]["end"]].split())
            assert cut.hint == f'quote whole words: "{whole}"'
        assert js["count"] == len(find_spans(model.text, fold(js["quote"])))
        assert js["failure"] is None, (own[start:end], js)
        found = anchor(model, Selector(js["quote"], js["prefix"], js["suffix"]))
        assert (found.start, found.end) == (bases[index] + start, bases[index] + end), (js, found)
        if js["prefix"]:  # context is made of whole words
            at = bases[index] + start - len(js["prefix"])
            assert at == 0 or JS_SPACE.match(joined[at - 1]) or joined[at:bases[index] + start] != js["prefix"]
        repeated += js["count"] > 1
    assert repeated > 20, "the cases include plenty of repeated passages"


NASTY = ["yes", "No", "null", "~", "12:30", "1e3", "0x1F", "- dash", "? q", ": c", "a: b", "a #c", "#c", "[x]",
         "{y}", "x, y", "'s", '"q"', "*star", "&anchor", "!tag", "|pipe", ">fold", "%pct", "@at", "`tick",
         "back\\slash", "tab\there", "line\nbreak", "nel\x85x", "ls\u2028x", "ps\u2029x", "bom\ufeffx", "del\x7fx",
         "ctl\x01x", "nbsp\u00a0x", " lead", "trail ", "\u2018Peace Talks\u2019", "emoji \U0001F600", "\u4e2d\u6587",
         "2024", "2024-03", "2024-03-28", "on", "Off", "y", "é", "a\u3000b", "\\n", "\"", "''", "a'b\"c"]


def _random_text(rng: random.Random, nasty: bool = True) -> str:
    alphabet = "abcdefghij ABC 0123 .,;:!?-'\"#&*[]{}|>%@`\\\t\u00e9\u2019\u201c\u2014\u4e2d\u00a0\U0001F600\x85\u2028\x7f"
    if nasty and rng.random() < 0.3:
        return rng.choice(NASTY)
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))


def _notes(count: int) -> list[dict]:
    rng = random.Random(1402)
    notes = []
    for i in range(count):
        quote = _random_text(rng)
        if not quote.strip():
            quote = "x" + quote
        body_lines = ["w " + _random_text(rng, nasty=False) for _ in range(rng.randint(1, 4))]  # no block syntax
        body = ("\n\n" if rng.random() < 0.2 else "") + "\n".join(body_lines)
        if not body.strip():
            body = "text " + body
        sources = [{"title": "t " + _random_text(rng), "publisher": _random_text(rng) if rng.random() < 0.5 else "",
                    "date": rng.choice(["2024", "2024-03", "2024-03-28", ""]),
                    "url": rng.choice(["https://example.org/a?b=c&d=e#f", ""])} for _ in range(rng.randint(0, 2))]
        notes.append({"id": f"note-{i}", "kind": rng.choice(["framing", "sourcing"]), "quote": quote,
                      "prefix": _random_text(rng) if rng.random() < 0.4 else "",
                      "suffix": _random_text(rng) if rng.random() < 0.4 else "",
                      "part": "article", "note": body, "topics": rng.sample(["talks", "plant"], rng.randint(1, 2)),
                      "technique": "Loaded_Language" if rng.random() < 0.5 else "", "sources": sources,
                      "corrections": [{"date": "2026-12-01", "change": _random_text(rng, nasty=False) + "x",
                                       "reason": "y" + _random_text(rng, nasty=False)}] if rng.random() < 0.2 else []})
    return notes


def _expected_body(text: str) -> str:
    """A note's Markdown as written back: no empty lines before it, no white space after it,
    nothing on lines that hold only white space (none of which changes the Markdown)."""
    lines = re.sub(r"[\s\x1c-\x1f\x85\ufeff]+$", "", re.sub(r"^\n+", "", text)).split("\n")
    return "\n".join(line if JS_SPACE.sub("", line.replace("\ufeff", "")) else "" for line in lines)


def _check_loaded(notes: list[dict], corpus_notes) -> None:
    assert [n.id for n in corpus_notes] == [n["id"] for n in notes]
    for note, loaded in zip(notes, corpus_notes):
        assert (loaded.selector.exact, loaded.selector.prefix, loaded.selector.suffix) == (
            note["quote"], note["prefix"], note["suffix"]), note["id"]
        assert loaded.body.rstrip("\n") == _expected_body(note["note"]), note["id"]
        assert list(loaded.topics) == note["topics"]
        assert (loaded.technique or "") == note["technique"]
        assert [(s.title, s.publisher or "", s.date or "", s.url or "") for s in loaded.sources] == [
            (s["title"].strip(), s["publisher"].strip(), s["date"], s["url"]) for s in note["sources"]]
        assert [(c.date, c.change, c.reason) for c in loaded.corrections] == [
            (c["date"], _expected_body(c["change"]).strip(), _expected_body(c["reason"]).strip())
            for c in note["corrections"]]


def _annotations(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (folder / "techniques.yml").write_text(TECHNIQUES, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_notes_it_writes_read_back_as_written_in_the_build_and_in_merge(tmp_path):
    notes = [note for note in _notes(160)
             if note["quote"].strip() and _expected_body(note["note"]).strip()]
    for note in notes:  # sources need a title the loader keeps, as the form requires
        note["sources"] = [s for s in note["sources"] if s["title"].strip()]
    items = ask("item", notes)
    file = ask("file", [{"article": "talks", "title": "Talks: \u201cquoted\u201d\nagain", "questions": ["Who?"],
                         "notes": notes}])[0]
    data = yaml.safe_load(file)
    assert data["article"] == "talks" and data["questions"] == ["Who?"]
    assert [n["quote"] for n in data["notes"]] == [n["quote"] for n in notes]
    annotations = "questions:\n  - Who?\nnotes:\n" + "\n".join(items) + "\n"
    corpus, problems = load_corpus(_annotations(tmp_path, {"talks.yml": annotations}), tmp_path)
    assert [p.format() for p in problems] == []
    _check_loaded(notes, corpus.articles["talks"].notes)
    existing = "# the file's own comment\nquestions:\n  - Who?\nnotes: []\n"
    merged = merge_text(existing, file, new_file="talks.yml")
    assert merged.added == [n["id"] for n in notes]
    corpus, problems = load_corpus(_annotations(tmp_path, {"talks.yml": merged.text}), tmp_path)
    assert [p.format() for p in problems] == []
    _check_loaded(notes, corpus.articles["talks"].notes)


MARKDOWN = [
    "Plain *emphasis* and **strong** with `code` and [a link](https://example.org/a?b=1&c=2).",
    "Two\n\nparagraphs", "- one\n- two", "1. one\n2. two", "Para\n\n- a\n- b", "a  \nhard break",
    "<https://example.org>", "snake_case and _em_", "a\\*b", "&amp; &copy;", "Mail [us](mailto:a@b.org)",
    "[anchor](#note-x)", "a <b>raw</b>", "<div>block</div>", "![img](https://example.org/i.png)",
    "# heading", "text\n\n## heading", "> quote", "    code", "```\nfence\n```", "a\n\n---\n\nb",
    "[x](javascript:alert(1))", "[x](/relative)", "[x](relative.html)", "[x](ftp://example.org)",
    "[x](data:text/html,hi)", "<script>alert(1)</script>",
]


def test_the_preview_refuses_the_markdown_the_build_refuses():
    renderer = NoteRenderer()
    kinds = {"raw-html": "raw HTML", "image": "images", "block": "cannot be shown", "link-relative": "relative",
             "link-scheme": "scheme"}
    notes = [note.body for article in load_corpus(DEMO / "annotations")[0].articles.values() for note in article.notes]
    for source, problems in zip(MARKDOWN + notes, ask("markup", MARKDOWN + notes)):
        errors = [p for p in problems if p["severity"] == "error"]
        built = renderer.render(source).errors
        assert bool(errors) == bool(built), (source, errors, built)
        for problem in errors:
            assert any(kinds[problem["code"]] in message for message in built), (source, problem, built)


def test_ids_urls_and_dates_are_checked_by_the_loaders_own_rules():
    ids = ["a", "a-b", "a1", "1", "-a", "a-", "A", "a_b", "a--b", "\u00e9", "a b", "heated-debate"]
    urls = ["https://example.org", "http://a.b/c", " https://example.org ", "www.example.org", "https://localhost",
            "ftp://example.org", "https://exa mple.org", "https://"]
    context = {"kinds": ["framing"], "topics": {"talks": {}}, "techniques": {}, "taken": {},
               "rules": authormode.page_data(load_corpus(DEMO / "annotations")[0], "x", "X")["rules"]}
    note = {"kind": "framing", "quote": "q", "note": "n", "topics": ["talks"]}
    cases = [dict(note, id=i) for i in ids] + [dict(note, id="ok", sources=[{"title": "t", "url": u}]) for u in urls]
    answers = ask("check", {"context": context, "notes": cases})
    for i, problems in zip(ids, answers[:len(ids)]):
        assert ("id-form" in [p["code"] for p in problems]) == (ID_PATTERN.match(i) is None), i
    for u, problems in zip(urls, answers[len(ids):]):
        assert ("source-url" in [p["code"] for p in problems]) == (URL_PATTERN.match(u.strip()) is None), u
    dates = ["2024", "2024-02", "2024-02-29", "2023-02-29", "2024-13", "2024-00", "2024-1-5", "29 Jan 2025", "", " 2024 "]
    assert ask("dates", dates) == [is_iso_date(d) for d in dates]


def test_the_page_data_gives_each_note_as_its_file_does(tmp_path):
    corpus, _ = load_corpus(DEMO / "annotations")
    slug, article = next(iter(corpus.articles.items()))
    data = authormode.page_data(corpus, slug, "Title")
    assert data["exists"] and data["questions"] == article.questions
    assert [n["id"] for n in data["notes"]] == [n.id for n in article.notes]
    assert {t["id"] for t in data["topics"]} == set(corpus.topics)
    assert {t["id"] for t in data["techniques"]} == set(corpus.techniques)
    assert data["kinds"] == ["framing", "sourcing", "claim"]
    assert authormode.page_data(corpus, "not-annotated", "T")["exists"] is False
    html = authormode.data_html({"a": "</div>\"<!-- x & y"})
    doc = HtmlDoc.parse(html)
    assert [t.tag for t in doc.tokens] == ["div", "div"] and doc.tokens[0].attrs["hidden"] is None
    assert json.loads(doc.tokens[0].attrs["data-json"]) == {"a": "</div>\"<!-- x & y"}
    # the page writes each note back as its file gives it: a note edited but unchanged is the same note
    items = ask("item", data["notes"])
    text = "questions:\n  - Q?\nnotes:\n" + "\n".join(items) + "\n"
    files = {name.name: name.read_text(encoding="utf-8") for name in (DEMO / "annotations").glob("*.yml")}
    files[f"{slug}.yml"] = text
    again, problems = load_corpus(_copy(tmp_path, files), tmp_path)
    assert [p.format() for p in problems if p.file.endswith(f"{slug}.yml")] == []
    assert [authormode.note_fields(n) for n in again.articles[slug].notes] == [
        {**authormode.note_fields(n), "line": m.line} for n, m in zip(article.notes, again.articles[slug].notes)]


def _copy(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "copy"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_scripts_it_loads_exist_and_the_markdown_parser_is_the_pinned_package():
    for path in [*authormode.SCRIPTS, authormode.STYLESHEET]:
        assert (authormode.ASSETS / path).is_file(), path
    assert {p for p, _ in authormode.asset_files()} >= {f"author/{p}" for p in authormode.SCRIPTS}
    vendored = authormode.ASSETS / "vendor" / "markdown-it"
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["markdown-it"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "an exact version, not a range"
    assert f"markdown-it {pinned} (MIT" in (vendored / "README.md").read_text(encoding="utf-8")
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/markdown-it"]
    assert locked["version"] == pinned and locked["license"] == "MIT"
    installed = ROOT / "node_modules" / "markdown-it"
    if not installed.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules/ is missing: CI installs it with npm ci (make test)")
        pytest.skip("node_modules/ is not installed (npm ci)")
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert (vendored / "markdown-it.umd.min.js").read_bytes() == (
        installed / "dist" / "browser" / "markdown-it.umd.min.js").read_bytes()
