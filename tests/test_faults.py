"""Faults in the middle of work: nothing lost, nothing half-made."""

import pickle
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
import torch
from sklearn.exceptions import NotFittedError

import skgan._training
from skgan import GANSampler
from skgan.exceptions import TrainingDivergedError

from .conftest import FAST_PARAMS


@pytest.fixture
def fitted(mixed_data):
    X, y = mixed_data
    return GANSampler(**FAST_PARAMS).fit(X, y), X, y


def _fail_after(monkeypatch, n_calls, exc):
    """Make the n-th generator update raise ``exc`` (an interrupt, a divergence)."""
    real, calls = skgan._training.generator_step, []

    def step(run):
        calls.append(1)
        if len(calls) == n_calls:
            raise exc
        return real(run)

    monkeypatch.setattr(skgan._training, "generator_step", step)


def _state(sampler):
    """What a fitted sampler holds, comparable across fits."""
    return {k: v for k, v in vars(sampler).items() if k.endswith("_")}


# ------------------------------------------------------------------ saving
def test_failed_save_leaves_the_previous_file(fitted, tmp_path, monkeypatch):
    sampler, _, _ = fitted
    path = tmp_path / "gan.pt"
    sampler.save(path)
    before = path.read_bytes()

    def disk_full(obj, file, *args, **kwargs):
        file.write(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        sampler.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gan.pt"]  # no temporary left
    assert GANSampler.load(path).sample(3, y=1).shape == (3, sampler.n_features_in_)


def test_interrupted_save_of_a_new_file_leaves_nothing(fitted, tmp_path, monkeypatch):
    sampler, _, _ = fitted

    def interrupted(obj, file, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sampler.save(tmp_path / "gan.pt")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_folder_names_it(fitted, tmp_path):
    sampler, _, _ = fitted
    with pytest.raises(FileNotFoundError, match="does not exist"):
        sampler.save(tmp_path / "no" / "such" / "gan.pt")


def test_save_onto_a_folder_is_refused(fitted, tmp_path):
    sampler, _, _ = fitted
    with pytest.raises(IsADirectoryError, match="is a folder"):
        sampler.save(tmp_path)


# ------------------------------------------------------------------ fitting
def test_interrupted_first_fit_leaves_an_unfitted_sampler(mixed_data, monkeypatch):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS)
    _fail_after(monkeypatch, 5, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        sampler.fit(X, y)
    assert _state(sampler) == {}
    with pytest.raises(NotFittedError):
        sampler.sample(3, y=1)


@pytest.mark.parametrize(
    "exc", [KeyboardInterrupt(), TrainingDivergedError("diverged", history=np.zeros((1, 5)))]
)
def test_failed_refit_keeps_the_previous_fit(fitted, monkeypatch, exc):
    sampler, X, y = fitted
    before = _state(sampler)
    rows = sampler.sample(20, y=1)
    _fail_after(monkeypatch, 5, exc)
    with pytest.raises(type(exc)):
        sampler.fit(X.iloc[::2], y[::2])  # other data: a half-made mix would show
    assert _state(sampler).keys() == before.keys()
    assert all(_state(sampler)[k] is v for k, v in before.items())
    pd.testing.assert_frame_equal(sampler.sample(20, y=1), rows)


def test_interrupted_generation_keeps_the_previous_fit(fitted, monkeypatch):
    sampler, X, y = fitted
    before = _state(sampler)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # a generator function, as the real one

    monkeypatch.setattr("skgan._generation.generate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sampler.fit_resample(X.iloc[::2], y[::2])
    assert all(_state(sampler)[k] is v for k, v in before.items())


def test_bad_input_on_refit_keeps_the_previous_fit(fitted):
    sampler, X, y = fitted
    before = _state(sampler)
    with pytest.raises(ValueError):
        sampler.fit(X, np.r_[y[:-1], np.nan])
    assert all(_state(sampler)[k] is v for k, v in before.items())


def test_a_refit_drops_attributes_of_the_previous_input(mixed_data):
    X, y = mixed_data
    numeric = X.select_dtypes("number")
    sampler = GANSampler(**FAST_PARAMS).fit(numeric, y)
    assert hasattr(sampler, "feature_names_in_")
    sampler.fit(numeric.to_numpy(), y)
    assert not hasattr(sampler, "feature_names_in_")


def test_parallel_fits_in_threads_reproduce_serial_ones(mixed_data):
    X, y = mixed_data
    numeric = X.select_dtypes("number")

    def run(seed):
        sampler = GANSampler(**{**FAST_PARAMS, "random_state": seed})
        return sampler.fit_resample(numeric, y)[0]

    serial = [run(seed) for seed in (0, 1)]
    with ThreadPoolExecutor(2) as pool:
        threaded = list(pool.map(run, (0, 1)))
    for a, b in zip(serial, threaded):
        pd.testing.assert_frame_equal(a, b)


def test_an_interrupted_fit_is_still_picklable_as_before(fitted, monkeypatch):
    sampler, X, y = fitted
    _fail_after(monkeypatch, 3, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        sampler.fit(X, y)
    monkeypatch.undo()
    copy = pickle.loads(pickle.dumps(sampler))
    pd.testing.assert_frame_equal(copy.sample(10, y=1), sampler.sample(10, y=1))
