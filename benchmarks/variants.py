"""GANSampler variants against each other and SMOTE(NC) (issues "Quality" and "Cost").

Every variant is a ``GANSampler`` built from its defaults with a few
parameters changed, so that each experiment runs the library's own code::

    python benchmarks/variants.py --datasets twitter_bots_pos10,youtube_spam_pos10 \
        --variant "steps150:n_steps=150" --variant "small:generator_dim=(128, 128);n_steps=300" \
        [--folds 5] [--repeats 1] [--label-noise] [--out DIR]

Values are Python literals. Scores with ``compare_samplers`` (LR / RF / HGB;
minority F1, PR-AUC, G-mean, balanced accuracy, sampler fit time). Writes
variants.json and variants.md into ``--out``; every run is kept, losses
included.
"""

import argparse
import ast
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
    LabelNoise,
    compare_samplers,
    default_classifiers,
    make_cv,
    make_samplers,
    mean_scores,
    to_markdown,
)


def parse_variant(text):
    """``"name:key=value;key=value"`` -> (name, params)."""
    name, _, spec = text.partition(":")
    params = {}
    for item in filter(None, spec.split(";")):
        key, _, value = item.partition("=")
        params[key.strip()] = ast.literal_eval(value.strip())
    return name, params


def run(args):
    parts = []
    for name in [n for n in args.datasets.split(",") if C.available(n)]:
        print(f"[variants] {name} ...", flush=True)
        X, y, _ = C.load_variant(name, args.seed)
        baselines = [k for k in args.baselines.split(",") if k]
        chosen = (
            make_samplers(baselines, X, random_state=args.seed, smote_label=POOLED_SMOTE)
            if baselines
            else {}
        )
        for variant, params in args.variant:
            chosen[variant] = GANSampler(random_state=args.seed, **params)
        if args.label_noise:
            chosen = {k: LabelNoise(v, random_state=args.seed) for k, v in chosen.items()}
        cv = make_cv(args.folds, args.repeats, random_state=args.seed)
        classifiers = default_classifiers(X, names=C.CLASSIFIERS, random_state=args.seed)
        result = compare_samplers(
            X, y, samplers=chosen, classifiers=classifiers, cv=cv, scoring=C.METRICS, n_jobs=1
        )
        result.insert(0, "dataset", name)
        parts.append(result)
    return pd.concat(parts, ignore_index=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="twitter_bots_pos10,youtube_spam_pos10")
    parser.add_argument("--variant", action="append", type=parse_variant, default=[])
    parser.add_argument(
        "--baselines",
        default="none,ros,smote",
        help="comma-separated names of skgan.experiments.make_samplers (smote: SMOTE(NC))",
    )
    parser.add_argument("--label-noise", action="store_true", help="noisy training labels")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.variant:
        args.variant = [("GANSampler", {})]
    env = C.environment(seeds=[args.seed])
    started = time.perf_counter()
    with warnings.catch_warnings():
        # LR on small folds; skgan's own warnings (mode collapse, few rows) stay visible
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        results = run(args)
    C.finish_environment(env, started)
    table = mean_scores(
        results,
        by=["dataset", "classifier", "sampler"],
        metrics=C.METRICS,
        fit_time="fit_time_sampler",
    )
    table = table.round(3).reset_index()
    overall = table.groupby("sampler", sort=False)[[*C.METRICS, "fit s"]].mean().round(3)
    args.out.mkdir(parents=True, exist_ok=True)
    C.write_json(
        args.out / "variants.json",
        {
            "environment": env,
            "args": {**vars(args), "out": C.portable_value(args.out, C.DEFAULT_OUT)},
            "table": table.to_dict(orient="records"),
            "results": results.to_dict(orient="split"),
        },
    )
    variants = "; ".join(f"`{n}`: {p or 'defaults'}" for n, p in args.variant)
    md = [
        "# GANSampler variants",
        "",
        C.environment_markdown(env),
        f"- variants: {variants}; label noise: {args.label_noise}",
        "",
        "## Mean over datasets and classifiers",
        "",
        to_markdown(overall.reset_index()),
        "",
        "## Per dataset and classifier",
        "",
        to_markdown(table),
    ]
    (args.out / "variants.md").write_text("\n".join(md) + "\n")
    print(to_markdown(overall.reset_index()))


if __name__ == "__main__":
    main()
