# civhub: `make run` sets up and serves the demo centre, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_ENV := DEBUG=1
PG_URL ?= postgres://postgres@127.0.0.1:5432/civhub

.PHONY: run serve test test-demo test-pg lint check-i18n messages demo bench lock browser-deps clean

# Development and tests install both locks: requirements-dev.lock reads requirements.lock (what production installs).
$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	@python=$$(bin/find-python) || exit 1; \
	  test -x $(PY) || $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

var:
	mkdir -p var

locale/nl/LC_MESSAGES/django.mo: locale/nl/LC_MESSAGES/django.po $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py compilemessages --locale nl --verbosity 0

# The demo is loaded once per database file; load_demo itself is idempotent.
var/.demo-loaded: $(VENV)/.installed civhub/loader/demo/civ-bio-sciences.yaml civhub/loader/demo_ledger.py civhub/loader/demo_grant.py \
		civhub/loader/demo_people.py civhub/loader/demo_clock.py \
		civhub/loader/demo_programme.py civhub/loader/demo_research.py civhub/loader/demo_learning.py \
		civhub/loader/demo_skills.py civhub/loader/demo_hca.py \
		civhub/loader/demo_governance.py civhub/loader/demo_events.py civhub/loader/demo_news.py \
		civhub/loader/demo_application.py civhub/loader/demo/civ-bio-sciences-application-2021.yaml | var
	$(DEV_ENV) $(PY) manage.py migrate --verbosity 0
	$(DEV_ENV) $(PY) manage.py load_demo
	touch $@

run: $(VENV)/.installed locale/nl/LC_MESSAGES/django.mo var/.demo-loaded
	$(DEV_ENV) $(PY) manage.py migrate --verbosity 0
	@echo "civhub: open http://127.0.0.1:$(PORT)/ (demo logins in README.md)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production profile on this machine (docs/deployment.md): DEBUG off, a local key kept in var/, plain HTTP on
# the loopback address only, hashed static files, gunicorn with gunicorn.conf.py. The same database as `make run`.
SERVE_ENV = DEBUG=0 SECRET_KEY="$$(cat var/serve-secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL=http://127.0.0.1:$(PORT) SECURE_SSL_REDIRECT=0

var/serve-secret-key: | var
	(umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@)

serve: $(VENV)/.installed locale/nl/LC_MESSAGES/django.mo var/serve-secret-key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --verbosity 0
	$(SERVE_ENV) $(PY) manage.py check --deploy --fail-level ERROR
	@echo "civhub (production profile): open http://127.0.0.1:$(PORT)/"
	@# One process unless told otherwise: without CACHE_URL the limits and progress are each process's own.
	$(SERVE_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) GUNICORN_WORKERS=$${GUNICORN_WORKERS:-1} \
	  $(VENV)/bin/gunicorn -c gunicorn.conf.py

demo: $(VENV)/.installed | var
	$(DEV_ENV) $(PY) manage.py migrate --verbosity 0
	$(DEV_ENV) $(PY) manage.py load_demo

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# makemessages must not change locale/nl, every Dutch message is translated, and the catalogue compiles.
check-i18n: $(VENV)/.installed
	$(DEV_ENV) $(PY) bin/check-translations

messages: $(VENV)/.installed
	$(DEV_ENV) $(PY) bin/check-translations --update
	$(DEV_ENV) $(PY) manage.py compilemessages --locale nl --verbosity 0

browser-deps:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	@# WeasyPrint subsets the PDFs' fonts with HarfBuzz when it finds this library (fontTools, far slower, otherwise).
	@/sbin/ldconfig -p | grep -q libharfbuzz-subset.so.0 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; }

test: $(VENV)/.installed browser-deps lint check-i18n
	$(DEV_ENV) $(PY) manage.py check
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 -p no:cacheprovider -m "not demo"

# The tests that load the whole demo (slow, so not in every make test); CI runs them between test and test-pg.
test-demo: $(VENV)/.installed
	$(PY) -m pytest -n 2 -p no:cacheprovider -m demo

# The suite on PostgreSQL, demo tests included; with Redis, for the multi-process tests (tests/multiprocess).
# The browser tests run on SQLite only (make test): they drive the same views the rest of the suite reads on both
# databases, and took a quarter of this run (about 5 of 27 minutes on two cores) without a query of their own.
test-pg: $(VENV)/.installed browser-deps
	bin/ensure-postgres
	bin/ensure-redis
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -p no:cacheprovider -m "not browser"

bench: $(VENV)/.installed browser-deps
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the load benchmark"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench
	$(PY) -m bench.imports --rows 100000
	$(PY) -m bench.monitor --rows 1000000
	$(PY) -m bench.feed
	$(PY) -m bench.governance
	$(PY) -m bench.pdf
	$(PY) -m bench.load
	$(PY) -m bench.centres
	$(PY) -m bench.hca

# Re-pin both locks: the runtime dependencies alone give requirements.lock, the rest of .venv requirements-dev.lock.
lock: $(VENV)/.installed
	$(PY) bin/lock

clean:
	rm -rf $(VENV) var
