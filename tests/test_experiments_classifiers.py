"""default_classifiers and balanced_classifiers."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from skgan.experiments import (
    default_classifiers,
)


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


def test_balanced_classifiers(mixed_data):
    from sklearn.neighbors import KNeighborsClassifier

    from skgan.experiments import balanced_classifiers

    classifiers = default_classifiers(mixed_data[0], names=("LR", "HGB", "RF"))
    weighted = balanced_classifiers(classifiers)
    assert list(weighted) == ["LR", "HGB", "RF"]
    for name, model in weighted.items():
        assert model.steps[-1][1].class_weight == "balanced"
        assert classifiers[name].steps[-1][1].class_weight is None  # originals untouched
    assert balanced_classifiers({"LR": LogisticRegression()})["LR"].class_weight == "balanced"
    with pytest.raises(ValueError, match="'knn' .*KNeighborsClassifier.* no class_weight"):
        balanced_classifiers({"knn": KNeighborsClassifier()})
