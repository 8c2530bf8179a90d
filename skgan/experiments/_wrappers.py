"""Sampler wrappers for the comparisons: imputation, one-hot encoding and label noise.

Interpolating samplers (SMOTE and its kin) reject missing values and, except
SMOTENC, categorical columns; :class:`ImputedSampler` and
:class:`OneHotSampler` let them run on the tables :class:`~skgan.GANSampler`
takes as they are. :class:`LabelNoise` corrupts training labels to benchmark
inaccurate labels.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone

from .._columns import split_columns
from .._validation import to_frame


class ImputedSampler(BaseEstimator):
    """Fill missing values, then resample: SMOTE and its kin on tables with NaN.

    Interpolating samplers (SMOTE, SMOTENC, ADASYN, BorderlineSMOTE) reject
    missing values. This wrapper fills them from the rows it is given (the
    training fold, inside :func:`compare_samplers`): numeric columns with
    their median, categorical ones with their most frequent value, then
    calls the sampler. Nullable integer columns become floats, since
    interpolated rows are not integers anyway. The returned rows carry no
    missing values, so a classifier downstream sees imputed training data
    and raw test data; :class:`~skgan.GANSampler` needs no such wrapper.

    Parameters
    ----------
    sampler : sampler
        Any imbalanced-learn style sampler with ``fit_resample``; cloned at
        each call.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from imblearn.over_sampling import SMOTE
    >>> from skgan.experiments import ImputedSampler
    >>> X = pd.DataFrame({"likes": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]})
    >>> y = [0, 0, 0, 0, 0, 1, 1, 1]
    >>> X_res, y_res = ImputedSampler(SMOTE(k_neighbors=2, random_state=0)).fit_resample(X, y)
    >>> X_res.shape, int(X_res["likes"].isna().sum())
    ((10, 1), 0)
    """

    def __init__(self, sampler):
        self.sampler = sampler

    def fit_resample(self, X, y):
        """Fill missing values of ``X`` and resample with a clone of ``sampler``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Data, possibly with missing values.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled, y_resampled
            What ``sampler.fit_resample`` returns for the filled ``X``.
        """
        frame = to_frame(X)
        filled = _fill_missing(frame, *split_columns(frame))
        if isinstance(X, pd.DataFrame):
            filled.columns, filled.index = X.columns, X.index
        else:
            filled = filled.to_numpy()
        return clone(self.sampler).fit_resample(filled, y)


def _fill_missing(frame, categorical, numeric):
    """Numeric columns filled with their median (as floats), categorical with their mode."""
    filled = frame.copy()
    if numeric:
        values = frame[numeric].astype("float64")
        filled[numeric] = values.fillna(values.median())
    for column in categorical:
        if frame[column].isna().any():
            filled[column] = frame[column].fillna(frame[column].mode().iloc[0])
    return filled


class LabelNoise(BaseEstimator):
    """Corrupt the training labels, then resample: a benchmark of inaccurate labels.

    Social-media labels miss what they should catch: a bot nobody reported
    is labelled human. At each call, a share ``minority_flip`` of the rows
    of the rarest class is relabelled as the most frequent class, and a
    share ``majority_flip`` of the most frequent class's rows as the rarest
    class; then ``sampler`` (cloned) resamples the noisy table, or, with
    ``sampler=None``, the noisy table is returned as is. Inside
    :func:`compare_samplers` only training folds pass through it, so test
    folds keep their true labels.

    Parameters
    ----------
    sampler : sampler or None
        Any imbalanced-learn style sampler with ``fit_resample``.

    minority_flip, majority_flip : float, default=0.2, 0.01
        Shares of the rarest and of the most frequent class whose labels flip.

    random_state : int or None, default=None
        Seeds which rows flip (the same rows for every sampler given the same fold).

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.experiments import LabelNoise
    >>> X, y = np.zeros((110, 2)), np.array([0] * 100 + [1] * 10)
    >>> _, y_noisy = LabelNoise(None, random_state=0).fit_resample(X, y)
    >>> int((y_noisy[100:] == 0).sum()), int((y_noisy[:100] == 1).sum())
    (2, 1)
    """

    def __init__(self, sampler, minority_flip=0.2, majority_flip=0.01, random_state=None):
        self.sampler = sampler
        self.minority_flip = minority_flip
        self.majority_flip = majority_flip
        self.random_state = random_state

    def fit_resample(self, X, y):
        """Flip labels of ``y`` as described, then resample ``(X, y_noisy)``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Training data.

        y : array-like of shape (n_samples,)
            Training labels (at least two classes).

        Returns
        -------
        X_resampled, y_resampled
            What the sampler returns for the noisy labels.
        """
        rng = np.random.default_rng(self.random_state)
        values = np.asarray(y)
        labels, counts = np.unique(values, return_counts=True)
        rare, common = labels[np.argmin(counts)], labels[np.argmax(counts)]
        noisy = values.copy()
        for source, target, share in (
            (rare, common, self.minority_flip),
            (common, rare, self.majority_flip),
        ):
            rows = np.flatnonzero(values == source)
            noisy[rng.choice(rows, int(round(share * rows.size)), replace=False)] = target
        if isinstance(y, pd.Series):
            noisy = pd.Series(noisy, index=y.index, name=y.name)
        if self.sampler is None:
            return X, noisy
        return clone(self.sampler).fit_resample(X, noisy)


class OneHotSampler(BaseEstimator):
    """Run a numeric-only sampler (ADASYN, BorderlineSMOTE) on a table with categoricals.

    Missing values are filled as in :class:`ImputedSampler`, categorical
    columns are one-hot encoded as 0/1 columns, the sampler interpolates in
    that space, and each synthetic row takes, per categorical column, the
    level of its largest one-hot entry. Integer columns are rounded. The
    original rows come first, unchanged (missing values included); a table
    without categorical columns goes to :class:`ImputedSampler` directly.

    Parameters
    ----------
    sampler : sampler
        An imbalanced-learn style sampler with ``fit_resample`` that needs
        numeric input; cloned at each call.

    Examples
    --------
    >>> import pandas as pd
    >>> from imblearn.over_sampling import ADASYN
    >>> from skgan.experiments import OneHotSampler
    >>> X = pd.DataFrame({"likes": [1, 2, 3, 4, 5, 6, 7, 8],
    ...                   "type": ["a", "b", "a", "b", "a", "b", "b", "b"]})
    >>> y = [0, 0, 0, 0, 0, 1, 1, 1]
    >>> X_res, y_res = OneHotSampler(ADASYN(n_neighbors=2, random_state=0)).fit_resample(X, y)
    >>> len(X_res) > len(X), set(X_res["type"]) <= {"a", "b"}, X_res["likes"].dtype.kind
    (True, True, 'i')
    """

    def __init__(self, sampler):
        self.sampler = sampler

    def fit_resample(self, X, y):
        """One-hot encode, resample with a clone of ``sampler``, decode the new rows.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Data of mixed types, possibly with missing values.

        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled : DataFrame
            The rows of ``X``, then the synthetic rows, with the dtypes of ``X``.

        y_resampled : Series or ndarray
            Their labels (a Series when ``y`` is one).
        """
        frame = to_frame(X)
        categorical, numeric = split_columns(frame)
        if not categorical:
            return ImputedSampler(self.sampler).fit_resample(X, y)
        filled = _fill_missing(frame, categorical, numeric)
        levels = {c: pd.unique(filled[c].astype(object)) for c in categorical}
        blocks = [filled[numeric].astype("float64").to_numpy()]
        blocks += [
            (filled[c].astype(object).to_numpy()[:, None] == levels[c]) for c in categorical
        ]
        matrix = np.hstack(blocks).astype(np.float64)
        M_res, y_res = clone(self.sampler).fit_resample(matrix, y)
        new = M_res[len(frame) :]
        decoded = {}
        for j, c in enumerate(numeric):
            values = pd.Series(new[:, j])
            integer = pd.api.types.is_integer_dtype(frame[c].dtype)
            decoded[c] = (values.round() if integer else values).astype(frame[c].dtype)
        start = len(numeric)
        for c in categorical:
            picked = levels[c][new[:, start : start + len(levels[c])].argmax(axis=1)]
            decoded[c] = pd.Series(picked, dtype=object).astype(frame[c].dtype)
            start += len(levels[c])
        synthetic = pd.DataFrame(decoded)[list(frame.columns)]
        X_res = pd.concat([frame, synthetic], ignore_index=True)
        if isinstance(y, pd.Series):
            y_res = pd.Series(np.asarray(y_res), name=y.name)
        return X_res, y_res
