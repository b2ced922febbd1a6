# The project's interface: `make serve` and `make test` are the README's two commands.
# Both set up everything they need first (Python venv, npm packages, and for tests Chromium).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup serve build test test-fast lint bench clean lock

help:
	@echo "make serve   set up and serve the site on http://127.0.0.1:$(PORT)/"
	@echo "make test    set up and run every test (unit, build, browser)"
	@echo "make build   build the site into site/ (mkdocs build --strict)"
	@echo "make lint    ruff + mypy + tsc + eslint"
	@echo "make bench   print the benchmark figures"

$(VENV)/.installed: pyproject.toml requirements.lock
	@py="$$(scripts/find-python.sh)" && echo "Using $$py" && \
	  { [ -x $(PY) ] || "$$py" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[site,dev,workshop]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18+ (e.g. apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Pure-Python wheels the browser needs besides ours (pinned by version and hash); pyodide_assets.py
# registers them in the site's pyodide-lock.json. Downloaded into a fresh folder, then swapped in.
VENDOR := build/wheels/vendor
$(VENDOR)/.installed: requirements-browser.txt $(VENV)/.installed
	@rm -rf $(VENDOR).new && mkdir -p $(VENDOR).new
	$(PY) -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
	  --require-hashes -r requirements-browser.txt -d $(VENDOR).new
	@rm -rf $(VENDOR) && mv $(VENDOR).new $(VENDOR) && touch $@

setup: $(VENV)/.installed node_modules/.installed $(VENDOR)/.installed

build: setup
	$(VENV)/bin/mkdocs build --strict

serve: setup
	$(VENV)/bin/mkdocs serve --strict -a 127.0.0.1:$(PORT)

test: setup lint
	@scripts/ensure-test-tools.sh
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check src macros tests benchmarks
	$(VENV)/bin/mypy
	node_modules/.bin/tsc --noEmit -p tsconfig.json
	node_modules/.bin/eslint overrides/assets/js eslint.config.mjs

bench: setup
	@scripts/ensure-test-tools.sh
	$(PY) -m benchmarks

# Re-pin every Python dependency (run after changing pyproject.toml's dependency ranges).
lock:
	@py="$$(scripts/find-python.sh)" && rm -rf build/lockenv && "$$py" -m venv build/lockenv && \
	  build/lockenv/bin/pip install --quiet -e '.[site,dev,workshop]' && \
	  build/lockenv/bin/pip freeze --exclude-editable | grep -v '^koensbalance' > requirements.lock
	@echo "requirements.lock updated"

clean:
	rm -rf site build .pytest_cache
