# cryolog — everyday commands. `make run` starts the app, `make test` runs every check.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench soak screenshots documents clean system-deps

run: $(STAMP)
	$(BIN)/cryolog $(ARGS)

test: $(STAMP) lint typecheck pytest

system-deps:
	bash scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	@command -v $(PYTHON) >/dev/null || { echo "cryolog needs $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check cryolog tests scripts bench
	$(BIN)/ruff format --check cryolog tests scripts bench

typecheck: $(STAMP)
	$(BIN)/mypy cryolog

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$b || exit 1; done

# The crash harness at length: 500 SIGKILLs during service writes, 100 during upgrades.
soak: $(STAMP)
	CRYOLOG_CRASH_KILLS=500 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/crash

screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python scripts/screenshots.py

documents: $(STAMP)
	$(BIN)/python scripts/render_documents.py

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
