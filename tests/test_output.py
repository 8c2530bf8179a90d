"""The output of fit_resample and sample (skgan._output)."""

import numpy as np
import pandas as pd

from skgan import GANSampler
from skgan._output import append_synthetic, sampled_rows, to_input_format

from .conftest import FAST_PARAMS


def _chunks(frame, sizes):
    start = 0
    for n in sizes:
        yield frame.iloc[start : start + n].reset_index(drop=True)
        start += n


def test_input_rows_first_then_chunks_in_the_input_container():
    frame = pd.DataFrame({"a": np.arange(4), "b": np.arange(4.0) / 2})
    new = pd.DataFrame({"a": [10, 11, 12], "b": [0.5, 1.5, 2.5]})
    out = to_input_format(frame, frame, _chunks(new, [2, 1]), 3)
    assert isinstance(out, pd.DataFrame) and list(out["a"]) == [0, 1, 2, 3, 10, 11, 12]
    assert (out.dtypes == frame.dtypes).all()
    array = to_input_format(frame.to_numpy(), frame, _chunks(new, [1, 2]), 3)
    assert isinstance(array, np.ndarray) and array.shape == (7, 2)
    assert np.array_equal(array[4:], new.to_numpy())


def test_append_synthetic_and_sampled_rows_follow_the_fit(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    fitted = dict(vars(sampler))
    X_new, y_new = append_synthetic(X, y, fitted)
    n_new = sampler.sampling_strategy_[1]
    assert len(X_new) == len(X) + n_new and (y_new[len(y) :] == 1).all()
    assert fitted["timings_"]["generate"] > 0
    empty = sampled_rows(vars(sampler), [])
    assert isinstance(empty, pd.DataFrame) and empty.shape == (0, X.shape[1])
    unnamed = {k: v for k, v in vars(sampler).items() if k != "feature_names_in_"}
    assert isinstance(sampled_rows(unnamed, []), np.ndarray)
