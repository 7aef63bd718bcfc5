"""The project's own site is valid HTML by the Nu checker, apart from known markup of the theme."""

from __future__ import annotations

from pathlib import Path

from tests.nuchecker import nu_messages, project_errors, require_java


def test_no_html_errors_in_markup_the_project_adds(real_site: Path):
    require_java()
    messages = nu_messages(real_site)
    assert messages, "the checker ran and reported (the theme's known errors at least)"
    errors = project_errors(messages)
    assert errors == [], "\n".join(errors[:40])
