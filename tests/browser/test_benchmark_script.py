"""``make bench`` runs to its end and prints every figure it promises.

The benchmark's figures are never asserted (they depend on the machine); what is tested is that
the script works: on a tiny synthetic site it builds, anchors, weighs the assets, and measures
layout shift and the class overview in Chromium, without a traceback.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

FIGURES = (
    "annotated s",  # the table of build times
    "anchoring one article with",
    "CSS + JS added to every page",
    "CSS + JS practice mode",
    "CSS + JS the class overview page",
    "margin notes shown whole @ 1440px",
    "cumulative layout shift",
    "class overview, 30 files of 20 marks read and shown",
)


def test_the_benchmark_prints_every_figure(browser):
    """``browser`` only makes sure Chromium is here (or fails the test in CI)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_benchmark.py"),
         "--sizes", "2", "--notes", "3", "--runs", "1", "--runs-large", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "skipped" not in proc.stdout, proc.stdout
    for figure in FIGURES:
        assert figure in proc.stdout, f"{figure!r} missing from:\n{proc.stdout}"
