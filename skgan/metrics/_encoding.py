"""Shared input checks and encodings for the metrics.

Every metric compares two or three tables with the same columns. They are
checked and aligned once (:func:`check_tables`), then encoded jointly
(:func:`encode`): numeric columns as float64 with NaN for missing, categorical
columns as integer codes shared by all tables, with missing values as a level
of their own. Distance metrics work in :func:`gower_embeddings`, where the
Manhattan distance divided by the number of columns is Gower's distance on
the rank scale.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

from .._validation import check_numeric_columns, resolve_categorical, to_frame

# One-hot blocks wider than this are kept sparse for the neighbour search.
_MAX_DENSE_LEVELS = 512
# Beyond this many coordinates a k-d tree prunes too little to beat brute force.
_MAX_TREE_WIDTH = 32


class Layout(NamedTuple):
    """Which column is which, shared by every encoded table."""

    columns: list
    numeric: list
    categorical: list
    n_levels: np.ndarray  # (n_categorical,) levels per column, the missing level included


class Table(NamedTuple):
    """One table in the joint encoding."""

    num: np.ndarray  # (n_rows, n_numeric) float64, NaN where missing
    cat: np.ndarray  # (n_rows, n_categorical) int64 codes; missing = n_levels - 1


def check_tables(named, categorical_features="auto"):
    """Turn the named inputs into DataFrames with the same columns in the same order.

    Parameters
    ----------
    named : dict of str to array-like
        The tables, keyed by the name used in error messages.
    categorical_features : "auto", array-like or None
        As in :class:`~skgan.GANSampler`. With ``"auto"``, a column is
        categorical when its dtype is categorical in any of the tables.

    Returns
    -------
    frames : list of DataFrame
        The tables, in the order of ``named``, with the reference column order.
    categorical : list
        Labels of the categorical columns.
    """
    frames = {name: to_frame(X) for name, X in named.items()}
    # Arrays adopt the column names of the first DataFrame given, so that a
    # sampler's array output can be compared with the frame it was trained on.
    labelled = [name for name, X in named.items() if isinstance(X, pd.DataFrame)]
    ref_name = labelled[0] if labelled else next(iter(named))
    columns = frames[ref_name].columns
    for name, frame in frames.items():
        if not isinstance(named[name], pd.DataFrame) and frame.shape[1] == len(columns):
            frame = frame.set_axis(columns, axis=1)
        extra = [c for c in frame.columns if c not in columns]
        missing = [c for c in columns if c not in frame.columns]
        if extra or missing:
            raise ValueError(
                f"{name} and {ref_name} must have the same columns: {name} has "
                f"{extra} that {ref_name} lacks and lacks {missing}. Pass tables with "
                "the same columns (their order may differ)."
            )
        frames[name] = frame[list(columns)]
    if isinstance(categorical_features, str) and categorical_features == "auto":
        chosen = set().union(*(resolve_categorical(f, "auto") for f in frames.values()))
        categorical = [c for c in columns if c in chosen]
    else:
        categorical = resolve_categorical(frames[ref_name], categorical_features)
    for frame in frames.values():
        check_numeric_columns(frame, categorical)
    return list(frames.values()), categorical


def encode(frames, categorical):
    """Encode aligned frames jointly.

    Returns
    -------
    tables : list of Table
    layout : Layout
    """
    columns = list(frames[0].columns)
    chosen = set(categorical)
    numeric = [c for c in columns if c not in chosen]
    categorical = [c for c in columns if c in chosen]
    sizes = [len(f) for f in frames]
    nums = [
        np.column_stack([_to_float(f[c]) for c in numeric]) if numeric else np.empty((len(f), 0))
        for f in frames
    ]
    codes, n_levels = [], []
    for c in categorical:
        # Factorising the stacked column gives every table the same code per level.
        joint = pd.concat([f[c].astype(object) for f in frames], ignore_index=True)
        column_codes, uniques = pd.factorize(joint)
        column_codes = np.where(column_codes < 0, len(uniques), column_codes)
        codes.append(column_codes.astype(np.int64))
        n_levels.append(len(uniques) + 1)
    stacked = np.column_stack(codes) if codes else np.empty((sum(sizes), 0), dtype=np.int64)
    cats = np.split(stacked, np.cumsum(sizes)[:-1])
    layout = Layout(columns, numeric, categorical, np.asarray(n_levels, dtype=np.int64))
    return [Table(n, c) for n, c in zip(nums, cats)], layout


def _to_float(column):
    """A numeric column as float64 with NaN; dates and durations in seconds."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(column):
        ticks = column.astype("datetime64[ns]").to_numpy().view(np.int64)
    elif pd.api.types.is_timedelta64_dtype(column):
        ticks = column.astype("timedelta64[ns]").to_numpy().view(np.int64)
    else:
        return pd.to_numeric(column).to_numpy(dtype=np.float64, na_value=np.nan)
    return np.where(column.isna().to_numpy(), np.nan, ticks / 1e9)


def check_and_encode(named, categorical_features="auto"):
    """:func:`check_tables` then :func:`encode`."""
    frames, categorical = check_tables(named, categorical_features)
    return encode(frames, categorical)


def cap_levels(codes, max_levels):
    """Merge the rarest levels of each column so that none has more than ``max_levels``.

    Histogram gradient boosting accepts at most 255 categories per feature;
    the merged level keeps the rare values distinguishable from the frequent ones.
    """
    codes = codes.copy()
    for j in range(codes.shape[1]):
        counts = np.bincount(codes[:, j])
        if counts.size <= max_levels:
            continue
        rank = np.empty(counts.size, dtype=np.int64)
        rank[np.argsort(-counts, kind="stable")] = np.arange(counts.size)
        codes[:, j] = np.minimum(rank, max_levels - 1)[codes[:, j]]
    return codes


def rank_scale(values, reference):
    """Map numeric columns onto [0, 1] through the reference's empirical CDF.

    Heavy-tailed counts (followers, retweets) would make range-normalised
    distances vanish for all but the outliers; on the rank scale every column
    spreads its rows evenly. Ties take their mid-rank, values between
    reference values are interpolated and values outside the reference range
    are clipped to its ends. NaN stays NaN.
    """
    out = np.full(values.shape, np.nan)
    for j in range(values.shape[1]):
        ref = np.sort(reference[:, j][~np.isnan(reference[:, j])])
        if ref.size == 0:
            out[:, j] = np.where(np.isnan(values[:, j]), np.nan, 0.0)
            continue
        knots = np.unique(ref)
        mid = (np.searchsorted(ref, knots, "left") + np.searchsorted(ref, knots, "right")) / (
            2 * ref.size
        )
        out[:, j] = np.interp(values[:, j], knots, mid)
    return out


def gower_embeddings(tables, layout, reference):
    """Coordinates whose Manhattan distance is Gower's distance, for several tables.

    A numeric value ``v`` on the rank scale becomes ``(v/2, (1-v)/2, 0)`` and a
    missing one ``(0, 0, 1/2)``: two present values are ``|v - w|`` apart, a
    present and a missing one exactly 1, two missing ones 0. A categorical
    value becomes half a one-hot vector, so a mismatch costs 1. Dividing by
    the number of columns gives the mean per-column distance, in [0, 1].

    Coordinates that cannot change a distance are dropped, since the search
    time grows with their number: a numeric column missing nowhere is ``v``
    alone, a categorical column keeps the levels seen in some table, and one
    with two levels is a single 0/1 coordinate.

    Parameters
    ----------
    tables : list of Table
    layout : Layout
    reference : Table
        The table whose empirical CDFs scale the numeric columns.

    Returns
    -------
    list of ndarray or sparse matrix of shape (n_rows, n_coordinates)
    """
    n_columns = len(layout.columns)
    scaled = [rank_scale(t.num, reference.num) for t in tables]
    has_missing = np.any([np.isnan(v).any(axis=0) for v in scaled], axis=0)
    numeric = []
    for v in scaled:
        missing = np.isnan(v)
        present = np.where(missing, 0.0, v)
        holey = [
            0.5 * present[:, has_missing],
            0.5 * np.where(missing, 0.0, 1.0 - v)[:, has_missing],
            0.5 * missing[:, has_missing],
        ]
        numeric.append(np.hstack([present[:, ~has_missing], *holey]))

    # Number the levels seen in any table consecutively across columns.
    seen = np.zeros(int(layout.n_levels.sum()), dtype=bool)
    offsets = np.cumsum(layout.n_levels) - layout.n_levels
    for t in tables:
        seen[(t.cat + offsets).ravel()] = True
    counts = seen.astype(np.int64)
    n_seen = np.add.reduceat(counts, offsets) if offsets.size else counts
    # 1-based rank of each seen level within its column.
    level_rank = np.cumsum(counts) - np.repeat(
        np.cumsum(counts)[offsets] - counts[offsets], layout.n_levels
    )
    # A two-level column keeps its second level only, at full weight.
    binary = np.repeat(n_seen == 2, layout.n_levels)
    keep = seen & ~(binary & (level_rank == 1))
    weight = np.where(binary, 1.0, 0.5)
    position = np.cumsum(keep) - 1
    width = int(keep.sum())
    out = []
    for t, num in zip(tables, numeric):
        flat = (t.cat + offsets).ravel()
        kept = keep[flat]
        rows = np.repeat(np.arange(len(t.cat)), t.cat.shape[1])[kept]
        one_hot = sparse.csr_matrix(
            (weight[flat][kept], (rows, position[flat][kept])), shape=(len(t.cat), width)
        )
        if width > _MAX_DENSE_LEVELS:
            out.append(sparse.hstack([sparse.csr_matrix(num), one_hot], format="csr") / n_columns)
        else:
            out.append(np.hstack([num, one_hot.toarray()]) / n_columns)
    return out


def nearest_distance(queries, reference):
    """Distance from each query row to its closest reference row (Manhattan).

    A k-d tree is fastest for dense data of moderate width; wide or sparse
    data go to a brute-force search, chunked to bound its memory.
    """
    brute = sparse.issparse(reference) or reference.shape[1] > _MAX_TREE_WIDTH
    search = NearestNeighbors(
        n_neighbors=1, metric="manhattan", algorithm="brute" if brute else "kd_tree"
    )
    distance, _ = search.fit(reference).kneighbors(queries)
    return distance[:, 0]


def check_random_state_generator(random_state):
    """A NumPy Generator from ``random_state``, leaving the global state alone."""
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    return np.random.default_rng(random_state)
