# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint unit ui e2e fuzz bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	@$(BIN)/python -m facilitation.links.addresses $(PORT)
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Debian's Chromium and Thai/emoji fonts for the end-to-end tests (no browser download).
BROWSER_PACKAGES := chromium fonts-thai-tlwg fonts-noto-color-emoji
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(VENV)/.browser: | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(BROWSER_PACKAGES) (apt)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "No Chromium at $(CHROMIUM): install it and set CHROMIUM=/path"; exit 1; }
	touch $@

# Debian's PostgreSQL for the tests that run the app on it: tests/postgres.py starts a private,
# throwaway server from its programs (/usr/lib/postgresql/*/bin); under CI a missing one fails them.
POSTGRES_PACKAGES := postgresql
$(VENV)/.postgres: | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s $(POSTGRES_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(POSTGRES_PACKAGES) (apt)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(POSTGRES_PACKAGES) >/dev/null; \
	fi
	touch $@

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(VENV)/.dev $(VENV)/.browser $(VENV)/.postgres lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

unit: $(VENV)/.dev $(VENV)/.postgres
	$(BIN)/pytest tests/unit

ui: $(VENV)/.dev
	$(BIN)/pytest tests/ui

e2e: $(VENV)/.dev $(VENV)/.browser
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/e2e

# The markup fuzz at full size (`make test` runs the same properties on a dozen cases each):
# 10,000 generated texts per service and renderer, and 100 per page property, because a page
# case is a whole forum drawn in about ten AppTest runs (seconds, not milliseconds). No per-test
# timeout: a property runs for minutes. Failures are kept in .hypothesis/ and tried first next time;
# `make fuzz FUZZ_EXAMPLES=2000` is a shorter run (pages get one case per hundred).
FUZZ_EXAMPLES ?= 10000
fuzz: $(VENV)/.dev
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz --timeout=0 --durations=0

bench: $(VENV)/.dev
	$(BIN)/python -m bench.tree_bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
