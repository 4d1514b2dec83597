# Every target sets up what it needs: a fresh clone runs `make serve` or `make test` directly.
PYTHON ?= python3
# Hide Material's end-of-life banner in every mkdocs run.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: serve build test browser refresh clean lint links audit validate facts-age

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# The build draws Mermaid diagrams in headless Chromium, so serving and building need one too.
serve: $(STAMP) browser
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) browser
	$(BIN)/mkdocs build --strict

browser:
	@scripts/ensure-chromium.sh

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Workflow lint; tests/test_workflows.py runs the same tools inside make test.
lint: $(STAMP)
	$(BIN)/zizmor --offline --strict-collection --min-severity medium .github/
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(wildcard .github/workflows/*.yml .github/workflows/*.yaml)
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml

# External links in data/ and docs/: checked when a network is there, listed (status 0) when not.
links: $(STAMP)
	$(BIN)/python scripts/check_links.py

# The estimator against every published measurement in data/measurements.yaml: errors by device family.
validate: $(STAMP)
	$(BIN)/python scripts/validate_estimator.py

refresh: $(STAMP)
	$(BIN)/python scripts/refresh_stars.py

# Groups of engine facts last checked more than 180 days ago (status 0: a list of tasks, not a failure).
facts-age: $(STAMP)
	$(BIN)/python scripts/facts_age.py

# Lighthouse (pinned in scripts/audit/package-lock.json) and axe-core on every page type; prints a table.
AUDIT_TOOLS := scripts/audit/node_modules/.package-lock.json
$(AUDIT_TOOLS): scripts/audit/package.json scripts/audit/package-lock.json
	cd scripts/audit && npm ci --no-audit --no-fund --silent

audit: $(STAMP) browser $(AUDIT_TOOLS)
	$(BIN)/python scripts/audit/run.py

clean:
	rm -rf site .pytest_cache
