"""The mixed-type encoder: exact round trips, layout, range and dtype guarantees."""

import numpy as np
import pandas as pd
import pytest

from skgan._transformer import TableTransformer

from .conftest import make_mixed_frame


def round_trip(frame, categorical):
    t = TableTransformer(categorical).fit(frame)
    encoded = t.transform(frame)
    cont, onehot = encoded[:, : t.n_continuous_], encoded[:, t.n_continuous_ :]
    starts = t.segment_offsets_[:-1]
    codes = (
        np.stack(
            [onehot[:, a:b].argmax(axis=1) for a, b in zip(starts, t.segment_offsets_[1:])], axis=1
        )
        if t.n_segments_
        else np.zeros((len(frame), 0), dtype=np.int64)
    )
    return t, encoded, t.inverse_transform(cont, codes, np.random.default_rng(0))


def test_round_trip_is_exact_for_categoricals_and_close_for_numbers():
    X, _ = make_mixed_frame(n=500)
    t, encoded, back = round_trip(X, ["verified", "lang", "source"])
    assert encoded.dtype == np.float32
    assert encoded.shape == (500, t.n_continuous_ + t.n_discrete_)
    pd.testing.assert_series_equal(back["lang"], X["lang"])
    pd.testing.assert_series_equal(back["source"], X["source"])
    pd.testing.assert_series_equal(back["verified"], X["verified"])
    pd.testing.assert_series_equal(back["followers"], X["followers"])  # integers: exact
    np.testing.assert_allclose(back["score"], X["score"], rtol=1e-4, atol=1e-4)
    np.testing.assert_array_equal(back["ratio"].isna(), X["ratio"].isna())
    observed = X["ratio"].notna()
    np.testing.assert_allclose(back["ratio"][observed], X["ratio"][observed], atol=1e-4)
    assert back.dtypes.equals(X.dtypes)


def test_layout():
    X, _ = make_mixed_frame(n=300)
    t = TableTransformer(["verified", "lang", "source"]).fit(X)
    # numeric: followers, ratio, score; segments: ratio missing (2), verified (2),
    # lang (4), source (3)
    assert t.n_continuous_ == 3
    assert t.n_segments_ == 4 and t.n_discrete_ == 2 + 2 + 4 + 3
    np.testing.assert_array_equal(np.bincount(t.segment_ids_), [2, 2, 4, 3])


def test_normal_scores_are_bounded_and_heavy_tails_tamed():
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"followers": rng.pareto(0.8, 5000) * 100})
    t = TableTransformer([]).fit(X)
    z = t.transform(X)[:, 0]
    assert np.abs(z).max() <= 5.0
    assert abs(z.mean()) < 0.05 and abs(z.std() - 1) < 0.05


@pytest.mark.parametrize("z", [-50.0, -5.0, 0.0, 5.0, 50.0])
def test_decoded_values_stay_in_the_observed_range(z):
    X = pd.DataFrame({"count": np.r_[np.zeros(50), np.arange(1, 51)]})
    t = TableTransformer([]).fit(X)
    value = t.inverse_transform(np.array([[z]]), np.zeros((1, 0), int), None)["count"][0]
    assert 0 <= value <= 50 and value == round(value)


def test_point_mass_comes_back_exact():
    # 70% zeros: normal scores below the 70th percentile decode to exactly zero
    X = pd.DataFrame({"likes": np.r_[np.zeros(700), np.arange(1, 301) * 1.5]})
    t = TableTransformer([]).fit(X)
    z = np.random.default_rng(0).normal(size=(20_000, 1))
    decoded = t.inverse_transform(z, np.zeros((20_000, 0), int), None)["likes"]
    assert 0.68 < (decoded == 0).mean() < 0.72
