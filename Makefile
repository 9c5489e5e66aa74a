# danvan — `make run` serves the site with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= danvan.settings.dev

.PHONY: run test venv dev-venv prepare serve lint check ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-dev

prepare: venv
	mkdir -p var
	$(BIN)/danvan compile_catalogs
	$(BIN)/danvan migrate --noinput
	$(BIN)/danvan orgs load
	$(BIN)/danvan demo --if-empty

run: prepare
	PORT=$(PORT) $(BIN)/python scripts/serve.py

LINTED = danvan tests bench scripts conftest.py

lint: dev-venv
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

check: dev-venv
	$(BIN)/danvan compile_catalogs
	$(BIN)/danvan check
	$(BIN)/danvan makemigrations --check --dry-run

test: dev-venv
	$(BIN)/python scripts/system_deps.py
	$(MAKE) --no-print-directory lint check
	DJANGO_SETTINGS_MODULE=danvan.settings.test $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache
