# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint format lock bench clean train-stance

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "finclaims needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/finclaims run --demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Stance classifier: rebuild its training data from extractors/stance_training's sources, then
# train it and ship it into extractors/data/stance_model (see extractors/stance_training/README.md).
train-stance: $(STAMP)
	$(BIN)/python -m extractors.stance_training.build_data
	$(BIN)/python -m extractors.stance_training.train

# Re-pin the whole tree after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^finclaims' > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info

# Extraction quality: `finclaims extract` over the shared dev set (skipped when ../shared is
# absent) and every part of the project's labelled set (build and each held-out part,
# evalsets/labelled/heldout*), each scored by the shared scorer.
PARTS    := build $(notdir $(wildcard evalsets/labelled/heldout*))
SHARED   ?= ../shared
EVAL_OUT ?= $(or $(TMPDIR),/tmp)/finclaims-eval
SCORER   := $(SHARED)/eval/score.py

.PHONY: eval
eval: $(STAMP)
	@mkdir -p $(EVAL_OUT)
	@if [ -d $(SHARED)/eval/dev/docs ]; then \
	  echo "== shared dev set ($(SHARED)/eval/dev)"; \
	  (cd $(SHARED)/eval/dev && $(CURDIR)/$(BIN)/finclaims extract docs/*.txt) > $(EVAL_OUT)/dev.jsonl || exit 1; \
	  $(BIN)/python $(SCORER) --gold $(SHARED)/eval/dev --pred $(EVAL_OUT)/dev.jsonl || exit 1; \
	else echo "== shared dev set: skipped ($(SHARED)/eval/dev not found)"; fi
	@for part in $(PARTS); do \
	  echo "== labelled $$part (evalsets/labelled/$$part)"; \
	  (cd evalsets/labelled/$$part && $(CURDIR)/$(BIN)/finclaims extract docs/*.txt) > $(EVAL_OUT)/$$part.jsonl || exit 1; \
	  if [ -f $(SCORER) ]; then \
	    $(BIN)/python $(SCORER) --gold evalsets/labelled/$$part --pred $(EVAL_OUT)/$$part.jsonl || exit 1; \
	  else echo "   not scored: $(SCORER) not found; predictions in $(EVAL_OUT)/$$part.jsonl"; fi; \
	done
