# govgraph — the few entry points the README names.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test suite runs its own local Neo4j, apart from the demo's.
TEST_ENV := GOVGRAPH_ENV=test GOVGRAPH_HOME=$(CURDIR)/.govgraph-test GOVGRAPH_LOCAL__PORT=7688
EXAMPLES := build/examples
# axe-core for the accessibility checks of the page tests, from the npm registry at a pinned
# version, checked against the tarball's SHA-512 (the registry's integrity, in hex); git-ignored.
AXE_VERSION := 4.14.1
AXE_SHA512 := 1477dafa598d8d065f273d6af302aa203c02e83131707b7fa648cd41bd3d6b734f8c22a0dab86ee6a6f64b8afbe804b214d36db85a2826965edfb3a0b9d546b5
AXE_DIR := build/axe
AXE := $(AXE_DIR)/axe-core-$(AXE_VERSION).done

# Keycloak for the single sign-on tests: its distribution from Maven Central (159 MB, cached in
# build/keycloak; Maven checks it against Central's checksum, -C), run under a JDK >= 21; git-ignored.
KEYCLOAK_VERSION := 26.4.7
KEYCLOAK_DIR := build/keycloak
KEYCLOAK := $(KEYCLOAK_DIR)/keycloak-$(KEYCLOAK_VERSION)/bin/kc.sh

.PHONY: install demo test lint db-start db-stop bench bench-quick soak clean browser axe keycloak

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the page tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "Could not install chromium: the browser tests will say so."; }

axe: $(AXE)

$(AXE):
	@command -v npm >/dev/null || { echo "npm is needed to fetch axe-core $(AXE_VERSION) for the page tests."; exit 1; }
	@rm -rf $(AXE_DIR) && mkdir -p $(AXE_DIR)
	cd $(AXE_DIR) && npm pack --silent --no-fund --no-audit axe-core@$(AXE_VERSION) >/dev/null
	cd $(AXE_DIR) && echo "$(AXE_SHA512)  axe-core-$(AXE_VERSION).tgz" | sha512sum --check --quiet
	tar -xzf $(AXE_DIR)/axe-core-$(AXE_VERSION).tgz -C $(AXE_DIR) --strip-components=1 package/axe.min.js package/LICENSE
	@rm $(AXE_DIR)/axe-core-$(AXE_VERSION).tgz
	@touch $@

keycloak: $(KEYCLOAK)

$(KEYCLOAK):
	@command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch Keycloak $(KEYCLOAK_VERSION) for the single sign-on tests."; exit 1; }
	@mkdir -p $(KEYCLOAK_DIR)
	@test -f $(KEYCLOAK_DIR)/keycloak-quarkus-dist-$(KEYCLOAK_VERSION).zip || \
	  mvn -q -C dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$(KEYCLOAK_VERSION):zip \
	    -DoutputDirectory=$(KEYCLOAK_DIR)
	cd $(KEYCLOAK_DIR) && rm -rf keycloak-$(KEYCLOAK_VERSION) && unzip -q keycloak-quarkus-dist-$(KEYCLOAK_VERSION).zip
	@touch $@

$(EXAMPLES)/.done: examples/generate.py $(STAMP)
	$(BIN)/python examples/generate.py $(EXAMPLES)
	@touch $@

# The demo is local development: the app creates and prints an admin token at its first start.
demo: export GOVGRAPH_ENV := development
demo: install $(EXAMPLES)/.done
	$(BIN)/govgraph db start
	$(BIN)/govgraph db init
	$(BIN)/govgraph import $(EXAMPLES)/ZLPE20261101120000_delta.xml
	$(BIN)/govgraph import $(EXAMPLES)/kitos
	$(BIN)/govgraph import $(EXAMPLES)/register.xlsx
	@echo "govgraph serves at http://127.0.0.1:8000 (Ctrl-C stops the app; 'make db-stop' stops Neo4j)"
	$(BIN)/govgraph serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install browser axe keycloak lint
	@if [ -z "$$NEO4J_URI" ]; then $(TEST_ENV) $(BIN)/govgraph db start; fi
	$(TEST_ENV) $(BIN)/pytest -q; status=$$?; \
	  if [ -n "$$CI" ] && [ -z "$$NEO4J_URI" ]; then $(TEST_ENV) $(BIN)/govgraph db stop; fi; \
	  exit $$status

db-start: install
	$(BIN)/govgraph db start

db-stop: install
	$(BIN)/govgraph db stop

bench: install browser
	$(BIN)/python -m benchmarks.run

bench-quick: install browser
	$(BIN)/python -m benchmarks.run --scale 0.1 --api-seconds 10 --output benchmarks/data/results-quick.md

soak: install
	$(BIN)/python -m soak.run --minutes $(or $(MINUTES),10)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
