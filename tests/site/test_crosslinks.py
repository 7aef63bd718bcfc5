"""Same-topic links between articles and the generated topic pages, in tiny sites."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import MKDOCS, TOPICS, write_site
from tests.linkcheck import broken_links
from tests.textutil import visible_text

ONE = """\
---
title: First article
outlet: Outlet One
published: 2024-04-01
---

The talks went on without Moscow. The plant was shelled again.
"""
TWO = """\
---
title: Second article
outlet: Outlet Two
published: 2025-01-07
---

Peace talks need Moscow at the table. Nobody knows who shelled the plant.
"""
NOTES_ONE = """\
questions: [Who talks?]
notes:
  - id: without-moscow
    kind: framing
    quote: without Moscow
    note: Talks without one party.
    topics: [talks]
  - id: shelled
    kind: claim
    quote: The plant was shelled again.
    note: Who shelled it is disputed.
    topics: [plant, talks]
    sources: [{title: A report, publisher: Agency, date: "2024"}]
"""
NOTES_TWO = """\
questions: [Who talks?]
notes:
  - id: at-the-table
    kind: framing
    quote: Moscow at the table
    note: The other view.
    topics: [talks]
  - id: nobody-knows
    kind: sourcing
    quote: Nobody knows
    note: Vague.
    topics: [plant]
"""


def two_articles(site, topics: str = TOPICS, **kwargs):
    return site(articles={"one": ONE, "two": TWO},
                annotations={"one.yml": NOTES_ONE, "two.yml": NOTES_TWO, "topics.yml": topics,
                             "techniques.yml": ""}, **kwargs)


def links_of(page: str, note_id: str) -> list[str]:
    note = re.search(rf'id="note-{note_id}".*?More</button></span>', page, re.S).group(0)  # "More" ends a note
    return re.findall(r'<a href="([^"]+)">[^<]*</a>', note.split("Same topic", 1)[1])


def test_forward_and_backward_links(site):
    built = two_articles(site)
    assert built.returncode == 0, built.output
    one, two = built.page("articles/one"), built.page("articles/two")
    assert "../two/#note-at-the-table" in links_of(one, "without-moscow")
    assert "../one/#note-without-moscow" in links_of(two, "at-the-table")
    assert "Outlet Two, January 2025 · framing: “Moscow at the table”" in one
    assert "This article · claim: “The plant was shelled again.”" in one  # same article, other note


def test_note_with_several_topics_groups_its_links_by_topic(site):
    page = two_articles(site).page("articles/one")
    note = re.search(r'id="note-shelled".*?More</button></span>', page, re.S).group(0)
    assert note.index(">Peace talks</a>") < note.index("#note-without-moscow")
    assert note.index(">The nuclear plant</a>") < note.index("#note-nobody-knows")
    assert 'href="../../topics/plant/"' in note


def test_topic_pages_compare_the_articles(site):
    built = two_articles(site)
    topic = built.page("topics/talks")
    assert "Who negotiates with whom." in topic
    assert topic.index("First article") < topic.index("Second article")
    assert "without Moscow" in topic and "Moscow at the table" in topic
    assert 'href="../../articles/two/#note-at-the-table"' in topic
    index = built.page("topics")
    assert re.search(r'<a href="talks/">Peace talks</a></td>\s*<td[^>]*>3</td>', index)
    assert "Outlet One, April 2024: 2; Outlet Two, January 2025: 1" in index
    assert not (built.root / "docs" / "topics").exists(), "generated pages stay out of docs/"


def test_topic_used_in_one_article_only(site):
    notes_two = NOTES_TWO.replace("topics: [plant]", "topics: [talks]")
    built = site(articles={"one": ONE, "two": TWO},
                 annotations={"one.yml": NOTES_ONE, "two.yml": notes_two, "topics.yml": TOPICS,
                              "techniques.yml": ""})
    assert built.returncode == 0, built.output
    topic = visible_text(built.page("topics/plant"), "md-content")
    assert "1 note in 1 article" in topic and "Second article" not in topic


def test_renamed_topic_is_reported_where_it_is_used(site):
    renamed = TOPICS.replace("  talks:", "  peace-talks:")
    built = two_articles(site, topics=renamed)
    assert built.returncode != 0
    assert "annotations/one.yml:7: note 'without-moscow': unknown topic 'talks'" in built.output
    assert "did you mean 'peace-talks'?" in built.output
    assert "Traceback" not in built.output


def test_links_work_with_directory_urls_off(site):
    built = two_articles(site, config="use_directory_urls: false\n")
    assert built.returncode == 0, built.output
    one = (built.site / "articles" / "one.html").read_text(encoding="utf-8")
    assert "two.html#note-at-the-table" in one
    assert 'href="../topics/talks.html"' in one
    assert broken_links(built.site, "/test/") == []


def test_no_link_in_a_tiny_site_is_broken(site):
    built = two_articles(site)
    assert broken_links(built.site, "/test/") == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_an_annotation_file_changes(tmp_path):
    write_site(tmp_path, {"one": ONE, "two": TWO},
               {"one.yml": NOTES_ONE, "two.yml": NOTES_TWO, "topics.yml": TOPICS, "techniques.yml": ""})
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/test/articles/one/"
    try:
        page = _wait_for(lambda: fetch(url), lambda text: "without-moscow" in text)
        assert "Talks without one party." in page
        notes = tmp_path / "annotations" / "one.yml"
        notes.write_text(notes.read_text().replace("Talks without one party.", "Edited while serving."))
        page = _wait_for(lambda: fetch(url), lambda text: "Edited while serving." in text)
        assert "Talks without one party." not in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(get, ok, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = get()
            if ok(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"gave up waiting; last response: {str(last)[:300]}")


def test_search_indexes_notes_on_their_article_page_only(site):
    """Notes are found by their text on the article page; the furniture around them (same-topic
    links, toggles) is not indexed, and topic pages are indexed by title and description only."""
    import json

    built = two_articles(site)
    assert built.returncode == 0, built.output
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = {doc["location"]: doc["text"] for doc in docs}
    article = text["articles/one/"]
    assert "The plant was shelled again." in article
    assert "Claim note 2: Who shelled it is disputed. A report, Agency, 2024." in article
    assert "Same topic" not in article and "Second article" not in article
    assert "Highlighted passages have a margin note" not in article, "the legend is not the article's text"
    assert "Practice mode" not in article and "Printable worksheet" not in article
    topic = " ".join(t for location, t in text.items() if location.startswith("topics/talks/"))
    assert "Who negotiates with whom." in topic and "disputed" not in topic
    page = built.page("articles/one")
    assert "data-mg-held" not in page and page.count('class="mg-note') >= 2
    assert "Who shelled it is disputed." in visible_text(built.page("topics/talks"), "mg-compare")
