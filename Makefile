# The README's contract: `make serve` and `make test` work on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-calculator bench audit offline verify clean chromium engines hosts java spelling lock catalogs translations-status

# Every Python package, dependencies included, comes from a lock with hashes (requirements.txt, written
# by `make lock` from requirements.in). Wheels only: nothing is built from source with unlocked tools.
PIP_INSTALL = -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all:

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) $(PIP_INSTALL) -r requirements.txt
	touch $@

# After changing requirements.in (or requirements-tools.in): rewrite the locks with pip-tools, itself
# installed from its own lock, from PyPI alone whatever this machine's pip settings say.
LOCK_TOOLS := $(VENV)/lock-tools
LOCK_ENV := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
	CUSTOM_COMPILE_COMMAND="make lock"
PIP_COMPILE = $(LOCK_ENV) $(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--index-url https://pypi.org/simple --no-emit-index-url

lock:
	python3 -m venv $(LOCK_TOOLS)
	$(LOCK_ENV) $(LOCK_TOOLS)/bin/python $(PIP_INSTALL) -r requirements-tools.txt
	$(PIP_COMPILE) --output-file requirements-tools.txt requirements-tools.in
	$(PIP_COMPILE) --output-file requirements.txt requirements.in

# PUPPETEER_SKIP_DOWNLOAD: puppeteer-core (the Firefox driver) must never fetch a browser of its own.
# --ignore-scripts: no package runs code at install (vnu-jar's would download a Java; `make java` uses Debian's).
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here), and poppler-utils
# (pdftotext, pdftoppm) to read the letters Chromium prints to PDF page by page.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@command -v pdftotext >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

# Firefox ESR and WebKitGTK (Safari's engine) for tests/engines: Firefox is driven by puppeteer-core
# (node_modules), WebKitGTK by the system python3 through GObject introspection under Xvfb.
ENGINE_PACKAGES := firefox-esr libwebkit2gtk-4.1-0 gir1.2-webkit2-4.1 python3-gi python3-gi-cairo xvfb
engines:
	@missing=$$(for package in $(ENGINE_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	[ -z "$$missing" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; }

# nginx-light, to run deploy/nginx.conf in the tests (tests/site/test_deploy_nginx.py).
hosts:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; }

# Hunspell and its dictionaries for tests/site/test_spelling.py: one per language of
# calculator/data/languages.toml (its `spelling` field), and the languages on their way (issue 29).
SPELLING_PACKAGES := hunspell hunspell-en-us hunspell-es hunspell-vi hunspell-ru
spelling:
	@missing=$$(for package in $(SPELLING_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	[ -z "$$missing" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; }

# A Java runtime for the Nu HTML Checker (vnu.jar, from npm vnu-jar): Debian's, if this machine has none.
java:
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

# The translations (calculator/locale): extract the English of calculator/data/*.toml into the templates
# (.pot), update each language's .po from them (a changed English turns its translation fuzzy; Babel, from
# the lock) and compile the .mo files the calculator reads. Commit all three; tests/calculator/test_catalogs.py
# fails when they are not what this writes.
catalogs: $(VENV)/.installed
	$(PY) -m overrides.catalogs

# Each translated page (docs/<page>.<code>.md) and whether it is still a translation of its English page's
# text (the hash in its front matter; overrides/page_translations.py). After bringing a page up to date:
# make translations-status STAMP="docs/costs.es.md …" records the English page's current hash in it.
translations-status: $(VENV)/.installed
	$(PY) -m overrides.page_translations $(if $(STAMP),--stamp $(STAMP))

build: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/mkdocs build --strict

serve: build
	$(PY) overrides/serve.py site 8000  # http.server, with .wasm/.mjs types set (not left to the OS)

# Two processes (tests/conftest.py): the tests that open a browser in one, one at a time; the others in the second.
test: $(VENV)/.installed node_modules/.installed chromium engines hosts java spelling
	$(PY) -m pytest tests -n 2 --dist loadgroup --durations=15

test-calculator: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest tests/calculator

bench: $(VENV)/.installed node_modules/.installed chromium engines
	$(PY) tests/bench.py

# Nu HTML Checker and Lighthouse (mobile and desktop, both languages, every page type) on the built site.
audit: build chromium java
	$(PY) tests/audit.py site

offline: build
	$(PY) overrides/offline_copy.py

# Rebuild the offline zip from two clean clones of HEAD and compare (with ZIP=… a published one too).
verify: $(VENV)/.installed node_modules/.installed
	$(PY) overrides/verify_build.py $(ZIP)

clean:
	rm -rf site dist
