"""ScreenedSampler and its candidate sources: the untrained baselines of the ablation."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from skgan import GANSampler
from skgan.experiments import ScreenedSampler
from skgan.metrics import exact_copy_rate


@pytest.mark.parametrize("candidates", ["marginals", "interpolation"])
def test_rows_come_from_their_class_and_keep_the_containers(mixed_data, candidates):
    X, y = mixed_data
    sampler = ScreenedSampler(candidates=candidates, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    n = len(X)
    pd.testing.assert_frame_equal(X_res.iloc[:n], X)
    assert (X_res.dtypes == X.dtypes).all()
    counts = pd.Series(y_res).value_counts()
    assert counts.nunique() == 1  # balanced, as sampling_strategy="auto" asks
    new = X_res.iloc[n:]
    minority = X[y == pd.Series(y).value_counts().idxmin()]
    numeric = minority.select_dtypes("number").columns
    # within the class's observed range, column by column
    assert (new[numeric].min() >= minority[numeric].min() - 1e-9).all()
    assert (new[numeric].max() <= minority[numeric].max() + 1e-9).all()
    assert exact_copy_rate(X, new) == 0.0  # the copy screen runs as in GANSampler
    assert sampler.sampler_.n_steps_ == 0 and sampler.n_features_in_ == X.shape[1]


def test_marginals_break_the_joint_interpolation_keeps_it_and_the_rounds_mend_it():
    rng = np.random.default_rng(0)
    a = rng.normal(size=400)
    X = pd.DataFrame({"a": a, "b": a + 0.05 * rng.normal(size=400)})
    y = np.r_[np.zeros(300, int), np.ones(100, int)]
    out = {}
    for candidates, rounds in [("marginals", 0), ("marginals", 2), ("interpolation", 2)]:
        sampler = GANSampler(
            candidates=candidates,
            n_neighbors=None,
            n_rounds=rounds,
            random_state=0,
        )
        X_res, _ = sampler.fit_resample(X, y)
        new = X_res.iloc[len(X) :]
        out[candidates, rounds] = new["a"].corr(new["b"])
    assert abs(out["marginals", 0]) < 0.2 and out["interpolation", 2] > 0.95
    # the discriminators see that a and b go together and keep candidates where they do
    assert out["marginals", 2] > out["marginals", 0] + 0.2


def test_same_seed_same_rows_and_clone(mixed_data):
    X, y = mixed_data
    first = ScreenedSampler(random_state=1).fit_resample(X, y)[0]
    second = clone(ScreenedSampler(random_state=1)).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(first, second)


def test_unknown_candidates_are_refused(mixed_data):
    from sklearn.utils._param_validation import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="candidates"):
        ScreenedSampler(candidates="gan").fit_resample(*mixed_data)
