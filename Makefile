# Everyday commands of the kit. `make demo` and `make test` need only Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ASSIGNMENTS := ps1_eigen_pca ps2_svd ps3_ols ps4_newton ps5_jacobian quiz
STAMP := $(VENV)/.installed

.PHONY: install release demo test test-fast catalogs sync-points bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 > /dev/null
	touch $(STAMP)

# Regenerate release/ from source/ with nbgrader's own command.
release: install
	@for ps in $(ASSIGNMENTS); do \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/nbgrader generate_assignment $$ps --force --log-level=ERROR || exit 1; \
	done
	@echo "release/ regenerated for: $(ASSIGNMENTS)"

# Grade the bundled sample submissions of every problem set, print score tables and
# the paths of the feedback pages and class reports.
demo: release
	@for ps in $(ASSIGNMENTS); do \
		echo; echo "== $$ps =="; \
		$(BIN)/python -m autograder grade --assignment $$ps --out out/$$ps --regrade examples/submitted || exit 1; \
	done
	@echo; echo "Class reports (open in a browser; feedback pages are in each folder's feedback/):"
	@for ps in $(ASSIGNMENTS); do echo "  out/$$ps/report.html"; done

test: install
	$(BIN)/python -m pytest

# The suite without the tests that start Jupyter kernels or nbgrader.
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# Extract message ids, update the .po catalogs, compile the .mo files.
catalogs: install
	$(BIN)/python tools/catalogs.py

sync-points: install
	$(BIN)/python -m autograder sync-points

clean:
	rm -rf out autograded feedback gradebook.db

# Kit against nbgrader autograde and against no isolation; slow, never part of `make test`.
bench: install
	$(BIN)/python tools/bench.py
