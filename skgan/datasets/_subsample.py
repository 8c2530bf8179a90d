"""Make imbalanced variants of a table by keeping a seeded fraction of one class."""

import numbers

import numpy as np
import pandas as pd


def subsample_class(X, y, *, label=1, fraction=0.1, random_state=0):
    """Keep a random fraction of the rows of one class, and every other row.

    Used to derive imbalanced variants of balanced datasets, for example
    keeping 10 % or 3 % of the positive class ("pos10", "pos3"). The same
    ``random_state`` always keeps the same rows; the global random state is
    not touched.

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        The features.
    y : Series or array-like of shape (n_samples,)
        The labels.
    label : object, default=1
        The class to subsample; it must occur in ``y``.
    fraction : float in (0, 1], default=0.1
        Share of the rows of ``label`` to keep, rounded to the nearest row
        and at least one row.
    random_state : int, numpy.random.Generator or None, default=0
        Seed (or generator) of the choice of rows.

    Returns
    -------
    X_subsampled : DataFrame or ndarray
        The kept rows, in their original order; a DataFrame gets a fresh
        ``RangeIndex``.
    y_subsampled : Series or ndarray
        Their labels, same container as ``y``.

    Notes
    -----
    To reach a minority *share* ``s`` instead, with ``n_pos`` rows of
    ``label`` and ``n_neg`` others, use
    ``fraction = s / (1 - s) * n_neg / n_pos``.

    Examples
    --------
    >>> from skgan.datasets import load_youtube_spam, subsample_class
    >>> X, y = load_youtube_spam(return_X_y=True)
    >>> X_small, y_small = subsample_class(X, y, label=1, fraction=0.1, random_state=0)
    >>> y_small.value_counts().sort_index().to_dict()
    {0: 950, 1: 100}
    """
    if not isinstance(fraction, numbers.Real) or not 0 < fraction <= 1:
        raise ValueError(f"fraction must be a number in (0, 1], got {fraction!r}.")
    labels = np.asarray(y)
    if len(labels) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(labels)}.")
    candidates = np.flatnonzero(labels == label)
    if candidates.size == 0:
        raise ValueError(f"label {label!r} does not occur in y (classes: {np.unique(labels)}).")
    n_keep = max(1, round(fraction * candidates.size))
    rng = np.random.default_rng(random_state)
    keep = labels != label
    keep[rng.choice(candidates, size=n_keep, replace=False)] = True
    return _take(X, keep), _take(y, keep)


def _take(data, mask):
    if isinstance(data, (pd.DataFrame, pd.Series)):
        return data[mask].reset_index(drop=True)
    return np.asarray(data)[mask]
