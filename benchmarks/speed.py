"""Speed and memory of skgan against CTGAN (issue "Performance").

Three sections, each measurement in a fresh subprocess (so that its peak RSS
is its own):

``perf``     same table, same networks ((256, 256), batch 500, pac 10), same
             number of optimizer steps: encoder fit+transform time, training
             throughput (steps x batch / s), sampling throughput and peak RAM,
             skgan vs CTGAN, at each of ``--sizes`` rows.
``e2e``      wall time of the default ``GANSampler().fit_resample`` vs the CTGAN
             over-sampler (CTGAN defaults) vs SMOTENC on a table with
             ``--e2e-minority`` minority rows, with downstream HGB minority F1 /
             PR-AUC on real held-out rows and the detection AUC of the
             synthetic minority against held-out real minority rows.
``scaling``  time and peak RAM of ``GANSampler(n_steps=...).fit_resample`` on a
             synthetic ~50-column social-media table at ``--scale-sizes`` rows,
             and the log-log slope of time against rows.

Run with the bench environment (ctgan installed), see benchmarks/README.md::

    .venv-bench/bin/python benchmarks/speed.py --quick

Writes speed.json only; ``python docs/render`` renders speed.md, the figure
and the performance page.
"""

import argparse
import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C
from _peers import (
    CTGAN_NAME,
    EARLY_STOP_NAME,
    EARLY_STOP_RECIPE,
    GAN_01_NAME,
    GAN_01_PARAMS,
    CTGANOverSampler,
)

from skgan.datasets import make_social_table

NET = {"generator_dim": (256, 256), "discriminator_dim": (256, 256)}
BATCH, PAC = 500, 10


def in_subprocess(func, *args):
    """Run ``func(*args)`` in a fresh spawned process and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


class _Timer:
    """Accumulate the time spent in ``owner.attr`` while active.

    For CTGAN only, which exposes no stage timings; skgan reports its own
    (``GANSampler.timings_``).
    """

    def __init__(self, owner, attr):
        self.owner, self.attr, self.seconds = owner, attr, 0.0

    def __enter__(self):
        self.original = getattr(self.owner, self.attr)
        original = self.original

        def wrapped(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(self.owner, self.attr, wrapped)
        return self

    def __exit__(self, *exc):
        setattr(self.owner, self.attr, self.original)


def _stage(record, name, start):
    record[f"{name}_s"] = time.perf_counter() - start
    record[f"peak_rss_after_{name}_mb"] = C.max_rss_mb()


# ------------------------------------------------------------------ perf
def _grown_table(size, seed):
    name, X, y = C.source_table()
    X, y = C.grow(X, y, size, np.random.default_rng(seed))
    return name, X, y


def _time_skgan(rec, X, y, minority, n_sample, seed):
    from skgan import GANSampler

    sampler = GANSampler(
        n_steps=rec["steps"], batch_size=BATCH, random_state=seed, device="cpu", **NET
    )
    start = time.perf_counter()
    sampler.fit(X, y)
    _stage(rec, "fit", start)
    # The encoder is internal to GANSampler: its public measure is the encode stage of
    # timings_, which also builds the marginals, conditions and networks (an upper
    # bound of the encoder alone, against CTGAN's standalone DataTransformer).
    rec["transformer_s"] = sampler.timings_["encode"]
    rec["train_s"] = sampler.timings_["train"]
    start = time.perf_counter()
    out = sampler.sample(n_sample, minority)
    _stage(rec, "sample", start)
    return out


def _time_ctgan(rec, X, y, n_sample, seed):
    import ctgan.synthesizers.ctgan as ctgan_module
    from _peers import _to_ctgan
    from ctgan import CTGAN
    from ctgan.data_transformer import DataTransformer

    discrete = C.categorical_columns(X) + ["label"]
    table = _to_ctgan(X.assign(label=y.to_numpy()), discrete)
    start = time.perf_counter()
    transformer = DataTransformer()
    transformer.fit(table, discrete)
    encoded = transformer.transform(table)
    _stage(rec, "transformer", start)
    rec["encoded_width"] = encoded.shape[1]
    del encoded, transformer
    model = CTGAN(epochs=rec["ctgan_epochs"], batch_size=BATCH, pac=PAC, enable_gpu=False, **NET)
    model.set_random_state(seed)
    start = time.perf_counter()
    with (
        _Timer(ctgan_module.DataTransformer, "fit") as t_fit,
        _Timer(ctgan_module.DataTransformer, "transform") as t_transform,
        _Timer(ctgan_module.DataSampler, "__init__") as t_sampler,
    ):
        model.fit(table, discrete)
    _stage(rec, "fit", start)
    rec["train_s"] = rec["fit_s"] - (t_fit.seconds + t_transform.seconds + t_sampler.seconds)
    start = time.perf_counter()
    out = model.sample(n_sample)
    _stage(rec, "sample", start)
    # ctgan's DataTransformer.transform runs joblib (loky) worker processes for tables of
    # 500+ rows; stop them now (loky keeps idle workers 300 s) and count their peak too.
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)
    return out


def measure_perf(library, size, target_steps, n_sample, seed):
    import torch

    rec = {"library": library, "rows": size, "torch_threads": torch.get_num_threads()}
    rec["rss_start_mb"] = C.current_rss_mb()
    source, X, y = _grown_table(size, seed)
    rec["source"], rec["columns"] = source, X.shape[1]
    rec["rss_after_data_mb"] = C.current_rss_mb()
    steps_per_epoch = max(size // BATCH, 1)
    epochs = max(1, round(target_steps / steps_per_epoch))
    steps = epochs * steps_per_epoch
    rec.update(steps=steps, ctgan_epochs=epochs, batch_size=BATCH, pac=PAC)
    if library == "skgan":
        minority = int(pd.Series(y).value_counts().idxmin())
        out = _time_skgan(rec, X, y, minority, n_sample, seed)
    else:
        out = _time_ctgan(rec, X, y, n_sample, seed)
    rec["sampled_rows"] = len(out)
    rec["fit_setup_s"] = rec["fit_s"] - rec["train_s"]
    rec["train_rows_per_s"] = steps * BATCH / rec["train_s"]
    rec["train_steps_per_s"] = steps / rec["train_s"]
    rec["sample_rows_per_s"] = n_sample / rec["sample_s"]
    rec["peak_rss_mb"] = C.max_rss_mb()
    rec["peak_rss_children_mb"] = C.max_rss_children_mb()
    return rec


def perf_section(args):
    records = []
    for size in args.sizes:
        for library in ("skgan", "ctgan"):
            n_sample = min(max(size, 10_000), args.max_sample_rows)
            print(f"[perf] {library} {size} rows ...", flush=True)
            records.append(
                in_subprocess(measure_perf, library, size, args.steps, n_sample, args.seed)
            )
            r = records[-1]
            print(
                f"   transformer {r['transformer_s']:.2f}s  train {r['train_rows_per_s']:.0f} "
                f"rows/s  sample {r['sample_rows_per_s']:.0f} rows/s  peak "
                f"{r['peak_rss_mb']:.0f} MB",
                flush=True,
            )
    return records


# ------------------------------------------------------------------ end-to-end
def _e2e_data(n_minority, majority_ratio, seed):
    """Real held-out test rows; training rows grown (noisy bootstrap) to the wanted size."""
    from sklearn.model_selection import train_test_split

    if C.shared_available("twitter_bots"):
        name, (X, y) = "twitter_bots", C.load("twitter_bots")
        minority = 1
    else:
        name, (X, y) = "facebook_metrics", C.load("facebook_metrics")
        minority = 1
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=seed)
    rng = np.random.default_rng(seed)
    real_min = X_tr[y_tr.to_numpy() == minority]
    real_maj = X_tr[y_tr.to_numpy() != minority]
    n_majority = int(majority_ratio * n_minority)
    parts = []
    for rows, n, label in ((real_maj, n_majority, 1 - minority), (real_min, n_minority, minority)):
        if n <= len(rows):
            pick = rows.iloc[np.sort(rng.choice(len(rows), n, replace=False))].reset_index(
                drop=True
            )
        else:
            pick, _ = C.grow(rows.reset_index(drop=True), np.full(len(rows), label), n, rng)
        parts.append((pick, np.full(n, label)))
    X_train = pd.concat([p[0] for p in parts], ignore_index=True)
    y_train = pd.Series(np.concatenate([p[1] for p in parts]), name=y.name)
    info = {
        "dataset": name,
        "real_train_minority": len(real_min),
        "real_train_majority": len(real_maj),
        "train_minority": n_minority,
        "train_majority": n_majority,
        "minority_grown": n_minority > len(real_min),
        "majority_grown": n_majority > len(real_maj),
        "test_rows": len(y_te),
        "test_minority": int((y_te == minority).sum()),
    }
    return X_train, y_train, X_te.reset_index(drop=True), y_te.reset_index(drop=True), info


# The e2e methods, by record name: "none", SMOTENC and GANSampler from the library's
# registry, the opt-in cheaper recipe (costs quality), the 0.1.0 budget and CTGAN.
E2E_SAMPLERS = ("none", "SMOTENC", "GANSampler", EARLY_STOP_NAME, GAN_01_NAME, CTGAN_NAME)
_REGISTRY = {"none": "none", "SMOTENC": "smote", "GANSampler": "gan"}


def e2e_sampler(name, X, seed):
    """The sampler of an e2e record name (None for no resampling)."""
    from skgan import GANSampler
    from skgan.experiments import make_samplers

    if name in _REGISTRY:
        (sampler,) = make_samplers([_REGISTRY[name]], X, random_state=seed).values()
        return sampler
    if name == CTGAN_NAME:
        return CTGANOverSampler(random_state=seed)
    recipe = EARLY_STOP_RECIPE if name == EARLY_STOP_NAME else GAN_01_PARAMS
    return GANSampler(random_state=seed, **recipe)


def measure_e2e(name, n_minority, majority_ratio, seed):
    import torch
    from sklearn.metrics import average_precision_score, f1_score

    from skgan.experiments import default_classifiers
    from skgan.metrics import detection_auc

    X, y, X_te, y_te, info = _e2e_data(n_minority, majority_ratio, seed)
    rec = {"sampler": name, **info, "torch_threads": torch.get_num_threads()}
    rec["rss_start_mb"] = C.current_rss_mb()
    sampler = e2e_sampler(name, X, seed)
    start = time.perf_counter()
    X_res, y_res = (X, y) if sampler is None else sampler.fit_resample(X, y)
    rec["fit_resample_s"] = time.perf_counter() - start
    rec["peak_rss_mb"] = C.max_rss_mb()
    rec["n_synthetic"] = len(X_res) - len(X)
    rec["n_steps"] = getattr(sampler, "n_steps_", None)
    model = default_classifiers(X, names=("HGB",), random_state=seed)["HGB"]
    model.fit(X_res, np.asarray(y_res))
    proba = model.predict_proba(X_te)[:, 1]
    rec["hgb_f1"] = f1_score(y_te, (proba >= 0.5).astype(int))
    rec["hgb_pr_auc"] = average_precision_score(y_te, proba)
    if rec["n_synthetic"]:
        synthetic = pd.DataFrame(X_res).iloc[len(X) :].reset_index(drop=True)
        synthetic = synthetic.astype(X.dtypes.to_dict())
        real_min = X_te[y_te.to_numpy() == 1].reset_index(drop=True)
        rec["detection_auc"] = detection_auc(real_min, synthetic, random_state=seed)
    else:
        rec["detection_auc"] = float("nan")
    return rec


def e2e_section(args):
    records = []
    for n_minority, ratio in args.e2e:
        for name in E2E_SAMPLERS:
            print(f"[e2e] {n_minority} minority x {ratio}: {name} ...", flush=True)
            r = in_subprocess(measure_e2e, name, n_minority, ratio, args.seed)
            print(
                f"   {r['fit_resample_s']:.1f}s  F1 {r['hgb_f1']:.3f}  PR-AUC "
                f"{r['hgb_pr_auc']:.3f}  detection {r['detection_auc']:.3f}",
                flush=True,
            )
            records.append(r)
    return records


# ------------------------------------------------------------------ scaling
class RSSSampler:
    """Resident memory of this process over time, read from /proc/self/statm.

    A daemon thread samples every ``interval`` seconds; :meth:`window` gives
    the peak and last reading between two ``time.perf_counter()`` instants,
    which the stage timings of ``GANSampler.timings_`` delimit.
    """

    def __init__(self, interval=0.05):
        import threading

        self.interval, self.samples = interval, []
        self._page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def read(self):
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self._page_mb

    def _run(self):
        while not self._stop.is_set():
            self.samples.append((time.perf_counter(), self.read()))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.samples.append((time.perf_counter(), self.read()))

    def window(self, start, end):
        """(peak, last) RSS in MB of the samples taken in [start, end]."""
        inside = [rss for t, rss in self.samples if start <= t <= end] or [self.read()]
        return max(inside), inside[-1]


# stages of fit_resample in the order they run: GANSampler.timings_ (encode, train,
# check, generate: generation includes writing the rows into the output), then
# ``other``, the rest of the wall time (input checks before encode, the returned
# containers after generate), which timings_ does not split.
SCALING_STAGES = ("encode", "train", "check", "generate", "other")


def measure_scaling(n_rows, n_columns, n_steps, seed, progress_points=10):
    """Time and RSS per stage of ``fit_resample`` (defaults unless ``n_steps`` is given).

    Every memory figure is above ``rss_after_data_mb``, the process with its
    input table built (the baseline); ``x_frame`` figures divide by the
    frame's size (``memory_usage(deep=True)``).
    """
    import torch

    from skgan import GANSampler

    X, y = make_social_table(n_rows, n_columns, random_state=seed)
    rec = {"rows": n_rows, "columns": X.shape[1], "torch_threads": torch.get_num_threads()}
    rec["frame_mb"] = X.memory_usage(deep=True).sum() / 2**20
    rec["rss_after_data_mb"] = base = C.current_rss_mb()
    params = {} if n_steps is None else {"n_steps": n_steps}
    sampler = GANSampler(random_state=seed, **params)
    with RSSSampler() as rss:
        start = time.perf_counter()
        X_res, _ = sampler.fit_resample(X, y)
        end = time.perf_counter()
    rec["fit_resample_s"] = end - start
    rec["n_steps"], rec["batch_size"] = sampler.n_steps_, sampler.batch_size_
    stages = dict(sampler.timings_)
    stages["other"] = max(end - start - sum(stages.values()), 0.0)
    rec["stages_s"] = stages
    # Only durations are public: the stages are laid end to end from the start, so
    # each window is late by the input checks' share of ``other`` (a fraction of a
    # second at most on these tables) and ``other`` is placed at the end.
    edges = start + np.cumsum([0.0, *(stages[name] for name in SCALING_STAGES)])
    bounds = dict(zip(SCALING_STAGES, zip(edges[:-1], edges[1:])))
    for name in SCALING_STAGES:
        peak, last = rss.window(*bounds[name])
        rec[f"{name}_s"] = stages[name]
        rec[f"{name}_peak_mb"] = peak - base
        rec[f"{name}_end_mb"] = last - base
    # the generation stage in ``progress_points`` equal slices: RSS should stay flat
    edges = np.linspace(*bounds["generate"], progress_points + 1)
    rec["generate_progress_mb"] = [
        rss.window(a, b)[0] - base for a, b in zip(edges[:-1], edges[1:])
    ]
    rec["n_synthetic"] = len(X_res) - len(X)
    rec["output_mb"] = X_res.memory_usage(deep=True).sum() / 2**20
    rec["peak_rss_mb"] = C.max_rss_mb()
    rec["peak_above_baseline_mb"] = rec["peak_rss_mb"] - base
    rec["peak_above_baseline_x_frame"] = rec["peak_above_baseline_mb"] / rec["frame_mb"]
    rec["generate_over_train"] = stages["generate"] / max(stages["train"], 1e-9)
    # the whole timeline, thinned to at most 400 points: (seconds from start, MB above base)
    timeline = [(t - start, mb - base) for t, mb in rss.samples]
    step = max(len(timeline) // 400, 1)
    rec["rss_timeline"] = [[round(t, 2), round(mb, 1)] for t, mb in timeline[::step]]
    return rec


def scaling_section(args):
    records = []
    for n in args.scale_sizes:
        print(f"[scaling] {n} rows x {args.scale_columns} columns ...", flush=True)
        r = in_subprocess(measure_scaling, n, args.scale_columns, args.scale_steps, args.seed)
        print(
            f"   {r['fit_resample_s']:.1f}s  peak {r['peak_above_baseline_mb']:.0f} MB above "
            f"baseline ({r['peak_above_baseline_x_frame']:.2f}x the frame)",
            flush=True,
        )
        for name in SCALING_STAGES:
            print(f"   {name:9s} {r[name + '_s']:8.1f} s  peak {r[name + '_peak_mb']:7.0f} MB")
        records.append(r)
    slope = {}
    if len(records) >= 2:
        rows = np.log([r["rows"] for r in records])
        slope["time"] = float(
            np.polyfit(rows, np.log([r["fit_resample_s"] for r in records]), 1)[0]
        )
        slope["peak_rss"] = float(
            np.polyfit(rows, np.log([r["peak_rss_mb"] for r in records]), 1)[0]
        )
    return records, slope


def keep_sections(result, old, run_now):
    """Copy the sections of an earlier run that this run did not measure."""
    for section in ("perf", "e2e", "scaling"):
        if section in run_now or not old.get(section):
            continue
        for key in [k for k in old if k.split("_")[0] == section]:
            result[key] = old[key]
        result.setdefault(f"{section}_environment", old["environment"])
        result.setdefault(f"{section}_args", old["args"])


def _ints(text):
    return [int(float(v)) for v in text.split(",") if v]


def _tables(text):
    return [(int(m), float(r)) for m, r in (item.split(":") for item in text.split(",") if item)]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sections", default="perf,e2e,scaling")
    p.add_argument("--sizes", type=_ints, default=[2000, 20000, 200000])
    p.add_argument(
        "--steps",
        type=int,
        default=400,
        help="optimizer steps per training run (rounded to whole CTGAN epochs)",
    )
    p.add_argument("--max-sample-rows", type=int, default=200_000)
    p.add_argument(
        "--e2e",
        type=_tables,
        default=[(150, 5.0), (2000, 9.0)],
        help="end-to-end tables as MINORITY:RATIO,... (majority rows per minority row); "
        "default: a ~900-row table with 150 minority rows and a 20k-row one with 2k",
    )
    p.add_argument("--scale-sizes", type=_ints, default=[10_000, 100_000, 1_000_000])
    p.add_argument("--scale-columns", type=int, default=50)
    p.add_argument(
        "--scale-steps", type=int, default=None, help="GANSampler n_steps (default: its default)"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--threads",
        type=int,
        default=os.cpu_count(),
        help="torch threads of every measured process (default: all cores, as a user "
        "fitting one sampler gets)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="sizes 2000,20000; 60 steps; e2e with 150 and 500 minority rows; scaling 5k,20k",
    )
    p.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="a speed.json whose sections not run now are copied, with their environment",
    )
    p.add_argument("--out", type=Path, default=C.DEFAULT_OUT)
    args = p.parse_args(argv)
    if args.quick:
        given = set(a.split("=")[0] for a in (argv if argv is not None else sys.argv[1:]))
        defaults = {
            "--sizes": [2000, 20000],
            "--steps": 60,
            "--e2e": [(150, 5.0), (500, 5.0)],
            "--scale-sizes": [5000, 20000],
            "--max-sample-rows": 20000,
        }
        for flag, value in defaults.items():
            if flag not in given:
                setattr(args, flag[2:].replace("-", "_"), value)
    args.sections = [s for s in args.sections.split(",") if s]
    return args


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    env = C.environment(seeds={"seed": args.seed}, threads=args.threads)
    result = {
        "environment": env,
        "args": {
            k: C.portable_value(v, C.DEFAULT_OUT if k == "out" else None)
            for k, v in vars(args).items()
        },
    }
    if "perf" in args.sections:
        result["perf"] = perf_section(args)
        result["perf_note"] = (
            f"Table: {result['perf'][0]['source']} resampled with replacement to each size "
            "(numeric values x exp(N(0, 0.05))), label as CTGAN discrete column / skgan class. "
            f"Both: (256, 256) networks, batch {BATCH}, pac {PAC}, the same number of optimizer "
            "steps (whole CTGAN epochs), CPU. Encoder: CTGAN's = a first, standalone "
            "fit+transform of the table (including starting its joblib workers); skgan's = the "
            "encode stage of GANSampler.timings_ (encoder, marginals, conditions, networks), "
            "an upper bound of its encoder alone. Training time = the "
            "training loop inside fit (skgan: its train function; CTGAN: fit minus the time "
            "spent in DataTransformer.fit/transform and DataSampler construction). "
            "Ratios are skgan / CTGAN: above 1 means "
            "skgan is faster (throughput) or slower (seconds, MB). Peak RSS includes the "
            "Python + torch baseline and the table itself; CTGAN's encoder also runs joblib "
            "worker processes (all cores) whose largest peak is shown apart."
        )
    if "e2e" in args.sections:
        result["e2e"] = e2e_section(args)
        info = result["e2e"][0]
        result["e2e_note"] = (
            f"Data: {info['dataset']}; a stratified 30 % of the real rows is held out for testing "
            f"({info['test_rows']} rows, {info['test_minority']} minority). The real training "
            f"split ({info['real_train_minority']} minority, {info['real_train_majority']} "
            "majority rows) is subsampled, or grown by noisy bootstrap where a table asks for "
            "more rows than it has, to each table's minority and majority counts. Samplers with "
            "their defaults (GANSampler n_steps and batch_size 'auto', CTGAN 300 epochs on the "
            "minority rows, SMOTENC k=5 after median/mode imputation); 'GANSampler 0.1' is "
            "the 0.1.0 default budget (2000 steps at batch 200, no class screen); 'GANSampler "
            "early stop' is the opt-in cheaper recipe (early_stopping=True, "
            "learning_rate=1e-3; 'steps' is where it stopped). HGB trained on "
            "the resampled rows, scored on the real held-out rows; detection AUC of the "
            "synthetic minority rows vs the held-out real minority rows (0.5 = "
            "indistinguishable). 'x CTGAN' and 'x 0.1' are how many times faster than CTGAN "
            "and than the 0.1.0 default budget the sampler is on the same table, same run."
        )
    if "scaling" in args.sections:
        result["scaling"], result["scaling_slope"] = scaling_section(args)
    C.finish_environment(env, started)
    if args.keep:
        keep_sections(result, C.read_json(args.keep), args.sections)
    C.write_json(args.out / "speed.json", result)  # python docs/render shows it
    print(f"wrote {args.out / 'speed.json'}; {C.load_note(env)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
