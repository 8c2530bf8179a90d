"""Per-class marginals and the residual generator that starts from them."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp

from skgan import GANSampler
from skgan._marginals import ClassMarginals, class_copulas

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
