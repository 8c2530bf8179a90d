"""Early stopping on held-out detection (skgan._stopping) and through GANSampler."""

import numpy as np
import torch

from skgan import GANSampler
from skgan._stopping import RealismStopping, validation_slice

from .conftest import FAST_PARAMS, make_mixed_frame


class _FakeModel:
    """A generator whose rows are fresh draws of the real distribution plus an offset."""

    def __init__(self):
        self.generator = torch.nn.Linear(1, 1)  # carries the state that is kept

    def encoded_rows(self, n, class_idx, rng):
        g = torch.Generator().manual_seed(int(torch.randint(1 << 30, (1,), generator=rng)))
        rows = torch.randn(n, 3, generator=g).numpy()
        return rows + float(self.generator.weight.detach())


def _stopper():
    held_out = {0: np.random.default_rng(0).normal(size=(300, 3))}
    model = _FakeModel()
    return RealismStopping(model, held_out, seed=0), model


def test_stops_at_the_first_check_without_gain_and_restores_the_best_weights():
    stop, model = _stopper()
    offsets = [3.0, 1.0, 0.0, 0.0, 0.5]  # detection falls, flattens, rises
    decisions = []
    for step, offset in enumerate(offsets):
        with torch.no_grad():
            model.generator.weight.fill_(offset)
        decisions.append(stop(50 * step))
    assert decisions == [False, False, False, True, True]
    assert stop.best_step in (100, 150) and stop.scores[2] < 0.6
    stop.restore()
    assert float(model.generator.weight.detach()) == 0.0


def test_the_slice_takes_a_fifth_of_large_watched_classes_only():
    y = np.r_[np.zeros(1000, int), np.ones(99, int), np.full(5000, 2)]
    held = validation_slice(y, [0, 1, 2], np.random.default_rng(0))
    assert held[y == 0].sum() == 200  # a fifth
    assert held[y == 1].sum() == 0  # too few rows to tell
    assert held[y == 2].sum() == 500  # at most 500
    assert not validation_slice(y, [0], np.random.default_rng(0), active=False).any()


def test_sampler_stops_when_training_earns_nothing_and_keeps_the_start():
    X, y = make_mixed_frame(n=1000)  # 150 minority rows: enough for a slice
    # a learning rate far too high: training can only move away from the start
    params = dict(FAST_PARAMS, n_steps=1000, learning_rate=0.05)
    sampler = GANSampler(**params, early_stopping=True).fit(X, y)
    assert sampler.n_steps_ < 1000 and sampler.n_steps_ % 50 == 0
    # one score for the start, one per check
    assert len(sampler.stopping_scores_) == sampler.n_steps_ // 50 + 1
    assert all(0.0 <= s <= 1.0 for s in sampler.stopping_scores_)
    start = GANSampler(**{**params, "n_steps": 0}, early_stopping=False).fit(X, y)
    if int(np.argmin(sampler.stopping_scores_)) == 0:
        for name, value in start.generator_.state_dict().items():
            assert torch.equal(value, sampler.generator_.state_dict()[name]), name
    off = GANSampler(**params, early_stopping=False).fit(X, y)
    assert off.n_steps_ == 1000 and off.stopping_scores_ == []


def test_the_held_out_slice_is_left_out_of_training():
    X, y = make_mixed_frame(n=1000)
    seen = {}
    import skgan._fitting as module

    real_train = module.train

    def spy(run, data, *args, **kwargs):
        seen["rows"] = len(data)
        return real_train(run, data, *args, **kwargs)

    module.train = spy
    try:
        GANSampler(**dict(FAST_PARAMS, n_steps=50), early_stopping=True).fit(X, y)
    finally:
        module.train = real_train
    # a fifth of the minority (the over-sampled class) is held out, the majority not
    assert seen["rows"] == len(X) - int(0.2 * (y == 1).sum())
