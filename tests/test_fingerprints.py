"""Row fingerprints (skgan._fingerprints): the one row identity of the copy screen and metrics."""

import numpy as np
import pandas as pd

from skgan._fingerprints import row_fingerprints


def test_equal_rows_share_a_fingerprint_and_different_rows_do_not():
    frame = pd.DataFrame({"a": [1.0, 1.0, 2.0], "b": ["x", "x", "x"]})
    prints = row_fingerprints(frame)
    assert prints.dtype == np.uint64 and len(prints) == 3
    assert prints[0] == prints[1] and prints[0] != prints[2]


def test_numbers_compare_as_values_whatever_their_dtype():
    ints = pd.DataFrame({"a": [3, 0], "b": [True, False]})
    floats = pd.DataFrame({"a": [3.0, -0.0], "b": [1.0, 0.0]})
    nullable = pd.DataFrame({"a": pd.array([3, 0], dtype="Int64"), "b": [True, False]})
    expected = row_fingerprints(ints)
    np.testing.assert_array_equal(row_fingerprints(floats), expected)
    np.testing.assert_array_equal(row_fingerprints(nullable), expected)


def test_text_compares_as_text_and_missing_values_match_each_other():
    objects = pd.DataFrame({"c": ["en", None, np.nan]})
    categories = pd.DataFrame({"c": pd.Categorical(["en", None, None])})
    np.testing.assert_array_equal(row_fingerprints(objects), row_fingerprints(categories))
    prints = row_fingerprints(objects)
    assert prints[1] == prints[2] and prints[0] != prints[1]
    # a missing value is not the text "nan" or "<NA>"
    assert row_fingerprints(pd.DataFrame({"c": ["nan"]}))[0] != prints[1]


def test_datetimes_and_arrays():
    when = pd.to_datetime(["2024-01-01", None, "2024-01-01"])
    prints = row_fingerprints(pd.DataFrame({"t": when}))
    assert prints[0] == prints[2] and prints[0] != prints[1]
    array = np.array([[1.0, 2.0], [1.0, 2.0], [2.0, 1.0]])
    prints = row_fingerprints(array)
    assert prints[0] == prints[1] and prints[0] != prints[2]  # column order matters


def test_a_missing_number_equals_every_other_missing_number():
    frame = pd.DataFrame({"a": [np.nan, None, 1.0], "b": pd.array([pd.NA, pd.NA, 1], "Int64")})
    prints = row_fingerprints(frame)
    assert prints[0] == prints[1] != prints[2]
