"""Seconds of one default ``GANSampler().fit_resample`` on a training fold, in this process.

Run it once per measurement in a fresh process (the first-use costs of torch count, as
they do for a user's first fit), with ``PYTHONPATH`` pointing at the checkout to time::

    PYTHONPATH=. .venv/bin/python benchmarks/cost_per_fold.py youtube_spam_pos10

Prints one JSON line. Results: ``benchmarks/results/cost_per_fold.md``.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from skgan import GANSampler
from skgan.datasets import load_dataset, subsample_class

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("table", help="a dataset name, e.g. youtube_spam_pos10")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    env = C.environment(seeds=[args.seed], argv=argv, threads=1, script=__file__)
    # load_dataset and subsample_class, not load_variant: skgan 0.2 has these two
    base, _, pos = args.table.partition("_pos")
    options = C.LOADER_OPTIONS.get(base, {})
    X, y = load_dataset(base, path=C.PATHS.get(base), return_X_y=True, **options)
    if pos:
        X, y = subsample_class(X, y, label=1, fraction=int(pos) / 100, random_state=args.seed)
    train, _ = next(StratifiedKFold(5, shuffle=True, random_state=args.seed).split(X, y))
    clock = time.perf_counter()
    GANSampler(random_state=args.seed).fit_resample(X.iloc[train], np.asarray(y)[train])
    seconds = time.perf_counter() - clock
    record = {"table": args.table, "rows": len(train), "seconds": round(seconds, 2)}
    print(json.dumps({**record, "load_before": env["load_before"][0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
