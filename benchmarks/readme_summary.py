"""Sentences of the README's "How well does it work?" section, computed from the results.

``make_docs.py`` writes each between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``
markers of README.md, so that every figure there comes from ``benchmarks/results/``.
"""

import json
from pathlib import Path

import _common as C
import pandas as pd
from quality import CTGAN_NAME, GAN_NAME, SMOTE_NAME, overall_table

CLASSIC = ("ROS", SMOTE_NAME, "BorderlineSMOTE", "ADASYN")


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
    met = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    text = [
        f"GANSampler scores at least as well as SMOTE(NC) in {check['share_mean_ge']:.0%} of "
        f"{check['cells']} table × classifier × metric cells and in {f1_share:.0%} of the F1 "
        f"cells (goal 70% each: {met(check['share_mean_ge'] >= 0.7 and f1_share >= 0.7)}); "
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
    if pairs:
        text.append(
            "Detection AUC of the synthetic minority against held-out real minority rows "
            "(0.5 = indistinguishable; aim ≤ 0.80) on the bot and fake-account tables: "
            + "; ".join(pairs)
            + "."
        )
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


def speed_summary(speed):
    from speed import e2e_table

    text = []
    e2e = e2e_table(speed.get("e2e", []))
    for table, group in e2e.groupby("minority / rows", sort=False):
        g = group.set_index("sampler")
        if "GANSampler" not in g.index:
            continue
        r = g.loc["GANSampler"]
        text.append(
            f"on a table of {table} (minority / rows) the default `fit_resample` took "
            f"{r['fit_resample s']:.1f} s: {r['x CTGAN']:.1f}× faster than the CTGAN "
            f"over-sampler and {r['x 0.1']:.1f}× faster than 0.1.0's default budget (goal 10× "
            f"each), detection AUC {r['detection AUC']:.2f} (CTGAN "
            f"{g.loc['CTGAN', 'detection AUC']:.2f}, "
            f"SMOTENC {g.loc['SMOTENC', 'detection AUC']:.2f})"
        )
        if C.EARLY_STOP_NAME in g.index:
            e = g.loc[C.EARLY_STOP_NAME]
            text[-1] += (
                f"; the opt-in early-stopping recipe took {e['fit_resample s']:.1f} s "
                f"({e['x CTGAN']:.1f}× CTGAN, stopped at {e['steps']:.0f} steps, "
                f"detection AUC {e['detection AUC']:.2f})"
            )
    for r in speed.get("scaling", []):
        if "peak_above_baseline_x_frame" in r:
            text.append(
                f"{r['rows']:,} rows × {r['columns']} columns with default settings: "
                f"{r['fit_resample_s']:.0f} s ({r['n_steps']} steps), peak memory "
                f"{r['peak_above_baseline_mb']:,.0f} MB above the process's baseline, "
                f"{r['peak_above_baseline_x_frame']:.1f}× the input frame's "
                f"{r['frame_mb']:,.0f} MB (goal < 3×)"
            )
    loads = [
        (section, speed.get(f"{section}_environment", speed["environment"]).get("load_before"))
        for section in ("e2e", "scaling")
        if speed.get(section)
    ]
    note = "; ".join(f"{section} {load[0]:.2f}" for section, load in loads if load)
    note = f" Load average before the runs (2 cores): {note}." if note else ""
    return "; ".join(text) + "." + note


def write(readme, blocks):
    text = Path(readme).read_text()
    for name, body in blocks.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in text and body:
            head, rest = text.split(start, 1)
            text = head + f"{start}\n{body}\n{end}" + rest.split(end, 1)[1]
    Path(readme).write_text(text)


def blocks(results):
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
    return out
