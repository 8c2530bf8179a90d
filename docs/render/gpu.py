"""The GPU table of the user guide (``docs/benchmarks/gpu.inc``) from gpu.json."""

import pandas as pd

from ._rst import list_table, version_note


def fragment(result):
    """The sentence naming the machine and the table of seconds per fit, CPU against CUDA."""
    records = pd.DataFrame(result["records"])
    table = records.pivot_table(index=["rows", "batch"], columns="device", values="seconds")
    table["speed-up"] = (table["cpu"] / table["cuda"]).round(1)
    table = table.reset_index().rename(columns={"cpu": "CPU (s)", "cuda": "CUDA (s)"})
    table["speed-up"] = [f"{v:.1f}x" for v in table["speed-up"]]
    steps = ", ".join(str(s) for s in sorted(set(records["steps"])))
    # gpu.json keeps a short record of its own: the release, not the full environment
    note = version_note({"versions": {"skgan": result["skgan"]}, "date": result["date"]})
    return "\n".join(
        [
            *([note] if note else []),
            f"On an {result['gpu']} with {result['cpu_cores']} CPU cores "
            f"({result['torch_threads']} PyTorch threads, PyTorch {result['torch']}, skgan "
            f"{result['skgan']}, seed {result['seed']}, {result['date']}), {steps} steps, "
            "seconds per fit:\n",
            list_table(table[["rows", "batch", "CPU (s)", "CUDA (s)", "speed-up"]]),
        ]
    )
