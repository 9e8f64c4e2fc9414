# Progress Journal: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app app
MO := journal/translations/nl/LC_MESSAGES/messages.mo
PO := journal/translations/nl/LC_MESSAGES/messages.po

# Every dependency, pinned with its hashes (made from pyproject.toml by `make lock`): what the
# app needs to run, and beside it the test and bench tools at the same versions.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
TOOLS := .venv-tools
PIP_TOOLS ?= pip-tools>=7.4,<8
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(TOOLS)/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

.PHONY: run test serve migrate translations bench load clean lock lock-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the lock changes: exactly the locked versions, each checked against its
# hash, then the app itself without resolving anything again. `make run` and `make serve`
# install only what the app needs; a server carries no test tools.
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(DEV_LOCK) $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $@

# Make the locks again after changing dependencies in pyproject.toml (pins that still fit are
# kept; `make lock LOCK_ARGS=--upgrade` moves every pin to the newest allowed version). The
# development lock is held to the app's pins, so tests run on exactly what servers run.
lock:
	test -x $(TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(TOOLS) && \
		$(TOOLS)/bin/pip install --quiet '$(PIP_TOOLS)'; }
	$(COMPILE) --output-file $(LOCK) pyproject.toml
	$(COMPILE) --extra test --extra bench --constraint $(LOCK) --output-file $(DEV_LOCK) \
		pyproject.toml
	$(PYTHON) .ci/lock.py stamp $(LOCK)
	$(PYTHON) .ci/lock.py stamp $(DEV_LOCK)

# Fails when pyproject.toml's dependencies changed since the locks were made (no index needed).
lock-check:
	$(PYTHON) .ci/lock.py check $(LOCK)
	$(PYTHON) .ci/lock.py check $(DEV_LOCK) dev

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

# The suite runs in TEST_WORKERS processes (pytest-xdist), each on a database of its own; an
# idle worker takes tests waiting for a busy one (worksteal), so the slow browser tests at the
# end do not leave a worker idle.
TEST_WORKERS ?= auto
test: $(VENV)/.installed-test $(MO)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Re-extract the English strings and merge them into the Dutch catalogue.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o journal/translations/messages.pot journal templates
	$(BIN)/pybabel -q update -N -i journal/translations/messages.pot -d journal/translations
	$(BIN)/pybabel -q compile -d journal/translations

$(VENV)/.installed-bench: $(VENV)/.installed-test
	touch $@

bench: $(VENV)/.installed-bench $(MO)
	$(BIN)/python bench/latency.py

# 50 people for 60 s against gunicorn (SQLite; PostgreSQL too with JOURNAL_BENCH_DATABASE_URL).
load: $(VENV)/.installed-bench $(MO)
	cd bench && ../$(BIN)/python load.py

# Fetch the vendored plotly.js (static/vendor/plotly/) again from the npm registry, checked
# against the pinned hashes in journal/charts/vendor.py; the app never fetches it at run time.
.PHONY: vendor-plotly
vendor-plotly:
	$(PYTHON) journal/charts/vendor.py

clean:
	rm -rf $(VENV) $(TOOLS) *.egg-info
