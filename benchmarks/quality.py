"""Downstream quality of GANSampler against classic samplers and CTGAN (issue "Quality").

For every dataset (and imbalanced variants of the near-balanced ones, keeping
a fixed-seed 10 % / 3 % of the positive class), repeated stratified CV with
``skgan.experiments.benchmark_samplers``: each training fold is resampled once
per sampler, every classifier (LR, RF, HGB from
``skgan.experiments.default_classifiers``) is trained on it and scored on the
untouched test fold, and the rows the sampler added are told apart from that
fold's real rows of their class (detection AUC, median over splits), in the
same pass. Non-resampling baselines: the same classifiers with
``class_weight="balanced"``, and ``TunedThresholdClassifierCV`` (F1-tuned
threshold, 3-fold internal CV). Paired wins/ties/losses of GANSampler against
SMOTE(NC) and CTGAN use the Nadeau-Bengio corrected resampled t-test
(``skgan.experiments.paired_comparison``).

Run with the bench environment (ctgan installed), see benchmarks/README.md::

    .venv-bench/bin/python benchmarks/quality.py --quick
    .venv-bench/bin/python benchmarks/quality.py --merge RUN_DIR RUN_DIR ... --out OUT_DIR

``--merge`` joins the quality.json of runs split over machines or cores. Writes
NAME.json only; ``python docs/render`` renders the pages, NAME.md and the figure.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C
from _peers import CTGAN_NAME, EARLY_STOP_NAME, EARLY_STOP_RECIPE, CTGANOverSampler

from skgan import GANSampler
from skgan.experiments import (
    POOLED_SMOTE,
    LabelNoise,
    balanced_classifiers,
    benchmark_samplers,
    compare_samplers,
    default_classifiers,
    make_cv,
    make_samplers,
    mean_scores,
    paired_comparison,
    reference_sampler,
    share_at_least,
    to_markdown,
)

ALL_DATASETS = (
    "facebook_metrics",
    "youtube_spam",
    "youtube_spam_pos10",
    "youtube_spam_pos3",
    "twitter_bots",
    "twitter_bots_pos10",
    "twitter_bots_pos3",
    "instagram_fake",
    "instagram_fake_pos10",
    "instagram_fake_pos3",
)
QUICK_DATASETS = ("facebook_metrics", "youtube_spam_pos10", "twitter_bots_pos10")
# What the synthetic rows of the detection AUC are told apart from (recorded in quality.json).
DETECTION_AGAINST = "the training rows of their class, median over splits"
# The library's methods by registry name, in table order, then the benchmark-only ones.
LIBRARY_SAMPLERS = ("none", "ros", "smote", "adasyn", "borderline", "gan")
GAN_NAME = "GANSampler"
# Share of cells where GANSampler must be at least as good as each reference.
GOALS = {POOLED_SMOTE: 0.70, CTGAN_NAME: 0.80}


def samplers(X, seed, gan_steps="auto", ctgan_epochs=None):
    """Label -> sampler: the library's registry (SMOTE(NC) pooled), early stop, CTGAN."""
    steps = {} if gan_steps == "auto" else {"n_steps": gan_steps}
    chosen = make_samplers(
        LIBRARY_SAMPLERS, X, random_state=seed, gan_params=steps, smote_label=POOLED_SMOTE
    )
    chosen[EARLY_STOP_NAME] = GANSampler(random_state=seed, **EARLY_STOP_RECIPE, **steps)
    epochs = None if ctgan_epochs is None else {"epochs": ctgan_epochs}
    chosen[CTGAN_NAME] = CTGANOverSampler(random_state=seed, ctgan_params=epochs)
    return chosen


def baselines(X, y, classifiers, cv, noisy):
    """Scores of the class_weight="balanced" and F1-tuned-threshold classifiers, no resampling."""
    from sklearn.base import clone
    from sklearn.model_selection import TunedThresholdClassifierCV

    tuned = {
        name: TunedThresholdClassifierCV(clone(pipe), scoring="f1", cv=3)
        for name, pipe in classifiers.items()
    }
    none = {"none": noisy(None) if noisy else None}
    return [
        compare_samplers(
            X, y, samplers=none, classifiers=models, cv=cv, scoring=C.METRICS, n_jobs=1
        ).assign(sampler=label)
        for label, models in (
            ("class_weight", balanced_classifiers(classifiers)),
            ("tuned_threshold", tuned),
        )
    ]


def realism(synthetic):
    """Median detection AUC over the splits of each resampler's synthetic rows.

    ``synthetic`` is what ``benchmark_samplers`` measured on the rows each
    training fold's sampler added, against that fold's real rows of their
    class, while the samplers were fitted for the scores: no sampler is
    fitted twice. 0.5 means indistinguishable.
    """
    return synthetic.groupby("sampler", sort=False)["detection_auc"].median().to_dict()


def run_dataset(name, args):
    X, y, note = C.load_variant(name, args.seed)
    cv = make_cv(args.folds, args.repeats, random_state=args.seed)
    classifiers = default_classifiers(X, names=C.CLASSIFIERS, random_state=args.seed)
    chosen = samplers(X, args.seed, gan_steps=args.gan_steps, ctgan_epochs=args.ctgan_epochs)
    if args.samplers:
        chosen = {k: v for k, v in chosen.items() if k in args.samplers}
    noisy = (lambda s: LabelNoise(s, random_state=args.seed)) if args.label_noise else None
    if noisy:
        chosen = {k: noisy(v) for k, v in chosen.items()}
    start = time.perf_counter()
    with warnings.catch_warnings():
        # LR on small folds; skgan's own warnings (mode collapse, few rows) stay visible
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        results, synthetic = benchmark_samplers(
            X,
            y,
            samplers=chosen,
            classifiers=classifiers,
            cv=cv,
            scoring=C.METRICS,
            synthetic_metrics=not args.label_noise,
            n_jobs=1,
            random_state=args.seed,
        )
        parts = [results]
        # With --reuse the baselines come from the earlier run.
        if args.reuse is None and not args.no_baselines:
            parts += baselines(X, y, classifiers, cv, noisy)
    results = pd.concat(parts, ignore_index=True)
    results["fit_time"] = results["fit_time_sampler"] + results["fit_time_classifier"]
    reused, difference = [], None
    if args.reuse is not None:
        results, reused, difference = reuse(name, results, args)
    counts = pd.Series(np.asarray(y)).value_counts()
    info = {
        "dataset": name,
        "note": note,
        "rows": len(y),
        "columns": X.shape[1],
        "categorical": C.categorical_columns(X),
        "has_missing": bool(X.isna().any().any()),
        "class_counts": {str(k): int(v) for k, v in counts.items()},
        "seconds": time.perf_counter() - start,
        "detection_auc": realism(synthetic),
        "detection_auc_against": DETECTION_AGAINST,
        "reused_samplers": reused,
        "reuse_max_difference": difference,
    }
    return info, results


def reuse(name, results, args):
    """Add the earlier run's rows of every sampler this run did not fit.

    Valid because the cross-validation splits, classifiers and seeds are the
    same (checked) and those samplers' code did not change; the samplers both
    runs fitted are compared split by split, and their largest difference is
    returned (0 when the earlier results reproduce exactly).
    """
    earlier = C.read_json(args.reuse)
    same = all(earlier["args"][k] == getattr(args, k) for k in ("folds", "repeats", "seed"))
    if not same or earlier["args"].get("label_noise", False) != args.label_noise:
        raise SystemExit(f"{args.reuse} was run with other CV settings; cannot reuse it")
    (old,) = [
        pd.DataFrame(**d["results"]) for d in earlier["datasets"] if d["info"]["dataset"] == name
    ]
    fresh = set(results["sampler"])
    keys = ["sampler", "classifier", "repeat", "fold", "metric"]
    both = results.merge(old[old["sampler"].isin(fresh)], on=keys, suffixes=("", "_old"))
    difference = float((both["value"] - both["value_old"]).abs().max())
    added = old[~old["sampler"].isin(fresh)]
    combined = pd.concat([results, added[results.columns]], ignore_index=True)
    return combined, sorted(set(added["sampler"])), difference


def comparisons(results):
    """GANSampler's paired tests against SMOTE(NC) and CTGAN, where both ran."""
    present = list(dict.fromkeys(results["sampler"]))
    references = [reference_sampler(present, fallback=None), CTGAN_NAME]
    out = [
        paired_comparison(results, reference, metric=list(C.METRICS))
        .query("sampler == @GAN_NAME")
        .assign(reference=reference)
        for reference in references
        if reference in present and GAN_NAME in present
    ]
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def target_check(all_comparisons):
    """Share of table x classifier x metric cells where GANSampler >= each reference."""
    share = share_at_least(all_comparisons, by="reference").set_index("reference")
    check = {}
    for reference, row in share.iterrows():
        group = all_comparisons[all_comparisons["reference"] == reference]
        goal = GOALS[reference]
        check[reference] = {
            "cells": int(row["cells"]),
            "share_mean_ge": float(row["share_at_least"]),
            "share_not_significant_loss": float(row["share_not_loss"]),
            "wins": int(row["wins"]),
            "ties": int(row["ties"]),
            "losses": int(row["losses"]),
            "goal": goal,
            "goal_met": bool(row["share_at_least"] >= goal),
            "losses_over_5_points": group[group["mean_difference"] < -0.05][
                ["dataset", "classifier", "metric", "mean_difference", "p_value", "result"]
            ].to_dict("records"),
        }
    return check


def write_quality(payload, out, name="quality"):
    """NAME.json of a quality run (or of merged runs); ``python docs/render`` shows it."""
    C.write_json(Path(out) / f"{name}.json", payload)


def print_check(check):
    for reference, c in check.items():
        print(
            f"GANSampler >= {reference} (mean) in {c['share_mean_ge']:.0%} of {c['cells']} "
            f"cells; paired test {c['wins']} wins / {c['ties']} ties / {c['losses']} losses"
        )


def merge(out, run_dirs, name="quality"):
    """Join the NAME.json of runs split over machines or cores into one, in ``out``."""
    runs = [C.read_json(Path(d) / f"{name}.json") for d in run_dirs]
    first = runs[0]
    datasets = [d for run in runs for d in run["datasets"]]
    comp = pd.DataFrame([c for run in runs for c in run["comparisons"]])
    payload = {
        **first,
        "environment": {
            **first["environment"],
            "argv": C.portable_argv(
                ["benchmarks/quality.py", "--merge", *map(str, run_dirs), "--out", str(out)]
            ),
            "merged_runs": [r["environment"] for r in runs],
        },
        "args": {**first["args"], "datasets": [d["info"]["dataset"] for d in datasets]},
        "datasets": datasets,
        "comparisons": comp.to_dict(orient="records"),
        "target_check": target_check(comp) if not comp.empty else {},
    }
    write_quality(payload, out, name)
    return payload


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", default=None, help="comma-separated; default: all available")
    p.add_argument("--samplers", default=None, help="comma-separated subset of sampler names")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--gan-steps",
        default="auto",
        help="GANSampler n_steps (default: its default 'auto'); smoke runs only",
    )
    p.add_argument(
        "--ctgan-epochs",
        type=int,
        default=None,
        help="CTGAN epochs (default: CTGAN's default 300); smoke runs only",
    )
    p.add_argument(
        "--quick", action="store_true", help=f"3 folds x 1 repeat on {', '.join(QUICK_DATASETS)}"
    )
    p.add_argument(
        "--label-noise",
        action="store_true",
        help="flip 20%% of the minority and 1%% of the majority labels of every training fold",
    )
    p.add_argument(
        "--no-baselines",
        action="store_true",
        help="skip the class_weight and tuned_threshold baselines",
    )
    p.add_argument(
        "--reuse",
        type=Path,
        default=None,
        help="an earlier quality.json with the same CV settings: its rows of the samplers "
        "not given in --samplers (and of the baselines) are added instead of refitted",
    )
    p.add_argument(
        "--merge",
        type=Path,
        nargs="+",
        default=None,
        metavar="RUN_DIR",
        help="join the quality.json of these folders into --out; runs nothing",
    )
    p.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    p.add_argument(
        "--name",
        default="quality",
        help="output file stem (e.g. quality_noise for the --label-noise run)",
    )
    return _resolve(p.parse_args(argv), argv)


def _resolve(args, argv):
    """The datasets and budgets that ``--quick`` and the options given mean."""
    given = set(a.split("=")[0] for a in (argv if argv is not None else sys.argv[1:]))
    if args.quick:
        if "--folds" not in given:
            args.folds = 3
        if "--repeats" not in given:
            args.repeats = 1
    names = (
        args.datasets.split(",")
        if args.datasets
        else (QUICK_DATASETS if args.quick else ALL_DATASETS)
    )
    args.skipped = [n for n in names if not C.available(n)]
    args.datasets = [n for n in names if C.available(n)]
    args.samplers = args.samplers.split(",") if args.samplers else None
    if args.gan_steps != "auto":
        args.gan_steps = int(args.gan_steps)
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.merge:
        print_check(merge(args.out, args.merge, args.name)["target_check"])
        return 0
    started = time.perf_counter()
    env = C.environment(
        seeds={
            "cv": args.seed,
            "samplers": args.seed,
            "classifiers": args.seed,
            "subsample_class": args.seed,
        }
    )
    datasets, all_comp = [], []
    for name in args.datasets:
        print(f"[quality] {name} ...", flush=True)
        info, results = run_dataset(name, args)
        comp = comparisons(results)
        if not comp.empty:
            all_comp.append(comp.assign(dataset=name))
        datasets.append({"info": info, "results": results.to_dict(orient="split", index=False)})
        means = mean_scores(results, by=["sampler", "classifier"], metrics=C.METRICS)
        print(to_markdown(means.reset_index()), flush=True)
    comp = pd.concat(all_comp, ignore_index=True) if all_comp else pd.DataFrame()
    check = target_check(comp) if not comp.empty else {}
    C.finish_environment(env, started)
    payload = {
        "environment": env,
        "args": {
            "folds": args.folds,
            "repeats": args.repeats,
            "seed": args.seed,
            "quick": args.quick,
            "gan_steps": args.gan_steps,
            "ctgan_epochs": args.ctgan_epochs,
            "defaults": args.gan_steps == "auto" and args.ctgan_epochs is None,
            "label_noise": args.label_noise,
            "reuse": C.portable_value(args.reuse),
            "datasets": args.datasets,
            "skipped": args.skipped,
        },
        "metrics": list(C.METRICS),
        "classifiers": list(C.CLASSIFIERS),
        "datasets": datasets,
        "comparisons": comp.to_dict(orient="records"),
        "target_check": check,
    }
    write_quality(payload, args.out, args.name)
    print_check(check)
    print(f"wrote {args.out / (args.name + '.json')}; {C.load_note(env)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
