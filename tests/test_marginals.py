"""Per-class marginals and the residual generator that starts from them."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp

from skgan import GANSampler
from skgan._marginals import ClassMarginals, class_copulas
from skgan._screens import Candidates

from .conftest import FAST_PARAMS


@pytest.fixture
def two_classes():
    """Class 0 around 0, class 1 a skewed, correlated pair far to the right."""
    rng = np.random.default_rng(0)
    n0, n1 = 600, 200
    a1 = rng.gamma(2.0, 3.0, n1) + 10
    X = pd.DataFrame(
        {
            "a": np.r_[rng.normal(0, 1, n0), a1],
            "b": np.r_[rng.normal(0, 1, n0), 2 * a1 + rng.normal(0, 0.5, n1)],
            "kind": np.r_[
                rng.choice(["x", "y"], n0), rng.choice(["x", "y", "z"], n1, p=[0.1, 0.1, 0.8])
            ],
        }
    )
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    return X, y


def test_class_scores_are_standard_normal_within_each_class():
    rng = np.random.default_rng(0)
    z = np.r_[rng.normal(-1, 0.3, (500, 2)), rng.normal(2, 2.0, (300, 2))].astype(np.float32)
    y = np.r_[np.zeros(500, int), np.ones(300, int)]
    m = ClassMarginals().fit(z, np.ones_like(z, bool), y, 2)
    s = m.to_class(z, y)
    for k in (0, 1):
        assert abs(s[y == k].mean()) < 0.05 and abs(s[y == k].std() - 1) < 0.1
        np.testing.assert_allclose(m.from_class(s[y == k], k), z[y == k], atol=1e-3)


def test_missing_values_do_not_shape_the_class_marginal():
    z = np.r_[np.linspace(1, 2, 100), np.zeros(100)].astype(np.float32)[:, None]
    observed = np.r_[np.ones(100, bool), np.zeros(100, bool)][:, None]
    m = ClassMarginals().fit(z, observed, np.zeros(200, int), 1)
    assert m.quantiles_[0, 0].min() == pytest.approx(1.0)  # placeholders left out


def test_no_training_draws_each_column_from_its_class(two_classes):
    X, y = two_classes
    sampler = GANSampler(**{**FAST_PARAMS, "n_steps": 0, "n_neighbors": None}).fit(X, y)
    rows = sampler.sample(2000, y=1)
    real = X[y == 1]
    for column in ("a", "b"):
        assert ks_2samp(rows[column], real[column]).statistic < 0.06
    shares = rows["kind"].value_counts(normalize=True)
    assert shares["z"] == pytest.approx(0.8, abs=0.04)
    # ... with the class's rank correlation (a Gaussian copula) before any training
    assert real["a"].corr(real["b"], method="spearman") > 0.9
    assert rows["a"].corr(rows["b"], method="spearman") > 0.85


def test_copulas_are_correlations_of_each_class():
    rng = np.random.default_rng(0)
    a = rng.normal(size=400)
    scores = np.c_[a, -a + 0.1 * rng.normal(size=400), rng.normal(size=400)]
    y = np.r_[np.zeros(200, int), np.ones(200, int)]
    scores[y == 1, 1] = rng.normal(size=200)  # class 1: independent columns
    factors = class_copulas(scores, np.ones_like(scores, bool), y, 2, np.random.default_rng(0))
    corr = factors @ factors.transpose(0, 2, 1)
    assert corr[0, 0, 1] < -0.9 and abs(corr[1, 0, 1]) < 0.2
    np.testing.assert_allclose(np.diagonal(corr, axis1=1, axis2=2), 1.0, atol=1e-5)


def test_training_learns_how_columns_move_together(two_classes):
    X, y = two_classes
    params = {**FAST_PARAMS, "n_steps": 300, "n_neighbors": None}
    rows = GANSampler(**params).fit(X, y).sample(2000, y=1)
    assert rows["a"].corr(rows["b"]) > 0.5
    assert ks_2samp(rows["a"], X.loc[y == 1, "a"]).statistic < 0.15


def test_copula_of_a_large_class_is_estimated_on_a_sample():
    rng = np.random.default_rng(0)
    a = rng.normal(size=30_000)
    scores = np.c_[a, 0.8 * a + 0.6 * rng.normal(size=30_000)].astype(np.float32)
    y = np.zeros(30_000, int)
    factor = class_copulas(scores, np.ones_like(scores, bool), y, 1, np.random.default_rng(1))
    assert (factor[0] @ factor[0].T)[0, 1] == pytest.approx(0.8, abs=0.02)


def _with_missing(seed=0, n0=600, n1=400, rate=0.175):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "count": np.r_[rng.poisson(3, n0), rng.poisson(40, n1)].astype(float),
            "ratio": np.r_[rng.beta(2, 5, n0), rng.beta(5, 2, n1)],
            "score": rng.normal(size=n0 + n1),  # no row of the class is a copy of another
        }
    )
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    X.loc[np.flatnonzero(y == 1)[rng.random(n1) < rate], "ratio"] = np.nan
    return X, y


def test_marginal_hold_restores_missing_rates_and_marginals_after_a_biased_choice():
    X, y = _with_missing()
    sampler = GANSampler(**{**FAST_PARAMS, "n_steps": 0}, n_rounds=0).fit(X, y)
    hold = sampler.screens_[-2]
    assert type(hold).__name__ == "MarginalHold"
    assert np.allclose(hold.missing_rate_[1], [0.0, np.isnan(X["ratio"][y == 1]).mean(), 0.0])
    rng = np.random.default_rng(1)
    model = sampler._model()
    import torch

    encoded = model.encoded_rows(4000, 1, torch.Generator().manual_seed(0))
    # a choice that favours observed, small values: what a screen's preference does
    biased = encoded[np.argsort(encoded[:, 0] + encoded[:, 1] + 5 * encoded[:, 4])[:2000]]
    rows = Candidates(biased, decode=lambda e: model.decode(e, rng))
    held = hold.apply(rows, 1, rng)
    before, after = rows.decoded, held.decoded
    real = X[y == 1]
    rate = real["ratio"].isna().mean()
    assert abs(before["ratio"].isna().mean() - rate) > 0.1
    assert abs(after["ratio"].isna().mean() - rate) < 0.01
    for column in ("count", "ratio"):
        assert ks_2samp(before[column].dropna(), real[column].dropna()).statistic > 0.15
        assert ks_2samp(after[column].dropna(), real[column].dropna()).statistic < 0.06
    # the ranks, what the choice learnt about dependence, are kept
    observed = after["ratio"].notna() & before["ratio"].notna()
    assert before["count"].rank().corr(after["count"].rank()) > 0.99
    assert before.loc[observed, "ratio"].rank().corr(after.loc[observed, "ratio"].rank()) > 0.99


def test_default_output_keeps_the_class_missing_rate():
    X, y = _with_missing(n0=1500, n1=300)
    X_res, y_res = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    new = X_res.iloc[len(X) :]
    assert len(new) == 1200
    assert abs(new["ratio"].isna().mean() - X["ratio"][y == 1].isna().mean()) < 0.02
