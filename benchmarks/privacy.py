"""Privacy and realism of synthetic minority rows on real data: GANSampler vs SMOTE(NC).

Usage: python benchmarks/privacy.py [--datasets twitter_bots_pos10,...] [--out DIR]

Each dataset is split 50/50 (stratified, seed 0) into a training half and a
holdout half (``skgan.experiments.held_out_realism``). Each sampler is fitted on
the training half; its synthetic minority rows are compared with the real
minority rows with ``skgan.metrics.quality_report`` (train = training minority,
holdout = holdout minority): exact-copy rate, distance to the closest record
(DCR) and its ratio to the holdout's, membership-inference AUC, column scores;
and told apart from the holdout minority: detection AUC of two detector
families, each next to its real-vs-real floor, and the most telling column
(``worst_column_auc``). Writes privacy.json and privacy.md.
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

from skgan.experiments import POOLED_SMOTE, held_out_realism, make_samplers, to_markdown

KEEP = [
    "exact_copy_rate",
    "dcr_synthetic_median",
    "dcr_median_ratio",
    "membership_inference_auc",
    "detection_auc",
    "floor_auc",
    "detection_auc_random_forest",
    "floor_auc_random_forest",
    "worst_column",
    "worst_column_auc",
    "column_score_mean",
]


def run(name, seed):
    """One row per sampler: privacy and realism of its synthetic minority rows on ``name``."""
    X, y, _ = C.load_variant(name, seed)
    samplers = make_samplers(["smote", "gan"], X, random_state=seed, smote_label=POOLED_SMOTE)
    table = held_out_realism(X, y, samplers, quality=True, random_state=seed)
    table = table.rename(columns={"n_train_minority": "n_real"}).assign(dataset=name)
    table["fit_s"] = table["fit_s"].round(2)
    columns = ["dataset", "sampler", "n_real", "n_synthetic", "fit_s"]
    rows = table[columns + [k for k in KEEP if k in table]].to_dict("records")
    for row in rows:
        print(row, flush=True)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--datasets",
        default="twitter_bots_pos10,instagram_fake_pos10,facebook_metrics,youtube_spam_pos10",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    env = C.environment(seeds={"split": args.seed, "samplers": args.seed})
    # skgan's own warnings stay visible
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    rows = [
        r for name in args.datasets.split(",") if C.available(name) for r in run(name, args.seed)
    ]
    C.finish_environment(env, started)
    table = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    C.write_json(args.out / "privacy.json", {"environment": env, "rows": rows})  # docs/render
    print(to_markdown(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
