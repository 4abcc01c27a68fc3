# Wailian — one entry point for building, running, checking and measuring.
# Everything a target needs is installed by the target itself: a clean clone needs only
# Python 3.11+, Node.js 20+ and apt (Debian) for Chromium, wrk and a Chinese font.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SITE = $(shell $(PY) -c 'import site; print(site.getsitepackages()[0])')
GRPC_PROTO = $(shell $(PY) -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')
PROTOS := $(shell find protos/wailian -name '*.proto' | sort)
PROTOC = $(PY) -m grpc_tools.protoc -Iprotos -I$(SITE) -I$(GRPC_PROTO)
DESCRIPTORS := build/wailian.pb
WEB_DIST := web/dist/index.html
# The end-to-end tests spend much of their time waiting on processes: three workers on two
# cores finish sooner than two.
PYTEST_WORKERS ?= 3

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

.PHONY: install
install: $(STAMP) ## Create .venv and install Wailian with its development tools

.PHONY: proto
proto: $(STAMP) ## Regenerate Python code from protos/ and the descriptor set
	$(PROTOC) --python_out=protos --grpc_python_out=protos --pyi_out=protos $(PROTOS)
	@$(MAKE) --no-print-directory $(DESCRIPTORS)

$(DESCRIPTORS): $(STAMP) $(PROTOS)
	@mkdir -p build
	$(PROTOC) --include_imports --include_source_info --descriptor_set_out=$@ \
		$(PROTOS) google/rpc/status.proto google/rpc/error_details.proto

$(WEB_DIST): web/package-lock.json $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

.PHONY: web
web: $(WEB_DIST) ## Build the console (npm ci from the lock file, then vite build)

.PHONY: system-packages
system-packages: ## Install Debian's Chromium (browser tests), wrk (benchmarks) and a Chinese font (PDF reports) when missing
	@if ! command -v chromium >/dev/null || ! command -v wrk >/dev/null \
		|| [ -z "$$(fc-list :lang=zh 2>/dev/null)" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium wrk fonts-wqy-microhei >/dev/null; \
	fi

.PHONY: build
build: $(STAMP) $(DESCRIPTORS) web

.PHONY: run
run: build ## Start the whole platform on SQLite with demo data, print URLs and logins
	$(VENV)/bin/wailian up

.PHONY: test
test: build system-packages ## Run the whole test suite (unit, integration, end-to-end, browser)
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: lint
lint: $(STAMP) ## ruff, ruff format --check, mypy, buf lint, stale generated code
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd protos && ../$(VENV)/bin/buf lint
	@$(MAKE) --no-print-directory proto >/dev/null
	git diff --exit-code -- protos || (echo "generated code is stale: run 'make proto' and commit" >&2; exit 1)
	@test -z "$$(git status --porcelain -- protos)" || (git status --porcelain -- protos; echo "untracked generated code: run 'make proto' and commit" >&2; exit 1)

.PHONY: bench
bench: build system-packages ## Benchmarks: each figure beside its baseline from the same run
	$(PY) -m bench

.PHONY: clean
clean: ## Remove build output and local data (.var)
	rm -rf build web/dist .var
