"""Downstream quality of GANSampler against classic samplers and CTGAN (issue "Quality").

For every dataset (and imbalanced variants of the near-balanced ones, keeping
a fixed-seed 10 % / 3 % of the positive class), repeated stratified CV with
``skgan.experiments.compare_samplers``: each training fold is resampled once
per sampler, every classifier (LR, RF, HGB from
``skgan.experiments.default_classifiers``) is trained on it and scored on the
untouched test fold. Non-resampling baselines: the same classifiers with
``class_weight="balanced"``, and ``TunedThresholdClassifierCV`` (F1-tuned
threshold, 3-fold internal CV). Paired wins/ties/losses of GANSampler against
SMOTE(NC) and CTGAN use the Nadeau-Bengio corrected resampled t-test
(``skgan.experiments.paired_comparison``).

Run with the bench environment (ctgan installed), see benchmarks/README.md::

    .venv-bench/bin/python benchmarks/quality.py --quick
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone

from skgan.experiments import LabelNoise

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

METRICS = ("f1", "average_precision", "geometric_mean", "balanced_accuracy")
CLASSIFIERS = ("LR", "RF", "HGB")
SMOTE_NAME, GAN_NAME, CTGAN_NAME = "SMOTE(NC)", "GANSampler", "CTGAN"
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


def load_variant(name, seed):
    """(X, y, note) of a dataset name with an optional ``_pos10`` / ``_pos3`` suffix."""
    from skgan.datasets import subsample_class

    base, _, suffix = name.partition("_pos")
    kwargs = {"target": "Paid"} if base == "facebook_metrics" else {}
    if base == "youtube_spam":
        kwargs = {"features": "statistics"}
    X, y = C.load(base, **kwargs)
    note = f"{base} as loaded"
    if suffix:
        fraction = int(suffix) / 100
        X, y = subsample_class(X, y, label=1, fraction=fraction, random_state=seed)
        note = f"{base} keeping a seeded {suffix} % of class 1"
    return X, y, note


def available(name):
    base = name.partition("_pos")[0]
    return base in ("facebook_metrics", "youtube_spam") or C.shared_available(base)


def samplers(X, seed, gan_steps="auto", ctgan_epochs=None):
    """Name -> sampler: the library's registry (``make_samplers``) plus CTGAN."""
    from _peers import CTGANOverSampler

    from skgan import GANSampler
    from skgan.experiments import make_samplers

    names = ["none", "ros", "smote", "adasyn", "borderline", "gan"]
    chosen = make_samplers(names, X, random_state=seed, gan_params={"n_steps": gan_steps})
    label = "SMOTENC" if "SMOTENC" in chosen else "SMOTE"
    chosen = {SMOTE_NAME if k == label else k: v for k, v in chosen.items()}
    chosen[C.EARLY_STOP_NAME] = GANSampler(
        random_state=seed,
        **C.EARLY_STOP_RECIPE,
        **({} if gan_steps == "auto" else {"n_steps": gan_steps}),
    )
    chosen[CTGAN_NAME] = CTGANOverSampler(
        random_state=seed,
        ctgan_params=None if ctgan_epochs is None else {"epochs": ctgan_epochs},
    )
    return chosen


def baselines(classifiers):
    """class_weight="balanced" and F1-tuned-threshold versions of the classifiers."""
    from sklearn.base import clone
    from sklearn.model_selection import TunedThresholdClassifierCV

    weighted, tuned = {}, {}
    for name, pipe in classifiers.items():
        model = clone(pipe)
        model.set_params(**{f"{model.steps[-1][0]}__class_weight": "balanced"})
        weighted[name] = model
        tuned[name] = TunedThresholdClassifierCV(clone(pipe), scoring="f1", cv=3)
    return {"class_weight": weighted, "tuned_threshold": tuned}


def realism(X, y, chosen, cv, seed):
    """Detection AUC of each resampler's synthetic minority rows vs held-out real ones.

    Over the first repeat's folds: each training fold is resampled, its new
    minority rows are pooled, and so are the real minority rows of the test
    folds (every real minority row once); a classifier then tries to tell the
    pools apart (``skgan.metrics.detection_auc``; 0.5 = indistinguishable).
    """
    from skgan.metrics import detection_auc

    values = np.asarray(y)
    minority = pd.Series(values).value_counts().idxmin()
    splits = list(cv.split(X, values))[: cv.get_n_splits() // cv.n_repeats]
    out = {}
    for name, sampler in chosen.items():
        if sampler is None:
            continue
        synthetic, real = [], []
        try:
            for train, test in splits:
                X_res, y_res = clone(sampler).fit_resample(X.iloc[train], values[train])
                new = pd.DataFrame(X_res).iloc[len(train) :]
                synthetic.append(new[np.asarray(y_res)[len(train) :] == minority])
                real.append(X.iloc[test][values[test] == minority])
            # interpolated rows of integer columns are not integers: compare as they are
            fake = pd.concat(synthetic, ignore_index=True)
            out[name] = detection_auc(pd.concat(real, ignore_index=True), fake, random_state=seed)
        except Exception as exc:  # a sampler that fails here fails in the CV too
            print(f"   realism of {name} failed: {exc}", flush=True)
            out[name] = float("nan")
    return out


def run_dataset(name, args):
    from sklearn.model_selection import RepeatedStratifiedKFold

    from skgan.experiments import compare_samplers, default_classifiers

    X, y, note = load_variant(name, args.seed)
    cv = RepeatedStratifiedKFold(
        n_splits=args.folds, n_repeats=args.repeats, random_state=args.seed
    )
    classifiers = default_classifiers(X, names=CLASSIFIERS, random_state=args.seed)
    chosen = samplers(X, args.seed, args.gan_steps, args.ctgan_epochs)
    if args.samplers:
        chosen = {k: v for k, v in chosen.items() if k in args.samplers}
    noisy = (lambda s: LabelNoise(s, random_state=args.seed)) if args.label_noise else None
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        detection = {} if args.label_noise else realism(X, y, chosen, cv, args.seed)
        if noisy:
            chosen = {k: noisy(v) for k, v in chosen.items()}
        parts = [
            compare_samplers(
                X, y, samplers=chosen, classifiers=classifiers, cv=cv, scoring=METRICS, n_jobs=1
            )
        ]
        for label, models in baselines(classifiers).items():
            if args.reuse is not None or args.no_baselines:
                break  # the baselines come from the earlier run, or are not wanted
            none = {"none": noisy(None) if noisy else None}
            part = compare_samplers(
                X, y, samplers=none, classifiers=models, cv=cv, scoring=METRICS, n_jobs=1
            )
            parts.append(part.assign(sampler=label))
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
        "detection_auc": detection,
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
    from skgan.experiments import paired_comparison

    out = []
    for reference in (SMOTE_NAME, CTGAN_NAME):
        if reference not in set(results["sampler"]) or GAN_NAME not in set(results["sampler"]):
            continue
        comp = paired_comparison(results, reference, metric=list(METRICS))
        comp = comp[comp["sampler"] == GAN_NAME].assign(reference=reference)
        out.append(comp)
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def target_check(all_comparisons):
    """Share of dataset x classifier x metric cells where GANSampler >= the reference."""
    check = {}
    goals = {SMOTE_NAME: 0.70, CTGAN_NAME: 0.80}
    for reference, group in all_comparisons.groupby("reference"):
        n = len(group)
        share_ge = float((group["mean_difference"] >= 0).mean())
        check[reference] = {
            "cells": n,
            "share_mean_ge": share_ge,
            "share_not_significant_loss": float((group["result"] != "loss").mean()),
            "wins": int((group["result"] == "win").sum()),
            "ties": int((group["result"] == "tie").sum()),
            "losses": int((group["result"] == "loss").sum()),
            "goal": goals[reference],
            "goal_met": share_ge >= goals[reference],
            "losses_over_5_points": group[group["mean_difference"] < -0.05][
                ["dataset", "classifier", "metric", "mean_difference", "p_value", "result"]
            ].to_dict("records"),
        }
    return check


def summary_table(results):
    keep = results[
        results["metric"].isin(["f1", "average_precision", "geometric_mean", "balanced_accuracy"])
    ]
    table = keep.pivot_table(
        index=["sampler", "classifier"],
        columns="metric",
        values="value",
        aggfunc="mean",
        sort=False,
    )
    fit = keep.groupby(["sampler", "classifier"], sort=False)["fit_time"].mean()
    table = table[[m for m in METRICS if m in table.columns]]
    table["fit s"] = fit
    return table.reset_index()


def overall_table(payload):
    """Mean of every metric over all tables, classifiers and splits, per sampler.

    A sampler that failed on a split (e.g. ADASYN finding no neighbours) has
    no score there; ``failed splits`` counts them, and ``tables complete`` says
    on how many tables it scored every split, so that a mean over fewer cells
    is visible as such. ``detection AUC`` is the mean over tables of the
    realism check (resamplers only).
    """
    frames = [
        pd.DataFrame(**d["results"]).assign(dataset=d["info"]["dataset"])
        for d in payload["datasets"]
    ]
    results = pd.concat(frames, ignore_index=True)
    table = results.pivot_table(
        index="sampler", columns="metric", values="value", aggfunc="mean", sort=False
    )[list(METRICS)]
    first = results[results["metric"] == METRICS[0]]
    per_split = first.groupby(["sampler", "dataset", "repeat", "fold"], sort=False)["value"]
    failed = per_split.apply(lambda v: bool(v.isna().all())).groupby(level=[0, 1]).sum()
    table["failed splits"] = failed.groupby(level=0).sum()
    table["tables complete"] = (failed == 0).groupby(level=0).sum()
    detection = pd.DataFrame([d["info"].get("detection_auc", {}) for d in payload["datasets"]])
    table["detection AUC"] = detection.mean() if not detection.empty else np.nan
    table["fit s"] = first.groupby("sampler", sort=False)["fit_time_sampler"].mean()
    return table.reset_index()


def write_outputs(payload, out):
    out.mkdir(parents=True, exist_ok=True)
    C.write_json(out / "quality.json", payload)
    env = payload["environment"]
    lines = ["# Quality benchmark (downstream classifiers)", "", C.environment_markdown(env), ""]
    if not payload["args"]["defaults"]:
        lines += [
            f"**Not the samplers' defaults** (smoke run): GANSampler n_steps="
            f"{payload['args']['gan_steps']}, CTGAN epochs={payload['args']['ctgan_epochs']}.",
            "",
        ]
    lines += [
        f"CV: repeated stratified {payload['args']['folds']}-fold x "
        f"{payload['args']['repeats']}; means over splits.",
        "",
    ]
    lines += [
        "## Mean over every table, classifier and split",
        "",
        C.markdown_table(overall_table(payload)),
        "",
        "## Target check",
        "",
    ]
    for ref, c in payload["target_check"].items():
        lines.append(
            f"- GANSampler >= {ref} (mean) in {c['share_mean_ge']:.0%} of {c['cells']} cells "
            f"(goal {c['goal']:.0%}: {'met' if c['goal_met'] else 'NOT met'}); paired test "
            f"{c['wins']} wins / {c['ties']} ties / {c['losses']} losses; "
            f"{len(c['losses_over_5_points'])} cells lose more than 5 points"
        )
    for d in payload["datasets"]:
        results = pd.DataFrame(**d["results"])
        lines += [
            "",
            f"## {d['info']['dataset']}",
            "",
            f"{d['info']['note']}: {d['info']['rows']} rows, class counts "
            f"{d['info']['class_counts']}, {d['info']['seconds']:.0f} s",
            "",
        ]
        if d["info"].get("detection_auc"):
            auc = ", ".join(f"{k} {v:.2f}" for k, v in d["info"]["detection_auc"].items())
            lines += [f"Detection AUC (synthetic vs held-out real minority): {auc}", ""]
        lines.append(C.markdown_table(summary_table(results)))
    (out / "quality.md").write_text("\n".join(lines) + "\n")
    plot(payload, out / "quality.png")


def plot(payload, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    comp = pd.DataFrame(payload["comparisons"])
    if comp.empty:
        return
    refs = list(dict.fromkeys(comp["reference"]))
    fig, axes = plt.subplots(
        1, len(refs), figsize=(5.5 * len(refs), 0.35 * 30 + 1.5), squeeze=False
    )
    for ax, ref in zip(axes[0], refs):
        sub = comp[comp["reference"] == ref]
        grid = sub.pivot_table(
            index=["dataset", "classifier"], columns="metric", values="mean_difference", sort=False
        )
        grid = grid[[m for m in METRICS if m in grid.columns]]
        im = ax.imshow(grid.to_numpy(), cmap="RdBu", vmin=-0.2, vmax=0.2, aspect="auto")
        ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(grid.shape[0]), [f"{d} / {c}" for d, c in grid.index], fontsize=7)
        marks = sub.set_index(["dataset", "classifier", "metric"])["result"]
        for i, idx in enumerate(grid.index):
            for j, metric in enumerate(grid.columns):
                r = marks.get((*idx, metric), "")
                ax.text(j, i, {"win": "+", "loss": "-"}.get(r, ""), ha="center", va="center")
        ax.set_title(f"GANSampler - {ref} (mean; +/- significant)", fontsize=9)
        fig.colorbar(im, ax=ax, shrink=0.6)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


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
    p.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = p.parse_args(argv)
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
    args.skipped = [n for n in names if not available(n)]
    args.datasets = [n for n in names if available(n)]
    args.samplers = args.samplers.split(",") if args.samplers else None
    if args.gan_steps != "auto":
        args.gan_steps = int(args.gan_steps)
    return args


def main(argv=None):
    args = parse_args(argv)
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
        print(C.markdown_table(summary_table(results)), flush=True)
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
            "reuse": None if args.reuse is None else str(args.reuse),
            "datasets": args.datasets,
            "skipped": args.skipped,
        },
        "metrics": list(METRICS),
        "classifiers": list(CLASSIFIERS),
        "datasets": datasets,
        "comparisons": comp.to_dict(orient="records"),
        "target_check": check,
    }
    write_outputs(payload, args.out)
    for ref, c in check.items():
        print(
            f"GANSampler >= {ref}: {c['share_mean_ge']:.0%} of {c['cells']} cells "
            f"(goal {c['goal']:.0%}), W/T/L {c['wins']}/{c['ties']}/{c['losses']}, "
            f"{len(c['losses_over_5_points'])} losses > 5 points"
        )
    print(f"wrote {args.out / 'quality.json'}; {C.load_note(env)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
