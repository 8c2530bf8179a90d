"""Column roles and the encodings built on them, for the classifiers and the plots.

:mod:`skgan.experiments` builds its classifiers' preprocessing from these, and
:func:`skgan.plotting.plot_embedding` encodes real and synthetic rows with the
same one-hot encoding: a leaf both may import (scikit-learn, NumPy and pandas
only), so that plotting does not reach into the experiments.
"""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from ._validation import resolve_categorical, to_frame


def split_columns(X):
    """Categorical and numeric column labels, as ``GANSampler`` sees them.

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)

    Returns
    -------
    categorical, numeric : list
        Column labels (integer indices for arrays), in the order of ``X``;
        categorical are the object, category, string and bool columns.
    """
    frame = to_frame(X)
    categorical = resolve_categorical(frame, "auto")
    return categorical, [c for c in frame.columns if c not in categorical]


def signed_log1p(X):
    """``sign(X) * log1p(|X|)``, as float64.

    Social-media counts span orders of magnitude; a linear model sees them
    better on a log scale, and the sign keeps negative values (e.g. rate
    changes) meaningful.

    Parameters
    ----------
    X : array-like

    Returns
    -------
    ndarray of float64
    """
    X = np.asarray(X, dtype=np.float64)
    return np.sign(X) * np.log1p(np.abs(X))


def to_float(X):
    """Columns as float64, missing values as NaN.

    Nullable integer columns (``Int64``, with ``pd.NA``) become float64 with
    NaN, which every scikit-learn estimator reads.

    Parameters
    ----------
    X : DataFrame or array-like

    Returns
    -------
    DataFrame of float64
    """
    return pd.DataFrame(X).astype("float64")


def as_strings(X):
    """Categorical values as strings, missing values as NaN (what the encoders sort).

    Strings, so that bools, categories and objects encode alike.

    Parameters
    ----------
    X : DataFrame or array-like

    Returns
    -------
    DataFrame of object
    """
    frame = pd.DataFrame(X)
    return frame.astype(str).astype(object).where(frame.notna(), np.nan)


def one_hot_encoder(categorical, numeric):
    """Median-imputed, signed-log1p, standardised numerics; one-hot categoricals.

    Parameters
    ----------
    categorical, numeric : list
        Column labels, as :func:`split_columns` returns them.

    Returns
    -------
    ColumnTransformer
        Unfitted; missing numeric values get indicator columns, and missing
        categorical values are a category of their own.
    """
    return ColumnTransformer(
        [
            (
                "numeric",
                make_pipeline(
                    FunctionTransformer(to_float, feature_names_out="one-to-one"),
                    SimpleImputer(strategy="median", add_indicator=True),
                    FunctionTransformer(signed_log1p, feature_names_out="one-to-one"),
                    StandardScaler(),
                ),
                numeric,
            ),
            (
                "categorical",
                make_pipeline(
                    FunctionTransformer(as_strings, feature_names_out="one-to-one"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                categorical,
            ),
        ]
    )
