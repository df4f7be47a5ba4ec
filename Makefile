# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DATA := $(or $(PORTAL_DATA_DIR),var)
# A key made once per machine for `make run`: the portal refuses to serve on the development
# key in the repository when PORTAL_DEBUG is off. Production sets PORTAL_SECRET_KEY itself.
LOCAL_KEY := $(DATA)/local-secret-key
KEY_ENV = PORTAL_SECRET_KEY="$${PORTAL_SECRET_KEY:-$$(cat $(LOCAL_KEY))}"

.PHONY: run test lint serve demo index venv clean eval bench reliability

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

$(LOCAL_KEY):
	mkdir -p $(DATA)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: demo $(LOCAL_KEY)
	$(KEY_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Production serving on this machine: gunicorn (PORTAL_WORKERS workers, WhiteNoise for static
# files) and the background parser for large uploads, stopped together. Put a reverse proxy in
# front for TLS (README.md, "Serving").
serve: $(STAMP) $(LOCAL_KEY)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(KEY_ENV) $(PY) manage.py check --deploy --fail-level ERROR
	$(KEY_ENV) sh -c '$(PY) manage.py ingest_worker & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/gunicorn -c portal/gunicorn.conf.py portal.wsgi:application'

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) lint
	$(BIN)/pytest

reliability: $(STAMP)
	$(BIN)/pytest -s -p no:cacheprovider tests/reliability

eval: $(STAMP)
	$(PY) manage.py evaluate_extraction
	$(PY) manage.py evaluate_search

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf var .pytest_cache
