# Two commands do all the set-up: `make lab` and `make test`.
# Both create the virtual environment in .venv the first time (Python 3.11+, pip only).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# `make test PARALLEL="-n 2 --dist loadgroup"` runs pytest on two workers (about 10 instead of
# 15 minutes on 2 cores; the root conftest.py runs the browser and server tests one at a time).
# Not the default: beside the other worker, JupyterLab once took over 2 minutes to open a lesson
# in the accessibility test (1 run in 5).
PARALLEL ?=
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

# pip stays quiet: no version nag, no "running pip as root" banner (containers run as root).
PIP := PIP_ROOT_USER_ACTION=ignore $(BIN)/python -m pip --quiet --disable-pip-version-check
# JupyterLab refuses to start as root unless told; only root is told (Binder-style containers,
# lab machines). The token is never disabled and the server listens on this computer only.
# LAB_UID is the user id that check reads (`make -n lab LAB_UID=1000` shows a normal user's command).
LAB_UID ?= $(shell id -u 2>/dev/null)
ALLOW_ROOT := $(if $(filter 0,$(LAB_UID)),--allow-root,)
START_PAGE := notebooks/00_start_here.ipynb
LAB_FLAGS := --ip=127.0.0.1 --ServerApp.root_dir=. --config=jupyter_server_config.py \
	--LabApp.default_url=/lab/tree/$(START_PAGE) $(ALLOW_ROOT)
HANDOUTS ?= handouts

.PHONY: lab app handouts test unit lint notebooks bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[lab,test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	# The server extension that keeps the lessons' .py sources out of the file browser: a normal
	# install copies this file (pyproject's data-files), an editable one does not.
	install -D -m 644 jupyter-config/jupyter_server_config.d/pannet_edu.json \
	  $(VENV)/etc/jupyter/jupyter_server_config.d/pannet_edu.json
	# JupyterLab's defaults for learners: no news feed or update check (no request to a website,
	# no notice over the lesson on a phone). A settings file already there is left as it is.
	test -e $(VENV)/share/jupyter/lab/settings/overrides.json || install -D -m 644 \
	  jupyter-config/lab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	# nbgrader (test extra: the grading path's test runs it) switches on its own JupyterLab menus
	# and server extensions on install; `make lab` is the learners' Lab, so switch them off here.
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	for ext in formgrader validate_assignment assignment_list course_list; do \
	  $(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$ext \
	    >/dev/null 2>&1 || exit 1; done
	touch $(STAMP)

## make lab: JupyterLab on the whole checkout (lessons and exercises), opened on the start page
## (localhost only, token kept; the lessons' .py twins are hidden by jupyter_server_config.py).
## The tools' figures are drawn in the background meanwhile (pannet-edu warm), at low priority.
lab: $(STAMP)
	$(BIN)/pannet-edu warm --background
	$(BIN)/jupyter lab $(LAB_FLAGS)

## make app: the tools as a dashboard without code for a whole class (one process, many learners;
## Solara's server, nothing from the network), on 127.0.0.1 with a token.
app: $(STAMP)
	$(BIN)/pannet-edu app

## make handouts: offline HTML handouts in handouts/ (make handouts PDF=1 also prints PDFs).
handouts: $(STAMP)
	$(BIN)/pannet-edu handouts --out $(HANDOUTS) $(if $(PDF),--pdf)

## make test: lint, the content check (every data file, the manifest against the notebooks),
## unit tests and doctests, then nbval over every stored notebook.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pannet-edu check
	$(BIN)/python -m pytest -q $(PARALLEL)
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
