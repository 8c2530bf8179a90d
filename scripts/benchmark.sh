#!/usr/bin/env bash
# Run one benchmark script from a fresh clone: sets up .venv-bench (CPU torch
# first, then skgan with the bench extra: CTGAN 0.12.1, which skgan itself never
# imports, opacus and matplotlib) and runs benchmarks/NAME.py with the rest of
# the arguments, then regenerates the docs pages from benchmarks/results/.
#
#   bash scripts/benchmark.sh quality            # 5-fold x 3, every table (hours, see benchmarks/README.md)
#   bash scripts/benchmark.sh quality --quick    # ~5 min
#   bash scripts/benchmark.sh dp                 # differential privacy, ~30 min
#   bash scripts/benchmark.sh speed --quick
#
# One torch thread per process; run it on a quiet machine (see benchmarks/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bash scripts/benchmark.sh NAME [ARGS...] (NAME: quality, dp, privacy, speed, gpu)}
shift
VENV=.venv-bench bash scripts/setup.sh bench dp plot
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
.venv-bench/bin/python "benchmarks/$name.py" "$@"
.venv-bench/bin/python docs/render
