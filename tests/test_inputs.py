"""Input validation of a fit (skgan._inputs)."""

import numpy as np
import pandas as pd
import pytest

from skgan import GANSampler
from skgan._inputs import check_inputs, resolve_n_neighbors
from skgan.exceptions import SkganWarning


def test_inputs_hold_what_the_input_alone_decides(mixed_data):
    X, y = mixed_data
    frame, y_checked, binarized, inputs = check_inputs(GANSampler(), X, y)
    assert frame.shape == X.shape and not binarized and y_checked.ndim == 1
    assert inputs["n_features_in_"] == X.shape[1]
    assert list(inputs["feature_names_in_"]) == list(X.columns)
    assert inputs["sampling_strategy_"] == {1: int((y == 0).sum() - (y == 1).sum())}
    assert len(inputs["categorical_features_"]) > 0


def test_bad_labels_and_tiny_classes():
    X = pd.DataFrame({"a": np.arange(20.0)})
    with pytest.raises(ValueError, match="y contains NaN"):
        check_inputs(GANSampler(), X, np.r_[np.zeros(19), np.nan])
    with pytest.warns(SkganWarning, match="only 3 rows"):
        check_inputs(GANSampler(), X, np.r_[np.zeros(17, int), np.ones(3, int)])


def test_k_neighbors_is_the_deprecated_name_of_n_neighbors():
    assert resolve_n_neighbors(GANSampler(n_neighbors=7)) == 7
    with pytest.warns(FutureWarning, match="renamed n_neighbors"):
        assert resolve_n_neighbors(GANSampler(k_neighbors=3)) == 3
