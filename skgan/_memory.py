"""A memory guard: refuse, before any work, an input whose fit would not fit in memory.

A wide input can make the fit need far more memory than the input itself (one
encoder per column, a ``c x c`` copula per class): the estimate below is made
from the input's shape alone, and an input whose estimate exceeds a budget
proportional to its size is refused with a message naming what to do, rather
than left to the operating system's out-of-memory killer.
"""

from .exceptions import MemoryBudgetError

_FLOOR = 2 * 1024**3  # bytes: any input may use this much
_FACTOR = 50  # ... or this many times its own size, whichever is larger
_QUANTILES = 1000  # the encoder's and the class marginals' grids (see _transformer)


def budget(input_bytes):
    """Bytes a fit of an input of ``input_bytes`` may need."""
    return max(_FLOOR, _FACTOR * int(input_bytes))


def dense_fit_bytes(n_rows, width, n_classes):
    """Peak bytes of the dense fit of ``n_rows`` x ``width`` encoded columns, roughly.

    The training block and its copies (encoder scores, per-class scores,
    float32 tensors: about six float64 copies), one quantile grid per column
    and class, and a few ``width x width`` float64 matrices per class (rank
    correlations, shrinkage, Cholesky factor).
    """
    n_q = min(_QUANTILES, max(n_rows, 2))
    return 8 * (6 * n_rows * width + (n_classes + 1) * width * n_q + 4 * n_classes * width**2)


def _gigabytes(n_bytes):
    return f"{n_bytes / 1024**3:.1f} GB"


def check_dense(frame, n_classes):
    """Refuse a dense table whose fit would need more than its budget.

    Raises
    ------
    MemoryBudgetError
        Naming the estimate, the budget and what to do.
    """
    n_rows, width = frame.shape
    need = dense_fit_bytes(n_rows, width, n_classes)
    allowed = budget(8 * n_rows * width)
    if need > allowed:
        raise MemoryBudgetError(
            f"X has {width:,} columns: fitting it would need about {_gigabytes(need)} of "
            f"memory (a {width:,} x {width:,} copula per class), more than the budget of "
            f"{_gigabytes(allowed)} ({_FACTOR} times the input, at least "
            f"{_gigabytes(_FLOOR)}). Pass a wide, mostly-zero table as a scipy sparse "
            "matrix (it is then learned in a low-rank space), or reduce its columns first "
            "(e.g. TruncatedSVD or feature selection in a pipeline before the sampler)."
        )


def sparse_fit_bytes(n_rows, n_features, rank, chunk_bytes):
    """Peak bytes of a sparse fit (skgan._sparse), roughly: the randomized SVD's
    (rank + 10) x n_features blocks (about three alive), the decoded chunk, and
    the dense fit of the ``n_rows x rank`` latent table."""
    k = rank + 10
    svd = 8 * 3 * k * (n_rows + n_features)
    return svd + 3 * chunk_bytes + dense_fit_bytes(n_rows, rank, 2)


def check_sparse(X, rank, chunk_bytes):
    """Refuse a sparse matrix whose fit would need more than its budget."""
    n_rows, n_features = X.shape
    size = X.nnz * (X.dtype.itemsize + 4) + 8 * (n_rows + 1)  # as CSR
    need = sparse_fit_bytes(n_rows, n_features, rank, chunk_bytes)
    allowed = budget(size)
    if need > allowed:
        raise MemoryBudgetError(
            f"X is a sparse matrix of {n_rows:,} rows and {n_features:,} columns with "
            f"{X.nnz:,} stored values: fitting it would need about {_gigabytes(need)} of "
            f"memory (a rank-{rank} projection of every column), more than the budget of "
            f"{_gigabytes(allowed)} ({_FACTOR} times the input, at least "
            f"{_gigabytes(_FLOOR)}). Reduce the columns first, e.g. "
            "TfidfVectorizer(max_features=...) or min_df, or a feature selection "
            "in the pipeline before the sampler."
        )
