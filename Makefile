# Clinic Portal: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run setup test test-postgres check test-browser screenshots lint format bench bench-scale observatory serve-prod clean
.DEFAULT_GOAL := help

## help: list the targets and what they do
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  make /' -e 's/: /\t/' | expand -t 28

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when the pinned requirements change.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-postgres.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

## setup: virtual environment, dependencies, database tables and the demo content (SQLite by default)
setup: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content

## run: set up, then serve the portal with demo content at http://127.0.0.1:8000
run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest-xdist: one worker per core, each with a test database of its own; the tests of a module
# that starts its servers once (marked xdist_group) run in one worker, every other test wherever
# a worker is free. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= auto
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

# The PostgreSQL server of `make test-postgres` (trust auth, user postgres). pytest-django creates
# one database per worker (test_<name>_gw0, ...) and drops them afterwards; the name is unique per run.
PG_URL ?= postgres://postgres@127.0.0.1:5432

## test: set up the test tools, lint, and run the whole test suite on SQLite, browser tests included (with CI=true, then on PostgreSQL too)
test: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest $(PARALLEL) --durations=15
	@if [ "$$CI" = "true" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "Not run here: the PostgreSQL pass (CI runs it; locally: make test-postgres)."; \
	fi

## test-postgres: the whole suite again on PostgreSQL at PG_URL, without the browser tests (CI runs it)
test-postgres: $(VENV)/.dev-installed
	@if ! $(PY) -c "import psycopg; psycopg.connect('$(PG_URL)/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "FAILED: the PostgreSQL test run needs PostgreSQL at $(PG_URL) (set PG_URL to point at one)."; \
		exit 1; \
	fi
	@echo "== The whole suite on PostgreSQL at $(PG_URL) (the browser tests run in make test) =="
	DATABASE_URL=$(PG_URL)/clinic_portal_ci_$$$$ $(PY) -m pytest -p no:cacheprovider $(PARALLEL) -m "not browser"

## check: lint, migrations in step with the models, and Django's deployment checks (the go-live list too) with production settings
check: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
		DJANGO_ALLOWED_HOSTS=localhost $(PY) manage.py check --deploy

## test-browser: only the real-browser tests (Playwright + Debian Chromium; `make test` runs them too)
test-browser: $(VENV)/.dev-installed
	$(PY) -m pytest -p no:cacheprovider tests/browser

## screenshots: remake the staff guide's pictures in docs/img/ (a browser test, SCREENSHOTS=1)
screenshots: $(VENV)/.dev-installed
	SCREENSHOTS=1 $(PY) -m pytest -p no:cacheprovider -n 0 -m screenshots tests/browser

## bench: gunicorn + production settings + 5,000 generated articles under wrk (BENCH_ROUNDS=7 runs of BENCH_DURATION=10 s a row)
bench: $(VENV)/.dev-installed
	$(PY) bench/run.py

## bench-scale: 5,000 and 50,000 generated articles on each database: cold search, uncached pages, admin pages, memory, against the goals (BENCH_SCALE_SIZES=500,2000 to try it)
bench-scale: $(VENV)/.dev-installed
	$(PY) bench/scale.py

## observatory: grade the home page, an article and the admin sign-in with the Mozilla HTTP Observatory (local TLS; needs node/npm)
observatory: $(VENV)/.runtime-installed
	scripts/observatory.sh

## serve-prod: production settings on 127.0.0.1: nginx (TLS, throwaway certificate) in front of gunicorn, demo content
serve-prod: $(VENV)/.runtime-installed
	$(PY) scripts/proxy.py serve

## lint: ruff check and format check (as CI and the pre-commit hook run them)
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## format: let ruff fix what it can and format the code
format: $(VENV)/.dev-installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## clean: remove the virtualenv, collected static files and test output
clean:
	rm -rf $(VENV) staticfiles test-artefacts .pytest_cache .ruff_cache
