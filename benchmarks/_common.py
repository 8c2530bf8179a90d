"""Shared helpers of the benchmark scripts: the environment record and the data.

Nothing here trains, scores or aggregates: the scripts call skgan's public
API (``skgan.experiments`` for the samplers, the realism run and the mean
tables) and use these helpers to describe the machine, load or build the
tables, and read and write the result files.
"""

import datetime as _dt
import importlib.metadata
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

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


# ------------------------------------------------------------------ portable records
# Top-level entries of the repository: where an absolute path of another checkout is cut.
_REPO_ENTRIES = ("benchmarks", ".bench-runs", "docs", "skgan", "tests", "scripts", "examples")
# Options whose value only says where to write or resume: a temporary value is left out
# of the record (the script's default is what a reader reruns).
_WHERE_OPTIONS = ("--out", "--checkpoint")


def _temporary(path):
    parts = Path(path).parts
    temp = {Path(tempfile.gettempdir()).parts, ("/", "tmp"), ("/", "var", "tmp")}
    return any(parts[: len(t)] == t for t in temp)


def portable_path(path):
    """``path`` as a reader can use it: relative to the repository root, never absolute.

    An absolute path inside this checkout (or inside another checkout of the
    repository: cut at its ``benchmarks/``, ``docs/`` ... folder) becomes
    repository-relative; a temporary one becomes ``<tmp>/NAME``; any other
    absolute path keeps its last component only (``<outside>/NAME``).
    Relative paths are returned as they are.
    """
    text = str(path)
    if not os.path.isabs(text):
        return text
    resolved = Path(os.path.normpath(text))
    try:
        return resolved.relative_to(ROOT).as_posix() or "."
    except ValueError:
        pass
    parts = resolved.parts
    for i, part in enumerate(parts):
        if part in _REPO_ENTRIES and i > 1:
            return Path(*parts[i:]).as_posix()
    if _temporary(resolved):
        return f"<tmp>/{resolved.name}"
    return f"<outside>/{resolved.name}"


def portable_argv(argv):
    """A recorded command line anyone can rerun from the repository root.

    Every path is made repository-relative (:func:`portable_path`); ``--out``
    or ``--checkpoint`` into a temporary folder is dropped, so the record
    shows the default output folder the rerun writes to.
    """
    argv = [str(a) for a in argv]
    out, i = [], 0
    while i < len(argv):
        token = argv[i]
        flag, eq, value = token.partition("=")
        if flag in _WHERE_OPTIONS and eq and os.path.isabs(value) and _temporary(value):
            i += 1
            continue
        if token in _WHERE_OPTIONS and i + 1 < len(argv):
            value = argv[i + 1]
            if os.path.isabs(value) and _temporary(value):
                i += 2
                continue
            out += [token, portable_path(value)]
            i += 2
            continue
        if eq and flag.startswith("--") and os.path.isabs(value):
            out.append(f"{flag}={portable_path(value)}")
        else:
            out.append(portable_path(token) if os.path.isabs(token) else token)
        i += 1
    return out


_NO_DEFAULT = object()


def portable_value(value, default=_NO_DEFAULT):
    """A recorded option value (a path or anything else) without absolute paths.

    A temporary path is recorded as ``default`` (made portable) when one is
    given: ``--out /tmp/x`` as the default output folder, as the command line
    of :func:`portable_argv` shows it.
    """
    if value is None:
        return None
    if isinstance(value, Path) or (isinstance(value, str) and os.path.isabs(value)):
        if default is not _NO_DEFAULT and os.path.isabs(str(value)) and _temporary(value):
            return None if default is None else portable_path(default)
        return portable_path(value)
    if isinstance(value, list | tuple):
        return [portable_value(v, default) for v in value]
    return value


def scrub_record(payload):
    """A result payload (JSON) with every command and path made portable, recursively."""
    if isinstance(payload, dict):
        out = {}
        for key, value in payload.items():
            if key == "argv" and isinstance(value, list):
                out[key] = portable_argv(value)
            elif key == "out":
                out[key] = portable_value(value, DEFAULT_OUT)
            elif key == "checkpoint":
                out[key] = portable_value(value, None)
            else:
                out[key] = scrub_record(value)
        return out
    if isinstance(payload, list):
        return [scrub_record(v) for v in payload]
    if isinstance(payload, str) and os.path.isabs(payload):
        return portable_path(payload)
    return payload


def git_commit():
    """(commit, dirty) of the checkout the scripts run from; (None, None) outside git."""
    try:
        run = lambda *a: subprocess.run(  # noqa: E731
            ["git", "-C", str(ROOT), *a], capture_output=True, text=True, check=True
        ).stdout.strip()
        return run("rev-parse", "HEAD"), bool(run("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return None, None


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


def environment(seeds=None, argv=None, threads=1, script=None):
    """Versions, hardware, threads and load: what a reader needs to trust a number.

    ``argv`` (without the script, as ``main(argv)`` gets it) is recorded
    after ``script``; by default the process's ``sys.argv``. Either way the
    record is portable (:func:`portable_argv`): no absolute or temporary path.

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
    if argv is None:
        argv = sys.argv
    elif script is not None:
        argv = [Path(script), *argv]
    commit, dirty = git_commit()
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "argv": portable_argv(argv),
        "commit": commit,
        "dirty": dirty,
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
# What every table is scored on and with: the benchmarks' protocol.
METRICS = ("f1", "average_precision", "geometric_mean", "balanced_accuracy")
CLASSIFIERS = ("LR", "RF", "HGB")
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


def environment_markdown(env):
    v = env["versions"]
    commit = env.get("commit")
    lines = [
        f"- date: {env['date']}; command: `{' '.join(portable_argv(env['argv']))}`"
        + (
            f"; commit {commit[:12]}{' (uncommitted changes)' if env.get('dirty') else ''}"
            if commit
            else ""
        ),
        f"- machine: {env['cpu_model']}, {env['cpu_count']} cores "
        f"(affinity {env['cpu_affinity']}), torch threads {env['torch_threads']}",
        f"- load average before {fmt_load(env['load_before'])}, "
        f"after {fmt_load(env.get('load_after'))} (1/5/15 min)",
        f"- python {env['python']}, "
        + ", ".join(f"{k} {val}" for k, val in v.items() if val is not None),
        f"- seeds: {env['seeds']}; wall time {env.get('wall_seconds')} s",
    ]
    if load_mark(env):
        lines.append(f"- **{load_mark(env)}**")
    return "\n".join(lines)


def fmt_load(load):
    return "n/a" if not load else "/".join(f"{x:.2f}" for x in load)


# ------------------------------------------------------------------ result files
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


def summary_table(results):
    """Mean of every metric and the fit time per sampler and classifier of one table."""
    from skgan.experiments import mean_scores

    by = ["sampler", "classifier"]
    return mean_scores(results, by=by, metrics=METRICS, fit_time="fit_time").reset_index()


def overall_table(payload):
    """Mean of every metric over a quality run's tables, classifiers and splits, per sampler.

    ``failed splits`` and ``tables complete`` show a mean over fewer cells as
    such; ``detection AUC`` is the mean over tables of the realism check.
    """
    from skgan.experiments import mean_scores

    table = mean_scores(
        quality_results(payload), metrics=METRICS, fit_time="fit_time_sampler", failed="dataset"
    )
    table["detection AUC"] = quality_detection(payload)
    columns = [*METRICS, "failed splits", "tables complete", "detection AUC", "fit s"]
    return table[columns].reset_index()
