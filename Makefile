# lepstudy — the README's two commands are `make all` and `make test`.
# Everything runs inside .venv, created here from the pinned locks: requirements.lock (what `make all` needs),
# requirements-dev.lock (adds the tests, linter and benchmark plots: `make test`), requirements-lab.lock (adds
# JupyterLab: `make lab`). Each lock pins the same versions as the one before it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LAB_STAMP := $(VENV)/.installed-lab
LEPSTUDY := $(BIN)/lepstudy
# optional: make all CONFIG=path/to/study.yaml RUBRIC=path/to/rubric.yaml
CONFIG_ARGS := $(if $(CONFIG),--config $(CONFIG)) $(if $(RUBRIC),--rubric $(RUBRIC))
# `make all` redoes only what changed (lepstudy.buildcache); make all FORCE=1 rebuilds everything
FORCE_ARG := $(if $(FORCE),--force)

.DEFAULT_GOAL := help
.PHONY: help all install dev-install data notebooks report pdf test test-fast lint bench lab hooks lock environment clean

help: ## list the targets
	@grep -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# the installers' messages go to .venv/install.log, shown only if the install fails
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python
INSTALL_LOG := $(VENV)/install.log

# uv (itself from PyPI) installs a pinned set several times faster than pip; where uv cannot be had, pip does the
# same job from the same lock file. $(call install_lock,LOCK): install LOCK and lepstudy (editable, no deps).
define install_lock
	@echo "installing $(1) into $(VENV) (log: $(INSTALL_LOG))"
	@{ { $(PIP) uv && $(UV) -r $(1) && $(UV) --no-deps -e . ; } \
	   || { echo "uv could not install: installing with pip"; \
	        $(PIP) --upgrade pip && $(PIP) -r $(1) && $(PIP) --no-deps -e . ; } ; } > $(INSTALL_LOG) 2>&1 \
		|| { cat $(INSTALL_LOG); exit 1; }
endef

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(call install_lock,requirements.lock)
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(call install_lock,requirements-dev.lock)
	touch $(DEV_STAMP)

$(LAB_STAMP): $(DEV_STAMP) requirements-lab.lock
	$(call install_lock,requirements-lab.lock)
	touch $(LAB_STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies and lepstudy (dev-install adds the test tools)

dev-install: $(DEV_STAMP) ## install the test, lint and benchmark tools too (make test does this itself)

all: install ## build processed data, execute every notebook, write figures and render the report (CONFIG=, RUBRIC=, FORCE=1)
	$(LEPSTUDY) data $(CONFIG_ARGS) $(FORCE_ARG)
	$(LEPSTUDY) report $(CONFIG_ARGS) $(FORCE_ARG)

data: install ## build data/processed/ and its run manifest from data/raw/ (and synthetic or private inputs)
	$(LEPSTUDY) data $(CONFIG_ARGS) $(FORCE_ARG)

report: install ## execute the notebooks (papermill) and render reports/ (code hidden; refuses stale tables)
	$(LEPSTUDY) report $(CONFIG_ARGS) $(FORCE_ARG)

pdf: install ## print the whole rendered publication to reports/lepstudy-publication.pdf (needs chromium)
	$(LEPSTUDY) pdf $(if $(CONFIG),--config $(CONFIG))

test: dev-install ## run the whole test suite
	$(BIN)/python -m pytest -q

test-fast: dev-install ## the unit tests only (skips whole-pipeline, report and browser runs)
	$(BIN)/python -m pytest -q -m "not slow"

lint: dev-install ## ruff on the package, tests and notebook sources
	$(BIN)/ruff check lepstudy tests notebooks benchmarks

bench: dev-install ## speed benchmarks; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lab: $(LAB_STAMP) ## build the tables the notebooks read (if none yet), then open the notebooks in JupyterLab
	@test -f data/processed/_manifest.json || $(LEPSTUDY) data
	JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/.jupyter/lab/user-settings $(BIN)/jupyter lab notebooks/

hooks: dev-install ## install the pre-commit hooks (.pre-commit-config.yaml) into this clone
	$(PIP) pre-commit pre-commit-hooks > $(INSTALL_LOG) 2>&1 || { cat $(INSTALL_LOG); exit 1; }
	$(BIN)/pre-commit install

LOCK_FLAGS := --python-version 3.11 --no-header --no-annotate --quiet
lock: ## re-pin the three locks from pyproject.toml (needs network), then regenerate environment.yml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra pdf $(LOCK_FLAGS) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra pdf --extra dev -c requirements.lock $(LOCK_FLAGS) -o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml --extra pdf --extra dev --extra lab -c requirements-dev.lock $(LOCK_FLAGS) \
		-o requirements-lab.lock
	$(MAKE) environment

environment: install ## regenerate environment.yml from requirements-lab.lock (the complete set)
	$(BIN)/python -m lepstudy.envfile > environment.yml

clean: ## remove every generated file git ignores (tables, pages, PDF, executed notebooks, experiments, caches); keeps .venv
	git clean -fdX -e '!.venv/' -q
