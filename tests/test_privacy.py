"""Privacy guarantees of GANSampler, checked on real data."""

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


def test_distance_guard_is_off_by_default(mixed_data):
    sampler = GANSampler(**FAST_PARAMS).fit(*mixed_data)
    assert not any(s.privacy and not hasattr(s, "fingerprints_") for s in sampler.screens_)
