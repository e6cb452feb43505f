# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint unit ui e2e fuzz bench bench-projector bench-load bench-page bench-words bench-themes bench-exports bench-dashboard clean

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

# server.py serves app.py with gzip and the live-update endpoints. The websocket settings are
# the ones `streamlit run` would use; open event streams get 3 s to close on Ctrl-C. Streamlit
# is told the port too: the QR code's LAN address carries it.
UVICORN_FLAGS := --ws websockets-sansio --ws-ping-interval 30 --ws-ping-timeout 30 \
	--ws-per-message-deflate false --timeout-graceful-shutdown 3
run: $(VENV)/.runtime
	@$(BIN)/python -m facilitation.links.addresses $(PORT)
	STREAMLIT_SERVER_PORT=$(PORT) $(BIN)/uvicorn server:app --host 0.0.0.0 --port $(PORT) $(UVICORN_FLAGS)

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

# Debian's nginx, and openssl for a throwaway certificate, for the test that runs deploy/nginx.conf
# in front of two app processes (tests/e2e/test_replicas.py); under CI a missing one fails it.
# The test starts its own nginx, so the system service the package starts on port 80 is stopped.
NGINX_PACKAGES := nginx openssl
$(VENV)/.nginx: | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s $(NGINX_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(NGINX_PACKAGES) (apt)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null && \
		{ ! command -v systemctl >/dev/null || $(SUDO) systemctl disable --now nginx >/dev/null 2>&1 || true; }; \
	fi
	touch $@

# Poppler's pdftotext and pdftoppm read the PDF exports back in the tests, as a reader would.
POPPLER_PACKAGES := poppler-utils
$(VENV)/.poppler: | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s $(POPPLER_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(POPPLER_PACKAGES) (apt)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(POPPLER_PACKAGES) >/dev/null; \
	fi
	touch $@

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(VENV)/.dev $(VENV)/.browser $(VENV)/.postgres $(VENV)/.nginx $(VENV)/.poppler lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

unit: $(VENV)/.dev $(VENV)/.postgres $(VENV)/.poppler
	$(BIN)/pytest tests/unit

ui: $(VENV)/.dev
	$(BIN)/pytest tests/ui

e2e: $(VENV)/.dev $(VENV)/.browser $(VENV)/.postgres $(VENV)/.nginx
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/e2e

# The markup fuzz at full size (`make test` runs the same properties on a dozen cases each, two
# per page property): 10,000 cases per service and renderer property, and 400 per page property,
# each a whole forum of about a hundred generated texts (about fifty distinct) drawn in about ten
# AppTest runs; the run prints how many generated texts each page was drawn with and fails when
# a page got fewer than 10,000 (tests/fuzz/tally.py). About half an hour on two cores; no per-test
# timeout. Failures are kept in .hypothesis/ and tried first next time; `make fuzz
# FUZZ_EXAMPLES=2000` is a shorter run (page properties get one case per 25, and 2,000 texts a page).
FUZZ_EXAMPLES ?= 10000
fuzz: $(VENV)/.dev
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz --timeout=0 --durations=0 --hypothesis-show-statistics

bench: $(VENV)/.dev
	$(BIN)/python -m bench.tree_bench

# One projector update (feed, plan, tree) at 50 and 5,000 contributions, beside its 50 ms target.
bench-projector: $(VENV)/.dev
	$(BIN)/python -m bench.projector_bench

# The word cloud of 5,000 posts (Thai cut with pythainlp's newmm), cold and warm, beside its 300 ms target.
bench-words: $(VENV)/.dev
	$(BIN)/python -m bench.word_cloud_bench

# Suggested themes for 1,000 Thai posts (TF-IDF over words and character n-grams, clustered), beside its 2 s target.
bench-themes: $(VENV)/.dev
	$(BIN)/python -m bench.themes_bench

# Every export of a forum of 5,000 contributions and 50 action items (bench/big_forum.py, bulk-built in a scratch
# SQLite file): median of 3 runs after a warm-up, beside its target; an exporter not there yet says so.
bench-exports: $(VENV)/.dev
	$(BIN)/python -m bench.exports

# The area dashboard over 200 forums, 50,000 contributions and 2,000 action items in one province (bench/big_forum.py
# per forum), for the province, a district and a tambon, on SQLite and on a throwaway PostgreSQL: median beside 1 s.
bench-dashboard: $(VENV)/.dev
	$(BIN)/python -m bench.dashboard_bench

# What a phone downloads to open the join page, against a bare Streamlit page served the same way,
# and the time until its form can be used on DevTools' "Fast 3G" with a 4x CPU slowdown (headless
# Debian Chromium, REPEATS loads of each page per network). Prints each figure beside its target.
REPEATS ?= 3
bench-page: $(VENV)/.dev $(VENV)/.browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m bench.page_weight --repeats $(REPEATS)

# The load run (bench/load, method in bench/README.md): the app as `make run` serves it on a free port
# with a fresh SQLite file, PHONES phones that join, idle with their watcher and post 3 times
# POST_GAP seconds apart, PROJECTORS projectors, a stage change, then a bare Streamlit page with the
# same posting flow. Prints each figure beside its target; about 7 minutes at 500 phones.
PHONES ?= 500
PROJECTORS ?= 2
POST_GAP ?= 20
# VOTE=1 adds a dot vote after the stage change: every phone spends 5 dots through /votes/CODE.
VOTE ?=
bench-load: $(VENV)/.dev
	$(BIN)/python -m bench.load --phones $(PHONES) --projectors $(PROJECTORS) --post-gap $(POST_GAP) $(if $(VOTE),--vote)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
