# followup: `make run` sets up and shows the demo agenda; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/followup where | sed 's/^/Database: /'
	@$(BIN)/followup demo --if-empty
	@$(BIN)/followup serve

test: $(STAMP)
	bash scripts/ensure-postgres
	bash scripts/ensure-chromium
	bash scripts/ensure-dovecot
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	PYTHONPATH=src $(BIN)/lint-imports

bench: $(STAMP)
	@# byte-compile first: start-up is measured as users get it, even with PYTHONDONTWRITEBYTECODE
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_planner.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_agenda.py
	$(BIN)/python benchmarks/bench_writing.py
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_mail.py
	$(BIN)/python benchmarks/bench_web.py

# How many of core/'s mutants the rule tests kill (mutmut, 2 workers: ~12 min; not in `make test`)
mutation: $(STAMP)
	$(BIN)/python benchmarks/mutation.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts mutants
