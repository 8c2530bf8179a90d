"""Plain Python values for the save file: what torch's safe loader accepts.

A leaf module (NumPy and pandas only): the encoder builds its state with these
helpers and :mod:`skgan._persistence` builds the sampler's, so neither has to
import the other.
"""

import sys

import numpy as np
import pandas as pd


def plain(value):
    """NumPy scalars to Python scalars, recursively (torch's safe loader wants plain types).

    Parameters
    ----------
    value : object
        A scalar, array, list or tuple (nested freely), or a ``torch.device``.

    Returns
    -------
    value : object
        Python scalars for NumPy scalars, lists for arrays, text for a device,
        ``None`` for callables and ``RandomState`` instances (a callable
        ``sampling_strategy`` is replaced by ``sampling_strategy_``), anything
        else as it came.
    """
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    # A torch.device exists only once torch is imported: looking torch up among the
    # loaded modules keeps this module free of it.
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.device):
        return str(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if callable(value) or isinstance(value, np.random.RandomState):
        return None  # a callable sampling_strategy is replaced by sampling_strategy_
    return value


def dtype_to_plain(dtype):
    """A column dtype as a dict of plain values (categories and their order kept).

    Parameters
    ----------
    dtype : numpy or pandas dtype

    Returns
    -------
    spec : dict
        ``{"name": str(dtype)}``, or for a categorical dtype its categories
        and whether they are ordered; :func:`dtype_from_plain` reads it back.
    """
    if isinstance(dtype, pd.CategoricalDtype):
        return {"name": "category", "categories": list(dtype.categories), "ordered": dtype.ordered}
    return {"name": str(dtype)}


def dtype_from_plain(spec):
    """The dtype that :func:`dtype_to_plain` wrote as ``spec``.

    Parameters
    ----------
    spec : dict

    Returns
    -------
    dtype : numpy or pandas dtype
    """
    if spec["name"] == "category":
        return pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec["name"])
