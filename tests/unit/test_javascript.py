"""The browser code's own logic (file format, matching, the class overview's tables), tested
without a browser by Node's built-in test runner: ``node --test tests/js/``.

Node is on the machine (Node 20; .ci/run installs it where it is missing). Outside CI a
missing Node skips this test; in CI (``CI=true``) it fails it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_the_browser_modules_pass_their_node_tests():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node not found: CI must run the JavaScript tests (apt-get install nodejs)")
        pytest.skip("node not found (install Node 20 to run the JavaScript tests)")
    files = sorted(JS_TESTS.glob("*.test.js"))
    assert files, "there are JavaScript tests"
    env = {**os.environ, "MARGINALIA_PYTHON": sys.executable}  # tests/js/strings.js reads the labels with it
    proc = subprocess.run([node, "--test", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    passed = re.search(r"^# pass (\d+)$", output, re.M)
    failed = re.search(r"^# fail (\d+)$", output, re.M)
    assert passed and failed and int(failed.group(1)) == 0, output[-3000:]
    assert int(passed.group(1)) >= len(files), "every test file ran its tests"
