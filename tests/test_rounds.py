"""Adversarial rounds (skgan._rounds) and through GANSampler."""

import numpy as np
import pytest

from skgan import GANSampler
from skgan._detector import detection_score
from skgan._rounds import AdversarialRounds, pool_size
from skgan._screens import Candidates
from skgan.exceptions import PrivacyWarning

from .conftest import FAST_PARAMS


def _correlated(rng, n):
    a = rng.normal(size=n)
    return np.c_[a, a + 0.3 * rng.normal(size=n)]


def _independent_draw(rng):
    # the "generator": right marginals (nearly), no dependence
    def draw(n, k):
        return rng.normal(size=(n, 2)) * [1.0, 1.04]

    return draw


def _play(n_rounds, seed=0, **params):
    rng = np.random.default_rng(seed)
    real = _correlated(rng, 600)
    y = np.zeros(len(real), dtype=int)
    rounds = AdversarialRounds(n_rounds, **params).fit_classes(
        _independent_draw(rng), real, y, [0], rng
    )
    return rounds, rng


def test_pool_grows_four_times_a_round_up_to_64():
    assert [pool_size(t) for t in range(5)] == [1, 4, 16, 64, 64]


def test_each_round_brings_the_rows_closer_to_the_real_class():
    rng = np.random.default_rng(1)
    held_out = _correlated(rng, 500)
    scores = []
    for n_rounds in (0, 1, 2):
        rounds, rng = _play(n_rounds, seed=2)
        assert rounds.n_played(0) == n_rounds
        pool = _independent_draw(rng)(500 * rounds.draws(0), 0)
        rows = Candidates(pool, decode=None)
        kept = rows.take(rounds.keep(rows, 0, rng)).encoded
        assert len(kept) == 500
        scores.append(detection_score(held_out, kept, seed=0))
    assert scores[0] > 0.65  # independent columns are easy to tell from correlated ones
    assert scores[1] < scores[0] - 0.05 and scores[2] < scores[0] - 0.05


def test_auto_plays_while_a_fresh_detector_tells_less():
    rounds, _ = _play("auto")
    scores, played = rounds.scores_[0], rounds.n_played(0)
    assert 1 <= played <= 3
    assert scores[0] > 0.65  # independent columns are easy to tell from correlated ones
    assert len(scores) in (played + 1, played + 2)  # every kept round scored, maybe a dropped one
    assert all(b < a for a, b in zip(scores[:played], scores[1 : played + 1]))
    assert min(rounds.dcr_ratios_[0][: played + 1]) >= 0.9


def test_auto_drops_a_round_that_crowds_rows_onto_the_real_ones():
    rng = np.random.default_rng(0)
    real = rng.normal(size=(300, 3))
    y = np.zeros(300, dtype=int)

    def draw(n, k):  # a generator that memorised: a third near-copies, the rest too wide
        copies = real[rng.integers(0, 300, n // 3)] + rng.normal(0, 1e-3, (n // 3, 3))
        return np.vstack([copies, rng.normal(0, 2.5, (n - n // 3, 3))])

    rounds = AdversarialRounds("auto").fit_classes(draw, real, y, [0], rng)
    ratios = rounds.dcr_ratios_[0]
    assert ratios[1] < 0.9 and rounds.n_played(0) == 0
    fixed = AdversarialRounds(1).fit_classes(draw, real, y, [0], rng)
    assert fixed.n_played(0) == 1  # asked for: played, and its ratio recorded
    assert fixed.dcr_ratios_[0][1] < 0.9


def test_fixed_rounds_are_all_played_and_scored():
    rounds, _ = _play(2)
    assert rounds.n_played(0) == 2 and len(rounds.scores_[0]) == 3


def test_a_generator_that_is_already_real_plays_one_round():
    rng = np.random.default_rng(0)
    real = rng.normal(size=(1000, 2))
    y = np.zeros(1000, dtype=int)

    def draw(n, k):
        return rng.normal(size=(n, 2))

    rounds = AdversarialRounds("auto").fit_classes(draw, real, y, [0], rng)
    assert rounds.n_played(0) == 1 and rounds.draws(0) == 4  # one round, then it cannot tell
    assert len(rounds.scores_[0]) == 2 and max(rounds.scores_[0]) < 0.56


def test_the_draw_is_reproducible_random_and_follows_the_odds():
    rounds, rng = _play(1)
    near, far = _correlated(rng, 200), rng.normal(size=(200, 2)) * [1, -1]
    chunk = Candidates(np.vstack([near, far]), decode=None)
    first = rounds.keep(chunk, 0, np.random.default_rng(5))
    assert first.sum() == 100  # one in four
    assert np.array_equal(first, rounds.keep(chunk, 0, np.random.default_rng(5)))
    assert not np.array_equal(first, rounds.keep(chunk, 0, np.random.default_rng(6)))
    assert first[:200].sum() > 2 * first[200:].sum()


def test_a_class_without_rounds_keeps_candidates_in_order():
    rounds, rng = _play(1)
    chunk = Candidates(rng.normal(size=(9, 2)), decode=None)
    assert rounds.keep(chunk, 1).tolist() == [True] * 9  # class 1: no rounds, pool 1


def test_sampler_plays_rounds_and_records_their_scores(mixed_data):
    X, y = mixed_data
    sampler = GANSampler(**FAST_PARAMS).fit(X, y)
    assert set(sampler.rounds_.discriminators_) == {1}  # the over-sampled class only
    assert set(sampler.detection_scores_) == {1}
    X_res, y_res = sampler.fit_resample(X, y)
    assert (y_res == 1).sum() == (y_res == 0).sum()
    fixed = GANSampler(**FAST_PARAMS, n_rounds=2).fit(X, y)
    assert fixed.rounds_.n_played(1) == 2 and len(fixed.detection_scores_[1]) == 3
    off = GANSampler(**FAST_PARAMS, n_rounds=0).fit(X, y)
    assert off.rounds_ is None and off.detection_scores_ == {}


def test_off_under_differential_privacy_unless_asked(mixed_data):
    pytest.importorskip("opacus")
    X, y = mixed_data
    params = dict(FAST_PARAMS, n_steps=5, epsilon=5.0)
    assert GANSampler(**params).fit(X, y).rounds_ is None
    with pytest.warns(PrivacyWarning, match="n_rounds"):
        asked = GANSampler(**params, n_rounds=1).fit(X, y)
    assert asked.rounds_.n_played(1) == 1


def test_auto_plays_no_more_rounds_than_the_generation_budget_holds():
    rng = np.random.default_rng(0)
    real = _correlated(rng, 600)
    y = np.zeros(600, dtype=int)
    draw = _independent_draw(rng)
    small = AdversarialRounds("auto").fit_classes(draw, real, y, [0], rng, budgets={0: 10})
    assert small.n_played(0) <= 1 and small.draws(0) <= 10  # pool 4 fits, 16 does not
    none = AdversarialRounds("auto").fit_classes(draw, real, y, [0], rng, budgets={0: 3})
    assert none.n_played(0) == 0 and none.draws(0) == 1 and none.scores_[0] == []
    # a request larger than the whole budget (under one candidate a row): no round, no error
    huge = AdversarialRounds("auto").fit_classes(draw, real, y, [0], rng, budgets={0: 0.1})
    assert huge.n_played(0) == 0 and huge.scores_[0] == []  # nothing drawn or scored
    asked = AdversarialRounds(2).fit_classes(draw, real, y, [0], rng, budgets={0: 3})
    assert asked.n_played(0) == 2  # an int is played whatever the budget
