"""skgan.metrics._utility: tstr_score (train on synthetic, test on real)."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skgan.metrics import tstr_score

from .conftest import make_mixed_frame


def test_tstr_default_estimator_on_mixed_data():
    X_train, y_train = make_mixed_frame(n=400, seed=0)
    X_test, y_test = make_mixed_frame(n=400, seed=1)
    good = tstr_score(X_train, y_train, X_test, y_test, scoring="roc_auc")
    noise = np.random.default_rng(0).permutation(y_train.to_numpy())
    bad = tstr_score(X_train, noise, X_test, y_test, scoring="roc_auc")
    assert good > 0.8
    assert bad < good - 0.2
    assert 0 <= tstr_score(X_train, y_train, X_test, y_test) <= 1


def test_tstr_unseen_levels_and_custom_estimator():
    X_train, y_train = make_mixed_frame(n=300, seed=0)
    X_test, y_test = make_mixed_frame(n=300, seed=1)
    X_test = X_test.assign(source=X_test["source"].where(X_test.index % 5 > 0, "new"))
    assert tstr_score(X_train, y_train, X_test, y_test, scoring="balanced_accuracy") > 0.6
    numeric = ["followers", "ratio", "score"]
    model = make_pipeline(StandardScaler(), LogisticRegression())
    score = tstr_score(
        X_train[numeric].fillna(0),
        y_train,
        X_test[numeric].fillna(0),
        y_test,
        estimator=model,
        scoring="accuracy",
    )
    assert score > 0.7


def test_tstr_checks_lengths():
    X, y = make_mixed_frame(n=100, seed=0)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        tstr_score(X, y[:50], X, y)
