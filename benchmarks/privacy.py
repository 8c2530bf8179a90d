"""Privacy and realism of synthetic minority rows on real data: GANSampler vs SMOTE(NC).

Usage: python benchmarks/privacy.py [--datasets twitter_bots_pos10,...] [--out DIR]

Each dataset is split 50/50 (stratified, seed 0) into a training half and a
holdout half. Each sampler is fitted on the training half; its synthetic
minority rows are compared with the real minority rows with
``skgan.metrics.quality_report`` (train = training minority, holdout = holdout
minority): exact-copy rate, distance to the closest record (DCR) and its ratio
to the holdout's, membership-inference AUC, detection AUC and the highest single-column detection
AUC (``column_detection_auc_max``). Writes privacy.json and privacy.md.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

from skgan.metrics import quality_report

KEEP = [
    "exact_copy_rate",
    "dcr_synthetic_median",
    "dcr_median_ratio",
    "membership_inference_auc",
    "detection_auc",
    "column_detection_auc_max",
    "column_score_mean",
]


def run(name, seed):
    X, y, _ = C.load_variant(name, seed)
    X_train, X_hold, y_train, y_hold = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    minority = y_train.value_counts().idxmin()
    real, holdout = X_train[y_train == minority], X_hold[y_hold == minority]
    rows = []
    for sampler_name, sampler in C.samplers(
        X_train, seed, names=(C.SMOTE_NAME, C.GAN_NAME)
    ).items():
        start = time.perf_counter()
        X_res, y_res = sampler.fit_resample(X_train, y_train)
        seconds = time.perf_counter() - start
        synthetic = X_res.iloc[len(X_train) :][y_res.iloc[len(X_train) :].to_numpy() == minority]
        synthetic = synthetic.astype(real.dtypes.to_dict(), errors="ignore")
        report = quality_report(real, synthetic, holdout=holdout, random_state=seed)
        values = report.set_index("metric")["value"]
        rows.append(
            {
                "dataset": name,
                "sampler": sampler_name,
                "n_real": len(real),
                "n_synthetic": len(synthetic),
                "fit_s": round(seconds, 2),
                **{k: float(values[k]) for k in KEEP if k in values},
            }
        )
        print(rows[-1], flush=True)
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
    warnings.filterwarnings("ignore", category=UserWarning)
    rows = [
        r for name in args.datasets.split(",") if C.available(name) for r in run(name, args.seed)
    ]
    C.finish_environment(env, started)
    table = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    C.write_json(args.out / "privacy.json", {"environment": env, "rows": rows})
    text = [
        "# Privacy and realism of synthetic minority rows",
        "",
        C.environment_markdown(env),
        "",
        "Fitted on a stratified half of each table; metrics compare the synthetic "
        "minority rows with the real training minority (train) and the other half's "
        "minority (holdout). exact_copy_rate: share of synthetic rows equal to a training "
        "row. dcr_median_ratio: median distance to the closest training row, synthetic "
        "over holdout (below 1: closer to the training rows than new real rows are). "
        "membership_inference_auc: 0.5 = an attacker cannot tell training rows from "
        "holdout rows by their distance to the synthetic rows. detection_auc: 0.5 = a "
        "classifier cannot tell synthetic from real rows.",
        "",
        C.markdown_table(table),
    ]
    (args.out / "privacy.md").write_text("\n".join(text) + "\n")
    print(C.markdown_table(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
