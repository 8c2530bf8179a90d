"""A results file that a long comparison appends to as its tasks finish, and resumes from.

Each finished (split × sampler) task is one JSON line, written, flushed and
synced as soon as the task returns, so that an interrupt (Ctrl-C, a killed
job, a crash) costs only the tasks still running. The first line describes
the run (methods, classifiers, metrics, row count and the splits'
fingerprint): a file written for another run is refused instead of being
mixed into this one.
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np


def run_header(samplers, classifiers, scorers, splits, n_rows, synthetic):
    """What identifies a run, as plain values."""
    digest = hashlib.sha1()
    for train, test in splits:
        digest.update(np.asarray(train, dtype=np.int64).tobytes())
        digest.update(b"|")
        digest.update(np.asarray(test, dtype=np.int64).tobytes())
    return {
        "samplers": list(samplers),
        "classifiers": list(classifiers),
        "metrics": list(scorers),
        "n_rows": int(n_rows),
        "splits": digest.hexdigest(),
        "synthetic_metrics": bool(synthetic),
    }


class Checkpoint:
    """Finished tasks of one run, read from and appended to ``path``.

    Parameters
    ----------
    path : str or path-like
        The file; created (with its header) when it does not exist.
    header : dict
        :func:`run_header` of this run.
    """

    def __init__(self, path, header):
        self.path = Path(os.fspath(path))
        self.done = {}
        if self.path.exists() and self.path.stat().st_size:
            self._read(header)
        else:
            self._append({"header": header})

    def _read(self, header):
        with self.path.open() as file:
            lines = file.read().splitlines()
        found = json.loads(lines[0]).get("header")
        if found != header:
            raise ValueError(
                f"The checkpoint {str(self.path)!r} was written by another run (its methods, "
                "classifiers, metrics, rows or splits differ from this one's). Pass a new "
                "file, or delete this one to start over."
            )
        for line in lines[1:]:
            try:
                task = json.loads(line)
            except json.JSONDecodeError:
                break  # the last line of a run killed while writing it
            self.done[tuple(task["key"])] = (task["rows"], task["synthetic"])

    def _append(self, record):
        with self.path.open("a") as file:
            file.write(json.dumps(record, default=_plain) + "\n")
            file.flush()
            os.fsync(file.fileno())

    def add(self, key, rows, synthetic):
        """Record one finished task (``key`` = (sampler, repeat, fold))."""
        self._append({"key": list(key), "rows": rows, "synthetic": synthetic})
        self.done[tuple(key)] = (rows, synthetic)


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
