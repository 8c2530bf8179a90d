#!/usr/bin/env bash
# Build the documentation into docs/_build/html, warnings as errors.
#
#   bash scripts/docs.sh          # full build: every gallery example at its real budget
#   bash scripts/docs.sh --fast   # CI build: examples train a few steps (SKGAN_DOCS_FAST=1)
#
# SKGAN_DOCS_ONLINE=1 also links to the scikit-learn, imbalanced-learn, pandas,
# NumPy and PyTorch docs (intersphinx; needs the internet). Extra arguments go
# to sphinx-build (e.g. -j 2, or -E to rebuild every page).
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
for arg in "$@"; do
  case "$arg" in
    --fast) export SKGAN_DOCS_FAST=1 ;;
    *) args+=("$arg") ;;
  esac
done

bash scripts/setup.sh docs
# One PyTorch/BLAS thread unless told otherwise: the examples' networks are
# small, and on a busy machine extra threads make training several times slower.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
start=$(date +%s)
.venv/bin/python -m sphinx -W --keep-going -b html "${args[@]}" docs docs/_build/html
echo "docs built in $(( $(date +%s) - start )) s: docs/_build/html/index.html"
