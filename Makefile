# Two entry points for a fresh machine (see README):
#   make start  - check the bundled playbooks, build the handbook and serve it on 127.0.0.1:8000
#   make test   - lint, format check, types, layer contracts and the whole test suite
# Both create and use the local virtual environment .venv by themselves.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: start test check site clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,calendar,lsp,dev]'
	touch $(STAMP)

export NO_MKDOCS_2_WARNING := 1

check: $(STAMP)
	$(BIN)/playbook check

site: check
	$(BIN)/mkdocs build --strict

start: site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# every tracked Python file is named, so no config exclude can hide a package from lint
PY_FILES = $(shell git ls-files '*.py' 2>/dev/null || find . -name '*.py' -not -path './.venv/*')

test: $(STAMP)
	$(BIN)/ruff check $(PY_FILES)
	$(BIN)/ruff format --check $(PY_FILES)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site .playbook_cache .pytest_cache
