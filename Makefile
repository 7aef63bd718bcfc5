# Two commands do everything on a fresh machine (Python 3.11+ needed):
#   make serve   set up, then serve the site at http://127.0.0.1:8000/
#   make test    set up, then run the whole test suite
# Browser tests use Debian's Chromium (/usr/bin/chromium): `apt-get install chromium`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench clean

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

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/build_benchmark.py

clean:
	rm -rf site $(VENV) .pytest_cache
