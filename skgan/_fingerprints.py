"""Row fingerprints: the one row identity of skgan, for exact-copy detection.

A leaf module (NumPy and pandas only), so that :mod:`skgan.metrics` shares
the identity of the copy screen without importing the screens, and torch with
them.
"""

import numpy as np
import pandas as pd


def row_fingerprints(frame):
    """One 64-bit fingerprint per row of a DataFrame or 2-D array, for exact-copy detection.

    Numeric, boolean and datetime values are compared as float64 (``3`` equals
    ``3.0``, ``-0.0`` equals ``0.0``, every missing value equals every other),
    other values as text (``"en"`` as object equals ``"en"`` as category).
    The one row identity of skgan: the copy screen and
    :func:`skgan.metrics.exact_copy_rate` both use it.
    """
    frame = pd.DataFrame(frame) if isinstance(frame, np.ndarray) else frame
    # one column at a time, so memory stays at one column's worth of values
    combined = np.zeros(len(frame), dtype=np.uint64)
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if pd.api.types.is_datetime64_any_dtype(column):
            column = column.astype("int64").where(column.notna())
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            values = pd.to_numeric(column, errors="coerce").to_numpy(np.float64, na_value=np.nan)
            values = np.where(np.isnan(values), np.nan, values + 0.0)
        else:
            missing = column.isna().to_numpy()
            values = np.where(missing, "\x00<NA>", column.astype(str).to_numpy(object))
        combined = combined * np.uint64(1099511628211) ^ pd.util.hash_array(values)
    return combined
