"""A synthetic social-media-like table of any size: the benchmarks' scaling and GPU data."""

import numbers

import numpy as np
import pandas as pd

# The levels of the categorical columns, in turn: from a handful to a long tail.
_LEVELS = (3, 8, 20, 60, 200)


def make_social_table(n_samples=1000, n_features=50, *, minority_share=0.1, random_state=0):
    """Generate a mixed-type, imbalanced table that looks like social-media account data.

    Columns, in order: 40 % counts (zero-inflated log-normal integers; every
    fourth one a nullable ``Int64`` with 10 % missing values), 15 % rates
    (beta-distributed floats; every other one 20 % ``NaN``), 20 % boolean
    flags and the rest categoricals with 3, 8, 20, 60 or 200 Zipf-distributed
    levels (every third one 5 % missing). A latent score drives counts, rates
    and flags, and the label depends on it, on ``flag_0`` and on ``cat_0``:
    classifiers have something to learn, and an over-sampler meets the column
    types of real account tables at a size no bundled dataset has.

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of rows.

    n_features : int, default=50
        Number of columns, at least 5 (one flag and one categorical column at least).

    minority_share : float in (0, 1), default=0.1
        Share of rows labelled 1 (the top of the score).

    random_state : int, numpy.random.Generator or None, default=0
        Seed of :func:`numpy.random.default_rng`; the same seed always gives
        the same table.

    Returns
    -------
    X : DataFrame of shape (n_samples, n_features)
        Columns ``count_*``, ``rate_*``, ``flag_*`` and ``cat_*``.

    y : Series of shape (n_samples,)
        The label (``0`` or ``1``), named ``"label"``.

    See Also
    --------
    load_variant : Real tables, with seeded imbalanced variants.

    Examples
    --------
    >>> from skgan.datasets import make_social_table
    >>> X, y = make_social_table(200, 10, random_state=0)
    >>> X.shape, int(y.sum())
    ((200, 10), 20)
    >>> sorted({column.split("_")[0] for column in X.columns})
    ['cat', 'count', 'flag', 'rate']
    """
    _check(n_samples, n_features, minority_share)
    rng = np.random.default_rng(random_state)
    n_count, n_rate, n_bool = (int(share * n_features) for share in (0.4, 0.15, 0.2))
    latent = rng.normal(size=n_samples)
    data = {
        **_counts(rng, n_count, latent),
        **_rates(rng, n_rate, latent),
        **_flags(rng, n_bool, latent),
        **_categoricals(rng, n_features - n_count - n_rate - n_bool, n_samples),
    }
    X = pd.DataFrame(data)
    noise = rng.normal(size=n_samples)
    score = latent + 0.5 * X["flag_0"] - 0.3 * (X["cat_0"] == "c0_0") + noise
    threshold = np.quantile(score, 1 - minority_share)
    y = pd.Series((score > threshold).astype(np.int64), name="label")
    return X, y


def _check(n_samples, n_features, minority_share):
    if not isinstance(n_samples, numbers.Integral) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}.")
    if not isinstance(n_features, numbers.Integral) or n_features < 5:
        raise ValueError(
            f"n_features must be an integer of at least 5 (a flag and a categorical column "
            f"drive the label), got {n_features!r}."
        )
    if not 0 < minority_share < 1:
        raise ValueError(f"minority_share must be in (0, 1), got {minority_share!r}.")


def _counts(rng, n_columns, latent):
    n = len(latent)
    out = {}
    for j in range(n_columns):
        scale = rng.uniform(1, 8)
        values = np.round(np.exp(scale + 1.5 * rng.normal(size=n) + 0.3 * latent))
        values[rng.random(n) < rng.uniform(0.05, 0.5)] = 0
        column = pd.Series(values.astype(np.int64))
        if j % 4 == 3:
            column = column.astype("Int64")
            column[rng.random(n) < 0.1] = pd.NA
        out[f"count_{j}"] = column
    return out


def _rates(rng, n_columns, latent):
    n = len(latent)
    out = {}
    for j in range(n_columns):
        values = rng.beta(2, 5, n) + 0.05 * latent
        if j % 2:
            values[rng.random(n) < 0.2] = np.nan
        out[f"rate_{j}"] = values
    return out


def _flags(rng, n_columns, latent):
    n = len(latent)
    return {
        f"flag_{j}": rng.random(n) < 1 / (1 + np.exp(-latent - rng.normal()))
        for j in range(n_columns)
    }


def _categoricals(rng, n_columns, n):
    out = {}
    for j in range(n_columns):
        k = _LEVELS[j % len(_LEVELS)]
        p = 1.0 / np.arange(1, k + 1)
        codes = rng.choice(k, n, p=p / p.sum())
        column = pd.Series(pd.Categorical.from_codes(codes, [f"c{j}_{i}" for i in range(k)]))
        if j % 3 == 2:
            column[rng.random(n) < 0.05] = np.nan
        out[f"cat_{j}"] = column
    return out
