"""The sampler's input: validated once, into the frame and the attributes it alone decides."""

import warnings

import numpy as np
import pandas as pd
from imblearn.utils import check_sampling_strategy, check_target_type
from scipy import sparse
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length

from ._dp import check_private_params
from ._generation import show
from ._memory import check_dense
from ._sparse import check_sparse_input
from ._validation import (
    check_categorical_columns,
    check_numeric_columns,
    resolve_categorical,
    to_frame,
)
from .exceptions import SkganWarning

_FEW_ROWS = 5  # below this many rows a class is warned about and not checked for collapse


def check_inputs(sampler, X, y):
    """Validated ``(frame, y, binarized, inputs)`` of a fit of ``sampler``.

    ``inputs`` holds the fitted attributes that the input alone decides;
    nothing is set on the sampler.
    """
    check_classification_targets(y)
    y, binarized = check_target_type(y, indicate_one_vs_all=True)
    frame = None if sparse.issparse(X) else to_frame(X)
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    check_consistent_length(X if frame is None else frame, y)
    if pd.isna(pd.Series(y)).any():
        raise ValueError("Input y contains NaN. Drop the rows whose label is missing.")
    codec = None
    if frame is None:  # learned in a low-rank space, never densified: skgan._sparse
        frame, codec = check_sparse_input(X, y, sampler)
    else:
        check_dense(frame, len(np.unique(y)))
    categorical = resolve_categorical(frame, sampler.categorical_features)
    check_numeric_columns(frame, categorical)
    check_categorical_columns(frame, categorical)
    inputs = {
        "n_features_in_": X.shape[1] if codec else frame.shape[1],
        "categorical_features_": np.array(
            [frame.columns.get_loc(c) for c in categorical], dtype=np.int64
        ),
        "sampling_strategy_": check_sampling_strategy(
            sampler.sampling_strategy, y, sampler._sampling_type
        ),
    }
    if isinstance(X, pd.DataFrame) and all(isinstance(c, str) for c in X.columns):
        inputs["feature_names_in_"] = np.asarray(X.columns, dtype=object)
    if codec is not None:
        inputs["sparse_codec_"] = codec
    if sampler.epsilon is not None:
        check_private_params(sampler.get_params())
    _warn_few_rows(inputs["sampling_strategy_"], pd.Series(y).value_counts())
    return frame, y, binarized, inputs


def resolve_n_neighbors(sampler, stacklevel=6):
    """``n_neighbors``, or the deprecated ``k_neighbors`` when it is set (with a warning)."""
    if isinstance(sampler.k_neighbors, str) and sampler.k_neighbors == "deprecated":
        return sampler.n_neighbors
    warnings.warn(
        "k_neighbors was renamed n_neighbors in 0.4 and will be removed in 0.6. "
        f"Use n_neighbors={sampler.k_neighbors!r}.",
        FutureWarning,
        stacklevel=stacklevel,
    )
    return sampler.k_neighbors


def _warn_few_rows(strategy, counts):
    for label, n in strategy.items():
        if n > 0 and counts[label] < _FEW_ROWS:
            rows = "row" if counts[label] == 1 else "rows"
            warnings.warn(
                f"Class {show(label)} has only {counts[label]} {rows}: the generator cannot "
                "learn its distribution, and its synthetic rows will stay close to "
                "those few records. Consider collecting more data or merging classes.",
                SkganWarning,
                stacklevel=4,
            )
