# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test lint serve demo index venv clean eval bench

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_courts
	$(PY) manage.py load_demo
	$(PY) manage.py build_index
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) lint
	$(BIN)/pytest

eval: $(STAMP)
	$(PY) manage.py evaluate_extraction
	$(PY) manage.py evaluate_search

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf var .pytest_cache
