"""Shared helpers: the project's paths, tiny MkDocs sites built in a temporary folder, and the
two full sites the suite builds once per run:

* ``built_site``: the project's site (config, pages, overrides, hook) with the demo content of
  ``tests/fixtures/demo/`` (a frozen copy of the two sample articles and their notes). The
  browser tests drive it, so they test the code, whatever articles the project has.
* ``real_site``: the project as it is, with its own articles; tested only for properties that
  hold for any content (tests/realsite.py), so that a fork passes the same suite.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "marginalia_hook.py"
DEMO = ROOT / "tests" / "fixtures" / "demo"  # the browser tests' content: docs/articles, annotations, sources
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]

TOPICS = """\
topics:
  talks:
    title: Peace talks
    description: Who negotiates with whom.
  plant:
    title: The nuclear plant
    description: Safety of the Zaporizhzhia plant.
"""
TECHNIQUES = """\
techniques:
  Loaded_Language:
    title: Loaded language
    group: Manipulative wording
    definition: Words chosen for their emotional charge rather than their meaning.
"""


@dataclass
class BuiltSite:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write_site(root: Path, articles: dict[str, str], annotations: dict[str, str],
               extra_docs: dict[str, str] | None = None, config: str = "") -> Path:
    """A minimal Marginalia site: Material theme, the project's hook, given files."""
    (root / "docs" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    for slug, text in articles.items():
        (root / "docs" / "articles" / f"{slug}.md").write_text(dedent(text), encoding="utf-8")
    for name, text in annotations.items():
        (root / "annotations" / name).write_text(dedent(text), encoding="utf-8")
    for name, text in (extra_docs or {}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(dedent(text), encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Test\nsite_url: http://127.0.0.1/test/\ntheme:\n  name: material\n  font: false\n"
        f"hooks:\n  - {HOOK.as_posix()}\n" + config,
        encoding="utf-8",
    )
    return root


def run_build(root: Path, *extra: str) -> BuiltSite:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([*MKDOCS, "build", "--strict", *extra], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    return BuiltSite(root, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(autouse=True)
def english_labels():
    """Every test starts and ends with the English labels (a build in the test's own process
    chooses its site's, see marginalia/strings)."""
    from marginalia import strings

    strings.use(None)
    yield
    strings.use(None)


@pytest.fixture
def site(tmp_path):
    """Build a tiny site: site(articles={...}, annotations={...}) -> BuiltSite."""
    def build(articles: dict[str, str], annotations: dict[str, str], **kwargs) -> BuiltSite:
        extra = kwargs.pop("args", ())
        write_site(tmp_path, articles, annotations, **kwargs)
        return run_build(tmp_path, *extra)
    return build


SUBPATH = "/marginalia/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Each site is built for the address the browser tests serve it at: Material's instant
# navigation only takes over links whose origin matches the site_url in its sitemap.
SITE_PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}{SUBPATH}"
REAL_PORT = _free_port()
REAL_URL = f"http://127.0.0.1:{REAL_PORT}{SUBPATH}"
PROJECT_SITE_FILES = ("mkdocs.yml", "mkdocs.offline.yml", "overrides", "hooks")  # what makes the site, not its content
CONTENT = ("docs/articles", "annotations", "sources")


def site_with_content(dest: Path, content: Path) -> Path:
    """The project's site (config, pages, theme overrides, hook) in ``dest``, with the articles,
    annotations and sources of ``content`` in place of the project's own."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_SITE_FILES:
        if (ROOT / name).is_dir():
            (dest / name).symlink_to(ROOT / name, target_is_directory=True)
        elif (ROOT / name).exists():
            shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda folder, names: [
        n for n in names if Path(folder, n) == ROOT / "docs" / "articles"])
    for part in CONTENT:
        if (content / part).exists():
            shutil.copytree(content / part, dest / part, dirs_exist_ok=True)
    return dest


def build_for(root: Path, out: Path, site_url: str, *extra: str) -> Path:
    """``mkdocs build --strict`` of the site in ``root`` into ``out``; the build must pass."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    proc = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(out), *extra],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """The project's site with the demo content, ready to build."""
    return site_with_content(tmp_path_factory.mktemp("demo") / "project", DEMO)


@pytest.fixture(scope="session")
def built_site(demo_root, tmp_path_factory) -> Path:
    """The project's site with the demo content, built once per run with --strict, for a
    sub-path like GitHub Pages'."""
    return build_for(demo_root, tmp_path_factory.mktemp("site") / "site", SITE_URL)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The project as it is, with its own articles, built with --strict."""
    return build_for(ROOT, tmp_path_factory.mktemp("real") / "site", REAL_URL)
