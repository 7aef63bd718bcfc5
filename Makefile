# Two commands do everything on a fresh machine (Python 3.11+ needed):
#   make serve   set up, then serve the site at http://127.0.0.1:8000/
#   make test    set up, then run the whole test suite
#   make offline build a copy that works from the file system, packed as marginalia-offline.zip
# Browser tests use Debian's Chromium (/usr/bin/chromium): `apt-get install chromium`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

offline: $(VENV)/.installed
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml
	rm -f marginalia-offline.zip
	$(BIN)/python -m zipfile -c marginalia-offline.zip site-offline/
	@echo "marginalia-offline.zip: unzip it and open site-offline/index.html in a browser"

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/build_benchmark.py

clean:
	rm -rf site site-offline marginalia-offline.zip $(VENV) .pytest_cache
