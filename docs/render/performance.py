"""The performance page (``docs/benchmarks/performance.rst``) from speed.json."""

import pandas as pd

from ._rst import heading, image, list_table, record_header
from ._speed import e2e_table, perf_ratios, stage_table

PERF_TABLES = {
    "Encoder fit + transform": [
        "rows",
        "steps",
        "encoder s (skgan)",
        "encoder s (CTGAN)",
        "encoder ratio",
    ],
    "Training and sampling throughput": [
        "rows",
        "train rows/s (skgan)",
        "train rows/s (CTGAN)",
        "train ratio",
        "sample rows/s (skgan)",
        "sample rows/s (CTGAN)",
        "sample ratio",
    ],
    "Peak resident memory": [
        "rows",
        "peak MB (skgan)",
        "peak MB (CTGAN)",
        "peak ratio",
        "worker peak MB (CTGAN)",
    ],
}
SCALING_COLUMNS = {
    "rows": "rows",
    "columns": "columns",
    "n_steps": "n_steps",
    "n_synthetic": "n_synthetic",
    "fit_resample_s": "seconds",
    "frame_mb": "frame MB",
    "peak_rss_mb": "peak MB",
    "peak_above_baseline_mb": "peak above baseline MB",
    "peak_above_baseline_x_frame": "x frame",
}
STAGES_NOTE = (
    "Per stage: ``validate`` (input checks), ``encode`` (encoder, marginals, "
    "conditions, networks), ``train``, ``check`` (diversity check, screens fitted), "
    "``generate`` (candidates drawn, screened, decoded and written into the "
    "output), ``assemble`` (the returned containers; runs from 0.3 report "
    "``validate`` and ``assemble`` together as ``other``, fit_resample's time "
    "outside ``GANSampler.timings_``). Resident memory is sampled "
    "every 50 ms above the baseline: the stage's peak, and where it ended.\n"
)


def separate_run(speed, section):
    """The header of a section that ``speed.py --keep`` took from another run."""
    env = speed.get(f"{section}_environment")
    if not env:
        return []
    return ["Measured in a separate run:\n", *record_header(env, "This section's numbers")]


def perf_section(speed):
    ratios = perf_ratios(speed["perf"])
    out = [heading("Same work, both libraries", "-"), *separate_run(speed, "perf")]
    out.append(speed["perf_note"] + "\n")
    for title, columns in PERF_TABLES.items():
        out.append(list_table(ratios[[c for c in columns if c in ratios]], title))
    out.append(
        "Encoder and memory ratios: below 1 favours skgan. Throughput ratios: above 1 "
        "favours skgan.\n"
    )
    return out


def e2e_section(speed):
    out = [heading("End to end, defaults", "-"), *separate_run(speed, "e2e")]
    out.append(speed["e2e_note"] + "\n")
    out.append(list_table(e2e_table(speed["e2e"]), "One split, one seed"))
    out.append(
        "One split and one seed: differences of a few points in F1 or PR-AUC are "
        "within noise here; the quality page has the cross-validated comparison.\n"
    )
    return out


def speed_stages(records):
    """The scaling records' per-stage seconds and resident memory, one row per stage."""
    table = stage_table(records)
    if len(table):
        table = table.round({"seconds": 1, "peak MB": 0, "peak x frame": 2, "end MB": 0})
    return table


def scaling_section(speed):
    sc = pd.DataFrame(speed["scaling"])
    out = [heading("Scaling of GANSampler.fit_resample", "-"), *separate_run(speed, "scaling")]
    args = speed.get("scaling_args", speed["args"])
    steps = args.get("scale_steps")
    out.append(
        "A synthetic social-media-like table (:func:`skgan.datasets.make_social_table`: "
        "counts, rates, flags, categoricals with up to "
        "200 levels, missing values; 10 % minority), balanced by generating ~80 % of the "
        "table size in synthetic rows; "
        + (f"{steps} training steps." if steps else "default settings (``n_steps='auto'``).")
        + " Peak memory is measured above the process's resident memory after the table "
        "was built (``peak above baseline``).\n"
    )
    table = sc[[c for c in SCALING_COLUMNS if c in sc]].rename(columns=SCALING_COLUMNS)
    out.append(list_table(table, "Sizes run"))
    stages = speed_stages(speed["scaling"])
    if len(stages):
        out += [STAGES_NOTE, list_table(stages, "Time and memory per stage")]
    slope = speed.get("scaling_slope") or {}
    if slope:
        out.append(
            f"Log-log slope over the sizes run: time {slope['time']:.2f}, peak "
            f"memory {slope['peak_rss']:.2f} (1.0 = linear).\n"
        )
    out.append(f"Sizes run: {args.get('scale_sizes')}.\n")
    return out


def page(speed, figures):
    out = [heading("Performance: skgan and CTGAN", "="), *record_header(speed["environment"])]
    for section, build in (("perf", perf_section), ("e2e", e2e_section)):
        if speed.get(section):
            out += build(speed)
    if speed.get("scaling"):
        out += scaling_section(speed)
    out += [image(fig) for fig in figures]
    return "\n".join(out)
