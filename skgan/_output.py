"""The output of ``fit_resample``: the input's rows, then the synthetic ones, in its container."""

import time

import numpy as np
import pandas as pd
from scipy import sparse

from ._generation import draw_rows, fitted_model
from ._sparse import stack_like


def to_input_format(X, frame, chunks, n_new):
    """The input followed by ``n_new`` synthetic rows (an iterable of chunks), in
    ``X``'s container.

    The output is allocated once, with the input's dtypes, and each chunk is
    written into it as it arrives, so that the output is the only full-size
    copy ever held (streaming: generate, decode, write, release).
    """
    if sparse.issparse(X):  # chunks decoded to sparse rows already (skgan._sparse)
        return stack_like(X, chunks)
    start = len(frame)
    if isinstance(X, pd.DataFrame):
        # input rows, then placeholders that the chunks overwrite
        fill = np.r_[np.arange(len(frame)), np.zeros(n_new, dtype=np.intp)]
        columns = [frame.iloc[:, j].array.take(fill) for j in range(frame.shape[1])]
        del fill  # n_rows + n_new positions: not held through generation
        for chunk in chunks:
            for j, column in enumerate(columns):
                column[start : start + len(chunk)] = chunk.iloc[:, j].array
            start += len(chunk)
        out = pd.DataFrame(dict(enumerate(columns)), copy=False)
        out.columns = X.columns
        return out
    array = np.asarray(X)
    dtype = array.dtype if array.dtype.kind != "O" else object
    out = np.empty((len(array) + n_new, array.shape[1]), dtype=dtype)
    out[: len(array)] = array
    for chunk in chunks:
        out[start : start + len(chunk)] = chunk.to_numpy(dtype=dtype)
        start += len(chunk)
    return out


def sampled_rows(fitted, chunks):
    """The rows of ``GANSampler.sample``: sparse after a sparse fit, a DataFrame after a
    fit on one with string column names, else an ndarray."""
    if fitted.get("sparse_codec_") is not None:
        return fitted["sparse_codec_"].stack(chunks)
    chunks = chunks or [fitted_model(fitted).empty()]
    frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    return frame if "feature_names_in_" in fitted else frame.to_numpy()


def append_synthetic(X, y, fitted, like=None):
    """All rows of a validated frame (in ``like``'s container) and their labels, with
    the synthetic rows of the fit ``fitted`` appended; times the generation."""
    clock = time.perf_counter()
    todo = [(label, n) for label, n in fitted["sampling_strategy_"].items() if n > 0]
    # generated lazily: each chunk goes into the output as soon as it exists
    chunks = (chunk for label, n in todo for chunk in draw_rows(fitted, n, label))
    X_new = to_input_format(X if like is None else like, X, chunks, sum(n for _, n in todo))
    y_new = np.concatenate([y] + [np.full(n, label, dtype=y.dtype) for label, n in todo])
    fitted["timings_"]["generate"] = time.perf_counter() - clock
    return X_new, y_new
