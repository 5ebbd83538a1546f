# cryolog — everyday commands. `make run` starts the app, `make test` runs every check.
# Any Python from 3.11 on: the newest found below is used, or say which: PYTHON=python3.12
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench bench-all soak screenshots documents clean system-deps \
	package package-check icons translations

run: $(STAMP)
	$(BIN)/cryolog $(ARGS)

test: $(STAMP) lint typecheck pytest package-check

system-deps:
	bash scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	@[ -n "$(PYTHON)" ] && command -v $(PYTHON) >/dev/null && \
	  $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "cryolog needs Python 3.11 or newer (none found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,package]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check cryolog tests scripts bench packaging
	$(BIN)/ruff format --check cryolog tests scripts bench packaging

typecheck: $(STAMP)
	$(BIN)/mypy cryolog

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

# The one-folder build (dist/cryolog) and its .tar.gz, then its self-test from the archive
# in a clean environment: the CI step that shows the built application works.
package: $(STAMP)
	PYTHON=$(BIN)/python bash packaging/build.sh

package-check: package
	bash packaging/check.sh

# After changing resources/icons/*.svg: the PNG sizes, .ico and .icns (needs rsvg-convert).
icons: $(STAMP)
	$(BIN)/python packaging/render_icons.py

# After changing texts in cryolog/ui: refresh the .ts sources (translate what is new, e.g. with
# pyside6-linguist) and build the .qm files that ship in resources/translations/.
UI_SOURCES = $(shell find cryolog/ui -name '*.py' | sort)
TS_DIR := resources/translations
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $(UI_SOURCES) -ts $(TS_DIR)/cryolog_ru.ts
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -pluralonly $(UI_SOURCES) \
	  -ts $(TS_DIR)/cryolog_en.ts
	for ts in $(TS_DIR)/cryolog_*.ts; do $(BIN)/pyside6-lrelease $$ts -qm $${ts%.ts}.qm; done

# The practitioner's waits at 1k and 10k patients (BENCH_ARGS=--full adds 100k) beside
# floors of the same run, written to docs/performance.md. bench-all runs every benchmark.
# BENCH_ARGS=--server also measures the same on a PostgreSQL server beside the file
# (bench/bench_server.py, docs/performance-server.md); it takes --full, --runs=N and
# --use=N=FILE (that file copied to the server with `cryolog copy`) from BENCH_ARGS too.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_scale.py $(filter-out --server,$(BENCH_ARGS))
ifneq ($(filter --server,$(BENCH_ARGS)),)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_server.py \
	  $(filter --full --runs=% --use=%,$(BENCH_ARGS))
endif

bench-all: $(STAMP)
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
