import pickle
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from imblearn.pipeline import Pipeline
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate

from skgan import GANSampler

from .conftest import FAST_PARAMS


@pytest.fixture(scope="module")
def imbalanced():
    X, y = make_classification(
        n_samples=300,
        n_features=4,
        n_informative=3,
        n_redundant=0,
        weights=[0.85],
        random_state=0,
    )
    return X, y


@pytest.mark.parametrize(
    "strategy, expected",
    [
        ("auto", {0: 255, 1: 255}),
        ("minority", {0: 255, 1: 255}),
        ("not majority", {0: 255, 1: 255}),
        ("all", {0: 255, 1: 255}),
        (0.5, {0: 255, 1: 127}),
        ({1: 100}, {0: 255, 1: 100}),
        (lambda y: {1: 60}, {0: 255, 1: 60}),
    ],
)
def test_sampling_strategy_forms(imbalanced, strategy, expected):
    X, y = imbalanced
    X_res, y_res = GANSampler(sampling_strategy=strategy, **FAST_PARAMS).fit_resample(X, y)
    assert dict(Counter(y_res)) == expected
    assert X_res.shape == (len(y_res), X.shape[1])


def test_original_rows_first_unchanged(imbalanced):
    X, y = imbalanced
    X_res, y_res = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    np.testing.assert_array_equal(X_res[: len(X)], X)
    np.testing.assert_array_equal(y_res[: len(y)], y)
    assert np.all(y_res[len(y) :] == 1)


def test_undersampling_strategy_is_rejected(imbalanced):
    X, y = imbalanced
    with pytest.raises(ValueError, match="over-sampling"):
        GANSampler(sampling_strategy={0: 10, 1: 40}, **FAST_PARAMS).fit_resample(X, y)


def test_dataframe_schema_preserved(mixed_data):
    X, y = mixed_data
    X_res, y_res = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    assert list(X_res.columns) == list(X.columns)
    assert (X_res.dtypes == X.dtypes).all()
    assert isinstance(y_res, pd.Series) and y_res.name == "bot" and y_res.dtype == y.dtype
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    synthetic = X_res.iloc[len(X) :]
    assert set(synthetic["lang"].dropna()) <= set(X["lang"].cat.categories)
    assert set(synthetic["source"]) <= set(X["source"])
    assert synthetic["followers"].min() >= X["followers"].min()
    assert synthetic["followers"].max() <= X["followers"].max()


def test_categorical_features_forms_agree(mixed_data):
    X, y = mixed_data
    names = ["verified", "lang", "source"]
    indices = [X.columns.get_loc(c) for c in names]
    mask = X.columns.isin(names)
    outputs = [
        GANSampler(categorical_features=cf, **FAST_PARAMS).fit_resample(X, y)[0]
        for cf in ("auto", names, indices, mask)
    ]
    for out in outputs[1:]:
        pd.testing.assert_frame_equal(out, outputs[0])


def test_numpy_object_array_with_explicit_categoricals(mixed_data):
    X, y = mixed_data
    array = X.astype(object).to_numpy()
    sampler = GANSampler(categorical_features=[3, 4, 5], **FAST_PARAMS)
    X_res, y_res = sampler.fit_resample(array, y.to_numpy())
    assert isinstance(X_res, np.ndarray) and X_res.dtype == object
    assert X_res.shape == (len(y_res), X.shape[1])


def test_same_seed_same_rows_and_global_rng_untouched(mixed_data):
    X, y = mixed_data
    np_state = np.random.get_state()[1].copy()  # noqa: NPY002 (legacy state on purpose)
    import torch

    torch_state = torch.random.get_rng_state().clone()
    a = GANSampler(**FAST_PARAMS).fit_resample(X, y)[0]
    b = GANSampler(**FAST_PARAMS).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(a, b)
    assert np.array_equal(np.random.get_state()[1], np_state)  # noqa: NPY002
    assert torch.equal(torch.random.get_rng_state(), torch_state)
    c = GANSampler(**{**FAST_PARAMS, "random_state": 1}).fit_resample(X, y)[0]
    assert not a.iloc[len(X) :].equals(c.iloc[len(X) :])


def test_sample_after_fit(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    assert sampler.sampling_strategy_ == {1: int((y == 0).sum() - (y == 1).sum())}
    rows = sampler.sample(25, y=1)
    assert isinstance(rows, pd.DataFrame) and rows.shape == (25, X.shape[1])
    assert (rows.dtypes == X.dtypes).all()
    assert sampler.sample(0, y=0).shape == (0, X.shape[1])
    with pytest.raises(ValueError, match="not a class seen during fit"):
        sampler.sample(5, y=7)
    with pytest.raises(ValueError, match="non-negative integer"):
        sampler.sample(-1, y=1)
    # the fit's seed by default: the same rows every call; a seed of its own draws others
    pd.testing.assert_frame_equal(rows, sampler.sample(25, y=1))
    other = sampler.sample(25, y=1, random_state=1)
    pd.testing.assert_frame_equal(other, sampler.sample(25, y=1, random_state=1))
    assert not other.equals(rows)


def test_validation_scores_is_the_deprecated_name_of_stopping_scores(mixed_data):
    sampler = GANSampler(**FAST_PARAMS).fit(*mixed_data)
    with pytest.warns(FutureWarning, match="stopping_scores_"):
        assert sampler.validation_scores_ == sampler.stopping_scores_


def test_sample_before_fit_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        GANSampler().sample(3, y=1)


def test_history_and_fitted_attributes(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    assert len(sampler.history_) == sampler.n_steps_ == FAST_PARAMS["n_steps"]
    assert set(sampler.history_[0]) >= {"step", "loss_generator", "loss_discriminator"}
    assert all(np.isfinite(h["loss_discriminator"]) for h in sampler.history_)
    assert sampler.n_features_in_ == X.shape[1]
    assert list(sampler.feature_names_in_) == list(X.columns)
    np.testing.assert_array_equal(sampler.categorical_features_, [3, 4, 5])
    assert next(sampler.generator_.parameters()).device.type == "cpu"


def test_clone_get_set_params_and_pickle(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS)
    assert clone(sampler).get_params() == sampler.get_params()
    sampler.set_params(n_steps=10)
    assert sampler.n_steps == 10
    sampler.fit(X, y)
    restored = pickle.loads(pickle.dumps(sampler))
    pd.testing.assert_frame_equal(restored.sample(20, y=1), sampler.sample(20, y=1))


def test_no_synthetic_row_copies_a_training_row():
    # Two binary columns: only four distinct rows exist, so copies would be common.
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.integers(0, 2, 200), "b": rng.normal(size=200)})
    y = (rng.random(200) < 0.2).astype(int)
    X_res, _ = GANSampler(**FAST_PARAMS).fit_resample(X, y)
    real = set(map(tuple, X.to_numpy()))
    assert not any(tuple(row) in real for row in X_res.iloc[len(X) :].to_numpy())


def test_pipeline_cross_validate(imbalanced):
    X, y = imbalanced
    pipe = Pipeline([("gan", GANSampler(**FAST_PARAMS)), ("clf", LogisticRegression())])
    scores = cross_validate(pipe, X, y, cv=3, scoring="f1")
    assert np.all(np.isfinite(scores["test_score"]))


def test_default_budget_is_auto_budget(imbalanced):
    from skgan._fitting import auto_budget

    tiny = dict(generator_dim=(4,), discriminator_dim=(4,))
    # where the rounds play, they are the training: the network keeps its copula start
    sampler = GANSampler(**tiny, random_state=0).fit(*imbalanced)
    assert sampler.n_steps_ == 0 and not sampler.do_early_stopping_
    assert sampler.rounds_ is not None
    # without rounds the network trains on the budget of the table
    sampler = GANSampler(**tiny, n_rounds=0, early_stopping=False, random_state=0)
    sampler.fit(*imbalanced)
    steps, batch = auto_budget(len(imbalanced[1]))
    assert sampler.n_steps_ == len(sampler.history_) == steps
    assert sampler.batch_size_ == batch


def test_pipeline_cross_validate_on_real_mixed_data():
    from sklearn.ensemble import HistGradientBoostingClassifier

    from skgan.datasets import load_facebook_metrics

    X, y = load_facebook_metrics(return_X_y=True)
    pipe = Pipeline(
        [
            ("gan", GANSampler(**FAST_PARAMS)),
            ("clf", HistGradientBoostingClassifier(categorical_features="from_dtype")),
        ]
    )
    scores = cross_validate(pipe, X, y, cv=3, scoring=["f1", "average_precision"])
    assert np.all((scores["test_f1"] >= 0) & (scores["test_f1"] <= 1))
    assert np.all(scores["test_average_precision"] > y.mean() / 2)


def test_a_request_beyond_the_rounds_budget_is_generated_without_rounds(monkeypatch):
    # 2**17 candidates a class: made tiny here so that a small table exceeds it
    monkeypatch.setattr("skgan._fitting._MAX_CANDIDATES", 10)
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=300), "b": rng.normal(size=300)})
    y = np.r_[np.zeros(250, int), np.ones(50, int)]
    sampler = GANSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert (y_res == 1).sum() == 250 and sampler.rounds_.n_played(1) == 0
