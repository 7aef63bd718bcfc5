"""Real annotation clients in the browser: bundling them, and reading a page through them.

``bundle.mjs`` bundles ``clients.js`` (Apache Annotator, dom-anchor-text-quote,
dom-anchor-text-position and the Hypothesis client's anchoring, all npm dev dependencies)
into one script that the browser tests add to a built page. This module runs it and says
what the tests need: which clients there are and how each one's answer is judged.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"

# Every client anchors targets (the Hypothesis client twice: with all the selectors, as it
# anchors an annotation, and with the quote alone); some describe a passage by quote, some
# by position, some both.
CLIENTS = ("apache-annotator", "dom-anchor-text-quote", "dom-anchor-text-position", "hypothesis",
           "hypothesis-quote-only")
QUOTE_DESCRIBERS = ("apache-annotator", "dom-anchor-text-quote", "hypothesis")
POSITION_DESCRIBERS = ("apache-annotator", "dom-anchor-text-position", "hypothesis")


class ClientsMissing(Exception):
    """Node.js or the npm dev dependencies are not installed."""


def bundle(out: Path) -> str:
    """Bundle the clients into ``out`` (a script for the page) and return its text."""
    node = shutil.which("node")
    if node is None:
        raise ClientsMissing("Node.js not found (install Node.js 20 and npm, then run `npm ci`)")
    if not (NODE_MODULES / "hypothesis").is_dir():
        raise ClientsMissing("the npm dev dependencies are not installed (run `npm ci` or `make test`)")
    proc = subprocess.run([node, str(HERE / "bundle.mjs"), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"bundling the annotation clients failed:\n{proc.stdout}{proc.stderr}")
    return out.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Exported:
    """One exported annotation: its note id and target, from an article's export."""

    note_id: str
    target: dict

    @property
    def page(self) -> str:
        return self.target["source"].split("#")[0]

    def refined(self, kind: str) -> dict | None:
        """The target's selector of this kind, from inside its scoping selector if it has one."""
        for selector in self.target["selector"]:
            inner = selector.get("refinedBy", selector)
            if inner.get("type") == kind:
                return inner
        return None

    @property
    def scope(self) -> str | None:
        """The CSS selector of the element the target's text selectors count in."""
        for selector in self.target["selector"]:
            if selector.get("type") == "CssSelector":
                return selector["value"]
        return None


def exported_annotations(site: Path) -> dict[str, list[Exported]]:
    """Every article's exported annotations, by slug (``exports/<slug>.jsonld``)."""
    articles = {}
    for path in sorted((site / "exports").glob("*.jsonld")):
        data = json.loads(path.read_text(encoding="utf-8"))
        articles[path.stem] = [Exported(urlsplit(item["id"]).fragment.removeprefix("note-"), item["target"])
                               for item in data["first"]["items"]]
    return articles


def misses(found: list[dict], passage: dict | None) -> list[str]:
    """Why a client's answer for one annotation is wrong ([] when it is right).

    Right means: the client read at least one of the target's selectors, and for each one it
    read it found exactly one range, and that range is the passage the page highlights.
    """
    if passage is None:
        return ["the page highlights no passage for it"]
    if not found:
        return ["the client reads none of its selectors"]
    problems = []
    for result in found:
        ranges = result["ranges"]
        if len(ranges) != 1:
            why = result.get("error") or f"{len(ranges)} matches"
            problems.append(f"{result['kind']}: {why}")
            continue
        start, end = ranges[0]["start"], ranges[0]["end"]
        if (start, end) != (passage["start"], passage["end"]):
            problems.append(f"{result['kind']}: {start - passage['start']:+d}/{end - passage['end']:+d} characters "
                            f"off, {ranges[0]['text'][:60]!r}")
    return problems
