import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from skgan.metrics import (
    association_difference,
    association_matrices,
    column_detection,
    column_fidelity,
    detection_auc,
    distance_to_closest_record,
    exact_copy_rate,
    membership_inference_auc,
    quality_report,
    tstr_score,
)

from .conftest import make_mixed_frame


@pytest.fixture(autouse=True)
def _one_openmp_thread():
    # Small gradient-boosting fits gain nothing from OpenMP threads, and on a
    # shared machine the threads make them an order of magnitude slower.
    with threadpool_limits(limits=1, user_api="openmp"):
        yield


def draw(n, seed):
    """An independent draw of the mixed-type test distribution (no label)."""
    return make_mixed_frame(n=n, seed=seed)[0]


@pytest.fixture(scope="module")
def mixed():
    return draw(300, 0)


def numeric_frame(n, seed, shift=0.0, scale=1.0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "a": rng.normal(shift, scale, n),
            "b": rng.lognormal(1 + shift, scale, n),
            "c": rng.poisson(3 + shift, n),
        }
    )


def categorical_frame(n, seed, p=(0.6, 0.3, 0.1)):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "lang": rng.choice(["en", "es", "fr"], n, p=p),
            "verified": rng.random(n) < p[0],
            "source": pd.Categorical(rng.choice(["web", "app"], n, p=p[:2] / np.sum(p[:2]))),
        }
    )


ALL_METRICS = [
    lambda a, b: column_fidelity(a, b),
    lambda a, b: association_difference(a, b),
    lambda a, b: detection_auc(a, b, cv=2, random_state=0),
    lambda a, b: column_detection(a, b, cv=2, random_state=0),
    lambda a, b: distance_to_closest_record(a, b),
    lambda a, b: exact_copy_rate(a, b),
    lambda a, b: membership_inference_auc(a, a, b),
    lambda a, b: quality_report(a, b, random_state=0),
]


# --- input checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", ALL_METRICS)
def test_mismatched_columns_are_named(mixed, metric):
    other = mixed.rename(columns={"ratio": "rate"})
    with pytest.raises(ValueError, match=r"same columns.*\['rate'\].*\['ratio'\]"):
        metric(mixed, other)


def test_column_order_does_not_matter(mixed):
    shuffled = mixed[mixed.columns[::-1]]
    report = column_fidelity(mixed, shuffled)
    assert report["column"].tolist() == mixed.columns.tolist()
    assert (report["value"] == 0).all()
    assert exact_copy_rate(mixed, shuffled) == 1.0


def test_numpy_arrays_are_accepted():
    real = numeric_frame(200, 0)
    report = column_fidelity(real.to_numpy(), real.to_numpy())
    assert report["column"].tolist() == [0, 1, 2]
    # An array compared with a frame takes the frame's column names.
    assert column_fidelity(real, real.to_numpy())["column"].tolist() == ["a", "b", "c"]
    assert membership_inference_auc(real.to_numpy(), real, real.to_numpy()) == 0.5


def test_non_numeric_column_declared_numeric_is_rejected(mixed):
    with pytest.raises(ValueError, match="'lang' is not numeric"):
        column_fidelity(mixed, mixed, categorical_features=["verified", "source"])


def test_explicit_categorical_features_turn_numbers_into_levels():
    real = numeric_frame(200, 0)
    report = column_fidelity(real, real, categorical_features=["c"])
    assert report.set_index("column").loc["c", "statistic"] == "TVD"


# --- column_fidelity ---------------------------------------------------------------------------


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


# --- association -------------------------------------------------------------------------------


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


# --- detection ---------------------------------------------------------------------------------


def test_detection_auc_same_distribution_is_chance(mixed):
    auc = detection_auc(mixed, draw(300, 1), cv=3, random_state=0)
    assert abs(auc - 0.5) < 0.1


def test_detection_auc_identical_is_chance(mixed):
    assert abs(detection_auc(mixed, mixed, cv=3, random_state=0) - 0.5) < 0.1


def test_detection_auc_shift_is_detected():
    real = numeric_frame(300, 0)
    assert detection_auc(real, numeric_frame(300, 1, shift=2.0), cv=3, random_state=0) > 0.9


def test_detection_auc_copies_of_real_rows_are_not_below_chance(mixed):
    # Half the synthetic rows copy real rows, half are fresh draws: no signal either way.
    synthetic = pd.concat([mixed.iloc[:150], draw(150, 1)], ignore_index=True)
    assert abs(detection_auc(mixed, synthetic, cv=3, random_state=0) - 0.5) < 0.1


def test_detection_auc_categorical_only():
    real = categorical_frame(400, 0)
    same = detection_auc(real, categorical_frame(400, 1), cv=3, random_state=0)
    skewed = detection_auc(
        real, categorical_frame(400, 1, p=(0.1, 0.3, 0.6)), cv=3, random_state=0
    )
    assert abs(same - 0.5) < 0.1
    assert skewed > 0.8
    # Few distinct rows, each repeated many times with both labels.
    assert abs(detection_auc(real, real, cv=3, random_state=0) - 0.5) < 0.05


def test_detection_auc_balances_and_is_reproducible(mixed):
    big = draw(900, 1)
    first = detection_auc(mixed, big, cv=3, random_state=42)
    assert first == detection_auc(mixed, big, cv=3, random_state=42)
    assert abs(first - 0.5) < 0.1


def test_detection_auc_missingness_is_detected():
    real = numeric_frame(300, 0)
    holey = numeric_frame(300, 1)
    holey.loc[holey.index[::2], "a"] = np.nan
    assert detection_auc(real, holey, cv=3, random_state=0) > 0.7


def test_detection_auc_many_levels():
    rng = np.random.default_rng(0)
    real = pd.DataFrame({"user": rng.integers(0, 400, 600).astype(str), "x": rng.normal(size=600)})
    auc = detection_auc(real, real.assign(x=real["x"] + 3), cv=2, random_state=0)
    assert auc > 0.95


def test_detection_auc_too_few_rows():
    frame = numeric_frame(3, 0)
    with pytest.raises(ValueError, match="at least cv=5 rows"):
        detection_auc(frame, frame)


# --- column_detection --------------------------------------------------------------------------


def single_rows(report):
    return report[report["other"].isna()].set_index("column")


def pair_rows(report):
    return report[report["other"].notna()].reset_index(drop=True)


def test_column_detection_ranks_the_shifted_column_first():
    rng = np.random.default_rng(0)

    def table(n, shift):
        return pd.DataFrame(
            {
                "likes": rng.poisson(4, n),
                "age": rng.gamma(2.0, 300.0, n) + shift,
                "ratio": rng.beta(2, 5, n),
                "score": rng.normal(size=n),
            }
        )

    report = column_detection(table(600, 0.0), table(600, 500.0), cv=3, random_state=0)
    assert report.columns.tolist() == [
        "column",
        "other",
        "kind",
        "detection_auc",
        "pair_gain",
        "statistic",
        "distance",
        "missing_difference",
    ]
    assert len(report) == 4 and report["other"].isna().all()
    top, rest = report.iloc[0], report.iloc[1:]
    assert (top["column"], top["kind"], top["statistic"]) == ("age", "continuous", "KS")
    assert top["detection_auc"] > 0.8 and top["distance"] > 0.4
    assert (rest["detection_auc"] - 0.5).abs().max() < 0.08
    assert rest["distance"].max() < 0.1
    assert report["detection_auc"].is_monotonic_decreasing


def test_column_detection_distances_match_column_fidelity(mixed):
    other = draw(400, 1)
    fidelity = column_fidelity(mixed, other).set_index("column")
    report = single_rows(column_detection(mixed, other, cv=3, random_state=0))
    np.testing.assert_allclose(report.loc[fidelity.index, "distance"], fidelity["value"])
    np.testing.assert_allclose(
        report.loc[fidelity.index, "missing_difference"], fidelity["missing_difference"]
    )
    assert (report.loc[fidelity.index, "kind"] == fidelity["kind"]).all()


def test_column_detection_same_distribution_is_chance(mixed):
    # mixed types, NaN in "ratio", unequal sizes (the larger table is subsampled)
    report = column_detection(mixed, draw(600, 1), cv=3, random_state=0)
    assert (report["detection_auc"] - 0.5).abs().max() < 0.1
    # identical tables: every value has a twin in its fold, nothing to learn
    identical = column_detection(mixed, mixed, pairs=2, cv=2, random_state=0)
    np.testing.assert_allclose(identical["detection_auc"], 0.5, atol=0.02)
    assert (identical["distance"] == 0).all()


def test_column_detection_is_reproducible(mixed):
    other = draw(300, 1)
    first = column_detection(mixed, other, pairs=2, cv=2, random_state=7)
    pd.testing.assert_frame_equal(
        first, column_detection(mixed, other, pairs=2, cv=2, random_state=7)
    )


def test_column_detection_broken_joint_shows_in_the_pair_only():
    rng = np.random.default_rng(0)
    n = 500
    x1 = rng.normal(size=n)
    real = pd.DataFrame({"x1": x1, "x2": x1, "z": rng.normal(size=n)})
    # right marginals, independent columns
    synthetic = pd.DataFrame({c: rng.normal(size=n) for c in ["x1", "x2", "z"]})
    report = column_detection(real, synthetic, pairs=True, cv=3, random_state=0)
    single = single_rows(report)
    assert (single["detection_auc"] - 0.5).abs().max() < 0.08
    pairs = pair_rows(report)
    assert len(pairs) == 3  # a table this narrow has every pair searched
    top = pairs.iloc[0]
    assert (top["column"], top["other"]) == ("x1", "x2")
    assert top["kind"] == "continuous-continuous" and top["statistic"] == "Spearman"
    assert top["detection_auc"] > 0.8 and top["pair_gain"] > 0.25
    assert top["distance"] > 0.9  # Spearman 1 against about 0
    assert np.isnan(top["missing_difference"])
    assert (pairs["pair_gain"].iloc[1:] < 0.1).all()
    np.testing.assert_allclose(
        pairs["pair_gain"],
        pairs["detection_auc"]
        - np.maximum(
            single.loc[pairs["column"], "detection_auc"].to_numpy(),
            single.loc[pairs["other"], "detection_auc"].to_numpy(),
        ),
    )


def test_column_detection_pair_search_is_bounded():
    rng = np.random.default_rng(0)
    real = pd.DataFrame({f"x{j}": rng.normal(size=200) for j in range(7)})
    real["y"] = real["x0"]
    synthetic = pd.DataFrame({c: rng.normal(size=200) for c in real.columns})
    synthetic["x6"] += 2  # the worst column
    report = column_detection(real, synthetic, pairs=2, cv=2, random_state=0)
    pairs = pair_rows(report)
    # the pair of the two worst columns, and the pair whose association is most off
    assert len(pairs) == 2
    assert {"x0", "y"} in [set(p) for p in zip(pairs["column"], pairs["other"])]
    assert (pairs["column"].eq("x6") | pairs["other"].eq("x6")).any()
    assert len(pair_rows(column_detection(real, synthetic, cv=2, random_state=0))) == 0


def test_column_detection_categorical_columns():
    rng = np.random.default_rng(0)
    real = categorical_frame(500, 0)
    synthetic = categorical_frame(500, 1)
    synthetic["lang"] = rng.choice(["en", "es", "fr", None], 500, p=[0.1, 0.3, 0.5, 0.1])
    report = column_detection(real, synthetic, pairs=True, cv=3, random_state=0)
    top = report.iloc[0]
    assert (top["column"], top["kind"], top["statistic"]) == ("lang", "categorical", "TVD")
    assert top["detection_auc"] > 0.75 and top["distance"] > 0.4
    assert top["missing_difference"] == pytest.approx(np.mean(synthetic["lang"].isna()))
    single = single_rows(report)
    assert (single.drop("lang")["detection_auc"] - 0.5).abs().max() < 0.08
    assert set(pair_rows(report)["statistic"]) == {"Cramér's V"}


def test_column_detection_missingness_is_detected():
    # Same values, but half of "a" missing: the KS of the present values stays
    # small, the classifier sees the missing values and the gap is reported.
    real = numeric_frame(400, 0)
    holey = numeric_frame(400, 1)
    holey.loc[holey.index[::2], "a"] = np.nan
    report = column_detection(real, holey, cv=3, random_state=0)
    top = report.iloc[0]
    assert top["column"] == "a" and top["detection_auc"] > 0.7
    assert top["distance"] < 0.15
    assert top["missing_difference"] == pytest.approx(0.5)


def test_column_detection_all_missing_and_constant_columns():
    # scikit-learn's gradient boosting cannot bin a feature without a value
    real = numeric_frame(60, 0).assign(empty=np.nan, constant=1.0)
    synthetic = numeric_frame(60, 1).assign(empty=np.nan, constant=1.0)
    report = single_rows(column_detection(real, synthetic, pairs=True, cv=3, random_state=0))
    assert report.loc[["empty", "constant"], "detection_auc"].tolist() == [0.5, 0.5]
    assert report.loc[["empty", "constant"], "distance"].tolist() == [0.0, 0.0]
    assert 0.3 < detection_auc(real, synthetic, cv=3, random_state=0) < 0.7


def test_column_detection_arrays_and_mixed_kinds():
    real = numeric_frame(300, 0)
    shifted = numeric_frame(300, 1).assign(b=lambda f: f["b"] * 5)
    report = column_detection(real.to_numpy(), shifted.to_numpy(), cv=3, random_state=0)
    assert report["column"].iloc[0] == 1 and set(report["column"]) == {0, 1, 2}
    # an array compared with a frame takes the frame's column names
    named = column_detection(real, shifted.to_numpy(), cv=3, random_state=0)
    assert named["column"].iloc[0] == "b"
    # pairs of a numeric and a categorical column are scored by the correlation ratio
    mixed = column_detection(
        real.assign(lang="en")[:100], shifted.assign(lang="en")[:100], pairs=True, cv=2
    )
    kinds = dict(zip(pair_rows(mixed)["kind"], pair_rows(mixed)["statistic"]))
    assert kinds["continuous-categorical"] == "eta"


def test_column_detection_accepts_a_splitter(mixed):
    from sklearn.model_selection import GroupKFold

    report = column_detection(mixed, mixed, cv=GroupKFold(3), random_state=0)
    np.testing.assert_allclose(report["detection_auc"], 0.5, atol=0.02)


@pytest.mark.parametrize("pairs", [1, -2, 2.5, "all"])
def test_column_detection_rejects_bad_pairs(pairs):
    frame = numeric_frame(50, 0)
    with pytest.raises(ValueError, match="pairs must be a bool or an int >= 2"):
        column_detection(frame, frame, pairs=pairs)


def test_column_detection_too_few_rows():
    frame = numeric_frame(3, 0)
    with pytest.raises(ValueError, match=r"column_detection needs at least cv=5 rows.*3 real"):
        column_detection(frame, numeric_frame(40, 1))


# --- exact copies ------------------------------------------------------------------------------


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


# --- distance to closest record ----------------------------------------------------------------


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


# --- membership inference ----------------------------------------------------------------------


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


# --- TSTR --------------------------------------------------------------------------------------


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


# --- report ------------------------------------------------------------------------------------


def test_quality_report_layout_and_values(mixed):
    report = quality_report(mixed, mixed, holdout=draw(300, 1), random_state=0)
    assert report.columns.tolist() == ["group", "metric", "value", "better", "detail"]
    assert set(report["group"]) == {"fidelity", "privacy"}
    assert set(report["better"]) == {"higher", "lower"}
    values = report.set_index("metric")["value"]
    assert values["column_score_mean"] == 1.0
    assert values["column_score_min"] == 1.0
    assert values["association_difference"] == 0.0
    assert abs(values["detection_auc"] - 0.5) < 0.1
    assert abs(values["column_detection_auc_max"] - 0.5) < 0.02
    assert values["exact_copy_rate"] == 1.0
    assert values["dcr_synthetic_median"] == 0.0
    assert values["membership_inference_auc"] > 0.8


def test_quality_report_names_worst_column():
    real = numeric_frame(200, 0)
    synthetic = numeric_frame(200, 1).assign(b=lambda f: f["b"] * 10)
    report = quality_report(real, synthetic, random_state=0).set_index("metric")
    assert "dcr_median_ratio" not in report.index
    assert report.loc["column_score_min", "detail"] == "column 'b' (KS)"
    assert report.loc["column_score_min", "value"] < 0.5
    assert report.loc["column_detection_auc_max", "detail"].startswith("column 'b' (KS 0.")
    assert report.loc["column_detection_auc_max", "value"] > 0.8


def test_detection_auc_accepts_group_splitter(mixed):
    from sklearn.model_selection import GroupKFold

    auc = detection_auc(mixed, mixed, cv=GroupKFold(3), random_state=0)
    assert abs(auc - 0.5) < 0.1


def test_gower_embedding_matches_direct_gower_distance():
    from scipy.spatial.distance import cdist

    from skgan.metrics._encoding import check_and_encode, gower_embeddings, rank_scale

    rng = np.random.default_rng(0)

    def table(n):
        return pd.DataFrame(
            {
                "x": np.where(rng.random(n) < 0.3, np.nan, rng.lognormal(size=n)),
                "y": rng.normal(size=n),
                "binary": rng.random(n) < 0.5,
                "lang": rng.choice(["en", "es", "fr", None], n),
                "one_level": ["a"] * n,
            }
        )

    (a, b), layout = check_and_encode({"a": table(40), "b": table(30)})
    ea, eb = gower_embeddings([a, b], layout, a)
    embedded = cdist(ea, eb, "cityblock")

    va, vb = rank_scale(a.num, a.num), rank_scale(b.num, a.num)
    numeric = np.abs(va[:, None, :] - vb[None, :, :])
    one_missing = np.isnan(va)[:, None, :] != np.isnan(vb)[None, :, :]
    numeric = np.where(one_missing, 1.0, np.nan_to_num(numeric))
    mismatch = a.cat[:, None, :] != b.cat[None, :, :]
    direct = (numeric.sum(axis=2) + mismatch.sum(axis=2)) / len(layout.columns)
    np.testing.assert_allclose(embedded, direct, atol=1e-12)


def test_dates_and_durations_are_compared_as_seconds():
    dates = pd.Series(pd.to_datetime(["2020-01-01", None, "2021-01-01", "2022-06-01"]))
    real = pd.DataFrame({"created_at": dates, "age": dates.max() - dates})
    coarse = real.assign(created_at=real["created_at"].astype("datetime64[s]"))
    coarse["created_at"] = coarse["created_at"].dt.tz_localize("UTC")
    report = column_fidelity(real.assign(created_at=dates.dt.tz_localize("UTC")), coarse)
    assert (report["value"] == 0).all() and report["kind"].eq("continuous").all()
    assert exact_copy_rate(real, real.astype({"created_at": "datetime64[s]"})) == 1.0
    later = real.assign(created_at=real["created_at"] + pd.Timedelta(days=1000))
    assert column_fidelity(real, later)["value"].iloc[0] > 0.5


def test_detection_of_a_few_dozen_rows_is_not_a_silent_half():
    # 15 real and 15 synthetic rows, ten standard deviations apart: any detector
    # tells them apart; gradient boosting with 20 rows per leaf could not split.
    from skgan.metrics import detection_auc

    rng = np.random.default_rng(0)
    real = pd.DataFrame({"x": rng.normal(size=15), "y": rng.normal(size=15)})
    synthetic = real.assign(x=real["x"] + 10.0)
    assert detection_auc(real, synthetic, random_state=0) > 0.9
