"""GPU vs CPU training time of GANSampler, measured in one run on one machine.

Usage: python benchmarks/gpu.py [--rows 20000 200000] [--steps 1000] [--out DIR]

The table is the benchmarks' synthetic social-media table
(``skgan.datasets.make_social_table``, 8 columns, 10 % minority). Writes gpu.json
(``python docs/render`` renders gpu.md): fit time on CUDA and on the
CPU of the same machine, training throughput (steps x batch / s), the speed-up, and
GPU utilisation sampled by nvidia-smi while the CUDA fits run.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import torch

import skgan
from skgan import GANSampler
from skgan.datasets import make_social_table

# Columns of the benchmarks' one social-media table (skgan.datasets.make_social_table).
N_COLUMNS = 8


def fit_time(X, y, device, steps, batch):
    sampler = GANSampler(n_steps=steps, batch_size=batch, device=device, random_state=0)
    if device == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    sampler.fit(X, y)
    if device == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def measure(args):
    """One record per rows x batch x device: seconds and rows per second of a fit."""
    # CUDA context and kernels warm-up
    fit_time(*make_social_table(2000, N_COLUMNS, random_state=0), "cuda", 20, 500)
    records = []
    for n in args.rows:
        X, y = make_social_table(n, N_COLUMNS, random_state=0)
        for batch in args.batch:
            for device in ("cuda", "cpu"):
                seconds = fit_time(X, y, device, args.steps, batch)
                records.append(
                    {
                        "rows": n,
                        "batch": batch,
                        "device": device,
                        "steps": args.steps,
                        "seconds": round(seconds, 2),
                        "rows_per_s": round(args.steps * batch / seconds),
                    }
                )
                print(records[-1], flush=True)
    return records


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--batch", type=int, nargs="+", default=[500, 4000])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to compare", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    util_log = args.out / "gpu_util.csv"
    monitor = subprocess.Popen(
        [
            "nvidia-smi",
            "--query-gpu=utilization.gpu",
            "--format=csv,noheader,nounits",
            "-lms",
            "200",
        ],
        stdout=util_log.open("w"),
    )
    try:
        records = measure(args)
    finally:
        monitor.terminate()
    util = pd.read_csv(util_log, header=None).iloc[:, 0]
    table = pd.DataFrame(records).pivot_table(
        index=["rows", "batch"], columns="device", values="seconds"
    )
    table["speed-up"] = (table["cpu"] / table["cuda"]).round(1)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "gpu": torch.cuda.get_device_name(0),
        "cpu_cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "skgan": skgan.__version__,
        "seed": 0,
        "records": records,
        "gpu_utilisation_percent": {
            "mean_while_busy": float(util[util > 0].mean()),
            "max": float(util.max()),
        },
    }
    (args.out / "gpu.json").write_text(json.dumps(result, indent=2))  # docs/render shows it
    print(table.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
