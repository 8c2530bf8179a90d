"""The bad-input matrix: every awkward input gets a clear error or is handled correctly.

docs/user_guide/input_handling.rst lists the same cases for users.
"""

import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.utils._param_validation import InvalidParameterError

from skgan import GANSampler
from skgan.exceptions import PrivacyWarning, SkganWarning

from .conftest import FAST_PARAMS, make_mixed_frame


def fit_resample(X, y, **params):
    return GANSampler(**{**FAST_PARAMS, **params}).fit_resample(X, y)


@pytest.fixture
def Xy():
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=120), "b": rng.integers(0, 50, 120)})
    y = np.r_[np.zeros(100, int), np.ones(20, int)]
    return X, y


# ----------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "mutate, exc, match",
    [
        (lambda X, y: (X.assign(a=np.inf), y), ValueError, "infinity in column 'a'"),
        (lambda X, y: (X.assign(a=-np.inf), y), ValueError, "infinity"),
        (lambda X, y: (X, np.r_[y[:-1].astype(float), np.nan]), ValueError, "y contains NaN"),
        (lambda X, y: (X, np.zeros_like(y)), ValueError, "more than 1 class"),
        (lambda X, y: (X.iloc[:0], y[:0]), ValueError, "0 sample"),
        (lambda X, y: (X.iloc[:, :0], y), ValueError, "0 feature"),
        (lambda X, y: (X.iloc[:-3], y), ValueError, "inconsistent numbers of samples"),
        (lambda X, y: (X["a"].to_numpy(), y), ValueError, "Expected a 2D array"),
        (lambda X, y: (np.zeros((len(y), 2, 2)), y), ValueError, "2D array"),
        (lambda X, y: (X, np.linspace(0, 1, len(y))), ValueError, "Unknown label type"),
        (lambda X, y: (X, np.c_[y, y]), ValueError, "Multilabel"),
        (
            lambda X, y: (X.set_axis(["a", "a"], axis=1), y),
            ValueError,
            "duplicate column names",
        ),
        (
            lambda X, y: (X.assign(user=[f"user_{i}" for i in range(len(y))]), y),
            ValueError,
            "looks like an identifier",
        ),
        (
            lambda X, y: (
                X.assign(
                    bio=[f"I post about topic {i} every single day, follow me" for i in y] * 0
                    + [f"{'word ' * 10}{i}" for i in range(len(y))]
                ),
                y,
            ),
            ValueError,
            "free text",
        ),
    ],
    ids=[
        "inf",
        "-inf",
        "nan-in-y",
        "single-class",
        "empty",
        "no-features",
        "length-mismatch",
        "1d-X",
        "3d-X",
        "continuous-y",
        "multilabel-y",
        "duplicate-columns",
        "id-column",
        "free-text",
    ],
)
def test_bad_input_raises(Xy, mutate, exc, match):
    X, y = mutate(*Xy)
    with pytest.raises(exc, match=match):
        fit_resample(X, y)


def test_undersampling_strategy(Xy):
    with pytest.raises(ValueError, match="over-sampling methods"):
        fit_resample(*Xy, sampling_strategy={0: 50, 1: 20})


def test_non_numeric_column_not_declared_categorical(Xy):
    X, y = Xy
    X = X.assign(lang=np.where(y == 1, "en", "fr"))
    with pytest.raises(ValueError, match="'lang' is not numeric.*categorical_features"):
        fit_resample(X, y, categorical_features=[])


@pytest.mark.parametrize(
    "categorical_features, match",
    [
        (["nope"], "neither a column name"),
        ([True], "boolean mask of length 1"),
        ([7], "nope|index"),
    ],
)
def test_bad_categorical_features(Xy, categorical_features, match):
    with pytest.raises(ValueError, match=match.replace("nope|", "")):
        fit_resample(*Xy, categorical_features=categorical_features)


@pytest.mark.parametrize(
    "params",
    [
        {"n_steps": -1},
        {"batch_size": -1},
        {"learning_rate": 0.0},
        {"n_neighbors": 0},
        {"k_neighbors": 0},
        {"sampling_strategy": "most"},
        {"reject_copies": "yes"},
    ],
)
def test_invalid_parameters(Xy, params):
    with pytest.raises(InvalidParameterError):
        fit_resample(*Xy, **params)


def test_unknown_device(Xy):
    with pytest.raises(ValueError, match="device"):
        fit_resample(*Xy, device="tpu")


# --------------------------------------------------------- handled inputs
def test_nan_in_X_is_learned_as_missing(Xy):
    X, y = Xy
    X = X.assign(a=np.where(np.arange(len(y)) % 3 == 0, np.nan, X["a"]))
    X_res, y_res = fit_resample(X, y)
    assert X_res.shape[0] == len(y_res) and X_res.iloc[len(X) :]["b"].notna().all()


def test_minority_of_one_row_gives_new_rows(Xy):
    X, y = Xy
    X, y = X.iloc[:101], y[:101]
    with pytest.warns(SkganWarning, match="only 1 row"):
        X_res, y_res = fit_resample(X, y)
    assert Counter(y_res)[1] == 100
    assert not (X_res.iloc[len(X) :] == X.iloc[100]).all(axis=1).any()


def test_handful_of_rows_in_multiclass():
    X, y = make_mixed_frame(n=300)
    y = y.to_numpy().copy()
    y[:4] = 2
    X_res, y_res = fit_resample(X, y)
    counts = Counter(y_res)
    assert counts[2] == counts[0] == max(Counter(y).values())


def test_narrow_sparse_input_gives_the_dense_rows_returned_sparse(Xy):
    # at most 64 columns the GAN learns the matrix itself (skgan._sparse)
    X, y = Xy
    X_sparse = sparse.csr_matrix(X.to_numpy(dtype=float))
    X_res, _ = fit_resample(X_sparse, y)
    assert sparse.issparse(X_res) and X_res.format == "csr"
    np.testing.assert_allclose(X_res.toarray(), fit_resample(X.to_numpy(float), y)[0])


def test_frame_with_some_sparse_columns_keeps_them(Xy):
    X, y = Xy
    X_sparse = X.assign(a=pd.arrays.SparseArray(X["a"].where(X["a"] > 0, 0.0), fill_value=0.0))
    X_res, _ = fit_resample(X_sparse, y)
    assert X_res.dtypes.equals(X_sparse.dtypes)
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X_sparse)


def test_constant_column_stays_constant(Xy):
    X, y = Xy
    X_res, _ = fit_resample(X.assign(c=7.5, flag="on"), y)
    assert (X_res["c"] == 7.5).all() and (X_res["flag"] == "on").all()


def test_all_missing_columns_stay_missing(Xy):
    X, y = Xy
    X = X.assign(empty_num=np.nan, empty_cat=pd.Series([None] * len(y), dtype=object))
    X_res, _ = fit_resample(X, y)
    assert X_res["empty_num"].isna().all() and X_res["empty_cat"].isna().all()


def test_datetime_columns_round_trip(Xy):
    X, y = Xy
    stamps = pd.date_range("2021-01-01", periods=len(y), freq="D")
    X = X.assign(created=stamps, created_tz=stamps.tz_localize("UTC"))
    X_res, _ = fit_resample(X, y)
    assert X_res.dtypes.equals(X.dtypes)
    synthetic = X_res.iloc[len(X) :]
    assert synthetic["created"].between(stamps.min(), stamps.max()).all()


def test_mixed_type_object_column_is_categorical(Xy):
    X, y = Xy
    values = np.array([1, "two", 3.0, None], dtype=object)[np.arange(len(y)) % 4]
    X_res, _ = fit_resample(X.assign(mixed=values), y)
    synthetic = X_res["mixed"].iloc[len(X) :]
    real = set(values[values != None])  # noqa: E711
    assert set(synthetic.dropna()) <= real


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["human", "bot"], dtype=object),
        np.array([False, True]),
        np.array([-3, 12]),
        np.array(["human", "bot"], dtype="U5"),
    ],
    ids=["str", "bool", "int", "unicode"],
)
def test_label_types(Xy, labels):
    X, y = Xy
    y_labels = labels[y]
    X_res, y_res = fit_resample(X, y_labels)
    assert y_res.dtype == y_labels.dtype
    assert Counter(y_res)[labels[1]] == Counter(y_res)[labels[0]] == 100


def test_many_levels_are_bounded(Xy):
    X, y = Xy
    rng = np.random.default_rng(0)
    n = 3000
    X = pd.DataFrame({"a": rng.normal(size=n), "city": rng.integers(0, 2000, n).astype(str)})
    y = (rng.random(n) < 0.1).astype(int)
    sampler = GANSampler(**FAST_PARAMS)
    X_res, _ = sampler.fit_resample(X, y)
    # one-hot width is capped (max 100 levels), yet rare levels still come out
    assert sampler.transformer_.n_discrete_ <= 100
    assert X_res["city"].iloc[n:].nunique() > 100
    assert set(X_res["city"].iloc[n:]) <= set(X["city"])


def test_huge_sample_is_streamed(Xy):
    from skgan._generation import generate

    sampler = GANSampler(**FAST_PARAMS).fit(*Xy)
    chunks = list(generate(sampler._model(), sampler.screens_, 12_345, 1, 1, seed=0, chunk=1000))
    assert sum(map(len, chunks)) == 12_345 and max(map(len, chunks)) <= 1000
    assert all(c["a"].notna().all() for c in chunks)


def test_missing_columns_at_transform_time(Xy):
    sampler = GANSampler(**FAST_PARAMS).fit(*Xy)
    X = Xy[0]
    reordered = X[["b", "a"]]
    np.testing.assert_array_equal(
        sampler.transformer_.transform(reordered), sampler.transformer_.transform(X)
    )
    with pytest.raises(ValueError, match=r"lacks the columns \['b'\]"):
        sampler.transformer_.transform(X[["a"]])


def test_nullable_dtypes(Xy):
    X, y = Xy
    X = X.assign(
        n=pd.array([1, None, 3, 4] * 30, dtype="Int64"),
        flag=pd.array([True, None, False, True] * 30, dtype="boolean"),
        name=pd.array(["x", None, "y", "z"] * 30, dtype="string"),
    )
    X_res, _ = fit_resample(X, y)
    assert X_res.dtypes.equals(X.dtypes)


def test_extreme_magnitudes_train_finitely(Xy):
    X, y = Xy
    X_res, _ = fit_resample(X.assign(a=X["a"] * 1e300), y)
    assert np.isfinite(X_res["a"]).all()


def test_cuda_request_without_cuda_falls_back(Xy, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.warns(SkganWarning, match="CUDA is not available"):
        sampler = GANSampler(**{**FAST_PARAMS, "device": "cuda"}).fit(*Xy)
    assert sampler.device_.type == "cpu"


def test_tiny_discrete_table_warns_about_copies():
    X = pd.DataFrame({"a": ["x", "y"] * 30})
    y = np.r_[np.zeros(40, int), np.ones(20, int)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit_resample(X, y)
    assert any(issubclass(w.category, PrivacyWarning) for w in caught)
