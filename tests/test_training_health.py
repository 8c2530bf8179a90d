"""Divergence, collapse and missingness: what training reports about itself."""

import warnings

import numpy as np
import pandas as pd
import pytest

from skgan import GANSampler
from skgan.exceptions import ModeCollapseWarning, TrainingDivergedError

from .conftest import FAST_PARAMS, make_mixed_frame


def test_diverging_training_raises_with_history(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**{**FAST_PARAMS, "learning_rate": 1e12})
    with pytest.raises(TrainingDivergedError, match="diverged at step .*lower learning_rate") as e:
        sampler.fit(X, y)
    assert e.value.history.shape[1] == 5
    assert not np.isfinite(e.value.history).all()


def test_collapsed_generator_warns(monkeypatch):
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(300, 3)), columns=["a", "b", "c"])
    y = (rng.random(300) < 0.3).astype(int)
    from skgan import _networks

    forward = _networks.Generator.forward

    def constant_output(self, noise, cond):  # every row the same, whatever the noise
        return forward(self, noise, cond) * 0.0 + 1.0

    monkeypatch.setattr(_networks.Generator, "forward", constant_output)
    # a generator kept at its copula start is drawn without running the network
    monkeypatch.setattr("skgan._generation._at_copula", lambda generator: False)
    with pytest.warns(ModeCollapseWarning, match="collapsed"):
        sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    assert max(sampler.diversity_.values()) < 0.25


def test_healthy_training_does_not_warn(mixed_data):
    X, y = mixed_data
    with warnings.catch_warnings():
        warnings.simplefilter("error", ModeCollapseWarning)
        sampler = GANSampler(**{**FAST_PARAMS, "n_steps": 200}).fit(X, y)
    assert min(sampler.diversity_.values()) > 0.25


@pytest.mark.slow
def test_missingness_is_reproduced_per_class():
    # 'ratio' is missing for 10% of class 0 and 40% of class 1 (see make_mixed_frame)
    X, y = make_mixed_frame(n=2000, minority=0.3, seed=1)
    sampler = GANSampler(n_steps=2000, batch_size=200, random_state=0).fit(X, y)
    for label in (0, 1):
        real = X.loc[y == label, "ratio"].isna().mean()
        synthetic = sampler.sample(2000, y=label)["ratio"].isna().mean()
        assert abs(synthetic - real) < 0.12, (label, real, synthetic)


def test_missingness_rates_follow_class_quickly():
    rng = np.random.default_rng(0)
    n = 600
    y = np.r_[np.zeros(400, int), np.ones(200, int)]
    a = rng.normal(size=n)
    a[(y == 1) & (rng.random(n) < 0.6)] = np.nan  # missing only in class 1
    X = pd.DataFrame({"a": a, "b": rng.normal(size=n) + y})
    sampler = GANSampler(**{**FAST_PARAMS, "n_steps": 300}).fit(X, y)
    rate_0 = sampler.sample(1000, y=0)["a"].isna().mean()
    rate_1 = sampler.sample(1000, y=1)["a"].isna().mean()
    assert rate_1 > rate_0 + 0.3
