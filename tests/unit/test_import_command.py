"""``marginalia import`` as a teacher runs it: a saved page, a URL, pasted text, the summary,
--dry-run, and every bad input, each with a clear error and nothing written."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from marginalia.commands.import_article import main
from tests.conftest import FIXTURES, ROOT

PAGES = FIXTURES / "pages"
NEWS = PAGES / "news-site.html"


@pytest.fixture
def project(tmp_path) -> Path:
    """An empty site folder: docs/ and nothing else yet."""
    (tmp_path / "docs").mkdir()
    return tmp_path


def run(project: Path, *args: str, stdin: bytes | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return main([*args, "--docs", str(project / "docs")])


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


class TestASavedPage:
    def test_it_becomes_an_article_and_its_source_is_kept_byte_for_byte(self, project, capsys):
        assert run(project, str(NEWS), "--slug", "flood-wall") == 0
        assert (project / "sources" / "flood-wall.html").read_bytes() == NEWS.read_bytes()
        meta = front_matter(project / "docs" / "articles" / "flood-wall.md")
        assert meta["source_file"] == "sources/flood-wall.html" and meta["source_format"] == "html"
        assert meta["outlet"] == "The Coastal Courier" and meta["author"] == "Maria Jensen"

    def test_the_summary_says_what_was_found_kept_and_left_out(self, project, capsys):
        run(project, str(NEWS), "--slug", "flood-wall")
        out = capsys.readouterr().out
        for line in ("title    Harbour council approves flood wall after heated debate", "author   Maria Jensen",
                     "outlet   The Coastal Courier", "date     2024-05-14",
                     "URL      https://coastal-courier.example/news/2024/05/harbour-flood-wall",
                     "kept     219 words in 7 paragraphs (1 heading, 1 list, 1 block quote, 1 link",
                     "left out 16 blocks of page furniture", "“We use cookies to improve your experience. By …”",
                     "“Share on Facebook Share on X Email this …”", "“Related stories”",
                     "1 link that would run code (javascript:…) kept as plain text",
                     "wrote sources/flood-wall.html", "wrote docs/articles/flood-wall.md"):
            assert line in out, line
        assert "warning" not in out

    def test_a_warning_names_each_missing_field_and_the_flag_that_supplies_it(self, project, capsys):
        page = project / "bare.html"
        paragraphs = ["The town library will open on Sundays from March, the council said on Monday.",
                      "Volunteers will staff the reading room, and the children's corner stays closed.",
                      "The trial lasts six months; the council will then count the visitors and decide."]
        page.write_text("<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                        + "</article></body></html>", encoding="utf-8")
        assert run(project, str(page), "--title", "Bare") == 0
        out = capsys.readouterr().out
        for warning in ('warning: no author found; pass --author "NAME"',
                        'warning: no outlet (the publication\'s name) found; pass --outlet "NAME"',
                        "warning: no publication date found; pass --date YYYY-MM-DD",
                        "warning: no address of the original (URL) found; pass --url https://…"):
            assert warning in out

    def test_dry_run_prints_the_same_summary_and_writes_nothing(self, project, capsys):
        assert run(project, str(NEWS), "--slug", "flood-wall", "--dry-run") == 0
        out = capsys.readouterr().out
        assert "would write docs/articles/flood-wall.md" in out and "dry run: nothing was written" in out
        assert files_in(project) == {}

    def test_a_page_already_under_sources_is_not_copied_again(self, project, capsys):
        (project / "sources").mkdir()
        shutil.copy(NEWS, project / "sources" / "saved.html")
        assert run(project, str(project / "sources" / "saved.html"), "--slug", "flood-wall") == 0
        assert sorted(files_in(project / "sources")) == ["saved.html"]
        assert front_matter(project / "docs" / "articles" / "flood-wall.md")["source_file"] == "sources/saved.html"

    def test_the_old_command_name_still_works(self, project):
        proc = subprocess.run([str(Path(sys.executable).parent / "marginalia-import"), str(NEWS), "--docs",
                               str(project / "docs"), "--dry-run"], capture_output=True, text=True)
        assert proc.returncode == 0 and "Would import (html)" in proc.stdout


class TestPastedText:
    def test_from_standard_input_with_every_flag(self, project, monkeypatch, capsys):
        text = (FIXTURES / "raw" / "pasted-from-browser.txt").read_bytes()
        status = run(project, "-", "--title", "Harbour council approves flood wall after heated debate",
                     "--author", "Maria Jensen", "--outlet", "The Coastal Courier", "--date", "2024-05-14",
                     "--url", "https://coastal-courier.example/news/2024/05/harbour-flood-wall", "--slug", "pasted",
                     stdin=text, monkeypatch=monkeypatch)
        assert status == 0
        meta = front_matter(project / "docs" / "articles" / "pasted.md")
        assert meta == {"title": "Harbour council approves flood wall after heated debate", "author": "Maria Jensen",
                        "outlet": "The Coastal Courier", "published": __import__("datetime").date(2024, 5, 14),
                        "url": "https://coastal-courier.example/news/2024/05/harbour-flood-wall",
                        "source_file": "sources/pasted.txt", "source_format": "text"}
        assert (project / "sources" / "pasted.txt").read_bytes() == text
        out = capsys.readouterr().out
        assert "“• Skip to main content”" in out and "“Coastal Courier”" in out  # listed as left out
        assert "warning" not in out

    def test_without_flags_every_gap_is_a_warning(self, project, monkeypatch, capsys):
        assert run(project, "-", "--dry-run", stdin=b"A headline\n\nSome words of text here.\n",
                   monkeypatch=monkeypatch) == 0
        out = capsys.readouterr().out
        assert "the title is the text's first line, “A headline”" in out
        assert out.count("warning: no ") == 4


class Site(BaseHTTPRequestHandler):
    """A local news site: pages, a redirect, errors, a PDF and a page that never answers."""

    routes: dict[str, tuple[int, str, bytes]] = {
        "/story": (200, "text/html; charset=utf-8", NEWS.read_bytes()),
        "/ru": (200, "text/html; charset=windows-1251", (PAGES / "cyrillic-windows-1251.html").read_bytes()),
        "/gone": (404, "text/html", b"<h1>Not found</h1>"),
        "/broken": (500, "text/html", b"<h1>Oops</h1>"),
        "/report.pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
    }

    def do_GET(self):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        if self.path == "/slow":
            threading.Event().wait(2)
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"no"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as it should
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


class TestAUrl:
    def test_the_page_is_fetched_once_saved_as_received_and_imported(self, project, server, capsys):
        assert run(project, f"{server}/moved", "--slug", "flood-wall") == 0
        assert (project / "sources" / "flood-wall.html").read_bytes() == NEWS.read_bytes()
        meta = front_matter(project / "docs" / "articles" / "flood-wall.md")
        assert meta["url"] == "https://coastal-courier.example/news/2024/05/harbour-flood-wall"  # its canonical address
        assert f"the page as received from {server}/story" in capsys.readouterr().out

    def test_the_charset_the_server_declares_is_used(self, project, server):
        assert run(project, f"{server}/ru", "--slug", "damba") == 0
        assert "Городской совет" in (project / "docs" / "articles" / "damba.md").read_text(encoding="utf-8")

    @pytest.mark.parametrize("path, message", [
        ("/gone", "the server answered 404 Not Found"),
        ("/broken", "the server answered 500 Internal Server Error"),
        ("/report.pdf", "the address gives application/pdf, not a web page"),
    ])
    def test_a_failure_says_what_the_server_answered_and_writes_nothing(self, project, server, capsys, path, message):
        assert run(project, f"{server}{path}") == 1
        err = capsys.readouterr().err
        assert message in err and "nothing was written" in err
        assert files_in(project) == {}

    def test_a_network_error_is_named(self, project, capsys):
        import socket

        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        assert run(project, f"http://127.0.0.1:{port}/story") == 1
        assert "could not fetch the page: [Errno 111] Connection refused" in capsys.readouterr().err
        assert files_in(project) == {}

    def test_a_server_that_does_not_answer_in_time_is_an_error(self, project, server, capsys, monkeypatch):
        from marginalia.importer import fetch

        monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
        monkeypatch.setattr(fetch.fetch, "__defaults__", (0.5,))
        assert run(project, f"{server}/slow") == 1
        assert "no answer within 0.5 seconds" in capsys.readouterr().err


BAD_INPUTS = [
    # (file name, content, extra flags, what the error says)
    (None, None, [], "no such file"),
    ("empty.html", b"  \n", [], "the file is empty"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", [], "this is a PDF document, not a web page or text"),
    ("photo.html", b"\x00\x01\x02binary\x00", [], "this is a binary file"),
    ("latin1.txt", "Caf\u00e9 society\n\nWords of text.\n".encode("latin-1"), [],
     "not UTF-8 text (byte 0xe9 at offset 3), and it declares no other character set"),
    ("nothing.html", (PAGES / "needs-javascript.html").read_bytes(), [], "found no article text in this page"),
    ("page.html", NEWS.read_bytes(), ["--format", "text"], "this is a web page (HTML), not plain text"),
    ("odd.html", b'<html><head><meta charset="klingon"></head><body><p>x</p></body></html>', [],
     "declares the character set 'klingon', which is unknown"),
    ("story.html", NEWS.read_bytes(), ["--date", "14/05/2024"], "--date: cannot read the date '14/05/2024'"),
    ("story.html", NEWS.read_bytes(), ["--url", "coastal-courier.example/x"], "give the full address, starting with https://"),
    ("story.html", NEWS.read_bytes(), ["--slug", "index"], "is the name of one of the site's own pages"),
]


@pytest.mark.parametrize("name, content, flags, message", BAD_INPUTS)
def test_every_bad_input_gets_a_clear_error_and_nothing_is_written(project, capsys, name, content, flags, message):
    incoming = project.parent / f"incoming-{project.name}"
    incoming.mkdir()
    source = incoming / (name or "missing.html")
    if content is not None:
        source.write_bytes(content)
    assert run(project, str(source), *flags) == 1
    err = capsys.readouterr().err
    assert message in err, err
    assert "nothing was written" in err and "Traceback" not in err
    assert files_in(project) == {}


def test_an_existing_article_needs_force(project, capsys):
    assert run(project, str(NEWS), "--slug", "flood-wall") == 0
    before = files_in(project)
    capsys.readouterr()
    assert run(project, str(PAGES / "blog-post.html"), "--slug", "flood-wall") == 1
    assert "docs/articles/flood-wall.md exists already; pass --force to overwrite it" in capsys.readouterr().err
    assert files_in(project) == before
    assert run(project, str(PAGES / "blog-post.html"), "--slug", "flood-wall", "--force") == 0
    assert front_matter(project / "docs" / "articles" / "flood-wall.md")["title"] == "Why I stopped trusting step counters"


def test_an_error_in_a_subprocess_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Caf\xe9\n")
    proc = subprocess.run([sys.executable, "-m", "marginalia", "import", str(bad), "--docs", str(tmp_path / "docs")],
                          capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert proc.returncode == 1
    assert "not UTF-8" in proc.stderr and "Traceback" not in proc.stderr
