# VIP platform - developer commands. See README.md.
#
#   make demo    set everything up and run the platform with demo data on SQLite
#   make test    set everything up and run the whole test suite
#   make lint    ruff + mypy + every text translated into Finnish and Swedish
#   make bench   national-scale benchmarks (writes bench/RESULTS.md)
#   make search-eval   search quality of the Finnish-aware analyser

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"/\1/p;}' uv.lock)

export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: help setup demo test test-sqlite test-postgres lint format bench search-eval assets messages makemessages clean

help:
	@sed -n '3,8p' Makefile | sed 's/^# \{0,1\}//'

# --- Environment -------------------------------------------------------------------

# uv is itself a locked dev dependency, so `uv sync` keeps the copy that bootstrapped it.
$(VENV)/.synced: pyproject.toml uv.lock .python-version
	@if [ ! -x $(PY) ]; then $(PYTHON) -m venv $(VENV); fi
	@if [ ! -x $(UV) ]; then $(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; fi
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/build/.built: node_modules/.installed $(wildcard static/src/*.scss)
	@mkdir -p static/build
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/build/govuk-frontend.min.js
	cp node_modules/htmx.org/dist/htmx.min.js static/build/htmx.min.js
	@touch $@

assets: static/build/.built

# Compiled catalogues are build output; the .po files are committed.
messages: $(VENV)/.synced
	@command -v msgfmt >/dev/null || { echo "GNU gettext (msgfmt) is missing: apt-get install -y gettext"; exit 1; }
	@DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

makemessages: $(VENV)/.synced
	DEBUG=1 $(MANAGE) makemessages --locale fi --locale sv --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete --add-location file

setup: $(VENV)/.synced assets messages
	@mkdir -p var
	@# The search analyser's word lists, compiled once into var/cache/search (about 15 s).
	@$(PY) -m vip.search.lexicon

# --- Run ---------------------------------------------------------------------------

demo: setup
	DEBUG=1 $(MANAGE) migrate --no-input -v 0
	DEBUG=1 $(MANAGE) load_reference_data
	DEBUG=1 $(MANAGE) seed_demo --scale small --seed 1
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C stops)"
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

# --- Quality ------------------------------------------------------------------------

# Runs on SQLite, then on PostgreSQL when TEST_DATABASE_URL is set.
test: setup
	@$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "PostgreSQL run skipped: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/vip)."; \
	fi

test-sqlite:
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== Test suite on PostgreSQL ($${TEST_DATABASE_URL}) =="
	DATABASE_URL="$${TEST_DATABASE_URL}" $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.synced
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=1 $(PY) -m mypy .
	@PYTHON=$(PY) tools/check-catalogues

format: $(VENV)/.synced
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: setup
	$(PY) bench/run.py

# Search quality of the Finnish-aware analyser on the labelled evaluation set.
search-eval: setup
	$(PY) bench/search_eval/run.py

clean:
	rm -rf static/build var/staticfiles .pytest_cache .mypy_cache .ruff_cache
