"""skgan.metrics._detection: detection_auc and column_detection."""

import numpy as np
import pandas as pd
import pytest

from skgan.metrics import column_detection, column_fidelity, detection_auc

from .conftest import categorical_frame, draw, numeric_frame


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


def test_detection_auc_accepts_group_splitter(mixed):
    from sklearn.model_selection import GroupKFold

    auc = detection_auc(mixed, mixed, cv=GroupKFold(3), random_state=0)
    assert abs(auc - 0.5) < 0.1


def test_detection_of_a_few_dozen_rows_is_not_a_silent_half():
    # 15 real and 15 synthetic rows, ten standard deviations apart: any detector
    # tells them apart; gradient boosting with 20 rows per leaf could not split.
    from skgan.metrics import detection_auc

    rng = np.random.default_rng(0)
    real = pd.DataFrame({"x": rng.normal(size=15), "y": rng.normal(size=15)})
    synthetic = real.assign(x=real["x"] + 10.0)
    assert detection_auc(real, synthetic, random_state=0) > 0.9
