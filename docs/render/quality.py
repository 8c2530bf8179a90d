"""The quality page (``docs/benchmarks/quality.rst``): quality.json and the runs beside it.

Beside the main run: label noise (quality_noise.json), how much to
over-sample (oversampling.json) and every variant tried (variants/*.json).
"""

import pandas as pd

from skgan.experiments import mean_scores

from ._records import detection_against, overall_table, read, skgan_version, summary_table
from ._rst import fmt, heading, image, list_table, record_header, version_note

PROTOCOL = (
    "every training fold is resampled once per sampler, test folds never. Classifiers: LR "
    "(imputed, signed log1p, scaled, one-hot), RF (200 trees) and HGB (native "
    "categoricals). ``class_weight`` = the classifiers with ``class_weight='balanced'``; "
    "``tuned_threshold`` = ``TunedThresholdClassifierCV`` (F1, 3-fold) around them; both "
    "train on the fold as it is. SMOTE(NC) is SMOTENC on tables with categorical columns, "
    "after median / mode imputation; ADASYN and BorderlineSMOTE run on the imputed table "
    "with one-hot categoricals and decode each group to its largest entry. CTGAN = one "
    "CTGAN per minority class, defaults, numeric NaN median-filled.\n"
)
COMPARISON_COLUMNS = ["reference", "dataset", "classifier", "metric", "mean_difference"]


def target_lines(quality):
    out = [heading("Target check", "-")]
    for ref, c in quality["target_check"].items():
        goal = "met" if c["goal_met"] else "**not met**"
        out.append(
            f"- GANSampler scores at least as well as {ref} on average in "
            f"{c['share_mean_ge']:.0%} of {c['cells']} dataset x classifier x metric cells "
            f"(goal {c['goal']:.0%}: {goal}). Corrected paired t-test: {c['wins']} wins, "
            f"{c['ties']} ties, {c['losses']} losses. Cells losing more than 5 points: "
            f"{len(c['losses_over_5_points'])}."
        )
    return [*out, ""]


def comparison_lines(quality):
    comp = pd.DataFrame(quality["comparisons"])
    if comp.empty:
        return []
    table = comp[[*COMPARISON_COLUMNS, "p_value", "result"]]
    return [
        heading("Every paired comparison", "-"),
        "Mean difference = GANSampler minus the reference (positive = GANSampler better); "
        "wins and losses need p < 0.05 in the Nadeau-Bengio corrected resampled t-test.\n",
        list_table(table.rename(columns={"mean_difference": "mean diff", "p_value": "p"})),
    ]


def dataset_lines(d):
    info = d["info"]
    results = pd.DataFrame(**d["results"])
    out = [
        heading(info["dataset"], "~"),
        f"{info['note']}: {info['rows']} rows, {info['columns']} features, class counts "
        f"{info['class_counts']}, missing values: {info['has_missing']}.\n",
        list_table(summary_table(results), "Means over splits; fit s = sampler + classifier"),
    ]
    if info.get("detection_auc"):
        auc = ", ".join(f"{k} {fmt(v)}" for k, v in info["detection_auc"].items())
        against = info.get("detection_auc_against", "held-out real minority rows")
        out.append(f"Detection AUC (synthetic vs {against}): {auc}.\n")
    failed = results.dropna(subset=["error"])
    if len(failed):
        first = failed.drop_duplicates("sampler")[["sampler", "error"]]
        errors = "; ".join(
            f"{s}: ``{e.splitlines()[-1][:120]}``" for s, e in first.itertuples(False)
        )
        out.append(f"Failures (their scores are missing): {errors}\n")
    return out


def page(quality, figures, results=None):
    env, args = quality["environment"], quality["args"]
    out = [heading("Quality: downstream classifiers", "="), *record_header(env)]
    if not args.get("defaults", True):
        out.insert(
            -1,
            ".. warning::\n\n   Smoke run: the GAN samplers did not use their defaults "
            f"(GANSampler n_steps={args['gan_steps']}, CTGAN epochs={args['ctgan_epochs']}). "
            "These scores test the scripts and say little about the samplers.\n",
        )
    out.append(
        f"Repeated stratified {args['folds']}-fold CV x {args['repeats']} repeat(s); " + PROTOCOL
    )
    if args.get("skipped"):
        out.append(f"Datasets not available on this machine (skipped): {args['skipped']}.\n")
    out += [overall_section(quality, "Mean over everything"), *target_lines(quality)]
    out += comparison_lines(quality)
    out += [image(fig) for fig in figures]
    out.append(heading("Scores per dataset", "-"))
    for d in quality["datasets"]:
        out += dataset_lines(d)
    text = "\n".join(out)
    return text + extra_sections(results) if results is not None else text


def overall_section(quality, title, level="-"):
    table = overall_table(quality)
    reused = sorted({s for d in quality["datasets"] for s in d["info"].get("reused_samplers", [])})
    note = (
        "Means over every table, classifier and split. ``failed splits``: splits where the "
        "sampler raised (no score there), ``tables complete``: tables with no failed split. "
        f"``detection AUC``: mean over tables of the realism check (synthetic vs "
        f"{detection_against(quality)}; 0.5 = indistinguishable).\n"
    )
    if reused:
        diffs = [d["info"].get("reuse_max_difference") for d in quality["datasets"]]
        worst = max((d for d in diffs if d is not None), default=float("nan"))
        note += (
            f"\nRows of {', '.join(reused)} come from the earlier run "
            f"``{quality['args']['reuse']}`` (same splits, seeds and classifiers; their code did "
            "not change). The samplers both runs fitted differ by at most "
            f"{fmt(worst)} in any split's score.\n"
        )
    return heading(title, level) + "\n" + note + "\n" + list_table(table)


def noise_section(noisy):
    return (
        "\n"
        + overall_section(
            noisy, "Inaccurate labels: 20 % of minority and 1 % of majority labels flipped"
        )
        + "\nIn every training fold, before resampling; test folds keep their true labels "
        "(``benchmarks/quality.py --label-noise``). Compare with the clean table above.\n"
    )


def oversampling_section(data):
    table = pd.DataFrame(data["table"])
    keys = ["sampler", "sampling_strategy", "threshold"]
    metrics = [c for c in table.columns if c not in ("dataset", *keys)]
    overall = table.groupby(keys, sort=False)[metrics].mean().reset_index()
    note = version_note(data["environment"], "These numbers")
    return (
        "\n"
        + heading("How much to over-sample", "-")
        + "\n"
        + (note + "\n" if note else "")
        + "``benchmarks/oversampling.py``: HGB in an imbalanced-learn pipeline, "
        f"{data['args']['folds']}-fold CV on {data['args']['datasets']}; "
        "``sampling_strategy`` is the minority / majority ratio after resampling "
        '(imbalanced-learn\'s ``"auto"`` = 1.0); ``tuned`` = the whole pipeline inside '
        "``TunedThresholdClassifierCV`` (F1, inner 3-fold CV).\n\n"
        + list_table(overall, "Means over tables")
    )


def variant_means(run):
    """Each sampler's means over the tables and classifiers of a variants run."""
    if "table" in run:  # the former variants.py: means per table and classifier
        table = pd.DataFrame(run["table"])
        metrics = [c for c in table.columns if c not in ("dataset", "classifier", "sampler")]
        return table.groupby("sampler", sort=False)[metrics].mean().reset_index()
    # ablation.py --variant: every split's score
    results = pd.DataFrame(run["results"])
    return mean_scores(results, fit_time="fit_time_sampler").reset_index()


def variant_lines(name, run):
    args, env = run["args"], run["environment"]
    variants = "; ".join(f"``{n}``: {p or 'defaults'}" for n, p in args["variant"])
    return [
        heading(name, "~"),
        f"{env['date'][:10]}, skgan {skgan_version(env)}; tables "
        f"{args.get('datasets') or args.get('tables')}; {args['folds']}-fold x "
        f"{args['repeats']}; label noise: {args.get('label_noise', False)}; variants: "
        f"{variants}.\n",
        list_table(variant_means(run), "Means over tables and classifiers; fit s = sampler"),
    ]


def variants_section(runs):
    out = [
        heading("Variants tried", "-"),
        "Every variant tried while choosing the defaults, losses included (means over the "
        "tables and classifiers of each run). Each run measured the skgan version it names, "
        "with the parameters of that version: runs of an older release are **historical** "
        "and not rerun. ``benchmarks/ablation.py --variant NAME:PARAMS --out "
        "benchmarks/results/variants --name RUN`` adds a run here: a ``GANSampler`` with "
        "the parameters shown, next to the baselines chosen with ``--methods``.\n",
    ]
    for name, run in runs:
        out += variant_lines(name, run)
    return "\n".join(out)


def extra_sections(results):
    """Label noise, how much to over-sample, and every variant tried."""
    text = ""
    noisy = read(results, "quality_noise")
    if noisy:
        text += noise_section(noisy)
    over = read(results, "oversampling")
    if over:
        text += oversampling_section(over)
    runs = [(p.stem, read(p.parent, p.stem)) for p in sorted(results.glob("variants/*.json"))]
    runs = [(n, r) for n, r in runs if r["args"].get("variant")]
    if runs:
        text += "\n" + variants_section(runs)
    return text
