"""Save and load a fitted GANSampler without pickle.

The file holds tensors and plain Python values only, and is read with
``torch.load(weights_only=True)``, so loading a file from an untrusted source
cannot execute code (unlike pickle or joblib).
"""

import numpy as np
import pandas as pd
import torch

from ._networks import Generator
from ._training import ConditionSampler
from ._transformer import CategoricalColumn, NumericColumn, TableTransformer

FORMAT = "skgan.GANSampler"
FORMAT_VERSION = 1


def _dtype_to_plain(dtype):
    if isinstance(dtype, pd.CategoricalDtype):
        return {"name": "category", "categories": list(dtype.categories), "ordered": dtype.ordered}
    return {"name": str(dtype)}


def _dtype_from_plain(spec):
    if spec["name"] == "category":
        return pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec["name"])


def _params_to_plain(params):
    out = {}
    for key, value in params.items():
        if callable(value):
            value = None  # a callable sampling_strategy is replaced by sampling_strategy_
        elif isinstance(value, torch.device):
            value = str(value)
        elif isinstance(value, np.ndarray):
            value = value.tolist()
        elif isinstance(value, np.random.RandomState):
            value = None
        out[key] = value
    return out


def _plain(value):
    """NumPy scalars to Python scalars, recursively (torch's safe loader wants plain types)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def to_state(sampler):
    """Everything needed to sample again, as tensors and plain values."""
    t, c = sampler.transformer_, sampler.conditions_
    gen = sampler.generator_
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "skgan_version": _version(),
        "params": _params_to_plain(sampler.get_params()),
        "architecture": dict(gen.config),
        "generator": {k: v.cpu() for k, v in gen.state_dict().items()},
        "fitted": {
            "classes_": _plain(sampler.classes_.tolist()),
            "classes_dtype": str(sampler.classes_.dtype),
            "sampling_strategy_": {
                _plain(k): int(v) for k, v in sampler.sampling_strategy_.items()
            },
            "n_features_in_": int(sampler.n_features_in_),
            "feature_names_in_": (
                list(sampler.feature_names_in_) if hasattr(sampler, "feature_names_in_") else None
            ),
            "categorical_features_": sampler.categorical_features_.tolist(),
            "n_steps_": int(sampler.n_steps_),
            "history_": sampler.history_,
            "seed": int(sampler._numpy_seed),
            "privacy": [sampler.epsilon_, sampler.delta_, sampler.noise_multiplier_],
        },
        "transformer": {
            "columns": _plain(t.columns_),
            "n_quantiles": t.n_quantiles,
            "max_categories": t.max_categories,
            "numeric": [
                {
                    "name": _plain(s.name),
                    "dtype": _dtype_to_plain(s.dtype),
                    "quantiles": torch.as_tensor(s.quantiles, dtype=torch.float64),
                    "integral": s.integral,
                    "missing_segment": s.missing_segment,
                }
                for s in t.numeric_
            ],
            "categorical": [
                {
                    "name": _plain(s.name),
                    "dtype": _dtype_to_plain(s.dtype),
                    "levels": _plain(list(s.levels)),
                    "infrequent": _plain(list(s.infrequent)),
                    "infrequent_p": torch.as_tensor(s.infrequent_p, dtype=torch.float64),
                    "segment": s.segment,
                }
                for s in t.categorical_
            ],
        },
        "level_counts": torch.as_tensor(c.level_counts, dtype=torch.float64),
    }


def from_state(cls, state):
    """Rebuild a fitted sampler from :func:`to_state` output."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError("This file was not written by GANSampler.save.")
    if state["format_version"] != FORMAT_VERSION:
        raise ValueError(
            f"This file uses format version {state['format_version']} (written by skgan "
            f"{state['skgan_version']}), but skgan {_version()} reads version "
            f"{FORMAT_VERSION}. Load it with the skgan version that wrote it and refit."
        )
    params = {k: v for k, v in state["params"].items() if k in cls().get_params()}
    if isinstance(params.get("generator_dim"), list):
        params["generator_dim"] = tuple(params["generator_dim"])
    sampler = cls(**params)
    fitted = state["fitted"]
    sampler.classes_ = np.asarray(fitted["classes_"], dtype=fitted["classes_dtype"])
    sampler.sampling_strategy_ = dict(fitted["sampling_strategy_"])
    sampler.n_features_in_ = fitted["n_features_in_"]
    if fitted["feature_names_in_"] is not None:
        sampler.feature_names_in_ = np.asarray(fitted["feature_names_in_"], dtype=object)
    sampler.categorical_features_ = np.asarray(fitted["categorical_features_"], dtype=np.int64)
    sampler.n_steps_ = fitted["n_steps_"]
    sampler.history_ = fitted["history_"]
    sampler._numpy_seed = fitted["seed"]
    sampler.epsilon_, sampler.delta_, sampler.noise_multiplier_ = fitted["privacy"]
    sampler._training_hashes = None  # never saved: they would reveal membership
    sampler._dcr_reference, sampler.dcr_threshold_ = None, None  # nor training rows
    sampler._neighbours = None
    sampler.device_ = torch.device("cpu")
    sampler.transformer_ = _transformer_from_state(state["transformer"])
    level_counts = state["level_counts"].numpy()
    conditions = ConditionSampler.__new__(ConditionSampler)
    conditions.n_classes, conditions.n_discrete = len(sampler.classes_), level_counts.shape[1]
    conditions.n_segments = max(sampler.transformer_.n_segments_, 1)
    conditions.level_counts = level_counts
    conditions.forget_rows()
    sampler.conditions_ = conditions.to("cpu")
    arch = state["architecture"]
    generator = Generator(**arch)
    generator.load_state_dict(state["generator"])
    sampler.generator_ = generator.eval()
    return sampler


def _transformer_from_state(spec):
    t = TableTransformer(
        [c["name"] for c in spec["categorical"]],
        n_quantiles=spec["n_quantiles"],
        max_categories=spec["max_categories"],
    )
    t.columns_ = list(spec["columns"])
    t.numeric_ = [
        NumericColumn(
            name=s["name"],
            dtype=_dtype_from_plain(s["dtype"]),
            quantiles=s["quantiles"].numpy(),
            integral=s["integral"],
            missing_segment=s["missing_segment"],
        )
        for s in spec["numeric"]
    ]
    t.categorical_ = [
        CategoricalColumn(
            name=s["name"],
            dtype=_dtype_from_plain(s["dtype"]),
            levels=tuple(s["levels"]),
            infrequent=tuple(s["infrequent"]),
            infrequent_p=s["infrequent_p"].numpy(),
            segment=s["segment"],
        )
        for s in spec["categorical"]
    ]
    sizes = np.zeros(
        len([s for s in t.numeric_ if s.missing_segment is not None]) + len(t.categorical_),
        dtype=np.int64,
    )
    for s in t.numeric_:
        if s.missing_segment is not None:
            sizes[s.missing_segment] = 2
    for s in t.categorical_:
        sizes[s.segment] = len(s.levels)
    t._set_layout(sizes)
    return t


def _version():
    from . import __version__

    return __version__


def save(sampler, path):
    torch.save(to_state(sampler), path)


def load(cls, path):
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # the safe unpickler rejects anything but plain data
        raise ValueError(
            f"Could not read {path!s} as a saved GANSampler: {exc}. Only files written by "
            "GANSampler.save can be loaded (arbitrary objects are refused for safety)."
        ) from exc
    return from_state(cls, state)
