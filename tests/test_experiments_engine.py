"""The cross-validation engine through its front-ends, compare_samplers and benchmark_samplers."""

import json

import numpy as np
import pandas as pd
import pytest
from imblearn.metrics import geometric_mean_score
from imblearn.over_sampling import SMOTENC, RandomOverSampler
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold

from skgan import GANSampler
from skgan.exceptions import SkganWarning
from skgan.experiments import (
    compare_samplers,
    default_classifiers,
)

from .conftest import FAST_PARAMS, make_mixed_frame

FAST_GAN = dict(FAST_PARAMS, n_steps=20)


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


class GroupRecorder(ClassifierMixin, BaseEstimator):
    """Remembers the groups (column "g") it was trained on; predicts the majority class."""

    def fit(self, X, y):
        self.groups_ = set(np.asarray(X)[:, 0])
        self.classes_, counts = np.unique(y, return_counts=True)
        self.majority_ = self.classes_[np.argmax(counts)]
        return self

    def predict(self, X):
        return np.full(len(X), self.majority_)


def test_benchmark_samplers_matches_compare_samplers_and_adds_class_weight(numeric_data):
    from skgan.experiments import CLASS_WEIGHT, SYNTHETIC_COLUMNS, benchmark_samplers

    X, y = numeric_data
    samplers = {"none": None, "ROS": RandomOverSampler(random_state=0)}
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    classifiers = {"LR": LogisticRegression()}
    scoring = {
        "f1": "f1",
        "weighted": lambda est, X, y: float(est.class_weight == "balanced"),
    }
    plain = compare_samplers(X, y, samplers=samplers, classifiers=classifiers, cv=cv,
                             scoring=scoring)  # fmt: skip
    results, synthetic = benchmark_samplers(
        X,
        y,
        samplers={**samplers, "class_weight": CLASS_WEIGHT},
        classifiers=classifiers,
        cv=cv,
        scoring=scoring,
        random_state=0,
    )
    timing = ["fit_time_sampler", "fit_time_classifier"]
    same = results[results.sampler != "class_weight"].reset_index(drop=True)
    pd.testing.assert_frame_equal(same.drop(columns=timing), plain.drop(columns=timing))
    weighted = results.query("metric == 'weighted'").groupby("sampler", sort=False)["value"]
    assert weighted.mean().to_dict() == {"none": 0.0, "ROS": 0.0, "class_weight": 1.0}
    assert list(synthetic.columns) == SYNTHETIC_COLUMNS
    assert synthetic["sampler"].tolist() == ["ROS"] * 3  # only methods that add rows
    assert (synthetic["exact_copy_rate"] == 1.0).all() and (synthetic["dcr_ratio"] == 0).all()
    folds = list(cv.split(X, y))
    positives = [(y[train] == 1).sum() for train, _ in folds]
    assert synthetic["n_real"].tolist() == positives
    assert synthetic["n_holdout"].tolist() == [(y[test] == 1).sum() for _, test in folds]
    added = [(y[train] == 0).sum() - (y[train] == 1).sum() for train, _ in folds]
    assert synthetic["n_synthetic"].tolist() == added
    assert synthetic["detection_auc"].between(0, 1).all() and synthetic["error"].isna().all()


def test_benchmark_samplers_groups_failures_and_smote_on_mixed_table(mixed_data):
    from skgan.experiments import benchmark_samplers, make_samplers

    X, y = mixed_data
    X = X.assign(g=np.arange(len(X)) // 4)[["g", *X.columns]]  # groups of 4 rows
    samplers = {**make_samplers(["none", "smote"], X, random_state=0), "bad": FailingSampler()}
    disjoint = {
        "disjoint": lambda est, X_test, y_test: float(
            est.groups_.isdisjoint(set(np.asarray(X_test)[:, 0]))
        )
    }
    with pytest.warns(SkganWarning, match="'bad' with 'rec' failed on 3 split"):
        results, synthetic = benchmark_samplers(
            X,
            y,
            samplers=samplers,
            classifiers={"rec": GroupRecorder()},
            cv=3,
            groups=X["g"],
            scoring=disjoint,
            random_state=0,
        )
    assert (results.query("sampler == 'none'")["value"] == 1.0).all()
    assert results.query("sampler == 'bad'")["error"].str.contains("sampler exploded").all()
    assert synthetic["sampler"].unique().tolist() == ["SMOTENC"]
    assert synthetic[["exact_copy_rate", "dcr_ratio", "detection_auc"]].notna().all().all()
    with pytest.warns(SkganWarning, match="failed on 2 split"):
        _, none = benchmark_samplers(
            X, y, samplers=samplers, classifiers={"rec": GroupRecorder()}, cv=2,
            scoring=disjoint, synthetic_metrics=False,
        )  # fmt: skip
    assert none.empty


# ------------------------------------------------------------------ checkpoints
class _Interrupting(BaseEstimator):
    """A sampler whose n-th fit (counted across clones) raises KeyboardInterrupt."""

    calls = 0

    def __init__(self, stop_at=None):
        self.stop_at = stop_at

    def fit_resample(self, X, y):
        type(self).calls += 1
        if self.stop_at is not None and type(self).calls == self.stop_at:
            raise KeyboardInterrupt
        return X, y


def _checkpoint_run(path, stop_at=None):
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    from skgan.experiments import benchmark_samplers

    X, y = make_classification(n_samples=120, weights=[0.8], random_state=0)
    return benchmark_samplers(
        X,
        y,
        samplers={"none": None, "same": _Interrupting(stop_at)},
        classifiers={"LR": LogisticRegression()},
        cv=4,
        scoring=["f1"],
        random_state=0,
        checkpoint=path,
    )


def test_interrupted_comparison_resumes_from_its_checkpoint(tmp_path):
    path = tmp_path / "run.jsonl"
    full, _ = _checkpoint_run(tmp_path / "reference.jsonl")
    _Interrupting.calls = 0
    with pytest.raises(KeyboardInterrupt):
        _checkpoint_run(path, stop_at=3)  # the third fit of "same", split 2
    kept = [json.loads(line) for line in path.read_text().splitlines()[1:]]
    assert len(kept) == 5  # every task that ended before the interrupt is on disk
    _Interrupting.calls = 0
    resumed, _ = _checkpoint_run(path)
    assert _Interrupting.calls == 2  # only the interrupted and the unstarted task ran
    timings = ["fit_time_sampler", "fit_time_classifier"]
    pd.testing.assert_frame_equal(resumed.drop(columns=timings), full.drop(columns=timings))


def test_checkpoint_of_another_run_is_refused(tmp_path):
    path = tmp_path / "run.jsonl"
    _checkpoint_run(path)
    header = json.loads(path.read_text().splitlines()[0])
    header["header"]["samplers"] = ["other"]
    path.write_text(json.dumps(header) + "\n")
    with pytest.raises(ValueError, match="written by another run"):
        _checkpoint_run(path)
