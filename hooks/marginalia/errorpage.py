"""The page a local preview shows while the site does not build: what is wrong, in full.

While ``mkdocs serve`` runs, a build that fails would leave the browser on the old page (or
waiting), with the message only in the terminal. Instead every page of the preview becomes
this one: each problem with its file, line, note id and hint. The preview server reloads it
by itself after the next build, so the author fixes, saves, and sees the article again.

A plain, self-contained document (its style inline, no script of its own: the preview server
adds its reload script to every page), never part of a published site.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from .problems import Problem

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; color: #a4161a; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 1rem; }
code, pre { font: .95em/1.45 ui-monospace, monospace; }
.where { font-weight: 600; }
.hint { white-space: pre-wrap; margin: .25rem 0 0; padding: .4rem .6rem; background: #f4f4f5; border-left: 3px solid #6b7280; }
.warning .where::after { content: " (warning: stops a strict build)"; font-weight: 400; color: #6b7280; }
@media (prefers-color-scheme: dark) {
  body { color: #e5e5e5; background: #161618; } h1 { color: #ff8a80; }
  .hint { background: #26262a; border-color: #9ca3af; }
}
"""


def error_page(site_name: str, problems: Iterable[Problem] = (), failure: str | None = None) -> str:
    """The whole HTML document: the build's problems, or the text of another failure."""
    problems = sorted(problems, key=lambda p: (p.warning, p.file, p.line or 0))
    items = "".join(_item(problem) for problem in problems)
    count = len(problems) or 1
    heading = f"The site does not build: {count} {'problem' if count == 1 else 'problems'}"
    body = f"<ol>{items}</ol>" if items else f"<pre>{escape(failure or 'The build failed.')}</pre>"
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f'<meta name="robots" content="noindex"><title>{escape(heading)} · {escape(site_name)}</title>'
        f"<style>{_STYLE}</style></head>\n"
        f'<body><main><h1 id="marginalia-build-failed">{escape(heading)}</h1>'
        "<p>Fix these in your files and save: this page reloads by itself as soon as the site "
        "builds again. The terminal running the preview shows the same messages.</p>"
        f"{body}</main></body></html>\n"
    )


def _item(problem: Problem) -> str:
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    who = f" note <code>{escape(problem.note_id)}</code>:" if problem.note_id else ""
    hint = f'<p class="hint">hint: {escape(problem.hint)}</p>' if problem.hint else ""
    kind = ' class="warning"' if problem.warning else ""
    return (f'<li{kind}><span class="where"><code>{escape(where)}</code></span>{who} '
            f"{escape(problem.message)}{hint}</li>")
