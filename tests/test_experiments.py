import numpy as np
import pandas as pd
import pytest
import torch
from imblearn.metrics import geometric_mean_score
from imblearn.over_sampling import SMOTENC, RandomOverSampler
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from skgan import GANSampler
from skgan.exceptions import SkganWarning
from skgan.experiments import (
    compare_samplers,
    default_classifiers,
    paired_comparison,
    summarize,
)

from .conftest import FAST_PARAMS, make_mixed_frame

FAST_GAN = dict(FAST_PARAMS, n_steps=20)


@pytest.fixture(autouse=True)
def one_thread():
    # Test machines are small shared hosts: there, oversubscribed OpenMP and torch threads
    # made HistGradientBoosting and the GAN 10-100x slower than with one thread each.
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    with threadpool_limits(1):
        yield
    torch.set_num_threads(previous)


class CountingSampler(RandomOverSampler):
    """Random over-sampling that logs every fit, across clones (class-level log)."""

    fits = []

    def fit_resample(self, X, y):
        CountingSampler.fits.append(len(y))
        return super().fit_resample(X, y)


class FailingSampler(RandomOverSampler):
    def fit_resample(self, X, y):
        raise RuntimeError("sampler exploded")


class RecordingClassifier(ClassifierMixin, BaseEstimator):
    """Remembers a fingerprint of the rows it was trained on; predicts the majority class."""

    def fit(self, X, y):
        frame = pd.DataFrame(X).astype(str)
        self.train_hash_ = float(pd.util.hash_pandas_object(frame, index=False).sum() % 2**31)
        self.n_train_seen_ = len(y)
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


RECORD_SCORING = {
    "train_hash": lambda est, X, y: est.train_hash_,
    "n_fit": lambda est, X, y: est.n_train_seen_,
    "n_scored": lambda est, X, y: len(X),
}


@pytest.fixture
def numeric_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 4))
    y = (X[:, 0] + rng.normal(scale=0.5, size=200) > 1.2).astype(int)
    return X, y


def test_bookkeeping_and_test_folds_never_resampled(mixed_data):
    X, y = mixed_data
    CountingSampler.fits = []
    results = compare_samplers(
        X,
        y,
        samplers={"none": None, "count": CountingSampler(random_state=0)},
        classifiers={"a": RecordingClassifier(), "b": RecordingClassifier()},
        cv=3,
        scoring=RECORD_SCORING,
        random_state=0,
    )
    assert len(results) == 2 * 2 * 3 * 3
    assert results["error"].isna().all()
    wide = results.pivot(
        index=["sampler", "classifier", "fold"], columns="metric", values="value"
    ).join(results.groupby(["sampler", "classifier", "fold"])[["n_train", "n_test"]].first())
    wide = wide.join(results.groupby(["sampler", "classifier", "fold"])["n_synthetic"].first())
    # Every test fold is scored as it is: its size is the split's, whatever the sampler.
    assert (wide["n_scored"] == wide["n_test"]).all()
    assert wide["n_test"].sum() == 2 * 2 * len(y)
    assert (wide["n_train"] + wide["n_test"] == len(y)).all()
    # Classifiers are trained on the training fold plus exactly the synthetic rows.
    assert (wide["n_fit"] == wide["n_train"] + wide["n_synthetic"]).all()
    assert (wide.loc["none", "n_synthetic"] == 0).all()
    assert (wide.loc["count", "n_synthetic"] > 0).all()
    # One fit per fold, shared by both classifiers: the very same resampled rows.
    assert len(CountingSampler.fits) == 3
    hashes = wide["train_hash"].unstack("classifier")
    assert (hashes["a"] == hashes["b"]).all()


def test_n_synthetic_matches_the_split(numeric_data):
    X, y = numeric_data
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
    results = compare_samplers(
        X,
        y,
        samplers={"ros": RandomOverSampler(random_state=0)},
        classifiers={"lr": LogisticRegression()},
        cv=cv,
    )
    expected = []
    for train, _ in cv.split(X, y):
        counts = np.bincount(y[train])
        expected.append(counts.max() - counts.min())
    got = results.groupby("fold")["n_synthetic"].first().tolist()
    assert got == expected


def test_repeated_cv_records_repeat_and_fold(numeric_data):
    X, y = numeric_data
    cv = RepeatedStratifiedKFold(n_splits=2, n_repeats=3, random_state=0)
    results = compare_samplers(
        X, y, samplers={"none": None}, classifiers={"lr": LogisticRegression()}, cv=cv
    )
    splits = results[["repeat", "fold"]].drop_duplicates()
    assert sorted(map(tuple, splits.to_numpy())) == [(r, f) for r in range(3) for f in range(2)]


def test_geometric_mean_scorer(numeric_data):
    X, y = numeric_data
    cv = StratifiedKFold(n_splits=2, shuffle=True, random_state=0)
    results = compare_samplers(
        X,
        y,
        samplers={"none": None},
        classifiers={"lr": LogisticRegression()},
        cv=cv,
        scoring=["geometric_mean"],
    )
    train, test = next(cv.split(X, y))
    pred = LogisticRegression().fit(X[train], y[train]).predict(X[test])
    assert results["value"].iloc[0] == pytest.approx(geometric_mean_score(y[test], pred))


def test_failing_sampler_records_nan_and_error(numeric_data):
    X, y = numeric_data
    with pytest.warns(SkganWarning, match="'broken' with 'lr' failed on 2 split"):
        results = compare_samplers(
            X,
            y,
            samplers={"broken": FailingSampler(), "none": None},
            classifiers={"lr": LogisticRegression()},
            cv=2,
        )
    broken = results[results.sampler == "broken"]
    assert broken["value"].isna().all()
    assert broken["error"].str.contains("RuntimeError: sampler exploded").all()
    fine = results[results.sampler == "none"]
    assert fine["value"].notna().all() and fine["error"].isna().all()


def test_gan_and_smotenc_on_mixed_table_with_default_classifiers():
    X, y = make_mixed_frame(n=300, minority=0.2)
    categorical = [c for c in X.columns if X[c].dtype.kind in "Ob" or X[c].dtype == "category"]
    smotenc = SMOTENC(categorical_features=categorical, random_state=0)
    # SMOTENC needs no missing values; impute the one numeric column with gaps.
    X["ratio"] = X["ratio"].fillna(X["ratio"].median())
    results = compare_samplers(
        X,
        y,
        samplers={"none": None, "smotenc": smotenc, "gan": GANSampler(**FAST_GAN)},
        classifiers=default_classifiers(X, random_state=0),
        cv=2,
        scoring=["f1", "average_precision", "balanced_accuracy", "geometric_mean"],
        random_state=0,
    )
    assert results["error"].isna().all(), results["error"].dropna().unique()
    assert results["value"].between(0, 1).all()
    assert list(dict.fromkeys(results.sampler)) == ["none", "smotenc", "gan"]
    assert (results.loc[results.sampler == "gan", "fit_time_sampler"] > 0).all()


def test_default_classifiers_handle_nan_categories_and_dtype_changes(mixed_data):
    X, y = mixed_data
    models = default_classifiers(X, names=("LR", "HGB", "RF"), random_state=0)
    assert list(models) == ["LR", "HGB", "RF"]
    # A sampler may hand categoricals back as plain objects: the pipelines must not care.
    X_obj = X.astype({"lang": object, "verified": object})
    for model in models.values():
        proba = model.fit(X, y).predict_proba(X_obj)
        assert proba.shape == (len(X), 2) and np.isfinite(proba).all()
    with pytest.raises(ValueError, match="Unknown classifier"):
        default_classifiers(X, names=("SVM",))


def test_parallel_results_equal_sequential(numeric_data):
    X, y = numeric_data
    kwargs = dict(
        samplers={"none": None, "ros": RandomOverSampler(random_state=0)},
        classifiers={"lr": LogisticRegression()},
        cv=3,
        random_state=0,
    )
    sequential = compare_samplers(X, y, n_jobs=1, **kwargs)
    parallel = compare_samplers(X, y, n_jobs=2, **kwargs)
    pd.testing.assert_series_equal(sequential["value"], parallel["value"])


def test_dask_backend(numeric_data):
    distributed = pytest.importorskip("distributed")
    import joblib

    X, y = numeric_data
    kwargs = dict(
        samplers={"none": None, "ros": RandomOverSampler(random_state=0)},
        classifiers={"lr": LogisticRegression()},
        cv=2,
        random_state=0,
    )
    expected = compare_samplers(X, y, **kwargs)
    with (
        distributed.Client(processes=False, n_workers=1, threads_per_worker=2) as client,
        joblib.parallel_backend("dask"),
    ):
        results = compare_samplers(X, y, n_jobs=-1, **kwargs)
        assert client.scheduler_info()["workers"]
    pd.testing.assert_frame_equal(
        results.drop(columns=["fit_time_sampler", "fit_time_classifier"]),
        expected.drop(columns=["fit_time_sampler", "fit_time_classifier"]),
    )


def test_bad_arguments(numeric_data):
    X, y = numeric_data
    with pytest.raises(ValueError, match="samplers"):
        compare_samplers(X, y, samplers={}, classifiers={"lr": LogisticRegression()})
    with pytest.raises(ValueError, match="classifiers"):
        compare_samplers(X, y, samplers={"none": None}, classifiers=[])


def _fake_results(diffs, reference_values, *, n_train=80, n_test=20, classifier="LR"):
    n = len(reference_values)
    ref = np.asarray(reference_values, dtype=float)
    return pd.DataFrame(
        {
            "sampler": ["SMOTE"] * n + ["gan"] * n,
            "classifier": classifier,
            "repeat": 0,
            "fold": list(range(n)) * 2,
            "metric": "f1",
            "value": np.concatenate([ref, ref + np.asarray(diffs)]),
            "fit_time_sampler": 0.0,
            "n_train": n_train,
            "n_test": n_test,
        }
    )


def test_summarize_long_and_wide():
    results = pd.concat(
        [
            _fake_results([0.1, 0.2, 0.3], [0.5, 0.5, 0.5]),
            _fake_results([0.0, 0.0, 0.0], [0.2, 0.4, 0.6], classifier="HGB"),
        ]
    )
    summary = summarize(results)
    assert summary.loc[("gan", "LR", "f1"), "mean"] == pytest.approx(0.7)
    assert summary.loc[("gan", "LR", "f1"), "std"] == pytest.approx(0.1)
    assert summary.loc[("SMOTE", "HGB", "f1"), "std"] == pytest.approx(0.2)
    assert summary.index.get_level_values("sampler").unique().tolist() == ["SMOTE", "gan"]
    wide = summarize(results, wide=True, precision=2)
    row = wide[(wide.sampler == "gan") & (wide.classifier == "LR")].iloc[0]
    assert row["f1"] == "0.70 ± 0.10"


def test_paired_comparison_nadeau_bengio_formula():
    diffs = np.array([0.05, 0.03, 0.07, 0.01, 0.04])
    results = _fake_results(diffs, [0.5, 0.6, 0.55, 0.52, 0.58], n_train=80, n_test=20)
    out = paired_comparison(results, "SMOTE")
    row = out.iloc[0]
    t = diffs.mean() / np.sqrt((1 / 5 + 20 / 80) * diffs.var(ddof=1))
    assert row["statistic"] == pytest.approx(t)
    from scipy import stats

    assert row["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), df=4))
    # The correction matters: the naive paired t-test would call this a win.
    assert stats.ttest_rel(results.value[5:], results.value[:5]).pvalue < 0.05
    assert row["result"] == "tie"


def test_paired_comparison_results():
    big = _fake_results([0.10, 0.12, 0.09, 0.11, 0.10], [0.5, 0.6, 0.55, 0.52, 0.58])
    worse = _fake_results([-0.10, -0.12, -0.09, -0.11, -0.10], [0.5, 0.6, 0.55, 0.5, 0.5])
    same = _fake_results([0, 0, 0, 0, 0], [0.5, 0.6, 0.55, 0.5, 0.5])
    assert paired_comparison(big, "SMOTE")["result"].tolist() == ["win"]
    assert paired_comparison(worse, "SMOTE")["result"].tolist() == ["loss"]
    tie = paired_comparison(same, "SMOTE").iloc[0]
    assert tie["result"] == "tie" and tie["p_value"] == 1.0


def test_paired_comparison_wilcoxon_and_groups():
    rng = np.random.default_rng(0)
    n = 10
    results = pd.concat(
        [
            _fake_results(0.1 + rng.normal(0, 0.01, n), rng.uniform(0.4, 0.6, n)),
            _fake_results(rng.normal(0, 0.01, n), rng.uniform(0.4, 0.6, n), classifier="HGB"),
        ]
    )
    out = paired_comparison(results, "SMOTE", test="wilcoxon")
    assert out[["classifier", "result"]].to_numpy().tolist() == [["LR", "win"], ["HGB", "tie"]]
    assert out.loc[0, "p_value"] == pytest.approx(0.001953125)  # 2 / 2**10, exact
    assert (out["n_pairs"] == n).all()


def test_paired_comparison_bad_arguments():
    results = _fake_results([0.1, 0.1], [0.5, 0.5])
    with pytest.raises(ValueError, match="reference='ROS'"):
        paired_comparison(results, "ROS")
    with pytest.raises(ValueError, match="not in results"):
        paired_comparison(results, "SMOTE", metric="recall")
    with pytest.raises(ValueError, match="test must be"):
        paired_comparison(results, "SMOTE", test="anova")


def test_imputed_sampler_fills_from_the_rows_it_is_given():
    from imblearn.over_sampling import SMOTE

    from skgan.experiments import ImputedSampler

    X = pd.DataFrame(
        {
            "likes": pd.array([1, None, 3, 4, 5, 60, 70, 80], dtype="Int64"),
            "type": pd.Series(["a", "b", None, "a", "a", "b", "b", None], dtype="category"),
        }
    )
    y = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    sampler = ImputedSampler(SMOTENC(categorical_features=["type"], k_neighbors=2))
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [5, 5]
    assert not X_res.isna().to_numpy().any()
    assert X_res.loc[1, "likes"] == 5.0  # median of the eight rows given, not of a class
    assert X_res.loc[2, "type"] == "a"  # most frequent
    assert sampler.get_params()["sampler"].k_neighbors == 2  # clonable, parameters exposed
    # Plain arrays work too, and come back as arrays.
    X_arr, _ = ImputedSampler(SMOTE(k_neighbors=2)).fit_resample(
        np.array([[1.0], [np.nan], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0]]), y
    )
    assert isinstance(X_arr, np.ndarray) and not np.isnan(X_arr).any()
