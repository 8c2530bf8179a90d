"""Early stopping on coverage and the averaged generator."""

import numpy as np
import torch

from skgan import GANSampler
from skgan._stopping import CoverageStopping

from .conftest import FAST_PARAMS


class _FakeModel:
    """A generator whose rows are the real rows plus a controllable offset."""

    def __init__(self, real):
        self.real = real
        self.generator = torch.nn.Linear(1, 1)  # carries the state that is kept

    def encoded_rows(self, n, class_idx, rng):
        g = torch.Generator().manual_seed(int(torch.randint(1 << 30, (1,), generator=rng)))
        picks = torch.randint(len(self.real), (n,), generator=g).numpy()
        return self.real[picks] + float(self.generator.weight.detach())


def _stopper(patience=2):
    real = np.random.default_rng(0).normal(size=(200, 3))
    model = _FakeModel(real)
    y = np.zeros(200, dtype=int)
    return CoverageStopping(model, real, y, [0], seed=0, n_iter_no_change=patience), model


def test_coverage_is_high_on_the_real_rows_and_low_far_from_them():
    stop, model = _stopper()
    with torch.no_grad():
        model.generator.weight.fill_(0.0)
        assert stop.coverage() > 0.95
        model.generator.weight.fill_(10.0)
        assert stop.coverage() == 0.0


def test_stops_after_n_checks_without_gain_and_restores_the_best_weights():
    stop, model = _stopper(patience=2)
    offsets = [3.0, 1.0, 0.0, 0.0, 0.5, 2.0]  # coverage rises, flattens, falls
    decisions = []
    for step, offset in enumerate(offsets, 1):
        with torch.no_grad():
            model.generator.weight.fill_(offset)
        decisions.append(stop(50 * step))
    assert decisions == [False, False, False, False, True, True]
    assert stop.scores[2] == max(stop.scores)
    stop.restore()
    assert float(model.generator.weight.detach()) == 0.0


def test_sampler_stops_early_and_reports_its_scores(mixed_data):
    X, y = mixed_data
    params = dict(FAST_PARAMS, n_steps=1000, n_iter_no_change=1, ema_decay=0.9)
    sampler = GANSampler(**params, early_stopping=True).fit(X, y)
    assert sampler.n_steps_ < 1000 and sampler.n_steps_ % 50 == 0
    assert len(sampler.validation_scores_) == sampler.n_steps_ // 50
    assert all(0.0 <= s <= 1.0 for s in sampler.validation_scores_)
    off = GANSampler(**params).fit(X, y)
    assert off.n_steps_ == 1000 and off.validation_scores_ == []


def test_the_kept_generator_is_the_moving_average(mixed_data):
    X, y = mixed_data
    params = dict(FAST_PARAMS, n_steps=20, early_stopping=False)
    last = GANSampler(**params, ema_decay=None).fit(X, y)
    averaged = GANSampler(**params, ema_decay=0.9).fit(X, y)
    # same seed, same training: only the kept weights differ
    assert last.history_ == averaged.history_
    w_last = last.generator_.state_dict()["net.0.fc.weight"]
    w_avg = averaged.generator_.state_dict()["net.0.fc.weight"]
    assert not torch.equal(w_last, w_avg)
