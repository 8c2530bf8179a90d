"""Privacy guarantees of GANSampler, checked on real data."""

import numpy as np
import torch

from skgan import GANSampler
from skgan.datasets import load_facebook_metrics
from skgan.metrics import exact_copy_rate

from .conftest import FAST_PARAMS


def test_no_exact_copies_on_real_data():
    X, y = load_facebook_metrics(return_X_y=True)
    X_res, y_res = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    synthetic = X_res.iloc[len(X) :]
    assert len(synthetic) == 360 - 139
    assert exact_copy_rate(X, synthetic) == 0.0


def test_dcr_guard_keeps_rows_away_from_training_rows(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS, dcr_guard=True).fit(X, y)
    assert sampler.dcr_threshold_ > 0
    rows = sampler.sample(300, y=1)
    t = sampler.transformer_
    distances = (
        torch.cdist(torch.as_tensor(t.transform(rows)), torch.as_tensor(t.transform(X)))
        .min(dim=1)
        .values.numpy()
    )
    assert np.all(distances >= sampler.dcr_threshold_ - 1e-4)
    # without the guard some rows do come that close
    unguarded = GANSampler(**FAST_PARAMS).fit(X, y).sample(300, y=1)
    near = (
        torch.cdist(torch.as_tensor(t.transform(unguarded)), torch.as_tensor(t.transform(X)))
        .min(dim=1)
        .values.numpy()
    )
    assert np.any(near < sampler.dcr_threshold_)


def test_guard_is_off_by_default(mixed_data):
    sampler = GANSampler(**FAST_PARAMS).fit(*mixed_data)
    assert sampler.dcr_threshold_ is None and sampler._dcr_reference is None


def test_neighbour_filter_keeps_rows_near_their_own_class():
    from sklearn.neighbors import NearestNeighbors

    from .conftest import make_mixed_frame

    X, y = make_mixed_frame(n=600, minority=0.2, seed=3)
    t_rows = {}
    for flag in (True, False):
        sampler = GANSampler(**FAST_PARAMS, neighbour_filter=flag).fit(X, y)
        rows = sampler.sample(400, y=1)
        t = sampler.transformer_
        nn = NearestNeighbors(n_neighbors=5).fit(t.transform(X))
        idx = nn.kneighbors(t.transform(rows), return_distance=False)
        t_rows[flag] = (y.to_numpy()[idx] == 1).any(axis=1)
    assert t_rows[True].all()
    assert not t_rows[False].all()  # without the filter some rows sit among the majority


def test_neighbour_filter_is_refused_with_epsilon():
    import pytest

    from .conftest import make_mixed_frame

    X, y = make_mixed_frame(n=200)
    with pytest.raises(ValueError, match="neighbour_filter=True cannot be combined"):
        GANSampler(**FAST_PARAMS, neighbour_filter=True, epsilon=1.0).fit(X, y)
