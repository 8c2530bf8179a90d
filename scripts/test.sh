#!/usr/bin/env bash
# Set up .venv with the dev extras and run the default test suite (slow tests
# are skipped; add --runslow to run them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
