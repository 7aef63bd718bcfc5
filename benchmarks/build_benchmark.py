"""Measure what annotations cost: build time, memory, anchoring time and page weight.

    .venv/bin/python benchmarks/build_benchmark.py            # N = 10, 100, 400 articles
    .venv/bin/python benchmarks/build_benchmark.py --sizes 10 --notes 25

A synthetic corpus is generated in a temporary folder: N articles shaped like real ones
(about 1,000 words in paragraphs, inline links and emphasis, recurring phrases), each with M
notes on topics shared across articles. The same site is built twice, without Marginalia (a
plain Material site) and with it, each build in a fresh process. Articles are reached through
an index page, not a navigation list of every article, which would make even the plain build
grow quadratically. Figures are printed, never asserted: the tests check behaviour, this
script checks speed.

Targets (issue 7): annotated/plain build time at N = 400 at most 1.15; the N = 400 build at
most 4.4 times the N = 100 one; the CSS and JS Marginalia adds at most 6 KB gzip; no layout
shift from the notes (cumulative layout shift under 0.01). Issue 17: the class overview reads
and shows 30 students' files of 20 marks each in well under a second.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "marginalia_hook.py"
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))  # tests.browsers and tests.classsets: the tests' own ways to find Chromium and make files

WORDS = ("peace talks ceasefire border security guarantees negotiations minister army region plant "
         "reactor shelling drones sanctions treaty alliance membership neutrality territory withdrawal "
         "observers mission agency report interview statement chancellor president kremlin capital "
         "parliament vote budget aid weapons front offensive defence winter energy grain port corridor "
         "exchange prisoners summit envoy proposal plan demand condition deadline talks referendum "
         "annexation occupation reconstruction refugees economy currency inflation exports pipeline").split()
PHRASES = ["the situation on the ground", "according to officials", "a lasting settlement",
           "the security of Europe", "as the war continues"]
TOPICS = [f"topic-{i:02}" for i in range(20)]
KINDS = ["framing", "sourcing", "claim"]


# --- the synthetic corpus --------------------------------------------------------------------

def article_text(rng: random.Random, index: int, words: int = 1000) -> tuple[str, str]:
    """Markdown of an article and the plain text a reader sees (for picking quotes)."""
    paragraphs_md, paragraphs_plain = [], []
    count = 0
    while count < words:
        md_tokens, plain_tokens = [], []
        for _ in range(rng.randint(40, 90)):
            word = rng.choice(WORDS) + (str(rng.randint(0, 999)) if rng.random() < 0.3 else "")
            roll = rng.random()
            if roll < 0.03:
                md_tokens.append(f"[{word}](https://example.org/{index})")
            elif roll < 0.06:
                md_tokens.append(f"*{word}*")
            elif roll < 0.08:
                phrase = rng.choice(PHRASES)
                md_tokens.append(phrase)
                plain_tokens.append(phrase)
                continue
            else:
                md_tokens.append(word)
            plain_tokens.append(word)
        md_tokens[-1] += "."
        plain_tokens[-1] += "."
        count += len(plain_tokens)
        paragraphs_md.append(" ".join(md_tokens))
        paragraphs_plain.append(" ".join(plain_tokens))
    return "\n\n".join(paragraphs_md), "\n".join(paragraphs_plain)


def pick_quotes(rng: random.Random, plain: str, count: int) -> list[str]:
    """Passages of 4-9 words that occur once in the text, spread through it."""
    lines = plain.split("\n")
    quotes: list[str] = []
    attempts = 0
    while len(quotes) < count and attempts < count * 50:
        attempts += 1
        words = rng.choice(lines).split()
        size = rng.randint(4, 9)
        start = rng.randint(0, max(0, len(words) - size))
        quote = " ".join(words[start:start + size])
        if plain.count(quote) == 1 and quote not in quotes:
            quotes.append(quote)
    return quotes


def write_corpus(folder: Path, articles: int, notes: int, annotated: bool, seed: int = 7) -> None:
    rng = random.Random(seed)
    docs = folder / "docs" / "articles"
    docs.mkdir(parents=True)
    (folder / "annotations").mkdir()
    for i in range(articles):
        markdown, plain = article_text(rng, i)
        slug = f"article-{i:04}"
        (docs / f"{slug}.md").write_text(
            f"---\ntitle: Article {i}\noutlet: Outlet {i % 7}\npublished: 2024-{1 + i % 12:02}-{1 + i % 28:02}\n"
            f"url: https://example.org/{slug}\n---\n\n{markdown}\n", encoding="utf-8")
        lines = ["questions:", "  - What does the article leave out?", "notes:"]
        for j, quote in enumerate(pick_quotes(rng, plain, notes)):
            kind = KINDS[j % 3]
            topics = sorted(set(rng.sample(TOPICS, rng.randint(1, 2))))
            lines += [
                f"  - id: n{j}",
                f"    kind: {kind}",
                f"    quote: \"{quote}\"",
                "    note: |",
                "      The passage *frames* the events; a neutral report would name its sources.",
                f"      See [the report](https://example.org/report/{j}) for the figures.",
                f"    topics: [{', '.join(topics)}]",
                "    technique: Loaded_Language",
            ]
            if kind == "claim":
                lines += ["    sources:", f"      - {{title: Report {j}, publisher: Agency, date: '2024'}}"]
        (folder / "annotations" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    topics = ["topics:"] + [f"  {t}:\n    title: Topic {t[-2:]}\n    description: A shared subject." for t in TOPICS]
    (folder / "annotations" / "topics.yml").write_text("\n".join(topics) + "\n", encoding="utf-8")
    (folder / "annotations" / "techniques.yml").write_text(textwrap.dedent("""\
        techniques:
          Loaded_Language:
            title: Loaded language
            group: Manipulative wording
            definition: Words chosen for their emotional charge.
        """), encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Articles\n\n<!-- marginalia:articles -->\n", encoding="utf-8")
    config = ("site_name: Benchmark\nsite_url: http://127.0.0.1/bench/\n"
              "theme:\n  name: material\n  font: false\n"
              "markdown_extensions: [tables]\nplugins: [search]\n"
              "nav:\n  - Articles: index.md\n")
    if annotated:
        config += f"hooks:\n  - {HOOK.as_posix()}\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------------

BUILD_ONCE = """
import json, resource, sys, time, logging
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
build(load_config(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build_once(folder: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", BUILD_ONCE, str(folder / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=folder,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {folder}:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_builds(sizes: list[int], notes: int, runs: int, runs_large: int = 2) -> dict[int, dict]:
    figures = {}
    print(f"{'N':>5} {'notes':>7} {'plain s':>9} {'annotated s':>12} {'ratio':>7} {'ms/note':>8} "
          f"{'peak MiB plain/annot.':>22}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as plain_dir, tempfile.TemporaryDirectory() as annotated_dir:
            write_corpus(Path(plain_dir), size, notes, annotated=False)
            write_corpus(Path(annotated_dir), size, notes, annotated=True)
            repeat = runs if size <= 100 else runs_large
            plain_runs, annotated_runs = [], []
            for _ in range(repeat):  # interleaved, so a slow spell of the machine hits both alike
                plain_runs.append(build_once(Path(plain_dir)))
                annotated_runs.append(build_once(Path(annotated_dir)))
            plain = min(plain_runs, key=lambda r: r["seconds"])
            annotated = min(annotated_runs, key=lambda r: r["seconds"])
        total_notes = size * notes
        extra_ms = (annotated["seconds"] - plain["seconds"]) * 1000 / total_notes
        ratio = annotated["seconds"] / plain["seconds"]
        figures[size] = {"plain": plain, "annotated": annotated, "ratio": ratio}
        print(f"{size:>5} {total_notes:>7} {plain['seconds']:>9.2f} {annotated['seconds']:>12.2f} "
              f"{ratio:>7.3f} {extra_ms:>8.3f} {plain['peak_mib']:>10.0f} / {annotated['peak_mib']:<10.0f}")
    if 100 in figures and 400 in figures:
        growth = figures[400]["annotated"]["seconds"] / figures[100]["annotated"]["seconds"]
        print(f"growth N=100 -> N=400 (annotated): {growth:.2f}x  (target <= 4.4)")
    if 400 in figures:
        print(f"annotated/plain at N=400: {figures[400]['ratio']:.3f}  (target <= 1.15)")
    return figures


def measure_anchoring(notes: int = 50, repeats: int = 20) -> float:
    """Time to anchor, highlight and place 50 notes in one rendered article (median, ms)."""
    import markdown

    from marginalia.article import annotate
    from marginalia.model import Note, Selector
    from marginalia.render import article_html

    rng = random.Random(11)
    text, plain = article_text(rng, 0, words=1500)
    body = markdown.markdown(text)
    quotes = pick_quotes(rng, plain, notes)
    items = [Note("a", f"n{i}", KINDS[i % 3], Selector(q), "b", "b", ("t",)) for i, q in enumerate(quotes)]
    html = article_html({"title": "T"}, "T", body, [])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = annotate(html, items, lambda p: f'<span class="mg-note" id="{p.note.element_id}"></span>')
        times.append((time.perf_counter() - start) * 1000)
        assert not result.problems, result.problems[0].format()
    median = statistics.median(times)
    print(f"anchoring one article with {len(items)} notes: {median:.2f} ms (median of {repeats})")
    return median


def measure_assets() -> int:
    """Bytes of CSS and JS as the site ships them (minified, see marginalia/minify.py): what
    every page loads, what practice mode fetches on first use, and what the worksheets and
    answer keys load besides marginalia.css. marginalia-strings.js is measured as served, with
    the English labels appended."""
    from marginalia import strings
    from marginalia.minify import shipped

    def shipped_with_labels(path: Path) -> str:
        return strings.script(shipped(path) or "") if path.name == strings.SCRIPT else shipped(path)

    assets = ROOT / "hooks" / "marginalia" / "assets"
    every_page = [assets / "marginalia.css", assets / "marginalia.js"]
    shared = [assets / f"marginalia-{name}.js" for name in ("strings", "quote", "format", "match")]
    practice = sorted(assets.glob("marginalia-practice.*")) + shared
    sheets = [assets / "marginalia-sheet.css"]
    overview = sorted(assets.glob("marginalia-class*")) + shared
    others = set(assets.glob("*.[cj]s*")) - set(every_page + practice + sheets + overview)
    assert not others, f"assets the benchmark does not measure: {sorted(others)}"
    notes = {"added to every page": "  (target <= 6144 B gzip)",
             "practice mode, on demand": "  (only when a student turns it on)",
             "worksheets and answer keys": "  (only on those pages)",
             "the class overview page": "  (only there, besides the notes it is generated with)"}
    totals = {}
    for label, paths in (("added to every page", every_page), ("practice mode, on demand", practice),
                         ("worksheets and answer keys", sheets), ("the class overview page", overview)):
        total_raw = total_gzip = 0
        for path in paths:
            raw = shipped_with_labels(path).encode("utf-8")
            packed = len(gzip.compress(raw, 9))
            total_raw += len(raw)
            total_gzip += packed
            print(f"{path.name:<24} {len(raw):>7} B raw {packed:>7} B gzip")
        print(f"{'CSS + JS ' + label:<36} {total_raw:>7} B raw {total_gzip:>7} B gzip{notes[label]}")
        totals[label] = total_gzip
    return totals["added to every page"]


WHOLE_NOTES = """() => {
  const notes = [...document.querySelectorAll('.mg-note')].filter(n => n.checkVisibility());
  return [notes.filter(n => n.scrollHeight <= n.clientHeight + 1).length, notes.length];
}"""


def chromium() -> str | None:
    """The Chromium to measure in, or None (the figure is then skipped)."""
    from playwright.sync_api import sync_playwright

    from tests.browsers import chromium_path

    with sync_playwright() as p:
        return chromium_path(p)


@contextlib.contextmanager
def served_site():
    """The real site, built into a temporary folder and served at the root of a local port:
    yields (base URL, the built folder)."""
    import functools
    import http.server
    import threading

    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", out], cwd=ROOT, check=True,
                       env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=out))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/", Path(out)
        finally:
            server.shutdown()


def measure_layout_shift() -> float | None:
    """Cumulative layout shift on the real article pages, in Chromium (None without a browser),
    and the share of margin notes shown whole (not cut to a preview) on wide screens."""
    from playwright.sync_api import sync_playwright

    from tests.browsers import CHROMIUM_ARGS

    path = chromium()
    if path is None:
        print("layout shift: skipped (no Chromium: set CHROMIUM or see the README)")
        return None
    shifts = {}
    with served_site() as (base, out), sync_playwright() as p:
        article_slugs = sorted(page.parent.name for page in (out / "articles").glob("*/index.html")
                               if 'class="mg-article"' in page.read_text(encoding="utf-8"))[:4]
        if not article_slugs:
            print("layout shift: skipped (the site has no article yet)")
            return None
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for width in (1440, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.add_init_script("""
                window.__cls = 0;
                new PerformanceObserver(list => { for (const e of list.getEntries())
                  if (!e.hadRecentInput) window.__cls += e.value; })
                  .observe({type: 'layout-shift', buffered: true});""")
            for slug in article_slugs:
                page.goto(f"{base}articles/{slug}/")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                shifts[f"{slug[:24]} @ {width}px"] = page.evaluate("window.__cls")
        for width in (1440, 1000):
            page = browser.new_page(viewport={"width": width, "height": 900})
            whole = total = 0
            for slug in article_slugs:
                page.goto(f"{base}articles/{slug}/")
                page.wait_for_load_state("networkidle")
                shown, count = page.evaluate(WHOLE_NOTES)
                whole, total = whole + shown, total + count
            if total:
                print(f"margin notes shown whole @ {width}px: {whole} of {total} ({whole / total:.0%})")
        browser.close()
    for name, value in shifts.items():
        print(f"cumulative layout shift, {name}: {value:.4f}  (target < 0.01)")
    return max(shifts.values())


def measure_class_overview(files: int = 30, marks: int = 20, runs: int = 5) -> float | None:
    """Milliseconds for the class overview to read ``files`` practice files of ``marks`` marks
    and show its tables (median of ``runs``), in Chromium; None without a browser. The page
    measures it itself, from the files given to the tables drawn (a performance measure)."""
    from playwright.sync_api import sync_playwright

    from tests.browsers import CHROMIUM_ARGS
    from tests.classsets import class_set, site_articles

    path = chromium()
    if path is None:
        print("class overview: skipped (no Chromium: set CHROMIUM or see the README)")
        return None
    times = []
    with served_site() as (base, built), sync_playwright() as p:
        article = next(a for a in site_articles(built) if a.notes)
        given = class_set([article], students=files, seed=3, marks_each=marks).files
        payload = [{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
                   for name, text in given.items()]
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{base}class-overview/")
        page.wait_for_selector(".mg-class__choose")
        for _ in range(runs):
            page.evaluate("performance.clearMeasures(); document.querySelector('.mg-class__status').textContent = ''")
            page.set_input_files("#mg-class input[type=file]", payload)
            page.wait_for_function("document.querySelector('.mg-class__status').textContent.startsWith('Read')")
            times.append(page.evaluate("performance.getEntriesByName('marginalia-class: read and shown')[0].duration"))
            page.get_by_role("button", name="Start again").click()
        browser.close()
    median = statistics.median(times)
    print(f"class overview, {files} files of {marks} marks read and shown: {median:.0f} ms "
          f"(median of {runs}; target well under 1000 ms)")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 400])
    parser.add_argument("--notes", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3, help="best of this many builds (N <= 100)")
    parser.add_argument("--runs-large", type=int, default=2, help="best of this many builds (N > 100)")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    measure_builds(args.sizes, args.notes, args.runs, args.runs_large)
    measure_anchoring()
    measure_assets()
    if not args.skip_browser:
        measure_layout_shift()
        measure_class_overview()
    return 0


if __name__ == "__main__":
    sys.exit(main())
