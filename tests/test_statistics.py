"""Statistical sanity: on a known mixed distribution the synthetic minority looks real."""

import numpy as np

from skgan import GANSampler
from skgan.metrics import column_fidelity

from .conftest import make_mixed_frame


def test_synthetic_minority_matches_real_marginals_and_spread():
    # the generator itself: the class-neighbourhood screen (n_neighbors) trades some
    # marginal fidelity for rows inside the class's region, on purpose
    X, y = make_mixed_frame(n=1500, minority=0.3, seed=3)
    sampler = GANSampler(n_steps=1500, batch_size=200, n_neighbors=None, random_state=0)
    sampler.fit(X, y)
    real = X[y == 1]
    synthetic = sampler.sample(len(real) * 2, y=1)
    fidelity = column_fidelity(real, synthetic).set_index("column")
    # KS for numeric columns, total variation for categoricals: bounds measured
    # with margin (a 1,500-step fit scores at most 0.16 here)
    assert (fidelity["value"] < 0.25).all(), fidelity
    assert fidelity["missing_difference"].abs().max() < 0.15
    # not collapsed: numeric spread comparable to the real minority's
    for column in ("followers", "ratio", "score"):
        iqr = lambda s: s.quantile(0.75) - s.quantile(0.25)  # noqa: E731
        assert 0.5 < iqr(synthetic[column]) / iqr(real[column]) < 2.0, column
    assert sampler.diversity_[1] > 0.5
    # and it is the minority, not the majority: followers are larger in class 1
    assert synthetic["followers"].median() > X.loc[y == 0, "followers"].median()


def test_the_bounds_fail_for_rows_of_the_other_class():
    # the untrained generator already draws from each class's marginals (it starts
    # at the class's copula), so rows of the *other* class are the ones that must fail
    X, y = make_mixed_frame(n=1500, minority=0.3, seed=3)
    sampler = GANSampler(n_steps=1, n_neighbors=None, random_state=0).fit(X, y)
    real = X[y == 1]
    own = column_fidelity(real, sampler.sample(len(real) * 2, y=1))
    other = column_fidelity(real, sampler.sample(len(real) * 2, y=0))
    assert (own["value"] < 0.25).all(), own
    assert (other["value"] >= 0.25).any(), other
    assert np.isfinite(other["value"]).all()
