"""How much to over-sample: sampling_strategy 0.25 / 0.5 / 1.0, with and without threshold tuning.

For each imbalanced table, an imbalanced-learn pipeline (sampler, then the
classifier) is cross-validated with every ``sampling_strategy`` (minority
rows per majority row after resampling; imbalanced-learn's ``"auto"`` is
1.0), and the same pipeline inside ``TunedThresholdClassifierCV`` (decision
threshold tuned for F1 by an inner 3-fold CV, resampling inside it too).
Writes oversampling.json and oversampling.md::

    python benchmarks/oversampling.py [--datasets twitter_bots_pos10,...] [--folds 5]
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from imblearn.pipeline import Pipeline
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import TunedThresholdClassifierCV, cross_validate

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

from skgan.experiments import (
    POOLED_SMOTE,
    default_classifiers,
    make_cv,
    make_samplers,
    to_markdown,
)

STRATEGIES = (0.25, 0.5, 1.0)
# Registry names of skgan.experiments.make_samplers (labels ROS, SMOTE(NC), GANSampler).
SAMPLERS = ("ros", "smote", "gan")
SCORING = ("f1", "average_precision", "balanced_accuracy")


def with_strategy(sampler, strategy):
    inner = getattr(sampler, "sampler", sampler)  # ImputedSampler wraps SMOTE(NC)
    inner.set_params(sampling_strategy=strategy)
    return sampler


def run(args):
    rows = []
    for name in [n for n in args.datasets.split(",") if C.available(n)]:
        X, y, _ = C.load_variant(name, args.seed)
        classifier = default_classifiers(X, names=("HGB",), random_state=args.seed)["HGB"]
        cv = make_cv(args.folds, random_state=args.seed)
        labels = make_samplers(SAMPLERS, X, smote_label=POOLED_SMOTE)
        for sampler_name in labels:
            for strategy in STRATEGIES:
                made = make_samplers(SAMPLERS, X, random_state=args.seed, smote_label=POOLED_SMOTE)
                sampler = with_strategy(made[sampler_name], strategy)
                pipe = Pipeline([("sampler", sampler), ("clf", classifier)])
                for tuned in (False, True):
                    model = TunedThresholdClassifierCV(pipe, scoring="f1", cv=3) if tuned else pipe
                    print(f"[oversampling] {name} {sampler_name} {strategy} tuned={tuned}")
                    scores = cross_validate(model, X, y, cv=cv, scoring=SCORING)
                    rows.append(
                        {
                            "dataset": name,
                            "sampler": sampler_name,
                            "sampling_strategy": strategy,
                            "threshold": "tuned" if tuned else "0.5",
                            **{m: scores[f"test_{m}"].mean() for m in SCORING},
                            "fit s": scores["fit_time"].mean(),
                        }
                    )
    return pd.DataFrame(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="twitter_bots_pos10,youtube_spam_pos10")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    env = C.environment(seeds=[args.seed])
    started = time.perf_counter()
    with warnings.catch_warnings():
        # only scikit-learn's convergence notes: skgan's own warnings stay visible
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        table = run(args)
    C.finish_environment(env, started)
    overall = (
        table.groupby(["sampler", "sampling_strategy", "threshold"], sort=False)[
            [*SCORING, "fit s"]
        ]
        .mean()
        .reset_index()
    )
    C.write_json(
        args.out / "oversampling.json",
        {
            "environment": env,
            "args": {**vars(args), "out": C.portable_value(args.out, C.DEFAULT_OUT)},
            "table": table.to_dict(orient="records"),
        },
    )
    print(to_markdown(overall))


if __name__ == "__main__":
    main()
