"""``benchmarks/results/NAME.md``: a plain Markdown view of each NAME.json beside it."""

import pandas as pd

from skgan.experiments import mean_scores, to_markdown

from ._records import METRICS, command, load_mark, overall_table, summary_table
from ._speed import e2e_table, perf_ratios, stage_table


def _loads(load):
    return "n/a" if not load else "/".join(f"{x:.2f}" for x in load)


def environment_markdown(env):
    v = env["versions"]
    commit = env.get("commit")
    if commit:
        commit = f"; commit {commit[:12]}{' (uncommitted changes)' if env.get('dirty') else ''}"
    lines = [
        f"- date: {env['date']}; command: `{command(env)}`" + (commit or ""),
        f"- machine: {env['cpu_model']}, {env['cpu_count']} cores "
        f"(affinity {env['cpu_affinity']}), torch threads {env['torch_threads']}",
        f"- load average before {_loads(env['load_before'])}, "
        f"after {_loads(env.get('load_after'))} (1/5/15 min)",
        f"- python {env['python']}, "
        + ", ".join(f"{k} {val}" for k, val in v.items() if val is not None),
        f"- seeds: {env['seeds']}; wall time {env.get('wall_seconds')} s",
    ]
    if load_mark(env):
        lines.append(f"- **{load_mark(env)}**")
    return "\n".join(lines)


def check_line(reference, c):
    """One line of a quality run's target check (also what quality.py prints)."""
    return (
        f"- GANSampler >= {reference} (mean) in {c['share_mean_ge']:.0%} of {c['cells']} cells "
        f"(goal {c['goal']:.0%}: {'met' if c['goal_met'] else 'NOT met'}); paired test "
        f"{c['wins']} wins / {c['ties']} ties / {c['losses']} losses; "
        f"{len(c['losses_over_5_points'])} cells lose more than 5 points"
    )


def _dataset_lines(d):
    info = d["info"]
    lines = [
        "",
        f"## {info['dataset']}",
        "",
        f"{info['note']}: {info['rows']} rows, class counts "
        f"{info['class_counts']}, {info['seconds']:.0f} s",
        "",
    ]
    if info.get("detection_auc"):
        auc = ", ".join(f"{k} {v:.2f}" for k, v in info["detection_auc"].items())
        against = info.get("detection_auc_against", "held-out real minority")
        lines += [f"Detection AUC (synthetic vs {against}): {auc}", ""]
    return lines + [to_markdown(summary_table(pd.DataFrame(**d["results"])))]


def quality(payload):
    args = payload["args"]
    lines = ["# Quality benchmark (downstream classifiers)", ""]
    lines += [environment_markdown(payload["environment"]), ""]
    if not args["defaults"]:
        lines += [
            f"**Not the samplers' defaults** (smoke run): GANSampler n_steps="
            f"{args['gan_steps']}, CTGAN epochs={args['ctgan_epochs']}.",
            "",
        ]
    lines += [
        f"CV: repeated stratified {args['folds']}-fold x {args['repeats']}; means over splits.",
        "",
        "## Mean over every table, classifier and split",
        "",
        to_markdown(overall_table(payload)),
        "",
        "## Target check",
        "",
    ]
    lines += [check_line(ref, c) for ref, c in payload["target_check"].items()]
    for d in payload["datasets"]:
        lines += _dataset_lines(d)
    return lines


def _variants_note(args):
    if not args.get("variant"):
        return ""
    names = "; ".join(f"`{n}`: {p or 'defaults'}" for n, p in args["variant"])
    return f"; variants: {names}; label noise: {args.get('label_noise', False)}"


def ablation(payload):
    results = pd.DataFrame(payload["results"])
    table = mean_scores(results, by=["table", "classifier", "metric"], columns="sampler")
    fit = results.groupby(["table", "sampler"])["fit_time_sampler"].mean().unstack()
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        realism = realism.pivot_table(index="table", columns="sampler", values="detection_auc")
    lines = [
        "# Ablation: trained generator vs the same screens on untrained candidates",
        "",
        environment_markdown(payload["environment"]),
        "",
        f"Folds: {payload['args']['folds']} x {payload['args']['repeats']}; "
        f"GANSampler parameters: {payload['args']['gan_params'] or 'defaults'}"
        + _variants_note(payload["args"])
        + ".",
        "",
        "## Share of cells where GANSampler is at least as good",
        "",
        to_markdown(pd.DataFrame(payload["targets"]), floatfmt="{:.3f}"),
        "",
    ]
    for metric in pd.unique(results["metric"]):
        part = table.xs(metric, level="metric").round(3)
        lines += [f"## {metric} (mean over folds)", "", to_markdown(part, index=True), ""]
    return lines + [
        "## Sampler fit seconds (mean per fold)",
        "",
        to_markdown(fit.round(2), index=True),
        "",
        "## Detection AUC against held-out real minority rows (0.5 = indistinguishable)",
        "",
        to_markdown(realism.round(3), index=True),
        "",
    ]


SCALING_COLUMNS = [
    "rows",
    "columns",
    "n_steps",
    "n_synthetic",
    "fit_resample_s",
    "frame_mb",
    "peak_above_baseline_mb",
    "peak_above_baseline_x_frame",
    "generate_over_train",
]


def speed(result):
    lines = ["# Speed benchmark (skgan vs CTGAN)", "", environment_markdown(result["environment"])]
    if result.get("perf"):
        lines += ["", "## Same work, both libraries", "", result["perf_note"], ""]
        lines += [to_markdown(perf_ratios(result["perf"]))]
    if result.get("e2e"):
        lines += ["", "## End to end (defaults)", "", result["e2e_note"], ""]
        lines += [to_markdown(e2e_table(result["e2e"]))]
    if result.get("scaling"):
        sc = pd.DataFrame(result["scaling"])
        lines += ["", "## Scaling of GANSampler.fit_resample", ""]
        lines += [to_markdown(sc[[c for c in SCALING_COLUMNS if c in sc]])]
        lines += ["", f"log-log slope: {result.get('scaling_slope')}"]
        stages = stage_table(result["scaling"])
        if len(stages):
            lines += ["", "### Time and resident memory per stage (above the baseline)", ""]
            lines += [to_markdown(stages)]
    return lines


def dp(payload):
    args = payload["args"]
    real = pd.DataFrame(payload["realism"])
    return [
        "# Differential privacy: quality cost per epsilon",
        "",
        environment_markdown(payload["environment"]),
        "",
        f"{args['folds']}-fold x {args['repeats']} stratified CV, seed {args['seed']}; "
        "downstream scores are means over folds and the LR / RF / HGB classifiers.",
        "",
        to_markdown(pd.DataFrame(payload["downstream"])),
        "",
        f"Synthetic minority vs real (50/50 split; detection AUC against "
        f"{args.get('detection_against', 'the real training minority')}, "
        "floor_auc: the same detector on two halves of it):",
        "",
        to_markdown(real.drop(columns=["epsilon"], errors="ignore")),
    ]


PRIVACY_NOTE = (
    "Fitted on a stratified half of each table; metrics compare the synthetic "
    "minority rows with the real training minority (train) and the other half's "
    "minority (holdout). exact_copy_rate: share of synthetic rows equal to a training "
    "row. dcr_median_ratio: median distance to the closest training row, synthetic "
    "over holdout (below 1: closer to the training rows than new real rows are). "
    "membership_inference_auc: 0.5 = an attacker cannot tell training rows from "
    "holdout rows by their distance to the synthetic rows. detection_auc: 0.5 = a "
    "classifier cannot tell synthetic from held-out real rows; floor_auc: the same "
    "classifier on two halves of the held-out rows."
)


def privacy(payload):
    return [
        "# Privacy and realism of synthetic minority rows",
        "",
        environment_markdown(payload["environment"]),
        "",
        PRIVACY_NOTE,
        "",
        to_markdown(pd.DataFrame(payload["rows"])),
    ]


def oversampling(payload):
    table = pd.DataFrame(payload["table"])
    keys = ["sampler", "sampling_strategy", "threshold"]
    metrics = [c for c in table.columns if c not in ("dataset", *keys)]
    overall = table.groupby(keys, sort=False)[metrics].mean().reset_index()
    return [
        "# How much to over-sample",
        "",
        environment_markdown(payload["environment"]),
        f"- HGB, stratified {payload['args']['folds']}-fold CV; threshold tuned for F1 by an "
        "inner 3-fold CV",
        "",
        "## Mean over tables",
        "",
        to_markdown(overall),
        "",
        "## Per table",
        "",
        to_markdown(table),
    ]


def gpu(result):
    table = pd.DataFrame(result["records"]).pivot_table(
        index=["rows", "batch"], columns="device", values="seconds"
    )
    table["speed-up"] = (table["cpu"] / table["cuda"]).round(1)
    steps = sorted({r["steps"] for r in result["records"]})
    header = (
        f"GPU: {result['gpu']}; CPU: {result['cpu_cores']} cores, {result['torch_threads']} "
        f"torch threads; torch {result['torch']}; skgan {result['skgan']}; "
        f"{', '.join(map(str, steps))} steps; seed {result['seed']}; {result['date']}."
    )
    return [header, "", to_markdown(table.reset_index(), floatfmt="{:g}")]


def variants(payload):
    """A run of the former ``variants.py`` (historical records under results/variants/)."""
    table = pd.DataFrame(payload["table"])
    overall = table.groupby("sampler", sort=False)[[*METRICS, "fit s"]].mean().round(3)
    names = "; ".join(f"`{n}`: {p or 'defaults'}" for n, p in payload["args"]["variant"])
    return [
        "# GANSampler variants",
        "",
        environment_markdown(payload["environment"]),
        f"- variants: {names}; label noise: {payload['args'].get('label_noise', False)}",
        "",
        "## Mean over datasets and classifiers",
        "",
        to_markdown(overall.reset_index()),
        "",
        "## Per dataset and classifier",
        "",
        to_markdown(table),
    ]


def cost_per_fold(payload):
    records = pd.DataFrame(payload["records"])
    table = records.groupby("table", sort=False).agg(
        rows=("rows", "first"),
        seconds=("seconds", lambda s: ", ".join(f"{v:.1f}" for v in s)),
        mean=("seconds", "mean"),
    )
    return [
        "# Default fit_resample on one training fold, fresh process, one thread",
        "",
        environment_markdown(payload["environment"]),
        "",
        "`GANSampler(random_state=0).fit_resample` on the first of 5 stratified folds of each "
        "table, every fit in its own fresh Python process (the first-use costs of torch "
        "count), torch and BLAS at one thread.",
        "",
        to_markdown(table.reset_index(), floatfmt="{:.2f}"),
    ]


# NAME.json -> its Markdown lines; quality.py --name (e.g. quality_noise) keeps quality's layout
RENDERERS = {
    "quality": quality,
    "ablation": ablation,
    "speed": speed,
    "dp": dp,
    "privacy": privacy,
    "oversampling": oversampling,
    "gpu": gpu,
    "cost_per_fold": cost_per_fold,
}


def renderer(name, payload):
    """The Markdown renderer of the record ``name`` (by name, else by the record's shape)."""
    if name in RENDERERS:
        return RENDERERS[name]
    if "target_check" in payload:
        return quality
    if "targets" in payload:
        return ablation
    if "variant" in payload.get("args", {}):
        return variants
    return None


def _index_row(path, results, payload):
    env = payload.get("environment")
    if env is None:  # gpu.json keeps a short record of its own
        return {
            "record": path.relative_to(results).as_posix(),
            "skgan": payload.get("skgan"),
            "date": payload.get("date"),
            "command": "`benchmarks/gpu.py`",
            "wall s": None,
            "load": "",
        }
    return {
        "record": path.relative_to(results).as_posix(),
        "skgan": (env.get("versions") or {}).get("skgan"),
        "date": env["date"][:10],
        "command": f"`{command(env)}`",
        # one early record holds a negative wall time (a clock bug of that run): not shown
        "wall s": wall if (wall := env.get("wall_seconds")) is not None and wall >= 0 else None,
        "load": load_mark(env) or "",
    }


def index(results, payloads):
    """``index.md``: every record of the folder, with its release, date and command."""
    rows = [_index_row(path, results, payload) for path, payload in payloads]
    return [
        "# Benchmark records",
        "",
        "Every JSON record in this folder (rendered by `python docs/render`, which also "
        "writes the `NAME.md` beside each): the skgan release it measured, when, and the "
        "command that reruns it. Records of an older release than the current one are "
        "historical; their pages say so.",
        "",
        to_markdown(pd.DataFrame(rows), floatfmt="{:.0f}"),
    ]


def write_all(results):
    """Write NAME.md beside every NAME.json in ``results`` (and its subfolders), and index.md."""
    import json

    written, payloads = [], []
    for path in sorted(results.glob("**/*.json")):
        payload = json.loads(path.read_text())
        payloads.append((path, payload))
        render = renderer(path.stem, payload) if path.stem != "quality_0.1.0" else None
        if render is not None:
            path.with_suffix(".md").write_text("\n".join(render(payload)).rstrip("\n") + "\n")
            written.append(path.with_suffix(".md"))
    if payloads:
        (results / "index.md").write_text("\n".join(index(results, payloads)) + "\n")
        written.append(results / "index.md")
    return written
