"""Reading the benchmark records: their environment, their load, their mean tables."""

import json
from pathlib import Path

import pandas as pd

from skgan.experiments import mean_scores

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
# What every quality table is scored on (benchmarks/_common.METRICS records the same).
METRICS = ("f1", "average_precision", "geometric_mean", "balanced_accuracy")
GAN_NAME, SMOTE_NAME = "GANSampler", "SMOTE(NC)"
# The methods beyond skgan's registry, as benchmarks/_peers.py names them.
CTGAN_NAME, EARLY_STOP_NAME = "CTGAN", "GANSampler early stop"


def read(folder, name):
    """The record ``folder/name.json``, or None when that run was not made."""
    path = Path(folder) / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def command(env):
    """The command a record ran, as a reader reruns it from the repository root."""
    return " ".join(env["argv"])


def _environments(env):
    """``env`` and the records it took numbers from (reused scores, merged runs)."""
    yield env
    if env.get("reused_scores_from"):
        yield from _environments(env["reused_scores_from"])
    for run in env.get("merged_runs") or []:
        yield from _environments(run)


def load_over_cores(env):
    """The highest 1-min load average (before or after) of a record above its core count.

    None when every load of ``env`` (and of the records it reused or merged)
    stayed at or below the machine's core count: its timings are comparable.
    """
    worst = None
    for e in _environments(env):
        loads = [x[0] for x in (e.get("load_before"), e.get("load_after")) if x]
        cores = e.get("cpu_count") or 1
        if loads and max(loads) > cores and (worst is None or max(loads) > worst[0]):
            worst = (max(loads), cores)
    return worst


def load_mark(env):
    """ "measured under load N on C cores: timings not comparable", or "" for a quiet run."""
    over = load_over_cores(env)
    if over is None:
        return ""
    return f"measured under load {over[0]:.1f} on {over[1]} cores: timings not comparable"


def skgan_version(env):
    return (env.get("versions") or {}).get("skgan") or env.get("skgan") or "unknown"


def quality_results(payload):
    """Every table's results of a quality.json payload in one frame, with a ``dataset`` column."""
    frames = [
        pd.DataFrame(**d["results"]).assign(dataset=d["info"]["dataset"])
        for d in payload["datasets"]
    ]
    return pd.concat(frames, ignore_index=True)


def quality_detection(payload):
    """Mean over the tables of a quality.json payload of each sampler's detection AUC."""
    detection = pd.DataFrame([d["info"].get("detection_auc", {}) for d in payload["datasets"]])
    return detection.mean() if not detection.empty else pd.Series(dtype=float)


def detection_against(payload):
    """What a quality run told its synthetic rows from (older runs: held-out real rows)."""
    info = payload["datasets"][0]["info"] if payload["datasets"] else {}
    return info.get("detection_auc_against", "held-out real minority rows")


def summary_table(results):
    """Mean of every metric and the fit time per sampler and classifier of one table."""
    by = ["sampler", "classifier"]
    return mean_scores(results, by=by, metrics=METRICS, fit_time="fit_time").reset_index()


def overall_table(payload):
    """Mean of every metric over a quality run's tables, classifiers and splits, per sampler.

    ``failed splits`` and ``tables complete`` show a mean over fewer cells as
    such; ``detection AUC`` is the mean over tables of the realism check.
    """
    table = mean_scores(
        quality_results(payload), metrics=METRICS, fit_time="fit_time_sampler", failed="dataset"
    )
    table["detection AUC"] = quality_detection(payload)
    columns = [*METRICS, "failed splits", "tables complete", "detection AUC", "fit s"]
    return table[columns].reset_index()


def order(values):
    """The distinct ``values`` in the order they first come."""
    return list(dict.fromkeys(values))
