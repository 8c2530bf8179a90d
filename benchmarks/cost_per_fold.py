"""Seconds of one default ``GANSampler().fit_resample`` on a training fold, fresh process each.

Every measurement runs in its own fresh Python process (the first-use costs of
torch count, as they do for a user's first fit), with torch and BLAS at one
thread, on the first of 5 stratified folds of each table::

    .venv/bin/python benchmarks/cost_per_fold.py                     # both tables, twice each
    .venv/bin/python benchmarks/cost_per_fold.py youtube_spam_pos10 --repeats 1
    PYTHONPATH=OTHER_CHECKOUT python benchmarks/cost_per_fold.py --measure youtube_spam_pos10

``--measure TABLE`` times one fit in this process and prints one JSON line
(point ``PYTHONPATH`` at another checkout to time that version). Without it,
writes cost_per_fold.json; ``python docs/render`` renders cost_per_fold.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from skgan import GANSampler
from skgan.datasets import load_dataset, subsample_class

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

TABLES = ("youtube_spam_pos10", "twitter_bots_pos10")


def measure(table, seed):
    """{table, rows, seconds} of one default fit_resample on the first training fold."""
    # load_dataset and subsample_class, not load_variant: skgan 0.2 has these two
    base, _, pos = table.partition("_pos")
    options = C.LOADER_OPTIONS.get(base, {})
    X, y = load_dataset(base, path=C.PATHS.get(base), return_X_y=True, **options)
    if pos:
        X, y = subsample_class(X, y, label=1, fraction=int(pos) / 100, random_state=seed)
    train, _ = next(StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y))
    clock = time.perf_counter()
    GANSampler(random_state=seed).fit_resample(X.iloc[train], np.asarray(y)[train])
    return {"table": table, "rows": len(train), "seconds": round(time.perf_counter() - clock, 2)}


def in_fresh_process(table, seed):
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    argv = [sys.executable, __file__, "--measure", table, "--seed", str(seed)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tables", nargs="*", default=list(TABLES), help="dataset names")
    parser.add_argument("--measure", metavar="TABLE", help="time one fit here, print JSON")
    parser.add_argument("--repeats", type=int, default=2, help="fresh processes per table")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.measure:
        import torch

        torch.set_num_threads(1)
        print(json.dumps(measure(args.measure, args.seed)))
        return 0
    env = C.environment(seeds=[args.seed], argv=argv, threads=1, script=__file__)
    started = time.perf_counter()
    records = []
    for _ in range(args.repeats):  # alternate the tables, so that a busy spell hits both
        for table in [t for t in args.tables if C.available(t)]:
            records.append(in_fresh_process(table, args.seed))
            print(json.dumps(records[-1]), flush=True)
    payload = {
        "environment": C.finish_environment(env, started),
        "args": {**vars(args), "out": C.portable_value(args.out, C.DEFAULT_OUT)},
        "records": records,
    }
    C.write_json(args.out / "cost_per_fold.json", payload)  # python docs/render shows it
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
