"""Turn benchmarks/results/{speed,quality,dp}.json into docs/benchmarks/*.rst (+ figures).

Writes ``docs/benchmarks/index.rst`` (a toctree), ``performance.rst``,
``quality.rst`` and ``differential_privacy.rst``, and copies the PNG figures
beside them. Losses are reported in the same tables and with the same weight
as wins. Runs in the dev environment (no ctgan needed)::

    .venv/bin/python benchmarks/make_docs.py [--results DIR] [--docs docs/benchmarks]
"""

import argparse
import json
import math
import shutil
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C
from _peers import CTGAN_NAME, EARLY_STOP_NAME
from _speed_tables import e2e_table, perf_ratios, stage_table

from skgan.experiments import POOLED_SMOTE

ROOT = C.ROOT
SMOTE_NAME, GAN_NAME = POOLED_SMOTE, "GANSampler"


def fmt(value, digits=3):
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}" if abs(value) >= 1 else f"{value:.{digits}f}"
    return str(value)


def list_table(frame, title=None, digits=3):
    lines = [f".. list-table:: {title}" if title else ".. list-table::", "   :header-rows: 1", ""]
    for i, row in enumerate([list(frame.columns), *frame.itertuples(index=False)]):
        cells = [fmt(v, digits) if i else str(v) for v in row]
        lines.append("   * - " + (cells[0] or " "))
        lines += ["     - " + (c or " ") for c in cells[1:]]
    return "\n".join(lines) + "\n"


def heading(text, char):
    return f"{text}\n{char * len(text)}\n"


def environment_block(env):
    v = env["versions"]
    load = lambda x: "n/a" if not x else " / ".join(f"{a:.2f}" for a in x)  # noqa: E731
    commit = env.get("commit") or ""
    commit = f"; commit ``{commit[:12]}``" + (" (uncommitted changes)" if env.get("dirty") else "")
    return (
        "\n".join(
            [
                f"- Date: {env['date']}; command ``{' '.join(C.portable_argv(env['argv']))}``"
                + (commit if env.get("commit") else ""),
                f"- Machine: {env['cpu_model']}, {env['cpu_count']} cores, torch threads "
                f"{env['torch_threads']}",
                f"- Load average (1 / 5 / 15 min): {load(env['load_before'])} before, "
                f"{load(env.get('load_after'))} after. A load above the core count means other "
                "processes shared the CPU and the timings are inflated.",
                f"- Python {env['python']}; "
                + ", ".join(f"{k} {val}" for k, val in v.items() if val is not None),
                f"- Seeds: {env['seeds']}; wall time {env.get('wall_seconds')} s",
            ]
        )
        + "\n"
    )


def busy_warning(env):
    mark = C.load_mark(env)
    if mark:
        return (
            f".. warning::\n\n   **{mark[0].upper() + mark[1:]}.** Other processes shared the "
            "CPU (1-min load average above the core count, before or after the run, here or "
            "in the run whose scores it reuses); the README quotes no timing of this record.\n"
        )
    load = max(env["load_before"][0], (env.get("load_after") or [0])[0])
    cores = env.get("cpu_affinity") or env["cpu_count"]
    if load > 0.5 * cores:
        return (
            ".. warning::\n\n   These numbers were measured while the machine was busy "
            f"(load average up to {load:.1f} on {cores} usable cores). Read them as a "
            "test of the scripts, not as the library's speed.\n"
        )
    return ""


# ------------------------------------------------------------------ performance
def separate_run(speed, section):
    """The environment of a section that ``speed.py --keep`` took from another run."""
    env = speed.get(f"{section}_environment")
    if not env:
        return []
    return ["Measured in a separate run:\n", busy_warning(env), environment_block(env)]


def performance_page(speed, figures):
    env = speed["environment"]
    out = [heading("Performance: skgan and CTGAN", "="), busy_warning(env), environment_block(env)]
    if speed.get("perf"):
        ratios = perf_ratios(speed["perf"])
        out += [heading("Same work, both libraries", "-"), speed["perf_note"] + "\n"]
        cols = ["rows", "steps", "encoder s (skgan)", "encoder s (CTGAN)", "encoder ratio"]
        out.append(list_table(ratios[cols], "Encoder fit + transform"))
        cols = [
            "rows",
            "train rows/s (skgan)",
            "train rows/s (CTGAN)",
            "train ratio",
            "sample rows/s (skgan)",
            "sample rows/s (CTGAN)",
            "sample ratio",
        ]
        out.append(list_table(ratios[cols], "Training and sampling throughput"))
        cols = [
            "rows",
            "peak MB (skgan)",
            "peak MB (CTGAN)",
            "peak ratio",
            "worker peak MB (CTGAN)",
        ]
        out.append(list_table(ratios[[c for c in cols if c in ratios]], "Peak resident memory"))
        out.append(
            "Encoder and memory ratios: below 1 favours skgan. Throughput ratios: above 1 "
            "favours skgan.\n"
        )
    if speed.get("e2e"):
        out += [heading("End to end, defaults", "-"), *separate_run(speed, "e2e")]
        out.append(speed["e2e_note"] + "\n")
        table = e2e_table(speed["e2e"])
        out.append(list_table(table, "One split, one seed"))
        out.append(
            "One split and one seed: differences of a few points in F1 or PR-AUC are "
            "within noise here; the quality page has the cross-validated comparison.\n"
        )
    if speed.get("scaling"):
        sc = pd.DataFrame(speed["scaling"])
        out += [
            heading("Scaling of GANSampler.fit_resample", "-"),
            *separate_run(speed, "scaling"),
        ]
        args = speed.get("scaling_args", speed["args"])
        steps = args.get("scale_steps")
        out.append(
            "A synthetic social-media-like table (counts, rates, flags, categoricals with up to "
            "200 levels, missing values; 10 % minority), balanced by generating ~80 % of the "
            "table size in synthetic rows; "
            + (f"{steps} training steps." if steps else "default settings (``n_steps='auto'``).")
            + " Peak memory is measured above the process's resident memory after the table "
            "was built (``peak above baseline``).\n"
        )
        columns = ["rows", "columns", "n_steps", "n_synthetic", "fit_resample_s", "frame_mb"]
        columns += ["peak_rss_mb", "peak_above_baseline_mb", "peak_above_baseline_x_frame"]
        table = sc[[c for c in columns if c in sc]].rename(
            columns={
                "fit_resample_s": "seconds",
                "frame_mb": "frame MB",
                "peak_rss_mb": "peak MB",
                "peak_above_baseline_mb": "peak above baseline MB",
                "peak_above_baseline_x_frame": "x frame",
            }
        )
        out.append(list_table(table, "Sizes run"))
        stages = speed_stages(speed["scaling"])
        if len(stages):
            out.append(
                "Per stage: ``validate`` (input checks), ``encode`` (encoder, marginals, "
                "conditions, networks), ``train``, ``check`` (diversity check, screens fitted), "
                "``generate`` (candidates drawn, screened, decoded and written into the "
                "output), ``assemble`` (the returned containers; runs from 0.3 report "
                "``validate`` and ``assemble`` together as ``other``, fit_resample's time "
                "outside ``GANSampler.timings_``). Resident memory is sampled "
                "every 50 ms above the baseline: the stage's peak, and where it ended.\n"
            )
            out.append(list_table(stages, "Time and memory per stage"))
        slope = speed.get("scaling_slope") or {}
        if slope:
            out.append(
                f"Log-log slope over the sizes run: time {slope['time']:.2f}, peak "
                f"memory {slope['peak_rss']:.2f} (1.0 = linear).\n"
            )
        sizes = args.get("scale_sizes")
        out.append(f"Sizes run: {sizes}.\n")
    for fig in figures:
        out.append(f".. image:: {fig}\n   :width: 100%\n")
    return "\n".join(out)


def speed_stages(records):
    """The scaling records' per-stage seconds and resident memory, one row per stage."""
    table = stage_table(records)
    if len(table):
        table = table.round({"seconds": 1, "peak MB": 0, "peak x frame": 2, "end MB": 0})
    return table


# ------------------------------------------------------------------ quality
def quality_page(quality, figures):
    env, args = quality["environment"], quality["args"]
    out = [heading("Quality: downstream classifiers", "="), busy_warning(env)]
    if not args.get("defaults", True):
        out.append(
            ".. warning::\n\n   Smoke run: the GAN samplers did not use their defaults "
            f"(GANSampler n_steps={args['gan_steps']}, CTGAN epochs={args['ctgan_epochs']}). "
            "These scores test the scripts and say little about the samplers.\n"
        )
    out.append(environment_block(env))
    out.append(
        f"Repeated stratified {args['folds']}-fold CV x {args['repeats']} repeat(s); every "
        "training fold is resampled once per sampler, test folds never. Classifiers: LR "
        "(imputed, signed log1p, scaled, one-hot), RF (200 trees) and HGB (native "
        "categoricals). ``class_weight`` = the classifiers with ``class_weight='balanced'``; "
        "``tuned_threshold`` = ``TunedThresholdClassifierCV`` (F1, 3-fold) around them; both "
        "train on the fold as it is. SMOTE(NC) is SMOTENC on tables with categorical columns, "
        "after median / mode imputation; ADASYN and BorderlineSMOTE run on the imputed table "
        "with one-hot categoricals and decode each group to its largest entry. CTGAN = one "
        "CTGAN per minority class, defaults, numeric NaN median-filled.\n"
    )
    if args.get("skipped"):
        out.append(f"Datasets not available on this machine (skipped): {args['skipped']}.\n")
    out.append(overall_section(quality, "Mean over everything"))
    out.append(heading("Target check", "-"))
    comp = pd.DataFrame(quality["comparisons"])
    for ref, c in quality["target_check"].items():
        goal = "met" if c["goal_met"] else "**not met**"
        out.append(
            f"- GANSampler scores at least as well as {ref} on average in "
            f"{c['share_mean_ge']:.0%} of {c['cells']} dataset x classifier x metric cells "
            f"(goal {c['goal']:.0%}: {goal}). Corrected paired t-test: {c['wins']} wins, "
            f"{c['ties']} ties, {c['losses']} losses. Cells losing more than 5 points: "
            f"{len(c['losses_over_5_points'])}."
        )
    out.append("")
    if not comp.empty:
        out.append(heading("Every paired comparison", "-"))
        out.append(
            "Mean difference = GANSampler minus the reference (positive = GANSampler better); "
            "wins and losses need p < 0.05 in the Nadeau-Bengio corrected resampled t-test.\n"
        )
        table = comp[
            [
                "reference",
                "dataset",
                "classifier",
                "metric",
                "mean_difference",
                "p_value",
                "result",
            ]
        ].rename(columns={"mean_difference": "mean diff", "p_value": "p"})
        out.append(list_table(table))
    for fig in figures:
        out.append(f".. image:: {fig}\n   :width: 100%\n")
    out.append(heading("Scores per dataset", "-"))
    for d in quality["datasets"]:
        info = d["info"]
        results = pd.DataFrame(**d["results"])
        out.append(heading(info["dataset"], "~"))
        out.append(
            f"{info['note']}: {info['rows']} rows, {info['columns']} features, class counts "
            f"{info['class_counts']}, missing values: {info['has_missing']}.\n"
        )
        out.append(
            list_table(C.summary_table(results), "Means over splits; fit s = sampler + classifier")
        )
        if info.get("detection_auc"):
            auc = ", ".join(f"{k} {fmt(v)}" for k, v in info["detection_auc"].items())
            against = info.get("detection_auc_against", "held-out real minority rows")
            out.append(f"Detection AUC (synthetic vs {against}): {auc}.\n")
        failed = results.dropna(subset=["error"])
        if len(failed):
            first = failed.drop_duplicates("sampler")[["sampler", "error"]]
            out.append(
                "Failures (their scores are missing): "
                + "; ".join(
                    f"{s}: ``{e.splitlines()[-1][:120]}``" for s, e in first.itertuples(False)
                )
                + "\n"
            )
    return "\n".join(out)


def variants_section(runs):
    out = [
        heading("Variants tried", "-"),
        "Every variant tried while choosing the defaults, losses included "
        "(``benchmarks/variants.py``; each is a ``GANSampler`` with the parameters shown, "
        "next to baselines; means over the tables and classifiers of that run).\n",
    ]
    for name, run in runs:
        args, env = run["args"], run["environment"]
        if "variant" not in args:  # a quality.py run: one more sampler on every table
            out.append(overall_section(run, name, level="~"))
            continue
        variants = "; ".join(f"``{n}``: {p or 'defaults'}" for n, p in args["variant"])
        table = pd.DataFrame(run["table"])
        metrics = [c for c in table.columns if c not in ("dataset", "classifier", "sampler")]
        overall = table.groupby("sampler", sort=False)[metrics].mean().reset_index()
        out += [
            heading(name, "~"),
            f"{env['date'][:10]}; tables {args['datasets']}; {args['folds']}-fold x "
            f"{args['repeats']}; label noise: {args.get('label_noise', False)}; "
            f"variants: {variants}.\n",
            list_table(overall, "Means over tables and classifiers; fit s = sampler"),
        ]
    return "\n".join(out)


def overall_section(quality, title, level="-"):
    table = C.overall_table(quality)
    reused = sorted({s for d in quality["datasets"] for s in d["info"].get("reused_samplers", [])})
    info = quality["datasets"][0]["info"] if quality["datasets"] else {}
    against = info.get("detection_auc_against", "held-out real minority rows")
    note = (
        "Means over every table, classifier and split. ``failed splits``: splits where the "
        "sampler raised (no score there), ``tables complete``: tables with no failed split. "
        f"``detection AUC``: mean over tables of the realism check (synthetic vs {against}; "
        "0.5 = indistinguishable).\n"
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


def extra_quality_sections(results):
    """Label noise, how much to over-sample, and every variant tried."""
    text = ""
    noise = results / "quality_noise.json"
    if noise.exists():
        noisy = json.loads(noise.read_text())
        text += "\n" + overall_section(
            noisy, "Inaccurate labels: 20 % of minority and 1 % of majority labels flipped"
        )
        text += (
            "\nIn every training fold, before resampling; test folds keep their true labels "
            "(``benchmarks/quality.py --label-noise``). Compare with the clean table above.\n"
        )
    over = results / "oversampling.json"
    if over.exists():
        data = json.loads(over.read_text())
        table = pd.DataFrame(data["table"])
        metrics = [
            c
            for c in table.columns
            if c not in ("dataset", "sampler", "sampling_strategy", "threshold")
        ]
        overall = (
            table.groupby(["sampler", "sampling_strategy", "threshold"], sort=False)[metrics]
            .mean()
            .reset_index()
        )
        text += (
            "\n"
            + heading("How much to over-sample", "-")
            + "\n"
            + (
                "``benchmarks/oversampling.py``: HGB in an imbalanced-learn pipeline, "
                f"{data['args']['folds']}-fold CV on {data['args']['datasets']}; "
                "``sampling_strategy`` is the minority / majority ratio after resampling "
                '(imbalanced-learn\'s ``"auto"`` = 1.0); ``tuned`` = the whole pipeline inside '
                "``TunedThresholdClassifierCV`` (F1, inner 3-fold CV).\n\n"
            )
            + list_table(overall, "Means over tables")
        )
    variants = sorted(results.glob("variants/*.json"))
    if variants:
        runs = [(v.stem, json.loads(v.read_text())) for v in variants]
        runs = [(n, r) for n, r in runs if "variant" in r["args"]]
        if runs:
            text += "\n" + variants_section(runs)
    return text


def readme_table(quality, readme=ROOT / "README.md"):
    """Write the overall quality table into README.md between its markers."""
    start, end = "<!-- quality-table:start -->", "<!-- quality-table:end -->"
    text = readme.read_text()
    if start not in text:
        return
    table = C.overall_table(quality)
    if C.load_over_cores(quality["environment"]):
        table = table.drop(columns="fit s")  # the README quotes no timing of a busy run
    table = table.rename(
        columns={
            "f1": "minority F1",
            "average_precision": "PR-AUC",
            "geometric_mean": "G-mean",
            "balanced_accuracy": "balanced acc.",
        }
    )
    from skgan.experiments import to_markdown

    block = f"{start}\n{to_markdown(table)}\n{end}"
    head, rest = text.split(start, 1)
    readme.write_text(head + block + rest.split(end, 1)[1])


# ------------------------------------------------------------ privacy (DP)
def dp_page(dp, figures):
    env, args = dp["environment"], dp["args"]
    # runs before held_out_realism measured detection against the training minority
    against = args.get("detection_against", "the real training minority")
    out = [heading("Differential privacy: quality cost per epsilon", "="), busy_warning(env)]
    out.append(environment_block(env))
    out.append(
        f"``benchmarks/dp.py``: repeated stratified {args['folds']}-fold CV x "
        f"{args['repeats']}, classifiers LR / RF / HGB (scores below are means over folds "
        "and classifiers), samplers: no resampling, SMOTE(NC), GANSampler without "
        "differential privacy and ``GANSampler(epsilon=e)``, every other parameter at its "
        "default. Realism and privacy: one stratified 50/50 split; the synthetic minority "
        f"is compared with {against} (detection AUC: 0.5 = indistinguishable), with the "
        "real training minority (column score: 1 = identical marginals) and with the "
        "holdout minority (DCR ratio, membership-inference AUC).\n"
    )
    for fig in figures:
        out.append(f".. image:: {fig}\n   :width: 100%\n")
    out.append(heading("Downstream scores", "-"))
    out.append(list_table(pd.DataFrame(dp["downstream"])))
    out.append(heading("Realism and privacy of the synthetic minority", "-"))
    real = pd.DataFrame(dp["realism"])
    keep = [
        "dataset",
        "sampler",
        "epsilon_spent",
        "noise_multiplier",
        "fit_s",
        "detection_auc",
        "column_score_mean",
        "dcr_median_ratio",
        "membership_inference_auc",
    ]
    out.append(list_table(real[[k for k in keep if k in real]]))
    return "\n".join(out)


ABLATION_GAN, ABLATION_SCREENED = "GANSampler", ("marginals + screen", "SMOTE + screen")


def _ablation_cells(payload):
    results = pd.DataFrame(payload["results"])
    ok = results[results["error"].isna()]
    return ok.pivot_table(
        index=["table", "classifier", "metric"], columns="sampler", values="value"
    )


# Tables of a docs page stay narrow enough for a laptop-width page (1,280 px): at most
# this many columns, the first included, and fewer where the headings are table names.
MAX_COLUMNS = 8
TABLES_PER_ROW = 4


def chunked(frame, first, per_table=TABLES_PER_ROW):
    """``frame`` (first column ``first``) in pieces of at most ``per_table`` more columns."""
    rest = [c for c in frame.columns if c != first]
    return [frame[[first, *rest[i : i + per_table]]] for i in range(0, len(rest), per_table)]


def _order(values):
    return list(dict.fromkeys(values))


def ablation_figures(payload, docs):
    """The dot plots of the ablation page, written into ``docs``: {section: file name}.

    One figure per measure (minority F1, PR-AUC, detection AUC with its
    real-vs-real floor, sampler fit seconds): tables on the y axis, one
    marker per sampler (:func:`skgan.plotting.plot_dots`).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from skgan.plotting import plot_dots

    results = pd.DataFrame(payload["results"])
    tables, samplers = _order(results["table"]), _order(results["sampler"])
    ok = results[results["error"].isna()] if "error" in results else results
    figures = {}

    def save(key, values, **kwargs):
        fig = plot_dots(values, **kwargs)
        name = f"ablation_{key}.png"
        fig.savefig(Path(docs) / name, dpi=100)
        plt.close(fig)
        figures[key] = name

    classifiers = ", ".join(_order(ok["classifier"]))
    for metric, label in (("f1", "minority F1"), ("average_precision", "PR-AUC")):
        part = ok[ok["metric"] == metric]
        if len(part):
            values = part.pivot_table(index="table", columns="sampler", values="value")
            values = values.reindex(index=tables, columns=samplers)
            save(metric, values, xlabel=f"{label}, mean over {classifiers} and folds")
    fit = results.drop_duplicates(["table", "sampler", "repeat", "fold"])
    values = fit.pivot_table(index="table", columns="sampler", values="fit_time_sampler")
    values = values.reindex(index=tables, columns=samplers)
    values = values.where(values > 0)
    values.loc[:, [s for s in values if s == "none"]] = float("nan")  # nothing to fit
    if values.notna().any().any():
        save("fit", values, xlabel="sampler fit seconds per fold (log scale)", log=True)
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        values = realism.pivot_table(index="table", columns="sampler", values="detection_auc")
        columns = samplers + [s for s in values if s not in samplers]
        values = values.reindex(index=_order(realism["table"]), columns=columns)
        floor = realism.groupby("table")["floor_auc"].first() if "floor_auc" in realism else None
        save(
            "detection",
            values,
            floor=floor,
            floor_label="real vs real (floor)",
            reference=0.5,
            xlabel="detection AUC against held-out real minority rows (0.5 = indistinguishable)",
        )
    return figures


def _figure(figures, key):
    return [f".. image:: {figures[key]}\n   :width: 100%\n"] if key in figures else []


def ablation_page(payload, figures):
    """The ablation page: GANSampler against the same screens on untrained candidates.

    ``figures``: the dot plots of :func:`ablation_figures` ({section: file});
    every table has samplers as rows and at most :data:`MAX_COLUMNS` columns.
    """
    figures = figures if isinstance(figures, dict) else {}
    env, args = payload["environment"], payload["args"]
    out = [heading("Ablation: what each part of GANSampler adds", "="), busy_warning(env)]
    out += [environment_block(env)]
    out.append(
        "Every method over-samples the same training folds (repeated stratified "
        f"{args['folds']}-fold × {args['repeats']}, grouped where the table has groups); "
        "``marginals + screen`` and ``SMOTE + screen`` are "
        ":class:`~skgan.experiments.ScreenedSampler`: GANSampler's own screens and "
        "generation loop on candidates that need no training (a product of per-class "
        "marginals; SMOTE within the class), discriminator stage included. "
        "``GANSampler unscreened`` is the default with ``n_neighbors=None``, "
        "``GANSampler (no rejection)`` without the discriminator stage, ``copula + screens`` "
        "the generator's untrained start (``n_steps=0``) through every stage, and "
        "``GANSampler 0.3 defaults`` a fixed budget with neither the held-out stop nor the "
        "discriminator stage. GANSampler parameters: "
        f"``{args['gan_params'] or 'defaults'}``.\n"
    )
    out.append(heading("Share of cells where GANSampler is at least as good", "-"))
    out.append(list_table(pd.DataFrame(payload["targets"])))
    results = pd.DataFrame(payload["results"])
    samplers = _order(results["sampler"])
    cells = _ablation_cells(payload)
    for metric, title in (("f1", "Minority F1"), ("average_precision", "PR-AUC")):
        out += [heading(title, "-"), *_figure(figures, metric)]
        out.append(
            "Means over folds, one table per classifier: samplers as rows, tables as columns.\n"
        )
        part = cells.xs(metric, level="metric")
        tables = [t for t in _order(results["table"]) if t in part.index.get_level_values(0)]
        for classifier in [c for c in _order(results["classifier"]) if c in part.index.levels[1]]:
            wide = part.xs(classifier, level="classifier").reindex(tables).T.reindex(samplers)
            wide = wide.rename_axis("sampler").reset_index()
            for i, piece in enumerate(chunked(wide, "sampler")):
                out.append(list_table(piece, classifier + (f" ({i + 1})" if i else "")))
    fit = results.drop_duplicates(["table", "sampler", "repeat", "fold"])
    fit = fit.pivot_table(index="sampler", columns="table", values="fit_time_sampler")
    fit = fit.reindex(index=samplers, columns=_order(results["table"]))
    fit = fit.rename_axis("sampler").reset_index()
    out += [heading("Sampler fit seconds per fold", "-"), *_figure(figures, "fit")]
    out += [list_table(piece) for piece in chunked(fit, "sampler")]
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        tables = _order(realism["table"])
        table = realism.pivot_table(index="sampler", columns="table", values="detection_auc")
        table = table.reindex(
            index=[s for s in samplers if s in table.index]
            + [s for s in table.index if s not in samplers],
            columns=tables,
        )
        floors = "floor_auc" in realism
        if floors:  # runs before held_out_realism had floors have none
            table.loc["real vs real (floor)"] = realism.groupby("table")["floor_auc"].first()
        table = table.rename_axis("sampler").reset_index()
        out += [
            heading("Detection AUC against held-out real minority rows", "-"),
            *_figure(figures, "detection"),
            "On each table *as it is* (without the 10 % cut, so that hundreds of real "
            "minority rows are held out), every sampler learns from one stratified half "
            "and is asked for as many synthetic minority rows as that half has real ones; "
            "they are told from the other half's real minority rows "
            "(:func:`skgan.metrics.detection_auc`; 0.5 = indistinguishable). "
            + (
                "``real vs real (floor)``: the same detector telling two random halves of the "
                "held-out real minority rows apart, what two real samples of that size score."
                if floors
                else "This run predates the real-vs-real floors."
            )
            + "\n",
            *[list_table(piece) for piece in chunked(table, "sampler")],
        ]
        if "worst_column_auc" in realism:
            worst = realism.assign(
                cell=[
                    f"{c} {a:.2f}" if isinstance(c, str) else "n/a"
                    for c, a in zip(realism["worst_column"], realism["worst_column_auc"])
                ]
            ).pivot(index="sampler", columns="table", values="cell")
            order = [s for s in table["sampler"] if s in worst.index]
            worst = worst.reindex(index=order, columns=tables).rename_axis("sampler").reset_index()
            out += [
                "The column that alone tells the rows apart best "
                "(:func:`skgan.metrics.column_detection`) and its AUC:\n",
                *[list_table(piece) for piece in chunked(worst, "sampler", 3)],
            ]
    return "\n".join(out)


def ablation_summary(payload):
    """README sentences on the ablation, computed from its results."""
    from skgan.experiments import mean_scores, reference_sampler, share_at_least

    results = pd.DataFrame(payload["results"])
    cells = mean_scores(results, by=["table", "classifier", "metric"], columns="sampler")
    gan = cells["GANSampler"]
    smote = [
        reference_sampler(part.columns[part.notna().any()], fallback=None)
        for _, part in cells.groupby(level="table")
    ]
    smote = pd.concat(
        [part[name] for (_, part), name in zip(cells.groupby(level="table"), smote) if name]
    )
    references = {
        "the better screened untrained proposal": (
            cells[[n for n in ABLATION_SCREENED if n in cells]].max(axis=1),
            1e-12,
        ),
        "SMOTE(NC)": (smote, 1e-12),
        "the better of no resampling and class_weight (within .005)": (
            cells[[n for n in ("none", "class_weight") if n in cells]].max(axis=1),
            0.005,
        ),
    }
    words = {"f1": "minority F1", "average_precision": "PR-AUC"}
    parts = []
    for metric in ("f1", "average_precision"):
        clauses = []
        for label, (reference, tolerance) in references.items():
            diff = (gan - reference).dropna().xs(metric, level="metric")
            share = share_at_least(diff, tolerance=tolerance).iloc[0]
            clauses.append(
                f"≥ {label} in {share['share_at_least']:.0%} of {share['cells']:.0f} cells "
                f"({diff.mean():+.3f})"
            )
        parts.append(f"{words[metric]}: GANSampler " + ", ".join(clauses))
    text = "; ".join(parts) + "."
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        auc = realism.pivot_table(index="table", columns="sampler", values="detection_auc")
        names = [
            n
            for n in (
                "GANSampler",
                "GANSampler (no rejection)",
                "GANSampler 0.3 defaults",
                "GANSampler unscreened",
                *ABLATION_SCREENED,
                "SMOTENC",
                "SMOTE",
            )
            if n in auc
        ]
        means = auc[names].mean()
        floor = (
            realism.groupby("table")["floor_auc"].first().mean()
            if "floor_auc" in realism
            else None
        )
        text += (
            " Detection AUC (gradient boosting) against hundreds of held-out real minority rows"
            f" (the tables as they are; mean over the {len(auc)}): "
            + ", ".join(f"{n} {means[n]:.2f}" for n in names)
            + (f"; a real-vs-real split scores {floor:.2f}." if floor is not None else ".")
        )
    if C.load_over_cores(payload["environment"]):
        return text + " " + timings_not_quoted(payload["environment"])
    fit = pd.DataFrame(payload["results"]).drop_duplicates(["table", "sampler", "repeat", "fold"])
    seconds = fit.groupby("sampler")["fit_time_sampler"].mean()
    env = payload["environment"].get("reused_scores_from", payload["environment"])
    text += (
        f" Fit seconds per fold: GANSampler {seconds.get('GANSampler', float('nan')):.1f}, "
        f"marginals + screen {seconds.get('marginals + screen', float('nan')):.2f} "
        f"(load average {env['load_before'][0]:.1f} on {env['cpu_count']} cores, "
        "other work beside it)."
    )
    return text


INDEX = """Benchmarks
==========

Generated by ``benchmarks/make_docs.py`` from the JSON results of
``benchmarks/speed.py``, ``benchmarks/quality.py``, ``benchmarks/dp.py`` and
``benchmarks/ablation.py``; see
``benchmarks/README.md`` to reproduce them. Every page states the machine, its
load, the versions and the seeds.

.. toctree::
   :maxdepth: 1

{entries}
"""


# ------------------------------------------------------------------ README sentences
CLASSIC = ("ROS", SMOTE_NAME, "BorderlineSMOTE", "ADASYN")


def timings_not_quoted(env):
    """The README's sentence in place of the timings of a record measured under load."""
    load, cores = C.load_over_cores(env)
    return (
        f"Timings not quoted: measured under load {load:.1f} on {cores} cores, not "
        "comparable (see the benchmark page)."
    )


def _f(value, digits=3):
    return f"{value:.{digits}f}".lstrip("0") if abs(value) < 1 else f"{value:.{digits}g}"


def _fit_seconds(payload, sampler):
    frames = [pd.DataFrame(**d["results"]) for d in payload["datasets"]]
    results = pd.concat(frames, ignore_index=True)
    first = results[(results["sampler"] == sampler) & (results["metric"] == "f1")]
    return first.drop_duplicates(["repeat", "fold", "n_train", "n_test"])[
        "fit_time_sampler"
    ].mean()


def quality_summary(quality, earlier=None):
    table = C.overall_table(quality).set_index("sampler")
    gan = table.loc[GAN_NAME]
    check = quality["target_check"][SMOTE_NAME]
    comp = pd.DataFrame(quality["comparisons"])
    comp = comp[comp["reference"] == SMOTE_NAME]
    f1_share = float((comp[comp["metric"] == "f1"]["mean_difference"] >= 0).mean())
    best = table.loc[list(CLASSIC), "f1"].idxmax()
    text = [
        f"GANSampler scores at least as well as SMOTE(NC) in {check['share_mean_ge']:.0%} of "
        f"{check['cells']} table × classifier × metric cells and in {f1_share:.0%} of the F1 "
        "cells; "
        f"paired corrected t-tests: {check['wins']} wins, {check['ties']} ties, "
        f"{check['losses']} loss(es); {len(check['losses_over_5_points'])} cells more than 5 "
        "points below SMOTE(NC). Means: minority F1 "
        f"{_f(gan['f1'])} against the best classic resampler's {_f(table.loc[best, 'f1'])} "
        f"({best}); PR-AUC {_f(gan['average_precision'])} against RandomOverSampler's "
        f"{_f(table.loc['ROS', 'average_precision'])}; G-mean {_f(gan['geometric_mean'])} and "
        f"balanced accuracy {_f(gan['balanced_accuracy'])} against SMOTE(NC)'s "
        f"{_f(table.loc[SMOTE_NAME, 'geometric_mean'])} and "
        f"{_f(table.loc[SMOTE_NAME, 'balanced_accuracy'])}.",
    ]
    detection = {
        d["info"]["dataset"]: d["info"].get("detection_auc", {}) for d in quality["datasets"]
    }
    pairs = [
        f"{name} {_f(auc[GAN_NAME], 2)} (SMOTE(NC) {_f(auc[SMOTE_NAME], 2)})"
        for name, auc in detection.items()
        if name.startswith(("twitter_bots", "instagram_fake"))
        and GAN_NAME in auc
        and SMOTE_NAME in auc
    ]
    # Older runs told the synthetic rows from held-out real ones; newer ones record against what.
    info = quality["datasets"][0]["info"] if quality["datasets"] else {}
    against = info.get("detection_auc_against", "held-out real minority rows")
    if pairs:
        text.append(
            f"Detection AUC of the synthetic minority against {against} "
            "(0.5 = indistinguishable) on the bot and fake-account tables: "
            + "; ".join(pairs)
            + "."
        )
    if C.load_over_cores(quality["environment"]):
        text.append(timings_not_quoted(quality["environment"]))
        return " ".join(text)
    gan_s = _fit_seconds(quality, GAN_NAME)
    cost = f"A GANSampler fit took {gan_s:.1f} s per training fold on average"
    if earlier is not None:
        old_s = _fit_seconds(earlier, GAN_NAME)
        cost += f", 0.1.0's default {old_s:.1f} s on the same folds ({old_s / gan_s:.1f}× cheaper)"
    if CTGAN_NAME in table.index:
        ctgan_s = _fit_seconds(quality, CTGAN_NAME)
        cost += f", CTGAN {ctgan_s:.1f} s ({ctgan_s / gan_s:.1f}×), SMOTE(NC) "
        cost += f"{_fit_seconds(quality, SMOTE_NAME):.2f} s"
    text.append(cost + " (one core each, other benchmarks running beside; see the page).")
    return " ".join(text)


def noise_summary(noisy, clean):
    names = [d["info"]["dataset"] for d in noisy["datasets"]]
    subset = {**clean, "datasets": [d for d in clean["datasets"] if d["info"]["dataset"] in names]}
    after = C.overall_table(noisy).set_index("sampler")
    before = C.overall_table(subset).set_index("sampler")
    parts = []
    for sampler in [s for s in ("none", "ROS", SMOTE_NAME, GAN_NAME) if s in after.index]:
        f1, pr = after.loc[sampler, "f1"], after.loc[sampler, "average_precision"]
        drop = before.loc[sampler, "f1"] - f1
        parts.append(f"{sampler} F1 {_f(f1)} (drop {drop * 100:.1f} points), PR-AUC {_f(pr)}")
    check = noisy["target_check"].get(SMOTE_NAME)
    tail = ""
    if check:
        tail = (
            f" GANSampler ≥ SMOTE(NC) in {check['share_mean_ge']:.0%} of {check['cells']} "
            f"cells; paired tests {check['wins']} wins, {check['ties']} ties, "
            f"{check['losses']} losses."
        )
    return "; ".join(parts) + "." + tail


def privacy_summary(privacy):
    rows = pd.DataFrame(privacy["rows"])
    out = []
    for sampler, group in rows.groupby("sampler", sort=False):
        out.append(
            f"{sampler}: exact copies {group['exact_copy_rate'].max():.0%} at most, DCR ratio "
            f"{group['dcr_median_ratio'].min():.2f}–{group['dcr_median_ratio'].max():.2f}, "
            f"membership-inference AUC {group['membership_inference_auc'].min():.2f}–"
            f"{group['membership_inference_auc'].max():.2f}"
        )
    gan, smote = (rows[rows["sampler"] == s].set_index("dataset") for s in (GAN_NAME, SMOTE_NAME))
    above = [
        d
        for d in gan.index
        if gan.loc[d, "membership_inference_auc"] > smote.loc[d, "membership_inference_auc"]
    ]
    text = " ".join(f"{o}." for o in out)
    text += (
        f" GANSampler's membership-inference AUC is above SMOTE(NC)'s on {', '.join(above)}."
        if above
        else " GANSampler's membership-inference AUC is at or below SMOTE(NC)'s on every table."
    )
    return text + f" Tables: {', '.join(gan.index)}."


def speed_summary(speed):
    text = []
    e2e = e2e_table(speed.get("e2e", []))
    e2e_env = speed.get("e2e_environment", speed["environment"])
    scaling_env = speed.get("scaling_environment", speed["environment"])
    for table, group in e2e.groupby("minority / rows", sort=False):
        g = group.set_index("sampler")
        if "GANSampler" not in g.index:
            continue
        r = g.loc["GANSampler"]
        if C.load_over_cores(e2e_env):
            text.append(
                f"on a table of {table} (minority / rows) the default `fit_resample`'s "
                f"detection AUC {r['detection AUC']:.2f} (CTGAN "
                f"{g.loc['CTGAN', 'detection AUC']:.2f}, SMOTENC "
                f"{g.loc['SMOTENC', 'detection AUC']:.2f}); "
                + timings_not_quoted(e2e_env)[0].lower()
                + timings_not_quoted(e2e_env)[1:-1]
            )
            continue
        text.append(
            f"on a table of {table} (minority / rows) the default `fit_resample` took "
            f"{r['fit_resample s']:.1f} s: {r['x CTGAN']:.1f}× faster than the CTGAN "
            f"over-sampler and {r['x 0.1']:.1f}× faster than 0.1.0's default budget, "
            f"detection AUC {r['detection AUC']:.2f} (CTGAN "
            f"{g.loc['CTGAN', 'detection AUC']:.2f}, "
            f"SMOTENC {g.loc['SMOTENC', 'detection AUC']:.2f})"
        )
        if EARLY_STOP_NAME in g.index:
            e = g.loc[EARLY_STOP_NAME]
            text[-1] += (
                f"; the opt-in early-stopping recipe took {e['fit_resample s']:.1f} s "
                f"({e['x CTGAN']:.1f}× CTGAN, stopped at {e['steps']:.0f} steps, "
                f"detection AUC {e['detection AUC']:.2f})"
            )
    if speed.get("scaling") and C.load_over_cores(scaling_env):
        text.append("the scaling run: " + timings_not_quoted(scaling_env)[:-1])
    for r in [] if C.load_over_cores(scaling_env) else speed.get("scaling", []):
        if "peak_above_baseline_x_frame" in r:
            text.append(
                f"{r['rows']:,} rows × {r['columns']} columns with default settings: "
                f"{r['fit_resample_s']:.0f} s ({r['n_steps']} steps), peak memory "
                f"{r['peak_above_baseline_mb']:,.0f} MB above the process's baseline, "
                f"{r['peak_above_baseline_x_frame']:.1f}× the input frame's "
                f"{r['frame_mb']:,.0f} MB"
            )
    loads = [
        (section, speed.get(f"{section}_environment", speed["environment"]).get("load_before"))
        for section in ("e2e", "scaling")
        if speed.get(section)
    ]
    note = "; ".join(f"{section} {load[0]:.2f}" for section, load in loads if load)
    note = f" Load average before the runs (2 cores): {note}." if note else ""
    return "; ".join(text) + "." + note


def write_readme_blocks(readme, blocks):
    """Write each block between its ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers."""
    text = Path(readme).read_text()
    for name, body in blocks.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in text and body:
            head, rest = text.split(start, 1)
            text = head + f"{start}\n{body}\n{end}" + rest.split(end, 1)[1]
    Path(readme).write_text(text)


def readme_blocks(results):
    """The README sentences computed from the JSON results in the folder ``results``."""
    load = lambda name: json.loads((results / name).read_text())  # noqa: E731
    have = lambda name: (results / name).exists()  # noqa: E731
    out = {}
    if have("quality.json"):
        quality = load("quality.json")
        earlier = load("quality_0.1.0.json") if have("quality_0.1.0.json") else None
        out["quality-summary"] = quality_summary(quality, earlier)
        if have("quality_noise.json"):
            out["noise-summary"] = noise_summary(load("quality_noise.json"), quality)
    if have("privacy.json"):
        out["privacy-summary"] = privacy_summary(load("privacy.json"))
    if have("speed.json"):
        out["speed-summary"] = speed_summary(load("speed.json"))
    if have("ablation.json"):
        out["ablation-summary"] = ablation_summary(load("ablation.json"))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    p.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks")
    p.add_argument(
        "--readme",
        type=Path,
        default=ROOT / "README.md",
        help="the README whose generated blocks (between their markers) are rewritten",
    )
    p.add_argument("--no-readme", action="store_true", help="leave every README alone")
    args = p.parse_args(argv)
    args.docs.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, page, builder in (
        ("speed", "performance", performance_page),
        ("quality", "quality", quality_page),
        ("dp", "differential_privacy", dp_page),
        ("ablation", "ablation", ablation_page),
    ):
        source = args.results / f"{name}.json"
        if not source.exists():
            print(f"skip {page}: {source} not found")
            continue
        figures = []
        png = args.results / f"{name}.png"
        if png.exists():
            shutil.copyfile(png, args.docs / f"{page}.png")
            figures.append(f"{page}.png")
        data = json.loads(source.read_text())
        if page == "ablation":
            figures = ablation_figures(data, args.docs)
        text = builder(data, figures)
        if page == "quality":
            text += extra_quality_sections(args.results)
            if not args.no_readme:
                readme_table(data, args.readme)
        (args.docs / f"{page}.rst").write_text(text)
        entries.append(page)
        print(f"wrote {args.docs / (page + '.rst')}")
    if not args.no_readme:
        write_readme_blocks(args.readme, readme_blocks(args.results))
    (args.docs / "index.rst").write_text(
        INDEX.format(entries="\n".join(f"   {e}" for e in entries))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
