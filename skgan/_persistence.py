"""Save and load a fitted GANSampler without pickle.

The file holds tensors and plain Python values only, and is read with
``torch.load(weights_only=True)``, so loading a file from an untrusted source
cannot execute code (unlike pickle or joblib). Each class gives its own state
(``get_state``) and takes it back (``from_state``); this module adds the
format header and reads and writes files.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import torch

FORMAT = "skgan.GANSampler"
FORMAT_VERSION = 3  # 3: per-class marginals and the residual generator (skgan 0.3)


def dtype_to_plain(dtype):
    if isinstance(dtype, pd.CategoricalDtype):
        return {"name": "category", "categories": list(dtype.categories), "ordered": dtype.ordered}
    return {"name": str(dtype)}


def dtype_from_plain(spec):
    if spec["name"] == "category":
        return pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec["name"])


def plain(value):
    """NumPy scalars to Python scalars, recursively (torch's safe loader wants plain types)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, torch.device):
        return str(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if callable(value) or isinstance(value, np.random.RandomState):
        return None  # a callable sampling_strategy is replaced by sampling_strategy_
    return value


def _version():
    from . import __version__

    return __version__


def save(sampler, path):
    state = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "skgan_version": _version(),
        **sampler._get_state(),
    }
    write_atomic(path, lambda file: torch.save(state, file))


def write_atomic(path, write):
    """Call ``write(file)`` on a temporary file beside ``path``, then move it into place.

    The temporary file is flushed and synced before ``os.replace`` puts it at
    ``path`` in one step: a write that fails midway (disk full, interrupted)
    leaves whatever was at ``path`` untouched, and removes the temporary file.
    """
    path = Path(os.fspath(path))
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Cannot save to {str(path)!r}: the folder {str(folder)!r} does not exist. "
            "Create it first (e.g. pathlib.Path(folder).mkdir(parents=True))."
        )
    if path.is_dir():
        raise IsADirectoryError(f"Cannot save to {str(path)!r}: it is a folder; name a file.")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except PermissionError as exc:
        raise PermissionError(
            f"Cannot save to {str(path)!r}: the folder {str(folder)!r} is not writable."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def load(cls, path):
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # the safe unpickler rejects anything but plain data
        raise ValueError(
            f"Could not read {path!s} as a saved GANSampler: {exc}. Only files written by "
            "GANSampler.save can be loaded (arbitrary objects are refused for safety)."
        ) from exc
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError("This file was not written by GANSampler.save.")
    if state["format_version"] != FORMAT_VERSION:
        raise ValueError(
            f"This file uses format version {state['format_version']} (written by skgan "
            f"{state['skgan_version']}), but skgan {_version()} reads version "
            f"{FORMAT_VERSION}. Load it with the skgan version that wrote it, draw the "
            "synthetic rows you need there, or refit with this version."
        )
    return cls._from_state(state)
