"""skgan.metrics._encoding: input checks shared by every metric, Gower embeddings, dates."""

import numpy as np
import pandas as pd
import pytest

from skgan.metrics import (
    association_difference,
    column_detection,
    column_fidelity,
    detection_auc,
    distance_to_closest_record,
    exact_copy_rate,
    membership_inference_auc,
    quality_report,
)

from .conftest import numeric_frame

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
