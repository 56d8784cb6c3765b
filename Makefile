# lepstudy — the README's two commands are `make all` and `make test`.
# Everything runs inside .venv, created here from the pinned requirements.lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LEPSTUDY := $(BIN)/lepstudy
# optional: make all CONFIG=path/to/study.yaml RUBRIC=path/to/rubric.yaml
CONFIG_ARGS := $(if $(CONFIG),--config $(CONFIG)) $(if $(RUBRIC),--rubric $(RUBRIC))

.DEFAULT_GOAL := help
.PHONY: help all install data notebooks report pdf test test-fast lint bench lab lock environment clean

help: ## list the targets
	@grep -E '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies and lepstudy

all: install ## build processed data, execute every notebook, write figures and render the report (CONFIG=, RUBRIC=)
	$(LEPSTUDY) data $(CONFIG_ARGS)
	$(LEPSTUDY) report $(CONFIG_ARGS)

data: install ## build data/processed/ and its run manifest from data/raw/ (and synthetic or private inputs)
	$(LEPSTUDY) data $(CONFIG_ARGS)

report: install ## execute the notebooks (papermill) and render reports/ (code hidden; refuses stale tables)
	$(LEPSTUDY) report $(CONFIG_ARGS)

pdf: install ## print the whole rendered publication to reports/lepstudy-publication.pdf (needs chromium)
	$(LEPSTUDY) pdf $(if $(CONFIG),--config $(CONFIG))

test: install ## run the whole test suite
	$(BIN)/python -m pytest -q

test-fast: install ## the unit tests only (skips whole-pipeline, report and browser runs)
	$(BIN)/python -m pytest -q -m "not slow"

lint: install ## ruff on the package, tests and notebook sources
	$(BIN)/ruff check lepstudy tests notebooks benchmarks

bench: install ## speed benchmarks; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lab: install ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

lock: ## re-pin requirements.lock from pyproject.toml (needs network), then regenerate environment.yml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header --quiet -o requirements.lock
	$(MAKE) environment

environment: install ## regenerate environment.yml from requirements.lock
	$(BIN)/python -m lepstudy.envfile > environment.yml

clean: ## remove generated data, notebooks and reports (keeps .venv and committed figures)
	rm -rf data/processed/*.csv reports/*.html reports/*.json reports/notebooks notebooks/*.ipynb
