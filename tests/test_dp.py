"""Differential privacy: DP-SGD discriminator, private encoder statistics, accounting."""

import sys

import numpy as np
import pandas as pd
import pytest
import torch

from skgan import GANSampler
from skgan._dp import _ALPHAS, ColumnNoise, _clipped_gradients, plan
from skgan._networks import Discriminator, build
from skgan._transformer import TableTransformer
from skgan.exceptions import PrivacyWarning

from .conftest import FAST_PARAMS, make_mixed_frame

pytest.importorskip("opacus", reason="differential privacy needs the 'dp' extra (opacus)")


def test_ghost_clipping_matches_per_row_gradients():
    discriminator = build(
        Discriminator, 7, (16, 8), 1, 0.0, generator=torch.Generator().manual_seed(0)
    )
    x = torch.randn(12, 5, generator=torch.Generator().manual_seed(1)) * 3
    cond = torch.nn.functional.one_hot(torch.arange(12) % 2, 2).float()
    trace = []
    loss = torch.nn.functional.softplus(-discriminator(x, cond, trace=trace)).sum()
    fast = _clipped_gradients(loss, trace, max_norm=0.5)

    params = [
        p
        for layer in [*discriminator.hidden, discriminator.out]
        for p in (layer.weight, layer.bias)
    ]
    expected = [torch.zeros_like(p) for p in params]
    norms = []
    for i in range(12):
        row = torch.nn.functional.softplus(-discriminator(x[i : i + 1], cond[i : i + 1])).sum()
        grads = torch.autograd.grad(row, params)
        norm = torch.sqrt(sum(g.pow(2).sum() for g in grads))
        norms.append(float(norm))
        for e, g in zip(expected, grads):
            e += g * min(1.0, 0.5 / (float(norm) + 1e-6))
    assert max(norms) > 0.5  # some rows are clipped, so the check is not vacuous
    for f, e in zip(fast, expected):
        np.testing.assert_allclose(f.detach().numpy(), e.numpy(), rtol=1e-4, atol=1e-6)


def test_empty_poisson_batch_gives_zero_signal():
    discriminator = build(
        Discriminator, 7, (16,), 1, 0.0, generator=torch.Generator().manual_seed(0)
    )
    trace = []
    loss = discriminator(torch.zeros(0, 5), torch.zeros(0, 2), trace=trace).sum()
    grads = _clipped_gradients(loss, trace, 1.0)
    assert [tuple(g.shape) for g in grads] == [(16, 7), (16,), (1, 16), (1,)]
    assert all(float(g.abs().sum()) == 0 for g in grads)


def test_fit_with_epsilon_reports_the_spent_budget(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS, epsilon=2.0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert 0.95 * 2.0 < sampler.epsilon_ <= 2.0
    assert sampler.delta_ == min(1e-5, 1 / (10 * len(X)))
    assert sampler.noise_multiplier_ > 0
    assert list(X_res.dtypes) == list(X.dtypes)
    assert (y_res == 1).sum() == (y_res == 0).sum()
    # discriminator losses on real rows are not private: not released
    assert np.isnan(sampler.history_[-1]["wasserstein"])
    assert np.isfinite(sampler.history_[-1]["loss_generator"])
    assert sampler.diversity_ == {}
    assert sampler.screens_ == []  # every screen reads the training rows: off under DP
    plain = GANSampler(**FAST_PARAMS).fit(X, y)
    assert plain.epsilon_ is None and plain.delta_ is None
    # neighbourhood, rounds, marginal hold, copies: all off under DP
    assert len(plain.screens_) == 4


def test_plan_composes_within_the_budget():
    encoder, sgd, accountant = plan(3.0, 1e-5, sample_rate=0.2, steps=500)
    assert encoder > 0 and sgd > 0
    accountant.history.append((sgd, 0.2, 500))
    assert 0.95 * 3.0 < accountant.get_epsilon(0.5e-5, alphas=_ALPHAS) <= 3.0


def test_smaller_epsilon_means_more_noise(mixed_data):
    X, y = mixed_data
    noise = [
        GANSampler(**FAST_PARAMS, epsilon=eps).fit(X, y).noise_multiplier_ for eps in (0.5, 5.0)
    ]
    assert noise[0] > 2 * noise[1]


def test_private_encoder_hides_outliers_and_rare_levels():
    rng = np.random.default_rng(0)
    n = 5000
    frame = pd.DataFrame(
        {
            "followers": np.append(rng.lognormal(5, 1, n - 1).round(), 3e9),
            "handle": np.append(rng.choice(["a", "b", "c"], n - 1), "celebrity").astype(object),
            "verified": rng.random(n) < 0.3,
        }
    )
    plain = TableTransformer(["handle", "verified"]).fit(frame)
    assert plain.numeric_[0].quantiles.max() == 3e9
    assert "celebrity" in plain.categorical_[0].levels

    encoder_noise, _, _ = plan(5.0, 1e-5, sample_rate=0.1, steps=100)
    noise = ColumnNoise(encoder_noise, 3, 5e-6, np.random.default_rng(0))
    private = TableTransformer(["handle", "verified"]).fit(frame, noise)
    grid = private.numeric_[0].quantiles
    assert grid.max() < 1e6  # one record does not set the range
    # the bulk is kept: private median within 25 % of the real one
    assert abs(np.median(grid) / np.median(frame["followers"]) - 1) < 0.25
    levels = private.categorical_[0].levels
    assert {"a", "b", "c"} <= set(levels) and "celebrity" not in levels
    # the unreleased level is encoded in the shared slot, and decodes to missing
    codes = private.codes(frame.tail(1))
    decoded = private.inverse_transform(
        np.zeros((1, 1)), codes - private.segment_offsets_[:-1], np.random.default_rng(0)
    )
    assert pd.isna(decoded["handle"].iloc[0])
    assert private.categorical_[1].levels == (False, True)  # bool: a public domain


def test_private_quantiles_track_the_distribution_on_large_data():
    rng = np.random.default_rng(1)
    values = rng.lognormal(3, 1, 50_000)
    grid = ColumnNoise(5.0, 1, 1e-6, np.random.default_rng(0)).quantiles(values, 101, len(values))
    real = np.quantile(values, np.linspace(0, 1, 101))
    # 10 % bins on the log scale: interior quantiles within 15 %
    np.testing.assert_allclose(grid[5:96], real[5:96], rtol=0.15)


def test_dp_noise_does_not_derive_from_random_state(mixed_data):
    # random_state is public (it is saved with the sampler): noise drawn from it
    # could be replayed and subtracted, so two fits with one seed must differ
    X, y = mixed_data
    a = GANSampler(**FAST_PARAMS, epsilon=3.0).fit(X, y)
    b = GANSampler(**FAST_PARAMS, epsilon=3.0).fit(X, y)
    assert not np.array_equal(
        a.transformer_.numeric_[0].quantiles, b.transformer_.numeric_[0].quantiles
    )
    weights = [list(m.generator_.parameters())[-1] for m in (a, b)]
    assert not torch.equal(*weights)


def test_integer_categorical_with_rare_levels_under_dp():
    rng = np.random.default_rng(0)
    n = 400
    X = pd.DataFrame(
        {
            "code": np.append(rng.choice([1, 2, 3], n - 1), 77),
            "count": rng.poisson(3, n),
            "flag": rng.random(n) < 0.4,
        }
    )
    y = (rng.random(n) < 0.3).astype(int)
    sampler = GANSampler(**FAST_PARAMS, categorical_features=["code"], epsilon=50.0)
    X_res, _ = sampler.fit_resample(X, y)
    synthetic = X_res.iloc[n:]
    assert list(X_res.dtypes) == list(X.dtypes)
    assert 77 not in set(synthetic["code"])  # one record's level is never released
    assert set(synthetic["code"]) <= {1, 2, 3}
    assert (synthetic["count"] >= 0).all()
    assert set(synthetic["flag"]) <= {False, True}


def test_copy_screen_with_epsilon_warns(mixed_data):
    X, y = mixed_data
    with pytest.warns(PrivacyWarning, match="epsilon_ does not describe"):
        GANSampler(**FAST_PARAMS, epsilon=3.0, reject_copies=True).fit(X, y)


@pytest.mark.parametrize("param, value", [("reject_copies", "near"), ("early_stopping", True)])
def test_epsilon_with_steps_that_read_training_rows_is_refused(mixed_data, param, value):
    X, y = mixed_data
    with pytest.raises(ValueError, match=f"{param}={value!r}".replace("'", '"') + " cannot"):
        GANSampler(**FAST_PARAMS, epsilon=1.0, **{param: value}).fit(X, y)


@pytest.mark.parametrize("bad", [0, -1.0, "high"])
def test_invalid_epsilon(mixed_data, bad):
    X, y = mixed_data
    with pytest.raises((ValueError, TypeError), match="epsilon"):
        GANSampler(**FAST_PARAMS, epsilon=bad).fit(X, y)


def test_missing_opacus_says_how_to_install(mixed_data, monkeypatch):
    X, y = mixed_data
    monkeypatch.setitem(sys.modules, "opacus", None)
    monkeypatch.setitem(sys.modules, "opacus.accountants", None)
    with pytest.raises(ImportError, match=r"skgan\[dp\]"):
        GANSampler(**FAST_PARAMS, epsilon=1.0).fit(X, y)


def test_privacy_attributes_survive_save_and_load(tmp_path):
    X, y = make_mixed_frame(n=200)
    sampler = GANSampler(**FAST_PARAMS, epsilon=4.0).fit(X, y)
    sampler.save(tmp_path / "dp.pt")
    loaded = GANSampler.load(tmp_path / "dp.pt")
    assert loaded.epsilon_ == sampler.epsilon_ and loaded.delta_ == sampler.delta_
    pd.testing.assert_frame_equal(loaded.sample(50, y=1), sampler.sample(50, y=1))
