# Common Ground: `make run` to try the site, `make test` to run the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-test frontend messages translations migrate demo serve lint format check clean search-engine serve-production

run: install frontend messages migrate demo serve ## Install everything, load demo data and serve on SQLite

test: install-test frontend messages ## Install test dependencies and run the whole suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

static/dist/main.css: frontend/node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss frontend/js/*.mjs)
	cd frontend && npm run --silent build

frontend: static/dist/main.css

# The interface's translations (locale/cy): each catalogue compiled when its .po is newer
# than its .mo (needs gettext's msgfmt).
MESSAGE_CATALOGUES := $(wildcard locale/*/LC_MESSAGES/*.po)

messages: $(MESSAGE_CATALOGUES:.po=.mo)

locale/%.mo: locale/%.po $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv

translations: install ## Add new strings to the Welsh catalogue (then translate them there)
	$(BIN)/python manage.py makemessages -l cy --ignore=.venv --ignore=frontend \
		--ignore=static --ignore=staticfiles --ignore=tests --ignore=bench --ignore=media \
		--no-obsolete

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: install
	$(BIN)/python manage.py load_demo_data

serve: install
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-test
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) frontend/node_modules static/dist db.sqlite3

# Serve as production does: gunicorn and the task worker on PostgreSQL, hashed static files,
# JSON logs (the environment it needs: tools/serve-production.sh).
serve-production: ## Serve as production does (needs SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, TRUSTED_PROXY_COUNT)
	@bash tools/serve-production.sh --check-env
	$(MAKE) --no-print-directory $(VENV)/.installed-production frontend messages
	bash tools/serve-production.sh

$(VENV)/.installed-production: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[production]"
	touch $@

search-engine: ## Start a local OpenSearch node (Java 17 + Maven) and print its URL
	bash tools/opensearch/opensearch.sh start
