"""Shared helpers: the project's paths and tiny MkDocs sites built in a temporary folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "marginalia_hook.py"
SOURCES = ROOT / "sources"
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


# The real site is built for the address the browser tests serve it at: Material's instant
# navigation only takes over links whose origin matches the site_url in its sitemap.
SITE_PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}{SUBPATH}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict, for a sub-path like GitHub Pages'."""
    out = tmp_path_factory.mktemp("site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    proc = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
