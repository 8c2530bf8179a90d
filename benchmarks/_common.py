"""Shared helpers of the benchmark scripts: environment record, data, output files.

Nothing here trains a model: the scripts call skgan (and the CTGAN peer in
``_peers.py``) and use these helpers to describe the machine, build the tables
and write ``<name>.json``, ``<name>.md`` and ``<name>*.png`` into the output folder.
"""

import datetime as _dt
import importlib.metadata
import json
import os
import platform
import resource
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from skgan.experiments import to_markdown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results"
# ../shared/data beside the checkout; SKGAN_BENCH_DATA overrides it (e.g. on another machine).
SHARED_DATA = Path(os.environ.get("SKGAN_BENCH_DATA", ROOT.parent / "shared" / "data"))
PATHS = {
    "twitter_bots": SHARED_DATA / "twitter_bots_kaggle",
    "instagram_fake": SHARED_DATA / "instagram_fake",
}


# ------------------------------------------------------------------ environment
def _version(package):
    if package == "skgan":  # also when skgan is used from the source tree, not installed
        import skgan

        return skgan.__version__
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# The opt-in cheaper GANSampler (results/variants/README.md, v5): early stopping on
# coverage with an averaged generator at a higher learning rate.
EARLY_STOP_NAME = "GANSampler early stop"
EARLY_STOP_RECIPE = dict(early_stopping=True, learning_rate=1e-3)


# ------------------------------------------------------------------ methods
METRICS = ("f1", "average_precision", "geometric_mean", "balanced_accuracy")
CLASSIFIERS = ("LR", "RF", "HGB")
SMOTE_NAME, GAN_NAME, CTGAN_NAME = "SMOTE(NC)", "GANSampler", "CTGAN"
# The 0.1.0 defaults, for the cost issue's 10x target (speed.py).
GAN_01_NAME = "GANSampler 0.1"
GAN_01_PARAMS = dict(n_steps=2000, batch_size=200, n_neighbors=None, early_stopping=False)
# The quality benchmark's methods, in table order.
QUALITY_SAMPLERS = (
    "none",
    "ROS",
    SMOTE_NAME,
    "ADASYN",
    "BorderlineSMOTE",
    GAN_NAME,
    EARLY_STOP_NAME,
    CTGAN_NAME,
)
# Benchmark label -> name in the library's registry (skgan.experiments.make_samplers).
_LIBRARY_NAMES = {
    "none": "none",
    "ROS": "ros",
    SMOTE_NAME: "smote",
    "ADASYN": "adasyn",
    "BorderlineSMOTE": "borderline",
    GAN_NAME: "gan",
}


def samplers(X, seed, names=QUALITY_SAMPLERS, gan_steps="auto", ctgan_epochs=None):
    """Label -> sampler of every benchmark: the library's registry plus the benchmark-only ones.

    The library's methods come from ``skgan.experiments.make_samplers``, SMOTE
    or SMOTENC (whichever suits ``X``) under the one label ``SMOTE(NC)``; the
    others are the early-stopping recipe, the 0.1.0 defaults and CTGAN.
    ``gan_steps`` and ``ctgan_epochs`` shorten smoke runs.
    """
    from _peers import CTGANOverSampler

    from skgan import GANSampler
    from skgan.experiments import make_samplers, reference_sampler

    unknown = sorted(set(names) - set(_LIBRARY_NAMES) - {EARLY_STOP_NAME, GAN_01_NAME, CTGAN_NAME})
    if unknown:
        raise ValueError(f"unknown benchmark sampler(s) {unknown}")
    library = [_LIBRARY_NAMES[n] for n in names if n in _LIBRARY_NAMES]
    made = (
        make_samplers(library, X, random_state=seed, gan_params={"n_steps": gan_steps})
        if library
        else {}
    )
    smote = reference_sampler(made, fallback=None)
    made = {SMOTE_NAME if label == smote else label: s for label, s in made.items()}
    steps = {} if gan_steps == "auto" else {"n_steps": gan_steps}
    others = {
        EARLY_STOP_NAME: lambda: GANSampler(random_state=seed, **EARLY_STOP_RECIPE, **steps),
        GAN_01_NAME: lambda: GANSampler(random_state=seed, **GAN_01_PARAMS),
        CTGAN_NAME: lambda: CTGANOverSampler(
            random_state=seed,
            ctgan_params=None if ctgan_epochs is None else {"epochs": ctgan_epochs},
        ),
    }
    return {name: made[name] if name in made else others[name]() for name in names}


def environment(seeds=None, argv=None, threads=1):
    """Versions, hardware, threads and load: what a reader needs to trust a number.

    Also sets the torch / OpenMP threads of this run and of the processes it
    spawns: one by default, so that two benchmarks can share the 2-core
    machine without oversubscribing it (``speed.py`` uses every core).
    """
    import torch
    from threadpoolctl import threadpool_limits

    os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(threads)
    torch.set_num_threads(threads)
    # The variables above reach spawned processes only: OpenMP and BLAS are already
    # loaded here (by scikit-learn's import), so limit them in this process too.
    # Without it a sequential run's HistGradientBoosting used two threads on a
    # shared 2-core machine and ran many times slower.
    threadpool_limits(threads)
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "argv": list(sys.argv if argv is None else argv),
        "python": platform.python_version(),
        "versions": {
            p: _version(p)
            for p in ("skgan", "torch", "ctgan", "rdt", "scikit-learn", "imbalanced-learn")
        }
        | {"numpy": np.__version__, "pandas": pd.__version__},
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "torch_threads": torch.get_num_threads(),
        "platform": platform.platform(),
        "seeds": seeds,
        "load_before": list(os.getloadavg()),
    }


def finish_environment(env, started):
    env["load_after"] = list(os.getloadavg())
    env["wall_seconds"] = round(_now() - started, 1)
    return env


def _now():
    import time

    return time.perf_counter()


def max_rss_mb():
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def max_rss_children_mb():
    """Largest peak resident memory among the waited-for child processes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def current_rss_mb():
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def load_note(env):
    before, after = env["load_before"][0], env.get("load_after", [float("nan")])[0]
    return (
        f"load average (1 min) {before:.2f} before, {after:.2f} after, on "
        f"{env['cpu_count']} cores ({env['cpu_model']}); torch threads {env['torch_threads']}"
    )


# ------------------------------------------------------------------ data
# How the benchmarks load each table (the loaders' defaults otherwise).
LOADER_OPTIONS = {
    "facebook_metrics": {"target": "Paid"},
    "youtube_spam": {"features": "statistics"},
}


def available(name):
    """Whether the table of a (variant) name can be loaded here."""
    from skgan.datasets import list_datasets, parse_variant

    base = parse_variant(name)[0]
    return bool(list_datasets()["bundled"].get(base, False)) or shared_available(base)


def load_variant(name, seed):
    """(X, y, note) of a dataset name with an optional ``_pos10`` / ``_pos3`` suffix."""
    from skgan.datasets import load_variant as load
    from skgan.datasets import parse_variant

    base = parse_variant(name)[0]
    bunch = load(name, path=PATHS.get(base), random_state=seed, **LOADER_OPTIONS.get(base, {}))
    note = f"{base} as loaded"
    if bunch.fraction is not None:
        note = f"{base} keeping a seeded {round(bunch.fraction * 100)} % of class 1"
    return bunch.data, bunch.target, note


def shared_available(name):
    return name in PATHS and PATHS[name].exists()


def load(name, **kwargs):
    """(X, y) of a skgan dataset; the non-bundled ones are read from ../shared/data."""
    from skgan.datasets import load_dataset

    path = PATHS.get(name)
    return load_dataset(name, path=path, return_X_y=True, **kwargs)


def source_table():
    """The mixed-type social-media table the speed benchmark grows: twitter_bots, else facebook."""
    if shared_available("twitter_bots"):
        X, y = load("twitter_bots")
        return "twitter_bots", X, y
    X, y = load("facebook_metrics")
    return "facebook_metrics", X, y


def grow(X, y, n_rows, rng, noise=0.05):
    """Resample ``(X, y)`` with replacement to ``n_rows`` rows, plus a little noise.

    Numeric values are multiplied by ``exp(N(0, noise))`` (integers re-rounded,
    signs and missing values kept) so that the grown table has more distinct
    rows than the original; categorical and boolean columns are copied.
    """
    rows = rng.integers(0, len(X), n_rows)
    out = X.iloc[rows].reset_index(drop=True).copy()
    for column in out.columns:
        col = out[column]
        if isinstance(col.dtype, pd.CategoricalDtype) or col.dtype == object:
            continue
        if pd.api.types.is_bool_dtype(col.dtype):
            continue
        values = col.to_numpy(dtype=np.float64, na_value=np.nan)
        jitter = np.exp(rng.normal(0.0, noise, n_rows))
        noisy = values * jitter
        if pd.api.types.is_integer_dtype(col.dtype):
            # via Float64 so that NaN becomes <NA> for nullable integer columns
            out[column] = pd.Series(np.round(noisy)).astype("Float64").astype(col.dtype)
        else:
            out[column] = noisy
    return out, pd.Series(np.asarray(y)[rows], name=getattr(y, "name", "y"))


def social_table(n_rows, n_columns=50, minority_share=0.1, random_state=0):
    """A synthetic social-media-like table: counts, flags, categories and NaNs.

    Roughly: 40 % count columns (zero-inflated log-normal integers, a few with
    missing values), 15 % continuous rates (some missing), 20 % booleans, 25 %
    categoricals with 3 to 200 levels (Zipf-like, some missing). The label
    depends on a few columns so that classifiers have something to learn.
    """
    rng = np.random.default_rng(random_state)
    n_count = int(0.4 * n_columns)
    n_rate = int(0.15 * n_columns)
    n_bool = int(0.2 * n_columns)
    n_cat = n_columns - n_count - n_rate - n_bool
    latent = rng.normal(size=n_rows)
    data = {}
    for j in range(n_count):
        scale = rng.uniform(1, 8)
        values = np.round(np.exp(scale + 1.5 * rng.normal(size=n_rows) + 0.3 * latent))
        values[rng.random(n_rows) < rng.uniform(0.05, 0.5)] = 0
        col = pd.Series(values.astype(np.int64))
        if j % 4 == 3:
            col = col.astype("Int64")
            col[rng.random(n_rows) < 0.1] = pd.NA
        data[f"count_{j}"] = col
    for j in range(n_rate):
        values = rng.beta(2, 5, n_rows) + 0.05 * latent
        if j % 2:
            values[rng.random(n_rows) < 0.2] = np.nan
        data[f"rate_{j}"] = values
    for j in range(n_bool):
        data[f"flag_{j}"] = rng.random(n_rows) < 1 / (1 + np.exp(-latent - rng.normal()))
    for j in range(n_cat):
        k = [3, 8, 20, 60, 200][j % 5]
        p = 1.0 / np.arange(1, k + 1)
        codes = rng.choice(k, n_rows, p=p / p.sum())
        col = pd.Series(pd.Categorical.from_codes(codes, [f"c{j}_{i}" for i in range(k)]))
        if j % 3 == 2:
            col[rng.random(n_rows) < 0.05] = np.nan
        data[f"cat_{j}"] = col
    X = pd.DataFrame(data)
    score = latent + 0.5 * X["flag_0"] - 0.3 * (X["cat_0"] == "c0_0") + rng.normal(size=n_rows)
    threshold = np.quantile(score, 1 - minority_share)
    y = pd.Series((score > threshold).astype(np.int64), name="label")
    return X, y


def categorical_columns(X):
    """The columns ``categorical_features="auto"`` of GANSampler treats as categorical.

    Its rule (object, category, string and bool dtypes), written with pandas so
    that the scripts use no private skgan module; the benchmark tables are
    DataFrames.
    """
    return list(X.select_dtypes(include=["object", "category", "string", "bool"]).columns)


# ------------------------------------------------------------------ output
def _default(obj):
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj)}")


def write_json(path, payload):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, default=_default, allow_nan=True) + "\n")
    return path


def read_json(path):
    return json.loads(Path(path).read_text())


# the library's table helper, under the name the scripts use
markdown_table = to_markdown


def environment_markdown(env):
    v = env["versions"]
    lines = [
        f"- date: {env['date']}; command: `{' '.join(env['argv'])}`",
        f"- machine: {env['cpu_model']}, {env['cpu_count']} cores "
        f"(affinity {env['cpu_affinity']}), torch threads {env['torch_threads']}",
        f"- load average before {fmt_load(env['load_before'])}, "
        f"after {fmt_load(env.get('load_after'))} (1/5/15 min)",
        f"- python {env['python']}, "
        + ", ".join(f"{k} {val}" for k, val in v.items() if val is not None),
        f"- seeds: {env['seeds']}; wall time {env.get('wall_seconds')} s",
    ]
    return "\n".join(lines)


def fmt_load(load):
    return "n/a" if not load else "/".join(f"{x:.2f}" for x in load)


# ------------------------------------------------------------------ quality results
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
    """Mean of every metric and the fit time per sampler and classifier of one table."""
    keep = results[results["metric"].isin(METRICS)]
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


def write_quality(payload, out):
    """quality.json, quality.md and quality.png of a quality run (or of merged runs)."""
    out.mkdir(parents=True, exist_ok=True)
    write_json(out / "quality.json", payload)
    env = payload["environment"]
    lines = ["# Quality benchmark (downstream classifiers)", "", environment_markdown(env), ""]
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
        markdown_table(overall_table(payload)),
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
            against = d["info"].get("detection_auc_against", "held-out real minority")
            lines += [f"Detection AUC (synthetic vs {against}): {auc}", ""]
        lines.append(markdown_table(summary_table(results)))
    (out / "quality.md").write_text("\n".join(lines) + "\n")
    plot_quality(payload, out / "quality.png")


def plot_quality(payload, path):
    """Heat map of GANSampler minus each reference, per table, classifier and metric."""
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


# ------------------------------------------------------------------ speed results
def perf_ratios(records):
    frame = pd.DataFrame(records)
    rows = []
    for size, group in frame.groupby("rows", sort=True):
        s = group[group.library == "skgan"].iloc[0]
        c = group[group.library == "ctgan"].iloc[0]
        rows.append(
            {
                "rows": size,
                "steps": s["steps"],
                "encoder s (skgan)": s["transformer_s"],
                "encoder s (CTGAN)": c["transformer_s"],
                "encoder ratio": s["transformer_s"] / c["transformer_s"],
                "train rows/s (skgan)": s["train_rows_per_s"],
                "train rows/s (CTGAN)": c["train_rows_per_s"],
                "train ratio": s["train_rows_per_s"] / c["train_rows_per_s"],
                "sample rows/s (skgan)": s["sample_rows_per_s"],
                "sample rows/s (CTGAN)": c["sample_rows_per_s"],
                "sample ratio": s["sample_rows_per_s"] / c["sample_rows_per_s"],
                "peak MB (skgan)": s["peak_rss_mb"],
                "peak MB (CTGAN)": c["peak_rss_mb"],
                "peak ratio": s["peak_rss_mb"] / c["peak_rss_mb"],
                "worker peak MB (CTGAN)": c.get("peak_rss_children_mb", float("nan")),
            }
        )
    return pd.DataFrame(rows)


def e2e_table(records):
    """One row per table and sampler, with speed-ups against CTGAN and the 0.1.0 budget."""
    e2e = pd.DataFrame(records)
    e2e["table"] = [
        f"{r.train_minority} / {r.train_minority + r.train_majority}" for r in e2e.itertuples()
    ]
    for reference, column in (("CTGAN", "x CTGAN"), ("GANSampler 0.1", "x 0.1")):
        ref = e2e[e2e["sampler"] == reference].set_index("table")["fit_resample_s"]
        e2e[column] = e2e["table"].map(ref) / e2e["fit_resample_s"]
    e2e["steps"] = e2e.get("n_steps", pd.Series(index=e2e.index, dtype=float)).astype("Int64")
    columns = ["table", "sampler", "steps", "fit_resample_s", "x CTGAN", "x 0.1", "peak_rss_mb"]
    columns += ["hgb_f1", "hgb_pr_auc", "detection_auc"]
    return e2e[columns].rename(
        columns={
            "table": "minority / rows",
            "fit_resample_s": "fit_resample s",
            "peak_rss_mb": "peak MB",
            "hgb_f1": "HGB minority F1",
            "hgb_pr_auc": "HGB PR-AUC",
            "detection_auc": "detection AUC",
        }
    )
