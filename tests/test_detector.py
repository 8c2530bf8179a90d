"""The one real-vs-synthetic detector (skgan._detector)."""

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier

from skgan._detector import (
    FAMILIES,
    detection_score,
    detector,
    discriminator,
    out_of_fold_scores,
    roc_auc,
)
from skgan.metrics import detection_auc


def test_families_and_leaf_size_follow_the_fold():
    assert isinstance(detector("random_forest", 0, 100), RandomForestClassifier)
    small = detector("gradient_boosting", 0, 60)
    large = detector("gradient_boosting", 0, 10_000)
    assert isinstance(small, HistGradientBoostingClassifier)
    assert small.min_samples_leaf == 6 and large.min_samples_leaf == 20
    categorical = np.array([False, True])
    assert detector("gradient_boosting", 0, 100, categorical).categorical_features is categorical
    assert detector("gradient_boosting", 0, 100, ~np.ones(2, bool)).categorical_features is None
    assert discriminator(0).early_stopping is True  # odds, not a score: regularised


def test_roc_auc_is_the_mann_whitney_statistic():
    y = np.array([0, 0, 1, 1])
    assert roc_auc(y, np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert roc_auc(y, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5  # ties count half
    assert roc_auc(y, np.array([0.9, 0.8, 0.2, 0.1])) == 0.0
    assert np.isnan(roc_auc(np.ones(3), np.arange(3.0)))


def test_no_row_is_scored_by_a_model_fitted_on_it():
    rng = np.random.default_rng(0)
    # labels that are pure noise: a model scoring its own training rows would
    # memorise them (AUC near 1); out of fold, nothing can be learned (near 0.5)
    X = rng.normal(size=(600, 4))
    y = rng.integers(0, 2, 600).astype(float)
    fold = rng.permutation(600) % 3
    splits = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(3)]
    scores = out_of_fold_scores(X, y, splits, "random_forest", 0)
    assert np.isfinite(scores).all() and abs(roc_auc(y, scores) - 0.5) < 0.08
    forest = detector("random_forest", 0, 600).fit(X, y)
    assert roc_auc(y, forest.predict_proba(X)[:, 1]) > 0.9


@pytest.mark.parametrize("families", [FAMILIES, ("gradient_boosting",)])
def test_detection_score_tells_shifted_rows_and_not_equal_ones(families):
    rng = np.random.default_rng(0)
    real = rng.normal(size=(300, 3))
    assert abs(detection_score(real, rng.normal(size=(300, 3)), 0, families) - 0.5) < 0.1
    assert detection_score(real, rng.normal(size=(300, 3)) + 3.0, 0, families) > 0.95


def test_metrics_detection_auc_uses_the_same_detectors():
    import pandas as pd

    rng = np.random.default_rng(1)
    real = pd.DataFrame(rng.normal(size=(200, 2)), columns=["a", "b"])
    for family in FAMILIES:
        assert detection_auc(real, real + 3, cv=3, detector=family, random_state=0) > 0.95
