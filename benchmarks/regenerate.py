"""Regenerate every published benchmark result and figure from the current code, then the docs.

Runs the benchmark scripts one stage after the other, each as its own
process from the repository root (the command each result records is the
one a reader reruns), then the renderer ``docs/render`` (docs pages,
results/*.md, figures and the README blocks between their markers): every
stage whose numbers a page or the README quotes. The ``gpu`` stage runs
only where a CUDA device is visible (``nvidia-smi``); elsewhere it is skipped
and the committed gpu.json stays. Resumable: a stage whose results file
already records the current commit is skipped unless ``--force STAGE``.

    .venv-bench/bin/python benchmarks/regenerate.py                   # everything
    .venv-bench/bin/python benchmarks/regenerate.py --stages dp,privacy
    .venv-bench/bin/python benchmarks/regenerate.py --quick           # smoke run

Run on a quiet machine (see benchmarks/README.md): a record measured under a
load above the core count is marked as such and its timings stay out of the
README.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C

QUICK_OUT = C.ROOT / ".bench-runs" / "quick"
NOISE_SAMPLERS = "none,ROS,SMOTE(NC),GANSampler"
NOISE_TABLES = (
    "facebook_metrics,youtube_spam_pos10,youtube_spam_pos3,twitter_bots_pos10,"
    "twitter_bots_pos3,instagram_fake_pos10,instagram_fake_pos3"
)


@dataclass
class Stage:
    script: str
    args: list
    quick: list
    result: str  # file stem in the output folder
    expected: str  # wall time, estimated from the committed records
    sections: tuple = ()  # speed.json sections this stage measures
    keep: bool = False  # pass --keep RESULT.json when it exists (speed.py)
    checkpoint: bool = False  # the script takes --checkpoint
    gpu: bool = False  # needs a CUDA device (the other stages hide any GPU)


STAGES = {
    "quality": Stage(
        "quality.py",
        [],
        ["--quick"],
        "quality",
        "~2 h (7,404 s for the 0.1.0 run of all ten tables; 4,069 s for refitting "
        "SMOTE(NC) and GANSampler alone in 0.3)",
    ),
    "noise": Stage(
        "quality.py",
        ["--label-noise", "--no-baselines", "--samplers", NOISE_SAMPLERS]
        + ["--datasets", NOISE_TABLES, "--name", "quality_noise"],
        ["--quick", "--label-noise", "--no-baselines", "--samplers", NOISE_SAMPLERS]
        + ["--name", "quality_noise"],
        "quality_noise",
        "~40 min (2,236 s recorded)",
    ),
    "ablation": Stage(
        "ablation.py",
        [],
        ["--quick"],
        "ablation",
        "~2-3 h (1,815 s recorded for 4 tables x 10 splits at --n-jobs 2, plus 90 s of "
        "realism; the default is 6 tables x 15 splits, one job)",
        checkpoint=True,
    ),
    "speed": Stage(
        "speed.py",
        ["--sections", "perf,e2e"],
        ["--quick", "--sections", "perf,e2e"],
        "speed",
        "~20-25 min (626 s recorded for e2e; perf was part of a 754 s run)",
        sections=("perf", "e2e"),
        keep=True,
    ),
    "scale": Stage(
        "speed.py",
        ["--sections", "scaling"],
        ["--quick", "--sections", "scaling"],
        "speed",
        "~12 min (610 s recorded for the 1M-row point alone; ~5 GB peak memory)",
        sections=("scaling",),
        keep=True,
    ),
    "privacy": Stage(
        "privacy.py",
        [],
        ["--datasets", "facebook_metrics"],
        "privacy",
        "~1 min (60 s recorded)",
    ),
    "dp": Stage(
        "dp.py",
        ["--datasets", "twitter_bots_pos10,youtube_spam_pos10", "--epsilons", "1,3,10,100"],
        ["--datasets", "youtube_spam_pos10", "--epsilons", "10", "--folds", "2"],
        "dp",
        "~30 min (1,881 s recorded)",
    ),
    "oversampling": Stage(
        "oversampling.py",
        ["--datasets", "twitter_bots_pos10", "--folds", "3"],
        ["--datasets", "facebook_metrics", "--folds", "2"],
        "oversampling",
        "~13 min (784 s recorded)",
    ),
    "cost": Stage(
        "cost_per_fold.py",
        [],
        ["youtube_spam_pos10", "--repeats", "1"],
        "cost_per_fold",
        "~1 min (two tables x two fresh processes, 5-7 s a fit in 0.3)",
    ),
    "text": Stage(
        "text.py",
        [],
        ["--quick"],
        "text",
        "~2 min (96 s recorded, on 2 busy cores)",
    ),
    "gpu": Stage(
        "gpu.py",
        [],
        ["--rows", "2000", "--steps", "50", "--batch", "500"],
        "gpu",
        "~5 min on an H100 (20k and 200k rows, batch 500 and 4000, CUDA and CPU)",
        gpu=True,
    ),
}


def _stage_help():
    return "; ".join(f"{name}: {stage.expected}" for name, stage in STAGES.items())


def current_commit():
    return C.git_commit()[0]


def done(stage, out, commit):
    """Whether the results file of ``stage`` in ``out`` records ``commit`` (for its sections)."""
    path = Path(out) / f"{stage.result}.json"
    if commit is None or not path.exists():
        return False
    payload = C.read_json(path)
    sections = stage.sections or (None,)
    for section in sections:
        if section is not None and not payload.get(section):
            return False
        env = payload.get(f"{section}_environment") or payload.get("environment", {})
        if env.get("commit") != commit or env.get("dirty"):
            return False
    return True


def command(name, stage, out, quick):
    """The command line of one stage, relative to the repository root."""
    argv = [f"benchmarks/{stage.script}", *(stage.quick if quick else stage.args)]
    out = Path(out)
    if out.resolve() != C.DEFAULT_OUT.resolve():
        argv += ["--out", C.portable_path(out.resolve())]
    if stage.checkpoint:
        argv += ["--checkpoint", f".bench-runs/checkpoints/{name}{'_quick' if quick else ''}"]
    if stage.keep and (out / f"{stage.result}.json").exists():
        argv += ["--keep", C.portable_path((out / f"{stage.result}.json").resolve())]
    return argv


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=f"Stages and their expected wall time on the 2-core machine: {_stage_help()}.",
    )
    p.add_argument(
        "--stages", default=",".join(STAGES), help=f"comma-separated, of {', '.join(STAGES)}"
    )
    p.add_argument(
        "--force",
        default="",
        help="comma-separated stages to rerun even when their results record this commit "
        "('all' for every stage)",
    )
    p.add_argument("--quick", action="store_true", help="every stage's smoke mode, for testing")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"results folder (default {C.portable_path(C.DEFAULT_OUT)}; with --quick "
        f"{C.portable_path(QUICK_OUT)}, leaving the published results and README alone)",
    )
    p.add_argument("--no-docs", action="store_true", help="skip docs/render at the end")
    p.add_argument("--dry-run", action="store_true", help="print what would run, run nothing")
    args = p.parse_args(argv)
    args.stages = [s for s in args.stages.split(",") if s]
    unknown = [s for s in args.stages if s not in STAGES]
    if unknown:
        p.error(f"unknown stage(s) {unknown}; choose from {list(STAGES)}")
    args.force = set(STAGES) if args.force == "all" else {s for s in args.force.split(",") if s}
    if args.out is None:
        args.out = QUICK_OUT if args.quick else C.DEFAULT_OUT
    return args


def docs_command(args):
    argv = ["docs/render"]
    if args.out.resolve() != C.DEFAULT_OUT.resolve():
        # real paths, not portable_path's record form: this command runs
        argv += ["--results", str(args.out.resolve())]
        argv += ["--docs", str((args.out / "docs").resolve()), "--no-readme"]
    return argv


def _run(argv, gpu=False):
    env = dict(os.environ)
    if not gpu:
        env.setdefault("CUDA_VISIBLE_DEVICES", "")  # CPU numbers: hide any GPU
    return subprocess.run([sys.executable, *argv], cwd=C.ROOT, env=env).returncode


def has_gpu():
    return shutil.which("nvidia-smi") is not None and os.environ.get("CUDA_VISIBLE_DEVICES") != ""


def main(argv=None):
    args = parse_args(argv)
    commit = current_commit()
    plan = []
    for name in args.stages:
        stage = STAGES[name]
        if name not in args.force and done(stage, args.out, commit):
            print(f"[regenerate] {name}: results record commit {commit[:12]}; skipped")
            continue
        if stage.gpu and not has_gpu():
            print(f"[regenerate] {name}: no CUDA device here; skipped (results kept)")
            continue
        plan.append(name)
    cores = os.cpu_count() or 1
    for name in plan:
        stage = STAGES[name]
        line = command(name, stage, args.out, args.quick)
        print(f"[regenerate] {name} (expected {stage.expected}): {' '.join(line)}", flush=True)
        if args.dry_run:
            continue
        load = os.getloadavg()[0]
        if load > cores:
            print(
                f"[regenerate] warning: load {load:.1f} on {cores} cores; this record's "
                "timings will be marked as not comparable",
                flush=True,
            )
        started = time.perf_counter()
        rc = _run(line, gpu=stage.gpu)
        print(f"[regenerate] {name}: exit {rc} after {time.perf_counter() - started:.0f} s")
        if rc:
            return rc
    if not args.no_docs:
        line = docs_command(args)
        print(f"[regenerate] docs: {' '.join(line)}", flush=True)
        if not args.dry_run:
            return _run(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
