"""Sparse input: learn a scipy sparse matrix in a low-rank space, hand back sparse rows.

A TF-IDF matrix (thousands of columns, a handful of non-zeros per row) cannot
go through the dense machinery: one encoder per column and a ``c x c``
copula per class take gigabytes, and every densified row is almost all
zeros. :class:`SparseCodec` instead

1. projects the rows onto ``rank`` directions (randomized truncated SVD,
   which reads the sparse matrix as it is): the latent table, ``n_rows x
   rank``, is what the GAN learns, each class in its own copula, screens and
   adversarial rounds exactly as for a dense table;
2. decodes synthetic latent rows chunk by chunk (at most ``_CHUNK_BYTES`` of
   dense values alive at once) and makes each of them as sparse as a real
   row of its class: its number of non-zeros is drawn from the class's own
   distribution, and it keeps its largest decoded values (drawing columns
   with probability proportional to their value, Gumbel top-k, scored a
   lower minority F1 on the YouTube comments: 0.72 against 0.78);
   negative values are dropped where the input has none, rows are
   L2-normalised again where the input's are (TF-IDF);
3. redraws the synthetic rows equal to a training row (a one-word row
   decoded from a one-word training row, mostly), compared by a
   random-projection fingerprint.

No dense ``n_rows x n_features`` matrix exists at any point.
"""

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import TruncatedSVD

from ._memory import check_sparse

_RANK = 64  # latent width: the GAN's columns (see the user guide for the measurements)
# of the randomized SVD: 2 kept 99 % of the variance that scikit-learn's 5 find (64
# components of the YouTube comments' TF-IDF), in a third to an eighth of the time
_POWER_ITERATIONS = 2
_CHUNK_BYTES = 8 * 1024**2  # decoded values of one chunk (about three such arrays alive)
_SUPPORT = "top"  # "top": a row's largest decoded values; "sample": drawn by value
_REDRAWS = 5  # attempts to replace a synthetic row that equals a training row


class SparseCodec:
    """Project sparse rows to a dense latent table and decode latent rows to sparse rows.

    Parameters
    ----------
    rank : int, default=None
        Most latent columns (None: 64); fewer when the matrix has fewer rows or columns.
        With at most ``rank`` columns the latent table is the matrix itself.
    reject_copies : bool, default=True
        Redraw decoded rows equal to a training row (of any class).
    random_state : int, default=0
        Seeds the randomized SVD.
    """

    def __init__(self, rank=None, reject_copies=True, random_state=0):
        self.rank = rank
        self.reject_copies = reject_copies
        self.random_state = random_state

    def fit_transform(self, X, y_idx, n_classes):
        """Fit on a sparse matrix; return the latent table as a DataFrame.

        Parameters
        ----------
        X : sparse matrix of shape (n_samples, n_features)
        y_idx : ndarray of shape (n_samples,)
            Class index of every row.
        n_classes : int

        Returns
        -------
        latent : DataFrame of shape (n_samples, rank_)
        """
        self.format_, self.dtype_ = X.format, X.dtype
        self.array_ = isinstance(X, sparse.sparray)  # scipy's sparse arrays stay arrays
        X = X.tocsr()  # a no-op for CSR; one copy of the stored values otherwise
        n_rows, n_features = X.shape
        self.n_features_ = n_features
        rank = _RANK if self.rank is None else self.rank
        if n_features <= rank:
            # a narrow matrix is its own latent table: decoding is exact
            self.svd_, self.rank_ = None, n_features
            latent = X.toarray()
        else:
            self.rank_ = min(rank, max(n_rows - 1, 1))
            self.svd_ = TruncatedSVD(
                self.rank_,
                algorithm="randomized",
                n_iter=_POWER_ITERATIONS,
                random_state=self.random_state,
            )
            latent = self.svd_.fit_transform(X.astype(np.float64))
        nnz = np.diff(X.indptr)
        # the columns every class uses: a synthetic row keeps its class's words only
        used = sparse.csr_matrix(
            (np.ones(X.nnz, dtype=bool), X.indices, X.indptr), X.shape, dtype=bool
        )
        self.class_columns_ = np.vstack(
            [np.asarray(used[y_idx == k].sum(0)).ravel() > 0 for k in range(n_classes)]
        )
        # per class, the probability of every row length 0 .. max
        counts = np.zeros((n_classes, nnz.max(initial=0) + 1))
        np.add.at(counts, (y_idx, nnz), 1.0)
        self.nnz_probabilities_ = counts / np.maximum(counts.sum(1, keepdims=True), 1.0)
        data = X.data.astype(np.float64)
        self.non_negative_ = bool(data.size == 0 or data.min() >= 0)
        self.value_range_ = (data.min(initial=0.0), data.max(initial=0.0))
        norms = np.sqrt(sparse.csr_matrix((data**2, X.indices, X.indptr), X.shape).sum(1)).A1
        filled = norms[nnz > 0]
        self.l2_normalised_ = bool(filled.size and np.allclose(filled, 1.0, atol=1e-4))
        self._fingerprint_weights = np.random.default_rng(0).normal(size=n_features)
        self.fingerprints_ = None  # a narrow matrix: the GAN's own copy screen sees its rows
        if self.reject_copies and self.svd_ is not None:
            # every training row, of any class: a synthetic row must copy none
            self.fingerprints_ = np.sort(self._fingerprints(X))
        return pd.DataFrame(latent)

    def _fingerprints(self, rows):
        # equal rows have equal fingerprints; distinct rows, almost surely distinct ones
        return np.asarray(rows @ self._fingerprint_weights).ravel()

    def decode(self, latent, class_idx, rng):
        """Sparse rows (CSR, the input's dtype) of one class from latent rows.

        Parameters
        ----------
        latent : ndarray of shape (n, rank_)
        class_idx : int
        rng : numpy.random.Generator

        Returns
        -------
        rows : csr_matrix of shape (n, n_features_)
        """
        if self.svd_ is None:
            # the GAN learned the matrix itself: its rows, as a dense input's would be
            rows = sparse.csr_matrix(np.asarray(latent, dtype=self.dtype_))
            rows.eliminate_zeros()
            return rows
        latent = np.asarray(latent, dtype=np.float64)
        # Only the columns that the class's real rows use: a synthetic row keeps its
        # class's words, and decoding costs rows x the class's vocabulary, not rows x
        # every column (2,383 of 20,000 for the 627-row minority of benchmarks/text.py).
        columns = np.flatnonzero(self.class_columns_[class_idx])
        basis = self.svd_.components_[:, columns]
        weights = self._fingerprint_weights[columns]
        step = max(1, _CHUNK_BYTES // (8 * max(len(columns), 1)))
        parts = [
            self._decode_chunk(latent[start : start + step] @ basis, class_idx, rng, weights)
            for start in range(0, len(latent), step)  # chunks, not rows
        ]
        rows = (
            sparse.vstack(parts, format="csr")
            if parts
            else sparse.csr_matrix((0, len(columns)), dtype=self.dtype_)
        )
        # from the class's columns back to all columns (sorted indices stay sorted)
        return sparse.csr_matrix(
            (rows.data, columns[rows.indices], rows.indptr), shape=(len(latent), self.n_features_)
        )

    def _decode_chunk(self, dense, class_idx, rng, weights):
        rows = self._sparsify(dense, class_idx, rng, draw=_SUPPORT == "sample")
        if self.fingerprints_ is None:
            return rows
        for _ in range(_REDRAWS):
            # the fingerprints of the training rows, summed in the same column order
            prints = np.asarray(rows @ weights).ravel()
            copies = np.flatnonzero(_isin_sorted(prints, self.fingerprints_))
            if not copies.size:
                break
            # a copy's largest values would give the copy again: draw its columns
            redrawn = self._sparsify(dense[copies], class_idx, rng, draw=True)
            rows = _replace_rows(rows, copies, redrawn)
        return rows

    def _sparsify(self, dense, class_idx, rng, draw=False):
        """Keep, per row, as many columns as a real row of the class has: its largest
        decoded values, or (``draw``) columns drawn with probability proportional to
        their value."""
        n, n_features = dense.shape
        probabilities = self.nnz_probabilities_[class_idx]
        k = rng.choice(len(probabilities), size=n, p=probabilities)
        k = np.minimum(k, n_features)
        # the score of every column, negated for argpartition, written in place:
        # with the decoded chunk and argpartition's indices, three chunk-sized arrays
        score = np.maximum(dense, 0.0) if self.non_negative_ else np.abs(dense)
        if draw:  # Gumbel top-k: k columns drawn without replacement
            np.log(np.maximum(score, 1e-300, out=score), out=score)
            score += rng.gumbel(size=score.shape)
        np.negative(score, out=score)
        k_max = int(k.max(initial=0))
        if k_max == 0:
            return sparse.csr_matrix((n, n_features), dtype=self.dtype_)
        if k_max < n_features:
            top = np.argpartition(score, k_max - 1, axis=1)[:, :k_max]
        else:
            top = np.broadcast_to(np.arange(n_features), (n, n_features))
        # highest scores first, so that the first k of every row are its k draws
        order = np.argsort(np.take_along_axis(score, top, axis=1), axis=1)
        columns = np.take_along_axis(top, order, axis=1)
        values = np.take_along_axis(dense, columns, axis=1)
        keep = np.arange(k_max)[None, :] < k[:, None]
        if self.non_negative_:
            keep &= values > 0
        low, high = self.value_range_
        values = np.where(keep, np.clip(values, low, high), 0.0)
        if self.l2_normalised_:
            norms = np.sqrt((values**2).sum(1, keepdims=True))
            values = values / np.where(norms > 0, norms, 1.0)
        if self.dtype_.kind in "iub":  # counts, flags: whole values, none rounded to zero
            values = np.where(keep, np.maximum(np.rint(np.abs(values)), 1) * np.sign(values), 0)
        lengths = keep.sum(1)
        indptr = np.r_[0, np.cumsum(lengths)]
        rows = sparse.csr_matrix(
            (values[keep].astype(self.dtype_), columns[keep], indptr), shape=(n, n_features)
        )
        rows.sort_indices()
        return rows

    def decode_chunks(self, chunks, class_idx, rng):
        """Decode every latent chunk (DataFrames from generation) as it arrives."""
        for chunk in chunks:
            yield self.decode(chunk.to_numpy(), class_idx, rng)

    def stack(self, parts):
        """Synthetic row blocks stacked in the input's format and container."""
        parts = list(parts) or [sparse.csr_matrix((0, self.n_features_), dtype=self.dtype_)]
        out = sparse.vstack(parts, format="csr", dtype=self.dtype_).asformat(self.format_)
        return _like(out, self.array_)


def stack_like(X, parts):
    """The sparse ``X`` followed by the sparse row blocks ``parts``, in ``X``'s format,
    dtype and container (matrix or array)."""
    out = sparse.vstack([X, *parts], format="csr", dtype=X.dtype).asformat(X.format)
    return _like(out, isinstance(X, sparse.sparray))


def _like(matrix, array):
    if not array:
        return matrix
    return getattr(sparse, f"{matrix.format}_array")(matrix)


def _isin_sorted(values, sorted_known):
    if not sorted_known.size:
        return np.zeros(len(values), dtype=bool)
    at = np.clip(np.searchsorted(sorted_known, values), 0, len(sorted_known) - 1)
    return sorted_known[at] == values


def _replace_rows(rows, at, new):
    """``rows`` with its rows ``at`` replaced by the rows of ``new`` (CSR, vectorised)."""
    index = np.arange(rows.shape[0])
    index[at] = rows.shape[0] + np.arange(len(at))
    return sparse.vstack([rows, new], format="csr")[index]


def check_sparse_input(X, y, sampler):
    """Validate a sparse ``X`` for ``sampler`` and fit its codec.

    Returns
    -------
    latent : DataFrame
        The table the GAN learns.
    codec : SparseCodec
    """
    auto = isinstance(sampler.categorical_features, str) and sampler.categorical_features == "auto"
    if not auto:
        raise ValueError(
            f"categorical_features={sampler.categorical_features!r} cannot be used with a "
            "sparse matrix: every column of sparse input is numeric (as in SMOTE). Pass "
            'categorical_features="auto", or a dense DataFrame with the categorical columns.'
        )
    if sampler.epsilon is not None:
        raise ValueError(
            "epsilon cannot be combined with a sparse matrix: its low-rank projection is "
            "learned from the training rows outside the differential privacy analysis. "
            "Pass a dense table with epsilon."
        )
    if 0 in X.shape:
        raise ValueError(
            f"Found array with shape {X.shape} while a minimum of 1 sample and 1 feature "
            "is required."
        )
    data = X.data if X.format in ("csr", "csc", "coo", "bsr") else X.tocsr().data
    if data.dtype.kind not in "fiub":
        raise ValueError(f"A sparse X must hold numbers, got dtype {data.dtype}.")
    if data.dtype.kind == "f" and not np.isfinite(data).all():
        raise ValueError(
            "Input X contains NaN or infinity. A sparse matrix must hold finite values "
            "(its missing entries are zeros)."
        )
    check_sparse(X, min(_RANK, X.shape[1]), _CHUNK_BYTES)
    seed = int(np.random.default_rng(_seed(sampler.random_state)).integers(2**31 - 1))
    codec = SparseCodec(reject_copies=sampler.reject_copies is not False, random_state=seed)
    classes, y_idx = np.unique(y, return_inverse=True)
    latent = codec.fit_transform(X, y_idx, len(classes))
    return latent, codec


def _seed(random_state):
    # an int seeds the projection; a RandomState is not drawn from (the fit's seeds are)
    return random_state if isinstance(random_state, (int, np.integer)) else 0
