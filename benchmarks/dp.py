"""Quality cost of differential privacy: GANSampler at several epsilons on real data.

Usage::

    python benchmarks/dp.py [--datasets twitter_bots_pos10,twitter_bots] \
        [--epsilons 1,3,10,30,100] [--folds 5] [--repeats 1] [--out DIR]

Per dataset, two measurements:

* downstream: ``skgan.experiments.compare_samplers`` with repeated stratified
  CV, LR / RF / HGB, samplers ``none``, SMOTE(NC), GANSampler without DP and
  ``GANSampler(epsilon=e)`` for each epsilon (every other parameter at its
  default); minority F1, PR-AUC, G-mean and balanced accuracy on the untouched
  test folds.
* realism and privacy of the synthetic minority:
  ``skgan.experiments.held_out_realism`` on a stratified 50/50 split; each
  sampler is fitted on the training half, its synthetic minority rows are
  told apart from the held-out minority (two detector families, each next to
  its real-vs-real floor) and ``skgan.metrics.quality_report`` compares them
  with the training minority (and the held-out minority for DCR and
  membership inference).

The spent epsilon (``epsilon_``), delta and noise multiplier of each fit are
recorded. Writes dp.json; ``python docs/render`` renders dp.md, dp.png and the
docs page.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from sklearn.exceptions import ConvergenceWarning

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

from skgan import GANSampler
from skgan.experiments import (
    POOLED_SMOTE,
    compare_samplers,
    default_classifiers,
    held_out_realism,
    make_cv,
    make_samplers,
    mean_scores,
    to_markdown,
)

# What the detection AUC of the realism table is measured against (read by docs/render).
DETECTION_AGAINST = "the held-out real minority"
# The fitted attributes of a differentially private fit, under their column names.
DP_ATTRIBUTES = {
    "epsilon_": "epsilon_spent",
    "delta_": "delta",
    "noise_multiplier_": "noise_multiplier",
}


def label(epsilon):
    return "GANSampler" if epsilon is None else f"GANSampler(eps={epsilon:g})"


def contenders(X, seed, epsilons):
    chosen = make_samplers(["none", "smote"], X, random_state=seed, smote_label=POOLED_SMOTE)
    for eps in (None, *epsilons):
        chosen[label(eps)] = GANSampler(random_state=seed, epsilon=eps)
    return chosen


def downstream(name, X, y, args):
    cv = make_cv(args.folds, args.repeats, random_state=args.seed)
    classifiers = default_classifiers(X, names=C.CLASSIFIERS, random_state=args.seed)
    results = compare_samplers(
        X,
        y,
        samplers=contenders(X, args.seed, args.epsilons),
        classifiers=classifiers,
        cv=cv,
        scoring=C.METRICS,
        n_jobs=1,
    )
    results.insert(0, "dataset", name)
    return results


def realism(name, X, y, args):
    """Held-out realism and privacy of every resampler's synthetic minority rows."""
    table = held_out_realism(
        X,
        y,
        contenders(X, args.seed, args.epsilons),
        quality=True,
        attributes=["epsilon", *DP_ATTRIBUTES],
        random_state=args.seed,
    )
    table = table.rename(columns={**DP_ATTRIBUTES, "n_train_minority": "n_real"})
    print(to_markdown(table), flush=True)
    return table.assign(fit_s=table["fit_s"].round(2)).assign(dataset=name)


def summary(results):
    """Mean over folds and classifiers of each (dataset, sampler, metric)."""
    return (
        mean_scores(results, by=["dataset", "sampler"], metrics=C.METRICS).round(3).reset_index()
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="twitter_bots_pos10,twitter_bots")
    parser.add_argument("--epsilons", default="1,3,10,30,100")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    args.epsilons = [float(e) for e in args.epsilons.split(",")]
    names = [n for n in args.datasets.split(",") if C.available(n)]
    skipped = [n for n in args.datasets.split(",") if not C.available(n)]
    env = C.environment(seeds=[args.seed])
    started = time.perf_counter()
    parts, real = [], []
    with warnings.catch_warnings():
        # LR on small folds; skgan's own warnings (privacy, mode collapse) stay visible
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        for name in names:
            X, y, _ = C.load_variant(name, args.seed)
            print(f"[dp] {name} ...", flush=True)
            real.append(realism(name, X, y, args))
            parts.append(downstream(name, X, y, args))
    C.finish_environment(env, started)
    results = pd.concat(parts, ignore_index=True)
    table, real = summary(results), pd.concat(real, ignore_index=True)
    real = real[["dataset", *real.columns.drop("dataset")]]
    args.out.mkdir(parents=True, exist_ok=True)
    payload = {
        "environment": env,
        "args": {
            **vars(args),
            "out": C.portable_value(args.out, C.DEFAULT_OUT),
            "skipped": skipped,
            "detection_against": DETECTION_AGAINST,
        },
        "downstream": table.to_dict(orient="records"),
        "realism": real.to_dict(orient="records"),
        "results": results.to_dict(orient="split"),
    }
    C.write_json(args.out / "dp.json", payload)  # python docs/render shows it
    print(to_markdown(table))


if __name__ == "__main__":
    main()
