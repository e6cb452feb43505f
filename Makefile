# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint unit ui e2e bench clean

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
	@$(BIN)/python -m facilitation.addresses $(PORT)
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Debian's Chromium and Thai/emoji fonts for the end-to-end tests (no browser download).
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Install Chromium and set CHROMIUM=/path/to/chromium"; exit 1; }
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		chromium fonts-thai-tlwg fonts-noto-color-emoji >/dev/null

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(VENV)/.dev $(CHROMIUM) lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

unit: $(VENV)/.dev
	$(BIN)/pytest tests/unit

ui: $(VENV)/.dev
	$(BIN)/pytest tests/ui

e2e: $(VENV)/.dev $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/e2e

bench: $(VENV)/.dev
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
