"""Merge per-dataset quality.json files (runs split over machines or cores) into one.

Usage: python benchmarks/merge_quality.py OUT_DIR RUN_DIR [RUN_DIR ...]
"""

import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out, runs = (
        Path(argv[0]),
        [json.loads((Path(d) / "quality.json").read_text()) for d in argv[1:]],
    )
    first = runs[0]
    datasets = [d for run in runs for d in run["datasets"]]
    comp = pd.DataFrame([c for run in runs for c in run["comparisons"]])
    payload = {
        **first,
        "environment": {
            **first["environment"],
            "argv": ["benchmarks/merge_quality.py", *argv],
            "merged_runs": [r["environment"] for r in runs],
        },
        "args": {**first["args"], "datasets": [d["info"]["dataset"] for d in datasets]},
        "datasets": datasets,
        "comparisons": comp.to_dict(orient="records"),
        "target_check": C.target_check(comp) if not comp.empty else {},
    }
    C.write_quality(payload, out)
    for ref, c in payload["target_check"].items():
        print(
            f"GANSampler >= {ref}: {c['share_mean_ge']:.0%} of {c['cells']} cells, "
            f"W/T/L {c['wins']}/{c['ties']}/{c['losses']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
