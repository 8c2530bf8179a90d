"""Peer over-samplers for the benchmarks: CTGAN per minority class, and one-hot ADASYN/Borderline.

CTGAN (``ctgan`` on PyPI) is licensed BUSL-1.1. It is a benchmark-only
dependency (the ``bench`` extra, installed in a separate virtual environment):
only the benchmark scripts import this module, skgan never does. The code
below is ours and calls ctgan's public API only (``CTGAN(...)``,
``set_random_state``, ``fit``, ``sample``).
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.utils import check_random_state

from skgan._validation import is_categorical_dtype, to_frame

_MISSING = "__missing__"  # stands for a missing categorical value inside CTGAN


def _minority_counts(y, sampling_strategy):
    from imblearn.utils import check_sampling_strategy

    return check_sampling_strategy(sampling_strategy, np.asarray(y), "over-sampling")


class CTGANOverSampler(BaseEstimator):
    """One CTGAN per class to over-sample, fitted on that class's rows ("ctgan_min").

    Each class that ``sampling_strategy`` asks rows for gets its own CTGAN,
    fitted on the training rows of that class only, with CTGAN's defaults
    (300 epochs, batch 500, pac 10, (256, 256) networks) unless ``ctgan_params``
    says otherwise, and sampled to the exact count needed. The categorical
    columns (object, category, string, bool dtypes) are CTGAN's discrete
    columns.

    CTGAN rejects missing values in continuous columns: they are filled with
    the class's median before fitting (so its synthetic rows have none);
    missing categorical values are kept as a level of their own and decoded
    back to missing. Integer columns are rounded back to integers; no other
    post-processing (CTGAN may produce values outside the observed range,
    e.g. negative counts, and those are kept: that is what CTGAN does).

    Parameters
    ----------
    sampling_strategy : as in imbalanced-learn, default="auto"
    random_state : int or None
        Seeds every CTGAN (via ``CTGAN.set_random_state``, which swaps the
        global NumPy/torch states during its calls and restores them).
    ctgan_params : dict or None
        Keyword arguments of ``ctgan.CTGAN`` (e.g. ``{"epochs": 100}``).
    """

    def __init__(self, sampling_strategy="auto", random_state=None, ctgan_params=None):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.ctgan_params = ctgan_params

    def fit_resample(self, X, y):
        from ctgan import CTGAN

        frame = to_frame(X)
        y_arr = np.asarray(y)
        rs = check_random_state(self.random_state)
        strategy = _minority_counts(y_arr, self.sampling_strategy)
        discrete = [c for c in frame.columns if is_categorical_dtype(frame[c].dtype)]
        parts, labels = [frame], [y_arr]
        self.models_ = {}
        for label, n_new in strategy.items():
            if n_new <= 0:
                continue
            rows = frame[y_arr == label]
            train = _to_ctgan(rows, discrete)
            model = CTGAN(**(self.ctgan_params or {}))
            model.set_random_state(int(rs.randint(np.iinfo(np.int32).max)))
            model.fit(train, discrete_columns=discrete)
            self.models_[label] = model
            parts.append(_from_ctgan(model.sample(n_new), frame))
            labels.append(np.full(n_new, label, dtype=y_arr.dtype))
        X_res = pd.concat(parts, ignore_index=True)
        y_res = np.concatenate(labels)
        if isinstance(X, pd.DataFrame):
            X_res.columns = X.columns
        else:
            X_res = X_res.to_numpy()
        if isinstance(y, pd.Series):
            y_res = pd.Series(y_res, name=y.name)
        return X_res, y_res


def _to_ctgan(frame, discrete):
    """Median-filled numerics; discrete columns as objects with missing as a level."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        col = frame[column]
        if column in discrete:
            values = col.astype(object)
            out[column] = values.where(col.notna(), _MISSING)
        else:
            values = pd.to_numeric(col).astype("float64")
            median = values.median()
            out[column] = values.fillna(0.0 if np.isnan(median) else median)
    return out.reset_index(drop=True)


def _from_ctgan(sample, like):
    """Cast CTGAN's output back to the dtypes of ``like``."""
    out = {}
    for column in like.columns:
        col, dtype = sample[column], like[column].dtype
        if is_categorical_dtype(dtype):
            values = col.astype(object).where(col.astype(object) != _MISSING, np.nan)
            out[column] = values.astype(dtype) if dtype != np.dtype(bool) else values.astype(bool)
        else:
            values = col.astype("float64")
            if pd.api.types.is_integer_dtype(dtype):
                values = values.round().astype("Float64")
            out[column] = values.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(sample)))


class OneHotSampler(BaseEstimator):
    """Run a numeric-only sampler (ADASYN, BorderlineSMOTE) on a mixed table.

    Missing values are filled (median / most frequent, as
    :class:`skgan.experiments.ImputedSampler`), categorical columns are one-hot
    encoded as 0/1 columns, the sampler interpolates in that space, and each
    synthetic row's one-hot group is decoded back to its largest entry (the
    argmax). Numeric-only tables pass straight to the sampler.
    """

    def __init__(self, sampler):
        self.sampler = sampler

    def fit_resample(self, X, y):
        from skgan.experiments import ImputedSampler

        frame = to_frame(X)
        categorical = [c for c in frame.columns if is_categorical_dtype(frame[c].dtype)]
        filled, _ = _IdentitySampler.run(ImputedSampler(_IdentitySampler()), frame, y)
        if not categorical:
            return clone(self.sampler).fit_resample(filled, y)
        levels = {c: pd.unique(filled[c].astype(object)) for c in categorical}
        numeric = [c for c in frame.columns if c not in categorical]
        blocks = [filled[numeric].astype("float64").to_numpy()]
        for c in categorical:
            blocks.append(
                (filled[c].astype(object).to_numpy()[:, None] == levels[c][None, :]).astype(float)
            )
        matrix = np.hstack(blocks)
        M_res, y_res = clone(self.sampler).fit_resample(matrix, y)
        new = M_res[len(frame) :]
        out = {}
        for j, c in enumerate(numeric):
            values = pd.Series(new[:, j])
            if pd.api.types.is_integer_dtype(frame[c].dtype):
                values = values.round()
            out[c] = values.astype(frame[c].dtype)
        start = len(numeric)
        for c in categorical:
            k = len(levels[c])
            picked = levels[c][new[:, start : start + k].argmax(axis=1)]
            out[c] = pd.Series(picked, dtype=object).astype(frame[c].dtype)
            start += k
        synthetic = pd.DataFrame(out)[list(frame.columns)]
        X_res = pd.concat([frame, synthetic], ignore_index=True)
        if isinstance(y, pd.Series):
            y_res = pd.Series(np.asarray(y_res), name=y.name)
        return X_res, y_res


class _IdentitySampler(BaseEstimator):
    """Returns its input: lets ImputedSampler's filling be reused without resampling."""

    def fit_resample(self, X, y):
        return X, y

    @staticmethod
    def run(wrapper, X, y):
        return wrapper.fit_resample(X, y)
