# `make serve` and `make test` are the two commands the README opens with. Both set up
# everything they need in .venv first, from nothing but Python 3 and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.PHONY: setup serve test lint bench clean

$(STAMP): pyproject.toml
	@# Debian's python3 lacks `venv` until python3-venv is installed: fall back to virtualenv.
	$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  $(PYTHON) -m pip install --user --quiet virtualenv \
	  || $(PYTHON) -m pip install --user --quiet --break-system-packages virtualenv; \
	  $(PYTHON) -m virtualenv --quiet $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	cd example-site && NO_MKDOCS_2_WARNING=1 ../$(BIN)/mkdocs serve --dev-addr $(ADDR)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --reviews 1000 --rounds 3

clean:
	rm -rf $(VENV) example-site/site test-output
