#!/usr/bin/env bash
# Set up .venv and run the main job: a cross-validated comparison of no
# resampling, SMOTENC and GANSampler on the bundled Facebook metrics data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh plot
# two folds at a time, one thread each: fastest on a 2-core machine
exec .venv/bin/skgan benchmark --n-jobs 2 "$@"
