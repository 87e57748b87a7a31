# The README's contract: `make serve` and `make test` work on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-calculator bench offline clean chromium

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

build: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/mkdocs build --strict

serve: build
	$(PY) overrides/serve.py site 8000  # http.server, with .wasm/.mjs types set (not left to the OS)

test: $(VENV)/.installed node_modules/.installed chromium
	$(PY) -m pytest tests

test-calculator: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest tests/calculator

bench: $(VENV)/.installed node_modules/.installed chromium
	$(PY) tests/bench.py

offline: build
	$(PY) overrides/offline_copy.py

clean:
	rm -rf site dist
