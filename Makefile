# Progress Journal: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app app
MO := journal/translations/nl/LC_MESSAGES/messages.mo
PO := journal/translations/nl/LC_MESSAGES/messages.po

.PHONY: run test serve migrate translations bench load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(MO): $(PO) | $(VENV)/.installed
	$(BIN)/pybabel -q compile -d journal/translations

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

# Serves the app and, beside it, the reminder dispatcher (one process, whatever the server does).
run: $(VENV)/.installed $(MO) migrate
	$(FLASK) reminders run & dispatcher=$$!; \
	trap 'kill $$dispatcher 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production serving with gunicorn.conf.py: one worker with 8 threads on SQLite, several workers
# (WEB_CONCURRENCY) on PostgreSQL; needs VAPID_SUBJECT and HTTPS in front (docs/deploy.md).
serve: $(VENV)/.installed $(MO) migrate
	JOURNAL_ENV=production $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) app:app

test: $(VENV)/.installed-test $(MO)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Re-extract the English strings and merge them into the Dutch catalogue.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o journal/translations/messages.pot journal templates
	$(BIN)/pybabel -q update -N -i journal/translations/messages.pot -d journal/translations
	$(BIN)/pybabel -q compile -d journal/translations

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.installed-bench $(MO)
	$(BIN)/python bench/latency.py

# 50 people for 60 s against gunicorn (SQLite; PostgreSQL too with JOURNAL_BENCH_DATABASE_URL).
load: $(VENV)/.installed-bench $(MO)
	cd bench && ../$(BIN)/python load.py

clean:
	rm -rf $(VENV) *.egg-info
