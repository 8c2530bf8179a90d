"""The tables of speed.json: the performance page, speed.md and the README sentence.

Pure functions of the records ``speed.py`` measures; no timing here.
"""

import pandas as pd

# Every stage a scaling record may hold, in the order they run: ``other`` is
# fit_resample's time outside GANSampler.timings_ (input checks, the returned
# containers); records of earlier runs split it into ``validate`` and ``assemble``.
STAGES = ("validate", "encode", "train", "check", "generate", "assemble", "other")


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
