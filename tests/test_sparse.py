"""Sparse input (skgan._sparse): sparse in, sparse out, never densified; the memory guard."""

import pickle
import tracemalloc
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.base import clone

from skgan import GANSampler
from skgan._sparse import SparseCodec
from skgan.exceptions import MemoryBudgetError

from .conftest import FAST_PARAMS


def _tfidf_like(n_rows=300, n_features=400, classes=(240, 60), seed=0):
    """A non-negative, L2-normalised sparse matrix whose classes use different columns,
    with rows of 1 to 12 non-zeros (many single-word rows, the easiest to copy)."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(classes)), classes)
    rng.shuffle(y)
    lengths = np.where(rng.random(n_rows) < 0.2, 1, rng.integers(2, 13, n_rows))
    # each class draws its columns from its own band of the vocabulary (and a shared one)
    band = n_features // (len(classes) + 1)
    rows = np.repeat(np.arange(n_rows), lengths)
    own = rng.random(rows.size) < 0.7
    columns = np.where(
        own,
        band * (1 + y[rows]) + rng.integers(0, band, rows.size),
        rng.integers(0, band, rows.size),
    )
    X = sparse.csr_matrix((rng.random(rows.size) + 0.1, (rows, columns)), (n_rows, n_features))
    X.sum_duplicates()
    norms = np.sqrt(X.multiply(X).sum(1)).A1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ X), y


@pytest.fixture(scope="module")
def text():
    return _tfidf_like()


@pytest.fixture(scope="module")
def resampled(text):
    X, y = text
    sampler = GANSampler(**FAST_PARAMS)
    X_res, y_res = sampler.fit_resample(X, y)
    return sampler, X_res, y_res


def _wide(n_rows, n_features, per_row=5, seed=0):
    """A random non-negative CSR matrix with ``per_row`` values per row (built directly:
    scipy.sparse.random takes minutes at 50 million columns)."""
    rng = np.random.default_rng(seed)
    indptr = np.arange(n_rows + 1) * per_row
    indices = np.sort(rng.choice(n_features, (n_rows, per_row), replace=False), 1).ravel()
    return sparse.csr_matrix((rng.random(indices.size), indices, indptr), (n_rows, n_features))


def _nnz(X):
    return np.diff(sparse.csr_matrix(X).indptr)


def _rows(X):
    X = sparse.csr_matrix(X)
    X.sort_indices()
    return {
        (tuple(X.indices[a:b]), tuple(X.data[a:b])) for a, b in zip(X.indptr[:-1], X.indptr[1:])
    }


def test_csr_in_csr_out_with_the_original_rows_first(text, resampled):
    X, y = text
    sampler, X_res, y_res = resampled
    assert sparse.isspmatrix_csr(X_res) and X_res.dtype == X.dtype
    assert X_res.shape == (2 * 240, X.shape[1])
    assert (X_res[: len(y)] != X).nnz == 0
    np.testing.assert_array_equal(y_res[: len(y)], y)
    assert Counter(y_res.tolist()) == {0: 240, 1: 240}
    assert sampler.n_features_in_ == X.shape[1]
    assert sampler.sparse_codec_.rank_ == 64  # the GAN learned 64 latent columns


def test_synthetic_rows_are_as_sparse_as_the_class(text, resampled):
    X, y = text
    _, X_res, _ = resampled
    new = X_res[len(y) :]
    real = _nnz(X[y == 1])
    synthetic = _nnz(new)
    assert abs(synthetic.mean() - real.mean()) < 0.15 * real.mean()
    np.testing.assert_allclose(
        np.quantile(synthetic, [0.1, 0.5, 0.9]), np.quantile(real, [0.1, 0.5, 0.9]), atol=1.5
    )
    # non-negative and L2-normalised, as the input
    assert new.data.min() > 0
    np.testing.assert_allclose(np.sqrt(new.multiply(new).sum(1)).A1, 1.0, rtol=1e-6)
    # the class's own vocabulary: far more synthetic mass in class 1's band of
    # columns than in class 0's
    band = X.shape[1] // 3
    assert new[:, 2 * band : 3 * band].sum() > 3 * new[:, band : 2 * band].sum()


def test_no_synthetic_row_equals_a_training_row(text, resampled):
    X, y = text
    _, X_res, _ = resampled
    assert not _rows(X_res[len(y) :]) & _rows(X)


def test_csc_in_csc_out_and_sparse_arrays_stay_arrays(text):
    X, y = text
    X_res, _ = GANSampler(**FAST_PARAMS).fit_resample(X.tocsc(), y)
    assert sparse.isspmatrix_csc(X_res)
    assert (X_res[: len(y)] != X).nnz == 0
    X_res, _ = GANSampler(**FAST_PARAMS).fit_resample(sparse.csr_array(X), y)
    assert isinstance(X_res, sparse.csr_array)


def test_every_minority_class_is_oversampled_in_multiclass():
    X, y = _tfidf_like(n_rows=330, classes=(200, 80, 50), seed=1)
    X_res, y_res = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 200, 1: 200, 2: 200}
    band = X.shape[1] // 4
    for k in (1, 2):
        new = X_res[len(y) :][y_res[len(y) :] == k]
        assert new.shape[0] == 200 - Counter(y.tolist())[k]
        # each class's rows in its own band of columns, not in the others'
        own = new[:, band * (1 + k) : band * (2 + k)].sum()
        for other in {0, 1, 2} - {k}:
            assert own > 2 * new[:, band * (1 + other) : band * (2 + other)].sum()


def test_sample_returns_sparse_rows_of_the_class(text, resampled):
    X, _ = text
    sampler, _, _ = resampled
    rows = sampler.sample(50, y=1)
    assert sparse.isspmatrix_csr(rows) and rows.shape == (50, X.shape[1])
    assert _nnz(rows).min() >= 1
    empty = sampler.sample(0, y=1)
    assert sparse.issparse(empty) and empty.shape == (0, X.shape[1])
    # the fit's seed by default; another random_state, other rows
    assert (sampler.sample(50, y=1) != rows).nnz == 0
    other = sampler.sample(50, y=1, random_state=3)
    assert sparse.isspmatrix_csr(other) and (other != rows).nnz > 0


def test_pickle_and_clone(text, resampled):
    sampler, _, _ = resampled
    again = pickle.loads(pickle.dumps(sampler))
    assert (again.sample(20, y=1) != sampler.sample(20, y=1)).nnz == 0
    assert clone(sampler).get_params() == sampler.get_params()
    with pytest.raises(ValueError, match="sparse matrix.*Pickle"):
        sampler.save("unused.pt")


def test_counts_stay_whole_numbers():
    X, y = _tfidf_like(seed=2)
    counts = sparse.csr_matrix((np.ceil(X.data * 4).astype(np.int64), X.indices, X.indptr))
    X_res, _ = GANSampler(**FAST_PARAMS).fit_resample(counts, y)
    assert X_res.dtype == np.int64 and X_res[len(y) :].data.min() >= 1


def test_a_narrow_sparse_matrix_gives_the_dense_rows():
    # at most 64 columns the latent table is the matrix itself: as dense input
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 5))
    y = np.r_[np.zeros(120, int), np.ones(30, int)]
    X_res, _ = GANSampler(**FAST_PARAMS).fit_resample(sparse.csr_matrix(X), y)
    dense, _ = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    np.testing.assert_allclose(X_res.toarray(), dense)


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(categorical_features=[0]), "categorical_features=\\[0\\] cannot be used with a "),
        (dict(epsilon=1.0), "epsilon cannot be combined with a sparse matrix"),
    ],
)
def test_refused_combinations(text, params, match):
    X, y = text
    with pytest.raises(ValueError, match=match):
        GANSampler(**{**FAST_PARAMS, **params}).fit(X, y)


@pytest.mark.parametrize("candidates", ["marginals", "interpolation"])
def test_other_candidates_are_decoded_too(text, candidates):
    X, y = text
    params = {**FAST_PARAMS, "candidates": candidates}
    X_res, y_res = GANSampler(**params).fit_resample(X, y)
    assert sparse.isspmatrix_csr(X_res) and Counter(y_res.tolist()) == {0: 240, 1: 240}
    assert abs(_nnz(X_res[len(y) :]).mean() - _nnz(X[y == 1]).mean()) < 2


def test_nan_in_sparse_input_is_refused(text):
    X, y = text
    X = X.copy()
    X.data[0] = np.nan
    with pytest.raises(ValueError, match="NaN or infinity"):
        GANSampler(**FAST_PARAMS).fit(X, y)


def test_memory_guard_refuses_a_too_wide_sparse_matrix_before_any_work():
    # 50 million columns: the projection alone would take tens of gigabytes
    X = _wide(40, 50_000_000)
    y = np.arange(40) % 2
    tracemalloc.start()
    try:
        with pytest.raises(MemoryBudgetError, match="50,000,000 columns.*max_features"):
            GANSampler(**FAST_PARAMS).fit(X, y)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024**2
    assert issubclass(MemoryBudgetError, ValueError) and issubclass(MemoryBudgetError, MemoryError)


def test_memory_guard_refuses_a_too_wide_dense_table():
    X = np.zeros((50, 20_000), dtype=np.float32)
    y = np.arange(50) % 2
    with pytest.raises(MemoryBudgetError, match="20,000 columns.*scipy sparse matrix"):
        GANSampler(**FAST_PARAMS).fit(pd.DataFrame(X), y)


def test_decoding_never_holds_a_dense_table():
    # 2,000 rows x 50,000 columns would be 800 MB dense; the fit and the decoding
    # of 2,000 rows stay at a small fraction of that (NumPy's allocations, traced)
    rng = np.random.default_rng(0)
    n, d = 2000, 50_000
    X = _wide(n, d, per_row=8)
    y = (rng.random(n) < 0.2).astype(int)
    codec = SparseCodec(random_state=0)
    tracemalloc.start()
    try:
        latent = codec.fit_transform(X, y, 2)
        rows = codec.decode(latent.to_numpy()[:n], 1, np.random.default_rng(0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows.shape == (n, d)
    assert peak < 0.25 * 8 * n * d


def test_codec_decodes_chunk_by_chunk(monkeypatch):
    import skgan._sparse as module

    X, y = _tfidf_like()
    codec = SparseCodec(random_state=0)
    latent = codec.fit_transform(X, y, 2).to_numpy()
    whole = codec.decode(latent, 0, np.random.default_rng(1))
    monkeypatch.setattr(module, "_CHUNK_BYTES", 8 * X.shape[1] * 7)  # 7 rows at a time
    chunked = codec.decode(latent, 0, np.random.default_rng(1))
    assert chunked.shape == whole.shape == X.shape
    np.testing.assert_allclose(_nnz(chunked).mean(), _nnz(whole).mean(), rtol=0.1)
