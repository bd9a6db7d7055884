# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -qq -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -qq -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/keepwarm serve --host $(HOST) --port $(PORT)

# Tests use their own data dir, never yours. DATABASE_URL (PostgreSQL) is passed through when set.
test: $(VENV)/.installed-dev
	rm -rf test-output/data && mkdir -p test-output/data
	KEEPWARM_DATA_DIR=$(CURDIR)/test-output/data DJANGO_ALLOW_ASYNC_UNSAFE=1 \
		$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/engine_bench.py

clean:
	rm -rf $(VENV) test-output *.egg-info
