"""skgan.metrics._fidelity: column_fidelity, association_matrices, association_difference."""

import numpy as np
import pandas as pd
import pytest

from skgan.metrics import association_difference, association_matrices, column_fidelity

from .conftest import numeric_frame


def test_column_fidelity_identical_is_perfect(mixed):
    report = column_fidelity(mixed, mixed)
    assert report.columns.tolist() == [
        "column",
        "kind",
        "statistic",
        "value",
        "missing_difference",
        "score",
    ]
    assert (report["value"] == 0).all() and (report["score"] == 1).all()
    assert (report["missing_difference"] == 0).all()
    kinds = dict(zip(report["column"], report["kind"]))
    assert kinds == {
        "followers": "continuous",
        "ratio": "continuous",
        "score": "continuous",
        "verified": "categorical",
        "lang": "categorical",
        "source": "categorical",
    }
    stats = dict(zip(report["column"], report["statistic"]))
    assert stats["followers"] == "KS" and stats["lang"] == "TVD"


def test_column_fidelity_shift_and_scale_are_detected():
    real = numeric_frame(500, 0)
    same = column_fidelity(real, numeric_frame(500, 1))
    shifted = column_fidelity(real, numeric_frame(500, 1, shift=2.0))
    scaled = column_fidelity(real, numeric_frame(500, 1, scale=3.0))
    assert (same["value"] < 0.15).all()
    assert (shifted["value"] > 0.3).all()
    assert (scaled.set_index("column").loc[["a", "b"], "value"] > 0.2).all()


def test_ks_matches_scipy():
    from scipy.stats import ks_2samp

    real, synthetic = numeric_frame(300, 0), numeric_frame(250, 1, shift=0.3)
    report = column_fidelity(real, synthetic).set_index("column")
    for name in real:
        expected = ks_2samp(real[name], synthetic[name]).statistic
        assert report.loc[name, "value"] == pytest.approx(expected)


def test_tvd_categorical_only_known_value():
    real = pd.DataFrame({"lang": ["en"] * 6 + ["es"] * 4})
    synthetic = pd.DataFrame({"lang": ["en"] * 3 + ["es"] * 3 + ["fr"] * 4})
    report = column_fidelity(real, synthetic)
    # |0.6-0.3| + |0.4-0.3| + |0-0.4| = 0.8, halved.
    assert report["value"].item() == pytest.approx(0.4)
    assert report["score"].item() == pytest.approx(0.6)


def test_column_fidelity_missing_values():
    real = pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan], "lang": ["en", "es", None, None]})
    synthetic = pd.DataFrame({"x": [1.0, 2.0, 3.0, 3.0], "lang": ["en", "es", "es", "es"]})
    report = column_fidelity(real, synthetic).set_index("column")
    # KS ignores NaN (CDFs 2/3 and 2/4 at x=2); the missing gap is reported alongside.
    assert report.loc["x", "value"] == pytest.approx(1 / 6)
    assert report.loc["x", "missing_difference"] == pytest.approx(-0.25)
    # For categoricals NaN is a level: real (en .25, es .25, NaN .5) vs (en .25, es .75).
    assert report.loc["lang", "value"] == pytest.approx(0.5)
    assert report.loc["lang", "missing_difference"] == pytest.approx(-0.5)


def test_column_fidelity_all_missing_numeric_column():
    real = pd.DataFrame({"x": [np.nan, np.nan], "y": [1.0, 2.0]})
    assert column_fidelity(real, real)["value"].tolist() == [0.0, 0.0]
    synthetic = real.assign(x=[1.0, 2.0])
    assert column_fidelity(real, synthetic)["value"].tolist() == [1.0, 0.0]


def test_association_identical_is_zero(mixed):
    assert association_difference(mixed, mixed) == 0.0


def test_association_matrices_known_values():
    rng = np.random.default_rng(0)
    n = 600
    group = rng.choice(["a", "b", "c"], n)
    x = rng.normal(size=n)
    frame = pd.DataFrame(
        {
            "x": x,
            "y": -x + rng.normal(scale=0.05, size=n),
            "by_group": pd.Series(group).map({"a": 0.0, "b": 10.0, "c": 20.0})
            + rng.normal(size=n),
            "group": group,
            "copy": pd.Series(group).map({"a": "u", "b": "v", "c": "w"}),
            "noise": rng.choice(["p", "q"], n),
        }
    )
    matrix, _ = association_matrices(frame, frame)
    assert matrix.index.tolist() == frame.columns.tolist()
    np.testing.assert_allclose(matrix.to_numpy(), matrix.to_numpy().T)
    np.testing.assert_allclose(np.diag(matrix), 1.0)
    assert matrix.loc["x", "y"] < -0.95  # Spearman keeps the sign
    assert matrix.loc["by_group", "group"] > 0.95  # correlation ratio
    assert matrix.loc["group", "copy"] == pytest.approx(1.0)  # Cramér's V
    assert matrix.loc["group", "noise"] < 0.15
    assert abs(matrix.loc["x", "by_group"]) < 0.15


def test_association_difference_sees_broken_dependence():
    rng = np.random.default_rng(0)
    n = 500
    lang = rng.choice(["en", "es"], n)
    x = rng.normal(size=n)
    real = pd.DataFrame(
        {"x": x, "y": x + rng.normal(scale=0.2, size=n), "lang": lang, "z": (lang == "en") * 5.0}
    )
    independent = real.apply(lambda column: rng.permutation(column.to_numpy()))
    # Two of six pairs lose an association of about 1.
    assert association_difference(real, independent) > 0.3
    assert association_difference(real, real.sample(frac=1, random_state=0)) < 1e-12


def test_association_handles_missing_and_constant_columns():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "x": np.where(rng.random(200) < 0.3, np.nan, rng.normal(size=200)),
            "constant": np.ones(200),
            "lang": pd.Series(rng.choice(["en", None], 200), dtype=object),
            "one_level": ["en"] * 200,
        }
    )
    real_matrix, _ = association_matrices(frame, frame)
    assert np.isfinite(real_matrix.to_numpy()).all()
    assert real_matrix.loc["x", "constant"] == 0.0
    assert real_matrix.loc["lang", "one_level"] == 0.0
    assert association_difference(frame, frame) == 0.0


def test_association_difference_single_column_is_nan():
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    assert np.isnan(association_difference(frame, frame))
