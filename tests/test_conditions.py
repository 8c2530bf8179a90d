"""Conditions (skgan._conditions): which class and level each row is drawn for."""

import pickle

import numpy as np
import pytest
import torch

from skgan._conditions import ConditionSampler

from .conftest import make_conditions


def _two_segments(seed=0, n=400):
    """Two classes; segment 0 at positions {0, 1}, segment 1 at {2, 3, 4}."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.25).astype(int)
    first = np.where(y == 1, rng.random(n) < 0.8, rng.random(n) < 0.3).astype(int)
    p = np.where(y[:, None] == 1, [0.1, 0.1, 0.8], [0.6, 0.3, 0.1])
    second = 2 + (rng.random(n)[:, None] > p.cumsum(1)).sum(1)
    codes = np.c_[first, second].astype(np.int32)
    return ConditionSampler(codes, y, 2, 5).to("cpu"), codes, y


def test_training_draws_balance_classes_and_honour_conditions():
    sampler, y, levels = make_conditions()
    sampler.to("cpu")
    rows, cond, drawn_levels = sampler.draw_training(30_000, torch.Generator().manual_seed(0))
    classes = cond[:, :3].argmax(1).numpy()
    assert np.allclose(np.bincount(classes) / 30_000, 1 / 3, atol=0.02)
    # every drawn row belongs to the drawn class and has the drawn level
    assert (y[rows.numpy()] == classes).all()
    assert (levels[rows.numpy()] == drawn_levels.numpy()).all()
    assert (cond[:, 3:].argmax(1) == drawn_levels).all()
    # training-by-sampling: within class 0, the rare level is drawn more than its 1/9 share
    rare = (drawn_levels.numpy() == 1)[classes == 0].mean()
    assert 1 / 9 < rare < 0.5


def test_training_levels_are_drawn_in_proportion_to_log_frequency():
    sampler, _, _ = make_conditions()
    sampler.to("cpu")
    _, cond, levels = sampler.draw_training(60_000, torch.Generator().manual_seed(1))
    classes, levels = cond[:, :3].argmax(1).numpy(), levels.numpy()
    # level counts within class 0: 80 and 10; within class 1: 20 and 10
    for k, (common, rare) in enumerate([(80, 10), (20, 10)]):
        expected = np.log1p(rare) / (np.log1p(common) + np.log1p(rare))
        assert (levels[classes == k] == 1).mean() == pytest.approx(expected, abs=0.015)
    assert (levels[classes == 2] == 2).all()  # the rare class has one level only


def test_training_conditions_are_consistent_across_segments():
    sampler, codes, y = _two_segments()
    rows, cond, levels = sampler.draw_training(20_000, torch.Generator().manual_seed(0))
    rows, cond, levels = rows.numpy(), cond.numpy(), levels.numpy()
    assert cond.shape == (20_000, 2 + 5)
    # one class and one level per condition, each the row's own
    assert (cond[:, :2].sum(1) == 1).all() and (cond[:, 2:].sum(1) == 1).all()
    assert (y[rows] == cond[:, :2].argmax(1)).all()
    assert (cond[:, 2:].argmax(1) == levels).all()
    assert (codes[rows] == levels[:, None]).any(1).all()
    # both segments are asked for, about equally
    assert (levels < 2).mean() == pytest.approx(0.5, abs=0.02)


def test_sampling_draws_follow_observed_level_frequencies():
    sampler, _, _ = make_conditions()
    sampler.to("cpu")
    classes = torch.zeros(20_000, dtype=torch.long)
    _, levels = sampler.draw_sampling(classes, torch.ones(1, 3), torch.Generator().manual_seed(0))
    assert np.isclose((levels.numpy() == 1).mean(), 10 / 90, atol=0.01)
    _, levels = sampler.draw_sampling(classes + 2, torch.ones(1, 3), torch.Generator())
    assert (levels == 2).all()  # a level never seen in a class is never asked for


def test_sampling_levels_follow_the_class_within_each_segment():
    sampler, codes, y = _two_segments()
    mask = torch.tensor([[1.0, 1, 0, 0, 0], [0, 0, 1, 1, 1]])
    for k in (0, 1):
        classes = torch.full((40_000,), k, dtype=torch.long)
        cond, levels = sampler.draw_sampling(classes, mask, torch.Generator().manual_seed(k))
        assert (cond[:, :2].argmax(1) == k).all() and (cond[:, 2:].argmax(1) == levels).all()
        levels = levels.numpy()
        for segment in ([0, 1], [2, 3, 4]):
            drawn = levels[np.isin(levels, segment)]
            assert len(drawn) == pytest.approx(20_000, rel=0.03)
            real = codes[y == k][:, 0 if segment[0] == 0 else 1]
            for level in segment:
                assert (drawn == level).mean() == pytest.approx((real == level).mean(), abs=0.02)


def test_without_discrete_columns_conditions_hold_the_class_only():
    y = np.r_[np.zeros(50, int), np.ones(5, int)]
    sampler = ConditionSampler(np.zeros((55, 0), np.int32), y, 2, 0).to("cpu")
    rows, cond, _ = sampler.draw_training(4000, torch.Generator().manual_seed(0))
    assert cond.shape == (4000, 2)
    assert (y[rows.numpy()] == cond.argmax(1).numpy()).all()
    assert cond[:, 1].mean().item() == pytest.approx(0.5, abs=0.03)
    classes = torch.tensor([1, 0, 1])
    cond, levels = sampler.draw_sampling(classes, torch.zeros(1, 0), torch.Generator())
    assert levels is None and (cond.argmax(1) == classes).all() and cond.shape == (3, 2)


def test_same_generator_seed_same_draws():
    sampler, _, _ = _two_segments()
    a = sampler.draw_training(100, torch.Generator().manual_seed(3))
    b = sampler.draw_training(100, torch.Generator().manual_seed(3))
    for x, z in zip(a, b):
        assert torch.equal(x, z)


def test_condition_sampler_state_round_trip_keeps_no_rows():
    sampler, _, _ = make_conditions()
    restored = ConditionSampler.from_state(sampler.get_state())
    assert restored.codes is None and restored.keys is None
    assert np.array_equal(restored.level_counts, sampler.level_counts)


def test_restored_sampler_draws_as_the_fitted_one():
    sampler, _, _ = _two_segments()
    restored = ConditionSampler.from_state(sampler.get_state()).to("cpu")
    mask = torch.tensor([[1.0, 1, 0, 0, 0], [0, 0, 1, 1, 1]])
    classes = torch.tensor([0, 1] * 50)
    a = sampler.draw_sampling(classes, mask, torch.Generator().manual_seed(0))
    b = restored.draw_sampling(classes, mask, torch.Generator().manual_seed(0))
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])
    # what a fitted sampler pickles: level counts, no training row
    sampler.forget_rows()
    assert sampler.keys_t is None and sampler.codes_t is None
    assert len(pickle.dumps(sampler)) < 4000
