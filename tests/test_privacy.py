"""Privacy guarantees of GANSampler, checked on real data."""

from skgan import GANSampler
from skgan._marginals import MarginalHold
from skgan._rounds import AdversarialRounds
from skgan._screens import CopyScreen, DistanceScreen, NeighborhoodScreen
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
    # the default stages, in the order they run: neighbourhood, rounds, marginals, copies
    kinds = [type(s) for s in sampler.screens_]
    assert kinds == [NeighborhoodScreen, AdversarialRounds, MarginalHold, CopyScreen]
    copy_screen = sampler.screens_[3]
    assert copy_screen.privacy and len(copy_screen.fingerprints_) > 0
    assert not any(isinstance(s, DistanceScreen) for s in sampler.screens_)
    # ... and reject_copies="near" is what adds the distance screen
    guarded = GANSampler(**{**FAST_PARAMS, "n_steps": 0, "reject_copies": "near"}).fit(*mixed_data)
    kinds = [type(s) for s in guarded.screens_]
    assert kinds[-2:] == [CopyScreen, DistanceScreen]  # the privacy screens run last
