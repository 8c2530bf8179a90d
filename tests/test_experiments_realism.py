"""held_out_realism and detection_auc's detector families."""

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import RandomOverSampler

from skgan.experiments import held_out_realism
from skgan.metrics import detection_auc


class _Shifted:
    """An over-sampler whose synthetic rows are the minority's rows, shifted: easy to detect."""

    def __init__(self, shift, sampling_strategy="auto"):
        self.shift, self.sampling_strategy = shift, sampling_strategy
        self.fitted_ = None

    def get_params(self, deep=True):
        return {"shift": self.shift, "sampling_strategy": self.sampling_strategy}

    def set_params(self, **params):
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def fit_resample(self, X, y):
        y = np.asarray(y)
        minority = pd.Series(y).value_counts().index[-1]
        rows = X[y == minority]
        n = (
            self.sampling_strategy[minority] - len(rows)
            if isinstance(self.sampling_strategy, dict)
            else len(X) - 2 * len(rows)
        )
        new = rows.sample(n, replace=True, random_state=0).assign(x=lambda f: f["x"] + self.shift)
        self.fitted_ = True
        return pd.concat([X, new], ignore_index=True), np.r_[y, np.full(n, minority)]


def _table(n=400, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x": rng.normal(size=n), "kind": rng.choice(["a", "b"], n)})
    return X, np.r_[np.zeros(3 * n // 4, int), np.ones(n // 4, int)]


def test_held_out_realism_layout_floor_and_detection():
    X, y = _table()
    samplers = {
        "none": None,
        "class_weight": "balanced",
        "ROS": RandomOverSampler(random_state=0),
        "shifted": _Shifted(3.0),
    }
    realism = held_out_realism(X, y, samplers, attributes=["fitted_"], random_state=0)
    assert realism["sampler"].tolist() == ["ROS", "shifted"]
    assert realism.columns[:5].tolist() == [
        "sampler",
        "n_train_minority",
        "n_held_out",
        "n_synthetic",
        "fit_s",
    ]
    row = realism.set_index("sampler")
    assert (row["n_train_minority"] == 50).all() and (row["n_held_out"] == 50).all()
    assert row.loc["ROS", "n_synthetic"] == 100 and row.loc["shifted", "fitted_"]
    for detector in ("detection_auc", "detection_auc_random_forest"):
        assert row.loc["shifted", detector] > 0.9
        assert row.loc["ROS", detector] < 0.8
    # the floor: two halves of the same real rows, one value for every sampler
    assert realism["floor_auc"].nunique() == 1 and realism["floor_auc"].iloc[0] < 0.8
    assert row.loc["shifted", "worst_column"] == "x"


def test_held_out_realism_match_minority_and_quality():
    X, y = _table()
    realism = held_out_realism(
        X,
        y,
        {"shifted": _Shifted(0.5)},
        detectors=["gradient_boosting"],
        match_minority=True,
        quality=True,
        random_state=0,
    )
    row = realism.iloc[0]
    assert row["n_synthetic"] == row["n_train_minority"] == 50
    assert "detection_auc_random_forest" not in realism
    # the report's own detection rows are replaced by the held-out ones
    assert {"exact_copy_rate", "membership_inference_auc", "dcr_median_ratio"} <= set(realism)
    assert "column_detection_auc_max" not in realism


def test_held_out_realism_rejects_unknown_detectors():
    X, y = _table()
    with pytest.raises(ValueError, match="detectors must be among"):
        held_out_realism(X, y, {}, detectors=["svm"])


def test_detection_auc_detector_families():
    rng = np.random.default_rng(0)
    real = pd.DataFrame({"x": rng.normal(size=300), "missing": np.nan})
    same = pd.DataFrame({"x": rng.normal(size=300), "missing": np.nan})
    for detector in ("gradient_boosting", "random_forest"):
        assert detection_auc(real, real + 3, detector=detector, random_state=0) > 0.95
        assert detection_auc(real, same, detector=detector, random_state=0) < 0.65
    with pytest.raises(ValueError, match="detector must be one of"):
        detection_auc(real, same, detector="svm")
