"""Save and load a fitted GANSampler without pickle.

The file holds tensors and plain Python values only, and is read with
``torch.load(weights_only=True)``, so loading a file from an untrusted source
cannot execute code (unlike pickle or joblib). Each class gives its own state
(``get_state``) and takes it back (``from_state``), with the helpers of
:mod:`skgan._plain`; this module adds the format header and reads and writes
files.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import torch

from ._conditions import ConditionSampler
from ._marginals import ClassMarginals
from ._networks import Generator
from ._plain import plain
from ._transformer import TableTransformer
from ._version import __version__

FORMAT = "skgan.GANSampler"
FORMAT_VERSION = 4  # 3: per-class marginals, residual generator (0.3); 4: 0.4 parameter set


def save(sampler, path):
    """Write ``sampler`` to ``path`` (``GANSampler.save``); refuse what a file cannot hold."""
    if getattr(sampler, "candidates_", None) is not None:
        raise ValueError(
            f"Cannot save a sampler fitted with candidates={sampler.candidates!r}: its "
            "candidates are drawn from the training rows, which a saved file never "
            'holds. Only candidates="generator" can be saved.'
        )
    if getattr(sampler, "sparse_codec_", None) is not None:
        raise ValueError(
            "Cannot save a sampler fitted on a sparse matrix: the file format holds no "
            "low-rank projection. Pickle it instead (e.g. joblib.dump)."
        )
    state = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "skgan_version": __version__,
        **sampler_state(sampler),
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
            f"{state['skgan_version']}), but skgan {__version__} reads version "
            f"{FORMAT_VERSION}. Load it with the skgan version that wrote it, draw the "
            "synthetic rows you need there, or refit with this version."
        )
    return sampler_from_state(cls, state)


def sampler_state(sampler):
    """Everything a fitted GANSampler needs to sample again, as tensors and plain values."""
    return {
        "params": {k: plain(v) for k, v in sampler.get_params().items()},
        "generator": {
            "config": dict(sampler.generator_.config),
            "weights": {k: v.cpu() for k, v in sampler.generator_.state_dict().items()},
        },
        "fitted": {
            "classes_": plain(sampler.classes_.tolist()),
            "classes_dtype": str(sampler.classes_.dtype),
            "sampling_strategy_": {
                plain(k): int(v) for k, v in sampler.sampling_strategy_.items()
            },
            "n_features_in_": int(sampler.n_features_in_),
            "feature_names_in_": plain(list(getattr(sampler, "feature_names_in_", []))),
            "categorical_features_": sampler.categorical_features_.tolist(),
            "n_steps_": int(sampler.n_steps_),
            "stopping_scores_": [float(v) for v in sampler.stopping_scores_],
            "batch_size_": int(sampler.batch_size_),
            "history_": sampler.history_,
            # the seed of every later draw: sampling's torch noise is seeded from it
            "numpy_seed": sampler._numpy_seed,
            "privacy": [sampler.epsilon_, sampler.delta_, sampler.noise_multiplier_],
        },
        "transformer": sampler.transformer_.get_state(),
        "conditions": sampler.conditions_.get_state(),
        "marginals": None if sampler.marginals_ is None else sampler.marginals_.get_state(),
    }


def sampler_from_state(cls, state):
    """A GANSampler (of class ``cls``) that can sample, from :func:`sampler_state` output."""
    params = {k: v for k, v in state["params"].items() if k in cls().get_params()}
    for key in ("generator_dim", "discriminator_dim"):
        params[key] = tuple(params[key])
    sampler = cls(**params)
    fitted = dict(state["fitted"])
    sampler.classes_ = np.asarray(fitted.pop("classes_"), dtype=fitted.pop("classes_dtype"))
    names = fitted.pop("feature_names_in_")
    if names:
        sampler.feature_names_in_ = np.asarray(names, dtype=object)
    sampler.categorical_features_ = np.asarray(fitted.pop("categorical_features_"), dtype=np.int64)
    # files written before 0.5 store [torch seed, numpy seed]; the torch seed
    # only seeded training, so it is not restored
    seeds = fitted.pop("seeds", None)
    sampler._numpy_seed = seeds[1] if seeds else fitted.pop("numpy_seed")
    if "validation_scores_" in fitted:  # the name before 0.5
        fitted["stopping_scores_"] = fitted.pop("validation_scores_")
    sampler.epsilon_, sampler.delta_, sampler.noise_multiplier_ = fitted.pop("privacy")
    for key, value in fitted.items():
        setattr(sampler, key, value)
    sampler.device_ = torch.device("cpu")
    sampler.candidates_ = None  # only the generator is saved
    sampler.screens_ = []  # screens hold training rows: never saved
    sampler.rounds_ = None  # the rounds' discriminators too
    sampler.detection_scores_ = {}
    sampler.transformer_ = TableTransformer.from_state(state["transformer"])
    sampler.conditions_ = ConditionSampler.from_state(state["conditions"]).to("cpu")
    sampler.marginals_ = (
        None if state["marginals"] is None else ClassMarginals.from_state(state["marginals"])
    )
    config = dict(state["generator"]["config"])
    mix, logits = (torch.zeros(shape) for shape in config.pop("base_shapes"))
    generator = Generator(**config, class_mix=mix, class_logits=logits)
    generator.load_state_dict(state["generator"]["weights"])
    sampler.generator_ = generator.eval()
    return sampler
