# Two commands set everything up on a fresh machine that has Python 3.11+:
#   make run   - the demo site on an embedded SQLite database (PostgreSQL if DATABASE_URL is set)
#   make test  - the whole test suite (on PostgreSQL if DATABASE_URL is set)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ENV_FILE ?= .env
# The demo's port: from the environment or the command line, else the one `.env` remembers.
PORT ?= $(or $(shell sed -n 's/^PORT=//p' $(ENV_FILE) 2>/dev/null | tail -n 1),8000)
DEMO_ENV = DJANGO_DEBUG=$${DJANGO_DEBUG:-1} PORT=$(PORT)
PYTEST_ARGS ?=
# The suite runs on two workers (pytest-xdist): the CI machine has two cores.
TEST_WORKERS ?= 2

.PHONY: run demo-env test test-browser lint install messages catalogues bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed catalogues

# The translation catalogues, compiled in pure Python (polib): no GNU gettext needed to run.
catalogues: $(BIN)/.installed
	@$(BIN)/python scripts/compile_messages.py

# Extract every marked string into locale/<language>/LC_MESSAGES/django.po and djangojs.po
# (Django's makemessages: GNU gettext's xgettext, `apt-get install gettext`), then compile.
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=static/vendor \
	--ignore=node_modules --ignore=staticfiles --ignore=test-artifacts
messages: $(BIN)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l fr -l vi $(MAKEMESSAGES_IGNORE) --no-obsolete
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -d djangojs -l fr -l vi $(MAKEMESSAGES_IGNORE) --no-obsolete
	$(BIN)/python scripts/compile_messages.py

# The demo. `.env` (written once, never overwritten) gives every command run in this folder
# the demo's settings; load_demo prints the address and the login last, before the server's
# own lines.
run: install demo-env
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo --with-login
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo-env:
	@$(PYTHON) scripts/demo_env.py --port $(PORT) --file $(ENV_FILE)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Only the browser journeys (headless Chromium, tests/e2e); what the browser saw is saved
# under test-artifacts/screenshots/<journey>/.
test-browser: install
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Seeds PostgreSQL at scale (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/asem_bench,
# created when missing), serves it with gunicorn and prints the figures of docs/performance.md.
bench: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 \
		|| echo "wrk not installed: pages are loaded by the asyncio client instead"
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
