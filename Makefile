# Every target sets itself up on a fresh machine: Python's venv, the pinned Python and npm
# packages, and the front-end build. Needs only python3 (3.11+), Node.js (20+) and npm.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv
STATIC := src/fairhear/static/build/fairhear.css
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup demo check test lint lock clean

help:
	@echo "make demo   set up, load the demo council and serve it on http://localhost:8000"
	@echo "            (make demo PORT=8001 for another port)"
	@echo "make check  set up, then lint, type-check and run the unit tests (under two minutes)"
	@echo "make test   set up, then run the checks and the whole test suite"
	@echo "make lock   re-pin the Python packages after changing pyproject.toml"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check 'uv>=0.9,<0.14'

$(BIN)/fairhear: requirements/dev.txt pyproject.toml | $(UV)
	test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes requirements/dev.txt
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --editable .
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(STATIC): node_modules/.package-lock.json $(wildcard frontend/*/* frontend/*.mjs)
	npm run --silent build

setup: $(BIN)/fairhear $(STATIC)

demo: setup
	$(BIN)/fairhear migrate --no-input
	$(BIN)/fairhear demo --site http://localhost:$(PORT)
	$(BIN)/fairhear runserver localhost:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: lint
	$(BIN)/pytest tests/unit

test: lint
	$(BIN)/fairhear makemigrations --check --dry-run
	$(BIN)/pytest

lock: | $(UV)
	$(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
		--group dev -o requirements/dev.txt pyproject.toml
	$(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
		-o requirements/production.txt pyproject.toml

clean:
	rm -rf $(VENV) .tools node_modules src/fairhear/static/build artifacts
