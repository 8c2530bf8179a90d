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
