#!/usr/bin/env bash
# Create .venv (or $VENV) and install skgan into it with the extras given as
# arguments (e.g. `bash scripts/setup.sh dev`). CPU torch goes in first:
# installed later, as a dependency, pip would pull a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
TORCH_INDEX_URL=${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}

VENV=${VENV:-.venv}
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY=$VENV/bin/python
"$PY" -m pip install -q --upgrade pip >/dev/null 2>&1 || true

if ! "$PY" -c "import torch" >/dev/null 2>&1; then
  wheels=$(mktemp -d)
  if "$PY" -m pip download -q --no-deps --no-index "torch==$TORCH_VERSION" -d "$wheels" 2>/dev/null; then
    # A CPU wheel lies in pip's find-links on this machine: install that very file
    # (its dependencies come from the package index as usual).
    "$PY" -m pip install -q "$wheels"/torch-*.whl
  else
    "$PY" -m pip install -q "torch==$TORCH_VERSION" --index-url "$TORCH_INDEX_URL"
  fi
  rm -rf "$wheels"
fi

extras=$(IFS=,; echo "$*")
"$PY" -m pip install -q -e ".${extras:+[$extras]}" 2>&1 | grep -v "is ignored" || true
"$PY" -c "import skgan, torch; print(f'skgan {skgan.__version__}, torch {torch.__version__} ready in $VENV')"
