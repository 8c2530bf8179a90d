"""Property-based tests: random mixed-type frames either resample correctly or fail cleanly."""

import re
import warnings
from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skgan import GANSampler
from skgan.exceptions import SkganWarning

KINDS = (
    "float",
    "int",
    "nullable_int",
    "count",
    "bool",
    "nullable_bool",
    "category",
    "object",
    "string",
    "datetime",
    "tz_datetime",
    "timedelta",
    "float32",
    "uint8",
    "huge",
    "mixed_object",
    "constant",
    "all_missing",
)
# kinds whose dtype can hold a missing value
HOLD_MISSING = {
    "float",
    "nullable_int",
    "nullable_bool",
    "category",
    "object",
    "string",
    "datetime",
    "tz_datetime",
    "timedelta",
    "float32",
    "huge",
    "mixed_object",
    "constant",
}

# The errors skgan documents for bad input (docs/user_guide/input_handling.rst), with
# what their messages say: an error outside this list is an unclear one.
DOCUMENTED_ERRORS = (ValueError, TypeError)
CLEAR_MESSAGES = re.compile(
    "|".join(
        [
            r"more than 1 class",
            r"looks like an identifier",
            r"looks like free text",
            r"is not numeric",
            r"infinity in column",
            r"sampling_strategy",
            r"class .* not present",
            r"has only \d+ row",
        ]
    )
)


def _column(kind, n, rng):
    if kind == "float":
        return pd.Series(rng.standard_cauchy(n))
    if kind == "int":
        return pd.Series(rng.integers(-5, 5, n))
    if kind == "nullable_int":
        return pd.Series(rng.integers(0, 1000, n), dtype="Int64")
    if kind == "count":
        return pd.Series(rng.negative_binomial(1, 0.05, n))
    if kind == "bool":
        return pd.Series(rng.random(n) < 0.3)
    if kind == "nullable_bool":
        return pd.Series(rng.random(n) < 0.5, dtype="boolean")
    if kind == "category":
        return pd.Series(pd.Categorical(rng.choice(["a", "b", "c"], n), categories=list("abcd")))
    if kind == "object":
        return pd.Series(rng.choice(["x", "y"], n).astype(object))
    if kind == "string":
        return pd.Series(rng.choice(["en", "es", "fr"], n), dtype="string")
    if kind == "datetime":
        return pd.Series(
            pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), "s")
        )
    if kind == "timedelta":
        return pd.Series(pd.to_timedelta(rng.integers(0, 10**4, n), "min"))
    if kind == "tz_datetime":
        return pd.Series(pd.date_range("2021-03-01", periods=n, freq="7h", tz="Europe/Paris"))
    if kind == "float32":
        return pd.Series(rng.normal(size=n).astype(np.float32))
    if kind == "uint8":
        return pd.Series(rng.integers(0, 256, n).astype(np.uint8))
    if kind == "huge":
        return pd.Series(rng.normal(size=n) * 1e300)
    if kind == "mixed_object":
        return pd.Series(rng.choice(np.array([1, "a", 2.5], dtype=object), n))
    if kind == "constant":
        return pd.Series(np.full(n, 3.0))
    return pd.Series(np.full(n, np.nan))  # all missing


@st.composite
def tables(draw):
    # class sizes: tiny classes (a single row) and, through sampling_strategy, absent ones
    n_classes = draw(st.sampled_from([1, 2, 2, 2, 3, 3]))
    sizes = draw(st.lists(st.integers(1, 30), min_size=n_classes, max_size=n_classes))
    n = sum(sizes)
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    columns = {}
    for j, kind in enumerate(kinds):
        column = _column(kind, n, rng)
        if kind in HOLD_MISSING and draw(st.booleans()):
            column = column.mask(rng.random(n) < draw(st.floats(0, 1)))
        columns[f"c{j}_{kind}"] = column
    labels = draw(st.sampled_from([np.arange(3), np.array(["bot", "human", "cyborg"])]))
    y = pd.Series(rng.permutation(np.repeat(labels[: len(sizes)], sizes)), name="label")
    strategy = draw(st.sampled_from(["auto", "all", "present", "absent"]))
    if strategy in ("present", "absent"):
        counts = y.value_counts()
        strategy = {
            label: int(count) + draw(st.integers(0, 20)) for label, count in counts.items()
        }
        if draw(st.booleans()) or not strategy:
            strategy[labels[-1] if len(sizes) < 3 else "never"] = 5
    return pd.DataFrame(columns), y, strategy


# At least this share of the generated examples must resample: a test whose every
# example raised a documented error would pass while checking nothing.
MIN_RESAMPLED = 0.25  # runs of 80 examples resampled 47-76 % of them


def test_fit_resample_succeeds_or_fails_cleanly():
    outcomes = Counter()

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=tables(), n_steps=st.sampled_from([0, 2]))
    def run(data, n_steps):
        outcomes[check_fit_resample(*data, n_steps)] += 1

    run()
    share = outcomes["resampled"] / max(sum(outcomes.values()), 1)
    assert share >= MIN_RESAMPLED, f"only {share:.0%} of the examples resampled: {outcomes}"


def check_fit_resample(X, y, strategy, n_steps):
    """What every fit_resample must give: a clear error, or the rows asked for.

    Returns ``"error"`` or ``"resampled"``, so that the caller can count how
    many examples checked the resampled rows.
    """
    before = X.copy()
    sampler = GANSampler(
        sampling_strategy=strategy,
        n_steps=n_steps,
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
            assert CLEAR_MESSAGES.search(str(exc)), f"unclear error: {exc!r}"
            return "error"
    pd.testing.assert_frame_equal(X, before)  # the input is left alone
    # the original rows first and unchanged, in the input's columns and dtypes
    assert list(X_res.columns) == list(X.columns)
    assert X_res.dtypes.equals(X.dtypes)
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    assert y_res.iloc[: len(y)].tolist() == y.tolist()
    # the requested class counts
    expected = Counter(y.tolist())
    for label, n_new in sampler.sampling_strategy_.items():
        expected[label] += n_new
    assert Counter(y_res.tolist()) == expected
    if isinstance(strategy, dict):
        assert all(expected[label] == count for label, count in strategy.items())
    # no missing value where the class had none
    new, new_y = X_res.iloc[len(X) :], y_res.iloc[len(y) :].to_numpy()
    for label in np.unique(new_y):
        rows, real = new[new_y == label], X[y.to_numpy() == label]
        for name in X.columns:
            if not real[name].isna().any():
                assert not rows[name].isna().any(), (label, name)
    for name in X.columns:
        column = X[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            values = new[name].dropna()
            assert ((values >= column.min()) & (values <= column.max())).all(), name
    return "resampled"


def test_no_missing_values_where_the_class_had_none():
    rng = np.random.default_rng(0)
    a = rng.normal(size=201)
    a[1:][rng.random(200) < 0.5] = np.nan  # class 1: half missing; class 0 (row 0): observed
    X, y = pd.DataFrame({"a": a}), np.r_[0, np.ones(200, int)]
    sampler = GANSampler(n_steps=0, sampling_strategy={0: 501}, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkganWarning)
        X_res, _ = sampler.fit_resample(X, y)
    assert not X_res.iloc[len(X) :]["a"].isna().any()
