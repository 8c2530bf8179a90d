"""skgan.metrics._leakage: exact copies, distance to closest record, membership inference."""

import numpy as np
import pandas as pd
import pytest

from skgan.metrics import distance_to_closest_record, exact_copy_rate, membership_inference_auc

from .conftest import categorical_frame, draw, numeric_frame


def test_exact_copy_rate_of_training_set_is_one(mixed):
    assert exact_copy_rate(mixed, mixed) == 1.0
    assert exact_copy_rate(mixed, mixed.sample(frac=1.0, random_state=0)) == 1.0


def test_exact_copy_rate_of_fresh_draw_is_zero(mixed):
    assert exact_copy_rate(mixed, draw(300, 1)) == 0.0


def test_exact_copy_rate_partial_and_dtype_alignment(mixed):
    fresh = draw(100, 1)
    copies = mixed.iloc[:100].copy()
    # Same values, other dtypes: still copies.
    copies["followers"] = copies["followers"].astype(np.float64)
    copies["lang"] = copies["lang"].astype(object)
    copies["source"] = copies["source"].astype("category")
    synthetic = pd.concat([fresh, copies], ignore_index=True)
    assert exact_copy_rate(mixed, synthetic) == 0.5


def test_exact_copy_rate_nan_equals_nan():
    train = pd.DataFrame({"x": [np.nan, 1.0], "lang": [None, "en"]})
    synthetic = pd.DataFrame({"x": [np.nan, np.nan, -0.0], "lang": [np.nan, "en", "en"]})
    assert exact_copy_rate(train, synthetic) == pytest.approx(1 / 3)
    assert exact_copy_rate(pd.DataFrame({"x": [0.0]}), pd.DataFrame({"x": [-0.0]})) == 1.0


def test_dcr_of_copies_is_zero_and_flags_ratio(mixed):
    summary = distance_to_closest_record(mixed, mixed.iloc[:150], draw(300, 1))
    assert summary.index.tolist() == [
        "synthetic_median",
        "synthetic_p05",
        "holdout_median",
        "holdout_p05",
        "median_ratio",
    ]
    assert summary["synthetic_median"] == 0.0 and summary["synthetic_p05"] == 0.0
    assert summary["holdout_median"] > 0
    assert summary["median_ratio"] == 0.0


def test_dcr_of_fresh_draw_matches_holdout(mixed):
    summary = distance_to_closest_record(mixed, draw(300, 1), draw(300, 2))
    assert 0.8 < summary["median_ratio"] < 1.25


def test_dcr_without_holdout():
    real = numeric_frame(200, 0)
    summary = distance_to_closest_record(real, numeric_frame(200, 1))
    assert summary.index.tolist() == ["synthetic_median", "synthetic_p05"]
    far = distance_to_closest_record(real, numeric_frame(200, 1, shift=3.0))
    assert far["synthetic_median"] > summary["synthetic_median"]


def test_dcr_is_gower_distance():
    train = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0, np.nan], "lang": ["a", "a", "b", "b", "a"]})
    synthetic = pd.DataFrame({"x": [0.0, np.nan, 3.0], "lang": ["b", "a", "b"]})
    summary = distance_to_closest_record(train, synthetic)
    # Row 1 copies train row 4 (NaN == NaN) and row 2 copies train row 3: 0.
    assert summary["synthetic_median"] == 0.0
    assert summary["synthetic_p05"] == 0.0
    # Row 0 is closest to train row 2: x ranks 1/8 against 5/8, lang equal: (0.5 + 0) / 2.
    one_row = distance_to_closest_record(train, synthetic.iloc[:1])
    assert one_row["synthetic_median"] == pytest.approx(0.25)
    # Missing against present costs 1: (1 + 0) / 2.
    holey = pd.DataFrame({"x": [np.nan], "lang": ["b"]})
    assert distance_to_closest_record(train, holey)["synthetic_median"] == pytest.approx(0.5)


def test_dcr_rank_scale_tames_heavy_tails():
    # One huge outlier must not squash every other distance to zero.
    train = pd.DataFrame({"followers": np.r_[np.arange(0, 100, 2), 1e9]})
    synthetic = pd.DataFrame({"followers": np.arange(1, 100, 2).astype(float)})
    summary = distance_to_closest_record(train, synthetic)
    assert summary["synthetic_median"] > 0.005


def test_dcr_sparse_path_for_many_levels():
    rng = np.random.default_rng(0)
    train = pd.DataFrame(
        {"user": rng.integers(0, 700, 300).astype(str), "x": rng.normal(size=300)}
    )
    summary = distance_to_closest_record(train, train.iloc[:50], train.iloc[50:])
    assert summary["synthetic_median"] == 0.0
    assert summary["holdout_median"] == 0.0


def test_membership_auc_of_copied_training_set_is_high(mixed):
    auc = membership_inference_auc(mixed, draw(300, 1), synthetic=mixed)
    assert auc > 0.8


def test_membership_auc_of_independent_draw_is_chance(mixed):
    auc = membership_inference_auc(mixed, draw(300, 1), synthetic=draw(300, 2))
    assert abs(auc - 0.5) < 0.1


def test_membership_auc_numeric_and_categorical_only():
    train, holdout = numeric_frame(200, 0), numeric_frame(200, 1)
    assert membership_inference_auc(train, holdout, train) > 0.95
    assert abs(membership_inference_auc(train, holdout, numeric_frame(200, 2)) - 0.5) < 0.1
    train, holdout = categorical_frame(200, 0), categorical_frame(200, 1)
    # Few distinct categorical rows: every candidate has a synthetic twin.
    assert membership_inference_auc(train, holdout, train) == pytest.approx(0.5, abs=0.05)
