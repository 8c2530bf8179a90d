import pickle

import joblib
import numpy as np
import pandas as pd
import pytest
import torch

from skgan import GANSampler

from .conftest import FAST_PARAMS


@pytest.fixture
def fitted(mixed_data):
    X, y = mixed_data
    X = X.assign(when=pd.date_range("2022-01-01", periods=len(X), freq="h"))
    return GANSampler(**FAST_PARAMS).fit(X, y), X


def test_save_load_round_trip(fitted, tmp_path):
    sampler, X = fitted
    sampler.save(tmp_path / "gan.pt")
    loaded = GANSampler.load(tmp_path / "gan.pt")
    # a loaded sampler has no screens: it draws what the unscreened generator draws
    unscreened = pickle.loads(pickle.dumps(sampler))
    unscreened.screens_ = []
    pd.testing.assert_frame_equal(loaded.sample(50, y=1), unscreened.sample(50, y=1))
    assert loaded.get_params() == sampler.get_params()
    assert loaded.sampling_strategy_ == sampler.sampling_strategy_
    assert (loaded.sample(5, y=0).dtypes == X.dtypes).all()


def test_saved_file_holds_no_training_rows(fitted, tmp_path):
    sampler, _ = fitted
    sampler.save(tmp_path / "gan.pt")
    state = torch.load(tmp_path / "gan.pt", weights_only=True)
    assert set(state) == {
        "format",
        "format_version",
        "skgan_version",
        "params",
        "generator",
        "fitted",
        "transformer",
        "conditions",
        "marginals",
    }
    # per class and column, a quantile grid (at most 1000 values), never rows
    assert state["marginals"]["quantiles"].shape[2] <= 1000
    assert not {"discriminator_", "screens_"} & set(state["fitted"])
    assert sampler.screens_ and GANSampler.load(tmp_path / "gan.pt").screens_ == []


def test_load_refuses_pickled_objects(tmp_path):
    path = tmp_path / "evil.pt"
    torch.save({"format": "skgan.GANSampler", "payload": np.random.default_rng(0)}, path)
    with pytest.raises(ValueError, match="Only files written by GANSampler.save"):
        GANSampler.load(path)


def test_load_rejects_other_files_and_versions(fitted, tmp_path):
    torch.save({"weights": torch.zeros(2)}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="not written by GANSampler.save"):
        GANSampler.load(tmp_path / "other.pt")
    sampler, _ = fitted
    sampler.save(tmp_path / "gan.pt")
    state = torch.load(tmp_path / "gan.pt", weights_only=True)
    state["format_version"] = 99
    torch.save(state, tmp_path / "future.pt")
    with pytest.raises(ValueError, match="format version 99"):
        GANSampler.load(tmp_path / "future.pt")
    for old in (1, 3):  # skgan 0.1 and 0.3 files: refused with the way out
        state["format_version"] = old
        torch.save(state, tmp_path / "old.pt")
        with pytest.raises(ValueError, match=f"format version {old} .* refit with this version"):
            GANSampler.load(tmp_path / "old.pt")


def test_pickle_and_joblib_round_trip(fitted, tmp_path):
    sampler, _ = fitted
    for restored in (
        pickle.loads(pickle.dumps(sampler)),
        joblib.load(joblib.dump(sampler, tmp_path / "gan.joblib")[0]),
    ):
        pd.testing.assert_frame_equal(restored.sample(30, y=1), sampler.sample(30, y=1))


def test_fitted_sampler_does_not_keep_training_codes(fitted):
    sampler, _ = fitted
    assert sampler.conditions_.codes is None and sampler.conditions_.keys is None


def test_save_needs_no_torch_seed_and_reads_the_older_seed_layout(fitted, tmp_path):
    sampler, _ = fitted
    sampler.__dict__.pop("_torch_seed", None)  # training's seed: sampling never uses it
    sampler.save(tmp_path / "gan.pt")
    state = torch.load(tmp_path / "gan.pt", weights_only=True)
    expected = GANSampler.load(tmp_path / "gan.pt").sample(20, y=1)
    # files written before this change hold [torch seed, numpy seed] under "seeds"
    state["fitted"]["seeds"] = [123, state["fitted"].pop("numpy_seed")]
    torch.save(state, tmp_path / "older.pt")
    loaded = GANSampler.load(tmp_path / "older.pt")
    assert not hasattr(loaded, "_torch_seed")
    pd.testing.assert_frame_equal(loaded.sample(20, y=1), expected)
