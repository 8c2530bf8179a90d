#!/usr/bin/env bash
# Set up .venv with the dev extras and run the default test suite (slow tests
# are skipped; add --runslow to run them), then print its wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
.venv/bin/ruff check .
# The suite's wall time, for the 2-core budget (the slowest tests: add --durations=20).
start=$(date +%s)
status=0
.venv/bin/python -m pytest "$@" || status=$?
echo "test suite wall time: $(( $(date +%s) - start )) s on $(nproc) cores"
exit "$status"
