# The front door. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UPSTREAM ?= data/raw/upstream
ANALYSIS := $(BIN)/analysis

.PHONY: help setup ingest report test lint lab clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --compile -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the package (a no-op when current)

ingest: setup ## Ingest the ledger (and upstream snapshots in UPSTREAM) into data/processed
	$(ANALYSIS) ingest --allow-quarantine --upstream $(UPSTREAM)

report: ingest ## The main job: set up, ingest the bundled data, render every report
	$(ANALYSIS) tables

lint: setup ## Run ruff
	$(BIN)/ruff check src tests

test: setup lint ## Run ruff and the whole test suite
	$(BIN)/python -m pytest

lab: setup ## Open JupyterLab on the notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

clean: ## Remove processed data and reports (raw data is never touched)
	rm -rf data/processed data/.processed-versions reports
