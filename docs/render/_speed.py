"""The tables of speed.json: the performance page, speed.md and the README sentence.

Pure functions of the records ``speed.py`` measures; no timing here.
"""

import pandas as pd

# Every stage a scaling record may hold, in the order they run: ``other`` is
# fit_resample's time outside GANSampler.timings_ (input checks, the returned
# containers); records of earlier runs split it into ``validate`` and ``assemble``.
STAGES = ("validate", "encode", "train", "check", "generate", "assemble", "other")


# The measures of a perf record, as the tables name them: each gets skgan's value,
# CTGAN's and their ratio (skgan / CTGAN).
PERF_MEASURES = {
    "encoder s": "transformer_s",
    "train rows/s": "train_rows_per_s",
    "sample rows/s": "sample_rows_per_s",
    "peak MB": "peak_rss_mb",
}


def perf_ratios(records):
    """One row per table size: every measure of skgan and CTGAN, and their ratio."""
    frame = pd.DataFrame(records)
    rows = []
    for size, group in frame.groupby("rows", sort=True):
        s = group[group.library == "skgan"].iloc[0]
        c = group[group.library == "ctgan"].iloc[0]
        row = {"rows": size, "steps": s["steps"]}
        for label, key in PERF_MEASURES.items():
            row[f"{label} (skgan)"], row[f"{label} (CTGAN)"] = s[key], c[key]
            row[f"{label.split()[0]} ratio"] = s[key] / c[key]
        row["worker peak MB (CTGAN)"] = c.get("peak_rss_children_mb", float("nan"))
        rows.append(row)
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


def stage_table(records):
    """One row per (size, stage): seconds, peak and end RSS above the baseline (MB, x frame)."""
    rows = []
    for r in records:
        # records of earlier runs have other stages (validate, assemble) or none
        for name in [s for s in STAGES if f"{s}_s" in r]:
            rows.append(
                {
                    "rows": r["rows"],
                    "stage": name,
                    "seconds": r[f"{name}_s"],
                    "peak MB": r[f"{name}_peak_mb"],
                    "peak x frame": r[f"{name}_peak_mb"] / r["frame_mb"],
                    "end MB": r[f"{name}_end_mb"],
                }
            )
    return pd.DataFrame(rows)
