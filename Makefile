# The front door. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UPSTREAM ?= data/raw/upstream
ANALYSIS := $(BIN)/analysis
TODAY := $(shell date +%F)
# The bundled data is a fixed snapshot that is old by now, so `make report` renders anyway and
# says so: a banner in the index and in each report (--stale warn). Scheduled runs call
# `analysis report` directly and keep the default --stale fail (exit 5; docs/scheduling.md).
REPORT_ARGS ?= --pdf --stale warn

.PHONY: help setup ingest report test test-fast lint lab clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --compile -e '.[dev]'
	@touch $(STAMP)

setup: ## Create .venv and install the package (a no-op when current; rebuilt when it is another folder's)
	@owner=$$(sed -n 's/^VIRTUAL_ENV=//p' $(BIN)/activate 2>/dev/null | tr -d "'\""); \
	if [ -n "$$owner" ] && [ "$$owner" != "$(CURDIR)/$(VENV)" ]; then \
		echo "$(VENV) was made for $$owner: rebuilding it for $(CURDIR)"; rm -rf $(VENV); fi
	@$(MAKE) --no-print-directory $(STAMP)

ingest: setup ## Ingest the ledger (and upstream snapshots in UPSTREAM) into data/processed
	$(ANALYSIS) ingest --allow-quarantine --upstream $(UPSTREAM)

report: ingest ## The main job: set up, ingest the bundled data, render every report for today
	$(ANALYSIS) report --as-of $(TODAY) $(REPORT_ARGS)

lint: setup ## Run ruff
	$(BIN)/ruff check src tests notebooks bench

test: setup lint ## Run ruff and the whole test suite
	$(BIN)/python -m pytest

test-fast: setup ## The quick unit tests (no subprocesses, kernels or full renders; see tests/conftest.py)
	$(BIN)/python -m pytest -q -m "not slow"

lab: setup ## Open JupyterLab on the notebooks (the package importable, kernel = .venv's Python)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

clean: ## Remove processed data and reports (raw data is never touched)
	rm -rf data/processed data/.processed-versions reports
