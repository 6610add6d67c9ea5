# `make serve` and `make test` are the two commands the README opens with. Both set up what
# they need first, from nothing but Python 3, pip and (for the browser tests) apt-get.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ProperDocs, the maintained fork of MkDocs 1.x, gets a venv of its own without MkDocs in it.
PD_VENV ?= .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
# MaterialX, the maintained fork of Material, ships the same `material` package: its own venv.
MX_VENV ?= .venv-materialx
MX_STAMP := $(MX_VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ADDR ?= 127.0.0.1:8000
# The sdist and wheel as a release would ship them; the host venvs below install this wheel,
# never the source tree, so that they test what users install.
SOURCES := pyproject.toml README.md LICENSE \
  $(shell find mkdocs_bookreviews -type f ! -path '*/__pycache__/*' ! -name '*.pyc')
DIST_STAMP := dist/.built
# What tests/test_install.py installs offline: the requirements for every CPython claimed and
# found here, and the setuptools floor (tests/wheelhouse.py says how).
WHEELHOUSE_STAMP := .wheelhouse/.filled

# $(call venv,DIR): a virtual environment in DIR. Debian's python3 has no `venv` module until
# python3-venv is installed: fall back to virtualenv from pip.
define venv
$(PYTHON) -m venv $(1) 2>/dev/null || { rm -rf $(1); \
  $(PYTHON) -m pip install --user --quiet virtualenv \
  || $(PYTHON) -m pip install --user --quiet --break-system-packages virtualenv; \
  $(PYTHON) -m virtualenv --quiet $(1); }
$(1)/bin/python -m pip install --quiet --upgrade pip
endef

.PHONY: setup serve test lint test-deps bench clean dist

$(STAMP): pyproject.toml Makefile
	$(call venv,$(VENV))
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(DIST_STAMP): $(STAMP) $(SOURCES)
	rm -rf dist build
	$(BIN)/python -m build --no-isolation --outdir dist . > dist.log 2>&1 || { cat dist.log; exit 1; }
	rm -f dist.log
	touch $@

# ProperDocs without MkDocs: the plugin's wheel without its `mkdocs` requirement, and the rest
# of its requirements (read from pyproject.toml) installed beside ProperDocs.
$(PD_STAMP): $(DIST_STAMP)
	$(call venv,$(PD_VENV))
	$(PD_VENV)/bin/python -m pip install --quiet properdocs properdocs-theme-mkdocs \
	  $$($(BIN)/python -c 'import tomllib; print(*(d for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"] if not d.startswith("mkdocs")))')
	$(PD_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall dist/*.whl
	touch $(PD_STAMP)

$(WHEELHOUSE_STAMP): $(STAMP) pyproject.toml tests/wheelhouse.py
	$(BIN)/python -m tests.wheelhouse
	touch $@

# MaterialX with the plugin's wheel and its requirements; mkdocs-material must not come along.
$(MX_STAMP): $(DIST_STAMP)
	$(call venv,$(MX_VENV))
	$(MX_VENV)/bin/python -m pip install --quiet --force-reinstall dist/*.whl mkdocs-materialx
	! $(MX_VENV)/bin/python -m pip list --format=freeze 2>/dev/null | grep -i '^mkdocs-material=='
	touch $(MX_STAMP)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: $(STAMP)

dist: $(DIST_STAMP)

test-deps: $(STAMP) $(PD_STAMP) $(MX_STAMP) $(WHEELHOUSE_STAMP) $(CHROMIUM)

serve: $(STAMP)
	cd example-site && NO_MKDOCS_2_WARNING=1 ../$(BIN)/mkdocs serve --dev-addr $(ADDR)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint test-deps
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --reviews 1000 --rounds 3

clean:
	rm -rf $(VENV) $(PD_VENV) $(MX_VENV) .wheelhouse dist build example-site/site test-output
