"""Ablation: what the adversarial rounds and the generator add, against the simplest things.

Every method over-samples the same training folds:

* ``GANSampler``: the default (``n_rounds="auto"``);
* ``GANSampler, T rounds`` for T = 0 to 3: exactly T adversarial rounds
  (0: the generator and the screens alone);
* ``GANSampler unscreened``: the default with ``n_neighbors=None``;
* ``copula + screens``: ``n_steps=0``, the generator's untrained start (each
  class's Gaussian copula) through every stage, rounds included;
* ``marginals + screen``: ``ScreenedSampler(candidates="marginals")``, a
  product of per-class marginals with no learning, then the same stages
  (rounds included);
* ``SMOTE + screen``: ``ScreenedSampler(candidates="interpolation")``,
  SMOTE within the class in the encoder's space, then the same stages;

next to SMOTE(NC) (SMOTENC when the table has categorical columns), plain
SMOTE on one-hot encoded categoricals (``OneHotSampler(SMOTE)``), random
over-sampling, no resampling and no resampling with
``class_weight="balanced"``. Part 1 cross-validates LR, RF and HGB on every
resampled fold (``benchmark_samplers``; minority F1, PR-AUC, fit
seconds). Part 2 measures realism with enough rows to mean something: one
stratified half of the table trains every sampler, and its synthetic
minority rows are told apart from the *other* half's real minority rows
(``skgan.experiments.held_out_realism``: gradient boosting and random forest
detectors, each next to its real-vs-real floor, and the most telling column).

    .venv/bin/python benchmarks/ablation.py --quick        # smoke run
    .venv/bin/python benchmarks/ablation.py                # 5-fold x 3, every table
    .venv/bin/python benchmarks/ablation.py --methods "none,ROS,SMOTENC,SMOTE" \
        --variant "steps150:n_steps=150" --variant "noscreen:n_neighbors=None" \
        --no-realism --repeats 1 --name variants_x      # GANSampler variants

``--variant`` adds a GANSampler with some parameters changed (what
``variants.py`` did before it was folded in here), ``--label-noise`` flips
part of every training fold's labels. Writes NAME.json only; ``python
docs/render`` renders NAME.md and the docs page.
"""

import argparse
import ast
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import RepeatedStratifiedKFold

from skgan import GANSampler
from skgan.datasets import load_variant, parse_variant
from skgan.experiments import (
    LabelNoise,
    OneHotSampler,
    RepeatedStratifiedGroupKFold,
    ScreenedSampler,
    benchmark_samplers,
    default_classifiers,
    held_out_realism,
    make_samplers,
    mean_scores,
    reference_sampler,
    share_at_least,
    to_markdown,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

GAN, UNSCREENED, COPULA = "GANSampler", "GANSampler unscreened", "copula + screens"
ROUNDS = {t: f"GANSampler, {t} rounds" for t in range(4)}
MARGINALS, INTERPOLATION = "marginals + screen", "SMOTE + screen"
SCREENED_BASELINES = (MARGINALS, INTERPOLATION)
TABLES = (
    "youtube_spam_pos10",
    "facebook_metrics",
    "twitter_bots_pos10",
    "instagram_fake_pos10",
    "twitter_bots",
    "instagram_fake",
)
CLASSIFIERS = ("LR", "RF", "HGB")
METRICS = ("f1", "average_precision")


def load(name, seed):
    """(X, y, groups) of a table name with an optional ``_pos10`` suffix."""
    base = parse_variant(name)[0]
    options = C.LOADER_OPTIONS.get(base, {})
    bunch = load_variant(name, path=C.PATHS.get(base), random_state=seed, **options)
    groups = bunch.get("groups")
    return bunch.data, bunch.target, None if groups is None else np.asarray(groups)


def samplers(X, seed, gan_params):
    methods = make_samplers(["none", "class_weight", "ros", "smote"], X, random_state=seed)
    methods["SMOTE one-hot"] = OneHotSampler(SMOTE(random_state=seed))
    methods[GAN] = GANSampler(random_state=seed, **gan_params)
    for t, label in ROUNDS.items():
        methods[label] = GANSampler(random_state=seed, **{**gan_params, "n_rounds": t})
    methods[UNSCREENED] = GANSampler(random_state=seed, **{**gan_params, "n_neighbors": None})
    methods[COPULA] = GANSampler(random_state=seed, **{**gan_params, "n_steps": 0})
    methods[MARGINALS] = ScreenedSampler(random_state=seed, candidates="marginals")
    methods[INTERPOLATION] = ScreenedSampler(random_state=seed, candidates="interpolation")
    return methods


def cross_validate(X, y, groups, methods, args, checkpoint=None):
    if groups is not None:
        cv = RepeatedStratifiedGroupKFold(args.folds, args.repeats, random_state=args.seed)
    else:
        cv = RepeatedStratifiedKFold(
            n_splits=args.folds, n_repeats=args.repeats, random_state=args.seed
        )
    classifiers = default_classifiers(X, names=CLASSIFIERS, random_state=args.seed)
    results, _ = benchmark_samplers(
        X,
        y,
        samplers=methods,
        classifiers=classifiers,
        cv=cv,
        groups=groups,
        scoring=METRICS,
        synthetic_metrics=False,
        n_jobs=args.n_jobs,
        random_state=args.seed,
        checkpoint=checkpoint,
    )
    return results


def realism(name, methods, seed):
    """Held-out realism of every method on the table *as it is* (without the ``_posN`` cut).

    Each sampler is asked for as many synthetic minority rows as the training
    half has real ones; all minority rows of the other half are the held-out
    real rows: hundreds of them, not a test fold's dozens.
    """
    X, y, _ = load(parse_variant(name)[0], seed)
    return held_out_realism(X, y, methods, match_minority=True, quality=True, random_state=seed)


def cells(results):
    """Mean score per (table, classifier, metric) cell and sampler."""
    return mean_scores(results, by=["table", "classifier", "metric"], columns="sampler")


def targets(table):
    """Share of cells where GANSampler is >= each reference present, per metric."""
    if GAN not in table:  # a run of variants alone
        return pd.DataFrame()
    differences = []
    screened = [name for name in SCREENED_BASELINES if name in table]
    if screened:
        better = table[GAN] - table[screened].max(axis=1)
        differences.append(
            better.rename("mean_difference")
            .reset_index()
            .assign(reference="better screened baseline")
        )
    for _, part in table.groupby(level="table", sort=False):
        # SMOTENC on tables with categorical columns, SMOTE on the others: one reference
        smote = reference_sampler(part.columns[part.notna().any()], fallback=None)
        if smote is not None:
            difference = (part[GAN] - part[smote]).rename("mean_difference").reset_index()
            differences.append(difference.assign(reference="SMOTE(NC)"))
    if not differences:
        return pd.DataFrame()
    share = share_at_least(
        pd.concat(differences, ignore_index=True), by=["metric", "reference"], tolerance=1e-12
    )
    wide = share.pivot(index="metric", columns="reference")
    out = pd.DataFrame({"cells": wide["cells"].max(axis=1)})
    for label in dict.fromkeys(share["reference"]):
        out[f">= {label}"] = wide["share_at_least", label]
        out[f"mean diff vs {label}"] = wide["mean_difference", label]
    return out.reset_index()


def variant_option(text):
    """``"NAME:key=value;key=value"`` -> (NAME, params); values are Python literals."""
    name, _, spec = text.partition(":")
    params = {}
    for item in filter(None, spec.split(";")):
        key, _, value = item.partition("=")
        params[key.strip()] = ast.literal_eval(value.strip())
    return name, params


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 tables, 3-fold x 1")
    parser.add_argument("--tables", default=",".join(TABLES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="torch threads per process")
    parser.add_argument("--n-jobs", type=int, default=None, help="(split x method) tasks at once")
    parser.add_argument(
        "--checkpoint", type=Path, default=None, help="folder of per-table checkpoints (resume)"
    )
    parser.add_argument(
        "--gan-params", default="{}", help="GANSampler parameters, a Python dict literal"
    )
    parser.add_argument(
        "--variant",
        action="append",
        type=variant_option,
        default=[],
        help='one more method, "NAME:key=value;key=value": a GANSampler with these '
        "parameters over --gan-params (values are Python literals); repeatable",
    )
    parser.add_argument(
        "--label-noise", action="store_true", help="flip part of every training fold's labels"
    )
    parser.add_argument("--name", default="ablation", help="output file stem")
    parser.add_argument("--methods", default=None, help="comma-separated subset of the methods")
    parser.add_argument("--no-realism", action="store_true", help="skip the held-out realism part")
    parser.add_argument(
        "--reuse-scores",
        type=Path,
        default=None,
        help="take the cross-validated scores from this ablation JSON (same tables and "
        "methods) and run only the realism part",
    )
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.tables, args.folds, args.repeats = "youtube_spam_pos10,facebook_metrics", 3, 1
    args.gan_params = ast.literal_eval(args.gan_params)
    return args


def methods_of(X, args):
    """The methods of one table: the chosen ablation rows, then every ``--variant``."""
    methods = samplers(X, args.seed, args.gan_params)
    if args.methods:
        methods = {k: v for k, v in methods.items() if k in args.methods.split(",")}
    for name, params in args.variant:
        methods[name] = GANSampler(random_state=args.seed, **{**args.gan_params, **params})
    if args.label_noise:
        methods = {k: LabelNoise(v, random_state=args.seed) for k, v in methods.items()}
    return methods


def run(args):
    """(cross-validated scores, realism, skipped tables) of every table."""
    scores, detection, skipped, measured = [], [], [], set()
    for name in args.tables.split(","):
        if not C.available(name):
            skipped.append(name)
            continue
        X, y, groups = load(name, args.seed)
        methods = methods_of(X, args)
        print(f"{name}: {len(y)} rows, {int((y == 1).sum())} positive", flush=True)
        checkpoint = None
        if args.checkpoint:
            args.checkpoint.mkdir(parents=True, exist_ok=True)
            checkpoint = args.checkpoint / f"{args.name}_{name}.jsonl"
        if args.reuse_scores is None:
            scores.append(
                cross_validate(X, y, groups, methods, args, checkpoint).assign(table=name)
            )
        # realism is measured on the table as it is: once for a table and its _posN cut
        if not args.no_realism and parse_variant(name)[0] not in measured:
            measured.add(parse_variant(name)[0])
            detection.append(realism(name, methods, args.seed).assign(table=name))
    return scores, detection, skipped


def main(argv=None):
    args = parse_args(argv)
    env = C.environment(seeds=[args.seed], argv=argv, threads=args.threads, script=__file__)
    started = time.perf_counter()
    # LR on the smallest folds; every skgan warning (mode collapse, few rows) stays visible
    warnings.simplefilter("ignore", category=ConvergenceWarning)
    scores, detection, skipped = run(args)
    if args.reuse_scores is not None:
        reused = C.read_json(args.reuse_scores)
        scores = [pd.DataFrame(reused["results"])]
        env["reused_scores_from"] = reused["environment"]
    results = pd.concat(scores, ignore_index=True)
    realism_table = pd.concat(detection, ignore_index=True) if detection else pd.DataFrame()
    summary = targets(cells(results))
    payload = dict(
        environment=C.finish_environment(env, started),
        args={
            **vars(args),
            "out": C.portable_value(args.out, C.DEFAULT_OUT),
            "checkpoint": C.portable_value(args.checkpoint, None),
            "reuse_scores": C.portable_value(args.reuse_scores),
        },
        skipped=skipped,
        results=results.to_dict("records"),
        realism=realism_table.to_dict("records"),
        targets=summary.to_dict("records"),
    )
    C.write_json(args.out / f"{args.name}.json", payload)  # python docs/render shows it
    print(to_markdown(summary, floatfmt="{:.3f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
