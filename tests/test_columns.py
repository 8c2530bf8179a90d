"""Column roles and the one-hot encoding of the classifiers and plots (skgan._columns)."""

import numpy as np
import pandas as pd
import pytest

from skgan._columns import as_strings, one_hot_encoder, signed_log1p, split_columns, to_float


def test_split_columns_follows_the_samplers_rule():
    X = pd.DataFrame(
        {
            "n": [1, 2],
            "f": [0.5, np.nan],
            "s": ["a", "b"],
            "c": pd.Categorical(["x", "y"]),
            "b": [True, False],
            "i": pd.array([1, None], dtype="Int64"),
        }
    )
    assert split_columns(X) == (["s", "c", "b"], ["n", "f", "i"])
    # arrays: integer positions; a numeric array has no categorical column
    assert split_columns(np.zeros((3, 2))) == ([], [0, 1])


def test_signed_log1p_keeps_sign_and_zero():
    out = signed_log1p([[-(np.e - 1), 0.0, np.e**2 - 1]])
    np.testing.assert_allclose(out, [[-1.0, 0.0, 2.0]])
    assert out.dtype == np.float64


def test_to_float_turns_nullable_integers_into_nan():
    out = to_float(pd.DataFrame({"i": pd.array([1, None], dtype="Int64")}))
    assert out["i"].dtype == np.float64 and np.isnan(out.loc[1, "i"])


def test_as_strings_encodes_bools_categories_and_objects_alike():
    frame = pd.DataFrame(
        {"b": [True, None], "c": pd.Categorical(["True", None]), "o": ["True", np.nan]}
    )
    out = as_strings(frame)
    assert (out.dtypes.astype(str) == "object").all()
    assert out.iloc[0].tolist() == ["True"] * 3 and out.iloc[1].isna().all()


def test_one_hot_encoder_imputes_scales_and_ignores_unknown_levels():
    X = pd.DataFrame({"n": [1.0, np.nan, 100.0, 10.0], "s": ["a", "b", None, "a"]})
    encoder = one_hot_encoder(*split_columns(X)).fit(X)
    out = encoder.transform(X)
    names = list(encoder.get_feature_names_out())
    # the numeric column, its missing indicator, then one column per level (missing too)
    assert len(names) == 2 + 3 and np.isfinite(out).all()
    numeric = out[:, 0]
    assert abs(numeric.mean()) < 1e-12 and numeric.std() == pytest.approx(1.0)
    unseen = encoder.transform(pd.DataFrame({"n": [5.0], "s": ["zzz"]}))
    assert unseen[0, 2:].sum() == 0  # an unseen level encodes as no level
