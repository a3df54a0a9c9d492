# Developer entry points of the odoo_perf_review repository. `make help` lists them.
# The logic lives in scripts/ (Python, standard library only), so every target
# also works as `python3 scripts/<script>.py ...`.
#
# Odoo is never installed by these targets: they use the Odoo 19 found at
# $(ODOO_PATH) (a source root holding odoo/ and addons/) or, when ODOO_PATH is
# not set, the one `import odoo` gives.

PYTHON ?= python3
DEMO_DB ?= perf_demo
DEMO_PORT ?= 8069
DEMO_HTTP_INTERFACE ?= 127.0.0.1
GEN_DB ?= opr_scale
GEN_EMPLOYEES ?= 1000
export DEMO_DB DEMO_PORT DEMO_HTTP_INTERFACE

ADDON := odoo_perf_review

.DEFAULT_GOAL := help
.PHONY: help test test-pure lint test-odoo demo bench bench-load generate pot readme wheel pre-commit clean clean-dbs

help: ## List the targets
	@echo "Targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: ODOO_PATH=/path/to/odoo-19-source, ODOO_ADDONS_PATH=extra,dirs,"
	@echo "  DEMO_DB=$(DEMO_DB) DEMO_PORT=$(DEMO_PORT) DEMO_HTTP_INTERFACE=$(DEMO_HTTP_INTERFACE),"
	@echo "  KEEP_TEST_DBS=1, REQUIRE_ODOO_TIER=1, PYTEST_ODOO_ARGS='-k tour', PYTHON=$(PYTHON),"
	@echo "  BENCH_SIZES=$(BENCH_SIZES), GEN_DB=$(GEN_DB) GEN_EMPLOYEES=$(GEN_EMPLOYEES),"
	@echo "  LOAD_DB=$(LOAD_DB) LOAD_EMPLOYEES=$(LOAD_EMPLOYEES) LOAD_SESSIONS=$(LOAD_SESSIONS)"
	@echo "  LOAD_DURATION=$(LOAD_DURATION) LOAD_ARGS='--reuse --port 8169 --think 0.5'"

test: ## Everything: tier 1 (pure tests + lint) and tier 2 (Odoo install + tests) when Odoo 19 is found
	@$(PYTHON) scripts/run_tests.py all

test-pure: ## Tier 1 pure tests only (pytest tests/engine tests/i18n tests/repo, no Odoo)
	@$(PYTHON) scripts/run_tests.py pure

lint: ## Tier 1 lint only: ruff, pylint-odoo (mandatory), OCA's oca-checks-odoo-module/-po, check_manifest.py
	@$(PYTHON) scripts/run_tests.py lint

test-odoo: ## Tier 2 only: install without/with demo in fresh databases, then the Odoo tests (pytest-odoo)
	@$(PYTHON) scripts/run_tests.py odoo

demo: ## Create or upgrade the demo database (DEMO_DB, demo data) and serve it on http://localhost:8069 (DEMO_PORT)
	@$(PYTHON) scripts/demo.py

BENCH_SIZES ?= 1000,10000

bench: ## Benchmarks (Odoo 19 needed): a whole cycle at BENCH_SIZES employees, live-KPI refresh vs gamification; JSON in .cache/bench/
	@mkdir -p .cache/bench
	$(PYTHON) bench/scale.py --sizes $(BENCH_SIZES) --json .cache/bench/scale.json
	$(PYTHON) bench/kpi_refresh.py --json .cache/bench/kpi_refresh.json

LOAD_DB ?= opr_load
LOAD_EMPLOYEES ?= 1000
LOAD_SESSIONS ?= 30
LOAD_DURATION ?= 120
LOAD_ARGS ?=

bench-load: ## Load benchmark (Odoo 19 needed): Odoo with 4 workers + 1 cron worker, LOAD_SESSIONS reviewers and 3 HR readers over JSON-RPC on LOAD_DB, then checks every acknowledged write; JSON in .cache/bench/
	@mkdir -p .cache/bench
	$(PYTHON) bench/load.py --db $(LOAD_DB) --employees $(LOAD_EMPLOYEES) \
		--sessions $(LOAD_SESSIONS) --duration $(LOAD_DURATION) \
		--json .cache/bench/load.json $(LOAD_ARGS)

generate: ## A database (GEN_DB, default opr_scale) with a generated company of GEN_EMPLOYEES employees running a cycle
	$(PYTHON) bench/generate.py --db $(GEN_DB) --employees $(GEN_EMPLOYEES)

pot: ## Export i18n/<addon>.pot of every addon from a fresh database and merge each into its i18n/zh_CN.po
	@$(PYTHON) scripts/pot.py

readme: ## Write each addon's README.rst from its readme/ fragments (the pure tests fail when they differ)
	@$(PYTHON) scripts/readme.py

wheel: ## Build the addon wheel into dist/ (whool build backend)
	@$(PYTHON) scripts/wheel.py

pre-commit: ## Run the pre-commit hooks on all files (installs pre-commit if missing)
	@$(PYTHON) -m pre_commit --version >/dev/null 2>&1 || $(PYTHON) -m pip install -q pre-commit
	@$(PYTHON) -m pre_commit run --all-files

clean: ## Remove caches and build output (.cache/, dist/, build/, __pycache__, ...)
	rm -rf .cache dist build .pytest_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -type d -print0 | xargs -0 rm -rf
	find . -path ./.git -prune -o \( -name '*.py[co]' \) -type f -print0 | xargs -0 rm -f

clean-dbs: ## Drop leftover test databases (opr_ci_*, opr_pot_*); never touches DEMO_DB
	@$(PYTHON) -c "import sys; sys.path.insert(0, 'scripts'); import odoo_env as oe; \
		[print('dropped', db, oe.drop_db(db, oe.CACHE / 'odoo-data')[0]) \
		 for p in ('opr_ci_', 'opr_pot_') for db in oe.list_dbs(p)]"
