"""The output of ``fit_resample``: the input's rows, then the synthetic ones, in its container."""

import numpy as np
import pandas as pd
from scipy import sparse

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
