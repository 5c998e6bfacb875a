# Set-up and everyday commands. Works on a fresh Debian machine as root (or with sudo),
# with only the package registries reachable.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Apertium and the pairs `make run` uses (fr, pt and it are reached through ca; es-gl and
# spa-cat translate the words en-gl and eng-spa do not know, see syndicate/engines/backoff.py);
# xmllint, newsboat, sfeed and chromium for the tests with real feed readers and browser.
APT_PACKAGES := apertium apertium-eng-spa apertium-eng-cat apertium-en-gl apertium-eo-en \
	apertium-fr-es apertium-es-pt apertium-spa-ita apertium-es-gl apertium-spa-cat apertium-fra-cat \
	apertium-cat-ita apertium-por-cat apertium-pt-gl apertium-eo-fr libxml2-utils \
	newsboat sfeed chromium fonts-dejavu-core

.PHONY: setup system run test lint bench bench-scale bench-argos bench-quality bench-speed bench-huge bench-cluster clean screenshot

setup: system $(VENV)/.installed ## install everything the project needs

system: ## Debian packages, installed only when missing
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "apt-get install $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# torch==2.13.0 first: it is a local CPU wheel; any other torch (pulled in by
# argostranslate -> stanza) would download gigabytes of CUDA.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e '.[argos,test]'
	$(BIN)/python -m compileall -q syndicate  # start-up without compiling, even read-only
	touch $@

run: setup ## translate the sample articles and publish feeds
	$(BIN)/syndicate run

test: setup ## the whole test suite
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check syndicate tests bench
	$(BIN)/ruff format --check syndicate tests bench

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cluster.py

bench-cluster: setup ## 120 FLORES articles: --jobs 1, --jobs 2 and a local Dask cluster
	$(BIN)/python bench/cluster.py

clean:
	rm -rf $(VENV) .syndicate .pytest_cache

# The review page screenshot shown in the README, rendered by headless Chromium.
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --no-first-run --disable-quic \
	--disable-background-networking --disable-component-update --disable-sync
screenshot: run
	@profile=$$(mktemp -d); chromium $(CHROMIUM_FLAGS) --user-data-dir=$$profile \
		--hide-scrollbars --window-size=1280,900 --screenshot=docs/review-page.png \
		"file://$(CURDIR)/translations/harbour-bridge-vote/index.html" 2>/dev/null; \
		rm -rf $$profile; ls -l docs/review-page.png

bench-scale: setup ## a no-op rerun and one new article, at 1,000 and 5,000 archived articles
	$(BIN)/python bench/scale.py --archive 1000 5000

bench-argos: setup ## argostranslate vs syndicate's Argos engine vs raw CTranslate2
	$(BIN)/python bench/argos.py

bench-speed: setup ## words per second: the pipeline vs raw Apertium on FLORES dev (es, fr)
	$(BIN)/python bench/speed.py

bench-huge: setup ## time per MB of a one-paragraph article (0.5, 1, 1.9 MB): linear
	$(BIN)/python bench/huge.py

bench-quality: setup ## chrF/BLEU on parallel text: the pipeline vs the raw engine (../shared/flores-dev)
	$(BIN)/python bench/quality.py --markup
