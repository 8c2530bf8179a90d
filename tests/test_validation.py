"""Input checks (skgan._validation): every error names the column and the reason."""

import re

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from skgan._validation import (
    check_categorical_columns,
    check_numeric_columns,
    is_categorical_dtype,
    resolve_categorical,
    to_frame,
)

# --- to_frame ------------------------------------------------------------------------------


def test_arrays_lists_and_sparse_matrices_get_integer_labels():
    array = np.arange(6.0).reshape(3, 2)
    for X in (array, array.tolist(), sparse.csr_matrix(array)):
        frame = to_frame(X)
        assert list(frame.columns) == [0, 1]
        np.testing.assert_array_equal(frame.to_numpy(), array)


def test_object_arrays_of_numbers_become_floats_and_others_stay():
    numbers = to_frame(np.array([[1, "2"], [3, 4.5]], dtype=object))
    assert (numbers.dtypes == np.float64).all()
    mixed = to_frame(np.array([[1, "a"], [2, "b"]], dtype=object))
    assert not any(pd.api.types.is_numeric_dtype(dt) for dt in mixed.dtypes)
    assert mixed.iloc[1, 1] == "b"


def test_frames_keep_their_columns_and_get_a_fresh_index():
    X = pd.DataFrame({"b": [1, 2], "a": ["x", "y"]}, index=[10, 7])
    frame = to_frame(X)
    assert list(frame.columns) == ["b", "a"] and list(frame.index) == [0, 1]
    assert list(X.index) == [10, 7]  # the caller's frame is left alone


@pytest.mark.parametrize("with_dense", [False, True], ids=["all-sparse", "some-sparse"])
def test_pandas_sparse_columns_are_densified(with_dense):
    X = pd.DataFrame(
        {
            "s": pd.arrays.SparseArray([0.0, 1.0, np.nan]),
            "i": pd.arrays.SparseArray([0, 3, 0], fill_value=0),
        }
    )
    if with_dense:
        X["d"] = [1.0, 2.0, 3.0]
    frame = to_frame(X)
    assert frame.dtypes.to_dict() == {
        "s": np.dtype(float),
        "i": np.dtype(np.int64),
        **({"d": np.dtype(float)} if with_dense else {}),
    }
    assert frame["s"].tolist()[:2] == [0.0, 1.0] and np.isnan(frame["s"].iloc[2])
    assert frame["i"].tolist() == [0, 3, 0]


def test_duplicate_column_names_are_named():
    X = pd.DataFrame(np.zeros((2, 3)), columns=["a", "b", "a"])
    with pytest.raises(ValueError, match=r"duplicate column names \['a'\]"):
        to_frame(X)


@pytest.mark.parametrize(
    "X, match",
    [
        (np.zeros(3), "Expected a 2D array, got a 1D array"),
        (pd.Series([1.0, 2.0]), "Expected a 2D array, got a 1D array"),
        (np.zeros((2, 2, 2)), r"2D array, got an array of shape \(2, 2, 2\)"),
        (np.zeros((0, 3)), r"0 sample\(s\) \(shape=\(0, 3\)\)"),
        (pd.DataFrame(index=range(4)), r"0 feature\(s\) \(shape=\(4, 0\)\)"),
    ],
    ids=["1d", "series", "3d", "no-rows", "no-columns"],
)
def test_shapes_that_are_not_tables_are_refused(X, match):
    with pytest.raises(ValueError, match=match):
        to_frame(X)


# --- which columns are categorical ---------------------------------------------------------


@pytest.mark.parametrize(
    "values, categorical",
    [
        (pd.Series([1.0, 2.0]), False),
        (pd.Series([1, 2]), False),
        (pd.Series([1, None], dtype="Int64"), False),
        (pd.Series(pd.to_datetime(["2020-01-01", "2021-01-01"])), False),
        (pd.Series([True, False]), True),
        (pd.Series([True, None], dtype="boolean"), True),
        (pd.Series(["a", "b"]), True),
        (pd.Series(["a", None], dtype="string"), True),
        (pd.Series(["a", "b"], dtype="category"), True),
        (pd.Series([1, 2], dtype="category"), True),
        (pd.Series([b"a", b"b"]), True),
    ],
)
def test_auto_detection_of_categorical_dtypes(values, categorical):
    assert is_categorical_dtype(values.dtype) is categorical


@pytest.fixture
def frame():
    return pd.DataFrame({"n": [1.0, 2.0], "lang": ["en", "es"], "flag": [True, False], 3: [1, 2]})


@pytest.mark.parametrize(
    "selection, expected",
    [
        ("auto", ["lang", "flag"]),
        (None, []),
        ([], []),
        (["n"], ["n"]),
        ([0, -1], ["n", 3]),
        ([3], [3]),  # a label takes precedence over a position
        ([False, True, False, True], ["lang", 3]),
        (np.array([True, False, False, False]), ["n"]),
    ],
)
def test_categorical_features_forms(frame, selection, expected):
    assert resolve_categorical(frame, selection) == expected


def test_a_mask_of_the_wrong_length_gives_both_lengths(frame):
    with pytest.raises(ValueError, match="boolean mask of length 2, but X has 4 features"):
        resolve_categorical(frame, [True, False])


@pytest.mark.parametrize("bad", ["colour", 4, -5])
def test_an_unknown_categorical_feature_is_named_with_the_columns(frame, bad):
    with pytest.raises(ValueError, match=rf"contains {bad!r}, which is neither.*'lang'"):
        resolve_categorical(frame, ["n", bad])


def test_the_column_list_in_the_error_is_cut_after_ten():
    wide = pd.DataFrame(np.zeros((1, 12)), columns=[f"c{i}" for i in range(12)])
    with pytest.raises(ValueError, match=r"'c9'\]\.\.\.\)") as error:
        resolve_categorical(wide, ["nope"])
    assert "c10" not in str(error.value)


# --- numeric columns -----------------------------------------------------------------------


def test_a_non_numeric_column_is_named_with_its_dtype():
    X = pd.DataFrame({"n": [1.0, 2.0], "lang": ["en", "es"]})
    dtype = re.escape(str(X["lang"].dtype))  # object, or str from pandas 3
    with pytest.raises(ValueError, match=rf"Column 'lang' is not numeric \(dtype {dtype}\)"):
        check_numeric_columns(X, [])
    check_numeric_columns(X, ["lang"])  # declared categorical: fine


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinity_is_named_with_its_column(value):
    X = pd.DataFrame({"ok": [1.0, 2.0], "bad": [1.0, value]})
    with pytest.raises(ValueError, match="infinity in column 'bad'.*NaN"):
        check_numeric_columns(X, [])


def test_numbers_dates_durations_and_missing_values_pass():
    X = pd.DataFrame(
        {
            "f": [1.0, np.nan],
            "i": pd.array([1, None], dtype="Int64"),
            "b": [True, False],
            "d": pd.to_datetime(["2020-01-01", None]),
            "tz": pd.to_datetime(["2020-01-01", "2020-01-02"]).tz_localize("UTC"),
            "t": pd.to_timedelta(["1 day", None]),
            "s": ["1", "2.5"],  # numbers as text convert
        }
    )
    check_numeric_columns(X, [])


# --- categorical columns -------------------------------------------------------------------


def test_an_identifier_column_is_named_with_its_counts():
    X = pd.DataFrame({"user": [f"u{i}" for i in range(60)], "ok": ["a", "b"] * 30})
    with pytest.raises(
        ValueError, match=r"'user' looks like an identifier: 60 distinct .* 60 rows"
    ):
        check_categorical_columns(X, ["ok", "user"])


def test_a_free_text_column_is_named_with_its_length():
    text = [f"this is a rather long sentence about topic number {i}" for i in range(60)]
    X = pd.DataFrame({"bio": text})
    with pytest.raises(ValueError, match=r"'bio' looks like free text \(mean length 5\d"):
        check_categorical_columns(X, ["bio"])


def test_small_or_repetitive_categorical_columns_pass():
    small = pd.DataFrame({"user": [f"u{i}" for i in range(49)]})
    check_categorical_columns(small, ["user"])  # under min_rows: too few to judge
    with pytest.raises(ValueError, match="identifier"):
        check_categorical_columns(small, ["user"], min_rows=10)
    # many levels but each seen about twice; long labels that repeat
    levels = pd.DataFrame(
        {"city": [f"c{i % 30}" for i in range(60)], "long": ["x" * 60, "y" * 60] * 30}
    )
    check_categorical_columns(levels, ["city", "long"])
    # missing values do not count as rows
    holey = pd.DataFrame({"code": [f"k{i}" for i in range(40)] + [None] * 40})
    check_categorical_columns(holey, ["code"])
