# Red School: `make demo` runs the platform, `make test` runs every test tier.
# Both set up what they need on a fresh machine (venv, npm proxy, chromium, bubblewrap).

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
CHP     := node_modules/.bin/configurable-http-proxy
# apt-get needs root; use sudo when we are not root.
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test test-fast test-notebooks test-e2e test-browser bench chromium bwrap clean translations

setup: $(STAMP) $(CHP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(CHP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium, never a browser downloaded by a test tool.
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Debian's bubblewrap: learners' code (autograde, check, previews) runs only inside it.
bwrap:
	@command -v bwrap >/dev/null || test -x /usr/bin/bwrap || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq bubblewrap; }

demo: setup bwrap
	PATH="$(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/redschool demo

# Every tier: tests/unit, tests/notebooks, tests/e2e and tests/browser.
test: setup chromium bwrap
	PATH="$(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest

# One tier, by its directory. The fast tier: no kernel, no hub, no browser; its tests share
# nothing, so they run on every core (pytest-xdist).
test-fast: setup
	$(PY) -m pytest tests/unit -n auto

# Everything that runs notebooks in a Jupyter kernel (learner play, check, autograde).
test-notebooks: setup bwrap
	$(PY) -m pytest tests/notebooks

test-e2e: setup bwrap
	PATH="$(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest tests/e2e

test-browser: setup chromium bwrap
	PATH="$(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest tests/browser

bench: setup bwrap
	PATH="$(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m benchmarks

# After changing the platform's words: put new English strings into the Spanish catalog
# (core/locale/es/LC_MESSAGES/redschool.po), then translate the empty ones there.
translations: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k translate:2 --no-location --omit-header -o $(VENV)/redschool.pot .
	$(VENV)/bin/pybabel update -i $(VENV)/redschool.pot -d core/locale -D redschool -l es --ignore-obsolete --width=100

clean:
	rm -rf $(VENV) node_modules .redschool tests/artifacts benchmarks/results
