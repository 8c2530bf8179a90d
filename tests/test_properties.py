"""Property-based tests: random mixed-type frames either resample correctly or fail cleanly."""

import warnings
from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skgan import GANSampler
from skgan.exceptions import SkganWarning

KINDS = ("float", "int", "count", "bool", "category", "object", "constant")

# The errors skgan documents for bad input (docs/user_guide/input_handling.rst).
DOCUMENTED_ERRORS = (ValueError, TypeError)


@st.composite
def tables(draw):
    n = draw(st.integers(min_value=2, max_value=60))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    columns = {}
    for j, kind in enumerate(kinds):
        if kind == "float":
            values = rng.standard_cauchy(n)
        elif kind == "int":
            values = rng.integers(-5, 5, n)
        elif kind == "count":
            values = rng.negative_binomial(1, 0.05, n)
        elif kind == "bool":
            values = rng.random(n) < 0.3
        elif kind == "category":
            values = pd.Categorical(rng.choice(["a", "b", "c"], n))
        elif kind == "object":
            values = rng.choice(["x", "y"], n).astype(object)
        else:
            values = np.full(n, 3.0)
        column = pd.Series(values)
        missing = draw(st.floats(0, 1)) if draw(st.booleans()) else 0.0
        if missing and kind in ("float", "category", "object"):
            column = column.mask(rng.random(n) < missing)
        columns[f"c{j}_{kind}"] = column
    n_classes = draw(st.integers(1, 3))
    weights = rng.dirichlet(np.ones(n_classes))
    y = rng.choice(np.arange(n_classes), n, p=weights)
    return pd.DataFrame(columns), pd.Series(y, name="label")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=tables())
def test_fit_resample_succeeds_or_fails_cleanly(data):
    X, y = data
    sampler = GANSampler(
        n_steps=3,
        batch_size=20,
        generator_dim=(8,),
        discriminator_dim=(8,),
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkganWarning)
        try:
            X_res, y_res = sampler.fit_resample(X, y)
        except DOCUMENTED_ERRORS as exc:
            assert str(exc), "errors must say what is wrong"
            return
    assert list(X_res.columns) == list(X.columns)
    assert X_res.dtypes.equals(X.dtypes)
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    expected = Counter(y.tolist())
    for label, n_new in sampler.sampling_strategy_.items():
        expected[label] += n_new
    assert Counter(y_res.tolist()) == expected
