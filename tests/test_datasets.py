"""Tests of skgan.datasets: bundled and user-path loaders, registry, subsampling."""

import socket
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import skgan
from skgan.datasets import (
    list_datasets,
    load_dataset,
    load_facebook_metrics,
    load_instagram_fake,
    load_twitter_bots,
    load_variant,
    load_youtube_spam,
    parse_variant,
    subsample_class,
)
from skgan.datasets._bundle import write_bundle
from skgan.datasets._twitter import parse_created_at
from skgan.datasets._youtube import text_statistics

BUNDLED = {"facebook_metrics": load_facebook_metrics, "youtube_spam": load_youtube_spam}
BUNCH_KEYS = {"data", "target", "frame", "DESCR", "feature_descriptions", "source", "license"}
BUNCH_KEYS |= {"citation", "feature_names", "target_name"}


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No network and a working directory far from ../shared: bundled data must still load."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dataset loader tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.chdir(tmp_path)


def _check_bunch(bunch, name):
    assert set(bunch) >= BUNCH_KEYS
    X, y = bunch.data, bunch.target
    assert list(bunch.feature_descriptions) == list(X.columns)
    assert bunch.frame.shape == (len(X), X.shape[1] + 1)
    assert bunch.frame.columns[-1] == y.name == bunch.target_name
    assert y.notna().all()
    assert bunch.license in bunch.DESCR or "not stated" in bunch.DESCR.lower()
    assert all(part in bunch.DESCR for part in ("Source", "Citation", "Licence", "Cleaning"))
    entry = list_datasets().loc[name]
    assert (len(X), X.shape[1]) == (entry["rows"], entry["columns"])
    assert y.name == entry["label"]
    assert (y == entry["minority_class"]).mean() == pytest.approx(entry["minority_share"], 1e-3)


# --- bundled: facebook_metrics ------------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_loads_offline_and_without_shared(name, offline):
    _check_bunch(BUNDLED[name](), name)


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_files_are_small_and_documented(name):
    data = resources.files("skgan.datasets") / "data"
    assert (data / f"{name}.csv.gz").is_file()
    with resources.as_file(data / f"{name}.csv.gz") as path:
        assert path.stat().st_size < 200_000
    card = (data / f"{name}.md").read_text(encoding="utf-8")
    for section in ("Source", "Citation", "Licence", "Cleaning done by skgan", "CC BY 4.0"):
        assert section in card


def test_facebook_paid():
    X, y = load_facebook_metrics(return_X_y=True)
    assert X.shape == (499, 18)
    assert y.name == "paid" and y.dtype == np.int64
    assert y.value_counts().to_dict() == {0: 360, 1: 139}
    assert X["type"].dtype == "category"
    assert list(X["type"].cat.categories) == ["Photo", "Status", "Link", "Video"]
    assert X["category"].dtype == "category"
    numeric = X.drop(columns=["type", "category"])
    assert all(pd.api.types.is_integer_dtype(dtype) for dtype in numeric.dtypes)
    # Missing values are part of the data: kept, not imputed.
    assert X.isna().sum()[lambda s: s > 0].to_dict() == {"like": 1, "share": 4}
    assert "after posting" in load_facebook_metrics().DESCR.lower()


def test_facebook_type_target():
    X, y = load_facebook_metrics(target="Type", return_X_y=True)
    assert X.shape == (500, 18)
    assert y.name == "type" and "type" not in X.columns
    assert y.value_counts().to_dict() == {"Photo": 426, "Status": 45, "Link": 22, "Video": 7}
    assert X["paid"].isna().sum() == 1


def test_facebook_pre_publication():
    X, _ = load_facebook_metrics(features="pre_publication", return_X_y=True)
    expected = ["page_total_likes", "type", "category", "post_month", "post_weekday", "post_hour"]
    assert list(X.columns) == expected


@pytest.mark.parametrize(
    "kwargs, match",
    [({"target": "Likes"}, "target"), ({"features": "some"}, "features")],
)
def test_facebook_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        load_facebook_metrics(**kwargs)


# --- bundled: youtube_spam ----------------------------------------------------------------


def test_youtube_statistics():
    X, y = load_youtube_spam(return_X_y=True)
    assert X.shape == (1953, 13)
    assert y.name == "spam" and y.dtype == np.int64
    assert y.value_counts().to_dict() == {1: 1003, 0: 950}
    assert X["video"].dtype == "category" and X["video"].notna().all()
    assert X.drop(columns="video").notna().all().all()
    per_video = pd.crosstab(X["video"], y)
    assert per_video.loc["Psy"].tolist() == [175, 175]
    assert per_video.loc["Eminem"].tolist() == [203, 243]
    assert X["uppercase_ratio"].between(0, 1).all()
    assert {X[c].dtype.kind for c in X.columns if c.startswith("n_")} == {"i"}
    # Link tokens are a spam signal (a sanity check of the features, not of a model).
    assert X.loc[y == 1, "n_urls"].mean() > 10 * X.loc[y == 0, "n_urls"].mean()


def test_youtube_text():
    bunch = load_youtube_spam(features="text")
    X = bunch.data
    assert list(X.columns) == ["CONTENT", "VIDEO"]
    assert pd.api.types.is_string_dtype(X["CONTENT"]) and X["CONTENT"].notna().all()
    assert X["VIDEO"].dtype == "category"
    # BOMs removed and entities decoded; tags kept.
    assert not X["CONTENT"].str.contains("\ufeff|&amp;|&#39;|&quot;").any()
    assert X["CONTENT"].str.contains("<br />", regex=False).any()


def test_text_statistics_counts():
    stats = text_statistics(
        pd.Series(["See http://www.x.com/a and bit.ly!", "<b>HI</b> 42", "", "ÇA VA?"])
    )
    assert stats["n_urls"].tolist() == [1, 0, 0, 0]
    assert stats["has_html"].tolist() == [False, True, False, False]
    assert stats["n_chars"].tolist()[1:] == [5, 0, 6]
    assert stats["n_digits"].tolist() == [0, 2, 0, 0]
    assert stats["uppercase_ratio"].tolist()[1:] == [1.0, 0.0, 1.0]
    assert stats["n_non_ascii"].tolist() == [0, 0, 0, 1]


def test_bundle_is_reproducible_from_raw(shared_data, tmp_path):
    write_bundle(shared_data, tmp_path)
    for name in BUNDLED:
        shipped = resources.files("skgan.datasets") / "data" / f"{name}.csv.gz"
        assert (tmp_path / f"{name}.csv.gz").read_bytes() == shipped.read_bytes(), name


# --- not bundled: twitter_bots, instagram_fake ------------------------------------------


def test_twitter_bots(shared_data):
    bunch = load_twitter_bots(shared_data / "twitter_bots_kaggle")
    _check_bunch(bunch, "twitter_bots")
    X, y = bunch.data, bunch.target
    assert X.shape == (2222, 15)
    assert y.value_counts().to_dict() == {0: 1171, 1: 1051}
    assert not {"id", "id_str", "screen_name", "name", "status", "description"} & set(X.columns)
    flags = ["verified", "default_profile", "default_profile_image", "has_extended_profile"]
    assert all(pd.api.types.is_bool_dtype(X[c]) for c in flags)
    assert X["has_extended_profile"].isna().sum() == 78
    assert X["lang"].dtype == "category"
    assert not any('"' in c or c != c.lower() for c in X["lang"].cat.categories)
    assert X["account_age_days"].notna().all() and (X["account_age_days"] >= 0).all()
    assert {X[c].dtype for c in ["followers_count", "listed_count"]} == {np.dtype("int64")}


def test_twitter_bots_two_file_layout(shared_data, tmp_path):
    # The merged file is Kaggle's bots_data.csv (1,056 rows) then nonbots_data.csv,
    # byte for byte under one header, one CRLF-ended line per row
    # (fields hold lone CRs, so not splitlines): split it back.
    path = shared_data / "twitter_bots_kaggle" / "twitter_bots.csv"
    header, *lines = path.read_bytes().split(b"\r\n")
    (tmp_path / "bots_data.csv").write_bytes(b"\r\n".join([header, *lines[:1056], b""]))
    (tmp_path / "nonbots_data.csv").write_bytes(b"\r\n".join([header, *lines[1056:]]))
    X, y = load_twitter_bots(tmp_path, return_X_y=True)
    X_file, y_file = load_twitter_bots(path, return_X_y=True)
    pd.testing.assert_frame_equal(X, X_file)
    pd.testing.assert_series_equal(y, y_file)


def test_parse_created_at_spellings():
    dates = [
        '"Sun Dec 02 09:01:04 +0000 2012"',
        "2/4/2009 16:25",
        "28/10/2010 3:22",
        "9/3/2017 4:08",
    ]
    parsed = parse_created_at(pd.Series(dates)).dt.strftime("%Y-%m-%d").tolist()
    assert parsed == ["2012-12-02", "2009-02-04", "2010-10-28", "2017-03-09"]


@pytest.mark.parametrize(
    "split, shape, counts",
    [("train", (576, 11), {0: 288, 1: 288}), ("test", (120, 11), {0: 60, 1: 60})],
)
def test_instagram_fake(shared_data, split, shape, counts):
    bunch = load_instagram_fake(shared_data / "instagram_fake", split=split)
    X, y = bunch.data, bunch.target
    assert X.shape == shape and y.name == "fake"
    assert y.value_counts().to_dict() == counts
    assert X["has_profile_pic"].dtype == bool and X["n_followers"].dtype == np.int64
    assert X.columns.str.fullmatch(r"[a-z_]+").all()
    if split == "train":
        _check_bunch(bunch, "instagram_fake")


def test_instagram_all_and_file(shared_data):
    folder = shared_data / "instagram_fake"
    X_all, y_all = load_instagram_fake(folder, split="all", return_X_y=True)
    assert X_all.shape == (696, 11) and y_all.sum() == 348
    X_test, _ = load_instagram_fake(folder / "test.csv", split="test", return_X_y=True)
    pd.testing.assert_frame_equal(X_test, X_all.iloc[576:].reset_index(drop=True))
    with pytest.raises(ValueError, match="split='all' needs the folder"):
        load_instagram_fake(folder / "test.csv", split="all")


@pytest.mark.parametrize("loader", [load_twitter_bots, load_instagram_fake])
def test_bad_path(loader, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        loader(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="expected '"):
        loader(tmp_path)  # an existing folder without the files


@pytest.mark.parametrize("name", ["twitter_bots", "instagram_fake"])
def test_load_dataset_needs_path_for_unbundled(name):
    with pytest.raises(ValueError, match="not bundled"):
        load_dataset(name)


def test_load_dataset_dispatch(shared_data):
    X, y = load_dataset("instagram_fake", path=shared_data / "instagram_fake", return_X_y=True)
    assert X.shape == (576, 11)
    X, y = load_dataset("twitter_bots", path=shared_data / "twitter_bots_kaggle", return_X_y=True)
    assert len(y) == 2222


# --- registry ------------------------------------------------------------------------------


def test_load_dataset_bundled():
    X, y = load_dataset("youtube_spam", return_X_y=True, features="text")
    assert list(X.columns) == ["CONTENT", "VIDEO"] and len(y) == 1953
    with pytest.raises(ValueError, match="leave path=None"):
        load_dataset("facebook_metrics", path="somewhere")


def test_load_dataset_unknown_name():
    with pytest.raises(ValueError, match="valid names are") as error:
        load_dataset("titanic")
    assert all(name in str(error.value) for name in list_datasets().index)


def test_list_datasets():
    table = list_datasets()
    assert list(table.index) == [
        "facebook_metrics",
        "youtube_spam",
        "twitter_bots",
        "instagram_fake",
    ]
    assert table["bundled"].tolist() == [True, True, False, False]
    assert (table["minority_share"] <= 0.5).all()
    assert {"rows", "columns", "label", "minority_share", "license"} <= set(table.columns)


# --- subsample_class ------------------------------------------------------------------------


def test_subsample_class():
    X, y = load_youtube_spam(return_X_y=True)
    X_small, y_small = subsample_class(X, y, label=1, fraction=0.03, random_state=1)
    assert y_small.value_counts().to_dict() == {0: 950, 1: 30}
    assert X_small.index.equals(pd.RangeIndex(len(X_small)))
    assert list(X_small.columns) == list(X.columns)
    X_again, _ = subsample_class(X, y, label=1, fraction=0.03, random_state=1)
    pd.testing.assert_frame_equal(X_small, X_again)
    X_other, _ = subsample_class(X, y, label=1, fraction=0.03, random_state=2)
    assert not X_small.equals(X_other)


def test_subsample_class_arrays_and_errors():
    X, y = np.arange(20).reshape(10, 2), np.array([0] * 5 + [1] * 5)
    X_small, y_small = subsample_class(X, y, fraction=0.4)
    assert isinstance(X_small, np.ndarray) and y_small.tolist() == [0] * 5 + [1] * 2
    assert np.array_equal(X_small[:5], X[:5])
    with pytest.raises(ValueError, match="fraction"):
        subsample_class(X, y, fraction=0)
    with pytest.raises(ValueError, match="does not occur"):
        subsample_class(X, y, label=2)


# --- the sampler on the bundled data --------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED)
def test_gan_sampler_smoke(name):
    X, y = BUNDLED[name](return_X_y=True)
    X, y = subsample_class(X, y, label=1, fraction=0.2)
    sampler = skgan.GANSampler(
        n_steps=20,
        batch_size=100,  # small batches: seconds on a shared CPU
        generator_dim=(32, 32),
        discriminator_dim=(32, 32),
        random_state=0,
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert list(X_res.columns) == list(X.columns)
    assert X_res.dtypes.equals(X.dtypes)
    assert y_res.name == y.name
    counts = y_res.value_counts()
    assert counts[0] == counts[1] == (y == 0).sum()


def test_parse_and_load_variant():
    assert parse_variant("youtube_spam_pos10") == ("youtube_spam", 0.1)
    assert parse_variant("twitter_bots_pos3") == ("twitter_bots", 0.03)
    assert parse_variant("facebook_metrics") == ("facebook_metrics", None)
    for bad in ("youtube_spam_pos0", "youtube_spam_pos101"):
        with pytest.raises(ValueError, match="the _pos suffix must be 1 to 100"):
            parse_variant(bad)
    full = load_youtube_spam()
    bunch = load_variant("youtube_spam_pos10", random_state=0)
    assert bunch.fraction == 0.1 and load_variant("youtube_spam").fraction is None
    # The rows subsample_class keeps, with the groups and the frame kept alike.
    X, y = subsample_class(full.data, full.target, label=1, fraction=0.1, random_state=0)
    assert bunch.data.equals(X) and bunch.target.equals(y)
    assert len(bunch.groups) == len(bunch.frame) == len(y) == 1050
    rows, _ = subsample_class(
        np.arange(len(full.target)), full.target, label=1, fraction=0.1, random_state=0
    )
    assert bunch.groups.tolist() == full.groups.iloc[rows].tolist()
    X_other, _ = load_variant("youtube_spam_pos10", random_state=1, return_X_y=True)
    assert not X_other.equals(X)
    X_text, _ = load_variant("youtube_spam_pos50", features="text", return_X_y=True)
    assert list(X_text.columns) == list(load_youtube_spam(features="text").data.columns)
    with pytest.raises(ValueError, match="Unknown dataset"):
        load_variant("myspace_pos10")


def test_text_variant_loads_the_comments_text():
    bunch = load_variant("youtube_spam_text_pos10", random_state=0)
    assert bunch.text_column == "CONTENT" and bunch.fraction == 0.1
    assert "CONTENT" in bunch.data.columns and len(bunch.data) == 1050
    text = load_youtube_spam(features="text")
    X, _ = subsample_class(text.data, text.target, label=1, fraction=0.1, random_state=0)
    assert bunch.data.equals(X)
    assert load_variant("youtube_spam").text_column is None


def test_make_social_table_columns_missing_values_and_seed():
    from skgan.datasets import make_social_table

    X, y = make_social_table(2000, 20, minority_share=0.1, random_state=1)
    assert X.shape == (2000, 20) and y.name == "label" and y.sum() == 200
    kinds = pd.Series([c.split("_")[0] for c in X.columns]).value_counts().to_dict()
    assert kinds == {"count": 8, "rate": 3, "flag": 4, "cat": 5}
    assert X["count_3"].dtype == "Int64" and X["count_3"].isna().any()  # nullable counts
    assert X["rate_1"].isna().any() and not X["rate_0"].isna().any()
    assert X["flag_0"].dtype == bool and isinstance(X["cat_4"].dtype, pd.CategoricalDtype)
    assert len(X["cat_4"].cat.categories) == 200 and X["cat_2"].isna().any()
    # the label depends on the columns: the minority has more of flag_0
    assert X.loc[y == 1, "flag_0"].mean() > X.loc[y == 0, "flag_0"].mean()
    again, y_again = make_social_table(2000, 20, minority_share=0.1, random_state=1)
    pd.testing.assert_frame_equal(X, again)
    assert not make_social_table(2000, 20, random_state=2)[0].equals(X)


@pytest.mark.parametrize("kwargs", [{"n_samples": 0}, {"n_features": 4}, {"minority_share": 1.0}])
def test_make_social_table_rejects_bad_sizes(kwargs):
    from skgan.datasets import make_social_table

    with pytest.raises(ValueError, match=next(iter(kwargs))):
        make_social_table(**{"n_samples": 10, **kwargs})
