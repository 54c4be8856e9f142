# Commands for developers and CI. `make run` sets up and serves the portal, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
MANAGE := $(VENV_PYTHON) manage.py
# The port `make run` serves on, for example `make run PORT=8080`.
PORT ?= 8000
# Extra arguments for the main pytest run, for example PYTEST_ARGS='-m "not browser"'.
PYTEST_ARGS ?=

# Japanese fonts and HarfBuzz's subsetter for WeasyPrint's PDFs, gettext for the message catalogues.
DEBIAN_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 gettext
# The browser tests drive Debian's Chromium.
TEST_DEBIAN_PACKAGES := $(DEBIAN_PACKAGES) chromium
# modelsearch's search fixture, which its wheel lacks; the conformance suite reads it from beside the checkout.
CONFORMANCE_FIXTURE := ../shared/conformance/modelsearch-search-fixture.json
# Folders that hold no message catalogues of the project.
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=.git --ignore=node_modules

.PHONY: help install install-test run test lint format messages compilemessages

help:
	@echo "make run           set up everything missing, load the demo content and serve on http://127.0.0.1:8000 (PORT=…)"
	@echo "make test          run the whole test suite (after make run, make install-test or .ci/run)"
	@echo "make install       create .venv, install the project and the Debian packages it needs"
	@echo "make install-test  make install, plus Chromium for the browser tests"
	@echo "make lint          check formatting and lint rules with ruff"
	@echo "make format        format the code with ruff"
	@echo "make messages      extract translatable strings into the Japanese catalogues"
	@echo "make compilemessages  compile the catalogues into .mo files"

install:
	@bash scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)
	@PYTHON=$(PYTHON) bash scripts/install-python-environment.sh

install-test:
	@bash scripts/install-debian-packages.sh $(TEST_DEBIAN_PACKAGES)
	@PYTHON=$(PYTHON) bash scripts/install-python-environment.sh

run: install compilemessages
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) update_index
	$(MANAGE) runserver 127.0.0.1:$(PORT)

$(VENV_PYTHON):
	@echo "$(VENV_PYTHON) is missing: run 'make install-test' (or 'make run') first." >&2
	@exit 1

# compilemessages fails when it finds no locale folder at all, as in a checkout without catalogues yet.
compilemessages: | $(VENV_PYTHON)
	@if find . -path ./.venv -prune -o -path ./var -prune -o -path '*/locale/*' -name '*.po' -print | grep -q .; then \
		$(MANAGE) compilemessages $(LOCALE_IGNORE); \
	else \
		echo "No message catalogues (*/locale/*/LC_MESSAGES/*.po) to compile."; \
	fi

messages: | $(VENV_PYTHON)
	$(MANAGE) makemessages --locale=ja --add-location=file --no-obsolete $(LOCALE_IGNORE) --ignore=tests --ignore=bench

# The conformance suite runs modelsearch's own backend tests with settings of its own, so it needs a
# second pytest process. Both runs happen even when the first fails, and the target fails if either does.
# pytest exits with status 5 when it collects no test, which also fails the target.
test: compilemessages
	@status=0; \
	echo "Main test suite (settings portal.settings.test):"; \
	$(VENV_PYTHON) -m pytest -r fEs $(PYTEST_ARGS) || status=$$?; \
	if [ ! -f $(CONFORMANCE_FIXTURE) ]; then \
		echo "Search backend conformance suite SKIPPED: its fixture $(CONFORMANCE_FIXTURE) is missing."; \
		echo "It comes from the shared folder beside the repository (see docs/search.md)."; \
		if [ "$${CI:-}" = "true" ]; then status=1; fi; \
	else \
		echo "Search backend conformance suite (tests/conformance):"; \
		$(VENV_PYTHON) -m pytest -p no:cacheprovider --ds=tests.conformance.settings tests/conformance || status=$$?; \
	fi; \
	exit $$status

lint: | $(VENV_PYTHON)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: | $(VENV_PYTHON)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
