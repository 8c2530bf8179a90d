"""The README sentences and table computed from the numbers: what skgan wins, and what not.

Each block is written between its ``<!-- NAME:start -->`` and
``<!-- NAME:end -->`` markers in README.md; a record measured under a load
above the core count has none of its timings quoted.
"""

from pathlib import Path

import pandas as pd

from skgan.experiments import mean_scores, reference_sampler, share_at_least, to_markdown

from ._records import (
    CTGAN_NAME,
    EARLY_STOP_NAME,
    GAN_NAME,
    SMOTE_NAME,
    load_over_cores,
    overall_table,
    read,
    skgan_version,
)
from ._rst import is_historical
from ._speed import e2e_table

SCREENED = ("marginals + screen", "SMOTE + screen")
CLASSIC = ("ROS", SMOTE_NAME, "BorderlineSMOTE", "ADASYN")


def timings_not_quoted(env):
    """The README's sentence in place of the timings of a record measured under load."""
    load, cores = load_over_cores(env)
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
    table = overall_table(quality).set_index("sampler")
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
    if load_over_cores(quality["environment"]):
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
    after = overall_table(noisy).set_index("sampler")
    before = overall_table(subset).set_index("sampler")
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


def _e2e_sentence(table, g, env):
    """The end-to-end sentence of one table: time against CTGAN and 0.1.0, realism."""
    r = g.loc[GAN_NAME]
    realism = (
        f"(CTGAN {g.loc['CTGAN', 'detection AUC']:.2f}, "
        f"SMOTENC {g.loc['SMOTENC', 'detection AUC']:.2f})"
    )
    if load_over_cores(env):
        quoted = timings_not_quoted(env)
        return (
            f"on a table of {table} (minority / rows) the default `fit_resample`'s "
            f"detection AUC {r['detection AUC']:.2f} {realism}; "
            + quoted[0].lower()
            + quoted[1:-1]
        )
    text = (
        f"on a table of {table} (minority / rows) the default `fit_resample` took "
        f"{r['fit_resample s']:.1f} s: {r['x CTGAN']:.1f}× faster than the CTGAN "
        f"over-sampler and {r['x 0.1']:.1f}× faster than 0.1.0's default budget, "
        f"detection AUC {r['detection AUC']:.2f} {realism}"
    )
    if EARLY_STOP_NAME in g.index:
        e = g.loc[EARLY_STOP_NAME]
        text += (
            f"; the opt-in early-stopping recipe took {e['fit_resample s']:.1f} s "
            f"({e['x CTGAN']:.1f}× CTGAN, stopped at {e['steps']:.0f} steps, "
            f"detection AUC {e['detection AUC']:.2f})"
        )
    return text


def _scaling_sentences(records, env):
    if load_over_cores(env):
        return ["the scaling run: " + timings_not_quoted(env)[:-1]]
    # a section that speed.py --keep took from an older release names that release
    older = f" (skgan {skgan_version(env)}, not rerun)" if is_historical(env) else ""
    return [
        f"{r['rows']:,} rows × {r['columns']} columns with default settings{older}: "
        f"{r['fit_resample_s']:.0f} s ({r['n_steps']} steps), peak memory "
        f"{r['peak_above_baseline_mb']:,.0f} MB above the process's baseline, "
        f"{r['peak_above_baseline_x_frame']:.1f}× the input frame's "
        f"{r['frame_mb']:,.0f} MB"
        for r in records
        if "peak_above_baseline_x_frame" in r
    ]


def speed_summary(speed):
    """The README's sentence on cost: end to end against CTGAN, then the scaling run."""
    e2e_env = speed.get("e2e_environment", speed["environment"])
    text = [
        _e2e_sentence(table, group.set_index("sampler"), e2e_env)
        for table, group in e2e_table(speed.get("e2e", [])).groupby("minority / rows", sort=False)
        if GAN_NAME in set(group["sampler"])
    ]
    if speed.get("scaling"):
        env = speed.get("scaling_environment", speed["environment"])
        text += _scaling_sentences(speed["scaling"], env)
    loads = [
        (section, speed.get(f"{section}_environment", speed["environment"]).get("load_before"))
        for section in ("e2e", "scaling")
        if speed.get(section)
    ]
    note = "; ".join(f"{section} {load[0]:.2f}" for section, load in loads if load)
    note = f" Load average before the runs (2 cores): {note}." if note else ""
    return "; ".join(text) + "." + note


def _ablation_references(cells):
    """{label: (reference score per cell, tolerance)} that GANSampler is held against."""
    tables = list(cells.groupby(level="table"))
    smote = [
        reference_sampler(part.columns[part.notna().any()], fallback=None) for _, part in tables
    ]
    smote = pd.concat([part[name] for (_, part), name in zip(tables, smote) if name])
    return {
        "the better screened untrained proposal": (
            cells[[n for n in SCREENED if n in cells]].max(axis=1),
            1e-12,
        ),
        "SMOTE(NC)": (smote, 1e-12),
        "the better of no resampling and class_weight (within .005)": (
            cells[[n for n in ("none", "class_weight") if n in cells]].max(axis=1),
            0.005,
        ),
    }


def _ablation_shares(results):
    cells = mean_scores(results, by=["table", "classifier", "metric"], columns="sampler")
    gan, references = cells[GAN_NAME], _ablation_references(cells)
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
    return "; ".join(parts) + "."


REALISM_NAMES = (
    GAN_NAME,
    *(f"GANSampler, {t} rounds" for t in range(4)),
    "GANSampler unscreened",
    *SCREENED,
    "SMOTENC",
    "SMOTE",
)


def _ablation_realism(realism):
    auc = realism.pivot_table(index="table", columns="sampler", values="detection_auc")
    names = [n for n in REALISM_NAMES if n in auc]
    means = auc[names].mean()
    floor = (
        realism.groupby("table")["floor_auc"].first().mean() if "floor_auc" in realism else None
    )
    return (
        " Detection AUC (gradient boosting) against hundreds of held-out real minority rows"
        f" (the tables as they are; mean over the {len(auc)}): "
        + ", ".join(f"{n} {means[n]:.2f}" for n in names)
        + (f"; a real-vs-real split scores {floor:.2f}." if floor is not None else ".")
    )


def ablation_summary(payload):
    """README sentences on the ablation, computed from its results."""
    results = pd.DataFrame(payload["results"])
    text = _ablation_shares(results)
    realism = pd.DataFrame(payload["realism"])
    if len(realism):
        text += _ablation_realism(realism)
    if load_over_cores(payload["environment"]):
        return text + " " + timings_not_quoted(payload["environment"])
    fit = results.drop_duplicates(["table", "sampler", "repeat", "fold"])
    seconds = fit.groupby("sampler")["fit_time_sampler"].mean()
    env = payload["environment"].get("reused_scores_from", payload["environment"])
    return text + (
        f" Fit seconds per fold: GANSampler {seconds.get('GANSampler', float('nan')):.1f}, "
        f"marginals + screen {seconds.get('marginals + screen', float('nan')):.2f} "
        f"(load average {env['load_before'][0]:.1f} on {env['cpu_count']} cores, "
        "other work beside it)."
    )


def _range(values, show="{:.2f}".format):
    """``"low–high"`` of ``values`` as ``show`` writes them (one value when they agree)."""
    low, high = show(min(values)), show(max(values))
    return low if low == high else f"{low}–{high}"


def dp_summary(dp):
    """The README's sentence on differential privacy: budget kept, realism and scores lost."""
    real, scores = pd.DataFrame(dp["realism"]), pd.DataFrame(dp["downstream"])
    private = real[real["epsilon"].notna()]
    accuracy = scores.set_index("sampler")["balanced_accuracy"]
    with_dp = accuracy[accuracy.index.str.startswith(f"{GAN_NAME}(")]
    env = dp["environment"]
    older = f", skgan {skgan_version(env)}: not rerun with this version"
    rows = _range(real["n_real"], "{:.0f}".format)
    return (
        f"{dp['args']['folds']}-fold CV on {', '.join(dict.fromkeys(real['dataset']))} "
        f"(minorities of {rows} rows in each half{older if is_historical(env) else ''}): "
        f"the budget is met (spent ε {_range(private['epsilon_spent'] / private['epsilon'])} "
        "of the target), but the private synthetic rows are easy to detect (detection AUC "
        f"{_range(private['detection_auc'])} at ε {_range(private['epsilon'], '{:g}'.format)}; "
        f"{_range(real.loc[real['sampler'] == GAN_NAME, 'detection_auc'])} without DP) and "
        f"bring balanced accuracy to {_range(with_dp, _f)}, against "
        f"{_range(accuracy[[GAN_NAME]], _f)} without DP and {_range(accuracy[['none']], _f)} "
        "with no resampling."
    )


def readme_table(quality, readme):
    """Write the overall quality table into README.md between its markers."""
    start, end = "<!-- quality-table:start -->", "<!-- quality-table:end -->"
    text = readme.read_text()
    if start not in text:
        return
    table = overall_table(quality)
    if load_over_cores(quality["environment"]):
        table = table.drop(columns="fit s")  # the README quotes no timing of a busy run
    table = table.rename(
        columns={
            "f1": "minority F1",
            "average_precision": "PR-AUC",
            "geometric_mean": "G-mean",
            "balanced_accuracy": "balanced acc.",
        }
    )
    block = f"{start}\n{to_markdown(table)}\n{end}"
    head, rest = text.split(start, 1)
    readme.write_text(head + block + rest.split(end, 1)[1])


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
    out = {}
    quality = read(results, "quality")
    if quality:
        out["quality-summary"] = quality_summary(quality, read(results, "quality_0.1.0"))
        noisy = read(results, "quality_noise")
        if noisy:
            out["noise-summary"] = noise_summary(noisy, quality)
    for block, name, summary in (
        ("privacy-summary", "privacy", privacy_summary),
        ("speed-summary", "speed", speed_summary),
        ("ablation-summary", "ablation", ablation_summary),
        ("dp-summary", "dp", dp_summary),
    ):
        payload = read(results, name)
        if payload:
            out[block] = summary(payload)
    return out


def write(results, readme):
    """Rewrite every generated block of ``readme`` (and its quality table) from ``results``."""
    quality = read(results, "quality")
    if quality:
        readme_table(quality, readme)
    write_readme_blocks(readme, readme_blocks(results))
