"""The no-install route and the publishing workflow: what a fork relies on, checked as files."""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from tests.conftest import ROOT


def devcontainer() -> dict:
    text = (ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8")
    return json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))  # JSON with comments, as editors allow


def test_the_dev_container_installs_the_sites_tools_and_forwards_the_preview():
    config = devcontainer()
    assert "python:1-3.11" in config["image"]
    assert config["postCreateCommand"] == "make .venv/.site-installed"
    host, port = config["containerEnv"]["SERVE_ADDR"].split(":")
    assert host == "0.0.0.0" and int(port) in config["forwardPorts"], "the forwarded port reaches make serve"
    assert ".venv/bin" in config["remoteEnv"]["PATH"], "marginalia and mkdocs are on the PATH"
    assert (ROOT / config["customizations"]["codespaces"]["openFiles"][0]).is_file()


def test_make_serve_listens_where_serve_addr_says_with_live_reload():
    dry = subprocess.run(["make", "-n", "serve", "SERVE_ADDR=0.0.0.0:8000"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert re.search(r"mkdocs serve --strict --dev-addr 0\.0\.0\.0:8000\s*$", dry, re.M)
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "--dev-addr 127.0.0.1:8000" in default


def test_the_pages_workflow_deploys_only_after_the_checks_and_the_strict_build():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = [step.get("name") or step.get("uses") for step in build["steps"]]
    assert steps.index("Check the notes") < steps.index("Build the site for its published address") \
        < steps.index("actions/upload-pages-artifact@v3")
    assert next(s for s in build["steps"] if s.get("name") == "Build the site for its published address")["run"] == "make build"
    assert deploy["needs"] == "build"
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make test" not in json.dumps(workflow), "publishing does not wait for the test suite"
