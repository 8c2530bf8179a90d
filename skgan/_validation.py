"""Input checks for mixed-type tables: turn whatever the user passed into a DataFrame."""

import numbers

import numpy as np
import pandas as pd
from scipy import sparse

_CATEGORICAL_KINDS = "OSUb"  # object, bytes, unicode, bool


def to_frame(X):
    """Return ``X`` as a DataFrame with unique column labels.

    NumPy arrays, lists and sparse matrices get integer column labels; pandas
    sparse columns are densified (the GAN needs dense rows anyway).
    """
    if sparse.issparse(X):
        X = X.toarray()
    if isinstance(X, pd.DataFrame):
        frame = X
        if frame.columns.has_duplicates:
            dup = frame.columns[frame.columns.duplicated()].unique().tolist()
            raise ValueError(
                f"X has duplicate column names {dup}. Rename them so that each column "
                "can be decoded back to its own name."
            )
        # column by column: the frame's .sparse accessor exists only when every
        # column is sparse, and a sparse column left in would reach the output
        sparse_dtypes = {
            name: dtype.subtype
            for name, dtype in frame.dtypes.items()
            if isinstance(dtype, pd.SparseDtype)
        }
        if sparse_dtypes:
            frame = frame.astype(sparse_dtypes)
    else:
        if isinstance(X, pd.Series) or (hasattr(X, "ndim") and X.ndim == 1):
            raise ValueError(
                "Expected a 2D array, got a 1D array instead. Reshape your data with "
                "X.reshape(-1, 1) if it has a single feature."
            )
        array = np.asarray(X)
        if array.ndim != 2:
            raise ValueError(f"Expected a 2D array, got an array of shape {array.shape}.")
        if array.dtype.kind == "O":
            converted = _try_numeric(array)
            array = converted if converted is not None else array
        frame = pd.DataFrame(array)
    if frame.shape[0] == 0:
        raise ValueError(
            f"Found array with 0 sample(s) (shape={frame.shape}) while a minimum of 1 is required."
        )
    if frame.shape[1] == 0:
        raise ValueError(
            f"Found array with 0 feature(s) (shape={frame.shape}) while a minimum of 1 is "
            "required."
        )
    return frame.reset_index(drop=True)


def _try_numeric(array):
    try:
        return array.astype(np.float64)
    except (TypeError, ValueError):
        return None


def is_categorical_dtype(dtype):
    """Whether ``categorical_features='auto'`` treats a column of this dtype as categorical."""
    return (
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or getattr(dtype, "kind", "O") in _CATEGORICAL_KINDS
    )


def resolve_categorical(frame, categorical_features):
    """Column labels of the categorical features, from 'auto', names, indices or a mask."""
    columns = list(frame.columns)
    if isinstance(categorical_features, str) and categorical_features == "auto":
        return [c for c in columns if is_categorical_dtype(frame[c].dtype)]
    if categorical_features is None:
        return []
    selection = list(np.ravel(np.asarray(categorical_features, dtype=object)))
    if selection and all(isinstance(s, (bool, np.bool_)) for s in selection):
        if len(selection) != len(columns):
            raise ValueError(
                f"categorical_features is a boolean mask of length {len(selection)}, "
                f"but X has {len(columns)} features."
            )
        return [c for c, keep in zip(columns, selection) if keep]
    resolved = []
    for s in selection:
        if s in columns:
            resolved.append(s)
        elif isinstance(s, numbers.Integral) and -len(columns) <= s < len(columns):
            resolved.append(columns[s])
        else:
            raise ValueError(
                f"categorical_features contains {s!r}, which is neither a column name "
                f"nor a column index of X (columns: {columns[:10]}"
                f"{'...' if len(columns) > 10 else ''})."
            )
    return resolved


def check_numeric_columns(frame, categorical):
    """Every non-categorical column must be numeric and free of infinities."""
    chosen = set(categorical)
    for name in frame.columns:
        if name in chosen:
            continue
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_timedelta64_dtype(
            column
        ):
            continue  # learned as seconds, decoded back to dates / durations
        try:
            values = pd.to_numeric(column, errors="raise").to_numpy(
                dtype=np.float64, na_value=np.nan
            )
        except (TypeError, ValueError):
            raise ValueError(
                f"Column {name!r} is not numeric (dtype {column.dtype}). Declare it in "
                "categorical_features, or convert it to numbers."
            ) from None
        if np.isinf(values).any():
            raise ValueError(
                f"Input X contains infinity in column {name!r}. Replace infinite values "
                "(e.g. with NaN, which skgan learns as missing) before resampling."
            )


class RefusedColumnsError(ValueError):
    """Columns the sampler will not learn: identifiers and free text.

    The message tells a Python user what to do; :attr:`reasons` lets another
    front end, such as the command line, give the same diagnosis with its own
    remedy instead of repeating the checks.

    Parameters
    ----------
    reasons : dict
        Column name -> why it is refused, a phrase that follows the column's
        name and holds no remedy.
    free_text : list
        The refused columns that look like free text: they could also be
        turned into numbers, where an identifier can only be left out.
    """

    def __init__(self, reasons, free_text=()):
        self.reasons = dict(reasons)
        self.free_text = [name for name in self.reasons if name in set(free_text)]
        sentences = []
        for name, reason in self.reasons.items():
            remedy = (
                "turn it into numbers first (e.g. TfidfVectorizer + TruncatedSVD, or text "
                "statistics, in a ColumnTransformer before the sampler) or drop it from X"
                if name in self.free_text
                else "drop it from X before resampling"
            )
            sentences.append(f"Column {name!r} {reason}; {remedy}.")
        super().__init__(" ".join(sentences))


def check_categorical_columns(frame, categorical, min_rows=50):
    """Reject identifier and free-text columns, which a GAN can only copy.

    Every synthetic value of such a column would be a real user's identifier or
    sentence, i.e. a privacy leak, and carries no pattern to learn. Every
    refused column is named at once (:class:`RefusedColumnsError`), so that
    one edit of the input fixes them all.
    """
    reasons, free_text = {}, []
    for name in categorical:
        column = frame[name].dropna()
        if len(column) < min_rows:
            continue
        n_unique = column.nunique()
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            lengths = column.astype(str).str.len()
            if lengths.mean() > 40 and n_unique > 0.5 * len(column):
                reasons[name] = (
                    f"looks like free text (mean length {lengths.mean():.0f} characters, "
                    f"{n_unique} distinct values), which a GAN can only copy"
                )
                free_text.append(name)
                continue
        if n_unique >= 0.95 * len(column):
            reasons[name] = (
                f"looks like an identifier: {n_unique} distinct values in {len(column)} "
                "rows. Synthetic rows could only copy real identifiers"
            )
    if reasons:
        raise RefusedColumnsError(reasons, free_text)
