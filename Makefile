# The two commands a fresh machine needs: `make run` and `make test`.
# Everything else here serves them.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Paths only, never query strings: searches of a private journal stay out of logs.
ACCESS_LOG_FORMAT := %(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms

.DEFAULT_GOAL := help
.PHONY: help run dev demo test test-clock lint check pytest bench lock screenshots clean

help:
	@echo "make run    serve the app at http://127.0.0.1:$(PORT) (PORT=8123 for another port)"
	@echo "make test   install, lint, check and run every test (browser tests included)"
	@echo "make dev    Django's development server with DEBUG on"
	@echo "make demo   create the demo user with a few months of sample data"
	@echo "make bench  the performance benchmark (not part of make test)"
	@echo "make test-clock  the tests again with the clock moved (needs faketime)"
	@echo "make lock   re-pin requirements*.txt from pyproject.toml"

# --- the virtual environment -------------------------------------------------

# Created from the interpreter that .python-version resolves to (pyenv), or
# PYTHON=/path/to/python3.12. Django 6.1 needs Python 3.12 or newer.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
		echo "error: Python 3.12 or newer is needed, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "       Install Python 3.12 (pyenv reads .python-version) or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# --- the two commands -------------------------------------------------------

run: $(VENV)/.runtime
	$(MANAGE) migrate --noinput
	$(MANAGE) prune_attempts --verbosity 0
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  The job-search journal is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo ""
	@exec $(BIN)/gunicorn jobsearch.wsgi --bind 127.0.0.1:$(PORT) --workers 2 \
		--no-control-socket --graceful-timeout 5 \
		--access-logfile - --access-logformat '$(ACCESS_LOG_FORMAT)'

test: lint check pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.dev
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

pytest: $(VENV)/.dev
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite must pass on any day, not just the day a test was written. libfaketime
# (Debian: faketime) moves the whole process's clock: far ahead, to a leap day, to
# a year's last minute, and across a daylight-saving change in the user's zone
# (each run starts seconds before it and ticks through). Monotonic time stays
# real so timeouts behave. CI runs this after make test.
CLOCKS := "2027-08-15 10:00:00|UTC" "2028-02-29 23:30:00|Pacific/Auckland" \
	"2026-12-31 23:59:00|Asia/Tokyo" "2027-03-28 00:59:45|Europe/London"
test-clock: $(VENV)/.dev
	@command -v faketime >/dev/null || { echo "error: make test-clock needs libfaketime (apt-get install faketime)."; exit 1; }
	@for clock in $(CLOCKS); do \
		at=$${clock%|*}; zone=$${clock#*|}; \
		echo "=== the suite at $$at UTC, new accounts in $$zone ==="; \
		FAKETIME_DONT_FAKE_MONOTONIC=1 JOBSEARCH_TIME_ZONE=$$zone faketime -f "@$$at" \
			$(BIN)/pytest -q -m "not browser and not real_clock" $(PYTEST_ARGS) || exit 1; \
	done

# --- for development ----------------------------------------------------------

dev: $(VENV)/.dev
	$(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

demo: $(VENV)/.runtime
	$(MANAGE) migrate --noinput
	$(MANAGE) demo

screenshots: $(VENV)/.dev
	$(BIN)/pytest -m screenshots tests/browser/test_screenshots.py

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# Pins every package (and what they pull in) so each machine installs the same
# versions: requirements.txt for running, requirements-dev.txt adds the tools.
lock: | $(BIN)/python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")' > .lock-venv/runtime.in
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"], sep="\n")' > .lock-venv/dev.in
	.lock-venv/bin/pip install --quiet -r .lock-venv/runtime.in
	.lock-venv/bin/pip freeze | sort -f > requirements.txt
	.lock-venv/bin/pip install --quiet -r .lock-venv/dev.in
	{ echo "-r requirements.txt"; .lock-venv/bin/pip freeze | sort -f | grep -vxFf requirements.txt; } > requirements-dev.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles
