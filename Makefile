# seller_lab: two commands on a fresh machine do all the set-up.
#   make demo  - install, generate the demo data, run research + monthly reports in English and
#                Chinese -> reports/ (index.html, index.zh.html)
#   make test  - install, then the whole test suite
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
KERNEL  := seller-lab
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO_MONTH ?= 2026-10
DEMO_PREV_MONTH ?= 2026-09
DEMO_RESEARCH ?= 2026-11
JOBS    ?= 2
DEMO_LANGS ?= en zh

.PHONY: install demo test lint lab bench clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cluster]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "seller_lab (Python 3)" >/dev/null
	$(BIN)/python -m seller_lab.i18n.cli compile >/dev/null
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/seller-lab demo --lang $(DEMO_LANGS) --research-period $(DEMO_RESEARCH) \
		--months $(DEMO_PREV_MONTH) $(DEMO_MONTH) --jobs $(JOBS)
	@echo "Open reports/index.html (English) or reports/index.zh.html (中文)"

test: install
	$(BIN)/python -m pytest -q --timeout=600 tests
	$(BIN)/python -m pytest -q --doctest-modules seller_lab
	$(BIN)/ruff check seller_lab tests benchmarks

lint: install
	$(BIN)/ruff check seller_lab tests benchmarks

# Report catalogs: merge new message ids into seller_lab/locale/*/LC_MESSAGES/seller_lab.po,
# list what still needs a translation, and compile.
messages: install
	$(BIN)/python -m seller_lab.i18n.cli update || true
	$(BIN)/python -m seller_lab.i18n.cli compile

lab: install
	$(BIN)/jupyter lab notebooks/

# Benchmarks run in their own environment: the project plus the peers we compare with
# (YAKE, statsforecast), which are not dependencies of seller_lab.
BENCH_VENV ?= .bench-venv
bench:
	test -x $(BENCH_VENV)/bin/python || $(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[dev]' yake statsforecast
	$(BENCH_VENV)/bin/python -m ipykernel install --sys-prefix --name $(KERNEL) >/dev/null
	$(BENCH_VENV)/bin/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) data reports/index.html reports/research reports/monthly reports/failed
