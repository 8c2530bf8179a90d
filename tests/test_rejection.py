"""Discriminator rejection (skgan._rejection) and through GANSampler."""

import numpy as np
import pytest

from skgan import GANSampler
from skgan._rejection import DiscriminatorScreen
from skgan._screens import Candidates, NeighborhoodScreen
from skgan.exceptions import PrivacyWarning

from .conftest import FAST_PARAMS


def _fitted(pool=4):
    rng = np.random.default_rng(0)
    real = rng.normal(size=(600, 2))
    y = np.zeros(600, dtype=int)

    def draw(n, k):  # candidates: half like the real rows, half far away
        return np.vstack([rng.normal(size=(n // 2, 2)), rng.normal(4.0, 1.0, (n - n // 2, 2))])

    return DiscriminatorScreen(pool=pool).fit_classes(draw, real, y, [0], rng), rng


def test_rows_that_leave_follow_the_odds_of_being_real():
    screen, rng = _fitted()
    near, far = rng.normal(size=(400, 2)), rng.normal(4.0, 1.0, (400, 2))
    assert screen.odds(near, 0).mean() > 10 * screen.odds(far, 0).mean()
    chunk = Candidates(np.vstack([near, far]), decode=None)
    mask = screen.keep(chunk, 0, np.random.default_rng(1))
    assert mask.sum() == 200  # one in four
    assert mask[400:].mean() < 0.1 * mask[:400].mean()  # hardly any far candidate leaves


def test_the_draw_is_reproducible_and_random():
    screen, rng = _fitted()
    chunk = Candidates(rng.normal(size=(400, 2)), decode=None)
    first = screen.keep(chunk, 0, np.random.default_rng(5))
    assert np.array_equal(first, screen.keep(chunk, 0, np.random.default_rng(5)))
    assert not np.array_equal(first, screen.keep(chunk, 0, np.random.default_rng(6)))


def test_a_class_without_a_classifier_keeps_its_share_in_order():
    screen, rng = _fitted(pool=2)
    chunk = Candidates(rng.normal(size=(9, 2)), decode=None)
    assert screen.keep(chunk, 1).tolist() == [True] * 5 + [False] * 4


def test_generation_draws_the_product_of_the_screens_draws(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    kinds = [type(s) for s in sampler.screens_]
    assert kinds[0] is NeighborhoodScreen and kinds[-1] is DiscriminatorScreen
    assert set(sampler.screens_[-1].classifiers_) == {1}  # the over-sampled class only
    X_res, y_res = sampler.fit_resample(X, y)
    assert (y_res == 1).sum() == (y_res == 0).sum()
    off = GANSampler(**FAST_PARAMS, discriminator_rejection=False).fit(X, y)
    assert DiscriminatorScreen not in [type(s) for s in off.screens_]


def test_off_under_differential_privacy_unless_asked(mixed_data):
    pytest.importorskip("opacus")
    X, y = mixed_data
    params = dict(FAST_PARAMS, n_steps=5, epsilon=5.0)
    private = GANSampler(**params).fit(X, y)
    assert DiscriminatorScreen not in [type(s) for s in private.screens_]
    with pytest.warns(PrivacyWarning, match="discriminator_rejection"):
        asked = GANSampler(**params, discriminator_rejection=True).fit(X, y)
    assert DiscriminatorScreen in [type(s) for s in asked.screens_]
