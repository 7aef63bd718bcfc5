# Two commands do everything on a fresh machine (Python 3.11+ needed):
#   make serve   set up the site's tools, then serve the site at http://127.0.0.1:8000/ (SERVE_ADDR)
#   make test    set up the site's and the tests' tools, then run the whole test suite
# Also: make check, make build, make offline, make bench, make lock, make lock-upgrade, make clean.
#
# Everything is installed from the lock files in requirements/, exact versions with hashes:
#   requirements/site.txt   what building and previewing the site needs (make serve, make build)
#   requirements/test.txt   that, plus the test tools (make test, .ci/run)
# pyproject.toml keeps the compatible ranges; `make lock` turns them into the lock files.
# The browser tests also anchor the exported notes with real annotation clients (Apache
# Annotator, Hypothesis...), and the schema tests ask the editors' YAML server
# (yaml-language-server): npm dev dependencies, installed from package-lock.json by `npm ci`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
NPM    ?= npm
UV_VERSION := 0.13.9
LOCK   := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
          --custom-compile-command "make lock" --quiet
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build offline bench lock lock-upgrade clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The site's tools only: a teacher previewing their site waits for nothing else.
$(VENV)/.site-installed: requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/site.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

# The test tools on top (Playwright, axe, Hypothesis, the HTML checker, pypdf...).
$(VENV)/.test-installed: requirements/test.txt $(VENV)/.site-installed
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

# Where `make serve` listens. A dev container (Codespaces) sets SERVE_ADDR=0.0.0.0:8000 so that
# its forwarded port reaches the preview; on a laptop it stays on this machine only.
SERVE_ADDR ?= 127.0.0.1:8000

# The annotation clients for the browser tests. Without npm the tests that need them skip
# (in CI, CI=true, they fail instead). No install scripts are needed: esbuild's binary comes
# in its own npm package.
node_modules/.installed: package.json package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
	  $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the annotation-client tests will skip (install Node.js 20 and npm)"; fi

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr $(SERVE_ADDR)

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

# Every annotation file validated and every quote anchored, in about a second (no site built).
check: $(VENV)/.site-installed
	$(BIN)/marginalia check

test: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

offline: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml
	rm -f marginalia-offline.zip
	$(BIN)/python -m zipfile -c marginalia-offline.zip site-offline/
	@echo "marginalia-offline.zip: unzip it and open site-offline/index.html in a browser"

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/build_benchmark.py

$(BIN)/uv: | $(BIN)/python
	$(PIP) install --quiet uv==$(UV_VERSION)

# Re-resolve the lock files after a change to pyproject.toml, keeping every pin that still fits.
lock: $(BIN)/uv
	$(LOCK) -o requirements/site.txt
	$(LOCK) --extra test -c requirements/site.txt -o requirements/test.txt

# Move every pin to the newest release pyproject.toml allows (what Dependabot proposes one by one).
lock-upgrade: $(BIN)/uv
	$(LOCK) --upgrade -o requirements/site.txt
	$(LOCK) --upgrade --extra test -c requirements/site.txt -o requirements/test.txt

clean:
	rm -rf site site-offline marginalia-offline.zip $(VENV) .pytest_cache node_modules
