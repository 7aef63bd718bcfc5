"""The class overview, as a teacher uses it, in Chromium at 1440 and 390 px.

The students' files are generated from the site's own notes (tests/classsets.py), so these
tests hold for any site: 30 students on up to two articles, who find some notes with the
note's kind or another, miss others, and mark passages no note covers. The tables on the page
are checked against counts made in Python from how the files were made. Screenshots go to
test-output/screenshots/class-overview-*.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.classsets import Span, class_set, practice_file, site_articles

pytestmark = pytest.mark.browser

PAGE = "class-overview/"
WCAG22 = ("wcag2a", "wcag2aa", "wcag21aa", "wcag22aa")
RESULTS = """() => [...document.querySelectorAll('.mg-class__article')].map(section => {
  const rows = (suffix) => {
    const table = section.querySelector(`table[id$="-${suffix}-table"]`);
    return table ? [...table.tBodies[0].rows].map(tr => Object.fromEntries(
      [...tr.cells].map(td => [td.dataset.label, td.innerText.trim()]))) : [];
  };
  return {title: section.querySelector('h2').innerText, notes: rows('notes'), passages: rows('passages'),
          students: rows('students')};
})"""


@pytest.fixture(scope="module")
def articles(built_site):
    """Up to two of the site's articles with notes: what the generated classes work on."""
    found = [a for a in site_articles(built_site) if a.notes][:2]
    assert found, "the site has an annotated article"
    return found


@pytest.fixture(scope="module")
def klass(articles):
    return class_set(articles, students=30, seed=11)


def payload(files: dict[str, str | bytes]) -> list[dict]:
    return [{"name": name, "mimeType": "application/json",
             "buffer": text if isinstance(text, bytes) else text.encode("utf-8")} for name, text in files.items()]


def give(page, files: dict[str, str | bytes]) -> None:
    """Choose files with the page's own button, as a teacher does."""
    page.evaluate("document.querySelector('.mg-class__status').textContent = ''")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose files").click()
    assert chooser.value.is_multiple()
    chooser.value.set_files(payload(files))
    page.wait_for_function("document.querySelector('.mg-class__status').textContent.startsWith('Read')")


def who(text: str) -> dict[str, bool]:
    """"Student 01, Student 02 (as claim)" -> {name: marked with the note's kind?}."""
    if text == "Nobody":
        return {}
    return {re.sub(r" \(as [a-z ]+\)$", "", part): "(as " not in part for part in text.split(", ")}


def check_tables(results: list[dict], articles, klass) -> None:
    """The page's tables, against the counts made from the generated class."""
    assert [r["title"] for r in results] == sorted((a.title for a in articles), key=str.lower)
    for result in results:
        article = next(a for a in articles if a.title == result["title"])
        expected = klass.expected[article.slug]
        students = len(expected.students)
        assert [int(r["Note"]) for r in result["notes"]] == [n["number"] for n in article.notes], "every note, in order"
        for row, want in zip(result["notes"], expected.notes):
            assert row["Marked it"] == f"{want['count']} of {students}", row
            assert int(row["Same kind"]) == want["same"], row
            assert who(row["Who"]) == want["who"], row
        assert [int(r["Students"]) for r in result["passages"]] == [len(g["students"]) for g in expected.passages]
        for row, group in zip(result["passages"], expected.passages):
            assert row["Passage"].find(" ".join(article.text[group["start"]:group["end"]].split())) >= 0, row
            kinds = dict((k, int(n)) for k, n in re.findall(r"(framing|sourcing|claim) (\d+)", row["Kinds"]))
            assert kinds == group["kinds"], row
            assert {line.split(" (")[0] for line in row["Who and why"].split("\n")} == group["students"]
        got = {r["Student"]: {"marks": int(r["Marks"]), "found": int(r["Notes found"].split(" of ")[0]),
                              "same": int(r["Same kind"]), "unmatched": int(r["Matching no note"])}
               for r in result["students"]}
        assert got == expected.students


def track_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize("width", [1440, 390])
def test_a_class_of_30_shows_what_each_note_passage_and_student_got(open_page, articles, klass, width):
    page = open_page(PAGE, width, height=900 if width > 900 else 844)
    page.wait_for_selector(".mg-class__choose")
    requests = track_requests(page)
    screenshot(page, f"class-overview-{width}-1-empty")
    assert axe_violations(page, WCAG22) == []

    give(page, klass.files)
    assert page.inner_text(".mg-class__status") == f"Read {len(klass.files)} files: {len(klass.files)} counted."
    check_tables(page.evaluate(RESULTS), articles, klass)
    assert page.evaluate("document.querySelectorAll('.mg-class__left-out li').length") == 0
    assert page.is_hidden("#mg-class-left-out-title")
    page.locator(".mg-class__article h2").first.scroll_into_view_if_needed()
    screenshot(page, f"class-overview-{width}-2-notes")
    page.locator("h3[id$='-passages']").first.scroll_into_view_if_needed()
    screenshot(page, f"class-overview-{width}-3-passages")
    page.locator("h3[id$='-students']").first.scroll_into_view_if_needed()
    screenshot(page, f"class-overview-{width}-4-students")
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, "nothing is wider than the screen"
    assert axe_violations(page, WCAG22) == []
    assert requests == [], "reading and showing the files makes no request"


def test_the_filled_overview_in_dark_mode_with_a_file_left_out_has_no_axe_violations(open_page, klass):
    page = open_page(PAGE, 1440, color_scheme="dark")
    give(page, dict(list(klass.files.items())[:6]) | {"broken.json": "{"})
    page.click(".mg-class__counted summary")
    screenshot(page, "class-overview-1440-dark")
    assert axe_violations(page, WCAG22) == []


def bad_files(base_url, page, article, good: str) -> dict[str, tuple[str | bytes, str]]:
    """Every kind of file a teacher may be handed that must be left out: contents, reason."""
    data = json.loads(good)
    export = page.request.get(base_url + f"exports/{article.slug}.jsonld")
    return {
        "broken.json": ('{"format": "marginalia-practice", "marks": [', "it is not JSON"),
        "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "it is not JSON"),
        "notes.jsonld": (export.text() if export.ok else '{"type": "AnnotationCollection"}',
                         "it is not a Marginalia practice file"),
        "newer.json": (json.dumps({**data, "version": 99}), "newer version of Marginalia (format version 99)"),
        "elsewhere.json": (json.dumps({**data, "article": "an-article-of-another-site", "title": "Elsewhere"}),
                           "it holds work on “Elsewhere”, an article this site does not have"),
        "no-marks.json": (json.dumps({**data, "marks": {"a": 1}}), "its \"marks\" is not a list"),
        "bad-kind.json": (json.dumps({**data, "marks": [{**data["marks"][0], "kind": "opinion"}]}),
                          "mark 1 has the kind “opinion”"),
        "deep.json": ("[" * 100_000 + "]" * 100_000, "nested far more deeply"),
        "huge.json": (" " * 3_000_000, "too large to be a practice file (3.0 MB"),
        "again.json": (good, "another file by Zoë Example on this article counts: “zoe.json”, read first."),
    }


def test_every_bad_file_is_listed_with_its_reason_and_the_rest_count_as_before(open_page, base_url, articles, klass):
    page = open_page(PAGE, 1440)
    requests = track_requests(page)
    article = articles[0]
    zoe = practice_file(article, "Zoë Example", [Span(article.notes[0]["start"], article.notes[0]["end"],
                                                      article.notes[0]["kind"])])
    give(page, klass.files)
    before = page.evaluate(RESULTS)
    page.get_by_role("button", name="Start again").click()
    assert page.evaluate("document.querySelectorAll('.mg-class__article').length") == 0
    bad = bad_files(base_url, page, article, zoe)
    requests.clear()
    give(page, {**dict(list(klass.files.items())[:7]), "zoe.json": zoe,
                **{name: contents for name, (contents, _) in bad.items()}, **dict(list(klass.files.items())[7:])})
    status = page.inner_text(".mg-class__status")
    assert status == f"Read {len(klass.files) + 1 + len(bad)} files: {len(klass.files) + 1} counted, {len(bad)} left out " \
                     "(the list of files says why).", status
    listed = page.evaluate("""[...document.querySelectorAll('.mg-class__left-out li')].map(li => [
        li.querySelector('strong').textContent, li.textContent])""")
    assert [name for name, _ in listed] == list(bad), "each file left out is listed, in the order given"
    for name, text in listed:
        assert bad[name][1] in text, text
    after = page.evaluate(RESULTS)
    for result, earlier in zip(after, before):
        if result["title"] == article.title:  # Zoë counts: one more student, and note 1 found once more
            assert len(result["students"]) == len(earlier["students"]) + 1
            assert int(result["notes"][0]["Same kind"]) == int(earlier["notes"][0]["Same kind"]) + 1
        else:
            assert result == earlier, "a bad file changes nothing else"
    screenshot(page, "class-overview-1440-5-left-out")

    page.click(f".mg-class__left-out button[aria-label='Remove again.json']")
    assert "again.json" not in page.inner_text(".mg-class__left-out")
    assert page.evaluate("document.activeElement.textContent") == "Remove", "focus stays in the list"
    assert requests == []


def test_a_students_file_is_shown_as_text_and_runs_nothing(open_page, articles):
    page = open_page(PAGE, 1440)
    article = articles[0]
    name = '<img src=x onerror="window.__pwned = 1">'
    note = article.notes[0]
    gaps = article.gaps()
    marks = [Span(note["start"], note["end"], note["kind"], '<script>window.__pwned = 2</script><b>why</b>')]
    if gaps:
        marks.append(Span(*gaps[0], "claim", '<a href="javascript:window.__pwned=3">link</a>'))
    give(page, {'"><svg onload=alert(1)>.json': practice_file(article, name, marks)})
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#mg-class img, #mg-class script, #mg-class svg, #mg-class b').length") == 0
    assert name in page.inner_text(".mg-class__results")
    if gaps:
        assert '<a href="javascript:window.__pwned=3">link</a>' in page.inner_text(".mg-class__results")
        assert page.evaluate("[...document.querySelectorAll('#mg-class a')].every(a => !a.href.startsWith('javascript'))")
    page.click(".mg-class__counted summary")
    assert '"><svg onload=alert(1)>.json' in page.inner_text(".mg-class__counted")


def test_files_dropped_on_the_page_are_read_and_the_page_stays(open_page, klass):
    page = open_page(PAGE, 1440)
    url = page.url
    files = dict(list(klass.files.items())[:5])
    page.evaluate("""([files, target]) => {
        const data = new DataTransfer();
        for (const [name, text] of files) data.items.add(new File([text], name, {type: 'application/json'}));
        const zone = document.querySelector(target);
        for (const type of ['dragenter', 'dragover', 'drop'])
          zone.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", [list(files.items()), ".mg-class__drop"])
    page.wait_for_function("document.querySelector('.mg-class__status').textContent.startsWith('Read 5 files')")
    more = dict(list(klass.files.items())[5:8])
    prevented = page.evaluate("""(files) => {
        const data = new DataTransfer();
        for (const [name, text] of files) data.items.add(new File([text], name, {type: 'application/json'}));
        const drop = new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true});
        document.querySelector('h1').dispatchEvent(drop);  // beside the drop zone
        return drop.defaultPrevented;
    }""", list(more.items()))
    assert prevented, "the browser does not open the file in place of the page"
    page.wait_for_function("document.querySelector('.mg-class__status').textContent.startsWith('Read 3 files')")
    assert page.url == url
    assert page.inner_text(".mg-class__counted summary") == "Counted: 8 files"


def tab_to(page, test: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {test}; }})()"):
            return
    pytest.fail(f"Tab never reaches {test}")


@pytest.mark.parametrize("width", [1440, 390])
def test_keyboard_only_choose_sort_download_and_print(open_page, articles, klass, tmp_path, width):
    page = open_page(PAGE, width, accept_downloads=True)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.on("filechooser", lambda chooser: None)  # Playwright takes over file choosers from now on
    tab_to(page, "el.textContent === 'Choose files'")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(payload(klass.files))
    page.wait_for_function("document.querySelector('.mg-class__status').textContent.startsWith('Read')")

    tab_to(page, "el.classList.contains('mg-class__sort') && el.textContent.startsWith('Marked it')")
    page.keyboard.press("Enter")
    assert "Sorted by marked it, highest first" in page.inner_text(".mg-class__status")
    first = page.evaluate(RESULTS)[0]
    counts = [int(r["Marked it"].split(" of ")[0]) for r in first["notes"]]
    assert counts == sorted(counts, reverse=True), "most found first"
    header = "document.activeElement.closest('th').getAttribute('aria-sort')"
    assert page.evaluate(header) == "descending"
    page.keyboard.press("Enter")
    assert page.evaluate(header) == "ascending"
    counts = [int(r["Marked it"].split(" of ")[0]) for r in page.evaluate(RESULTS)[0]["notes"]]
    assert counts == sorted(counts)
    screenshot(page, f"class-overview-{width}-6-sorted")

    tab_to(page, "el.classList.contains('mg-class__download') && el.textContent === 'Notes'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    article = next(a for a in articles if a.title == first["title"])
    assert path.name == f"class-overview-{article.slug}-notes.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = klass.expected[article.slug]
    assert rows[0][:5] == ["Note", "Kind", "Passage", "Students who marked it", "With the same kind"]
    assert [(int(r[0]), int(r[3]), int(r[4])) for r in rows[1:]] == [
        (n["number"], n["count"], n["same"]) for n in expected.notes], "in the article's order"
    for row, note in zip(rows[1:], article.notes):
        assert row[2] == article.text[note["start"]:note["end"]]

    tab_to(page, "el.classList.contains('mg-class__download') && el.textContent === 'Students'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
    assert {r[0]: (int(r[3]), int(r[4]), int(r[5])) for r in rows[1:]} == {
        name: (s["found"], s["same"], s["unmatched"]) for name, s in expected.students.items()}

    page.keyboard.press("Shift+Tab")  # back to the passages' file
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
    assert [int(r[1]) for r in rows[1:]] == [len(g["students"]) for g in expected.passages]

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    for _ in range(400):  # back up to the print button
        if page.evaluate("document.activeElement.textContent") == "Print the overview":
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") is True


@pytest.mark.parametrize("width", [1440, 794])  # 794 px: an A4 page
def test_the_printed_overview_shows_the_tables_and_no_controls(open_page, klass, width):
    page = open_page(PAGE, width)
    give(page, klass.files | {"broken.json": "{"})
    page.emulate_media(media="print")
    visible = "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length"
    assert page.evaluate(visible, ".mg-class button:not(.mg-class__sort), .mg-class__drop, .mg-class input") == 0
    assert page.evaluate(visible, ".mg-class__table tbody tr") > 0
    assert page.evaluate(visible, ".md-sidebar, .md-header") == 0
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, "the tables fit the page"
    page.locator(".mg-class__article").first.scroll_into_view_if_needed()
    screenshot(page, f"class-overview-{width}-7-print")


def test_files_are_kept_only_when_asked_and_only_in_this_browser(open_page, klass):
    page = open_page(PAGE, 1440)
    files = dict(list(klass.files.items())[:4])
    give(page, files)
    stored = "JSON.stringify(Object.entries(localStorage))"
    assert "marginalia-practice" not in page.evaluate(stored) and "Student" not in page.evaluate(stored)
    page.reload()
    page.wait_for_selector(".mg-class__choose")
    assert page.evaluate("document.querySelectorAll('.mg-class__article').length") == 0, "nothing kept unasked"

    give(page, files)
    page.check("#mg-class-keep")
    assert "kept in this browser" in page.inner_text(".mg-class__status")
    page.reload()
    page.wait_for_selector(".mg-class__article")
    assert page.inner_text(".mg-class__counted summary") == "Counted: 4 files"
    assert page.is_checked("#mg-class-keep")
    assert page.inner_text(".mg-class__status").startswith("Showing 4 files kept in this browser")

    page.uncheck("#mg-class-keep")
    assert page.evaluate("localStorage.getItem('marginalia-class-files')") is None
    page.reload()
    page.wait_for_selector(".mg-class__choose")
    assert page.evaluate("document.querySelectorAll('.mg-class__article').length") == 0

    give(page, files)
    page.check("#mg-class-keep")
    page.get_by_role("button", name="Start again").click()
    assert page.evaluate("localStorage.getItem('marginalia-class-files')") is None
    assert "forgotten by this browser" in page.inner_text(".mg-class__status")


def test_a_students_check_my_work_and_the_overview_agree(open_page, articles, tmp_path):
    """The same file, checked by the student on the article page and read by the overview."""
    article = articles[0]
    page = open_page(f"articles/{article.slug}/", 1440, accept_downloads=True)
    page.click(".mg-practice__switch")
    page.wait_for_selector(".mg-bar:not([hidden])")
    words = [" ".join(article.text[n["start"]:n["end"]].split()[:3]) for n in article.notes[:3]]
    words += [" ".join(article.text[a:b].split()[:4]) for a, b in article.gaps()[:2]]
    for i, passage in enumerate(words):
        page.fill("#mg-passage", passage)
        page.wait_for_selector(".mg-bar__details:not([hidden])")
        page.check(f".mg-bar input[value={('framing', 'sourcing', 'claim')[i % 3]}]")
        page.click(".mg-bar__add")
    page.fill("#mg-name", "Ana Example")
    page.press("#mg-name", "Tab")
    page.click(".mg-work__check")
    summary = page.inner_text(".mg-work__summary")
    found, total, same = map(int, re.match(r"You found (\d+) of (\d+) published notes, (\d+) with", summary).groups())
    loose = re.search(r"(\d+) of your marks? match", summary)
    with page.expect_download() as download:
        page.click("text=Save to a file")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    page.click(".mg-work a[href$='class-overview/']")  # the link for teachers in practice mode's panel
    page.wait_for_selector(".mg-class__choose")
    give(page, {saved.name: saved.read_text(encoding="utf-8")})
    row = page.evaluate(RESULTS)[0]["students"][0]
    assert row["Student"] == "Ana Example"
    assert row["Notes found"] == f"{found} of {total}"
    assert int(row["Same kind"]) == same
    assert int(row["Matching no note"]) == (int(loose.group(1)) if loose else 0)


def test_the_overview_starts_after_instant_navigation_too(open_page, klass):
    page = open_page("", 1440)
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav a[href$='class-overview/']").locator("visible=true").first.click()
    page.wait_for_selector(".mg-class__choose")
    give(page, dict(list(klass.files.items())[:3]))
    assert page.evaluate("document.querySelectorAll('.mg-class__article').length") >= 1
    assert page.evaluate("window.__sameDocument") is True, "instant navigation, not a page load"


def test_the_offline_copy_reads_files_from_the_file_system_with_no_request(browser, offline_site, klass):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto((offline_site / "index.html").as_uri())
        page.locator(".md-nav a[href='class-overview.html']").locator("visible=true").first.click()
        page.wait_for_selector(".mg-class__choose")
        requests = track_requests(page)
        give(page, klass.files)
        assert "file://" in page.url
        assert page.evaluate("document.querySelectorAll('.mg-class__article').length") == len(klass.expected)
        link = page.locator(".mg-class__article h2 a").first.get_attribute("href")
        assert link.endswith(".html")
        screenshot(page, "class-overview-offline-1440")
        assert requests == [] and failed == []
    finally:
        context.close()
