"""ImputedSampler, OneHotSampler and LabelNoise."""

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTENC


def test_imputed_sampler_fills_from_the_rows_it_is_given():
    from imblearn.over_sampling import SMOTE

    from skgan.experiments import ImputedSampler

    X = pd.DataFrame(
        {
            "likes": pd.array([1, None, 3, 4, 5, 60, 70, 80], dtype="Int64"),
            "type": pd.Series(["a", "b", None, "a", "a", "b", "b", None], dtype="category"),
        }
    )
    y = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    sampler = ImputedSampler(SMOTENC(categorical_features=["type"], k_neighbors=2))
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [5, 5]
    assert not X_res.isna().to_numpy().any()
    assert X_res.loc[1, "likes"] == 5.0  # median of the eight rows given, not of a class
    assert X_res.loc[2, "type"] == "a"  # most frequent
    assert sampler.get_params()["sampler"].k_neighbors == 2  # clonable, parameters exposed
    # Plain arrays work too, and come back as arrays.
    X_arr, _ = ImputedSampler(SMOTE(k_neighbors=2)).fit_resample(
        np.array([[1.0], [np.nan], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0]]), y
    )
    assert isinstance(X_arr, np.ndarray) and not np.isnan(X_arr).any()


# --------------------------------------------------------------------- registry, benchmark


def test_one_hot_sampler_decodes_levels_and_keeps_originals(mixed_data):
    from imblearn.over_sampling import ADASYN, BorderlineSMOTE

    from skgan.experiments import OneHotSampler

    X, y = mixed_data
    X_res, y_res = OneHotSampler(BorderlineSMOTE(random_state=0)).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)  # NaN and dtypes kept
    new = X_res.iloc[len(X) :]
    assert len(new) == (y == 0).sum() - (y == 1).sum() and (y_res.iloc[len(X) :] == 1).all()
    assert list(X_res.dtypes) == list(X.dtypes)
    assert set(new["lang"]) <= set(X["lang"].dropna()) and not new.isna().to_numpy().any()
    assert isinstance(y_res, pd.Series) and y_res.name == "bot"
    numeric = X[["followers", "score"]].to_numpy(dtype=float)
    X_num, _ = OneHotSampler(ADASYN(random_state=0)).fit_resample(numeric, y.to_numpy())
    assert isinstance(X_num, np.ndarray) and len(X_num) > len(numeric)


def test_label_noise_flips_training_labels_only_and_wraps_a_sampler():
    from imblearn.over_sampling import RandomOverSampler

    from skgan.experiments import LabelNoise

    X = pd.DataFrame({"a": np.arange(220.0)})
    y = pd.Series([0] * 200 + [1] * 20, name="bot")
    X_noisy, y_noisy = LabelNoise(None, random_state=0).fit_resample(X, y)
    assert X_noisy is X and isinstance(y_noisy, pd.Series) and y_noisy.name == "bot"
    assert int((y_noisy[200:] == 0).sum()) == 4 and int((y_noisy[:200] == 1).sum()) == 2
    again = LabelNoise(None, random_state=0).fit_resample(X, y)[1]
    assert again.equals(y_noisy)  # the same rows flip for every sampler given the same fold
    X_res, y_res = LabelNoise(RandomOverSampler(random_state=0), random_state=0).fit_resample(X, y)
    assert len(X_res) > len(X) and np.bincount(y_res).tolist() == [
        202,
        202,
    ]  # 200 - 2 + 4 majority rows
