"""Methods of the benchmarks beyond skgan's registry: the CTGAN peer and two GANSampler recipes.

The library's methods come from ``skgan.experiments.make_samplers`` (labels
included); this module adds what only the benchmarks compare: one CTGAN per
minority class, the opt-in early-stopping recipe and the 0.1.0 defaults.

CTGAN (``ctgan`` on PyPI) is licensed BUSL-1.1. It is a benchmark-only
dependency (the ``bench`` extra, installed in a separate virtual environment):
only the benchmark scripts import this module, skgan never does. The code
below is ours and calls ctgan's public API only (``CTGAN(...)``,
``set_random_state``, ``fit``, ``sample``).
"""

import _common as C
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state

CTGAN_NAME = "CTGAN"
# The opt-in cheaper GANSampler (results/variants/README.md, v5): early stopping on
# held-out detection at a higher learning rate.
EARLY_STOP_NAME = "GANSampler early stop"
EARLY_STOP_RECIPE = dict(early_stopping=True, learning_rate=1e-3)
# The 0.1.0 defaults, for the cost issue's 10x target (speed.py).
GAN_01_NAME = "GANSampler 0.1"
GAN_01_PARAMS = dict(n_steps=2000, batch_size=200, n_neighbors=None, early_stopping=False)

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

        frame = pd.DataFrame(X).reset_index(drop=True)
        y_arr = np.asarray(y)
        rs = check_random_state(self.random_state)
        strategy = _minority_counts(y_arr, self.sampling_strategy)
        discrete = C.categorical_columns(frame)
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
    out, discrete = {}, set(C.categorical_columns(like))
    for column in like.columns:
        col, dtype = sample[column], like[column].dtype
        if column in discrete:
            values = col.astype(object).where(col.astype(object) != _MISSING, np.nan)
            out[column] = values.astype(dtype) if dtype != np.dtype(bool) else values.astype(bool)
        else:
            values = col.astype("float64")
            if pd.api.types.is_integer_dtype(dtype):
                values = values.round().astype("Float64")
            out[column] = values.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(sample)))
