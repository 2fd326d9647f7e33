# Two commands do all the set-up: `make lab` and `make test`.
# Both create the virtual environment in .venv the first time (Python 3.11+, pip only).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

.PHONY: lab test unit lint notebooks bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

## make lab: open JupyterLab on the start-here notebook (localhost only, token kept).
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 notebooks/00_start_here.ipynb

## make test: lint, unit tests and doctests, then nbval over every stored notebook.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q
	$(BIN)/python -m pytest -q $(NBVAL) $(wildcard notebooks/*.ipynb exercises/solutions/*.ipynb)

unit: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

## make notebooks: rebuild every .ipynb from its paired .py source and execute it, then
## regenerate the learner exercise notebooks from the solutions.
notebooks: $(STAMP)
	$(BIN)/python tools/build_notebooks.py
	$(BIN)/pannet-edu exercises build

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build
